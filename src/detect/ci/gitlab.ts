/**
 * GitLab CI: `.gitlab-ci.yml` and its local includes (`include: 'file'`, `- 'file'`, `- local: file`,
 * followed whatever the file's name). Remote, project, template and component includes are limits.
 * Jobs are the top-level mappings that are not keywords; hidden jobs (`.name`) are kept because
 * `extends:` and `!reference` pull their scripts into real jobs.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiJob, CiStep, Loc, ParseContext, Pipeline } from './model.js';
import { emptyStep, normalisePath } from './model.js';
import { entries, get, getEntry, isMapping, items, scalarString, scriptList, str, stringMap, type YamlFile } from './yaml-nodes.js';

const KEYWORDS = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
const MAX_INCLUDES = 50;

function includeTargets(ctx: ParseContext, y: YamlFile): string[] {
  const node = get(y, y.doc.contents, 'include');
  const list = items(y, node);
  const all = list.length > 0 ? list : node === undefined ? [] : [node];
  const out: string[] = [];
  for (const inc of all) {
    const line = y.lineOf(inc);
    const s = scalarString(y, inc);
    if (s !== undefined) {
      if (/^https?:\/\//.test(s)) limit(ctx, y.path, line, 'remote', s);
      else out.push(s);
      continue;
    }
    if (!isMapping(y, inc)) continue;
    const local = getEntry(y, inc, 'local');
    if (local) {
      const v = scalarString(y, local.value);
      if (v) out.push(v);
      continue;
    }
    for (const kind of ['remote', 'project', 'template', 'component']) {
      const e = getEntry(y, inc, kind);
      if (e) limit(ctx, y.path, e.line, kind, scalarString(y, e.value) ?? '');
    }
  }
  return out;
}


function idTokens(y: YamlFile, node: unknown): Loc | undefined {
  const e = getEntry(y, node, 'id_tokens');
  if (!e) return undefined;
  const first = entries(y, e.value)[0];
  return { file: y.path, line: first?.line ?? e.line };
}

function scriptStep(y: YamlFile, job: unknown, key: string): CiStep | undefined {
  const e = getEntry(y, job, key);
  if (!e) return undefined;
  const step = emptyStep(y.path, e.line);
  step.name = key;
  step.run = scriptList(y, e.value);
  return step;
}

export function parseGitLab(ctx: ParseContext, entry: string): Pipeline | undefined {
  const first = ctx.readYaml(entry);
  if (!first) return undefined;
  const pipeline: Pipeline = { system: 'gitlab-ci', file: entry, jobs: [], env: {} };
  const queue: string[] = [entry];
  const seen = new Set<string>();
  const extendsOf = new Map<CiJob, string[]>();
  while (queue.length > 0 && seen.size < MAX_INCLUDES) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const y = path === entry ? first : ctx.readYaml(path);
    if (!y) continue;
    for (const inc of includeTargets(ctx, y)) {
      if (/[*]/.test(inc)) {
        const re = new RegExp('^' + (normalisePath(inc) ?? '').split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
        for (const p of ctx.paths()) if (re.test(p)) queue.push(p);
        continue;
      }
      const target = normalisePath(inc);
      if (target === undefined) continue;
      if (ctx.exists(target)) queue.push(target);
      else ctx.warn({ kind: 'unreadable', file: path, message: `included file ${inc} is not in the repository` });
    }
    const root = y.doc.contents;
    Object.assign(pipeline.env, stringMap(y, get(y, root, 'variables')));
    const def = get(y, root, 'default');
    pipeline.idToken ??= idTokens(y, def);
    // top-level before_script/after_script (deprecated but common) and default: ones act on every job
    const globalSteps: CiStep[] = [];
    for (const key of ['before_script', 'after_script']) {
      const s = scriptStep(y, root, key) ?? scriptStep(y, def, key);
      if (s) globalSteps.push(s);
    }
    if (globalSteps.length) pipeline.jobs.push({ id: '(default)', file: path, line: globalSteps[0]!.line, steps: globalSteps, env: {} });
    for (const e of entries(y, root)) {
      if (KEYWORDS.has(e.key) || !isMapping(y, e.value)) continue;
      const job: CiJob = {
        id: e.key,
        file: path,
        line: e.line,
        steps: [],
        env: stringMap(y, get(y, e.value, 'variables')),
        idToken: idTokens(y, e.value),
      };
      for (const key of SCRIPT_KEYS) {
        const s = scriptStep(y, e.value, key);
        if (s) job.steps.push(s);
      }
      // `trigger: include:` child pipelines with local files; a downstream pipeline of another
      // project (`trigger: project:` or `trigger: group/project`) runs there, like a remote include
      const trigger = getEntry(y, e.value, 'trigger');
      const project = trigger ? scalarString(y, trigger.value) ?? str(y, trigger.value, 'project') : undefined;
      if (trigger && project) ctx.warn(limitWarning('gitlab-trigger', path, { at: `${path}:${trigger.line}`, job: String(e.key), project }));
      for (const inc of items(y, get(y, trigger?.value, 'include'))) {
        const local = scalarString(y, get(y, inc, 'local')) ?? scalarString(y, inc);
        const target = local ? normalisePath(local) : undefined;
        if (target && ctx.exists(target)) queue.push(target);
        else for (const kind of ['project', 'remote', 'template', 'component']) {
          const ext = getEntry(y, inc, kind);
          if (ext) limit(ctx, path, ext.line, `child pipeline ${kind}`, scalarString(y, ext.value) ?? '');
        }
      }
      const ext = get(y, e.value, 'extends');
      const names = items(y, ext).map((n) => scalarString(y, n)).filter((n): n is string => !!n);
      const single = scalarString(y, ext);
      if (single) names.push(single);
      if (names.length) extendsOf.set(job, names);
      pipeline.jobs.push(job);
    }
  }
  // `extends:` brings the template's id_tokens and variables (and its scripts, kept as their own job)
  const byName = new Map(pipeline.jobs.map((j) => [j.id, j]));
  const inherit = (job: CiJob, depth: number): void => {
    if (depth > 10) return;
    for (const name of extendsOf.get(job) ?? []) {
      const parent = byName.get(name);
      if (!parent || parent === job) continue;
      inherit(parent, depth + 1);
      job.idToken ??= parent.idToken;
      job.env = { ...parent.env, ...job.env };
    }
  };
  for (const job of pipeline.jobs) inherit(job, 0);
  return pipeline;
}

function limit(ctx: ParseContext, file: string, line: number, include: string, what: string): void {
  ctx.warn(limitWarning('gitlab-include', file, { at: `${file}:${line}`, include, what }));
}
