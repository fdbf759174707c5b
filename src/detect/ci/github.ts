/**
 * GitHub Actions: `.github/workflows/*.y{a,}ml`. Local composite actions (`uses: ./path`) are
 * inlined from `path/action.y{a,}ml`; local reusable workflows are followed; another repository's
 * reusable workflow is kept as a `uses` step (so known generators are still recognised) and noted
 * as a limit, since what it does cannot be seen from here.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiJob, CiStep, Loc, ParseContext, Pipeline, ValueMap } from './model.js';
import { emptyStep, normalisePath } from './model.js';
import { entries, get, getEntry, items, scalarString, scriptLines, str, stringMap, type YamlFile } from './yaml-nodes.js';

export function isGitHubWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/** `permissions: write-all` or `permissions: {id-token: write}` → the line that grants it. */
function idTokenGrant(y: YamlFile, node: unknown): Loc | undefined {
  const perm = getEntry(y, node, 'permissions');
  if (!perm) return undefined;
  if (scalarString(y, perm.value) === 'write-all') return { file: y.path, line: perm.line };
  const idt = getEntry(y, perm.value, 'id-token');
  if (idt && scalarString(y, idt.value) === 'write') return { file: y.path, line: idt.line };
  return undefined;
}

function hasPermissions(y: YamlFile, node: unknown): boolean {
  return getEntry(y, node, 'permissions') !== undefined;
}

const MAX_DEPTH = 5;

/**
 * Where the job's checkouts put things in the workspace: `uses: ./x` and `working-directory:` are
 * workspace paths, so after `actions/checkout` with `path: src/app` this repository's
 * `.github/actions/build` is `./src/app/.github/actions/build`. Another repository checked out
 * (`repository: org/other`) occupies its `path:`: nothing under it is this repository's.
 */
interface Workspace {
  /** Where this repository is checked out ('' = the workspace root). */
  root: string;
  /** Where other repositories are checked out. */
  others: string[];
}

const ROOT_WORKSPACE: Workspace = { root: '', others: [] };
const under = (path: string, dir: string): boolean => dir === '' || path === dir || path.startsWith(dir + '/');

/** A workspace path as a path in this repository; undefined when it lies in another repository's checkout. */
function inRepository(ws: Workspace, path: string): string | undefined {
  // the deepest checkout holding the path decides (another repository checked out inside this one)
  const other = ws.others.filter((o) => under(path, o)).sort((a, b) => b.length - a.length)[0];
  if (ws.root !== '' && under(path, ws.root) && (other === undefined || other.length <= ws.root.length)) return path.slice(ws.root.length + 1);
  if (other !== undefined) return undefined;
  return path;
}

/** `actions/checkout` with `path:` (and `repository:` when it is another repository): the workspace after it. */
function afterCheckout(ws: Workspace, step: CiStep): Workspace {
  if (!step.uses || !/^actions\/checkout@/.test(step.uses)) return ws;
  const raw = step.with['path']?.value;
  const path = raw && !raw.includes('$') ? normalisePath(raw) ?? '' : raw ? undefined : '';
  if (path === undefined) return ws; // a path from an expression: unknown, keep what we knew
  const repository = step.with['repository']?.value;
  const self = repository === undefined || /^\$\{\{\s*github\.repository\s*\}\}$/.test(repository.trim());
  if (self) return { root: path, others: ws.others.filter((o) => o !== path) };
  return { root: ws.root === path ? '' : ws.root, others: [...ws.others.filter((o) => o !== path), path] };
}

function parseSteps(ctx: ParseContext, y: YamlFile, node: unknown, depth: number, via?: Loc, workdir?: string, workspace: Workspace = ROOT_WORKSPACE): CiStep[] {
  const out: CiStep[] = [];
  let ws = workspace;
  for (const item of items(y, node)) {
    const line = y.lineOf(item);
    const step: CiStep = { ...emptyStep(y.path, line), via };
    step.name = str(y, item, 'name');
    const uses = getEntry(y, item, 'uses');
    if (uses) {
      step.uses = scalarString(y, uses.value);
      step.usesLine = uses.line;
    }
    step.with = stringMap(y, get(y, item, 'with'));
    step.env = stringMap(y, get(y, item, 'env'));
    const run = get(y, item, 'run');
    if (run !== undefined) step.run = scriptLines(y, run);
    const condition = str(y, item, 'if');
    if (condition !== undefined) step.condition = condition;
    const wd = str(y, item, 'working-directory') ?? workdir;
    if (wd && !wd.includes('$')) {
      const inWorkspace = normalisePath(wd);
      const inRepo = inWorkspace === undefined ? undefined : inRepository(ws, inWorkspace);
      if (inRepo) step.workdir = inRepo;
    }
    out.push(step);
    if (step.uses?.startsWith('./') && depth < MAX_DEPTH) {
      for (const s of compositeSteps(ctx, step.uses, depth + 1, { file: y.path, line: step.usesLine ?? line }, step.with, ws)) out.push(s);
    }
    ws = afterCheckout(ws, step);
  }
  return out;
}

interface Composite {
  steps: CiStep[];
  /** Declared inputs' defaults (`inputs: NAME: default:`). */
  defaults: Record<string, string>;
}

/** A composite action is parsed once per scan, however many steps use it (kyverno: thousands of uses). */
const composites = new WeakMap<ParseContext, Map<string, Composite | undefined>>();

function readComposite(ctx: ParseContext, dir: string, depth: number, ws: Workspace): Composite | undefined {
  let cache = composites.get(ctx);
  if (!cache) composites.set(ctx, (cache = new Map()));
  const key = ws === ROOT_WORKSPACE ? dir : `${dir}\0${ws.root}\0${ws.others.join('\0')}`;
  if (cache.has(key)) return cache.get(key);
  cache.set(key, undefined); // a composite using itself sees nothing
  let found: Composite | undefined;
  for (const name of ['action.yml', 'action.yaml']) {
    const path = dir ? `${dir}/${name}` : name;
    if (!ctx.exists(path)) continue;
    const y = ctx.readYaml(path);
    if (!y) break;
    const defaults: Record<string, string> = {};
    for (const e of entries(y, get(y, y.doc.contents, 'inputs'))) {
      const d = str(y, e.value, 'default');
      if (d !== undefined) defaults[e.key] = d;
    }
    const runs = get(y, y.doc.contents, 'runs');
    found = { steps: parseSteps(ctx, y, get(y, runs, 'steps'), depth, undefined, undefined, ws), defaults };
    break;
  }
  cache.set(key, found);
  return found;
}

const INPUT_REF = /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g;

/**
 * Steps as a caller runs them: `${{ inputs.x }}` replaced by the caller's `with:` value (or the
 * input's default), so `make ${{ inputs.makefile-target }}` becomes the target the workflow names.
 * Lines keep their own numbers in the file that holds them.
 */
function withInputs(steps: readonly CiStep[], inputs: ValueMap, defaults: Record<string, string>, via?: Loc): CiStep[] {
  const sub = (text: string): string => (text.includes('inputs.') ? text.replace(INPUT_REF, (m, name: string) => inputs[name]?.value ?? defaults[name] ?? m) : text);
  // most steps name no input: they are shared, not copied (kyverno inlines thousands of steps)
  const subMap = (m: ValueMap): ValueMap => {
    if (!Object.values(m).some((v) => v.value.includes('inputs.'))) return m;
    const out: ValueMap = {};
    for (const [k, v] of Object.entries(m)) out[k] = { value: sub(v.value), line: v.line };
    return out;
  };
  const subRun = (run: CiStep['run']): CiStep['run'] => (run.some((l) => l.text.includes('inputs.')) ? run.map((l) => ({ text: sub(l.text), line: l.line })) : run);
  // inside an expression an input is a value: `inputs.config == 'x'` becomes `'release.yml' == 'x'`
  const subExpr = (cond: string): string => cond.replace(/\binputs\.([\w-]+)/g, (m, name: string) => {
    const v = inputs[name]?.value ?? defaults[name];
    return v === undefined || v.includes("'") ? m : `'${v}'`;
  });
  return steps
    .filter((s) => s.condition === undefined || literallyTrue(subExpr(s.condition)) !== false)
    .map((s) => ({
      ...s,
      via: s.via ?? via,
      uses: s.uses === undefined ? undefined : sub(s.uses),
      with: subMap(s.with),
      env: subMap(s.env),
      run: subRun(s.run),
    }));
}

/**
 * An `if:` that inputs turned into a comparison of two literals (`'goreleaser-canary.yml' ==
 * 'goreleaser.yml'`): true or false. Anything else is unknown (undefined) and the step is kept.
 */
function literallyTrue(condition: string): boolean | undefined {
  const m = /^\s*(?:\$\{\{)?\s*'([^']*)'\s*(==|!=)\s*'([^']*)'\s*(?:\}\})?\s*$/.exec(condition);
  if (!m) return undefined;
  return (m[1] === m[3]) === (m[2] === '==');
}

function compositeSteps(ctx: ParseContext, uses: string, depth: number, via: Loc, inputs: ValueMap, ws: Workspace): CiStep[] {
  const inWorkspace = normalisePath(uses.replace(/@.*$/, ''));
  const dir = inWorkspace === undefined ? undefined : inRepository(ws, inWorkspace);
  if (dir === undefined) return [];
  const c = readComposite(ctx, dir, depth, ws);
  return c ? withInputs(c.steps, inputs, c.defaults, via) : [];
}

/** Local reusable workflows: those called by a workflow here, and those triggered only by workflow_call. */
const reusables = new WeakMap<ParseContext, { called: Set<string>; callOnly: Set<string> }>();

function reusablesOf(ctx: ParseContext): { called: Set<string>; callOnly: Set<string> } {
  let r = reusables.get(ctx);
  if (!r) reusables.set(ctx, (r = { called: new Set(), callOnly: new Set() }));
  return r;
}

/**
 * A workflow triggered only by `workflow_call` and called by another workflow here runs as part of
 * its callers (with their inputs), never on its own: it is not a pipeline of its own.
 */
export function runsOnlyWithinCallers(ctx: ParseContext, path: string): boolean {
  const r = reusablesOf(ctx);
  return r.callOnly.has(path) && r.called.has(path);
}

/**
 * One that no workflow here calls is offered to other repositories (the slsa-github-generator's
 * generators, an organisation's shared release workflow): what it signs is its callers' deliverables,
 * not this repository's, so it is not this repository's CI (issue 10: a pipeline defined for others).
 */
export function offeredToCallers(ctx: ParseContext, path: string): boolean {
  const r = reusablesOf(ctx);
  return r.callOnly.has(path) && !r.called.has(path);
}

function triggeredOnlyByCall(y: YamlFile): boolean {
  const on = get(y, y.doc.contents, 'on');
  const names = scalarString(y, on) !== undefined ? [scalarString(y, on)] : items(y, on).length ? items(y, on).map((i) => scalarString(y, i)) : entries(y, on).map((e) => e.key);
  return names.length > 0 && names.every((n) => n === 'workflow_call');
}

/** `on: workflow_call: inputs: NAME: default:` of a reusable workflow. */
function workflowCallDefaults(y: YamlFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(y, get(y, get(y, get(y, y.doc.contents, 'on'), 'workflow_call'), 'inputs'))) {
    const d = str(y, e.value, 'default');
    if (d !== undefined) out[e.key] = d;
  }
  return out;
}

export function parseGitHubWorkflow(ctx: ParseContext, path: string, depth = 0, inherited?: { idToken?: Loc; env?: ValueMap; inputs?: ValueMap }): Pipeline | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const root = y.doc.contents;
  if (depth === 0 && triggeredOnlyByCall(y)) reusablesOf(ctx).callOnly.add(path);
  const pipeline: Pipeline = {
    system: 'github-actions',
    file: path,
    jobs: [],
    env: { ...inherited?.env, ...stringMap(y, get(y, root, 'env')) },
    idToken: idTokenGrant(y, root) ?? (hasPermissions(y, root) ? undefined : inherited?.idToken),
  };
  // another repository's reusable workflow → the jobs calling it: one limit per workflow, not per job
  const remote = new Map<string, string[]>();
  for (const job of entries(y, get(y, root, 'jobs'))) {
    const granted = idTokenGrant(y, job.value);
    const c: CiJob = {
      id: job.key,
      file: path,
      line: job.line,
      steps: [],
      env: stringMap(y, get(y, job.value, 'env')),
      idToken: granted ?? (hasPermissions(y, job.value) ? undefined : pipeline.idToken),
      needs: [scalarString(y, get(y, job.value, 'needs')), ...items(y, get(y, job.value, 'needs')).map((n) => scalarString(y, n))].filter((n): n is string => n !== undefined),
    };
    const uses = getEntry(y, job.value, 'uses');
    const ref = uses ? scalarString(y, uses.value) : undefined;
    if (uses && ref) {
      if (ref.startsWith('./') && depth < MAX_DEPTH) {
        const called = normalisePath(ref.replace(/@.*$/, ''));
        const inputs = stringMap(y, get(y, job.value, 'with'));
        if (called) reusablesOf(ctx).called.add(called);
        const inner = called ? parseGitHubWorkflow(ctx, called, depth + 1, { idToken: c.idToken, env: pipeline.env, inputs }) : undefined;
        if (inner) {
          for (const j of inner.jobs) {
            pipeline.jobs.push({ ...j, id: `${job.key}/${j.id}`, steps: j.steps.map((s) => ({ ...s, via: s.via ?? { file: path, line: uses.line } })) });
          }
        }
        continue;
      }
      const step: CiStep = { ...emptyStep(path, uses.line), uses: ref, usesLine: uses.line, with: stringMap(y, get(y, job.value, 'with')) };
      c.steps.push(step);
      remote.set(ref, [...(remote.get(ref) ?? []), job.key]);
    }
    const defaults = str(y, get(y, get(y, job.value, 'defaults'), 'run'), 'working-directory') ?? str(y, get(y, get(y, root, 'defaults'), 'run'), 'working-directory');
    c.steps.push(...parseSteps(ctx, y, get(y, job.value, 'steps'), depth, undefined, defaults));
    pipeline.jobs.push(c);
  }
  // a reusable workflow called with `with:` runs its steps with those inputs
  if (inherited?.inputs) {
    const defaults = workflowCallDefaults(y);
    for (const j of pipeline.jobs) j.steps = withInputs(j.steps, inherited.inputs, defaults);
  }
  for (const [ref, jobs] of remote) {
    ctx.warn(limitWarning('github-remote-workflow', path, { jobs: String(jobs.length), names: jobs.map((j) => `"${j}"`).join(', '), ref }));
  }
  return pipeline;
}

