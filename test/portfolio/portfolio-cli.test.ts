/**
 * `sigmature portfolio` end to end (dist/cli.js, built by the global setup): issue 12's done-when
 * on copies of test/fixtures/repos in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'sigmature-portfolio-'));
const repos = join(work, 'repos');
const results = join(work, 'results');
const REPOS = ['committed-key', 'cosign-aws-kms', 'gha-keyless-image', 'gitlab-keyless', 'jenkins-gpg', 'npm-provenance', 'multi-publish-partial'];
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lintMd = (text: string) => lint({ strings: { portfolio: text }, config: { default: true, MD013: false } }).portfolio ?? [];
const rowsOf = (json: string) => (JSON.parse(json) as { repositories: Record<string, unknown>[] }).repositories.map(({ source: _s, ...r }) => r);

beforeAll(() => {
  mkdirSync(repos);
  mkdirSync(results);
  for (const r of REPOS) cpSync(join(root, 'test/fixtures/repos', r), join(repos, r), { recursive: true });
  // each repository's own CI writes its scan; the central job merges them
  for (const r of REPOS) {
    const s = run(['scan', join(repos, r), '--format', 'json', '--out', join(results, `${r}.json`)]);
    expect(s.code, s.stderr).toBe(0);
  }
}, 120_000);

describe('sigmature portfolio: checkouts and their JSON results give the same table', () => {
  it('Markdown and JSON rows are the same from a folder of checkouts and from a folder of their scans', () => {
    const fromRepos = run(['portfolio', repos, '--jobs', '3']);
    const fromJson = run(['portfolio', results]);
    expect(fromRepos.stderr).toBe('');
    expect(fromJson.stderr).toBe('');
    expect(fromRepos.code).toBe(0);
    expect(fromJson.code).toBe(0);
    expect(fromRepos.stdout).toBe(fromJson.stdout);
    for (const r of REPOS) expect(fromRepos.stdout).toContain(`| ${r} |`);
    const a = run(['portfolio', repos, '--format', 'json']);
    const b = run(['portfolio', results, '--format', 'json']);
    expect(rowsOf(a.stdout)).toEqual(rowsOf(b.stdout));
    expect(rowsOf(a.stdout)).toHaveLength(REPOS.length);
  });

  it('one thread and several give the same result', () => {
    expect(run(['portfolio', repos, '--jobs', '1', '--format', 'json']).stdout).toBe(run(['portfolio', repos, '--jobs', '4', '--format', 'json']).stdout);
  });

  it('counts committed keys without paths or content, and names unsigned publishers and long-lived custody', () => {
    const out = JSON.parse(run(['portfolio', repos, '--format', 'json']).stdout);
    const ck = out.repositories.find((r: { name: string }) => r.name === 'committed-key');
    expect(ck.committedKeys).toBeGreaterThan(0);
    expect(JSON.stringify(out)).not.toContain('cosign.key');
    expect(JSON.stringify(out)).not.toMatch(/PRIVATE KEY/);
    expect(out.summary.longLivedKeys['file-in-repo']).toEqual(['committed-key']);
    expect(out.summary.unsignedPublishing).toContain('multi-publish-partial');
    expect(out.summary.cheapest.length).toBeGreaterThan(0);
    expect(out.summary.cheapest.length).toBeLessThanOrEqual(10);
  });

  it('the Markdown passes markdownlint, in English and in Japanese', () => {
    for (const lang of ['en', 'ja']) {
      const r = run(['portfolio', repos, results, '--lang', lang, '--group-by', 'team']);
      expect(r.code).toBe(0);
      expect(lintMd(r.stdout).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription}`)).toEqual([]);
    }
  });
});

describe('sigmature portfolio: failures', () => {
  it('a repository that fails is listed with its error, the others go on and the run exits 0; bad JSON is named in one line each', () => {
    const dir = mkdtempSync(join(work, 'mixed-'));
    cpSync(repos, dir, { recursive: true });
    mkdirSync(join(dir, 'broken/.sigmature'), { recursive: true });
    mkdirSync(join(dir, 'broken/.github/workflows'), { recursive: true });
    writeFileSync(join(dir, 'broken/.github/workflows/ci.yml'), 'on: push\njobs: {}\n');
    writeFileSync(join(dir, 'broken/.sigmature/answers.yaml'), 'schemaVersion: 1\nbank: {id: nope\n');
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{not json');
    const other = join(work, 'other.json');
    writeFileSync(other, '{"a": 1}');
    const r = run(['portfolio', dir, bad, other, '--format', 'json', '--jobs', '2']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const broken = out.repositories.find((x: { name: string }) => x.name === 'broken');
    expect(broken.error).toMatch(/answers\.yaml/);
    expect(out.repositories.filter((x: { error?: string }) => !x.error)).toHaveLength(REPOS.length);
    expect(out.summary.failed).toBe(1);
    expect(out.badInputs.map((b: { file: string }) => b.file)).toEqual([bad, other]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes('broken') && l.includes('answers.yaml'))).toBe(true);
    expect(lines.some((l) => l.includes('bad.json') && l.includes('not valid JSON'))).toBe(true);
    expect(lines.some((l) => l.includes('other.json') && l.includes('not a sigmature result'))).toBe(true);
    // JSON in subfolders (an artifact per folder) is read; a package.json there is not an input
    const nestedDir = mkdtempSync(join(work, 'nested-'));
    mkdirSync(join(nestedDir, 'sigmature-0', 'deep'), { recursive: true });
    cpSync(join(results, 'jenkins-gpg.json'), join(nestedDir, 'sigmature-0', 'deep', 'jenkins-gpg.json'));
    writeFileSync(join(nestedDir, 'sigmature-0', 'package.json'), '{"name": "x"}');
    const nested = run(['portfolio', nestedDir, '--format', 'json']);
    expect(nested.stderr).toBe('');
    expect(JSON.parse(nested.stdout).repositories.map((x: { name: string }) => x.name)).toEqual(['jenkins-gpg']);
    // the same result twice (or two repositories of one name) is named, not merged
    const twice = run(['portfolio', join(results, 'jenkins-gpg.json'), join(results, 'jenkins-gpg.json'), '--format', 'json']);
    expect(twice.code).toBe(0);
    expect(twice.stderr).toMatch(/another scan result of the repository at "[^"]*\/repos\/jenkins-gpg" was read first/);
    expect(JSON.parse(twice.stdout).repositories).toHaveLength(1);
    // with --min-level, a repository below it exits 1, still with every row
    const gated = run(['portfolio', dir, '--min-level', '1']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('| gitlab-keyless |');
    expect(gated.stderr).toMatch(/below --min-level 1/);
  });

  it('bad usage is exit 2, one line', () => {
    for (const args of [['portfolio'], ['portfolio', repos, '--jobs', '0'], ['portfolio', repos, '--shard', '3/2'], ['portfolio', join(work, 'nope')], ['portfolio', repos, '--group-by', '(']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('sigmature portfolio: answers, shards, groups', () => {
  it('a checkout with .sigmature/answers.yaml gets its assessed level, team, date and contradictions', () => {
    const dir = mkdtempSync(join(work, 'answers-'));
    cpSync(join(root, 'test/fixtures/check/keyless'), join(dir, 'keyless'), { recursive: true });
    cpSync(join(repos, 'jenkins-gpg'), join(dir, 'jenkins-gpg'), { recursive: true });
    const out = JSON.parse(run(['portfolio', dir, '--format', 'json', '--group-by', 'team']).stdout);
    const k = out.repositories.find((x: { name: string }) => x.name === 'keyless');
    expect(k.assessedLevel).toBe(3);
    expect(k.team).toBe('Identity Platform');
    expect(k.group).toBe('Identity Platform');
    expect(k.contradictions).toBe(0);
    expect(out.repositories.find((x: { name: string }) => x.name === 'jenkins-gpg').group).toBe('(none)');
    expect(out.summary.assessedLevels).toEqual([0, 0, 0, 1]);
  });

  it('--shard i/n: the shards are disjoint and together give every repository', () => {
    const names = (args: string[]) => rowsOf(run(['portfolio', repos, '--format', 'json', ...args]).stdout).map((r) => r.name as string);
    const all = names([]);
    const shards = [1, 2, 3].map((i) => names(['--shard', `${i}/3`]));
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(new Set(shards.flat()).size).toBe(all.length);
  });

  it('the JSON of the shards, merged by portfolio, gives the table of one run over everything', () => {
    const dir = mkdtempSync(join(work, 'shards-'));
    for (const i of [1, 2, 3]) {
      const r = run(['portfolio', repos, '--shard', `${i}/3`, '--format', 'json', '--out', join(dir, `shard-${i}.json`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const merged = run(['portfolio', dir, '--format', 'json']);
    const whole = run(['portfolio', repos, '--format', 'json']);
    expect(JSON.parse(merged.stdout).repositories).toEqual(JSON.parse(whole.stdout).repositories);
    expect(run(['portfolio', dir]).stdout).toBe(run(['portfolio', repos]).stdout);
  });
});

describe('sigmature portfolio: repositories of the same name under different owners', () => {
  interface Row { id: string; name: string; source: string; path?: string; detectedLevel?: number; committedKeys?: number; error?: string }
  const tree = () => {
    const dir = mkdtempSync(join(work, 'owners-'));
    // two different repositories, both named app
    cpSync(join(repos, 'committed-key'), join(dir, 'orgA', 'app'), { recursive: true });
    cpSync(join(repos, 'gha-keyless-image'), join(dir, 'orgB', 'app'), { recursive: true });
    cpSync(join(repos, 'jenkins-gpg'), join(dir, 'orgB', 'jenkins-gpg'), { recursive: true });
    return dir;
  };
  const byId = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as { repositories: Row[] }).repositories.map((r) => [r.id, r]));

  it('a folder of owners\' folders: orgA/app and orgB/app are two rows, each with its own result', () => {
    const dir = tree();
    const r = run(['portfolio', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const rows = byId(r.stdout);
    expect(Object.keys(rows).sort()).toEqual(['jenkins-gpg', 'orgA/app', 'orgB/app']);
    expect(rows['orgA/app']!).toMatchObject({ name: 'app', source: join(dir, 'orgA', 'app') });
    expect(rows['orgA/app']!.committedKeys).toBeGreaterThan(0);
    expect(rows['orgB/app']!.committedKeys).toBe(0);
    const md = run(['portfolio', dir]).stdout;
    expect(md).toContain('| orgA/app |');
    expect(md).toContain('| orgB/app |');
    // the summary names them apart too
    expect(JSON.parse(r.stdout).summary.committedKeys.repositories).toEqual(['orgA/app']);
  });

  it('two JSON inputs naming app (scans of checkouts/orgA/app and checkouts/orgB/app) are two rows, as from the checkouts', () => {
    const dir = tree();
    const out = mkdtempSync(join(work, 'owners-json-'));
    for (const [i, rel] of [['1', 'orgA/app'], ['2', 'orgB/app'], ['3', 'orgB/jenkins-gpg']] as const) {
      // each repository's CI scans its checkout by a path ending in owner/name, from the folder above
      const s = spawnSync(process.execPath, [cli, 'scan', rel, '--format', 'json', '--out', join(out, `result-${i}.json`)], { cwd: dir, encoding: 'utf8' });
      expect(s.status, s.stderr).toBe(0);
    }
    const fromJson = run(['portfolio', out, '--format', 'json']);
    expect(fromJson.stderr).toBe('');
    const fromTree = run(['portfolio', dir, '--format', 'json']);
    const strip = (stdout: string) => Object.values(byId(stdout)).map(({ source: _s, path: _p, ...rest }) => rest);
    expect(strip(fromJson.stdout)).toEqual(strip(fromTree.stdout));
    expect(strip(fromJson.stdout).map((r) => r.id)).toEqual(['jenkins-gpg', 'orgA/app', 'orgB/app']);
    // `scan .` in each repository's own CI: the root says nothing, the artifact's folder tells them apart
    const dot = mkdtempSync(join(work, 'owners-dot-'));
    for (const rel of ['orgA/app', 'orgB/app', 'orgB/jenkins-gpg']) {
      const [owner, name] = rel.split('/');
      mkdirSync(join(dot, owner!), { recursive: true });
      const s = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--out', join(dot, owner!, `${name}.scan.json`)], { cwd: join(dir, rel), encoding: 'utf8' });
      expect(s.status, s.stderr).toBe(0);
    }
    const fromDot = run(['portfolio', dot, '--format', 'json']);
    expect(fromDot.stderr).toBe('');
    expect(strip(fromDot.stdout).map((r) => r.id)).toEqual(['jenkins-gpg', 'orgA/app', 'orgB/app']);
    expect(strip(fromDot.stdout)).toEqual(strip(fromTree.stdout));
    // sharded by name: both apps land in the same shard, so the merged shards keep both ids
    const shards = mkdtempSync(join(work, 'owners-shards-'));
    for (const i of [1, 2]) expect(run(['portfolio', dir, '--shard', `${i}/2`, '--format', 'json', '--out', join(shards, `s${i}.json`)]).code).toBe(0);
    expect(strip(run(['portfolio', shards, '--format', 'json']).stdout)).toEqual(strip(fromTree.stdout));
    // --previous compares orgA/app with orgA/app, not with orgB/app
    const prev = JSON.parse(fromTree.stdout);
    for (const row of prev.repositories) if (row.id === 'orgB/app') row.detectedLevel = 3;
    const previous = join(out, '..', 'owners-previous.json');
    writeFileSync(previous, JSON.stringify(prev));
    const trend = JSON.parse(run(['portfolio', dir, '--previous', previous, '--format', 'json']).stdout).trend;
    expect(trend.down).toEqual([{ name: 'orgB/app', from: 3, to: byId(fromTree.stdout)['orgB/app']!.detectedLevel }]);
    expect(trend.up).toEqual([]);
  });
});

describe('sigmature portfolio: HTML', () => {
  it('is self-contained, escapes repository text and embeds its data safely under a restrictive CSP', () => {
    const dir = mkdtempSync(join(work, 'html-'));
    const evil = '<img src=x onerror=alert(1)>';
    cpSync(join(repos, 'gha-keyless-image'), join(dir, evil), { recursive: true });
    cpSync(join(repos, 'committed-key'), join(dir, 'x<script>alert(2)<!--'), { recursive: true });
    const r = run(['portfolio', dir, '--format', 'html', '--lang', 'ja']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(2)<');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
    // certificate identities are URLs shown as text (the verification section); nothing may load one
    expect(html).not.toMatch(/(src|href|action|srcset|data)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('https://github.com/{owner}/{repo}/.github/workflows/release.yml');
    const scripts = html.match(/<script[\s>]/g) ?? [];
    expect(scripts).toHaveLength(2);
    const data = /<script type="application\/json" id="portfolio-data">([^<]*)<\/script>/.exec(html);
    expect(data).not.toBeNull();
    expect(JSON.parse(data![1]!).sort).toHaveLength(2);
  });
});

describe('sigmature portfolio --previous: the trend across the portfolio', () => {
  it('names repositories that moved up or down, new unsigned publishers, and those added or gone', () => {
    const before = JSON.parse(run(['portfolio', repos, '--format', 'json']).stdout);
    const row = (name: string) => before.repositories.find((r: { name: string }) => r.name === name);
    row('jenkins-gpg').detectedLevel = 1; // was higher: moved down
    row('cosign-aws-kms').detectedLevel = 0;
    row('cosign-aws-kms').assessedLevel = undefined;
    row('multi-publish-partial').signedPublished = row('multi-publish-partial').published; // signed everything then
    before.repositories = before.repositories.filter((r: { name: string }) => r.name !== 'gitlab-keyless');
    before.repositories.push({ name: 'gone', source: 'old/gone', detectedLevel: 0 });
    const previous = join(work, 'previous.json');
    writeFileSync(previous, JSON.stringify(before));
    const r = run(['portfolio', repos, '--previous', previous, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).trend).toEqual({
      up: [], down: [{ name: 'jenkins-gpg', from: 1, to: 0 }], newUnsignedPublishers: ['multi-publish-partial'], added: ['gitlab-keyless'], removed: ['gone'],
    });
    for (const lang of ['en', 'ja']) {
      const md = run(['portfolio', repos, '--previous', previous, '--lang', lang]).stdout;
      expect(md).toMatch(lang === 'en' ? /### Since the previous run/ : /### 前回の実行からの変化/);
      expect(lintMd(md)).toEqual([]);
    }
    expect(run(['portfolio', repos, '--previous', join(work, 'repos')]).code).toBe(2);
  });
});
