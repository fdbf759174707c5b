/** CircleCI: `.circleci/config.yml` jobs and reusable commands, orb steps named by the `orbs:` entry they come from. */
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
  return pipeline;
}
