/**
 * Contracts of the detection layer (DESIGN section 4 and 7).
 *
 * Three steps, kept apart as in OpenSSF Scorecard: the repository reader collects raw text under
 * enforced limits; detectors judge it into findings with evidence; `facts.ts` folds findings into the
 * fact vocabulary that pre-fills answers. Nothing here runs anything from the repository.
 */

/** The fact vocabulary of DESIGN section 4. Field names are a JSON contract: additive changes only. */
export type CiSystem =
  | 'github-actions' | 'gitlab-ci' | 'jenkins' | 'circleci' | 'azure-pipelines' | 'bitbucket-pipelines'
  | 'tekton' | 'buildkite' | 'travis' | 'drone' | 'cloud-build' | 'codebuild';
/** The `tools` vocabulary: derived from the tool registry (`tools/index.ts`), one descriptor per tool. */
export type SigningTool = import('./tools/index.js').VocabularyTool;
export type KeyCustody = 'keyless' | 'ci-secret' | 'kms' | 'vault' | 'hsm' | 'file-in-repo' | 'unknown';
export type KmsProvider = 'aws' | 'gcp' | 'azure' | 'hashicorp-vault' | 'pkcs11';
export type ArtifactKind = 'container-image' | 'blob' | 'package' | 'checksums';
export type AttestationKind = 'provenance' | 'sbom' | 'vuln-scan' | 'custom';
export type PrivateKeyKind = 'pem-rsa' | 'pem-ec' | 'pem-pkcs8' | 'pem-encrypted' | 'openssh' | 'pgp' | 'sigstore-encrypted' | 'cosign-key' | 'pem-dsa' | 'putty';

export interface CommittedKey { path: string; kind: PrivateKeyKind }

export interface Facts {
  ci: CiSystem[];
  signs: boolean;
  tools: SigningTool[];
  keyless: boolean;
  keyCustody: KeyCustody[];
  kmsProviders: KmsProvider[];
  artifactsSigned: ArtifactKind[];
  attestations: AttestationKind[];
  verifies: boolean;
  committedPrivateKeys: CommittedKey[];
  /**
   * Users are told how to verify: a verify command in a fenced code block of the README or docs/.
   * Not `verifies`: nothing in the repository runs it.
   */
  verificationDocumented: boolean;
}

/** Where a finding was seen. `excerpt` is already sanitised: no control characters, no secrets. */
export interface Evidence {
  id: string;            // stable within one scan: "E1", "E2", …
  file: string;          // POSIX path relative to the repository root
  line: number;          // 1-based
  excerpt: string;       // at most ~160 characters of the line, sanitised
  detector: string;      // detector id, e.g. "imagesAreSignedKeylessly"
  confidence: 'high' | 'medium' | 'low';
}

export type WarningKind = 'unreadable' | 'unparsable' | 'too-large' | 'limit' | 'outside-root';
export interface ScanWarning {
  kind: WarningKind;
  file?: string;
  message: string;       // one line, sanitised; English
  /** For a limit: what it is (src/i18n/limit-messages.ts), so a report can say it in its language. */
  code?: string;
  vars?: Readonly<Record<string, string>>;
}

/** One file as the reader hands it to detectors. */
export interface RepoFile {
  path: string;          // POSIX, relative to root
  size: number;
}

/**
 * The only way detectors see a repository. Implementations enforce the limits (size, symlinks
 * within the root, `.gitignore`, skipped vendor folders, encoding), so no detector can forget one.
 */
export interface RepoReader {
  /** Every readable regular file, in a stable order (sorted by path). */
  files(): readonly RepoFile[];
  /** The file's text, or undefined when it is binary, too large, or unreadable (a warning is recorded). */
  readText(path: string): string | undefined;
  /** Warnings collected while walking and reading. */
  warnings(): readonly ScanWarning[];
  /** The repository's root as given (for display only) and its git commit when it is a checkout. */
  readonly root: string;
  readonly commit?: string;
  /** The checkout's `origin` remote (URL as configured) and default branch, read inside `.git` only. */
  readonly origin?: { url: string; defaultBranch?: string };
}

/** A detector: a small unit named as a yes/no question, with metadata the report can show. */
export interface DetectorMeta {
  id: string;            // camelCase yes/no question, e.g. "imagesAreSignedKeylessly"
  looksFor: string;      // what it reads and matches, one sentence
  why: string;           // why it matters for REL-001, one sentence
}

/** One judged observation: a fact value and the evidence behind it. */
export interface Finding {
  detector: string;
  fact: keyof Facts;
  value: string | boolean;
  evidence: string[];    // Evidence ids
}

/** A step that publishes a deliverable, matched against signing of the same artifact. */
export interface PublishStep {
  artifact: string;      // human name: "container image", "npm package", "GitHub release assets", …
  kind: ArtifactKind;
  file: string;
  line: number;
  signed: boolean;
  evidence: string[];    // the publish step's evidence id first, then the signing step's, if any
}

/**
 * How a signing action a release, publish or verify pipeline uses is referenced: by a full commit
 * SHA or digest (`digest`), an exact version tag such as `v3.7.0` (`version`), or a tag or branch
 * that moves (`@v3`, `@main`, none: `moving`). For rules only (GOV-4); not part of the JSON output.
 */
export type PinKind = 'digest' | 'version' | 'moving';
export interface ToolPin {
  action: string;
  ref: string;
  pin: PinKind;
  evidence: string[];
}

export interface ScanResult {
  repository: { root: string; commit?: string };
  facts: Facts;
  evidence: Evidence[];
  findings: Finding[];
  published: PublishStep[];
  /** Signing actions of release, publish and verify pipelines, and how each is pinned (rules only). */
  toolPins?: ToolPin[];
  /** Keyless signers' certificate identities, verifiers' expectations, and whether they meet (identity/). */
  verification?: import('./identity/report.js').VerificationJson;
  /** Private keys under test fixtures: reported apart, never counted as committed. */
  testKeys: CommittedKey[];
  /** Unreadable/unparsable files and limits (signing the repository cannot show). */
  warnings: ScanWarning[];
  detectors: DetectorMeta[];
}
