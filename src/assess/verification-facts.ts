/**
 * What the verification map (scan `verification`, src/detect/identity/) lets a rule say, as derived
 * facts (src/model/facts-vocabulary.ts):
 *
 * - `enforcedVerification`: where an *enforcing* verifier that *accepts this repository's own
 *   signer* (status `ok`) runs: `admission-control` (a Kyverno or policy-controller policy),
 *   `deploy-pipeline` (a verify step in a job that deploys, or a Flux source that refuses to
 *   reconcile). A policy in audit mode, one matching no signer, or a verify step in a release job
 *   that checks what it just signed, is not there: REL-001 level 3 asks for verification *enforced at
 *   deploy time*.
 * - `verifierChecks`: what the verifiers that would accept this repository's signatures check:
 *   `identity-and-issuer-pinned` (exact subject and exact issuer), `identity-loose` (a regular
 *   expression, a wildcard or a prefix), `key-only` (a public key).
 * - `verifierProblems`: `inert`, `too-broad`, `audit-only` verifiers, for contradictions.
 * Verify commands in the README or docs/ (origin `docs`) are shown in the report but feed none of
 * these: instructions are not a check anyone is known to run.
 * Each carries the verifiers' evidence.
 */
import type { Matcher } from '../detect/identity/model.js';
import type { VerificationJson, VerifierJson } from '../detect/identity/report.js';

export type EnforcedAt = 'admission-control' | 'deploy-pipeline';
export type VerifierCheck = 'key-only' | 'identity-loose' | 'identity-and-issuer-pinned';
export type VerifierProblem = 'inert' | 'too-broad' | 'audit-only';

const exact = (m: Matcher | undefined): boolean => m !== undefined && (m.how === 'exact' || (m.how === 'wildcard' && !/[*?]/.test(m.value)));

function enforcedAt(v: VerifierJson): EnforcedAt | undefined {
  if (v.status !== 'ok') return undefined;
  if (v.kind === 'flux') return 'deploy-pipeline';
  if (v.origin === 'policy') return 'admission-control';
  return v.atDeploy ? 'deploy-pipeline' : undefined;
}

function checks(v: VerifierJson): VerifierCheck | undefined {
  // instructions for users are not a check anyone is known to run
  if (v.origin === 'docs') return undefined;
  if (v.status === 'key-based') return 'key-only';
  if (v.status !== 'ok' && v.status !== 'audit-only' && v.status !== 'too-broad') return undefined;
  return v.identities.length > 0 && v.identities.every((c) => exact(c.subject) && exact(c.issuer)) ? 'identity-and-issuer-pinned' : 'identity-loose';
}

export interface VerificationFacts {
  enforcedVerification: EnforcedAt[];
  verifierChecks: VerifierCheck[];
  verifierProblems: VerifierProblem[];
}

export function verificationFacts(v: VerificationJson | undefined): VerificationFacts {
  const verifiers = v?.verifiers ?? [];
  const present = <T extends string>(order: readonly T[], f: (x: VerifierJson) => T | undefined): T[] => order.filter((o) => verifiers.some((x) => f(x) === o));
  return {
    enforcedVerification: present(['admission-control', 'deploy-pipeline'] as const, enforcedAt),
    verifierChecks: present(['key-only', 'identity-loose', 'identity-and-issuer-pinned'] as const, checks),
    verifierProblems: present(['inert', 'too-broad', 'audit-only'] as const, (x) => PICK['verifierProblems']!(x) as VerifierProblem | undefined),
  };
}

const PICK: Readonly<Record<string, (x: VerifierJson) => string | undefined>> = {
  enforcedVerification: enforcedAt,
  verifierChecks: checks,
  verifierProblems: (x) => (x.origin !== 'docs' && (x.status === 'inert' || x.status === 'too-broad' || x.status === 'audit-only') ? x.status : undefined),
};

/** Each verifier's value of a derived verification fact, with its evidence (for contradictions' "where"). */
export function verificationOccurrences(v: VerificationJson | undefined, fact: string): Array<{ value: string; evidence: string[] }> {
  const f = PICK[fact];
  if (!f) return [];
  return (v?.verifiers ?? []).flatMap((x) => {
    const value = f(x);
    return value === undefined ? [] : [{ value, evidence: x.evidence }];
  });
}

export const isVerificationFact = (fact: string): boolean => fact in PICK;

/** The evidence of one derived verification fact value (or of every value when none is named). */
export function verificationEvidence(v: VerificationJson | undefined, fact: string, value: string | boolean | undefined): string[] {
  return verificationOccurrences(v, fact).filter((o) => value === undefined || o.value === value).flatMap((o) => o.evidence);
}
