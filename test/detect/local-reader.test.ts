import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoError, openLocalRepository } from '../../src/detect/reader/local-reader.js';

let base: string;
beforeAll(() => { base = mkdtempSync(join(tmpdir(), 'sigmature-local-')); });
afterAll(() => { rmSync(base, { recursive: true, force: true }); });

let n = 0;
/** A fresh repository directory holding the given files (paths relative to it). */
function repo(files: Record<string, string | Uint8Array>): string {
  const dir = join(base, `r${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

const paths = (r: { files(): readonly { path: string }[] }) => r.files().map((f) => f.path);

describe('openLocalRepository', () => {
  it('lists regular files sorted by path, with sizes, and reads their text', async () => {
    const dir = repo({ 'b.txt': 'bb', 'a/z.yml': 'x: 1', 'a/B.md': 'é', '.github/workflows/ci.yml': 'on: push' });
    const r = await openLocalRepository(dir);
    expect(r.files().map((f) => ({ path: f.path, size: f.size }))).toEqual([
      { path: '.github/workflows/ci.yml', size: 8 },
      { path: 'a/B.md', size: 2 },
      { path: 'a/z.yml', size: 4 },
      { path: 'b.txt', size: 2 },
    ]);
    expect(r.readText('a/z.yml')).toBe('x: 1');
    expect(r.readText('a/B.md')).toBe('é');
    expect(r.readText('nope')).toBeUndefined();
    expect(r.warnings()).toEqual([]);
    expect(r.root).toBe(dir);
    expect(r.commit).toBeUndefined();
    expect(JSON.parse(JSON.stringify(r.files()[1]))).toEqual({ path: 'a/B.md', size: 2 });
  });

  it('throws a RepoError for a missing root, a file root and an empty path', async () => {
    const dir = repo({ 'file.txt': 'x' });
    await expect(openLocalRepository(join(dir, 'missing'))).rejects.toThrow(RepoError);
    await expect(openLocalRepository(join(dir, 'missing'))).rejects.toThrow(/no such directory/);
    await expect(openLocalRepository(join(dir, 'file.txt'))).rejects.toThrow(/not a directory/);
    await expect(openLocalRepository('')).rejects.toThrow(RepoError);
  });

  it('keeps RepoError messages to one clean line', async () => {
    const err = await openLocalRepository(join(base, 'no\x1b[31m\nsuch')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoError);
    expect((err as Error).message).not.toMatch(/[\x00-\x1f]/);
  });

  it('skips VCS and vendored folders but not build-output names', async () => {
    const dir = repo({
      'node_modules/p/sign.sh': 'cosign sign',
      'vendor/x.go': 'x',
      'lib/third_party/y.c': 'y',
      '.git/config': '[core]',
      '.venv/bin/activate': 'a',
      'target/release.yml': 'kept',
      'build/Makefile': 'kept',
      'main.go': 'package main',
    });
    const r = await openLocalRepository(dir);
    expect(paths(r)).toEqual(['build/Makefile', 'main.go', 'target/release.yml']);
  });

  it('honours nested .gitignore files with negations and .git/info/exclude', async () => {
    const dir = repo({
      '.gitignore': 'dist/\n*.log\n!keep.log\n/rooted.txt\n',
      '.git/info/exclude': 'local-notes.md\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'dist/release.yml': 'x',
      'build.log': 'x',
      'keep.log': 'x',
      'local-notes.md': 'x',
      'rooted.txt': 'x',
      'pkg/rooted.txt': 'x',
      'pkg/.gitignore': 'generated/\n!important.log\n',
      'pkg/generated/a.ts': 'x',
      'pkg/important.log': 'x',
      'pkg/other.log': 'x',
      'pkg/src/generated.ts': 'x',
      'docs/dist/page.md': 'x',
    });
    const r = await openLocalRepository(dir);
    expect(paths(r)).toEqual([
      '.gitignore', 'keep.log', 'pkg/.gitignore', 'pkg/important.log', 'pkg/rooted.txt', 'pkg/src/generated.ts',
    ]);
  });

  it('drops backtracking-prone ignore patterns and stops at 128 directory levels, quickly', async () => {
    // '**' compiles to nested quantifiers: four of them against a 100-level path take seconds per test.
    const deep = Array(140).fill('a').join('/');
    const dir = repo({
      '.gitignore': '**/a/**/a/**/a/**/b\n*.tmp\n',
      [`${deep}/file.txt`]: 'too deep',
      [`${Array(128).fill('a').join('/')}/ok.txt`]: 'deep enough',
      'x.tmp': 'x',
    });
    const t0 = performance.now();
    const r = await openLocalRepository(dir);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(paths(r)).toEqual(['.gitignore', `${Array(128).fill('a').join('/')}/ok.txt`]);
    expect(r.warnings()).toEqual([
      { kind: 'limit', file: '.gitignore', message: expect.stringMatching(/1 ignore pattern/) },
      { kind: 'limit', message: expect.stringMatching(/deeper than 128 levels/) },
    ]);
  });

  it('lists an oversized file with its size but never reads it', async () => {
    const dir = repo({ 'big.yml': 'x'.repeat(5000), 'ok.yml': 'a: 1' });
    const r = await openLocalRepository(dir, { limits: { maxFileBytes: 4096 } });
    expect(r.files().find((f) => f.path === 'big.yml')?.size).toBe(5000);
    expect(r.readText('big.yml')).toBeUndefined();
    expect(r.readText('ok.yml')).toBe('a: 1');
    expect(r.warnings()).toEqual([{ kind: 'too-large', file: 'big.yml', message: expect.stringMatching(/5000 bytes/) }]);
  });

  it('refuses binary and invalid UTF-8 files, once each', async () => {
    const dir = repo({
      'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'latin1.sh': new Uint8Array([0x65, 0x63, 0x68, 0x6f, 0x20, 0xe9]),
      'bom.yml': new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31]),
    });
    const r = await openLocalRepository(dir);
    expect(r.readText('logo.png')).toBeUndefined();
    expect(r.readText('logo.png')).toBeUndefined();
    expect(r.readText('latin1.sh')).toBeUndefined();
    expect(r.readText('bom.yml')).toBe('a: 1');
    expect(r.warnings().map((w) => [w.kind, w.file])).toEqual([['unreadable', 'logo.png'], ['unreadable', 'latin1.sh']]);
  });

  it('reads a symlinked file that stays inside, skips directory links and links that leave', async () => {
    const dir = repo({ 'real/release.yml': 'on: push', 'inner/a.txt': 'a' });
    symlinkSync('real/release.yml', join(dir, 'link.yml'));
    symlinkSync('inner', join(dir, 'inner-link'));
    symlinkSync('..', join(dir, 'up'));
    symlinkSync('/etc/hostname', join(dir, 'host'));
    symlinkSync('missing.txt', join(dir, 'dangling'));
    const r = await openLocalRepository(dir);
    expect(paths(r)).toEqual(['inner/a.txt', 'link.yml', 'real/release.yml']);
    expect(r.readText('link.yml')).toBe('on: push');
    expect(r.readText('host')).toBeUndefined();
    const kinds = Object.fromEntries(r.warnings().map((w) => [w.file, w.kind]));
    expect(kinds).toEqual({ up: 'outside-root', host: 'outside-root', dangling: 'unreadable' });
  });

  it('does not walk into an unreadable directory and says so', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = repo({ 'locked/secret.yml': 'x', 'open.yml': 'y' });
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const r = await openLocalRepository(dir);
      expect(paths(r)).toEqual(['open.yml']);
      expect(r.warnings()).toEqual([{ kind: 'unreadable', file: 'locked', message: expect.stringMatching(/EACCES/) }]);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('stops at maxFiles with a limit warning', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`d${i % 3}/f${i}.txt`] = 'x';
    const r = await openLocalRepository(repo(files), { limits: { maxFiles: 5 } });
    expect(r.files()).toHaveLength(5);
    expect(r.warnings().map((w) => w.kind)).toEqual(['limit']);
  });

  describe('commit', () => {
    const sha = 'a'.repeat(40);
    it('resolves a loose ref', async () => {
      const dir = repo({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${sha}\n`, 'x': '' });
      expect((await openLocalRepository(dir)).commit).toBe(sha);
    });
    it('resolves a packed ref', async () => {
      const other = 'b'.repeat(40);
      const dir = repo({
        '.git/HEAD': 'ref: refs/heads/release/v1\n',
        '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${other} refs/heads/main\n${sha} refs/heads/release/v1\n^${other}\n`,
      });
      expect((await openLocalRepository(dir)).commit).toBe(sha);
    });
    it('reads a detached HEAD, including SHA-256 ids', async () => {
      const id = 'c'.repeat(64);
      expect((await openLocalRepository(repo({ '.git/HEAD': `${id}\n` }))).commit).toBe(id);
    });
    it('refuses refs that climb out of .git and HEADs that are not ids', async () => {
      const outside = repo({ 'secret-ref': `${sha}\n` });
      const dir = repo({ '.git/HEAD': `ref: refs/../../../${outside.split('/').pop()}/secret-ref\n` });
      expect((await openLocalRepository(dir)).commit).toBeUndefined();
      expect((await openLocalRepository(repo({ '.git/HEAD': 'root:x:0:0\n' }))).commit).toBeUndefined();
    });
    it('does not follow a .git/HEAD symlink out of the repository', async () => {
      const outside = repo({ 'HEAD': `${sha}\n` });
      const dir = repo({ 'x': '' });
      mkdirSync(join(dir, '.git'));
      symlinkSync(join(outside, 'HEAD'), join(dir, '.git', 'HEAD'));
      expect((await openLocalRepository(dir)).commit).toBeUndefined();
    });
    it('does not treat a linked .git directory as a checkout', async () => {
      const outside = repo({ 'HEAD': `${sha}\n` });
      const dir = repo({ 'x': '' });
      symlinkSync(outside, join(dir, '.git'));
      expect((await openLocalRepository(dir)).commit).toBeUndefined();
    });
  });
});
