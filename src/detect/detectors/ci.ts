/** Which CI systems the repository configures. */
import type { Op } from '../ops.js';
import type { Detector, Observation } from './helpers.js';
import { toFindings } from './helpers.js';
import { isTestOfSigning } from '../ops.js';

export const ciIsConfigured: Detector = {
  meta: {
    id: 'ciIsConfigured',
    looksFor: 'Pipeline definitions of GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Bitbucket, Tekton, Buildkite, Travis, Drone, Cloud Build, CodeBuild.',
    why: 'Signing can only be automatic (REL-001 level 3) where a pipeline builds and releases.',
  },
  run(ctx) {
    // Evidence points only at pipelines that sign, publish or verify: a lint or test workflow is
    // not evidence of the signing practice, though its CI system is still reported. It cites the
    // first job that does so (in an included file if that is where the job is), else the first job.
    const relevant = new Map<string, Op>();
    for (const o of ctx.raw.ops) {
      if (o.pipeline === undefined || o.rec.kind === 'action' || o.rec.kind === 'call' || isTestOfSigning(o)) continue;
      if (!relevant.has(o.pipeline) || (relevant.get(o.pipeline)!.job === undefined && o.job)) relevant.set(o.pipeline, o);
    }
    const obs: Observation[] = ctx.raw.pipelines.map((p) => {
      const op = relevant.get(p.file);
      const job = op?.job ?? p.jobs.find((j) => j.file === p.file);
      const at = job ? { file: job.file, line: job.line } : { file: p.file, line: 1 };
      const sites = op ? [{ ...at, text: ctx.raw.lineText(at.file, at.line) }] : [];
      return { sites, facts: [['ci', p.system]], confidence: 'high' };
    });
    return toFindings(ctx, this.meta.id, obs);
  },
};
