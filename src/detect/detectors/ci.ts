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
    const obs: Observation[] = ctx.raw.pipelines.map((p) => {
      const line = p.jobs.find((j) => j.file === p.file)?.line ?? 1;
      return { sites: [{ file: p.file, line, text: ctx.raw.lineText(p.file, line) }], facts: [['ci', p.system]], confidence: 'high' };
    });
    return toFindings(ctx, this.meta.id, obs);
  },
};
