/**
 * Schema lint of the portfolio's deployment examples, offline (CI reaches only the npm registry):
 * - examples/portfolio/github-actions.yml against SchemaStore's GitHub workflow schema, as bundled in
 *   @action-validator/core (WebAssembly);
 * - examples/portfolio/kubernetes.yaml (batch/v1 Jobs) and examples/portfolio/argo-workflow.yaml
 *   (argoproj.io/v1alpha1 Workflow) against the JSON schemas kubernetes-models and
 *   @kubernetes-models/argo-workflows compile from the Kubernetes OpenAPI and Argo's Go types
 *   (types, required fields, enums, formats), and, because those schemas let unknown keys through
 *   (as the API server does unless asked for strict field validation), against the same packages'
 *   TypeScript interfaces with the TypeScript compiler's excess-property check, which rejects a
 *   misspelt key at any depth (as `kubectl apply --validate=strict` and `argo lint` do).
 * Each lint is shown to fail on a broken copy.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (name: string) => readFileSync(join(root, 'examples/portfolio', name), 'utf8');
const docsOf = (text: string) => parseAllDocuments(text).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJS() as Record<string, unknown>;
});

/** The workflow schema's errors, flattened to "path: detail" lines (oneOf branches included). */
function workflowErrors(text: string): string[] {
  const out: string[] = [];
  const walk = (errors: ReturnType<typeof validateWorkflow>['errors']) => {
    for (const e of errors) {
      out.push(`${'path' in e ? e.path : ''}: ${e.detail ?? e.title}`);
      if ('states' in e && e.states) for (const s of e.states) walk(s.errors);
    }
  };
  walk(validateWorkflow(text).errors);
  return out;
}

describe('examples/portfolio/github-actions.yml against the GitHub workflow schema', () => {
  const text = read('github-actions.yml');

  it('passes', () => {
    expect(workflowErrors(text)).toEqual([]);
  });

  it('rejects a broken copy: a misspelt job key, a misspelt step key, an unknown trigger', () => {
    const job = text.replace(/^( {4})runs-on:/m, '$1runs-onn:');
    expect(job).not.toBe(text);
    expect(workflowErrors(job).join('\n')).toMatch(/runs-onn/);
    const step = text.replace(/^( {8})with:/m, '$1wiht:');
    expect(step).not.toBe(text);
    expect(workflowErrors(step).join('\n')).toMatch(/wiht/);
    const trigger = text.replace(/^ {2}workflow_dispatch:/m, '  workflow_dispatched:');
    expect(trigger).not.toBe(text);
    expect(workflowErrors(trigger)).not.toEqual([]);
  });
});

/** The kubernetes-models schema's verdict on one document: undefined when valid, else the message. */
function modelError(doc: Record<string, unknown>): string | undefined {
  try {
    if (doc.kind === 'Workflow') new Workflow(doc as never).validate();
    else if (doc.kind === 'Job') new Job(doc as never).validate();
    else return `no schema here for ${String(doc.apiVersion)} ${String(doc.kind)}`;
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// The TypeScript excess-property check: each document as an object literal typed by its interface,
// compiled with the project's tsc in one run; the files must sit inside the repository so that the
// packages resolve from its node_modules.
const tsWork = mkdtempSync(join(root, 'test', '.schema-lint-'));
afterAll(() => rmSync(tsWork, { recursive: true, force: true }));
const IMPORTS: Record<string, string> = {
  Job: `import type { IJob as T } from 'kubernetes-models/batch/v1/Job';`,
  Workflow: `import type { IWorkflow as T } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';`,
};
function typeErrors(files: Record<string, Record<string, unknown>>): Record<string, string[]> {
  const dir = mkdtempSync(join(tsWork, 'run-'));
  for (const [name, doc] of Object.entries(files)) {
    writeFileSync(join(dir, `${name}.ts`), `${IMPORTS[String(doc.kind)]}\nexport const doc: T = ${JSON.stringify(doc, null, 2)};\n`);
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ['*.ts'],
  }));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { encoding: 'utf8', timeout: 120_000 });
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((n) => [n, []]));
  for (const line of r.stdout.split('\n')) {
    const m = /([\w-]+)\.ts\(\d+,\d+\): error (TS\d+: .*)/.exec(line);
    if (m) (errors[m[1]!] ??= []).push(m[2]!);
  }
  if (r.status !== 0 && Object.values(errors).every((e) => !e.length)) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
  return errors;
}

describe('examples/portfolio/kubernetes.yaml and argo-workflow.yaml against the Kubernetes and Argo schemas', () => {
  const jobs = docsOf(read('kubernetes.yaml'));
  const [workflow, ...more] = docsOf(read('argo-workflow.yaml'));

  it('are two batch/v1 Jobs and one argoproj.io/v1alpha1 Workflow, each valid against its schema', () => {
    expect(jobs.map((d) => `${String(d.apiVersion)} ${String(d.kind)}`)).toEqual(['batch/v1 Job', 'batch/v1 Job']);
    expect(`${String(workflow!.apiVersion)} ${String(workflow!.kind)}`).toBe('argoproj.io/v1alpha1 Workflow');
    expect(more).toEqual([]);
    for (const d of [...jobs, workflow!]) expect(modelError(d)).toBeUndefined();
  });

  it('the schemas reject broken copies: a wrong type, a misspelt required key, a missing required field', () => {
    const job = structuredClone(jobs[0]!) as { spec: { completions: unknown; template: { spec: Record<string, unknown> } } };
    job.spec.completions = 'four';
    expect(modelError(job as never)).toMatch(/completions must be integer/);
    const noContainers = structuredClone(jobs[1]!) as { spec: { template: { spec: Record<string, unknown> } } };
    noContainers.spec.template.spec.contianers = noContainers.spec.template.spec.containers;
    delete noContainers.spec.template.spec.containers;
    expect(modelError(noContainers as never)).toMatch(/required property 'containers'|required property containers/);
    const wf = structuredClone(workflow!) as { spec: { templates: { container?: { name?: string; imagePullPolicy?: string } }[] } };
    delete wf.spec.templates[1]!.container!.name;
    expect(modelError(wf as never)).toMatch(/container must have required property .?name/);
  });

  it('and, strictly, no key that the Kubernetes or Argo types do not know; a misspelt key at any depth is rejected', () => {
    type Pod = { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const badJob = structuredClone(jobs[0]!) as Pod;
    const c = badJob.spec.template.spec.containers[0]!;
    c.volumeMount = c.volumeMounts;
    delete c.volumeMounts;
    type Wf = { spec: Record<string, unknown> & { templates: Record<string, unknown>[] } };
    const badWf = structuredClone(workflow!) as Wf;
    badWf.spec.templates[1]!.retryStrategey = badWf.spec.templates[1]!.retryStrategy;
    delete badWf.spec.templates[1]!.retryStrategy;
    const errors = typeErrors({ job0: jobs[0]!, job1: jobs[1]!, workflow: workflow!, badJob: badJob as never, badWf: badWf as never });
    expect(errors.job0).toEqual([]);
    expect(errors.job1).toEqual([]);
    expect(errors.workflow).toEqual([]);
    expect(errors.badJob!.join('\n')).toMatch(/'"volumeMount"' does not exist in type 'IContainer'/);
    expect(errors.badWf!.join('\n')).toMatch(/'"retryStrategey"' does not exist/);
    // a misspelt key the schemas alone let through: this is why the type check is here
    expect(modelError(badWf as never)).toBeUndefined();
  });
});
