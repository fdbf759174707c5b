/**
 * Tekton: any YAML document with `apiVersion: tekton.dev/*` of kind Task, ClusterTask, Pipeline,
 * PipelineRun or TaskRun. Step `script:` blocks keep their own line numbers; `command` + `args`
 * become one command line. A Tekton Chains configuration means signing happens in the cluster,
 * outside the repository: a limit.
 */
import type { CiJob, CiStep, ParseContext, Pipeline } from './model.js';
import { emptyStep } from './model.js';
import { entries, get, getEntry, items, scalarString, scriptLines, str, type YamlFile } from './yaml-nodes.js';

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
      const words = [...cmd, ...args];
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

/** Parses every Tekton document of a file; a Chains config is reported as a limit. */
export function parseTekton(ctx: ParseContext, path: string): Pipeline | undefined {
  const jobs: CiJob[] = [];
  let found = false;
  for (const y of ctx.readYamlDocs(path)) {
    const root = y.doc.contents;
    const api = str(y, root, 'apiVersion') ?? '';
    const kind = str(y, root, 'kind') ?? '';
    const name = str(y, get(y, root, 'metadata'), 'name') ?? '';
    if (kind === 'ConfigMap' && (name === 'chains-config' || entries(y, get(y, root, 'data')).some((e) => /^(artifacts|signers|transparency)\./.test(e.key)))) {
      ctx.warn({ kind: 'limit', file: path, message: `Tekton Chains configuration (${name || 'ConfigMap'}): signing is done by the Chains controller in the cluster, outside this repository` });
      continue;
    }
    if (!api.startsWith('tekton.dev/') || !KINDS.has(kind)) continue;
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
