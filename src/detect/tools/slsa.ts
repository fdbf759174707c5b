/** SLSA: the slsa-github-generator's provenance (keyless), and slsa-verifier, which only verifies. */
import { Args, optionValues, type ToolDescriptor } from './kit.js';

export const slsaGithubGenerator: ToolDescriptor<'slsa-github-generator', 'vocabulary'> = {
  id: 'slsa-github-generator',
  fact: 'vocabulary',
  actions: [
    { prefix: 'slsa-framework/slsa-github-generator', run: (_i, step) => [{ kind: 'sign', tool: 'slsa-github-generator', artifact: /container/.test(step.uses ?? '') ? 'container-image' : 'blob', keyless: true, attestation: 'provenance' }] },
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
