/**
 * Words for the values of the fact vocabulary (DESIGN section 4, `src/detect/types.ts`), so that no
 * raw value (`ci-secret`, `container-image`, `github-actions`) reaches a screen or a report. The
 * values stay the JSON contract; these are only how they are shown. Proper nouns (CI systems,
 * tools, services) are written as their makers write them, the same in both languages.
 *
 * Pure data and functions: no Ink, no React, no file access.
 */
import type {
  ArtifactKind, AttestationKind, CiSystem, Facts, KeyCustody, KmsProvider, PrivateKeyKind, SigningTool,
} from '../detect/types.js';
import { joinList } from './names.js';
import type { Lang } from './report-messages.js';

export interface Label {
  en: string;
  ja: string;
}

/** A proper noun: the same in both languages. */
const same = (name: string): Label => ({ en: name, ja: name });

const CI: Record<CiSystem, Label> = {
  'github-actions': same('GitHub Actions'),
  'gitlab-ci': same('GitLab CI'),
  jenkins: same('Jenkins'),
  circleci: same('CircleCI'),
  'azure-pipelines': same('Azure Pipelines'),
  'bitbucket-pipelines': same('Bitbucket Pipelines'),
  tekton: same('Tekton'),
  buildkite: same('Buildkite'),
  travis: same('Travis CI'),
  drone: same('Drone'),
  'cloud-build': same('Google Cloud Build'),
  codebuild: same('AWS CodeBuild'),
};

const TOOLS: Record<SigningTool, Label> = {
  cosign: same('cosign'),
  notation: same('Notation'),
  gpg: same('GPG'),
  minisign: same('minisign'),
  signify: same('signify'),
  'sigstore-python': same('sigstore-python'),
  'sigstore-js': same('sigstore-js'),
  'npm-provenance': { en: 'npm provenance', ja: 'npm の来歴 (provenance)' },
  'pypi-attestations': { en: 'PyPI attestations', ja: 'PyPI のアテステーション' },
  goreleaser: same('GoReleaser'),
  'slsa-github-generator': same('slsa-github-generator'),
  'attest-build-provenance': same('GitHub Artifact Attestations'),
  'maven-gpg': { en: 'Maven GPG plugin', ja: 'Maven GPG プラグイン' },
  'gradle-signing': { en: 'Gradle Signing plugin', ja: 'Gradle Signing プラグイン' },
  jarsigner: same('jarsigner'),
  signtool: same('SignTool'),
  codesign: same('codesign'),
  apksigner: same('apksigner'),
  'rpm-sign': { en: 'RPM signing (rpmsign)', ja: 'RPM 署名 (rpmsign)' },
  'docker-content-trust': same('Docker Content Trust'),
  'aws-signer': same('AWS Signer'),
  'azure-trusted-signing': same('Azure Trusted Signing'),
  'in-toto': same('in-toto'),
  witness: same('Witness'),
};

const KEY_CUSTODY: Record<KeyCustody, Label> = {
  keyless: { en: 'keyless (no long-lived key)', ja: 'キーレス署名 (長期鍵なし)' },
  'ci-secret': { en: 'CI secret', ja: 'CI のシークレット' },
  kms: { en: 'cloud KMS', ja: 'クラウドの KMS' },
  vault: same('HashiCorp Vault'),
  hsm: { en: 'HSM', ja: 'HSM' },
  'file-in-repo': { en: 'key file in the repository', ja: 'リポジトリ内の鍵ファイル' },
  unknown: { en: 'a key whose location the files do not show', ja: '保管場所がファイルからはわからない鍵' },
};

const KMS_PROVIDERS: Record<KmsProvider, Label> = {
  aws: same('AWS KMS'),
  gcp: same('Google Cloud KMS'),
  azure: same('Azure Key Vault / Trusted Signing'),
  'hashicorp-vault': same('HashiCorp Vault'),
  pkcs11: { en: 'PKCS #11 (HSM)', ja: 'PKCS #11 (HSM)' },
};

const ARTIFACTS: Record<ArtifactKind, Label> = {
  'container-image': { en: 'container images', ja: 'コンテナイメージ' },
  blob: { en: 'files (binaries, archives)', ja: 'ファイル (バイナリ、アーカイブ)' },
  package: { en: 'packages', ja: 'パッケージ' },
  checksums: { en: 'checksum files', ja: 'チェックサムファイル' },
};

const ATTESTATIONS: Record<AttestationKind, Label> = {
  provenance: { en: 'build provenance', ja: 'ビルドの来歴' },
  sbom: same('SBOM'),
  'vuln-scan': { en: 'vulnerability scan results', ja: '脆弱性スキャンの結果' },
  custom: { en: 'custom attestations', ja: '独自のアテステーション' },
};

/** The list facts and the words for each of their values. */
export const FACT_LABELS = {
  ci: CI,
  tools: TOOLS,
  keyCustody: KEY_CUSTODY,
  kmsProviders: KMS_PROVIDERS,
  artifactsSigned: ARTIFACTS,
  attestations: ATTESTATIONS,
} as const;

export type ListFact = keyof typeof FACT_LABELS;

/**
 * Boolean facts shown in words where they are true. `verificationDocumented` is not verification:
 * users are shown a verify command, and nothing in the repository runs it.
 */
export const BOOLEAN_FACT_LABELS = {
  verificationDocumented: {
    en: 'users are told how to verify (README or docs); nothing here enforces it',
    ja: '利用者向けの検証手順が README やドキュメントにある (このリポジトリでは強制していない)',
  },
} as const satisfies Partial<Record<keyof Facts, Label>>;

export const PRIVATE_KEY_KIND_LABELS: Record<PrivateKeyKind, Label> = {
  'pem-rsa': { en: 'RSA private key (PEM)', ja: 'RSA 秘密鍵 (PEM)' },
  'pem-ec': { en: 'EC private key (PEM)', ja: 'EC 秘密鍵 (PEM)' },
  'pem-pkcs8': { en: 'PKCS #8 private key (PEM)', ja: 'PKCS #8 秘密鍵 (PEM)' },
  'pem-encrypted': { en: 'encrypted private key (PEM)', ja: '暗号化された秘密鍵 (PEM)' },
  'pem-dsa': { en: 'DSA private key (PEM)', ja: 'DSA 秘密鍵 (PEM)' },
  openssh: { en: 'OpenSSH private key', ja: 'OpenSSH 秘密鍵' },
  pgp: { en: 'PGP private key', ja: 'PGP 秘密鍵' },
  'sigstore-encrypted': { en: 'Sigstore encrypted private key', ja: 'Sigstore の暗号化された秘密鍵' },
  'cosign-key': { en: 'cosign private key', ja: 'cosign 秘密鍵' },
  putty: { en: 'PuTTY private key (.ppk)', ja: 'PuTTY 秘密鍵 (.ppk)' },
};

/**
 * Japanese names of the published artifacts the detectors name (`PublishStep.artifact`, written in
 * English in src/detect). The English name is the detector's own; an unknown name falls back to
 * the label of its kind.
 */
export const PUBLISHED_ARTIFACT_LABELS_JA: Readonly<Record<string, string>> = {
  'container image': 'コンテナイメージ',
  'container images (goreleaser)': 'コンテナイメージ (GoReleaser)',
  'release artifacts (goreleaser)': 'リリース成果物 (GoReleaser)',
  'GitHub release assets': 'GitHub リリースのアセット',
  'npm package': 'npm パッケージ',
  'Python package': 'Python パッケージ',
  'Maven artifacts': 'Maven の成果物',
  'Rust crate': 'Rust のクレート',
  'Helm chart': 'Helm チャート',
  'OCI artifact': 'OCI 成果物',
  'release files': 'リリースファイル',
  'Android app': 'Android アプリ',
};

/** The words for `value` of the list fact `fact`; a value outside the vocabulary is shown as it is. */
export function factValueLabel(fact: ListFact, value: string, lang: Lang): string {
  const labels = FACT_LABELS[fact] as Readonly<Record<string, Label>>;
  return Object.hasOwn(labels, value) ? labels[value]![lang] : value;
}

/** The values of a list fact in words, joined as the language lists things ("a, b" / 「a、b」). */
export function factValuesText(fact: ListFact, values: readonly string[], lang: Lang): string {
  return joinList(values.map((v) => factValueLabel(fact, v, lang)), lang);
}

/** A committed key's kind in words (never its content). */
export function privateKeyKindLabel(kind: string, lang: Lang): string {
  return Object.hasOwn(PRIVATE_KEY_KIND_LABELS, kind) ? PRIVATE_KEY_KIND_LABELS[kind as PrivateKeyKind][lang] : kind;
}

/** A published artifact's name: the detector's English name, or its Japanese one. */
export function publishedArtifactLabel(artifact: string, kind: ArtifactKind, lang: Lang): string {
  if (lang === 'en') return artifact;
  return PUBLISHED_ARTIFACT_LABELS_JA[artifact] ?? ARTIFACTS[kind]?.ja ?? artifact;
}
