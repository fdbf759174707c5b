/**
 * A hostile repository, built at test time (nothing hostile is committed): terminal escapes in
 * names and contents, YAML bombs, 20,000-level nesting, symlink loops and links out of the root, a
 * 64 MB sparse file, a FIFO, invalid UTF-8, a planted private key and a token. The reader must
 * finish quickly, never leave the root, never read what it must not, and never let a control byte,
 * the key or the token through.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalRepository } from '../../src/detect/reader/local-reader.js';
import { sanitizeExcerpt, sanitizeLine } from '../../src/detect/sanitize.js';
import { parseYamlSafe, toJSSafe } from '../../src/detect/yaml-safe.js';
import type { RepoReader } from '../../src/detect/types.js';

// Built at run time: nothing secret-looking sits in this file.
const TOKEN = 'ghp' + '_' + randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 36);
const KEY_HEADER = '-----BEGIN ' + 'RSA PRIVATE KEY-----';
const KEY_BODY = randomBytes(900).toString('base64').replace(/(.{64})/g, '$1\n').trim();
const FAKE_KEY = `${KEY_HEADER}\n${KEY_BODY}\n-----END ${'RSA PRIVATE KEY'}-----\n`;
const ESC_NAME = 'evil\x1b[31m\x1b]0;title\x07name.sh';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const CONTROL_IN_JSON = /\\u00[01][0-9a-f]|\\u007f|[\x00-\x1f\x7f-\x9f]/i;

const RELEASE = `name: "\x1b[31mRelease\x1b]0;owned\x07"
on:
  push:
    tags: ['v*']
permissions:
  contents: read
  id-token: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: sigstore/cosign-installer@v3
      - name: "\x1b[2J\x1b[H sign"
        run: cosign sign --yes ghcr.io/example/app@\${{ steps.build.outputs.digest }}
`;

const BILLION_LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`))
  .join('\n');

let root: string;
let outside: string;
let reader: RepoReader;
let openMs = 0;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'sigmature-hostile-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yml'), 'root:x:0:0:outside-secret\n');
  const w = (path: string, content: string | Uint8Array): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  w('.github/workflows/release.yml', RELEASE);
  w('.github/workflows/bomb.yml', BILLION_LAUGHS);
  w('.github/workflows/deep-flow.yml', 'x: ' + '['.repeat(20_000) + ']'.repeat(20_000));
  w('.github/workflows/deep-flow-open.yml', '{a: '.repeat(20_000));
  w('.github/workflows/deep-block.yml', 'steps:\n' + '- '.repeat(20_000) + 'run: cosign sign --yes x\n');
  w('.github/workflows/deep-indent.yml', Array.from({ length: 1400 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n'));
  w(`scripts/${ESC_NAME}`, '#!/bin/sh\necho "\x1b]52;c;cHduZWQ=\x07"\n');
  w('scripts/deploy.sh', `#!/bin/sh\nexport GITHUB_TOKEN=${TOKEN}\ncurl -H "Authorization: token ${TOKEN}" https://api.github.com\n`);
  w('scripts/latin1.sh', new Uint8Array([0x65, 0x63, 0x68, 0x6f, 0x20, 0xe9, 0xff, 0xfe, 0x0a]));
  w('keys/release.key', FAKE_KEY);
  w('cosign.key', FAKE_KEY);
  // Ignore rules that backtrack on deep paths, and a 200-level directory chain to run them on.
  w('.gitignore', '**/a/**/a/**/a/**/b\n**/a/**/a/**/a/**/a/**/c\n*.tmp\n');
  w(`${'a/'.repeat(200)}deep.txt`, 'deep');
  w('Makefile', `release:\n\tcosign sign-blob --key cosign.key dist/app > dist/app.sig\n`);
  // 64 MB, sparse: no disk used, but a naive reader would load all of it.
  w('.github/workflows/huge.yml', '');
  const fd = openSync(join(root, '.github/workflows/huge.yml'), 'r+');
  ftruncateSync(fd, 64 * 1024 * 1024);
  closeSync(fd);
  // Links: a loop, a self-loop, out to /, /etc/passwd, a sibling directory, and via '..'.
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  symlinkSync('.', join(root, 'self'));
  symlinkSync('/', join(root, 'rootfs'));
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync('/etc/passwd', join(root, '.github/workflows/passwd.yml'));
  symlinkSync(outside, join(root, 'outside-dir'));
  symlinkSync('../../../outside/secret.yml', join(root, '.github/workflows/sneaky.yml'));
  symlinkSync('../../..', join(root, 'scripts/up'));
  symlinkSync(`/etc/${ESC_NAME}`, join(root, `scripts/link-${ESC_NAME}`));
  // A FIFO named like a script: opening it would block forever.
  try { execFileSync('mkfifo', [join(root, 'scripts/release.sh')]); } catch { /* no mkfifo: skip */ }

  const t0 = performance.now();
  reader = await openLocalRepository(root);
  openMs = performance.now() - t0;
}, 60_000);

afterAll(() => {
  if (root) rmSync(join(root, '..'), { recursive: true, force: true });
});

describe('hostile repository', () => {
  it('is walked quickly', () => {
    expect(openMs).toBeLessThan(5000);
  });

  it('lists nothing outside the root and no links that leave it', () => {
    const paths = reader.files().map((f) => f.path);
    for (const p of paths) {
      expect(p.startsWith('/')).toBe(false);
      expect(p.split('/')).not.toContain('..');
    }
    for (const p of ['passwd', 'rootfs', 'loop-a', 'loop-b', 'self', 'outside-dir', 'scripts/up',
      '.github/workflows/passwd.yml', '.github/workflows/sneaky.yml', `scripts/link-${ESC_NAME}`, 'scripts/release.sh']) {
      expect(paths).not.toContain(p);
    }
    expect(paths.some((p) => p.startsWith('rootfs/') || p.startsWith('self/') || p.startsWith('outside-dir/'))).toBe(false);
    expect(paths).toContain('.github/workflows/release.yml');
    expect(paths).toContain(`scripts/${ESC_NAME}`); // the raw name is kept internally
  });

  it('cannot be made to read through the links', () => {
    for (const p of ['passwd', '.github/workflows/passwd.yml', '.github/workflows/sneaky.yml', 'rootfs/etc/passwd',
      'self/cosign.key', 'outside-dir/secret.yml', '../outside/secret.yml', '/etc/passwd', 'scripts/release.sh']) {
      expect(reader.readText(p)).toBeUndefined();
    }
  });

  it('warns about every link that leaves the root, with sanitised names', () => {
    const outsideRoot = reader.warnings().filter((w) => w.kind === 'outside-root').map((w) => w.file);
    expect(outsideRoot).toEqual(expect.arrayContaining([
      'passwd', 'rootfs', 'loop-a', 'loop-b', 'outside-dir', 'scripts/up', '.github/workflows/passwd.yml',
      '.github/workflows/sneaky.yml', 'self',
    ]));
  });

  it('reads every listed file quickly, refusing the huge, binary and invalid ones', () => {
    const t0 = performance.now();
    const texts = new Map<string, string | undefined>();
    for (const f of reader.files()) texts.set(f.path, reader.readText(f.path));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(reader.files().find((f) => f.path === '.github/workflows/huge.yml')?.size).toBe(64 * 1024 * 1024);
    expect(texts.get('.github/workflows/huge.yml')).toBeUndefined();
    expect(texts.get('scripts/latin1.sh')).toBeUndefined();
    expect(texts.get('.github/workflows/release.yml')).toContain('cosign sign --yes');
    for (const text of texts.values()) expect(text ?? '').not.toContain('root:x:0:0');
    const kinds = reader.warnings().map((w) => [w.kind, w.file]);
    expect(kinds).toContainEqual(['too-large', '.github/workflows/huge.yml']);
    expect(kinds).toContainEqual(['unreadable', 'scripts/latin1.sh']);
  });

  it('parses or refuses every workflow without blowing the stack or the memory', () => {
    const t0 = performance.now();
    const outcome: Record<string, boolean> = {};
    for (const f of reader.files().filter((x) => x.path.startsWith('.github/workflows/'))) {
      const text = reader.readText(f.path);
      if (text === undefined) continue;
      const parsed = parseYamlSafe(text);
      let ok = parsed.ok;
      if (parsed.ok) for (const doc of parsed.docs) ok = ok && toJSSafe(doc).ok;
      else {
        expect(parsed.error).not.toMatch(CONTROL);
      }
      outcome[f.path.slice('.github/workflows/'.length)] = ok;
    }
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(outcome).toEqual({
      'release.yml': true,
      'bomb.yml': false,
      'deep-flow.yml': false,
      'deep-flow-open.yml': false,
      'deep-block.yml': false,
      'deep-indent.yml': false,
    });
  });

  it('drops the backtracking ignore patterns and stops at 128 directory levels', () => {
    const limits = reader.warnings().filter((w) => w.kind === 'limit');
    expect(limits).toContainEqual({ kind: 'limit', file: '.gitignore', message: expect.stringMatching(/2 ignore pattern/) });
    expect(limits.some((w) => /deeper than 128/.test(w.message))).toBe(true);
    expect(reader.files().some((f) => f.path.endsWith('deep.txt'))).toBe(false);
  });

  it('keeps control bytes out of warnings', () => {
    const json = JSON.stringify(reader.warnings());
    expect(json).not.toMatch(CONTROL_IN_JSON);
    expect(reader.warnings().some((w) => w.file === sanitizeLine(`scripts/link-${ESC_NAME}`))).toBe(true);
  });

  it('yields excerpts without control bytes, key material or the token for every line of every file', () => {
    const excerpts: string[] = [];
    for (const f of reader.files()) {
      excerpts.push(sanitizeLine(f.path));
      const text = reader.readText(f.path);
      if (text === undefined) continue;
      for (const line of text.split('\n')) excerpts.push(sanitizeExcerpt(line));
    }
    const all = JSON.stringify(excerpts);
    expect(all).not.toMatch(CONTROL_IN_JSON);
    expect(all).not.toMatch(/BEGIN[A-Z ]*PRIVATE KEY/);
    expect(all).not.toContain(TOKEN);
    for (const bodyLine of KEY_BODY.split('\n').filter((l) => l.length >= 40)) expect(all).not.toContain(bodyLine);
    expect(excerpts).toContain('name: "Release"');
  });

  it('a scan finds the real signing step and leaks nothing', async () => {
    const scanModule = new URL('../../src/detect/scan.ts', import.meta.url);
    if (!existsSync(scanModule)) return;
    const mod = (await import(scanModule.href)) as { scanRepository?: (r: RepoReader) => unknown };
    if (typeof mod.scanRepository !== 'function') return;
    const t0 = performance.now();
    const result = (await mod.scanRepository(reader)) as { facts: { tools: string[]; signs: boolean }; evidence: { file: string; excerpt: string }[] };
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(result.facts.signs).toBe(true);
    expect(result.facts.tools).toContain('cosign');
    expect(result.evidence.some((e) => e.file === '.github/workflows/release.yml' && /cosign sign --yes/.test(e.excerpt))).toBe(true);
    const json = JSON.stringify(result);
    expect(json).not.toMatch(CONTROL_IN_JSON);
    expect(json).not.toMatch(/BEGIN[A-Z ]*PRIVATE KEY/);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain('root:x:0:0');
  });
});
