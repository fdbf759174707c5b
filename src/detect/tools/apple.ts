/** Apple code signing: codesign (with certificates imported by `security import`), rcodesign off macOS. */
import { Args, keyRefOf, SECRETISH, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';

const codesignCommand: Handler = (words) => {
  const args = new Args(words.slice(1));
  // with --sign, `-v` means --verbose (codesign(1)): `codesign -s "$ID" -v app` signs
  const signs = args.has('--sign') || args.shortFlag('s');
  if (!signs && (args.has('--verify') || args.has('-v'))) return [{ kind: 'verify', tool: 'codesign' }];
  if (!signs) return [];
  const identity = args.value('--sign', '-s');
  // `-s -` is ad-hoc signing (codesign(1)): no identity, no certificate, nothing a user can check;
  // it makes a downloaded tool runnable on Apple silicon. Not signing of a deliverable.
  if (identity === '-') return [];
  return [{ kind: 'sign', tool: 'codesign', artifact: 'blob', keyless: false, key: identity ? { type: 'named', name: identity } : undefined }];
};

/** `xcrun [--sdk macosx] codesign …` runs the developer tool it names; `xcrun notarytool` submits for notarization, which signs nothing of the project's. */
const xcrun: Handler = (words, cmd, line, depth, recurse) => {
  let i = 1;
  while (i < words.length && words[i]!.startsWith('-')) i += /^--?(sdk|toolchain)$/.test(words[i]!) ? 2 : 1;
  return i < words.length && depth < 3 ? recurse.command({ ...cmd, words: words.slice(i) }, line, depth + 1) : [];
};

export const codesign: ToolDescriptor<'codesign', 'vocabulary'> = {
  id: 'codesign',
  fact: 'vocabulary',
  commands: {
    codesign: codesignCommand,
    xcrun,
    // `security import cert.p12`: the signing certificate, from a secret or not
    security: (words, _cmd, line) => (words[1] === 'import' && /\.(p12|pfx)\b|pkcs12/i.test(line) ? [{ kind: 'key-import', tool: 'codesign', fromSecret: SECRETISH.test(line), path: words[2] }] : []),
  },
  variables: ['codesign'],
  fixture: 'windows-macos-signing',
};

/** rcodesign sign: Apple code signing with a PKCS#11 or smart-card key, or a PKCS#12 file. */
const rcodesignCommand: Handler = (words) => {
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'rcodesign' }];
  if (words[1] !== 'sign') return [];
  const args = new Args(words.slice(2));
  const p12 = args.value('--p12-file', '--pem-source', '--pem-file');
  const key: KeyRef | undefined = args.has('--pkcs11-library', '--smartcard-slot') ? { type: 'hsm', uri: 'pkcs11' } : p12 ? keyRefOf(p12) : undefined;
  return [{ kind: 'sign', tool: 'rcodesign', artifact: 'blob', keyless: false, key }];
};

export const rcodesign: ToolDescriptor<'rcodesign', 'signer'> = { id: 'rcodesign', fact: 'signer', commands: { rcodesign: rcodesignCommand } };
