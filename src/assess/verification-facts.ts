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
import { ENFORCED_AT, VERIFIER_CHECKS, VERIFIER_PROBLEMS, type DerivedFacts } from '../model/facts-vocabulary.js';

type EnforcedAt = DerivedFacts['enforcedVerification'][number];
type VerifierCheck = DerivedFacts['verifierChecks'][number];
type VerifierProblem = DerivedFacts['verifierProblems'][number];

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

export type VerificationFacts = Pick<DerivedFacts, 'enforcedVerification' | 'verifierChecks' | 'verifierProblems'>;

export function verificationFacts(v: VerificationJson | undefined): VerificationFacts {
  const verifiers = v?.verifiers ?? [];
  const present = <T extends string>(order: readonly T[], f: (x: VerifierJson) => T | undefined): T[] => order.filter((o) => verifiers.some((x) => f(x) === o));
  return {
    enforcedVerification: present(ENFORCED_AT, enforcedAt),
    verifierChecks: present(VERIFIER_CHECKS, checks),
    verifierProblems: present(VERIFIER_PROBLEMS, problem),
  };
}

function problem(x: VerifierJson): VerifierProblem | undefined {
  return x.origin !== 'docs' && (VERIFIER_PROBLEMS as readonly string[]).includes(x.status) ? (x.status as VerifierProblem) : undefined;
}

const PICK: Readonly<Record<string, (x: VerifierJson) => string | undefined>> = {
  enforcedVerification: enforcedAt,
  verifierChecks: checks,
  verifierProblems: problem,
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
