/** The portfolio's pure parts: recognising results, building rows, the summary, groups and shards. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignIds, compareRuns, groupOf, parseResult, pathSegments, repositoryName, rowFromResults, summarise, type PortfolioRow } from '../../src/portfolio/rows.js';
import { discover, inShard, isRepository, parseShard } from '../../src/commands/portfolio.js';
import { renderHtml, renderMarkdown, scriptJson } from '../../src/portfolio/render.js';

const tool = { name: 'sigmature', version: '0.1.0' };
const facts = { signs: true, keyless: false, keyCustody: ['ci-secret'], verifies: false, tools: ['gpg'], committedPrivateKeys: [{ path: 'k', kind: 'pgp' }] };
const scan = (root: string, extra: Record<string, unknown> = {}) => ({
  tool, repository: { root }, facts, level: 0, detectedLevel: 0, answers: { 'COV-1': { value: 'x', source: 'detected' } },
  published: [{ signed: true }, { signed: false }], roadmap: [{ id: 'write-signing-procedure', title: 'Write', effort: 'small', unlocksLevel: 1 }], ...extra,
});

describe('parseResult', () => {
  it('tells scan, report and check apart, and names what is not a result', () => {
    expect(parseResult(scan('/x/a'), 'f.json')).toMatchObject({ kind: 'scan', name: 'a' });
    expect(parseResult(scan('/x/a', { answers: { 'COV-1': { value: 'x', source: 'stated' } } }), 'f.json')).toMatchObject({ kind: 'report' });
    expect(parseResult({ tool, kind: 'check', repository: { root: '.' }, detectedLevel: 1 }, 'out/b.check.json')).toMatchObject({ kind: 'check', name: 'b' });
    expect(parseResult([], 'f')).toBe('not a JSON object');
    expect(parseResult({ tool: { name: 'other' } }, 'f')).toMatch(/not a sigmature result/);
    expect(parseResult({ tool }, 'f')).toMatch(/no level or facts/);
  });
  it('names a repository by the last segment of its root, or the file for "."', () => {
    expect(repositoryName('/home/runner/work/app/app/')).toBe('app');
    expect(repositoryName('.', 'results/org__app.scan.json')).toBe('org__app');
  });
});

describe('rows and summary', () => {
  const row = (name: string, p: Partial<PortfolioRow>): PortfolioRow => ({ id: name, name, source: name, ...p });
  it('counts published vs signed and committed keys (a count only)', () => {
    const r = rowFromResults('a', [parseResult(scan('/a'), 'a.json') as never], 'a.json');
    expect(r).toMatchObject({ published: 2, signedPublished: 1, committedKeys: 1, custody: ['ci-secret'], nextStep: { id: 'write-signing-procedure' } });
    expect(JSON.stringify(r)).not.toContain('pgp');
  });
  it('orders the cheapest next steps by effort, then level, then name, at most 10', () => {
    const rows = [
      row('z', { detectedLevel: 0, nextStep: { id: 's', title: 's', effort: 'large', unlocksLevel: 1 } }),
      row('b', { detectedLevel: 1, nextStep: { id: 's', title: 's', effort: 'small', unlocksLevel: 2 } }),
      row('a', { detectedLevel: 1, nextStep: { id: 's', title: 's', effort: 'small', unlocksLevel: 2 } }),
      row('c', { detectedLevel: 0, nextStep: { id: 's', title: 's', effort: 'small', unlocksLevel: 1 } }),
      ...Array.from({ length: 12 }, (_, i) => row(`m${i}`, { detectedLevel: 0, nextStep: { id: 's', title: 's', effort: 'medium', unlocksLevel: 1 } })),
      row('broken', { error: 'x' }),
    ];
    const s = summarise(rows);
    expect(s.cheapest.map((c) => c.name).slice(0, 4)).toEqual(['c', 'a', 'b', 'm0']);
    expect(s.cheapest).toHaveLength(10);
    expect(s.failed).toBe(1);
  });
  it('groups by team, owner or a pattern over the source', () => {
    const r = row('x', { source: 'checkouts/payments/x', team: 'Payments' });
    expect(groupOf(r, 'team')).toBe('Payments');
    expect(groupOf(r, 'owner')).toBe('(none)');
    expect(groupOf(r, 'checkouts/([^/]+)/', /checkouts\/([^/]+)\//)).toBe('payments');
    expect(groupOf(r, 'nomatch', /nomatch/)).toBe('(other)');
  });
  it('ids: the shortest tail of the path that no other path shares; one path, one id', () => {
    const paths = ['/w/checkouts/orgA/app', '/w/checkouts/orgB/app', '/w/checkouts/orgA/lib', 'x/deep/orgA/app', '/w/checkouts/orgA/app'].map(pathSegments);
    const rows = paths.map((_, i) => row(`r${i}`, {}));
    assignIds(rows, paths);
    // orgA/app appears twice under two different parents: only the whole difference tells them apart
    expect(rows.map((r) => r.id)).toEqual(['checkouts/orgA/app', 'orgB/app', 'lib', 'deep/orgA/app', 'checkouts/orgA/app']);
    const one = [row('a', {})];
    assignIds(one, [pathSegments('/tmp/x/app/')]);
    expect(one[0]!.id).toBe('app');
    expect(pathSegments('https://github.com/orgA/app')).toEqual(['orgA', 'app']);
    expect(pathSegments('C:\\src\\orgB\\app')).toEqual(['C:', 'src', 'orgB', 'app']);
    expect(pathSegments('./../orgA/./app')).toEqual(['orgA', 'app']);
  });
  it('compares runs by id', () => {
    const t0 = compareRuns([row('orgA/app', { detectedLevel: 0 }), row('orgB/app', { detectedLevel: 2 })], [row('orgA/app', { detectedLevel: 1 }), row('orgB/app', { detectedLevel: 1 })]);
    expect(t0).toMatchObject({ up: [{ name: 'orgA/app', from: 0, to: 1 }], down: [{ name: 'orgB/app', from: 2, to: 1 }], added: [], removed: [] });
  });
  it('compares runs by name', () => {
    const t = compareRuns([row('a', { detectedLevel: 0 }), row('b', { detectedLevel: 2 })], [row('a', { assessedLevel: 1 }), row('c', { published: 1, signedPublished: 0 })]);
    expect(t).toEqual({ up: [{ name: 'a', from: 0, to: 1 }], down: [], newUnsignedPublishers: ['c'], added: ['c'], removed: ['b'] });
  });
});

describe('shards and escaping', () => {
  it('shards are a partition', () => {
    const names = Array.from({ length: 200 }, (_, i) => `repo-${i}`);
    const shards = [1, 2, 3, 4].map((i) => names.filter((n) => inShard(n, { index: i, count: 4 })));
    expect(shards.flat().sort()).toEqual([...names].sort());
    for (const s of shards) expect(s.length).toBeGreaterThan(20);
    expect(() => parseShard('0/2')).toThrow(/--shard/);
    expect(() => parseShard('a')).toThrow(/--shard/);
  });
  it('Markdown table text, HTML text and embedded JSON cannot break out', () => {
    const evil = 'a|b\n[x](javascript:1) <b>\u202e\u001b[31m';
    const rows: PortfolioRow[] = [{ id: evil, name: evil, source: 'x', detectedLevel: 0 }];
    const doc = { rows, summary: summarise(rows), badInputs: [], date: '2026-01-01', tool, stepTitles: {} };
    expect(renderMarkdown(doc, 'en')).toContain('| a\\|b \\[x\\](javascript:1) \\<b\\> | 0 |');
    const html = renderHtml(doc, 'en');
    expect(html).toContain('<td>a|b\n[x](javascript:1) &lt;b&gt;</td>');
    expect(html.slice(0, html.indexOf('<script'))).not.toMatch(/[\u202e\u001b]/);
    expect(scriptJson({ a: '</script><!--' })).not.toMatch(/[<>]/);
  });
  it('a checkout without .git is told by a file the scanner reads as a pipeline, at its top or in a hidden folder there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigmature-isrepo-'));
    try {
      const make = (name: string, files: string[]) => {
        for (const f of files) {
          mkdirSync(join(dir, name, f, '..'), { recursive: true });
          writeFileSync(join(dir, name, f), 'x: 1\n');
        }
        return join(dir, name);
      };
      for (const files of [['.github/workflows/release.yml'], ['.gitlab-ci.yml'], ['Jenkinsfile'], ['.circleci/config.yml'], ['azure-pipelines.yml'],
        ['.azure-pipelines/build.yaml'], ['bitbucket-pipelines.yml'], ['.buildkite/pipeline.yml'], ['.travis.yml'], ['.drone.yml'], ['cloudbuild.yaml'], ['buildspec.yml']]) {
        expect(isRepository(make(files[0]!.replace(/\W/g, '_'), files)), files[0]).toBe(true);
      }
      // what the scanner does not read as a pipeline by its path: not a checkout
      for (const files of [['README.md'], ['.github/dependabot.yml'], ['.github/workflows/notes.txt'], ['docs/.github/workflows/x.yml'], ['build.groovy'], ['a/b/.gitlab-ci.yml']]) {
        expect(isRepository(make(`no-${files[0]!.replace(/\W/g, '_')}`, files)), files[0]).toBe(false);
      }
      mkdirSync(join(dir, 'git', '.git'), { recursive: true });
      expect(isRepository(join(dir, 'git'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a folder in a SOURCE that is neither a checkout nor holds JSON results is named as skipped, not dropped silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigmature-discover-'));
    try {
      mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
      mkdirSync(join(dir, 'results', 'a'), { recursive: true });
      writeFileSync(join(dir, 'results', 'a', 'x.json'), '{}');
      mkdirSync(join(dir, 'plain', 'tekton'), { recursive: true });
      const found = discover([dir]);
      expect(found.checkouts).toEqual([join(dir, 'repo')]);
      expect(found.jsonFiles).toEqual([join(dir, 'results', 'a', 'x.json')]);
      expect(found.skipped).toEqual([join(dir, 'plain')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
