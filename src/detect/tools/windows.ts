/** Authenticode: signtool on Windows (or Azure Trusted Signing through its dlib), osslsigncode elsewhere. */
import { Args, envVariableOf, keyRefOf, type Handler, type KeyRef, type ToolDescriptor } from './kit.js';
import { trustedSigning } from './azure-trusted-signing.js';

const signtoolCommand: Handler = (words) => {
  const verb = words[1]?.toLowerCase();
  const args = new Args(words.slice(2));
  if (verb === 'verify') return [{ kind: 'verify', tool: 'signtool' }];
  if (verb !== 'sign') return [];
  const dlib = args.value('/dlib');
  if (isTrustedSigningDlib(dlib)) return [trustedSigning()];
  const file = args.value('/f');
  const key: KeyRef | undefined = args.has('/csp') || args.has('/kc') ? { type: 'hsm', uri: 'csp' } : file ? keyRefOf(file) : undefined;
  // `/dlib $Env:DLIB_PATH`: which dlib is known only from the step's environment (resolveEnv below)
  const variable = envVariableOf(dlib);
  return [{ kind: 'sign', tool: 'signtool', artifact: 'blob', keyless: false, key, ...(variable ? { envOption: { option: '/dlib', variable } } : {}) }];
};

/** The Azure Code Signing / Trusted Signing dlib (`Azure.CodeSigning.Dlib.dll`, the TrustedSigning client package). */
const isTrustedSigningDlib = (path: string | undefined): boolean => /codesigning|trustedsigning|artifactsigning/i.test(path ?? '');

export const signtool: ToolDescriptor<'signtool', 'vocabulary'> = {
  id: 'signtool', fact: 'vocabulary', commands: { signtool: signtoolCommand }, variables: ['signtool'], fixture: 'windows-macos-signing',
  resolveEnv: (rec, value) => (rec.envOption?.option === '/dlib' && isTrustedSigningDlib(value) ? trustedSigning() : undefined),
};

/** osslsigncode sign: Authenticode signing with a PKCS#11 key (an HSM, a cloud HSM), a PKCS#12 file or a key file. */
const osslsigncodeCommand: Handler = (words) => {
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'osslsigncode' }];
  if (words[1] !== 'sign') return [];
  const args = new Args(words.slice(2));
  const file = args.value('-pkcs12') ?? args.value('-key');
  const key: KeyRef | undefined = args.has('-pkcs11engine', '-pkcs11module', '-pkcs11cert') ? { type: 'hsm', uri: 'pkcs11' } : file ? keyRefOf(file) : undefined;
  return [{ kind: 'sign', tool: 'osslsigncode', artifact: 'blob', keyless: false, key, subject: args.value('-in') }];
};

export const osslsigncode: ToolDescriptor<'osslsigncode', 'signer'> = {
  id: 'osslsigncode', fact: 'signer', commands: { osslsigncode: osslsigncodeCommand },
};
