/**
 * `sigmature portfolio` when a repository's scan hangs or its worker thread dies: that repository is
 * a row with its error, every other row is what a run without it gives, and the run exits 0 (1 with
 * --min-level). The faults come from test/fixtures/portfolio-faults.mjs, preloaded with --import
 * into the built CLI and so into its worker threads.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimeout } from '../../src/commands/portfolio.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../../src/portfolio/pool.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const faults = join(root, 'test', 'fixtures', 'portfolio-faults.mjs');
const work = mkdtempSync(join(tmpdir(), 'sigmature-portfolio-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const REPOS = ['committed-key', 'gha-keyless-image', 'jenkins-gpg', 'npm-provenance', 'cosign-aws-kms'];
const healthy = join(work, 'healthy');

interface Row { id: string; name: string; source: string; path?: string; error?: string }
function run(args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', faults, cli, 'portfolio', ...args], {
    encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, secs: (Date.now() - started) / 1000 };
}
// rows without where they were read: the same repositories, copied into another folder
const rows = (stdout: string) => (JSON.parse(stdout) as { repositories: Row[] }).repositories.map(({ source: _s, path: _p, ...r }) => r);

beforeAll(() => {
  for (const r of REPOS) cpSync(join(root, 'test/fixtures/repos', r), join(healthy, r), { recursive: true });
});

/** The healthy checkouts plus `bad` (a copy of one fixture under a faulty name). */
function withBad(bad: string[]): string {
  const dir = mkdtempSync(join(work, 'mixed-'));
  cpSync(healthy, dir, { recursive: true });
  for (const b of bad) cpSync(join(root, 'test/fixtures/repos/jenkins-gpg'), join(dir, b), { recursive: true });
  return dir;
}

describe('sigmature portfolio --timeout', () => {
  const expected = () => rows(run([healthy, '--format', 'json']).stdout);

  for (const jobs of ['1', '2']) {
    it(`a repository whose scan hangs is listed as timed out; the others are all there (--jobs ${jobs})`, () => {
      // a-HANG-TEST sorts first and z-HANG-TEST last: one thread must go on after each with a fresh worker
      const dir = withBad(['a-HANG-TEST', 'z-HANG-TEST']);
      const r = run([dir, '--format', 'json', '--jobs', jobs, '--timeout', '3']);
      expect(r.code, r.stderr).toBe(0);
      const got = rows(r.stdout);
      for (const name of ['a-HANG-TEST', 'z-HANG-TEST']) {
        expect(got.find((x) => x.name === name)).toEqual({ id: name, name, error: 'timed out: the scan took longer than 3 s (--timeout)' });
      }
      expect(got.filter((x) => !x.name.includes('HANG'))).toEqual(expected());
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.every((l) => /HANG-TEST: timed out/.test(l))).toBe(true);
      // the run did not wait for the hung scans beyond their timeout
      expect(r.secs).toBeLessThan(60);
    });
  }

  it('with --min-level, a repository that timed out fails the gate (exit 1) and every row is still written', () => {
    const dir = withBad(['m-HANG-TEST']);
    const gated = run([dir, '--format', 'json', '--timeout', '3', '--min-level', '0']);
    expect(gated.code).toBe(1);
    expect(rows(gated.stdout)).toHaveLength(REPOS.length + 1);
    expect(gated.stderr).toMatch(/1 repository\(ies\) not scanned, so not shown to meet --min-level 0: m-HANG-TEST/);
    // the same gate without the hung repository passes
    expect(run([healthy, '--format', 'json', '--timeout', '3', '--min-level', '0']).code).toBe(0);
  });

  it('--timeout takes seconds (decimals allowed, 0 for none); anything else is bad usage, exit 2', () => {
    expect(parseTimeout(undefined)).toBe(DEFAULT_TIMEOUT_SECONDS * 1000);
    expect(DEFAULT_TIMEOUT_SECONDS).toBe(300);
    expect(parseTimeout('0')).toBe(0);
    expect(parseTimeout('1.5')).toBe(1500);
    expect(parseTimeout('600')).toBe(600_000);
    for (const bad of ['-1', 'abc', '1e3', '', '5m']) expect(() => parseTimeout(bad), bad).toThrow(/--timeout must be a number of seconds/);
    const r = run([healthy, '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sigmature portfolio: a worker thread that dies mid-scan', () => {
  it('takes only its repository with it: that one is listed with the error, no other result is lost', () => {
    const dir = withBad(['CRASH-TEST-one', 'k-CRASH-TEST']);
    for (const jobs of ['1', '3']) {
      const r = run([dir, '--format', 'json', '--jobs', jobs]);
      expect(r.code, r.stderr).toBe(0);
      const got = rows(r.stdout);
      expect(got).toHaveLength(REPOS.length + 2);
      for (const name of ['CRASH-TEST-one', 'k-CRASH-TEST']) {
        expect(got.find((x) => x.name === name)).toEqual({ id: name, name, error: 'the scan stopped: its worker thread exited (code 70)' });
      }
      expect(got.filter((x) => !x.name.includes('CRASH'))).toEqual(rows(run([healthy, '--format', 'json']).stdout));
      expect(r.stderr.trim().split('\n').filter((l) => l.includes('CRASH-TEST'))).toHaveLength(2);
    }
  });

  it('a worker that never gets ready (its bank load hangs) takes one repository per timeout, and the run ends', () => {
    const bank = join(work, 'HANG-TEST-bank');
    mkdirSync(bank, { recursive: true });
    const dir = mkdtempSync(join(work, 'startup-'));
    for (const r of ['jenkins-gpg', 'npm-provenance']) cpSync(join(healthy, r), join(dir, r), { recursive: true });
    const r = run([dir, '--format', 'json', '--jobs', '2', '--timeout', '2', '--bank', bank]);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(r.stdout)).toEqual(['jenkins-gpg', 'npm-provenance'].map((name) => ({
      id: name, name, error: 'the scan could not start: its worker thread was not ready within 2 s (--timeout)',
    })));
    expect(r.secs).toBeLessThan(60);
  });

  it('a checkout whose answers file is a FIFO is an error, not a read that blocks forever', () => {
    const dir = mkdtempSync(join(work, 'fifo-'));
    cpSync(join(healthy, 'jenkins-gpg'), join(dir, 'fifo'), { recursive: true });
    mkdirSync(join(dir, 'fifo', '.sigmature'));
    const mk = spawnSync('mkfifo', [join(dir, 'fifo', '.sigmature', 'answers.yaml')]);
    if (mk.status !== 0) return void console.log('skipped: mkfifo is missing here');
    cpSync(join(healthy, 'npm-provenance'), join(dir, 'npm-provenance'), { recursive: true });
    const r = run([dir, '--format', 'json', '--timeout', '0']);
    expect(r.code).toBe(0);
    const got = rows(r.stdout);
    expect(got.find((x) => x.name === 'fifo')!.error).toMatch(/answers\.yaml: not a regular file/);
    expect(got.find((x) => x.name === 'npm-provenance')!.error).toBeUndefined();
  });
});
