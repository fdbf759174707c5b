/** Azure Pipelines: `azure-pipelines*.yml` with stages, jobs, deployment hooks and local templates. */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiStep, ParseContext, Pipeline } from './model.js';
import { dirname, emptyStep, job, normalisePath, runStep } from './model.js';
import { entries, get, getEntry, items, scalarString, scriptLines, str, stringMap } from './yaml-nodes.js';

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
