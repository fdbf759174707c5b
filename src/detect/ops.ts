/**
 * The raw, collected view of a repository (Scorecard's `checks/raw`): every operation seen, where,
 * and how a CI pipeline reaches it. Detectors judge these; they never read files themselves.
 */
import type { CiSystem, PrivateKeyKind, SigningTool, ScanWarning } from './types.js';
import type { Recognised } from './commands.js';
import type { CiJob, CiStep, Loc, Pipeline } from './ci/model.js';
import type { SourceLine } from './shell.js';
import type { VerifierExpectation } from './identity/model.js';
import type { RawSigner } from './identity/signers.js';

/** A place in the repository: file, line and the line's text (for the excerpt). */
export interface Site extends Loc {
  text: string;
}

/** A reference to a signing-related CI action/task, for pinning checks. */
export interface ActionUse {
  kind: 'action';
  action: string;   // owner/repo[/path], lower-case
  ref: string;      // what follows @, '' when none
  pinned: boolean;  // a full commit SHA (or a digest for images)
  tool: string;
}

/** A verification policy enforced at deploy time (admission controller). */
export interface PolicyRec {
  kind: 'policy';
  engine: 'kyverno' | 'sigstore-policy-controller' | 'ratify' | 'connaisseur' | 'gatekeeper' | 'flux';
  name: string;
  /** What it demands of a signature, where the policy says (identity/policy-expectations.ts). */
  expects?: VerifierExpectation[];
}

export type Operation = Recognised | ActionUse | PolicyRec;

export interface Op {
  rec: Operation;
  /** Where it happens: the line that signs, publishes, verifies. */
  at: Site;
  /** The CI steps that reach it, outermost first (empty when `at` is itself the CI step). */
  via: Site[];
  /** The pipeline (its entry file) that runs it; undefined for configuration outside any pipeline. */
  pipeline?: string;
  system?: CiSystem;
  job?: CiJob;
  step?: CiStep;
  /** Environment in effect: pipeline → job → step → command prefixes, with the line of each value. */
  env: Record<string, { value: string; line: number; file: string }>;
  /** The line granting an OIDC token to this job (id-token: write, id_tokens:). */
  idToken?: Loc;
  origin: 'ci' | 'script' | 'config' | 'policy';
  /** Tools that configure this operation besides the one running it (goreleaser running cosign). */
  extraTools?: SigningTool[];
  /** When the operation came from a configuration file: the configuring lines (e.g. `.goreleaser.yaml`). */
  configSites?: Site[];
  /** What a build file says about key custody (Gradle `useInMemoryPgpKeys` → ci-secret). */
  custodyHint?: 'ci-secret' | 'unknown';
  /** Signing with a test key (by folder or name): anyone can read it, so it proves nothing. */
  testKey?: string;
  /** Signing or verifying an image on a throwaway registry (ttl.sh, a test cluster's): a test of signing. */
  throwaway?: string;
  /** Verifying an image this repository neither pushes nor signs (a base or builder image): not its deliverable. */
  foreign?: string;
  /** Signing or verifying a scratch file (the README, a blob the job writes) in a test of the signing tool. */
  scratch?: string;
  /** The image an image operation names, variables resolved as far as the file shows. */
  image?: string;
  /** The other lines of the file the operation is in (a script, a run block), for custody checks. */
  siblings?: { file: string; lines: readonly SourceLine[] };
}

export interface FoundKey {
  path: string;
  kind: PrivateKeyKind;
  line: number;
  test: boolean;
}

/** A verify command shown to users in a fenced code block of the README or docs/. */
export interface DocumentedVerification extends Site {
  tool: string;
  /** The verify record as recognised (its identity options), for the verification map. */
  rec?: Extract<Recognised, { kind: 'verify' }>;
}

export interface RawRepo {
  pipelines: Pipeline[];
  ops: Op[];
  keys: FoundKey[];
  /** Keyless signers with their triggers, and what each verifier demands (identity/). */
  signers: RawSigner[];
  verifiers: VerifierExpectation[];
  documentedVerifications: DocumentedVerification[];
  warnings: ScanWarning[];
  /** The text of one line of a file that was read (for excerpts), '' when unknown. */
  lineText(file: string, line: number): string;
}

/**
 * Signing with a committed test key, signing or verifying an image on a throwaway registry, or an
 * end-to-end test signing and verifying a scratch file (the README, a blob the job writes).
 */
export function isTestOfSigning(op: Op): boolean {
  return op.testKey !== undefined || op.throwaway !== undefined || op.scratch !== undefined;
}

export function isSign(rec: Operation): rec is Extract<Recognised, { kind: 'sign' }> {
  return rec.kind === 'sign';
}
