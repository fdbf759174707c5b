/**
 * Who signs and whom each verifier accepts (issue "Verification that verifies").
 *
 * A keyless signature carries a Fulcio certificate whose subject (the SAN) and issuer name the CI
 * workflow that made it. A verifier (an admission policy, a `cosign verify` line) accepts a signature
 * only when that identity satisfies its constraints. Both sides are read from files here; the match
 * (`match.ts`) tells whether the verifier accepts anything the real release signs.
 *
 * Formats (Sigstore Fulcio "OIDC usage" / certificate extensions; GitHub "About security hardening
 * with OpenID Connect"; GitLab "OpenID Connect (OIDC) Authentication Using ID Tokens"):
 * - GitHub Actions: SAN `https://github.com/OWNER/REPO/.github/workflows/FILE@REF`, where FILE is the
 *   workflow that defines the signing job (for a reusable workflow, the called file: the token's
 *   `job_workflow_ref`), issuer `https://token.actions.githubusercontent.com`.
 * - GitLab CI: SAN `https://HOST/GROUP/PROJECT//PATH@REF` (the token's `ci_config_ref_uri`: the
 *   project's top-level pipeline file), issuer `https://HOST` (`https://gitlab.com` on gitlab.com).
 * - Cloud Build: the service account's e-mail, issuer `https://accounts.google.com`.
 */

/** One side's value: known text, a set of texts given by a pattern (a ref glob), or unknown. */
export interface IdentityValue {
  /** A value the signer produces (for a pattern, a representative one: `refs/tags/v1.0.0` for `v*`). */
  sample: string;
  /** Every value the signer can produce, when it is a set (a tag pattern); anchored. */
  pattern?: RegExp;
  /** What the files leave open (the repository's URL when no remote is known): never guessed. */
  unknown?: string[];
}

export type SignerCi = 'github-actions' | 'gitlab-ci' | 'cloud-build' | 'buildkite' | 'other';

/** A place on either side: file, line, what it says. */
export interface IdentitySite {
  file: string;
  line: number;
  text: string;
}

/** One keyless signing identity: what the certificate of its signatures will say. */
export interface SignerIdentity {
  ci: SignerCi;
  tool: string;
  /** The SAN, as far as the files show, with `{owner}/{repo}`-style holes named in `unknown`. */
  subject: string;
  issuer?: string;
  /** The refs the signing runs on (`refs/tags/v*`), as written in the triggers. */
  refs: string[];
  /** Regular expression over the whole SAN (refs expanded from their globs). */
  subjectPattern: RegExp;
  /** Representative SANs, one per ref pattern. */
  samples: string[];
  /** The refs alone, as a pattern and representative values (for `--certificate-github-workflow-ref`, `--source-tag`). */
  refPattern: RegExp;
  refSamples: string[];
  /** Certificate extensions cosign's `--certificate-github-workflow-*` flags check (GitHub only). */
  github?: { repository?: string; name?: string; triggers: string[] };
  /** The repository the signature's source is (slsa-verifier `--source-uri`, gh `--repo`): `github.com/OWNER/REPO`. */
  sourceRepository?: string;
  /** Parts the files do not show: `repository URL`, `default branch`, … */
  unknown: string[];
  /** The signing line first, then the workflow file's triggers and its OIDC grant. */
  sites: IdentitySite[];
  /** Set for a signer of another repository (portfolio): its name there and its id in its own scan. */
  repository?: string;
  id?: string;
}

/** How a verifier compares one value. */
export type Matcher =
  | { how: 'exact'; value: string }
  /** Go RE2 searched anywhere in the value (cosign, Kyverno, policy-controller and Flux call `MatchString`). */
  | { how: 'regexp'; value: string }
  /** Kyverno's wildcard: `*` any run of characters, `?` one character, the whole value. */
  | { how: 'wildcard'; value: string }
  /** The value starts with this text (gh attestation verify `--signer-workflow`, `--owner`). */
  | { how: 'prefix'; value: string };

/** One set of constraints a signature must meet (a verifier accepts if any of its alternatives is met). */
export interface IdentityConstraint {
  subject?: Matcher;
  issuer?: Matcher;
  /** cosign `--certificate-github-workflow-repository|name|trigger|ref`. */
  githubRepository?: Matcher;
  githubName?: Matcher;
  githubTrigger?: Matcher;
  githubRef?: Matcher;
  /** slsa-verifier `--source-uri`, gh `--repo`: the source repository (`github.com/OWNER/REPO`). */
  sourceRepository?: Matcher;
  /** slsa-verifier `--source-tag` / `--source-branch`: the ref the source was built from. */
  sourceRef?: Matcher;
}

export type VerifierKind =
  | 'kyverno' | 'kyverno-image-validating-policy' | 'sigstore-policy-controller' | 'flux'
  | 'cosign' | 'gh-attestation' | 'slsa-verifier' | 'npm-audit-signatures';

/** What one verifier demands of a signature. */
export interface VerifierExpectation {
  kind: VerifierKind;
  /** Policy name, or the command as written. */
  name: string;
  /** Deploy-time policies refuse (`enforce`) or only report (`audit`); a CLI step fails its job unless `|| true`. */
  mode: 'enforce' | 'audit';
  /** Keyless identities it accepts (any of them). Empty with `keys` true: key-based only. */
  identities: IdentityConstraint[];
  /** It (also) accepts signatures made with a public key: nothing to compare with a keyless signer. */
  keys: boolean;
  /** A value the files leave open (`$IDENTITY` unresolved): the verifier cannot be judged. */
  unresolved?: string;
  /** Images or files it applies to, as written (globs). */
  appliesTo: string[];
  /** Where the constraint is written (the subject line first), then the mode's line. */
  sites: IdentitySite[];
  /**
   * A policy file, a CI step (a CLI verify), or the instructions users are given (a verify command in
   * the README or docs/): an identity there that no release produces makes every user's check fail.
   */
  origin: 'policy' | 'ci' | 'docs';
  /** A verify step in a job that deploys (kubectl apply, helm upgrade, a deploy action): checked at deploy. */
  atDeploy?: boolean;
  /** Only signatures of these tools can pass it (slsa-verifier: SLSA provenance); any when absent. */
  signedBy?: string[];
}

export type VerifierStatus =
  /** Enforcing, and accepts a signer found here and nothing from elsewhere. */
  | 'ok'
  /** Accepts a signer found here, but only warns when verification fails. */
  | 'audit-only'
  /** Accepts identities of any repository of an organisation, or of anyone. */
  | 'too-broad'
  /** Accepts none of the signers found (in this repository, or the portfolio). */
  | 'inert'
  /** Checks a public key: nothing here to compare. */
  | 'key-based'
  /** A value the files leave open (the repository URL, a variable): cannot tell. */
  | 'undetermined'
  /** No keyless signer is known to compare with (a deploy repository scanned alone). */
  | 'no-signer-known'
  /** Names only other repositories, none of which is in scope: it checks someone else's artifacts. */
  | 'other-repository';

export interface VerifierMatch {
  verifier: VerifierExpectation;
  status: VerifierStatus;
  /** Indexes into `signers` of the signers it accepts. */
  accepts: number[];
  /** For `too-broad`: an identity it would also accept that no release here makes. */
  alsoAccepts?: string;
  /** For `undetermined`: what would decide it (`this repository is github.com/acme/app`). */
  condition?: string;
}

export interface SignerVerdict {
  signer: SignerIdentity;
  /** Indexes of verifiers that accept it (in any mode). */
  acceptedBy: number[];
}
