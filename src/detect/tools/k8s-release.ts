/**
 * The Kubernetes release tooling (kubernetes/release, kubernetes-sigs/tejolote): `krel sign` and
 * `tejolote attest --sign` sign keylessly with Sigstore through the job's OIDC identity. Both are
 * outside the `tools` vocabulary (a contract, DESIGN section 4): they set `signs`, `artifactsSigned`,
 * `attestations` and custody, but name no tool.
 */
import { Args, IMAGE, type Handler, type ToolDescriptor } from './kit.js';

/**
 * `krel sign images IMG…`, `krel sign blobs gs://…/file…`, `krel sign attestation statement.json`
 * (kubernetes/release cmd/krel/cmd/sign_*.go).
 */
const krel: Handler = (words) => {
  if (words[1] !== 'sign') return [];
  const what = words[2];
  const subject = new Args(words.slice(3)).positionals(['--output-path', '--signature-path', '--certificate-path', '--service-account-file', '--certificate-identity', '--certificate-oidc-issuer', '--certificate-identity-regexp', '--certificate-oidc-issuer-regexp', '--log-level'])[0];
  if (what === 'images') return [{ kind: 'sign', tool: 'krel', artifact: 'container-image', keyless: true, subject }];
  if (what === 'blobs') return [{ kind: 'sign', tool: 'krel', artifact: 'blob', keyless: true, subject }];
  if (what === 'attestation') return [{ kind: 'sign', tool: 'krel', artifact: 'blob', keyless: true, attestation: 'provenance', subject }];
  return [];
};

export const krelSign: ToolDescriptor<'krel', 'signer'> = {
  id: 'krel',
  fact: 'signer',
  commands: { krel },
  variables: ['krel'],
  fixture: 'attest-outside-cosign',
};

/**
 * `tejolote attest BUILDSYS://run --artifacts=gs://…|oci://… --sign`: SLSA provenance of a build run.
 * Without `--sign` the statement is written unsigned: no signature, no record.
 */
const tejolote: Handler = (words) => {
  if (words[1] !== 'attest') return [];
  const args = new Args(words.slice(2));
  if (!args.has('--sign') || args.argv.includes('--sign=false')) return [];
  const artifacts = args.value('--artifacts');
  const artifact = artifacts && /^(oci|docker|registry):\/\//.test(artifacts) ? 'container-image' : 'blob';
  return [{ kind: 'sign', tool: 'tejolote', artifact, keyless: true, attestation: 'provenance', subject: artifacts ?? (artifact === 'container-image' ? IMAGE : undefined) }];
};

export const tejoloteAttest: ToolDescriptor<'tejolote', 'signer'> = {
  id: 'tejolote',
  fact: 'signer',
  commands: { tejolote },
  variables: ['tejolote'],
  fixture: 'attest-outside-cosign',
};
