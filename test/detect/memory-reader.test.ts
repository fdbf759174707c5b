import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';

describe('createMemoryReader', () => {
  it('lists files sorted by path with their byte sizes', () => {
    const r = createMemoryReader({ 'b.txt': 'bb', 'a/z.yml': 'x: 1', 'a/B.md': 'é', 'A.txt': '' });
    expect(r.files()).toEqual([
      { path: 'A.txt', size: 0 },
      { path: 'a/B.md', size: 2 },
      { path: 'a/z.yml', size: 4 },
      { path: 'b.txt', size: 2 },
    ]);
    expect(r.readText('a/z.yml')).toBe('x: 1');
    expect(r.warnings()).toEqual([]);
    expect(r.root).toBe('<memory>');
    expect(r.commit).toBeUndefined();
  });

  it('carries root and commit', () => {
    const r = createMemoryReader({}, { root: '/repo', commit: 'abc123' });
    expect(r.root).toBe('/repo');
    expect(r.commit).toBe('abc123');
  });

  it('normalises paths and refuses those that leave the root', () => {
    const r = createMemoryReader({ './x/./y.sh': 'echo', '../etc/passwd': 'root:x:0:0', '/etc/shadow': 's', 'a/../../b': 'c' });
    expect(r.files().map((f) => f.path)).toEqual(['x/y.sh']);
    expect(r.readText('x/y.sh')).toBe('echo');
    expect(r.readText('../etc/passwd')).toBeUndefined();
    expect(r.warnings().filter((w) => w.kind === 'outside-root')).toHaveLength(3);
  });

  it('returns undefined, without a warning, for paths it does not hold', () => {
    const r = createMemoryReader({ 'a.txt': 'a' });
    expect(r.readText('missing.txt')).toBeUndefined();
    expect(r.warnings()).toEqual([]);
  });

  it('lists but does not read files over the size limit, with one too-large warning', () => {
    const r = createMemoryReader({ 'big.yml': 'x'.repeat(2048), 'small.yml': 'ok' }, { limits: { maxFileBytes: 1024 } });
    expect(r.files()).toEqual([{ path: 'big.yml', size: 2048 }, { path: 'small.yml', size: 2 }]);
    expect(r.readText('big.yml')).toBeUndefined();
    expect(r.readText('big.yml')).toBeUndefined();
    expect(r.readText('small.yml')).toBe('ok');
    expect(r.warnings()).toEqual([{ kind: 'too-large', file: 'big.yml', message: expect.stringMatching(/2048 bytes/) }]);
  });

  it('refuses binary and invalid UTF-8 content with a warning', () => {
    const r = createMemoryReader({
      'img.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'nul.txt': 'a\0b',
      'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]),
    });
    expect(r.readText('img.png')).toBeUndefined();
    expect(r.readText('latin1.txt')).toBeUndefined();
    expect(r.readText('nul.txt')).toBeUndefined();
    expect(r.readText('bom.txt')).toBe('hi');
    const w = r.warnings();
    expect(w.map((x) => [x.kind, x.file])).toEqual([
      ['unreadable', 'img.png'], ['unreadable', 'latin1.txt'], ['unreadable', 'nul.txt'],
    ]);
    expect(w[1]!.message).toMatch(/UTF-8/);
  });

  it('skips vendored and VCS folders', () => {
    const r = createMemoryReader({
      'node_modules/pkg/sign.sh': 'cosign sign',
      'src/vendor/x.go': 'x',
      '.git/config': '[core]',
      'third_party/lib/Makefile': 'all:',
      'target/release.yml': 'kept: yes',
      'src/main.go': 'package main',
    });
    expect(r.files().map((f) => f.path)).toEqual(['src/main.go', 'target/release.yml']);
  });

  it('honours nested .gitignore files, negations and .git/info/exclude', () => {
    const r = createMemoryReader({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      '.git/info/exclude': 'local-notes.md\n',
      'dist/release.yml': 'x',
      'build.log': 'x',
      'keep.log': 'x',
      'local-notes.md': 'x',
      'pkg/.gitignore': 'generated/\n!important.log\n',
      'pkg/generated/a.ts': 'x',
      'pkg/important.log': 'x',
      'pkg/other.log': 'x',
      'pkg/src/generated.ts': 'x',
      'docs/dist/page.md': 'x',
    });
    expect(r.files().map((f) => f.path)).toEqual([
      '.gitignore', 'keep.log', 'pkg/.gitignore', 'pkg/important.log', 'pkg/src/generated.ts',
    ]);
  });

  it('drops backtracking-prone ignore patterns and paths deeper than 128 directory levels', () => {
    const r = createMemoryReader({
      '.gitignore': '**/a/**/a/**/a/**/b\n',
      [`${Array(129).fill('d').join('/')}/x.txt`]: 'too deep',
      [`${Array(128).fill('d').join('/')}/y.txt`]: 'deep enough',
    });
    expect(r.files().map((f) => f.path)).toEqual(['.gitignore', `${Array(128).fill('d').join('/')}/y.txt`]);
    expect(r.warnings().map((w) => [w.kind, w.file])).toEqual([['limit', '.gitignore'], ['limit', undefined]]);
  });

  it('stops at maxFiles with a limit warning', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`f${i}.txt`] = String(i);
    const r = createMemoryReader(files, { limits: { maxFiles: 3 } });
    expect(r.files().map((f) => f.path)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
    expect(r.warnings().map((w) => w.kind)).toEqual(['limit']);
  });

  it('sanitises hostile file names in warnings but keeps the raw path for reading', () => {
    const name = 'bin/\x1b]0;pwned\x07\x1b[31mevil.bin';
    const r = createMemoryReader({ [name]: new Uint8Array([0, 1, 2]) });
    expect(r.files()[0]!.path).toBe(name);
    expect(r.readText(name)).toBeUndefined();
    const w = r.warnings()[0]!;
    expect(w.file).toBe('bin/evil.bin');
    expect(JSON.stringify(r.warnings())).not.toMatch(/\\u001b|\\u0007/);
  });

  it('hands out an immutable listing', () => {
    const r = createMemoryReader({ 'a.txt': 'a' });
    expect(() => (r.files() as unknown as unknown[]).push({ path: 'x', size: 0 })).toThrow();
  });
});
