/** Which CI systems the repository configures. */
import type { Detector, Observation } from './helpers.js';
import { toFindings } from './helpers.js';

export const ciIsConfigured: Detector = {
  meta: {
    id: 'ciIsConfigured',
    looksFor: 'Pipeline definitions of GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Bitbucket, Tekton, Buildkite, Travis, Drone, Cloud Build, CodeBuild.',
    why: 'Signing can only be automatic (REL-001 level 3) where a pipeline builds and releases.',
  },
  run(ctx) {
    // Evidence points only at pipelines that sign, publish or verify: a lint or test workflow is
    // not evidence of the signing practice, though its CI system is still reported.
    const relevant = new Set(ctx.raw.ops.filter((o) => o.pipeline !== undefined && o.rec.kind !== 'action' && o.rec.kind !== 'call').map((o) => o.pipeline));
    const obs: Observation[] = ctx.raw.pipelines.map((p) => {
      const line = p.jobs.find((j) => j.file === p.file)?.line ?? 1;
      const sites = relevant.has(p.file) ? [{ file: p.file, line, text: ctx.raw.lineText(p.file, line) }] : [];
      return { sites, facts: [['ci', p.system]], confidence: 'high' };
    });
    return toFindings(ctx, this.meta.id, obs);
  },
};
