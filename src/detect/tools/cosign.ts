/** cosign (Sigstore): sign/attest images and blobs, keyless or with a key; verify. */
import { Args, artifactOfBlob, attestationOfType, keyRefOf, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';

const VALUE_OPTS = ['--key', '--certificate', '--certificate-chain', '--output-signature', '--output-certificate', '--bundle', '--predicate', '--type', '-a', '--annotations', '--identity-token', '--fulcio-url', '--rekor-url', '--oidc-issuer', '--oidc-client-id', '--certificate-identity', '--certificate-oidc-issuer', '--certificate-identity-regexp', '--certificate-oidc-issuer-regexp', '--signature', '--output', '--output-file', '--registry-username', '--registry-password', '--attachment', '--timeout', '--sk-slot', '--slot'];

const cosignCommand: Handler = (words) => {
  const verbIdx = words.slice(1).findIndex((w) => !w.startsWith('-'));
  const verb = verbIdx >= 0 ? words[verbIdx + 1]! : '';
  const rest = new Args(words.slice(verbIdx + 2));
  const subject = rest.positionals(VALUE_OPTS)[0];
  const keyValue = rest.value('--key', '-key');
  const key: KeyRef | undefined = keyValue ? keyRefOf(keyValue) : rest.has('--sk') ? { type: 'hsm', uri: '--sk' } : undefined;
  const keyless = !key;
  switch (verb) {
    case 'sign':
      return [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless, key, subject }];
    case 'sign-blob':
      return [{ kind: 'sign', tool: 'cosign', artifact: artifactOfBlob(subject), keyless, key, subject }];
    case 'attest':
      return [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless, key, subject, attestation: attestationOfType(rest.value('--type')) }];
    case 'attest-blob':
      return [{ kind: 'sign', tool: 'cosign', artifact: artifactOfBlob(subject), keyless, key, subject, attestation: attestationOfType(rest.value('--type')) }];
    case 'verify':
    case 'verify-blob':
    case 'verify-attestation':
    case 'verify-blob-attestation':
      return [{ kind: 'verify', tool: 'cosign', subject }];
    default:
      return [];
  }
};

export const cosign: ToolDescriptor<'cosign', 'vocabulary'> = {
  id: 'cosign',
  fact: 'vocabulary',
  commands: { cosign: cosignCommand },
  // the installer runs nothing: what the job then runs (sign or verify) is what counts
  actions: [{ prefix: 'sigstore/cosign-installer' }],
  // every sigstore action concerns signing, known or not
  pinPrefixes: ['sigstore/'],
  variables: ['cosign'],
  fixture: 'gha-keyless-image',
};
