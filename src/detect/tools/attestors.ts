/** Signing services and attestation frameworks: AWS Signer, in-toto, witness, Tekton Chains. */
import { MAX_NESTING } from './calls.js';
import { Args, keyRefOf, withoutAwsGlobalOptions, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';

const AWS_SIGNER: KeyRef = { type: 'kms', provider: 'aws', uri: 'aws-signer' };

export const awsSigner: ToolDescriptor<'aws-signer', 'vocabulary'> = {
  id: 'aws-signer',
  fact: 'vocabulary',
  commands: {
    // `aws s3 cp` of release files is the publishers' (publishers.ts): both recognisers see every `aws`
    aws: (all) => {
      const words = withoutAwsGlobalOptions(all);
      return words[1] === 'signer' && /^(start-signing-job|sign-payload)$/.test(words[2] ?? '')
        ? [{ kind: 'sign', tool: 'aws-signer', artifact: 'blob', keyless: false, key: AWS_SIGNER }]
        : [];
    },
  },
  key: AWS_SIGNER,
};

/** The options of a wrapper (`witness run … -- make release`): the words before `--`. */
const before = (argv: string[]): string[] => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);

/** What a wrapper runs after `--` is recognised too: `witness run -s build -- goreleaser release` publishes. */
const wrapped: Handler = (words, cmd, line, depth, recurse) => {
  const i = words.indexOf('--');
  return i >= 0 && i + 1 < words.length && depth < MAX_NESTING ? recurse.command({ ...cmd, words: words.slice(i + 1) }, line, depth + 1) : [];
};

export const inToto: ToolDescriptor<'in-toto', 'vocabulary'> = {
  id: 'in-toto',
  fact: 'vocabulary',
  commands: {
    'in-toto-run': (words, cmd, line, depth, recurse) => {
      const args = new Args(before(words.slice(1)));
      const k = args.value('--signing-key', '--key', '-k');
      // --no-command records materials only; the link metadata is signed either way
      return [
        { kind: 'sign', tool: 'in-toto', artifact: 'blob', keyless: false, key: k ? keyRefOf(k) : args.has('--gpg', '-g') ? { type: 'named', name: 'gpg' } : undefined, attestation: 'provenance' },
        ...wrapped(words, cmd, line, depth, recurse),
      ];
    },
  },
};

export const witness: ToolDescriptor<'witness', 'vocabulary'> = {
  id: 'witness',
  fact: 'vocabulary',
  commands: {
    witness: (words, cmd, line, depth, recurse) => {
      if (words[1] === 'verify') return [{ kind: 'verify', tool: 'witness' }];
      if (words[1] !== 'run') return [];
      const args = new Args(before(words.slice(2)));
      const k = args.value('--signer-file-key-path', '-k', '--key');
      const keyless = !k && args.argv.some((a) => a.startsWith('--signer-fulcio'));
      const kms = args.value('--signer-kms-ref');
      const vault = args.value('--signer-vault-url');
      const key: KeyRef | undefined = kms ? keyRefOf(kms) : vault ? { type: 'vault', uri: vault } : k ? keyRefOf(k) : undefined;
      return [{ kind: 'sign', tool: 'witness', artifact: 'blob', keyless, key, attestation: 'provenance' }, ...wrapped(words, cmd, line, depth, recurse)];
    },
  },
  actions: [
    // testifysec/witness-run-action: `command` runs under witness; `enable-sigstore` (default true) signs keylessly
    {
      prefix: 'testifysec/witness-run-action',
      run: (i, _step, recurse) => [
        { kind: 'sign', tool: 'witness', artifact: 'blob', keyless: !/^false$/i.test(i['enable-sigstore'] ?? 'true'), key: i['key'] ? keyRefOf(i['key']) : undefined, attestation: 'provenance' },
        ...(i['command'] ? recurse.line(i['command'], 1).map((r) => r.rec) : []),
      ],
    },
  ],
  pinPrefixes: ['testifysec/witness-run-action'],
};

/** Tekton Chains signs in the cluster, configured by a ConfigMap (ci/tekton.ts): no command, no action. */
export const tektonChains: ToolDescriptor<'tekton-chains', 'signer'> = {
  id: 'tekton-chains',
  fact: 'signer',
  // the controller signs the images every TaskRun pushes, whichever Tekton pipeline runs it
  covers: { artifacts: ['container-image'], system: 'tekton' },
  fixture: 'tekton-chains',
};
