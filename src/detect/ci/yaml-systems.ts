/**
 * The YAML-based CI systems with a simple shape: CircleCI, Azure Pipelines, Bitbucket Pipelines,
 * Buildkite, Travis, Drone, Cloud Build and CodeBuild. Each is a small mapping from the system's
 * keys to the normalised model.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiJob, CiStep, ParseContext, Pipeline } from './model.js';
import { dirname, emptyStep, normalisePath } from './model.js';
import { entries, get, getEntry, isMapping, items, scalarString, scriptLines, scriptList, str, stringMap, type YamlFile } from './yaml-nodes.js';
import type { SourceLine } from '../shell.js';

function job(id: string, y: YamlFile, line: number): CiJob {
  return { id, file: y.path, line, steps: [], env: {} };
}

function runStep(y: YamlFile, line: number, run: SourceLine[], name?: string): CiStep {
  const s = emptyStep(y.path, line);
  s.run = run;
  s.name = name;
  return s;
}

// ---------- CircleCI ----------
export function parseCircleCi(ctx: ParseContext, path: string): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const root = y.doc.contents;
  const pipeline: Pipeline = { system: 'circleci', file: path, jobs: [], env: {} };
  // `orbs: {cosign: juburr/cosign-orb@0.1.4}`: a step `cosign/sign_image` is `orb:juburr/cosign-orb/sign_image@0.1.4`
  const orbs = stringMap(y, get(y, root, 'orbs'));
  const orbStep = (name: string): string => {
    const slash = name.indexOf('/');
    const orb = slash > 0 ? orbs[name.slice(0, slash)]?.value : undefined;
    const m = orb ? /^([\w.-]+\/[\w.-]+)@(\S+)$/.exec(orb.trim()) : null;
    return m ? `orb:${m[1]}${name.slice(slash)}@${m[2]}` : name;
  };
  const stepsOf = (node: unknown): CiStep[] => {
    const out: CiStep[] = [];
    for (const item of items(y, node)) {
      const line = y.lineOf(item);
      const name = scalarString(y, item);
      if (name !== undefined) {
        out.push({ ...emptyStep(y.path, line), uses: orbStep(name), usesLine: line });
        continue;
      }
      for (const e of entries(y, item)) {
        if (e.key === 'run') {
          const cmd = isMapping(y, e.value) ? get(y, e.value, 'command') : e.value;
          const s = runStep(y, e.line, scriptLines(y, cmd), str(y, e.value, 'name'));
          s.env = stringMap(y, get(y, e.value, 'environment'));
          out.push(s);
        } else {
          // an orb command or a reusable command: `cosign/sign-image: {image: …}`
          const s: CiStep = { ...emptyStep(y.path, e.line), uses: orbStep(e.key), usesLine: e.line, with: stringMap(y, e.value) };
          out.push(s);
        }
      }
    }
    return out;
  };
  for (const section of ['jobs', 'commands']) {
    for (const e of entries(y, get(y, root, section))) {
      const j = job(e.key, y, e.line);
      j.env = stringMap(y, get(y, e.value, 'environment'));
      j.steps = stepsOf(get(y, e.value, 'steps'));
      pipeline.jobs.push(j);
    }
  }
  return pipeline;
}

// ---------- Azure Pipelines ----------
const AZURE_SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'];

export function parseAzure(ctx: ParseContext, path: string): Pipeline | undefined {
  const pipeline: Pipeline = { system: 'azure-pipelines', file: path, jobs: [], env: {} };
  const seen = new Set<string>();
  const visit = (file: string, depth: number): void => {
    if (seen.has(file) || depth > 5) return;
    seen.add(file);
    const y = ctx.readYaml(file);
    if (!y) return;
    const template = (node: unknown): void => {
      const t = str(y, node, 'template');
      if (!t || t.includes('@')) {
        if (t) ctx.warn(limitWarning('remote-template', file, { template: t }));
        return;
      }
      const target = normalisePath(t, dirname(file)) ;
      if (target && ctx.exists(target)) visit(target, depth + 1);
      else if (target && ctx.exists(normalisePath(t) ?? '')) visit(normalisePath(t)!, depth + 1);
    };
    const stepsOf = (node: unknown): CiStep[] => {
      const out: CiStep[] = [];
      for (const item of items(y, node)) {
        const line = y.lineOf(item);
        let step: CiStep | undefined;
        for (const key of AZURE_SCRIPT_KEYS) {
          const e = getEntry(y, item, key);
          if (e) step = runStep(y, e.line, scriptLines(y, e.value), str(y, item, 'displayName'));
        }
        const task = getEntry(y, item, 'task');
        if (task) {
          step = { ...emptyStep(y.path, task.line), uses: `task:${scalarString(y, task.value) ?? ''}`, usesLine: task.line, with: stringMap(y, get(y, item, 'inputs')) };
          const inputs = get(y, item, 'inputs');
          for (const k of ['script', 'inlineScript', 'Script']) {
            const s = get(y, inputs, k);
            if (s !== undefined) step.run.push(...scriptLines(y, s));
          }
        }
        if (get(y, item, 'template') !== undefined) template(item);
        if (step) {
          step.env = stringMap(y, get(y, item, 'env'));
          const wd = str(y, item, 'workingDirectory');
          if (wd && !wd.includes('$')) step.workdir = normalisePath(wd);
          out.push(step);
        }
        void line;
      }
      return out;
    };
    const jobsOf = (node: unknown): void => {
      for (const j of items(y, node)) {
        if (get(y, j, 'template') !== undefined && get(y, j, 'job') === undefined) {
          template(j);
          continue;
        }
        const name = str(y, j, 'job') ?? str(y, j, 'deployment') ?? '(job)';
        const cj = job(name, y, y.lineOf(j));
        cj.env = stringMap(y, get(y, j, 'variables'));
        cj.steps = stepsOf(get(y, j, 'steps'));
        const strategy = get(y, j, 'strategy');
        for (const phase of entries(y, strategy)) {
          for (const hook of entries(y, phase.value)) cj.steps.push(...stepsOf(get(y, hook.value, 'steps')));
        }
        pipeline.jobs.push(cj);
      }
    };
    const root = y.doc.contents;
    Object.assign(pipeline.env, stringMap(y, get(y, root, 'variables')));
    if (get(y, root, 'steps') !== undefined) {
      const j = job('(steps)', y, y.lineOf(root));
      j.steps = stepsOf(get(y, root, 'steps'));
      pipeline.jobs.push(j);
    }
    jobsOf(get(y, root, 'jobs'));
    for (const st of items(y, get(y, root, 'stages'))) {
      if (get(y, st, 'template') !== undefined) template(st);
      jobsOf(get(y, st, 'jobs'));
    }
    const ext = get(y, root, 'extends');
    if (ext !== undefined) template(ext);
  };
  visit(path, 0);
  return pipeline;
}

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
