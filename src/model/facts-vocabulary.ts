/**
 * The detector facts (DESIGN section 4) a bank's prefill and contradicts rules may test, with the
 * values each may take (the one typed source of the vocabulary: facts ordering and SARIF read it too), so that a rule naming `keyles` is an error when the bank loads, not a rule
 * that never matches. Kept beside the model rather than imported from detect/ so that loading a bank
 * never loads the detectors.
 *
 * Besides the facts of the JSON contract there are derived facts, computed from a scan for rules
 * only (never part of the `facts` JSON): `unsignedPublished`, the kinds of deliverable a pipeline
 * publishes with no signing of them in the same pipeline (`scan.published` with `signed: false`);
 * `everyPublishedSigned`, true when the scan saw at least one published deliverable, every one is
 * signed, and no warning says a publish step may be hidden from it; `signingToolPins`, how the
 * signing actions of pipelines that sign, publish or verify are referenced (`scan.toolPins`);
 * `enforcedVerification`, `verifierChecks`, `verifierProblems`, what the verification map shows
 * (src/assess/verification-facts.ts).
 */
import type {
  ArtifactKind, AttestationKind, CiSystem, Facts, KeyCustody, KmsProvider, PinKind, PrivateKeyKind, SigningTool,
} from '../detect/types.js';

/** A boolean fact, or a list fact with the values it may hold. */
export type FactShape = { kind: 'boolean' } | { kind: 'list'; values: readonly string[] };

const list = <T extends string>(values: Record<T, true>): FactShape => ({ kind: 'list', values: Object.keys(values) });
const bool: FactShape = { kind: 'boolean' };

const ARTIFACT_KINDS: Record<ArtifactKind, true> = { 'container-image': true, blob: true, package: true, checksums: true };

/** The values of the verification map's derived facts (src/assess/verification-facts.ts), in rule order. */
export const ENFORCED_AT = ['admission-control', 'deploy-pipeline'] as const;
export const VERIFIER_CHECKS = ['key-only', 'identity-loose', 'identity-and-issuer-pinned'] as const;
export const VERIFIER_PROBLEMS = ['inert', 'too-broad', 'audit-only'] as const;

/** Facts computed from a scan for rules only: see `factsForRules` in src/assess/prefill.ts. */
export interface DerivedFacts {
  unsignedPublished: ArtifactKind[];
  everyPublishedSigned: boolean;
  signingToolPins: PinKind[];
  /** From the verification map (src/assess/verification-facts.ts). */
  enforcedVerification: Array<(typeof ENFORCED_AT)[number]>;
  verifierChecks: Array<(typeof VERIFIER_CHECKS)[number]>;
  verifierProblems: Array<(typeof VERIFIER_PROBLEMS)[number]>;
}

/**
 * The CI systems, in the order facts list them, and whether each can issue OIDC tokens to a job
 * (keyless signing is possible there: GitHub `id-token: write`, GitLab `id_tokens`, …).
 */
export const CI_SYSTEMS: Readonly<Record<CiSystem, { oidc: boolean }>> = {
  'github-actions': { oidc: true }, 'gitlab-ci': { oidc: true }, jenkins: { oidc: false }, circleci: { oidc: true },
  'azure-pipelines': { oidc: true }, 'bitbucket-pipelines': { oidc: true }, tekton: { oidc: false }, buildkite: { oidc: true },
  travis: { oidc: false }, drone: { oidc: false }, 'cloud-build': { oidc: false }, codebuild: { oidc: false },
};

const shapes: Record<keyof Facts | keyof DerivedFacts, FactShape> = {
  ci: { kind: 'list', values: Object.keys(CI_SYSTEMS) },
  signs: bool,
  tools: list<SigningTool>({
    cosign: true, notation: true, gpg: true, minisign: true, signify: true, 'sigstore-python': true, 'sigstore-js': true,
    'npm-provenance': true, 'pypi-attestations': true, goreleaser: true, 'slsa-github-generator': true,
    'attest-build-provenance': true, 'maven-gpg': true, 'gradle-signing': true, jarsigner: true, signtool: true, codesign: true,
    apksigner: true, 'rpm-sign': true, 'docker-content-trust': true, 'aws-signer': true, 'azure-trusted-signing': true,
    'in-toto': true, witness: true,
  }),
  keyless: bool,
  keyCustody: list<KeyCustody>({ keyless: true, 'ci-secret': true, kms: true, vault: true, hsm: true, 'file-in-repo': true, unknown: true }),
  kmsProviders: list<KmsProvider>({ aws: true, gcp: true, azure: true, 'hashicorp-vault': true, pkcs11: true }),
  artifactsSigned: list(ARTIFACT_KINDS),
  attestations: list<AttestationKind>({ provenance: true, sbom: true, 'vuln-scan': true, custom: true }),
  verifies: bool,
  // `includes` tests the kind of a committed key
  committedPrivateKeys: list<PrivateKeyKind>({
    'pem-rsa': true, 'pem-ec': true, 'pem-pkcs8': true, 'pem-encrypted': true, openssh: true, pgp: true,
    'sigstore-encrypted': true, 'cosign-key': true, 'pem-dsa': true, putty: true,
  }),
  verificationDocumented: bool,
  unsignedPublished: list(ARTIFACT_KINDS),
  everyPublishedSigned: bool,
  signingToolPins: list<PinKind>({ digest: true, version: true, moving: true }),
  enforcedVerification: { kind: 'list', values: ENFORCED_AT },
  verifierChecks: { kind: 'list', values: VERIFIER_CHECKS },
  verifierProblems: { kind: 'list', values: VERIFIER_PROBLEMS },
};

export const FACT_SHAPES: ReadonlyMap<string, FactShape> = new Map(Object.entries(shapes));
