import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REDACTED, sanitizeExcerpt, sanitizeLine } from '../../src/detect/sanitize.js';

// Built at run time so no scanner flags this test file as holding secrets.
const ghToken = 'ghp' + '_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const fakeKeyBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7' + 'Vx3kZ9qLmN0pQ1rS2tU3vW4xY5zA6b';
const pemBlock = ['-----BEGIN ' + 'RSA PRIVATE KEY-----', fakeKeyBody, fakeKeyBody, '-----END ' + 'RSA PRIVATE KEY-----'].join('\n');

/** Nothing a terminal would interpret, and nothing invisible. */
function assertClean(s: string): void {
  // eslint-disable-next-line no-control-regex
  expect(s).not.toMatch(/[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
}

describe('sanitizeExcerpt: terminal control', () => {
  it.each([
    ['CSI colour', 'name: \x1b[31mRelease\x1b[0m', 'name: Release'],
    ['CSI with params and intermediates', 'a\x1b[1;2;38;5;200mb\x1b[?25lc', 'abc'],
    ['8-bit CSI', 'a\x9b31mb', 'ab'],
    ['OSC title, BEL-terminated', 'x\x1b]0;pwned\x07y', 'xy'],
    ['OSC hyperlink, ST-terminated', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['OSC unterminated swallows its payload', 'ok \x1b]0;never ends', 'ok'],
    ['DCS', 'a\x1bP1$r0m\x1b\\b', 'ab'],
    ['APC and PM', 'a\x1b_hidden\x1b\\b\x1b^pm\x07c', 'abc'],
    ['lone ESC and charset escape', 'a\x1bcb\x1b(Bc\x1b', 'abc'],
    ['C0 controls and DEL', 'a\x00b\x07c\x08d\x7fe', 'abcde'],
    ['C1 controls', 'a\u0085b\u008dc\u0084d', 'abcd'],
    ['C1 APC string (0x9F) swallows its payload', 'a\u009fhidden\u009cb', 'ab'],
    ['bidi overrides and isolates', 'if (\u202eadmin\u202c) \u2066x\u2069', 'if (admin) x'],
    ['zero-width characters', 'co\u200bsi\u200cgn\u200d \ufeffsign\u2060', 'cosign sign'],
    ['tabs and newlines become one line', '\tcosign\tsign\r\n--yes\n', 'cosign sign --yes'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeExcerpt(input);
    expect(out).toBe(expected);
    assertClean(out);
  });

  it('keeps ordinary non-ASCII text', () => {
    expect(sanitizeExcerpt('署名: cosign ✓ café')).toBe('署名: cosign ✓ café');
  });

  it('strips Unicode tag characters (invisible ASCII smuggling)', () => {
    expect(sanitizeExcerpt('ok\u{E0041}\u{E0042}!')).toBe('ok!');
  });
});

describe('sanitizeExcerpt: length', () => {
  it('trims and keeps short text', () => {
    expect(sanitizeExcerpt('   run: make release   ')).toBe('run: make release');
  });

  it('cuts long text to max characters ending with an ellipsis', () => {
    const out = sanitizeExcerpt('x'.repeat(500));
    expect(out).toHaveLength(160);
    expect(out.endsWith('…')).toBe(true);
    expect(sanitizeExcerpt('y'.repeat(50), 20)).toHaveLength(20);
  });

  it('never splits a surrogate pair', () => {
    const out = sanitizeExcerpt('a' + '😀'.repeat(100), 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('sanitizeLine allows up to 300 characters', () => {
    expect(sanitizeLine('z'.repeat(299))).toHaveLength(299);
    expect(sanitizeLine('z'.repeat(1000))).toHaveLength(300);
    expect(sanitizeLine('dir/\x1b[31mred\x1b[0m.yml\n')).toBe('dir/red.yml');
  });

  it('stays fast on a hostile megabyte line', () => {
    const hostile = ('\x1b]0;' + 'a'.repeat(50) + '\u200b--password ').repeat(20_000);
    const t0 = performance.now();
    const out = sanitizeExcerpt(hostile);
    expect(performance.now() - t0).toBeLessThan(1000);
    assertClean(out);
  });
});

describe('sanitizeExcerpt: secrets', () => {
  it.each([
    ['PEM header line', '-----BEGIN ' + 'RSA PRIVATE KEY-----'],
    ['PEM footer line', '-----END ' + 'EC PRIVATE KEY-----'],
    ['PKCS#8 header', '-----BEGIN ' + 'PRIVATE KEY-----'],
    ['encrypted cosign key header', '-----BEGIN ' + 'ENCRYPTED SIGSTORE PRIVATE KEY-----'],
    ['OpenSSH header', '-----BEGIN ' + 'OPENSSH PRIVATE KEY-----'],
    ['PGP private block', '-----BEGIN ' + 'PGP PRIVATE KEY BLOCK-----'],
    ['base64 key body line', fakeKeyBody],
    ['base64 key body line with many slashes', 'j3j/q8/adW8/io/uXyIjzQ7yWsaL1H+FfS3wBk9/Zq/Lm2Vb/xT0pRs7Nd4Ee1Aa'],
  ])('%s is redacted', (_name, input) => {
    const out = sanitizeExcerpt(input);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/PRIVATE KEY|MIIE|adW8/);
  });

  it('redacts every full-length line of (deterministic) random key bodies', () => {
    for (let i = 0; i < 2000; i++) {
      const line = createHash('sha384').update(`line ${i}`).digest('base64'); // 64 characters, like a PEM line
      expect(sanitizeExcerpt(`  ${line}`)).toBe(REDACTED);
    }
  });

  it('redacts a whole key block, including one embedded in JSON with \\n escapes', () => {
    expect(sanitizeExcerpt(pemBlock)).toBe(REDACTED);
    const json = `{"key": "${pemBlock.replace(/\n/g, '\\n')}", "ok": 1}`;
    const out = sanitizeExcerpt(json);
    expect(out).not.toContain('MIIE');
    expect(out).not.toContain('PRIVATE');
    expect(out).toContain('"ok": 1');
  });

  it.each([
    ['GitHub classic token', `curl -H "x: ${ghToken}"`, ghToken],
    ['GitHub OAuth token', 'gho' + '_' + 'abcdefghijklmnopqrstuvwxyz0123456789', 'gho_abcdefghij'],
    ['GitHub fine-grained PAT', 'github' + '_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_11'],
    ['AWS access key id', 'key AKIA' + 'IOSFODNN7EXAMPLE here', 'IOSFODNN7EXAMPLE'],
    ['AWS STS key id', 'ASIA' + 'ABCDEFGHIJKLMNOP', 'ABCDEFGHIJKLMNOP'],
    ['AWS secret', 'AWS_SECRET_ACCESS_KEY=' + 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['Slack token', 'xoxb' + '-123456789012-abcdefghijkl', 'xoxb-1234'],
    ['GitLab PAT', 'glpat' + '-abcdefghij0123456789', 'glpat-abc'],
    ['npm token', '//registry.npmjs.org/:_authToken=' + 'npm_' + 'a'.repeat(18) + 'B'.repeat(18), 'npm_aaaa'],
    ['JWT', 'Authorization: ' + 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJzdWIi'],
    ['password assignment', 'password = "hunter2hunter2"', 'hunter2'],
    ['passwd in YAML', 'db_passwd: s3cr3t-value', 's3cr3t'],
    ['secret in env', 'export MY_SECRET=abc123def', 'abc123def'],
    ['api key, dashed', 'api-key: 0123456789abcdef', '0123456789abcdef'],
    ['apikey in JSON', '{"apiKey": "zzz-top-secret"}', 'zzz-top-secret'],
    ['token flag', 'tool publish --token abcdef123456', 'abcdef123456'],
    ['password in URL', 'git clone https://bot:pa55word@git.example.com/x.git', 'pa55word'],
  ])('%s is redacted', (_name, input, secretPart) => {
    const out = sanitizeExcerpt(input);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secretPart);
  });

  it.each([
    ['GitHub secrets expression', 'COSIGN_PASSWORD: ${{ secrets.COSIGN_PASSWORD }}'],
    ['GitHub token expression', 'token: ${{ secrets.GITHUB_TOKEN }}'],
    ['quoted expression', 'password: "${{ secrets.REGISTRY_PASSWORD }}"'],
    ['shell variable', 'echo "$TOKEN" | docker login --password-stdin'],
    ['shell variable assignment', 'NPM_TOKEN=$NODE_AUTH_TOKEN'],
    ['braced shell variable', 'password=${REGISTRY_PASSWORD}'],
    ['cosign env reference', 'cosign sign --key env://COSIGN_PRIVATE_KEY $IMAGE'],
    ['KMS reference', 'cosign sign --key awskms:///alias/release $IMAGE'],
    ['OIDC permission', 'id-token: write'],
    ['empty password', "COSIGN_PASSWORD: ''"],
    ['command substitution', 'token=$(cat /run/secrets/token)'],
    ['image digest', 'ghcr.io/org/app@sha256:' + 'a3f5'.repeat(16)],
    ['pinned action', 'uses: sigstore/cosign-installer@' + 'dc72c7d5c4d10cd6bcb8cf6e3fd625a9e5e537da'],
    ['long path', 'src/main/java/com/Example/Signing/KeyUtils2Helper.java'],
  ])('%s is kept', (_name, input) => {
    expect(sanitizeExcerpt(input)).toBe(input);
  });

  it('redacts a token split by an escape sequence (controls are stripped first)', () => {
    const split = ghToken.slice(0, 10) + '\x1b[0m' + ghToken.slice(10);
    expect(sanitizeExcerpt(split)).toBe(REDACTED);
  });

  it('redacts in sanitizeLine too', () => {
    expect(sanitizeLine(`scripts/${ghToken}.sh`)).not.toContain(ghToken);
  });
});
