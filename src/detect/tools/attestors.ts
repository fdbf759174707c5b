/** Signing services and attestation frameworks: AWS Signer, in-toto, witness, Tekton Chains. */
import { awsS3 } from './publishers.js';
import { Args, keyRefOf, type KeyRef, type ToolDescriptor } from './kit.js';

const AWS_SIGNER: KeyRef = { type: 'kms', provider: 'aws', uri: 'aws-signer' };

/** `aws --region r --profile p s3 cp …` → `aws s3 cp …`: global options may come before the service. */
function withoutGlobalOptions(words: string[]): string[] {
  let i = 1;
  while (i < words.length && words[i]!.startsWith('--')) i += words[i]!.includes('=') || /^--(debug|no-verify-ssl|no-paginate|no-sign-request|no-cli-pager)$/.test(words[i]!) ? 1 : 2;
  return [words[0]!, ...words.slice(i)];
}

export const awsSigner: ToolDescriptor<'aws-signer', 'vocabulary'> = {
  id: 'aws-signer',
  fact: 'vocabulary',
  commands: {
    // `aws s3 cp` of release files publishes them (publishers.ts): one word, one descriptor
    aws: (all, cmd, line, depth, recurse) => {
      const words = withoutGlobalOptions(all);
      if (words[1] === 's3') return awsS3(words, cmd, line, depth, recurse);
      return words[1] === 'signer' && /^(start-signing-job|sign-payload)$/.test(words[2] ?? '')
        ? [{ kind: 'sign', tool: 'aws-signer', artifact: 'blob', keyless: false, key: AWS_SIGNER }]
        : [];
    },
  },
  key: AWS_SIGNER,
};

export const inToto: ToolDescriptor<'in-toto', 'vocabulary'> = {
  id: 'in-toto',
  fact: 'vocabulary',
  commands: {
    'in-toto-run': (words) => {
      const args = new Args(words.slice(1));
      const k = args.value('--signing-key', '--key', '-k');
      return [{ kind: 'sign', tool: 'in-toto', artifact: 'blob', keyless: false, key: k ? keyRefOf(k) : args.has('--gpg', '-g') ? { type: 'named', name: 'gpg' } : undefined, attestation: 'provenance' }];
    },
  },
};

export const witness: ToolDescriptor<'witness', 'vocabulary'> = {
  id: 'witness',
  fact: 'vocabulary',
  commands: {
    witness: (words) => {
      if (words[1] === 'verify') return [{ kind: 'verify', tool: 'witness' }];
      if (words[1] !== 'run') return [];
      const args = new Args(words.slice(2));
      const k = args.value('--signer-file-key-path', '-k', '--key');
      const keyless = !k && args.argv.some((a) => a.startsWith('--signer-fulcio'));
      const kms = args.value('--signer-kms-ref');
      return [{ kind: 'sign', tool: 'witness', artifact: 'blob', keyless, key: kms ? keyRefOf(kms) : k ? keyRefOf(k) : undefined, attestation: 'provenance' }];
    },
  },
};

/** Tekton Chains signs in the cluster, configured by a ConfigMap (ci/tekton.ts): no command, no action. */
export const tektonChains: ToolDescriptor<'tekton-chains', 'signer'> = { id: 'tekton-chains', fact: 'signer', fixture: 'tekton-chains' };
