/** PyPI attestations: the pypi-publish action (attestations on by default), `twine upload --attestations`. */
import { Args, type Handler, type Recognised, type ToolDescriptor } from './kit.js';
import { sigstorePython } from './sigstore.js';

const pythonPublish = (tool: string): Recognised => ({ kind: 'publish', tool, artifact: 'Python package', artifactKind: 'package' });
const attestation = (): Recognised => ({ kind: 'sign', tool: 'pypi-attestations', artifact: 'package', keyless: true, attestation: 'provenance' });

function twine(argv: string[]): Recognised[] {
  if (argv[0] !== 'upload') return [];
  return new Args(argv).has('--attestations') ? [pythonPublish('twine'), attestation()] : [pythonPublish('twine')];
}

/** `python -m twine …`, `python -m sigstore …`. */
const python: Handler = (words) => {
  const i = words.indexOf('-m');
  if (i < 0) return [];
  const argv = words.slice(i + 2);
  if (words[i + 1] === 'twine') return twine(argv);
  if (words[i + 1] === 'sigstore') return sigstorePython(argv);
  return [];
};

const publishOnly = (tool: string): Handler => (words) => (words[1] === 'publish' && (tool === 'uv' || tool === 'flit' || !words.includes('--dry-run')) ? [pythonPublish(tool)] : []);

export const pypiAttestations: ToolDescriptor<'pypi-attestations', 'vocabulary'> = {
  id: 'pypi-attestations',
  fact: 'vocabulary',
  commands: { twine: (words) => twine(words.slice(1)), python, python3: python, py: python, poetry: publishOnly('poetry'), uv: publishOnly('uv'), flit: publishOnly('flit') },
  actions: [
    { prefix: 'pypa/gh-action-pypi-publish', run: (i) => (/^(false|no|0|off)$/i.test((i['attestations'] ?? 'true').trim()) ? [pythonPublish('pypi-publish')] : [pythonPublish('pypi-publish'), attestation()]) },
    { prefix: 'task:twineauthenticate' },
    { prefix: 'pipe:atlassian/pypi-publish', run: () => [pythonPublish('twine')] },
  ],
  pinPrefixes: ['pypa/gh-action-pypi-publish'],
  variables: ['twine'],
  packageProvenance: true,
  fixture: 'pypi-attestations',
  covers: { artifacts: ['Python package'] },
};
