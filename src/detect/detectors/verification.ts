/**
 * Verification of signatures: CLI verify steps in CI and the scripts they call (cosign verify*,
 * notation verify, gpg --verify, slsa-verifier, gh attestation verify, …) and deploy-time admission
 * policies. Dockerfiles are not read: a gpg --verify there checks a downloaded tool, not your artifacts.
 * Only the repository's own deliverables count: not a base or builder image pulled from elsewhere
 * (`cosign verify cgr.dev/chainguard/static`), nor an e2e test verifying a scratch file
 * (collect/own-deliverables.ts).
 */
import type { Detector, Observation } from './helpers.js';
import { confidenceOf, isOwnVerification, signOps, sitesOf, toFindings } from './helpers.js';
import { VOCABULARY } from '../tools/index.js';

export const signaturesAreVerified: Detector = {
  meta: {
    id: 'signaturesAreVerified',
    looksFor: 'Verification commands in CI steps and the scripts they call: cosign verify/verify-blob/verify-attestation, notation verify, gpg --verify, slsa-verifier, gh attestation verify; the verifying tool is named among the tools.',
    why: 'A signature only protects consumers who check it; REL-001 level 3 asks for verification at deploy/consume time.',
  },
  run(ctx) {
    const obs: Observation[] = ctx.raw.ops
      .filter((o) => isOwnVerification(o) && o.pipeline !== undefined)
      // the verifying tool is among the tools when it is in the vocabulary (`cosign verify` → cosign),
      // so a repository that only verifies still names its tool, without counting as signing
      .map((o) => ({ sites: sitesOf(o), facts: [['verifies', true], ...(o.rec.kind === 'verify' && VOCABULARY.has(o.rec.tool) ? [['tools', o.rec.tool] as const] : [])], confidence: confidenceOf(o) }));
    return toFindings(ctx, this.meta.id, obs);
  },
};

export const verificationIsDocumented: Detector = {
  meta: {
    id: 'verificationIsDocumented',
    looksFor: 'Verify commands shown to users in fenced code blocks of the README or docs/**/*.md: cosign verify/verify-blob/verify-attestation, gh attestation verify, slsa-verifier verify-*, notation verify, gpg --verify.',
    why: 'Users who are told how to verify a release can check it; nothing enforces it, so it is not verification (VER-2 "documented for users").',
  },
  run(ctx) {
    // instructions to verify signatures the repository does not make are a plan (a docs page about
    // adopting cosign) or concern signing done elsewhere, which the files cannot show
    if (signOps(ctx.raw).length === 0) return [];
    const obs: Observation[] = ctx.raw.documentedVerifications.map((d) => ({ sites: [d], facts: [['verificationDocumented', true]], confidence: 'high' }));
    return toFindings(ctx, this.meta.id, obs);
  },
};

export const admissionPolicyVerifiesImages: Detector = {
  meta: {
    id: 'admissionPolicyVerifiesImages',
    looksFor: 'Kyverno verifyImages rules, Sigstore policy-controller ClusterImagePolicy, Ratify verifiers, Connaisseur validators.',
    why: 'An admission policy enforces signatures: unsigned or wrongly signed images are refused at deploy time.',
  },
  run(ctx) {
    const obs: Observation[] = ctx.raw.ops
      .filter((o) => o.rec.kind === 'policy')
      .map((o) => ({ sites: [o.at], facts: [['verifies', true]], confidence: 'high' }));
    return toFindings(ctx, this.meta.id, obs);
  },
};
