/** Package signers: apksigner (Android), rpmsign (RPM); and the stores they publish to. */
import { Args, keyRefOf, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';

const apksignerCommand: Handler = (words) => {
  const args = new Args(words.slice(2));
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'apksigner' }];
  if (words[1] !== 'sign') return [];
  const ks = args.value('--ks');
  const key: KeyRef | undefined = /pkcs11/i.test(args.value('--ks-type') ?? '') ? { type: 'hsm', uri: 'pkcs11' } : ks ? keyRefOf(ks) : undefined;
  return [{ kind: 'sign', tool: 'apksigner', artifact: 'package', keyless: false, key }];
};

export const apksigner: ToolDescriptor<'apksigner', 'vocabulary'> = {
  id: 'apksigner',
  fact: 'vocabulary',
  commands: { apksigner: apksignerCommand },
  actions: [{ prefix: 'r0adkll/upload-google-play', run: () => [{ kind: 'publish', tool: 'google-play', artifact: 'Android app', artifactKind: 'package' }] }],
  variables: ['apksigner'],
  covers: { artifacts: ['Android app'], configured: 'package' },
  fixture: 'android-apksigner',
};

const rpmsignCommand: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (args.has('--addsign', '--resign')) return [{ kind: 'sign', tool: 'rpm-sign', artifact: 'package', keyless: false }];
  if (args.has('--checksig') || args.has('-K')) return [{ kind: 'verify', tool: 'rpm' }];
  return [];
};

export const rpmSign: ToolDescriptor<'rpm-sign', 'vocabulary'> = {
  id: 'rpm-sign',
  fact: 'vocabulary',
  commands: { rpmsign: rpmsignCommand, rpm: (words, ...rest) => (new Args(words.slice(1)).has('--addsign', '--resign') ? rpmsignCommand(words, ...rest) : []) },
  variables: ['rpmsign'],
  fixture: 'circleci-gpg-rpm',
};
