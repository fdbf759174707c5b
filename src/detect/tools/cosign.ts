/** cosign (Sigstore): sign/attest images and blobs, keyless or with a key; verify. */
import { Args, artifactOfBlob, optionValues, attestationOfType, keyRefOf, truthy, type ActionEntry, type Handler, type Inputs, type KeyRef, type ToolDescriptor } from './kit.js';

const VALUE_OPTS = ['--key', '--certificate', '--certificate-chain', '--output-signature', '--output-certificate', '--bundle', '--predicate', '--type', '-a', '--annotations', '--identity-token', '--fulcio-url', '--rekor-url', '--oidc-issuer', '--oidc-client-id', '--certificate-identity', '--certificate-oidc-issuer', '--certificate-identity-regexp', '--certificate-oidc-issuer-regexp', '--certificate-github-workflow-repository', '--certificate-github-workflow-name', '--certificate-github-workflow-trigger', '--certificate-github-workflow-ref', '--certificate-github-workflow-sha', '--ca-roots', '--signature', '--output', '--output-file', '--registry-username', '--registry-password', '--attachment', '--timeout', '--sk-slot', '--slot'];

/** What a verification demands of the signer (identity/cli-expectations.ts reads them). */
export const VERIFY_OPTS = [
  '--certificate-identity', '--certificate-identity-regexp', '--certificate-oidc-issuer', '--certificate-oidc-issuer-regexp',
  '--certificate-github-workflow-repository', '--certificate-github-workflow-name', '--certificate-github-workflow-trigger',
  '--certificate-github-workflow-ref', '--key', '--certificate', '--ca-roots',
];

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
      return [{ kind: 'verify', tool: 'cosign', subject, options: optionValues(rest, VERIFY_OPTS) }];
    default:
      return [];
  }
};

const orbKey = (i: Inputs): KeyRef => ({ type: 'env', name: i['private_key'] || 'COSIGN_PRIVATE_KEY' });

/**
 * CircleCI orbs (juburr/cosign-orb, twdps/cosign) and the Buildkite plugin (equinixmetal-buildkite/cosign)
 * that run cosign for the pipeline: their parameters say what is signed and with which key.
 */
const ORBS_AND_PLUGINS: ActionEntry[] = [
  { prefix: 'orb:juburr/cosign-orb/install' },
  // private_key names the environment variable (a CircleCI context secret) holding the base64 key
  { prefix: 'orb:juburr/cosign-orb/sign_image', run: (i) => [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless: false, key: orbKey(i), subject: i['image'] }] },
  { prefix: 'orb:juburr/cosign-orb/sign_blob', run: (i) => [{ kind: 'sign', tool: 'cosign', artifact: artifactOfBlob(i['blob']), keyless: false, key: orbKey(i), subject: i['blob'] }] },
  { prefix: 'orb:juburr/cosign-orb/attest', run: (i) => [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless: false, key: orbKey(i), subject: i['image'], attestation: attestationOfType(i['type']) }] },
  ...['verify_image', 'verify_blob', 'verify_attestation'].map((c) => ({ prefix: `orb:juburr/cosign-orb/${c}`, run: (i: Inputs) => [{ kind: 'verify' as const, tool: 'cosign', subject: i['image'] }] })),
  { prefix: 'orb:twdps/cosign/install' },
  // a test cluster and Sigstore stack for e2e tests (it exports FULCIO_URL, REKOR_URL, OIDC_TOKEN)
  { prefix: 'sigstore/scaffolding/actions/setup', testStack: true },
  {
    prefix: 'orb:twdps/cosign/sign',
    run: (i) => [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless: false, key: keyRefOf(i['sign-key'] || 'cosign.key'), subject: [i['registry'], i['image']].filter(Boolean).join('/') + (i['tag'] ? `:${i['tag']}` : '') }],
  },
  // keyless: true uses Fulcio; otherwise keyed-config.key (a path the step's environment provides)
  { prefix: 'plugin:equinixmetal-buildkite/cosign', run: (i) => [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless: truthy(i['keyless']), subject: i['image'] }] },
];

export const cosign: ToolDescriptor<'cosign', 'vocabulary'> = {
  id: 'cosign',
  fact: 'vocabulary',
  commands: { cosign: cosignCommand },
  // the installer runs nothing: what the job then runs (sign or verify) is what counts
  actions: [
    { prefix: 'sigstore/cosign-installer' },
    ...ORBS_AND_PLUGINS,
  ],
  // every sigstore action concerns signing, known or not
  pinPrefixes: ['sigstore/'],
  variables: ['cosign'],
  fixture: 'gha-keyless-image',
  // a chart or OCI artifact signed in its pushing job or by its pushed reference (coverage.ts)
  covers: { artifacts: ['Helm chart', 'OCI artifact'] },
};
