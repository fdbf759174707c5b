/** Signing actions referenced by a mutable tag or branch instead of a full commit SHA. Advisory. */
import type { Detector, Observation } from './helpers.js';
import { isOwnVerification, isTestOfSigning, toFindings } from './helpers.js';

export const signingToolsArePinned: Detector = {
  meta: {
    id: 'signingToolsArePinned',
    looksFor: 'Signing-related CI actions (sigstore/cosign-installer, attest actions, slsa-github-generator, notation, goreleaser, gpg import) not pinned to a 40-character commit SHA.',
    why: 'A tag such as @v3 or @main can be moved to code that steals the signing identity or key.',
  },
  advisory: true,
  problem: 'unpinned-signing-tool',
  run(ctx) {
    const obs: Observation[] = [];
    // only pipelines that sign, publish or verify: a `goreleaser check` in a test workflow is not the signing path
    const relevant = new Set(ctx.raw.ops.filter((o) => (['sign', 'publish', 'key-import'].includes(o.rec.kind) && !isTestOfSigning(o)) || isOwnVerification(o)).map((o) => o.pipeline));
    for (const o of ctx.raw.ops) {
      if (o.rec.kind !== 'action' || o.rec.pinned || !relevant.has(o.pipeline)) continue;
      obs.push({ sites: [o.at], facts: [['tools', o.rec.tool]], confidence: 'high' });
    }
    return toFindings(ctx, this.meta.id, obs);
  },
};
