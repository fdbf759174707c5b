/**
 * The YAML-based CI systems with a flat shape: Bitbucket Pipelines, Buildkite, Travis, Drone, Cloud
 * Build and CodeBuild. Each is a small mapping from the system's keys to the normalised model.
 * CircleCI (orbs, workflows) and Azure Pipelines (templates) have their own modules.
 */
import type { CiStep, ParseContext, Pipeline } from './model.js';
import { emptyStep, job, runStep } from './model.js';
import type { SourceLine } from '../shell.js';
import { entries, get, getEntry, isMapping, items, scalarString, scriptLines, scriptList, str, stringMap, type YamlFile } from './yaml-nodes.js';

// ---------- Bitbucket Pipelines ----------
export function parseBitbucket(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const pipeline: Pipeline = { system: 'bitbucket-pipelines', file: path, jobs: [], env: {} };
  const walk = (node: unknown, trail: string, depth = 0): void => {
    if (depth > 8) return;
    for (const item of items(y, node)) {
      const step = get(y, item, 'step');
      if (step !== undefined) {
        const j = job(str(y, step, 'name') ?? trail, y, y.lineOf(item));
        for (const key of ['script', 'after-script']) {
          const e = getEntry(y, step, key);
          if (!e) continue;
          const run: SourceLine[] = [];
          for (const s of items(y, e.value)) {
            const pipe = getEntry(y, s, 'pipe');
            if (pipe) {
              j.steps.push({ ...emptyStep(y.path, pipe.line), uses: `pipe:${scalarString(y, pipe.value) ?? ''}`, usesLine: pipe.line, with: stringMap(y, get(y, s, 'variables')) });
              continue;
            }
            run.push(...scriptLines(y, s));
          }
          if (run.length) j.steps.push(runStep(y, e.line, run, key));
        }
        if (get(y, step, 'oidc') !== undefined && str(y, step, 'oidc') === 'true') j.idToken = { file: y.path, line: getEntry(y, step, 'oidc')!.line };
        pipeline.jobs.push(j);
        continue;
      }
      for (const key of ['parallel', 'stage']) {
        const inner = get(y, item, key);
        if (inner !== undefined) walk(isMapping(y, inner) ? get(y, inner, 'steps') : inner, trail, depth + 1);
      }
    }
  };
  const pipes = get(y, y.doc.contents, 'pipelines');
  for (const e of entries(y, pipes)) {
    if (e.key === 'default') walk(e.value, 'default');
    else for (const b of entries(y, e.value)) walk(b.value, `${e.key}:${b.key}`);
  }
  return pipeline;
}

// ---------- Buildkite ----------
/** A plugin's settings: scalars as they are, a list of scalars joined by spaces (docker-compose `push: [a, b]`). */
function pluginSettings(y: YamlFile, node: unknown): CiStep['with'] {
  const out = stringMap(y, node);
  for (const e of entries(y, node)) {
    if (e.key in out) continue;
    const list = items(y, e.value).map((i) => scalarString(y, i)).filter((v): v is string => v !== undefined);
    if (list.length) out[e.key] = { value: list.join(' '), line: e.line };
  }
  return out;
}

export function parseBuildkite(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const pipeline: Pipeline = { system: 'buildkite', file: path, jobs: [], env: stringMap(y, get(y, y.doc.contents, 'env')) };
  const walk = (node: unknown, depth = 0): void => {
    if (depth > 8) return;
    for (const item of items(y, node)) {
      if (get(y, item, 'group') !== undefined) {
        walk(get(y, item, 'steps'), depth + 1);
        continue;
      }
      const j = job(str(y, item, 'label') ?? str(y, item, 'key') ?? '(step)', y, y.lineOf(item));
      j.env = stringMap(y, get(y, item, 'env'));
      for (const key of ['command', 'commands']) {
        const e = getEntry(y, item, key);
        if (e) j.steps.push(runStep(y, e.line, scriptList(y, e.value)));
      }
      for (const plugin of items(y, get(y, item, 'plugins'))) {
        for (const p of entries(y, plugin)) j.steps.push({ ...emptyStep(y.path, p.line), uses: `plugin:${p.key}`, usesLine: p.line, with: pluginSettings(y, p.value) });
      }
      if (j.steps.length) pipeline.jobs.push(j);
    }
  };
  walk(get(y, y.doc.contents, 'steps'));
  return pipeline;
}

// ---------- Travis, Drone, Cloud Build, CodeBuild: commands under known keys ----------
export function parseTravis(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const j = job('(travis)', y, 1);
  const collect = (node: unknown): void => {
    for (const key of ['before_install', 'install', 'before_script', 'script', 'after_success', 'before_deploy', 'after_deploy']) {
      const e = getEntry(y, node, key);
      if (e) j.steps.push(runStep(y, e.line, scriptList(y, e.value), key));
    }
  };
  collect(y.doc.contents);
  const deploy = get(y, y.doc.contents, 'deploy');
  for (const d of [...items(y, deploy), ...(isMapping(y, deploy) ? [deploy] : [])]) collect(d);
  for (const stage of items(y, get(y, get(y, y.doc.contents, 'jobs'), 'include'))) collect(stage);
  return { system: 'travis', file: path, jobs: [j], env: {} };
}

export function parseDrone(ctx: ParseContext, path: string): Pipeline | undefined {
  const docs = ctx.readYamlDocs(path);
  if (docs.length === 0) return undefined;
  const pipeline: Pipeline = { system: 'drone', file: path, jobs: [], env: {} };
  for (const y of docs) {
    for (const s of items(y, get(y, y.doc.contents, 'steps'))) {
      const j = job(str(y, s, 'name') ?? '(step)', y, y.lineOf(s));
      j.env = stringMap(y, get(y, s, 'environment'));
      const e = getEntry(y, s, 'commands');
      if (e) j.steps.push(runStep(y, e.line, scriptList(y, e.value)));
      const image = getEntry(y, s, 'image');
      if (image) j.steps.push({ ...emptyStep(y.path, image.line), uses: `image:${scalarString(y, image.value) ?? ''}`, usesLine: image.line, with: stringMap(y, get(y, s, 'settings')) });
      pipeline.jobs.push(j);
    }
  }
  return pipeline;
}

export function parseCloudBuild(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const pipeline: Pipeline = { system: 'cloud-build', file: path, jobs: [], env: {} };
  for (const s of items(y, get(y, y.doc.contents, 'steps'))) {
    const j = job(str(y, s, 'id') ?? str(y, s, 'name') ?? '(step)', y, y.lineOf(s));
    const name = str(y, s, 'name') ?? '';
    const entrypoint = str(y, s, 'entrypoint');
    const shell = entrypoint?.replace(/^.*\//, '');
    const args = items(y, get(y, s, 'args'));
    const script = get(y, s, 'script');
    if (script !== undefined) j.steps.push(runStep(y, getEntry(y, s, 'script')!.line, scriptLines(y, script)));
    if (shell === 'bash' || shell === 'sh') {
      const c = args.findIndex((a) => scalarString(y, a) === '-c');
      if (c >= 0 && args[c + 1] !== undefined) j.steps.push(runStep(y, y.lineOf(args[c + 1]), scriptLines(y, args[c + 1])));
    } else if (args.length > 0) {
      const tool = entrypoint ?? name.slice(name.lastIndexOf('/') + 1).replace(/[:@].*$/, '');
      const words = args.map((a) => scalarString(y, a) ?? '').map((w) => (/\s/.test(w) ? `'${w.replace(/'/g, '')}'` : w));
      // the command is spread over `args:` items: cite `args: ["-m", "sigstore", "sign"]` when they are
      // on one line, else the step's `- name: <builder image>` line, which names the tool
      const argsEntry = getEntry(y, s, 'args')!;
      const line = /args:\s*\[/.test(y.text.split(/\r?\n/, argsEntry.line)[argsEntry.line - 1] ?? '') ? argsEntry.line : y.lineOf(s);
      j.steps.push(runStep(y, line, [{ text: `${tool} ${words.join(' ')}`, line }]));
    }
    // env: ["KEY=value"], secretEnv: [NAME] (from availableSecrets: Secret Manager)
    for (const e of items(y, get(y, s, 'env'))) {
      const kv = /^([A-Za-z_]\w*)=(.*)$/.exec(scalarString(y, e) ?? '');
      if (kv) j.env[kv[1]!] = { value: kv[2]!, line: y.lineOf(e) };
    }
    j.secretVariables = items(y, get(y, s, 'secretEnv')).map((e) => scalarString(y, e) ?? '').filter(Boolean);
    pipeline.jobs.push(j);
  }
  const images = getEntry(y, y.doc.contents, 'images');
  if (images) pipeline.jobs.push({ ...job('(images)', y, images.line), steps: [runStep(y, images.line, [{ text: 'docker push (cloudbuild images)', line: images.line }])] });
  return pipeline;
}

export function parseCodeBuild(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const pipeline: Pipeline = { system: 'codebuild', file: path, jobs: [], env: stringMap(y, get(y, get(y, y.doc.contents, 'env'), 'variables')) };
  for (const phase of entries(y, get(y, y.doc.contents, 'phases'))) {
    const j = job(phase.key, y, phase.line);
    const e = getEntry(y, phase.value, 'commands');
    if (e) j.steps.push(runStep(y, e.line, scriptList(y, e.value)));
    pipeline.jobs.push(j);
  }
  return pipeline;
}
