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
    for (const args of [['--help'], ['--version'], ['scan', '--help'], ['help', 'report'], ['--help', '--lang', 'ja']]) {
      const r = run(args, { nodeArgs: ['--import', register] });
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

  it('each command has its own help, also as "sigmature help COMMAND"', () => {
    const scan = run(['scan', '--help']);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('Usage: sigmature scan [DIR] [options]');
    expect(scan.stdout).toContain('--min-level N');
    expect(scan.stdout).toContain('sigmature scan . --format sarif --out sigmature.sarif');
    // only scan's own options (and the common ones)
    expect(scan.stdout).not.toMatch(/--answers|--compare|--fresh|--repo(?!-url)/);
    expect(run(['help', 'scan']).stdout).toBe(scan.stdout);

    const report = run(['report', '-h']).stdout;
    expect(report).toContain('Usage: sigmature report --answers FILE');
    expect(report).toMatch(/--compare OLD\s+an earlier answers file/);
    expect(report).not.toMatch(/--fresh|sarif/);

    const wizard = run(['help', 'wizard']).stdout;
    expect(wizard).toMatch(/--fresh\s+start over without asking/);
    expect(wizard).not.toMatch(/--answers|--format/);
    expect(run(['wizard', '--help']).stdout).toBe(wizard);

    expect(run(['questions', '--help']).stdout).toContain('Usage: sigmature questions [--bank DIR]');
    const overview = run(['help']);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toBe(run(['--help']).stdout);
    expect(overview.stdout).toContain('sigmature help [COMMAND]');
  });

  it('speaks Japanese with --lang ja and by locale', () => {
    expect(run(['--help', '--lang', 'ja']).stdout).toContain('使い方:');
    expect(run(['scan', '--help', '--lang', 'ja']).stdout).toContain('使い方: sigmature scan [DIR] [オプション]');
    expect(run(['help', 'report', '--lang', 'ja']).stdout).toContain('--compare OLD       以前の回答ファイル');
    expect(run(['help', 'wizard'], { env: { LANG: 'ja_JP.UTF-8' } }).stdout).toContain('--fresh             確認せずに最初からやり直す');
  });
});

describe('mistakes on the command line', () => {
  const cases: [string, string[], string][] = [
    ['a mistyped option', ['report', '--fromat', 'html'], 'sigmature: unknown option --fromat for report; did you mean --format?'],
    ['an option of another command', ['scan', '.', '--answers', 'a.yaml'], 'sigmature: unknown option --answers for scan: --answers is an option of report (see sigmature report --help)'],
    ['--compare given to the wizard', ['--compare', 'old.yaml'], 'sigmature: unknown option --compare for wizard: --compare is an option of report (see sigmature report --help)'],
    ['a mistyped command', ['scna', '.'], 'sigmature: unknown command "scna"; did you mean scan? (a directory of that name does not exist)'],
    ['a mistyped command with options', ['reprot', '--answers', 'a.yaml'], 'sigmature: unknown command "reprot"; did you mean report? (a directory of that name does not exist)'],
    ['help on an unknown command', ['help', 'scna'], 'sigmature: no help on "scna"; did you mean scan?'],
    ['--out under a regular file', ['scan', '.', '--out', 'README.md/x.md'], 'sigmature: --out README.md/x.md: README.md is a file, not a directory'],
    ['--out in a missing directory', ['report', '--answers', 'examples/level-1.answers.yaml', '--out', 'no/such/dir/r.md'], 'sigmature: --out no/such/dir/r.md: no such directory: no/such/dir'],
  ];
  it.each(cases)('%s: one line, exit 2', (_name, args, line) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });

  it('a directory named like a command is still the wizard\'s directory', () => {
    const r = run(['examples']);
    expect(r.stderr).toMatch(/the wizard needs a terminal/);
  });
});

describe('--min-level', () => {
  it('report: one line saying the assessed level and the level asked for', () => {
    const r = run(['report', '--answers', 'examples/level-1.answers.yaml', '--min-level', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('sigmature: the assessed level is 1, below --min-level 2 (examples/level-1.answers.yaml)\n');
    expect(run(['report', '--answers', 'examples/level-1.answers.yaml', '--min-level', '1']).stderr).toBe('');
  });

  it('scan: one line with the level the repository shows, and that a scan cannot meet what needs the team\'s word', () => {
    const r = run(['scan', 'examples/repos/keyless-release', '--min-level', '1']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(r.stdout) as { detectedLevel?: number; level: number };
    expect(lines[0]).toMatch(new RegExp(`^sigmature: the repository shows level ${json.detectedLevel ?? json.level}, below --min-level 1; `));
    expect(lines[0]).toContain("criteria that need the team's word (an interview, a document) cannot be met by a scan: run the wizard");
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
    ['an unknown flag', ['report', '--colour'], /unknown option --colour for report \(see sigmature report --help\)/],
    ['a bad format', ['report', '--answers', 'examples/level-1.answers.yaml', '--format', 'pdf'], /--format must be markdown, html, json, intoto, not "pdf"/],
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
