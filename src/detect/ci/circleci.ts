/**
 * CircleCI: `.circleci/config.yml` jobs and reusable commands, orb steps named by the `orbs:` entry they
 * come from, and orb jobs a workflow runs directly (`workflows: release: jobs: - docker/publish`).
 */
import type { CiStep, ParseContext, Pipeline } from './model.js';
import { emptyStep, job, runStep } from './model.js';
import { entries, get, isMapping, items, scalarString, scriptLines, str, stringMap } from './yaml-nodes.js';

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
  // an orb job run from `workflows:` (`- docker/publish: {image: …, context: …}`) is one orb step with
  // its parameters, between its `pre-steps` and `post-steps`; the workflow's own keys are not parameters
  for (const wf of entries(y, get(y, root, 'workflows'))) {
    for (const item of items(y, get(y, wf.value, 'jobs'))) {
      const entry = scalarString(y, item) === undefined ? entries(y, item)[0] : undefined;
      const name = scalarString(y, item) ?? entry?.key;
      if (!name?.includes('/')) continue;
      const line = entry?.line ?? y.lineOf(item);
      const params = entry?.value;
      const inputs = Object.fromEntries(Object.entries(stringMap(y, params)).filter(([k]) => !WORKFLOW_JOB_KEYS.has(k)));
      const j = job(`${wf.key}/${str(y, params, 'name') ?? name}`, y, line);
      j.steps = [...stepsOf(get(y, params, 'pre-steps')), { ...emptyStep(y.path, line), uses: orbStep(name), usesLine: line, with: inputs }, ...stepsOf(get(y, params, 'post-steps'))];
      pipeline.jobs.push(j);
    }
  }
  return pipeline;
}

/** Keys of a workflow's job entry that configure the workflow, not the job's parameters. */
const WORKFLOW_JOB_KEYS = new Set(['context', 'filters', 'requires', 'name', 'matrix', 'pre-steps', 'post-steps', 'type', 'serial-group', 'override-with']);
