/**
 * The verification map as the scan's JSON carries it (`verification`): signers and verifiers with
 * evidence ids, each verifier's status, and enough of each identity (patterns and samples) that
 * `portfolio` can match one repository's verifiers against another's signers from JSON alone.
 */
import type { EvidenceSink } from '../evidence.js';
import { sanitizeLine } from '../sanitize.js';
import type { IdentityConstraint, Matcher, SignerIdentity, VerifierExpectation, VerifierStatus } from './model.js';
import type { RepositoryAddress } from './identities.js';
import type { VerificationResult } from './match.js';

export interface SignerJson {
  id: string;
  ci: SignerIdentity['ci'];
  tool: string;
  subject: string;
  issuer?: string;
  refs: string[];
  unknown: string[];
  /** For matching from JSON: the SAN and ref patterns, and representative values. */
  pattern: string;
  samples: string[];
  refPattern: string;
  refSamples: string[];
  github?: SignerIdentity['github'];
  sourceRepository?: string;
  /** Ids of the verifiers that accept it (in this scan). */
  acceptedBy: string[];
  evidence: string[];
}

export interface VerifierJson {
  id: string;
  kind: VerifierExpectation['kind'];
  name: string;
  mode: VerifierExpectation['mode'];
  status: VerifierStatus;
  identities: Array<Partial<Record<keyof IdentityConstraint, Matcher>>>;
  keys: boolean;
  appliesTo: string[];
  origin: VerifierExpectation['origin'];
  atDeploy?: boolean;
  signedBy?: string[];
  unresolved?: string;
  /** Ids of the signers it accepts (`S1`). */
  accepts: string[];
  alsoAccepts?: string;
  condition?: string;
  evidence: string[];
}

export interface VerificationJson {
  /** Where the repository lives, as the identities assume it (`origin` remote or `--repo-url`). */
  repository?: { host: string; path: string; defaultBranch?: string };
  signers: SignerJson[];
  verifiers: VerifierJson[];
}

const SIGNER_DETECTOR = 'keylessSignerIdentity';
const VERIFIER_DETECTOR = 'verifierExpectsIdentity';

/** Every string from the repository (workflow names, refs, policy text) sanitised as excerpts are: no control characters, no secrets. */
function sanitised<T>(value: T): T {
  if (typeof value === 'string') return sanitizeLine(value) as T;
  if (Array.isArray(value)) return value.map(sanitised) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitised(v)])) as T;
  return value;
}

/** One scan's map (its own signers only; portfolio matches across repositories in cross-verify.ts). */
export function verificationJson(result: VerificationResult, repo: RepositoryAddress | undefined, evidence: EvidenceSink): VerificationJson {
  return sanitised(unsanitisedJson(result, repo, evidence));
}

function unsanitisedJson(result: VerificationResult, repo: RepositoryAddress | undefined, evidence: EvidenceSink): VerificationJson {
  const signers: SignerJson[] = result.signerVerdicts.map((v, i) => ({
    id: `S${i + 1}`,
    ci: v.signer.ci,
    tool: v.signer.tool,
    subject: v.signer.subject,
    ...(v.signer.issuer !== undefined ? { issuer: v.signer.issuer } : {}),
    refs: v.signer.refs,
    unknown: v.signer.unknown,
    pattern: v.signer.subjectPattern.source,
    samples: v.signer.samples,
    refPattern: v.signer.refPattern.source,
    refSamples: v.signer.refSamples,
    ...(v.signer.github ? { github: v.signer.github } : {}),
    ...(v.signer.sourceRepository ? { sourceRepository: v.signer.sourceRepository } : {}),
    acceptedBy: v.acceptedBy.map((j) => `V${j + 1}`),
    evidence: v.signer.sites.map((s) => evidence.add(s, SIGNER_DETECTOR, 'high')),
  }));
  const verifiers: VerifierJson[] = result.verifiers.map((m, j) => ({
    id: `V${j + 1}`,
    kind: m.verifier.kind,
    name: m.verifier.name,
    mode: m.verifier.mode,
    status: m.status,
    identities: m.verifier.identities.map((c) => Object.fromEntries(Object.entries(c).filter(([, x]) => x !== undefined))),
    keys: m.verifier.keys,
    appliesTo: m.verifier.appliesTo,
    origin: m.verifier.origin,
    ...(m.verifier.atDeploy ? { atDeploy: true } : {}),
    ...(m.verifier.signedBy ? { signedBy: m.verifier.signedBy } : {}),
    ...(m.verifier.unresolved ? { unresolved: m.verifier.unresolved } : {}),
    accepts: m.accepts.map((i) => `S${i + 1}`),
    ...(m.alsoAccepts ? { alsoAccepts: m.alsoAccepts } : {}),
    ...(m.condition ? { condition: m.condition } : {}),
    evidence: m.verifier.sites.map((s) => evidence.add(s, VERIFIER_DETECTOR, m.verifier.origin === 'policy' ? 'high' : 'medium')),
  }));
  return { ...(repo ? { repository: { ...repo } } : {}), signers, verifiers };
}

/** Evidence ids are provisional until the sink finishes: renumber them. */
export function remapVerification(v: VerificationJson, map: (id: string) => string): VerificationJson {
  return {
    ...v,
    signers: v.signers.map((s) => ({ ...s, evidence: s.evidence.map(map) })),
    verifiers: v.verifiers.map((x) => ({ ...x, evidence: x.evidence.map(map) })),
  };
}

/** A signer from another repository's JSON, back into an identity to match against. */
export function signerFromJson(s: SignerJson, repository: string): SignerIdentity {
  return {
    ci: s.ci, tool: s.tool, subject: s.subject, issuer: s.issuer, refs: s.refs, unknown: s.unknown,
    subjectPattern: new RegExp(s.pattern), samples: s.samples, refPattern: new RegExp(s.refPattern), refSamples: s.refSamples,
    github: s.github, sourceRepository: s.sourceRepository, sites: [], repository, id: s.id,
  };
}

/** A verifier from JSON, back into an expectation to match against other repositories' signers. */
export function verifierFromJson(v: VerifierJson): VerifierExpectation {
  return {
    kind: v.kind, name: v.name, mode: v.mode, identities: v.identities as IdentityConstraint[], keys: v.keys, appliesTo: v.appliesTo,
    sites: [], origin: v.origin, ...(v.atDeploy ? { atDeploy: true } : {}), ...(v.signedBy ? { signedBy: v.signedBy } : {}),
    ...(v.unresolved ? { unresolved: v.unresolved } : {}),
  };
}
