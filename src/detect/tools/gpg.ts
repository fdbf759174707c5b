/** OpenPGP signing with gpg (detached/clear signatures), key imports, and the actions that import keys. */
import { Args, artifactOfBlob, SECRETISH, type Handler, type ToolDescriptor } from './kit.js';

const VALUE_OPTS = ['-u', '--local-user', '-o', '--output', '-r', '--recipient', '--default-key', '--passphrase', '--passphrase-file', '--passphrase-fd', '--pinentry-mode', '--homedir', '--keyring', '--secret-keyring', '--digest-algo', '--keyserver', '--trust-model', '--status-fd', '--command-fd', '--compress-level', '-z'];

const gpgCommand: Handler = (words, _cmd, line) => {
  const args = new Args(words.slice(1));
  const pos = args.positionals(VALUE_OPTS);
  if (args.has('--verify') || args.has('--verify-files')) return [{ kind: 'verify', tool: 'gpg', subject: pos[0] }];
  if (args.has('--import') || args.has('--batch-import')) {
    const path = pos[0];
    const fromSecret = SECRETISH.test(line) || (path !== undefined && /priv|secret|signing/i.test(path));
    const privateKey = fromSecret || args.has('--allow-secret-key-import') || /priv|secret/i.test(line);
    return privateKey ? [{ kind: 'key-import', tool: 'gpg', fromSecret, path }] : [];
  }
  const signs = args.has('--sign', '--detach-sign', '--detach-sig', '--clearsign', '--clear-sign') || args.shortFlag('s') || args.shortFlag('b');
  if (!signs) return [];
  const user = args.value('-u', '--local-user', '--default-key');
  const subject = pos[pos.length - 1];
  return [{ kind: 'sign', tool: 'gpg', artifact: artifactOfBlob(subject), keyless: false, key: user ? { type: 'named', name: user } : undefined, subject }];
};

export const gpg: ToolDescriptor<'gpg', 'vocabulary'> = {
  id: 'gpg',
  fact: 'vocabulary',
  commands: { gpg: gpgCommand, gpg2: gpgCommand },
  actions: [
    { prefix: 'crazy-max/ghaction-import-gpg', run: (i) => [{ kind: 'key-import', tool: 'gpg', fromSecret: /secrets\./.test(i['gpg_private_key'] ?? '') || (i['gpg_private_key'] ?? '') !== '' }] },
  ],
  pinPrefixes: ['crazy-max/ghaction-import-gpg'],
  // gpg2 first: `$GPG2` is gpg2, which the table maps to gpg anyway
  variables: ['gpg2', 'gpg'],
  fixture: 'jenkins-gpg',
  // jars or a bundle signed with gpg beside a Maven deploy: maven-gpg or Gradle signing is cited first
  covers: { artifacts: ['Maven artifacts'], fallback: true },
};
