/**
 * CircleCI orb commands and Buildkite plugins run code kept outside the repository. The registry
 * reads the ones it knows (a cosign orb, the cosign plugin); one whose name says it may sign or
 * publish and that the registry does not know is a limit, named, so an auditor can ask.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import { isUnreadRemoteStep } from '../actions.js';
import type { CollectStep } from './state.js';

const MAY_SIGN_OR_PUBLISH = /sign|notar|attest|provenance|cosign|gpg|publish|release|push|deploy|upload/i;

export const remoteSteps: CollectStep = {
  kind: 'source',
  name: 'remote-steps',
  run(c) {
    for (const pipeline of c.pipelines) {
      if (pipeline.system !== 'circleci' && pipeline.system !== 'buildkite') continue;
      // by its name (`gcp-gcr/push-image`) or its settings (the docker-compose plugin's `push:`)
      const unread = pipeline.jobs.flatMap((j) => j.steps)
        .filter((s) => s.uses && (MAY_SIGN_OR_PUBLISH.test(s.uses) || Object.keys(s.with).some((k) => MAY_SIGN_OR_PUBLISH.test(k))) && isUnreadRemoteStep(s.uses));
      const first = unread[0];
      if (!first) continue;
      const names = [...new Set(unread.map((s) => `"${s.uses!.replace(/^(orb|plugin):/, '')}"`))];
      c.ctx.warn(limitWarning('remote-step', pipeline.file, { at: `${first.file}:${first.usesLine ?? first.line}`, count: String(names.length), names: names.join(', ') }));
    }
  },
};
