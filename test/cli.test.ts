import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'sigmature-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}) {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), cli, ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', ...opts.env }, timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sigmature --help and --version', () => {
  it('print without loading React, Ink or the question bank', () => {
    // A loader hook that logs every module Node loads, to prove what --help does not load.
    const hook = join(work, 'trace-hook.mjs');
    writeFileSync(hook, `export async function load(url, ctx, next) { process.stderr.write('LOAD ' + url + '\\n'); return next(url, ctx); }\n`);
    const register = join(work, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(`file://${hook}`)});\n`);
    for (const flag of ['--help', '--version']) {
      const r = run([flag], { nodeArgs: ['--import', register] });
      expect(r.code).toBe(0);
      const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOAD file://')).map((l) => l.slice(5));
      const text = loaded.filter((u) => u.includes('/dist/')).map((u) => readFileSync(fileURLToPath(u), 'utf8')).join('\n');
      expect(text).not.toMatch(/react\.transitional\.element|useInput|ink-select-input/);
      expect(text).not.toContain('owasp-dsovs-rel-001');
      expect(loaded.some((u) => u.includes('/questions/'))).toBe(false);
    }
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run(['--help']).stdout).toContain('sigmature report --answers FILE');
  });
});

describe('sigmature report', () => {
  it.each([[0], [1], [2], [3]])('renders the level-%i example at its level', (level) => {
    const r = run(['report', '--answers', `examples/level-${level}.answers.yaml`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`**level ${level}**`);
  });

  it('writes --out atomically and gates with --min-level', () => {
    const out = join(work, 'report.html');
    const r = run(['report', '--answers', 'examples/level-1.answers.yaml', '--format', 'html', '--out', out, '--min-level', '2']);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('speaks Japanese with --lang ja and by locale', () => {
    expect(run(['report', '--answers', 'examples/level-2.answers.yaml', '--lang', 'ja']).stdout).toContain('エグゼクティブサマリー');
    expect(run(['report', '--answers', 'examples/level-2.answers.yaml'], { env: { LANG: 'ja_JP.UTF-8' } }).stdout).toContain('エグゼクティブサマリー');
  });

  const bad: [string, string[], RegExp][] = [
    ['no --answers', ['report'], /report needs --answers FILE/],
    ['a missing answers file', ['report', '--answers', 'nope.yaml'], /nope\.yaml: no such answers file/],
    ['an unknown flag', ['report', '--colour'], /Unknown option '--colour'/],
    ['a bad format', ['report', '--answers', 'examples/level-1.answers.yaml', '--format', 'pdf'], /--format must be markdown, html, json, not "pdf"/],
    ['a bad --min-level', ['scan', '--min-level', '7'], /--min-level must be 0, 1, 2 or 3/],
    ['a bad --lang', ['questions', '--lang', 'fr'], /--lang must be en or ja/],
    ['a workflow passed as answers', ['report', '--answers', 'package.json'], /package\.json:1: not a sigmature answers file/],
    ['a missing bank', ['questions', '--bank', 'no-such-bank'], /no-such-bank: not a question bank directory/],
  ];
  it.each(bad)('%s is one line on stderr and exit 2', (_name, args, expected) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('sigmature questions', () => {
  it('lists and validates the built-in bank', () => {
    const r = run(['questions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/22 questions/);
    expect(r.stdout).toContain('KEY-1');
    expect(r.stdout).toMatch(/bank OK/);
  });
});

describe('the wizard without a terminal', () => {
  it('refuses in one line naming the non-interactive command, exit 2', () => {
    const r = run(['examples']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal.*sigmature scan/);
  });
});
