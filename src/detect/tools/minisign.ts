/** minisign and OpenBSD signify: the same flags (-S sign, -V verify, -s secret key, -m message). */
import { Args, artifactOfBlob, keyRefOf, type Handler, type ToolDescriptor } from './kit.js';

const minisignLike = (tool: 'minisign' | 'signify'): Handler => (words) => {
  const args = new Args(words.slice(1));
  const secret = args.value('-s');
  const message = args.value('-m') ?? args.value('-x');
  if (args.shortFlag('V')) return [{ kind: 'verify', tool, subject: message }];
  if (args.shortFlag('S')) return [{ kind: 'sign', tool, artifact: artifactOfBlob(message), keyless: false, key: secret ? keyRefOf(secret) : undefined, subject: message }];
  return [];
};

export const minisign: ToolDescriptor<'minisign', 'vocabulary'> = {
  id: 'minisign', fact: 'vocabulary', commands: { minisign: minisignLike('minisign') }, variables: ['minisign'], fixture: 'buildkite-minisign',
};

export const signify: ToolDescriptor<'signify', 'vocabulary'> = {
  id: 'signify', fact: 'vocabulary', commands: { signify: minisignLike('signify'), 'signify-openbsd': minisignLike('signify') }, variables: ['signify'],
};
