/**
 * `sigmature check` end to end (dist/cli.js, built by the global setup): the done-when of issue 9
 * parts 1 and 2 on the fixture repositories of test/fixtures/check (see its README).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const fixtures = 'test/fixtures/check';
const answers = `${fixtures}/keyless/.sigmature/answers.yaml`;
const work = mkdtempSync(join(tmpdir(), 'sigmature-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The fixture answers with `edit` applied, written to a temporary file. */
function answersWith(name: string, edit: (text: string) => string): string {
  const path = join(work, name);
  writeFileSync(path, edit(readFileSync(join(root, answers), 'utf8')));
  return path;
}

const today = new Date().toISOString().slice(0, 10);
const lintMd = (text: string) => lint({ strings: { check: text }, config: { default: true, MD013: false } }).check ?? [];

describe('sigmature check: the claim true → exit 0', () => {
  it('a keyless, verifying, fully signed repository holds its level-3 answers (found at DIR/.sigmature/answers.yaml)', () => {
    const r = run([`${fixtures}/keyless`, '--min-level', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# sigmature check: passed');
    expect(r.stdout).toContain("| Assessed level (the team's answers) | 3 |");
    expect(r.stdout).toContain('| Level the repository shows | 0 |');
    expect(r.stdout).toContain('None: nothing in the repository contradicts the answers.');
    expect(lintMd(r.stdout)).toEqual([]);
  });
});

describe('sigmature check: a contradiction the team already saw and kept', () => {
  // the policy lives in the cluster's repository: the team saw the warning in the wizard, kept its
  // answer, and the answer records the contradiction word for word
  const kept = (message: string) => answersWith(`kept-${message.length}.yaml`, (t) => t.replace(
    'VER-2: {value: admission-control, source: stated, note: Sigstore policy-controller in every production cluster.}',
    `VER-2: {value: admission-control, source: stated, note: Policies live in the platform repository., contradiction: "${message}"}`,
  ));

  it.each([
    ['in English', 'nothing in this repository verifies a signature: no verify step, no admission policy'],
    // a Japanese wizard session recorded it; check runs in English and still recognises it
    ['in Japanese', 'このリポジトリのどこにも署名の検証 (検証ステップやアドミッションポリシー) がありません'],
  ])('is reported, not failed, when recorded %s', (_lang, message) => {
    const r = run([`${fixtures}/no-verify`, '--answers', kept(message)]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('(acknowledged: the team saw this when it answered and kept its answer');
    expect(r.stderr).toMatch(/warning: VER-2 "admission-control" is contradicted/);
    const sarif = JSON.parse(run([`${fixtures}/no-verify`, '--answers', kept(message), '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.map((x: { level: string }) => x.level)).toEqual(['warning']);
  });

  it('still fails on a contradiction the answer did not record (drift since the workshop)', () => {
    const r = run([`${fixtures}/no-verify`, '--answers', kept('a long-lived key is used somewhere else')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('acknowledged');
  });
});

describe('sigmature check: a contradicted claim → exit 1, naming the line', () => {
  it.each([
    ['keyless, while a workflow signs with --key env://COSIGN_KEY', 'key-secret', 'KLS-1', /a long-lived key \(CI secret\) is used at \.github\/workflows\/release\.yml:32/],
    ['we verify at deploy, with no verification anywhere', 'no-verify', 'VER-2', /nothing in this repository verifies a signature/],
    ['everything signed, with an unsigned publish step', 'unsigned-publish', 'COV-2', /an unsigned npm package is published at \.github\/workflows\/release\.yml:42/],
  ])('%s', (_name, repo, question, message) => {
    const r = run([`${fixtures}/${repo}`, '--answers', answers]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('# sigmature check: failed');
    const line = r.stdout.split('\n').find((l) => l.startsWith(`- **${question}**`));
    expect(line, r.stdout).toMatch(message);
    expect(r.stderr).toMatch(new RegExp(`${question} "[a-z-]+" is contradicted: `));
    expect(lintMd(r.stdout)).toEqual([]);
    // --allow-contradictions reports and passes
    const allowed = run([`${fixtures}/${repo}`, '--answers', answers, '--allow-contradictions']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Allowed by --allow-contradictions');
  });

  it('in key-secret, every keyless claim is named (KEY-1, CUS-1, CUS-2, KLS-1) at the signing line', () => {
    const r = run([`${fixtures}/key-secret`, '--answers', answers, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { kind: string; passed: boolean; level: number; contradictions: { question: string; at?: { file: string; line: number }; answerAt?: { line: number } }[] };
    expect(json.kind).toBe('check');
    expect(json.passed).toBe(false);
    expect(json.level).toBe(3);
    expect(json.contradictions.map((c) => c.question)).toEqual(['KEY-1', 'CUS-1', 'CUS-2', 'KLS-1']);
    for (const c of json.contradictions) expect(c.at).toMatchObject({ file: '.github/workflows/release.yml', line: 32 });
    expect(readFileSync(join(root, fixtures, 'key-secret/.github/workflows/release.yml'), 'utf8').split('\n')[31]).toContain('--key env://COSIGN_KEY');
  });

  it('Japanese output names the same line', () => {
    const r = run([`${fixtures}/key-secret`, '--answers', answers, '--lang', 'ja']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('# sigmature check: 不合格');
    expect(r.stdout).toContain('.github/workflows/release.yml:32 で長期鍵 (CI のシークレット) を使っています');
    expect(lintMd(r.stdout)).toEqual([]);
  });
});

describe('sigmature check: levels and staleness', () => {
  it('a level below --min-level → exit 1', () => {
    const path = answersWith('level-low.yaml', (t) => t.replace('COV-2: {value: all', 'COV-2: {value: none'));
    const r = run([`${fixtures}/keyless`, '--answers', path, '--min-level', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The assessed level is 0, below --min-level 1.');
  });

  it('answers older than --max-age → exit 1; within it → 0; the default is 180 days', () => {
    const old = answersWith('old.yaml', (t) => t.replace('meta:\n', 'meta:\n  date: 2020-01-01\n'));
    const r = run([`${fixtures}/keyless`, '--answers', old]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The answers are \d+ days old, older than --max-age 180d/);
    const fresh = answersWith('fresh.yaml', (t) => t.replace('meta:\n', `meta:\n  date: ${today}\n`));
    const ok = run([`${fixtures}/keyless`, '--answers', fresh, '--max-age', '30d']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`dated ${today}, 0 days ago \\(at most 30\\)`));
  });

  it('an answer to a question changed since is reported, without failing', () => {
    const path = answersWith('changed.yaml', (t) => t.replace('KLS-1: {value: all, source: confirmed}', 'KLS-1: {value: all, source: confirmed, rev: 000000000000}'));
    const r = run([`${fixtures}/keyless`, '--answers', path, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changed).toEqual([{ question: 'KLS-1', line: expect.any(Number) }]);
    const md = run([`${fixtures}/keyless`, '--answers', path]);
    expect(md.stdout).toMatch(/KLS-1 has changed in the question bank since it was answered \(.*changed\.yaml:\d+\)/);
  });

  it('without an answers file it is scan --min-level, and says so in one line', () => {
    const r = run([`${fixtures}/no-verify`, '--min-level', '1']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^sigmature: no answers file \(.*answers\.yaml\); checking the level the repository shows, as "sigmature scan --min-level" does$/);
    expect(r.stdout).toContain('No answers file');
    expect(run([`${fixtures}/no-verify`]).code).toBe(0);
  });
});

describe('sigmature check: bad input → one line, exit 2', () => {
  it.each([
    ['a missing DIR', ['no/such/dir'], /^sigmature: no\/such\/dir: no such directory to check$/],
    ['a missing answers file', [`${fixtures}/keyless`, '--answers', 'no-such.yaml'], /^sigmature: no-such\.yaml: no such answers file$/],
    ['a bad --max-age', [`${fixtures}/keyless`, '--max-age', 'soon'], /^sigmature: --max-age must be a number of days/],
    ['a bad --format', [`${fixtures}/keyless`, '--format', 'html'], /^sigmature: --format must be markdown, json, sarif/],
  ])('%s', (_name, args, expected) => {
    const r = run(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(expected);
  });

  it('a broken answers file names its line', () => {
    const path = answersWith('broken.yaml', (t) => t.replace('COV-2: {value: all, source: stated}', 'COV-2: {value: all, source: guessed}'));
    const r = run([`${fixtures}/keyless`, '--answers', path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+: /);
  });

  it('answers from a newer question bank', () => {
    const path = answersWith('newer.yaml', (t) => t.replace('version: 1.0.0', 'version: 9.0.0'));
    const r = run([`${fixtures}/keyless`, '--answers', path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^sigmature: .*newer\.yaml:4: answers are from question bank owasp-dsovs-rel-001 9\.0\.0, newer than this sigmature's 1\.0\.0: update sigmature$/);
  });
});

describe('sigmature check --format sarif', () => {
  function multitool(): string | undefined {
    try {
      const path = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;
      if (!existsSync(path)) return undefined;
      execFileSync(path, ['--version'], { stdio: 'pipe', timeout: 60_000 });
      return path;
    } catch {
      return undefined;
    }
  }
  const tool = multitool();

  it.each(['key-secret', 'no-verify', 'unsigned-publish'])('%s: one result per contradiction at the contradicting line, rules with helpUri; passes the multitool', (repo) => {
    const out = join(work, `${repo}.sarif`);
    const r = run([`${fixtures}/${repo}`, '--answers', answers, '--format', 'sarif', '--out', out]);
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const run0 = log.runs[0]!;
    expect(run0.results.length).toBeGreaterThan(0);
    for (const rule of run0.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\//);
    const where = run0.results.map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    if (repo === 'key-secret') expect(where).toEqual(Array(4).fill('.github/workflows/release.yml:32'));
    if (repo === 'unsigned-publish') expect(where).toEqual(['.github/workflows/release.yml:42']);
    // an absence has no line in the repository: the result points at the contradicted answer
    if (repo === 'no-verify') expect(where).toEqual([expect.stringMatching(/^\.\.\/keyless\/\.sigmature\/answers\.yaml:25$/)]);
    // the multitool is slow: once, on the file with the most results (the others share the code)
    if (!tool || repo !== 'key-secret') return;
    const report = join(work, `${repo}.validation.sarif`);
    try {
      execFileSync(tool, ['validate', out, '--rule-kind', 'Gh;Sarif', '-o', report], { stdio: 'pipe', timeout: 120_000 });
    } catch { /* exit code is non-zero when it finds anything; the errors are read below */ }
    const validation = JSON.parse(readFileSync(report, 'utf8')) as { runs: { results?: { level?: string; message: { text?: string } }[] }[] };
    const errors = (validation.runs[0]!.results ?? []).filter((x) => x.level === 'error');
    expect(errors.map((e) => e.message.text)).toEqual([]);
  });
});

describe('sigmature check --also: several formats from one scan', () => {
  it('writes each extra format to its file, the same as a run of that format alone', () => {
    const sarif = join(work, 'also.sarif');
    const json = join(work, 'also.json');
    const r = run([`${fixtures}/key-secret`, '--answers', answers, '--also', `sarif=${sarif}`, '--also', `json=${json}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('# sigmature check: failed');
    const alone = JSON.parse(run([`${fixtures}/key-secret`, '--answers', answers, '--format', 'json']).stdout);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(alone);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs[0].results.length).toBe(alone.contradictions.length);
  });

  it.each([['sarif'], ['pdf=x.pdf'], ['=x.json']])('a bad --also %s is one line, exit 2', (spec) => {
    const r = run([`${fixtures}/keyless`, '--also', spec]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
