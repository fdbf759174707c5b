/**
 * Recognises CI steps by reference rather than by command: GitHub actions (`owner/repo@ref`),
 * Azure Pipelines tasks (`task:Name@N`), Bitbucket pipes. Table-driven, like `commands.ts`.
 */
import type { CiStep } from './ci/model.js';
import { attestationOfType, keyRefOf, recogniseLine, type KeyRef, type Recognised } from './commands.js';
import type { ActionUse, Operation } from './ops.js';

export interface ActionRef {
  name: string; // lower-case owner/repo[/path]
  ref: string;
}

export function parseActionRef(uses: string): ActionRef {
  const at = uses.lastIndexOf('@');
  const name = (at < 0 ? uses : uses.slice(0, at)).toLowerCase();
  return { name, ref: at < 0 ? '' : uses.slice(at + 1) };
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

type Inputs = Record<string, string>;
type ActionHandler = (inputs: Inputs, step: CiStep) => Recognised[];

const truthy = (v: string | undefined): boolean => v !== undefined && /^(true|yes|1|on)$/i.test(v.trim());
const CHECKSUMS = /checksum|sha\d*sum|\.sha\d+/i;

function notationKey(inputs: Inputs): KeyRef | undefined {
  const plugin = inputs['plugin_name'];
  if (plugin) {
    const rec = recogniseLine(`notation sign --plugin ${plugin} x`)[0]?.rec;
    if (rec && rec.kind === 'sign') return rec.key;
  }
  const key = inputs['key_id'];
  return key ? { type: 'named', name: key } : undefined;
}

/**
 * actions/attest (v2+ absorbed attest-build-provenance and attest-sbom): with neither a predicate nor
 * an SBOM it generates SLSA build provenance, which is what goreleaser and trivy use it for.
 */
function attestKind(i: Inputs): ReturnType<typeof attestationOfType> {
  if (i['predicate-type']) return attestationOfType(i['predicate-type']);
  if (i['sbom-path']) return 'sbom';
  return i['predicate'] || i['predicate-path'] ? 'custom' : 'provenance';
}

function attestedArtifact(i: Inputs): 'container-image' | 'checksums' | 'blob' {
  if (i['subject-name']) return 'container-image';
  return i['subject-checksums'] || CHECKSUMS.test(i['subject-path'] ?? '') ? 'checksums' : 'blob';
}

/** Signing-related actions: the tool they concern, for the pinning check, and what they do. */
const ACTIONS: Array<{ prefix: string; tool: string; run?: ActionHandler }> = [
  { prefix: 'sigstore/cosign-installer', tool: 'cosign' },
  { prefix: 'sigstore/gh-action-sigstore-python', tool: 'sigstore-python', run: (i) => [{ kind: 'sign', tool: 'sigstore-python', artifact: CHECKSUMS.test(i['inputs'] ?? '') ? 'checksums' : 'blob', keyless: true, subject: i['inputs'] }] },
  { prefix: 'actions/attest-build-provenance', tool: 'attest-build-provenance', run: (i) => [{ kind: 'sign', tool: 'attest-build-provenance', artifact: i['subject-name'] ? 'container-image' : CHECKSUMS.test(i['subject-path'] ?? '') ? 'checksums' : 'blob', keyless: true, attestation: 'provenance', subject: i['subject-name'] ?? i['subject-path'] }] },
  { prefix: 'actions/attest-sbom', tool: 'attest-build-provenance', run: (i) => [{ kind: 'sign', tool: 'attest-build-provenance', artifact: i['subject-name'] ? 'container-image' : 'blob', keyless: true, attestation: 'sbom', subject: i['subject-name'] ?? i['subject-path'] }] },
  { prefix: 'actions/attest', tool: 'attest-build-provenance', run: (i) => [{ kind: 'sign', tool: 'attest-build-provenance', artifact: attestedArtifact(i), keyless: true, attestation: attestKind(i), subject: i['subject-name'] ?? i['subject-path'] ?? i['subject-checksums'] }] },
  { prefix: 'slsa-framework/slsa-github-generator', tool: 'slsa-github-generator', run: (_i, step) => [{ kind: 'sign', tool: 'slsa-github-generator', artifact: /container/.test(step.uses ?? '') ? 'container-image' : 'blob', keyless: true, attestation: 'provenance' }] },
  { prefix: 'slsa-framework/slsa-verifier', tool: 'slsa-verifier' },
  { prefix: 'pypa/gh-action-pypi-publish', tool: 'pypi-attestations', run: (i) => {
    const out: Recognised[] = [{ kind: 'publish', tool: 'pypi-publish', artifact: 'Python package', artifactKind: 'package' }];
    if (!/^(false|no|0|off)$/i.test((i['attestations'] ?? 'true').trim())) out.push({ kind: 'sign', tool: 'pypi-attestations', artifact: 'package', keyless: true, attestation: 'provenance' });
    return out;
  } },
  { prefix: 'notaryproject/notation-action/sign', tool: 'notation', run: (i) => [{ kind: 'sign', tool: 'notation', artifact: 'container-image', keyless: false, key: notationKey(i), subject: i['target_artifact_reference'] }] },
  { prefix: 'notaryproject/notation-action/verify', tool: 'notation', run: () => [{ kind: 'verify', tool: 'notation' }] },
  { prefix: 'notaryproject/notation-action', tool: 'notation' },
  { prefix: 'azure/trusted-signing-action', tool: 'azure-trusted-signing', run: () => [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }] },
  { prefix: 'azure/artifact-signing-action', tool: 'azure-trusted-signing', run: () => [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }] },
  // `install-only: true` installs goreleaser for a later script (cli/cli's script/release): it runs nothing
  { prefix: 'goreleaser/goreleaser-action', tool: 'goreleaser', run: (i) => (truthy(i['install-only']) ? [] : recogniseLine(`goreleaser ${i['args'] ?? ''}`).map((r) => r.rec)) },
  { prefix: 'crazy-max/ghaction-import-gpg', tool: 'gpg', run: (i) => [{ kind: 'key-import', tool: 'gpg', fromSecret: /secrets\./.test(i['gpg_private_key'] ?? '') || (i['gpg_private_key'] ?? '') !== '' }] },
  { prefix: 'docker/build-push-action', tool: 'docker', run: (i) => (truthy(i['push']) || /type=registry|push=true/.test(i['outputs'] ?? '') ? [{ kind: 'publish', tool: 'docker', artifact: 'container image', artifactKind: 'container-image', subject: i['tags'] }] : []) },
  { prefix: 'docker/bake-action', tool: 'docker', run: (i) => (truthy(i['push']) ? [{ kind: 'publish', tool: 'docker', artifact: 'container image', artifactKind: 'container-image' }] : []) },
  { prefix: 'softprops/action-gh-release', tool: 'gh-release', run: (i) => (i['files'] ? [{ kind: 'publish', tool: 'gh-release', artifact: 'GitHub release assets', artifactKind: 'blob', subject: i['files'] }] : []) },
  { prefix: 'ncipollo/release-action', tool: 'gh-release', run: (i) => (i['artifacts'] ? [{ kind: 'publish', tool: 'gh-release', artifact: 'GitHub release assets', artifactKind: 'blob', subject: i['artifacts'] }] : []) },
  { prefix: 'js-devtools/npm-publish', tool: 'npm', run: (i) => {
    const out: Recognised[] = [{ kind: 'publish', tool: 'npm', artifact: 'npm package', artifactKind: 'package' }];
    if (truthy(i['provenance'])) out.push({ kind: 'sign', tool: 'npm-provenance', artifact: 'package', keyless: true, attestation: 'provenance' });
    return out;
  } },
  { prefix: 'actions/setup-java', tool: 'java', run: (i) => (i['gpg-private-key'] ? [{ kind: 'key-import', tool: 'gpg', fromSecret: true }] : []) },
  { prefix: 'ko-build/setup-ko', tool: 'ko' },
  { prefix: 'r0adkll/upload-google-play', tool: 'google-play', run: () => [{ kind: 'publish', tool: 'google-play', artifact: 'Android app', artifactKind: 'package' }] },
  // Azure Pipelines tasks
  { prefix: 'task:docker', tool: 'docker', run: (i) => (/^(push|buildandpush)$/i.test(i['command'] ?? '') ? [{ kind: 'publish', tool: 'docker', artifact: 'container image', artifactKind: 'container-image' }] : []) },
  { prefix: 'task:npm', tool: 'npm', run: (i) => (/^publish$/i.test(i['command'] ?? '') ? [{ kind: 'publish', tool: 'npm', artifact: 'npm package', artifactKind: 'package' }] : []) },
  { prefix: 'task:trustedsigning', tool: 'azure-trusted-signing', run: () => [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }] },
  { prefix: 'task:artifactsigning', tool: 'azure-trusted-signing', run: () => [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }] },
  { prefix: 'task:twineauthenticate', tool: 'twine' },
  // Bitbucket pipes
  { prefix: 'pipe:atlassian/aws-ecr-push-image', tool: 'docker', run: () => [{ kind: 'publish', tool: 'docker', artifact: 'container image', artifactKind: 'container-image' }] },
  { prefix: 'pipe:atlassian/pypi-publish', tool: 'twine', run: () => [{ kind: 'publish', tool: 'twine', artifact: 'Python package', artifactKind: 'package' }] },
  { prefix: 'pipe:atlassian/npm-publish', tool: 'npm', run: () => [{ kind: 'publish', tool: 'npm', artifact: 'npm package', artifactKind: 'package' }] },
];

/** Actions whose version matters for signing (pinning check). */
const PIN_RELEVANT = /^(sigstore\/|slsa-framework\/|actions\/attest|notaryproject\/|azure\/(trusted|artifact)-signing|goreleaser\/goreleaser-action|crazy-max\/ghaction-import-gpg|pypa\/gh-action-pypi-publish)/;

export function recogniseUses(step: CiStep): Operation[] {
  if (!step.uses || step.uses.startsWith('./') || step.uses.startsWith('docker://')) return [];
  const ref = parseActionRef(step.uses);
  const entry = ACTIONS.find((a) => ref.name === a.prefix || ref.name.startsWith(a.prefix + '/'));
  const inputs: Inputs = {};
  for (const [k, v] of Object.entries(step.with)) inputs[k] = v.value;
  const out: Operation[] = [];
  if (PIN_RELEVANT.test(ref.name)) {
    const use: ActionUse = { kind: 'action', action: ref.name, ref: ref.ref, pinned: FULL_SHA.test(ref.ref), tool: entry?.tool ?? ref.name };
    out.push(use);
  }
  if (entry?.run) out.push(...entry.run(inputs, step));
  return out;
}

export { keyRefOf };
