/**
 * Azure Trusted Signing (renamed Artifact Signing): a cloud signing service, so custody is always an
 * Azure-held key. Reached by its actions and Azure tasks, `Invoke-TrustedSigning`, and signtool's
 * `/dlib` with the Azure Code Signing dlib (signtool.ts).
 */
import type { KeyRef, Recognised, ToolDescriptor } from './kit.js';

const KEY: KeyRef = { type: 'kms', provider: 'azure', uri: 'trusted-signing' };

/** The one signing record of Azure Trusted Signing, whichever way it is reached. */
export const trustedSigning = (): Recognised => ({ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: KEY });

export const azureTrustedSigning: ToolDescriptor<'azure-trusted-signing', 'vocabulary'> = {
  id: 'azure-trusted-signing',
  fact: 'vocabulary',
  commands: { 'Invoke-TrustedSigning': () => [trustedSigning()] },
  actions: ['azure/trusted-signing-action', 'azure/artifact-signing-action', 'task:trustedsigning', 'task:artifactsigning'].map((prefix) => ({ prefix, run: () => [trustedSigning()] })),
  pinPrefixes: ['azure/trusted-signing', 'azure/artifact-signing'],
  key: KEY,
  fixture: 'windows-macos-signing',
};
