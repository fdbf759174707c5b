/** SLSA: the slsa-github-generator's provenance (keyless), and slsa-verifier, which only verifies. */
import { Args, optionValues, type Inputs, type ToolDescriptor } from './kit.js';

/** `${{ needs.build.outputs.hashes }}` → `build`: the job whose hashes are the generic generator's subjects. */
function hashingJob(inputs: Inputs): string | undefined {
  return /\bneeds\.([\w-]+)\.outputs\./.exec(inputs['base64-subjects'] ?? '')?.[1];
}

export const slsaGithubGenerator: ToolDescriptor<'slsa-github-generator', 'vocabulary'> = {
  id: 'slsa-github-generator',
  fact: 'vocabulary',
  actions: [
    {
      prefix: 'slsa-framework/slsa-github-generator',
      run: (i, step) => [/container/.test(step.uses ?? '')
        ? { kind: 'sign', tool: 'slsa-github-generator', artifact: 'container-image', keyless: true, attestation: 'provenance' }
        : { kind: 'sign', tool: 'slsa-github-generator', artifact: 'blob', keyless: true, attestation: 'provenance', subjectJob: hashingJob(i) }],
    },
  ],
  pinPrefixes: ['slsa-framework/'],
  fixture: 'slsa-generator',
};

export const slsaVerifier: ToolDescriptor<'slsa-verifier', 'other'> = {
  id: 'slsa-verifier',
  fact: 'other',
  // --source-uri / --source-tag / --source-branch: which repository and ref the provenance must name
  commands: { 'slsa-verifier': (words) => (/^verify/.test(words[1] ?? '') ? [{ kind: 'verify', tool: 'slsa-verifier', options: optionValues(new Args(words.slice(2)), ['--source-uri', '--source-tag', '--source-branch', '--builder-id']) }] : []) },
  actions: [{ prefix: 'slsa-framework/slsa-verifier' }],
};
