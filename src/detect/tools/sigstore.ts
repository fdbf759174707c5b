/** Sigstore's language clients: sigstore-python (CLI, `python -m sigstore`, the GitHub action) and sigstore-js. */
import { Args, attestationOfType, artifactOfBlob, CHECKSUM_INPUT, type Recognised, type ToolDescriptor } from './kit.js';

export function sigstorePython(argv: string[]): Recognised[] {
  const verb = argv.find((w) => !w.startsWith('-'));
  const rest = new Args(argv.slice(argv.indexOf(verb ?? '') + 1));
  if (verb === 'sign' || verb === 'attest') {
    const subject = rest.positionals(['--identity-token', '--oidc-client-id', '--oidc-issuer', '--bundle', '--signature', '--certificate', '--output-directory', '--predicate', '--predicate-type'])[0];
    const attestation = verb === 'attest' ? attestationOfType(rest.value('--predicate-type')) : undefined;
    return [{ kind: 'sign', tool: 'sigstore-python', artifact: artifactOfBlob(subject), keyless: true, subject, attestation }];
  }
  if (verb === 'verify') return [{ kind: 'verify', tool: 'sigstore-python' }];
  return [];
}

export const sigstorePythonTool: ToolDescriptor<'sigstore-python', 'vocabulary'> = {
  id: 'sigstore-python',
  fact: 'vocabulary',
  // `python -m sigstore` is recognised by the python entry of pypi-attestations.ts
  commands: { sigstore: (words) => sigstorePython(words.slice(1)) },
  actions: [
    { prefix: 'sigstore/gh-action-sigstore-python', run: (i) => [{ kind: 'sign', tool: 'sigstore-python', artifact: CHECKSUM_INPUT.test(i['inputs'] ?? '') ? 'checksums' : 'blob', keyless: true, subject: i['inputs'] }] },
  ],
  covers: { artifacts: ['Python package'] },
};

/** In the vocabulary for teams to state; no command or action of it is recognised yet. */
export const sigstoreJs: ToolDescriptor<'sigstore-js', 'vocabulary'> = { id: 'sigstore-js', fact: 'vocabulary' };
