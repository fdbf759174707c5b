/** Signing actions referenced by a mutable tag or branch instead of a full commit SHA. Advisory. */
import type { DetectorMeta, PinKind, ToolPin } from '../types.js';
import type { RawRepo } from '../ops.js';
import type { Detector, DetectorContext, Observation } from './helpers.js';
import { isOwnVerification, toFindings } from './helpers.js';
import { isTestOfSigning } from '../ops.js';

/** Pipelines that sign, publish or verify: a `goreleaser check` in a test workflow is not the signing path. */
function relevantPipelines(raw: RawRepo): Set<string | undefined> {
  return new Set(raw.ops.filter((o) => (['sign', 'publish', 'key-import'].includes(o.rec.kind) && !isTestOfSigning(o)) || isOwnVerification(o)).map((o) => o.pipeline));
}

/**
 * A reference's pin: a full commit SHA or an image digest fixes the code; an exact version tag
 * (`v3.7.0`, `2.4.1`) names one release but its owner can move it; anything shorter (`v3`, `v3.7`),
 * a branch or no reference at all follows whatever is pushed next.
 */
export function pinOf(ref: string): PinKind {
  if (/^[0-9a-f]{40}$/i.test(ref) || /^sha256:[0-9a-f]{64}$/i.test(ref)) return 'digest';
  if (/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(ref)) return 'version';
  return 'moving';
}

export const signingToolReferences: DetectorMeta = {
  id: 'signingToolReferences',
  looksFor: 'How each signing-related CI action of a pipeline that signs, publishes or verifies is referenced: full commit SHA, exact version tag, or a moving tag or branch.',
  why: 'The signing step runs with the signing key or identity: only a commit SHA or digest fixes the code it runs (GOV-4).',
};

/** Every signing action of the relevant pipelines with its pin, for the GOV-4 rule (evidence registered). */
export function toolPins(ctx: DetectorContext): ToolPin[] {
  const relevant = relevantPipelines(ctx.raw);
  const out: ToolPin[] = [];
  for (const o of ctx.raw.ops) {
    if (o.rec.kind !== 'action' || !relevant.has(o.pipeline)) continue;
    out.push({ action: o.rec.action, ref: o.rec.ref, pin: o.rec.pinned ? 'digest' : pinOf(o.rec.ref), evidence: [ctx.evidence.add(o.at, signingToolReferences.id, 'high')] });
  }
  return out;
}

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
    const relevant = relevantPipelines(ctx.raw);
    for (const o of ctx.raw.ops) {
      if (o.rec.kind !== 'action' || o.rec.pinned || !relevant.has(o.pipeline)) continue;
      obs.push({ sites: [o.at], facts: [['tools', o.rec.tool]], confidence: 'high' });
    }
    return toFindings(ctx, this.meta.id, obs);
  },
};
