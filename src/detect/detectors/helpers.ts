/**
 * What every detector shares: its shape, the context it judges, and the helpers that turn
 * "these operations, these facts" into findings with evidence, so no detector repeats the
 * evidence and merging boilerplate.
 */
import type { Evidence, Facts, Finding, DetectorMeta } from '../types.js';
import type { EvidenceSink } from '../evidence.js';
import { isSign, isTestOfSigning, type Op, type RawRepo, type Site } from '../ops.js';
import type { Recognised } from '../commands.js';

export interface DetectorContext {
  raw: RawRepo;
  evidence: EvidenceSink;
}

/**
 * The signing problem a detector's findings locate, for renderers (SARIF) to present without judging:
 * a committed private key, a long-lived key in a CI secret, a signing tool not pinned to a commit.
 */
export type SigningProblem = 'committed-private-key' | 'long-lived-key-in-ci-secret' | 'unpinned-signing-tool';

export interface Detector {
  meta: DetectorMeta;
  problem?: SigningProblem;
  /** Advisory detectors (e.g. pinning) report findings for the report and SARIF but set no fact. */
  advisory?: boolean;
  run(ctx: DetectorContext): Finding[];
}

export type FactValue = readonly [keyof Facts, string | boolean];

/** One judged observation: where it was seen (first site first) and the fact values it supports. */
export interface Observation {
  sites: readonly Site[];
  facts: readonly FactValue[];
  confidence: Evidence['confidence'];
}

/** Registers evidence and merges observations into one finding per (fact, value). */
export function toFindings(ctx: DetectorContext, detector: string, observations: readonly Observation[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const o of observations) {
    const ids = o.sites.map((s) => ctx.evidence.add(s, detector, o.confidence));
    for (const [fact, value] of o.facts) {
      const key = `${fact}\u0000${String(value)}`;
      let f = byKey.get(key);
      if (!f) {
        f = { detector, fact, value, evidence: [] };
        byKey.set(key, f);
      }
      for (const id of ids) if (!f.evidence.includes(id)) f.evidence.push(id);
    }
  }
  return [...byKey.values()];
}

export type SignRec = Extract<Recognised, { kind: 'sign' }>;
export type SignOp = Op & { rec: SignRec };

/**
 * Signing operations (signatures and attestations) matching a predicate. Test signing is left out:
 * a signature anyone can make with a committed test key signs nothing (collect notes it as a limit),
 * and an image signed on a throwaway registry (ttl.sh, a kind cluster's) is an e2e test.
 */
export function signOps(raw: RawRepo, pred: (rec: SignRec, op: Op) => boolean = () => true): SignOp[] {
  return raw.ops.filter((o): o is SignOp => isSign(o.rec) && !isTestOfSigning(o) && pred(o.rec, o));
}

/** Verification of this repository's own deliverables: not a test of signing, not of a base image pulled from elsewhere. */
export function isOwnVerification(op: Op): boolean {
  return op.rec.kind === 'verify' && !isTestOfSigning(op) && op.foreign === undefined;
}

/** The sites that show an operation: where it happens, then the CI steps that reach it. */
export function sitesOf(op: Op): Site[] {
  return [op.at, ...op.via, ...(op.configSites ?? [])];
}

export function confidenceOf(op: Op): Evidence['confidence'] {
  return op.origin === 'ci' || op.origin === 'policy' ? 'high' : 'medium';
}

/** A detector over signing operations: selects them, maps each to facts. */
export function signingDetector(meta: DetectorMeta, pred: (rec: SignRec, op: Op) => boolean, facts: (op: SignOp, ctx: DetectorContext) => { facts: FactValue[]; extraSites?: Site[]; confidence?: Evidence['confidence'] } | undefined): Detector {
  return {
    meta,
    run(ctx) {
      const obs: Observation[] = [];
      for (const op of signOps(ctx.raw, pred)) {
        const r = facts(op, ctx);
        if (!r || r.facts.length === 0) continue;
        obs.push({ sites: [...sitesOf(op), ...(r.extraSites ?? [])], facts: r.facts, confidence: r.confidence ?? confidenceOf(op) });
      }
      return toFindings(ctx, meta.id, obs);
    },
  };
}
