/**
 * Committed private keys: files chosen by name (extensions and names that hold keys, small files
 * under keys/, certs/, secrets/) are searched for private-key headers. Only the path and the kind
 * are kept, never the content. Keys under test-fixture folders are reported apart.
 */
import type { PrivateKeyKind } from '../types.js';

const KEY_EXT = /\.(key|pem|p8|asc|gpg|sec|priv|ppk|pk8|der|jwk|keystore)$/i;
const KEY_NAMES = /^(id_rsa|id_dsa|id_ecdsa|id_ed25519|cosign\.key|.*\.private|private[-_.]?key.*|signing[-_.]?key.*|secring.*)$/i;
const KEY_DIRS = /(^|\/)(keys?|certs?|secrets?|private|\.ssh|gpg|pgp)\//i;
const MAX_KEY_FILE = 64 * 1024;

/** By name first; the size (a stat for a local reader) is only asked of files that qualify by name. */
export function isKeyCandidate(path: string, size: () => number): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.pub$|\.crt$|\.cer$|\.csr$/i.test(base)) return false;
  const byName = KEY_EXT.test(base) || KEY_NAMES.test(base) || (KEY_DIRS.test(path) && !/\.(md|go|ts|js|py|java|rs|c|h|json|ya?ml|toml|html|css|svg|png|jpg)$/i.test(base));
  return byName && size() <= MAX_KEY_FILE;
}

/**
 * Test fixtures, not real keys. `examples/` and `samples/` count as fixtures too: a key shipped as a
 * sample is demo material, not the project's signing key (it is still listed in testKeys). End-to-end,
 * integration and conformance suites (`e2e/`, `integration/`, Go's `_testdata/`) are test code as well.
 */
const TEST_DIR = /(^|\/)(test|tests|testdata|_testdata|test-data|test_data|testing|__tests__|__fixtures__|fixtures?|spec|specs|__mocks__|mocks?|examples?|samples?|e2e|e2e[-_]tests?|integration|integration[-_]tests?|conformance)\//i;

export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path);
}

/**
 * A key whose own file name says it is throwaway material: `testkey.pem`, `cosign-test.key`,
 * `example.key`, `dummy_rsa.pem`, `fakeKey.pem`. The name is cut into word parts (at `-`, `_`, `.`
 * and camelCase); a part that is one of the words, alone or glued to `key`/`cert`/digits, marks the
 * file. Whole parts only, so `latest.key`, `attestor.key` and `contest.pem` stay real keys.
 */
const TEST_WORD = /^(test|testing|tests|example|examples|dummy|fake|sample|samples|demo|mock|insecure)(keys?|certs?|data|\d+)?$/;

export function isTestKeyName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const parts = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return parts.some((p) => TEST_WORD.test(p));
}

/** A private key that is test or demo material: by its folder or by its own name. */
export function isTestKey(path: string): boolean {
  return isTestPath(path) || isTestKeyName(path);
}

const HEADERS: Array<[RegExp, PrivateKeyKind]> = [
  [/-----BEGIN RSA PRIVATE KEY-----/, 'pem-rsa'],
  [/-----BEGIN EC PRIVATE KEY-----/, 'pem-ec'],
  [/-----BEGIN DSA PRIVATE KEY-----/, 'pem-dsa'],
  [/-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/, 'sigstore-encrypted'],
  [/-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----/, 'cosign-key'],
  [/-----BEGIN ENCRYPTED PRIVATE KEY-----/, 'pem-encrypted'],
  [/-----BEGIN PRIVATE KEY-----/, 'pem-pkcs8'],
  [/-----BEGIN OPENSSH PRIVATE KEY-----/, 'openssh'],
  [/-----BEGIN PGP PRIVATE KEY BLOCK-----/, 'pgp'],
  [/^PuTTY-User-Key-File-\d+:/, 'putty'],
];

/** The private-key blocks of a text: kind and 1-based line, one per kind. Content is never returned. */
export function findPrivateKeys(text: string): Array<{ kind: PrivateKeyKind; line: number }> {
  const out: Array<{ kind: PrivateKeyKind; line: number }> = [];
  const seen = new Set<PrivateKeyKind>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.includes('PRIVATE KEY') && !l.startsWith('PuTTY-User-Key-File')) continue;
    for (const [re, kind] of HEADERS) {
      if (re.test(l.trim()) && !seen.has(kind)) {
        seen.add(kind);
        out.push({ kind, line: i + 1 });
        break;
      }
    }
  }
  return out;
}
