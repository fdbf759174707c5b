/**
 * SARIF 2.1.0 output of a scan, for GitHub code scanning and other SARIF consumers.
 * Rules are the signing problems a scan can locate: committed private keys, unsigned published
 * artifacts, long-lived keys in CI secrets where keyless signing is possible, unpinned signing tools,
 * signing without any verification, and verifiers whose identity accepts no signer here or anyone's
 * (the verification map). Messages name paths and kinds, never key material.
 */
import { createHash } from 'node:crypto';
import type { Evidence, Finding, ScanResult } from '../detect/types.js';
import { sanitizeLine } from '../detect/sanitize.js';
import { problemOf } from '../detect/detectors/index.js';
import { CI_SYSTEMS } from '../model/facts-vocabulary.js';
import { breadthOf } from '../detect/identity/match.js';
import { verificationMessages } from '../i18n/verification-messages.js';

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

type Level = 'error' | 'warning' | 'note';

interface RuleDef {
  id: string;
  name: string;
  short: string;
  full: string;
  help: string;
  level: Level;
  severity: string;
  tags: string[];
}

const RULES: readonly RuleDef[] = [
  {
    id: 'SIG001',
    name: 'CommittedPrivateKey',
    short: 'A private key is committed to the repository',
    full: 'A private key block was found in a file outside test fixtures. Anyone with read access to the repository, or to its history, holds this key.',
    help: 'Revoke the key and remove it from the repository and its history; sign in CI keylessly (Sigstore OIDC) or with a key held in a KMS/HSM, and keep only public keys in the repository.',
    level: 'error',
    severity: '9.0',
    tags: ['security', 'supply-chain', 'signing', 'secrets', 'REL-001'],
  },
  {
    id: 'SIG002',
    name: 'PublishedArtifactNotSigned',
    short: 'A published artifact is not signed',
    full: 'A pipeline step publishes a deliverable (image, package, release files) and no signing of that kind of artifact was found in the same pipeline.',
    help: 'Sign the artifact in the same pipeline that publishes it: cosign sign for images, npm publish --provenance for npm, PyPI trusted-publishing attestations, cosign sign-blob or goreleaser signs for release files.',
    level: 'warning',
    severity: '6.5',
    tags: ['security', 'supply-chain', 'signing', 'REL-001'],
  },
  {
    id: 'SIG003',
    name: 'LongLivedSigningKeyInCiSecret',
    short: 'A long-lived signing key is kept in a CI secret',
    full: 'Signing uses a long-lived private key stored as a CI secret or variable. Any job or person able to read the secret can sign as the project, and the key must be rotated by hand.',
    help: 'Where the CI system can issue OIDC tokens (GitHub Actions id-token: write, GitLab id_tokens), sign keylessly with Sigstore; otherwise keep the key in a KMS (awskms://, gcpkms://, azurekms://) or Vault and grant the pipeline use, not possession.',
    level: 'warning',
    severity: '4.0',
    tags: ['security', 'supply-chain', 'signing', 'key-management', 'REL-001'],
  },
  {
    id: 'SIG004',
    name: 'SigningToolNotPinned',
    short: 'A signing tool or action is not pinned to a commit',
    full: 'A signing-related CI action is referenced by a tag or branch (for example @v3 or @main) rather than a full commit SHA; the reference can be moved to different code.',
    help: 'Pin the action to a full 40-character commit SHA and keep the tag in a comment (e.g. `uses: sigstore/cosign-installer@<sha> # v3.7.0`); let a dependency bot update it.',
    level: 'note',
    severity: '3.0',
    tags: ['security', 'supply-chain', 'pinning', 'REL-001'],
  },
  {
    id: 'SIG005',
    name: 'SignaturesNeverVerified',
    short: 'Signatures are made but never verified',
    full: 'The repository signs deliverables but no verification step (cosign verify, gh attestation verify, slsa-verifier, …) or admission policy (Kyverno, Sigstore policy-controller, Ratify, Connaisseur) was found.',
    help: 'Verify signatures where artifacts are consumed: a verify step before deployment, or an admission policy that refuses unsigned images.',
    level: 'note',
    severity: '2.0',
    tags: ['security', 'supply-chain', 'verification', 'REL-001'],
  },
  {
    id: 'SIG006',
    name: 'VerifierAcceptsNoSigner',
    short: 'A verifier accepts none of the signatures the release makes',
    full: 'A verification policy or verify step demands a certificate identity (workflow file, ref, repository or issuer) that none of the keyless signers found produces: enforced, it refuses every release; in audit mode, it never checks anything.',
    help: 'Make the identity match the real signer: the workflow file that defines the signing job (for a reusable workflow, the called file), the refs its triggers run on (refs/tags/… for tag pushes), and the issuer of the CI system (GitHub: https://token.actions.githubusercontent.com; GitLab: https://gitlab.com).',
    level: 'warning',
    severity: '5.0',
    tags: ['security', 'supply-chain', 'verification', 'REL-001'],
  },
  {
    id: 'SIG007',
    name: 'VerifierIdentityTooBroad',
    short: 'A verifier accepts signatures of other repositories',
    full: 'A verification policy or verify step matches the certificate identity loosely (a regular expression, a wildcard, a prefix, or no identity at all): it also accepts signatures made by workflows of other repositories of the organisation, or of anyone.',
    help: 'Pin the exact identity and issuer (cosign --certificate-identity, policy-controller subject, Kyverno subject without wildcards), or anchor the expression to this repository and workflow: ^https://github\\.com/OWNER/REPO/\\.github/workflows/release\\.yml@refs/tags/.',
    level: 'warning',
    severity: '6.0',
    tags: ['security', 'supply-chain', 'verification', 'REL-001'],
  },
];

const RULE = Object.fromEntries(RULES.map((r) => [r.name, r])) as Record<string, RuleDef>;

/** A result's `partialFingerprints` value: stable while the rule, the file and the excerpt stay. */
export function fingerprint(rule: string, file: string, excerpt: string): string {
  return createHash('sha256').update(`${rule}\u0000${file}\u0000${excerpt}`).digest('hex').slice(0, 32);
}

/** A repository-relative URI (`%SRCROOT%` is the scanned directory). */
function toUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A result's location: one line of one repository file. */
export function sarifLocation(file: string, line: number) {
  return { physicalLocation: { artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, line) } } };
}

/** The SARIF 2.1.0 log of one run of the tool. */
export function sarifLog(tool: SarifTool, rules: object[], results: object[]): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }>;
  partialFingerprints: Record<string, string>;
}

export function toSarif(result: ScanResult, tool: SarifTool): object {
  const byId = new Map(result.evidence.map((e) => [e.id, e]));
  const results: Result[] = [];
  const seen = new Set<string>();
  const add = (rule: RuleDef, file: string, line: number, text: string, excerpt: string, level: Level = rule.level): void => {
    const key = `${rule.id}\u0000${file}\u0000${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    results.push({
      ruleId: rule.id,
      ruleIndex: RULES.indexOf(rule),
      level,
      message: { text: sanitizeLine(text) },
      locations: [sarifLocation(file, line)],
      partialFingerprints: { 'sigmature/v1': fingerprint(rule.id, file, excerpt) },
    });
  };
  const evidenceOf = (f: Finding): Evidence[] => f.evidence.map((id) => byId.get(id)).filter((e): e is Evidence => e !== undefined);

  // SIG001: committed private keys (path and kind only)
  for (const key of result.facts.committedPrivateKeys) {
    const ev = result.evidence.find((e) => problemOf(e.detector) === 'committed-private-key' && e.file === key.path);
    add(RULE['CommittedPrivateKey']!, key.path, ev?.line ?? 1, `Private key (${key.kind}) committed at ${key.path}. Revoke it and remove it from the repository history.`, key.kind);
  }

  // SIG002: published artifacts without a signature
  const total = result.published.length;
  const signed = result.published.filter((p) => p.signed).length;
  for (const p of result.published) {
    if (p.signed) continue;
    const ev = byId.get(p.evidence[0] ?? '');
    add(RULE['PublishedArtifactNotSigned']!, p.file, p.line, `${p.artifact} is published at ${p.file}:${p.line} without a signature in the same pipeline (${signed} of ${total} published artifacts are signed).`, `${p.artifact} ${ev?.excerpt ?? ''}`);
  }

  // SIG003: long-lived keys in CI secrets, located at the signing lines
  const signingLines = new Set(
    result.findings
      .filter((f) => f.fact === 'artifactsSigned' || f.fact === 'attestations')
      .flatMap(evidenceOf)
      .map((e) => `${e.file}:${e.line}`),
  );
  const oidcCapable = result.facts.ci.some((c) => CI_SYSTEMS[c].oidc);
  for (const f of result.findings) {
    if (problemOf(f.detector) !== 'long-lived-key-in-ci-secret') continue;
    const evs = evidenceOf(f);
    const at = evs.filter((e) => signingLines.has(`${e.file}:${e.line}`));
    for (const e of at.length ? at.slice(0, 1).concat(at.slice(1)) : evs.slice(0, 1)) {
      add(
        RULE['LongLivedSigningKeyInCiSecret']!,
        e.file,
        e.line,
        `Signing at ${e.file}:${e.line} uses a long-lived key from a CI secret${oidcCapable ? '; this CI system supports keyless (OIDC) signing' : ''}.`,
        e.excerpt,
        oidcCapable ? 'warning' : 'note',
      );
    }
  }

  // SIG004: signing tools not pinned
  for (const f of result.findings) {
    if (problemOf(f.detector) !== 'unpinned-signing-tool') continue;
    for (const e of evidenceOf(f)) {
      add(RULE['SigningToolNotPinned']!, e.file, e.line, `Signing tool ${String(f.value)} is referenced by a tag or branch, not a commit SHA: ${e.excerpt}`, e.excerpt);
    }
  }

  // SIG005: signing without verification, located at the first signing step
  if (result.facts.signs && !result.facts.verifies) {
    // each finding's first evidence is where the signing happens (the CI steps reaching it follow)
    const first = result.findings
      .filter((f) => f.fact === 'artifactsSigned')
      .map((f) => byId.get(f.evidence[0] ?? ''))
      .filter((e): e is Evidence => e !== undefined)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))[0];
    if (first) add(RULE['SignaturesNeverVerified']!, first.file, first.line, `Artifacts are signed (first at ${first.file}:${first.line}) but no signature verification or admission policy was found in the repository.`, 'no-verification');
  }

  // SIG006 / SIG007: verifiers that accept nothing the release signs, or also accept strangers
  const signerCount = result.verification?.signers.length ?? 0;
  for (const v of result.verification?.verifiers ?? []) {
    const at = byId.get(v.evidence[0] ?? '');
    if (!at) continue;
    if (v.status === 'inert') {
      add(RULE['VerifierAcceptsNoSigner']!, at.file, at.line, `${v.kind} verifier "${v.name}" accepts none of the ${signerCount} keyless signer identities found (${v.mode === 'enforce' ? 'enforced: it would refuse every release' : 'audit mode'}).`, at.excerpt);
    } else if (v.status === 'too-broad') {
      add(RULE['VerifierIdentityTooBroad']!, at.file, at.line, `${v.kind} verifier "${v.name}" ${v.alsoAccepts ? verificationMessages.en.alsoAccepts(breadthOf(v.alsoAccepts)) : 'also accepts identities of other repositories'}.`, at.excerpt);
    }
  }

  return sarifLog(
    tool,
    RULES.map((r) => ({
      id: r.id,
      name: r.name,
      shortDescription: { text: `${r.short}.` },
      fullDescription: { text: r.full },
      help: { text: r.help, markdown: `**${r.short}.** ${r.help}` },
      helpUri: `${tool.informationUri}#${r.id.toLowerCase()}`,
      defaultConfiguration: { level: r.level },
      properties: { tags: r.tags, 'security-severity': r.severity, precision: 'high', 'problem.severity': r.level === 'note' ? 'recommendation' : r.level },
    })),
    results,
  );
}
