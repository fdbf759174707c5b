/**
 * Tekton: any YAML document with `apiVersion: tekton.dev/*` of kind Task, ClusterTask, Pipeline,
 * PipelineRun or TaskRun. Step `script:` blocks keep their own line numbers; `command` + `args`
 * become one command line. A Tekton Chains configuration means signing happens in the cluster,
 * outside the repository: a limit.
 * A Task or Pipeline kept in a catalog-like folder (`task/`, `tasks/`, `catalog/`, `pipeline(s)/`,
 * `stepaction(s)/`) that nothing here runs is a definition shipped for users (a catalog's
 * `task/x/0.1/x.yaml`): what it would sign is theirs, not the repository's. Runs are a PipelineRun or
 * TaskRun (also in a TriggerTemplate's `resourcetemplates`) naming it, or a Pipeline so run naming the
 * Task. Elsewhere (`deploy/tekton/`, beside a Chains configuration) an unrun Task may be run by the
 * repository's own cluster, by triggers kept outside it: it stays its CI.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiJob, CiStep, ParseContext, Pipeline } from './model.js';
import { emptyStep } from './model.js';
import { entries, get, getEntry, items, scalarString, scriptLines, str, type YamlFile } from './yaml-nodes.js';
import { keyRefOf, type Recognised } from '../commands.js';
import type { Loc } from './model.js';

const KINDS = new Set(['Task', 'ClusterTask', 'Pipeline', 'PipelineRun', 'TaskRun']);

export function mayBeTekton(text: string): boolean {
  return text.includes('tekton.dev/') || text.includes('chains-config') || /artifacts\.(oci|taskrun|pipelinerun)\./.test(text);
}

function stepsOf(y: YamlFile, node: unknown): CiStep[] {
  const out: CiStep[] = [];
  for (const s of items(y, node)) {
    const step = emptyStep(y.path, y.lineOf(s));
    step.name = str(y, s, 'name');
    const script = getEntry(y, s, 'script');
    if (script) step.run = scriptLines(y, script.value);
    else {
      const cmd = items(y, get(y, s, 'command')).map((c) => scalarString(y, c) ?? '');
      const args = items(y, get(y, s, 'args')).map((c) => scalarString(y, c) ?? '');
      // no command: the image's entrypoint runs (kaniko's `executor`, …)
      const image = str(y, s, 'image') ?? '';
      const entry = cmd.length ? [] : [image.replace(/[@:][^/]*$/, '').slice(image.lastIndexOf('/') + 1) === 'executor' || /kaniko/.test(image) ? 'executor' : image.replace(/[@:][^/]*$/, '').split('/').pop() ?? ''];
      const words = [...entry, ...cmd, ...args];
      if (words.length) {
        const line = getEntry(y, s, 'command')?.line ?? getEntry(y, s, 'args')?.line ?? step.line;
        if (/^(sh|bash)$/.test(words[0] ?? '') && words[1] === '-c' && words[2]) step.run = [{ text: words[2], line }];
        else step.run = [{ text: words.map((w) => (/\s/.test(w) ? `'${w.replace(/'/g, '')}'` : w)).join(' '), line }];
      }
    }
    const image = str(y, s, 'image');
    if (image) step.uses = `image:${image}`;
    for (const e of entries(y, get(y, s, 'env'))) {
      const v = str(y, e.value, 'value');
      if (v !== undefined) step.env[str(y, e.value, 'name') ?? e.key] = { value: v, line: e.line };
    }
    for (const e of items(y, get(y, s, 'env'))) {
      const name = str(y, e, 'name');
      if (name) step.env[name] = { value: str(y, e, 'value') ?? (get(y, e, 'valueFrom') !== undefined ? '(secret)' : ''), line: y.lineOf(e) };
    }
    out.push(step);
  }
  return out;
}

/** Folders where a repository keeps Tekton definitions for others to run (the Tekton catalog's layout and kin). */
const CATALOG_DIR = /(^|\/)(tasks?|catalog|pipelines?|stepactions?)\//i;

/** `kind/name` of the Tasks and Pipelines a run of this repository reaches. */
export type TektonRuns = ReadonlySet<string>;

const refName = (y: YamlFile, node: unknown): string | undefined => str(y, get(y, node, 'taskRef') ?? get(y, node, 'pipelineRef'), 'name');

/**
 * The Tasks and Pipelines that runs in these files reach: a PipelineRun's `pipelineRef` (and the
 * `taskRef`s of its inline `pipelineSpec`), a TaskRun's `taskRef`, the same inside a TriggerTemplate,
 * and the `taskRef`s of every Pipeline reached. Names only: a ClusterTask and a Task of one name are one.
 */
export function tektonRuns(ctx: ParseContext, paths: readonly string[]): TektonRuns {
  const ran = new Set<string>();
  const pipelineTasks = new Map<string, string[]>();
  const tasksOf = (y: YamlFile, pipelineSpec: unknown): string[] =>
    ['tasks', 'finally'].flatMap((k) => items(y, get(y, pipelineSpec, k)).map((t) => refName(y, t)).filter((n): n is string => n !== undefined));
  const run = (y: YamlFile, doc: unknown): void => {
    const kind = str(y, doc, 'kind');
    const spec = get(y, doc, 'spec');
    if (kind === 'PipelineRun') {
      const p = str(y, get(y, spec, 'pipelineRef'), 'name');
      if (p) ran.add(`Pipeline/${p}`);
      for (const t of tasksOf(y, get(y, spec, 'pipelineSpec'))) ran.add(`Task/${t}`);
    } else if (kind === 'TaskRun') {
      const t = str(y, get(y, spec, 'taskRef'), 'name');
      if (t) ran.add(`Task/${t}`);
    }
  };
  for (const path of paths) {
    for (const y of ctx.readYamlDocs(path)) {
      const root = y.doc.contents;
      if (!(str(y, root, 'apiVersion') ?? '').includes('tekton.dev/')) continue;
      const kind = str(y, root, 'kind');
      if (kind === 'Pipeline') pipelineTasks.set(str(y, get(y, root, 'metadata'), 'name') ?? '', tasksOf(y, get(y, root, 'spec')));
      else if (kind === 'TriggerTemplate') for (const r of items(y, get(y, get(y, root, 'spec'), 'resourcetemplates'))) run(y, r);
      else run(y, root);
    }
  }
  for (const [name, tasks] of pipelineTasks) if (ran.has(`Pipeline/${name}`)) for (const t of tasks) ran.add(`Task/${t}`);
  return ran;
}

/**
 * Parses the Tekton documents of a file that run, or that a run here reaches (`runs`); a Chains
 * config is reported as a limit. Definitions nothing runs are counted in `unrun`.
 */
export function parseTekton(ctx: ParseContext, path: string, runs?: TektonRuns, unrun?: Loc[]): Pipeline | undefined {
  const jobs: CiJob[] = [];
  let found = false;
  for (const y of ctx.readYamlDocs(path)) {
    const root = y.doc.contents;
    const api = str(y, root, 'apiVersion') ?? '';
    const kind = str(y, root, 'kind') ?? '';
    const name = str(y, get(y, root, 'metadata'), 'name') ?? '';
    if (isChainsConfig(y)) {
      ctx.warn(limitWarning('tekton-chains', path, { name: name || 'ConfigMap' }));
      continue;
    }
    if (!api.startsWith('tekton.dev/') || !KINDS.has(kind)) continue;
    const defined = kind === 'Pipeline' ? `Pipeline/${name}` : kind === 'Task' || kind === 'ClusterTask' ? `Task/${name}` : undefined;
    if (runs && defined && !runs.has(defined) && CATALOG_DIR.test(path)) {
      unrun?.push({ file: path, line: y.lineOf(root) });
      continue;
    }
    found = true;
    const spec = get(y, root, 'spec');
    const addTask = (id: string, line: number, taskSpec: unknown): void => {
      const steps = stepsOf(y, get(y, taskSpec, 'steps'));
      if (steps.length) jobs.push({ id, file: path, line, steps, env: {} });
    };
    if (kind === 'Task' || kind === 'ClusterTask') addTask(name || kind, y.lineOf(root), spec);
    if (kind === 'TaskRun') addTask(name || kind, y.lineOf(root), get(y, spec, 'taskSpec'));
    const pipelineSpec = kind === 'Pipeline' ? spec : get(y, spec, 'pipelineSpec');
    for (const key of ['tasks', 'finally']) {
      for (const t of items(y, get(y, pipelineSpec, key))) addTask(str(y, t, 'name') ?? 'task', y.lineOf(t), get(y, t, 'taskSpec'));
    }
  }
  return found ? { system: 'tekton', file: path, jobs, env: {} } : undefined;
}

function isChainsConfig(y: YamlFile): boolean {
  const root = y.doc.contents;
  const name = str(y, get(y, root, 'metadata'), 'name') ?? '';
  return str(y, root, 'kind') === 'ConfigMap' && (name === 'chains-config' || entries(y, get(y, root, 'data')).some((e) => /^(artifacts|signers|transparency)\./.test(e.key)));
}

export interface ChainsSigning {
  rec: Extract<Recognised, { kind: 'sign' }>;
  line: number;
  /** The line that makes it keyless (signers.x509.fulcio.enabled). */
  keylessAt?: Loc;
}

/**
 * What a Tekton Chains config says Chains will sign: OCI images (`artifacts.oci.signer`) and
 * TaskRun/PipelineRun provenance (`artifacts.taskrun.format`), keylessly when Fulcio is enabled,
 * else with a KMS key or the `signing-secrets` Kubernetes secret.
 */
export function parseChainsConfig(ctx: ParseContext, path: string): ChainsSigning[] {
  const out: ChainsSigning[] = [];
  for (const y of ctx.readYamlDocs(path)) {
    if (!isChainsConfig(y)) continue;
    const data = get(y, y.doc.contents, 'data');
    const value = (key: string): { v: string; line: number } | undefined => {
      const e = getEntry(y, data, key);
      const v = e ? scalarString(y, e.value) : undefined;
      return e && v !== undefined ? { v, line: e.line } : undefined;
    };
    const fulcio = value('signers.x509.fulcio.enabled');
    const kmsRef = value('signers.kms.kmsref');
    const keyFor = (signer: string): { keyless: boolean; key?: ReturnType<typeof keyRefOf> } => {
      if (signer === 'x509' && fulcio && /^true$/i.test(fulcio.v)) return { keyless: true };
      if (signer === 'kms' && kmsRef) return { keyless: false, key: keyRefOf(kmsRef.v) };
      return { keyless: false, key: { type: 'k8s', uri: 'k8s://tekton-chains/signing-secrets' } };
    };
    const keylessAt = fulcio ? { file: path, line: fulcio.line } : undefined;
    const oci = value('artifacts.oci.signer') ?? { v: 'x509', line: 0 };
    if (oci.v !== 'none' && oci.line > 0) {
      const k = keyFor(oci.v);
      out.push({ rec: { kind: 'sign', tool: 'tekton-chains', artifact: 'container-image', ...k }, line: oci.line, keylessAt: k.keyless ? keylessAt : undefined });
    }
    for (const run of ['taskrun', 'pipelinerun']) {
      const format = value(`artifacts.${run}.format`);
      const signer = value(`artifacts.${run}.signer`) ?? { v: 'x509', line: 0 };
      if (!format || signer.v === 'none') continue;
      const k = keyFor(signer.v);
      out.push({ rec: { kind: 'sign', tool: 'tekton-chains', artifact: 'container-image', attestation: 'provenance', ...k }, line: format.line, keylessAt: k.keyless ? keylessAt : undefined });
    }
  }
  return out;
}
