/**
 * History and trend (issue 9, part 3): the history file, `diff`, and the report's "since the last
 * assessment" and trend sections, on a committed history of three assessments
 * (test/fixtures/history/history.jsonl: the level-0, 1 and 2 examples, in that order).
 * `UPDATE_GOLDEN=1` rewrites the fixture from the examples.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/report-messages.js';
import { loadBank } from '../../src/model/bank.js';
import { bankNames, diffSnapshots, renderDiffMarkdown, snapshotFromAnswers, snapshotFromEntry } from '../../src/report/diff.js';
import { generateReport, sha256 } from '../../src/report/generate.js';
import { appendHistory, earlierEntries, historyPathFor, isNewEntry, parseHistory, readHistory } from '../../src/report/history.js';
import { loadRoadmapCatalog } from '../../src/report/roadmap.js';
import { parseAnswers } from '../../src/session/answers-file.js';
import { createFileIO } from '../../src/ui/core.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtureDir = join(root, 'test', 'fixtures', 'history');
const fixture = join(fixtureDir, 'history.jsonl');
const bank = loadBank();
const catalog = loadRoadmapCatalog();
const tool = { name: 'sigmature', version: '0.0.0-test' };
const DATES = ['2026-03-02T09:00:00.000Z', '2026-06-01T09:00:00.000Z', '2026-09-01T09:00:00.000Z'];
const work = mkdtempSync(join(tmpdir(), 'sigmature-history-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function example(level: number) {
  const path = join(root, 'examples', `level-${level}.answers.yaml`);
  const text = readFileSync(path, 'utf8');
  return { path, text, file: parseAnswers(text, path, bank).file };
}

async function entryOf(level: number, date: string) {
  const { text, file } = example(level);
  return (await generateReport({ bank, answers: file, answersText: text, lang: 'en', format: 'json', tool, catalog, now: new Date(date) })).entry;
}

if (process.env.UPDATE_GOLDEN === '1' || !existsSync(fixture)) {
  mkdirSync(fixtureDir, { recursive: true });
  const lines = await Promise.all([0, 1, 2].map((level, i) => entryOf(level, DATES[i]!)));
  writeFileSync(fixture, lines.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

const lintMd = (text: string) => lint({ strings: { report: text }, config: { default: true, MD013: false } }).report ?? [];

describe('the history file', () => {
  it('holds three assessments in the fixture, each with what the issue asks for', () => {
    const read = readHistory(fixture);
    expect(read.warnings).toEqual([]);
    expect(read.entries.map((e) => [e.line, e.entry.level])).toEqual([[1, 0], [2, 1], [3, 2]]);
    const last = read.entries[2]!.entry;
    expect(last).toMatchObject({
      schemaVersion: 1, date: DATES[2], level: 2, detectedLevel: 2, answersDigest: sha256(example(2).text),
      bank: { id: bank.id, version: bank.version }, tool,
    });
    expect(last.criteria['L2.keys-protected']).toBe('met');
    expect(Object.keys(last.dimensions)).toContain('key-protection');
    expect(last.answers['KEY-1']).toEqual({ value: 'cloud-kms', source: 'confirmed' });
  });

  it('skips a broken line with one warning naming file:line, and keeps every other line', () => {
    const [a, b, c] = readFileSync(fixture, 'utf8').trimEnd().split('\n');
    const text = `${a}\n{"schemaVersion":1,"level":\n${b}\nnot json at all\n\n${c}\n{"schemaVersion":1,"date":"x","lev`;
    const read = parseHistory(text, 'h.jsonl');
    expect(read.entries.map((e) => e.line)).toEqual([1, 3, 6]);
    expect(read.warnings).toEqual([
      'h.jsonl:2: not JSON; the line is skipped',
      'h.jsonl:4: not JSON; the line is skipped',
      'h.jsonl:7: an unfinished line (not JSON); the line is skipped',
    ]);
    for (const w of read.warnings) expect(w).not.toContain('\n');
    const wrongShape = parseHistory('{"schemaVersion":1,"level":9}\n', 'h.jsonl');
    expect(wrongShape.entries).toEqual([]);
    expect(wrongShape.warnings[0]).toMatch(/^h\.jsonl:1: not a history entry \(.+\); the line is skipped$/);
  });

  it('appends one whole line and never rewrites earlier bytes, even after an unfinished line', async () => {
    const file = join(work, 'append', '.sigmature', 'history.jsonl');
    const entry = await entryOf(3, '2026-12-01T00:00:00.000Z');
    appendHistory(file, entry); // creates the folder and the file
    const before = `${readFileSync(file, 'utf8')}{"schemaVersion":1,"da`;
    writeFileSync(file, before);
    appendHistory(file, entry);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(`\n${JSON.stringify(entry)}\n`);
    const read = readHistory(file);
    expect(read.entries.map((e) => e.line)).toEqual([1, 3]);
    expect(read.warnings).toEqual([`${file}:2: not JSON; the line is skipped`]);
  });

  it('is kept only for answers in a .sigmature folder, or where --history says', () => {
    expect(historyPathFor('repo/.sigmature/answers.yaml')).toBe(join('repo', '.sigmature', 'history.jsonl'));
    expect(historyPathFor('examples/level-1.answers.yaml')).toBeUndefined();
    expect(historyPathFor('examples/level-1.answers.yaml', 'h.jsonl')).toBe('h.jsonl');
  });

  it('records an assessment again only when its answers or bank changed', () => {
    const { entries } = readHistory(fixture);
    expect(isNewEntry(entries, entries[2]!.entry)).toBe(false);
    expect(isNewEntry(entries.slice(0, 2), entries[2]!.entry)).toBe(true);
    expect(earlierEntries(entries, entries[2]!.entry).map((e) => e.line)).toEqual([1, 2]);
    // the same answers under a newer bank are a new assessment: it follows the entry before it
    const rescored = { ...entries[2]!.entry, bank: { ...entries[2]!.entry.bank, version: '9.0.0' } };
    expect(earlierEntries(entries, rescored).map((e) => e.line)).toEqual([1, 2, 3]);
    expect(isNewEntry(entries, rescored)).toBe(true);
  });
});

describe('diff on the history of three assessments', () => {
  const { entries } = readHistory(fixture);
  const first = snapshotFromEntry(entries[0]!.entry, 'history.jsonl#1');
  const last = snapshotFromEntry(entries[2]!.entry, 'history.jsonl#3');

  it.each<Lang>(['en', 'ja'])('names the level, criteria, dimensions and answers that changed (%s), and passes markdownlint', (lang) => {
    const text = renderDiffMarkdown(diffSnapshots(first, last), lang, bankNames(bank, lang));
    expect(lintMd(text)).toEqual([]);
    if (lang === 'en') {
      expect(text).toContain('- Before: `history.jsonl#1` (2026-03-02)');
      expect(text).toContain('Level 0 → 2.');
      expect(text).toMatch(/\| L1\.signed .* \| missed \| met \|/);
      expect(text).toContain('| KEY-1 | – | `cloud-kms` In a cloud KMS (AWS KMS, Google Cloud KMS, Azure Key Vault), not exportable (confirmed) |');
      expect(text).toContain('| GOV-1 | `none` No procedure (stated by the team) | `written-versioned` Written, reviewed and versioned (stated by the team) |');
      expect(text).toContain('Not compared: a history entry records no evidence.');
    } else {
      expect(text).toContain('# 2 つの評価の間の変化');
      expect(text).toContain('レベル 0 → 2。');
      expect(text).toMatch(/\| L1\.signed .* \| 未充足 \| 充足 \|/);
      expect(text).toContain('比較していません: 履歴の記録にはエビデンスが含まれません。');
    }
  });

  it('compares evidence when both sides carry it (answers files), and says when nothing changed', () => {
    const a = snapshotFromAnswers(bank, example(1).file, 'a');
    const b = snapshotFromAnswers(bank, example(2).file, 'b');
    const d = diffSnapshots(a, b);
    expect(d.evidence).toEqual({ added: ['.github/workflows/release.yml:57'], gone: ['scripts/release.sh:41'] });
    const same = diffSnapshots(b, { ...b, label: 'c' });
    expect(same.same).toBe(true);
    expect(renderDiffMarkdown(same, 'en')).toContain('Nothing changed');
  });
});

describe('the report with a history', () => {
  const history = readHistory(fixture).entries;
  const render = async (level: number, lang: Lang, format: 'markdown' | 'html' = 'markdown') => {
    const { text, file } = example(level);
    return (await generateReport({ bank, answers: file, answersText: text, lang, format, tool, catalog, history, now: new Date('2026-12-01T09:00:00Z') })).text;
  };

  it.each<Lang>(['en', 'ja'])('shows what changed since the last entry and the trend of all four assessments (%s); markdownlint passes', async (lang) => {
    const text = await render(3, lang);
    expect(lintMd(text)).toEqual([]);
    const [heading, since, trend] = lang === 'en'
      ? ['## Since the last assessment', 'Compared with the previous assessment in the history (2026-09-01). Level 2 → 3.', '## Trend']
      : ['## 前回の評価からの変化', '履歴にある前回の評価 (2026-09-01) と比較しています。 レベル 2 → 3。', '## 推移'];
    expect(text).toContain(heading);
    expect(text).toContain(since);
    // the answers that changed are counted and named in one sentence, not twice
    expect(text).toMatch(lang === 'en' ? /\d+ answers? changed: [A-Z]{3}-\d/ : /\d+ 件の回答が変わりました \([A-Z]{3}-\d/);
    expect(text).not.toMatch(/Answers changed:|変わった回答:/);
    expect(text).toContain(trend);
    expect(text).toContain('x-axis ["2026-03-02", "2026-06-01", "2026-09-01", "2026-12-01"]');
    expect(text).toContain('line [0, 1, 2, 3]');
    expect(text).toMatch(/\| 2026-12-01 \((this report|今回のレポート)\) \| 3 \| 3 \| 10\/10 \|/);
  });

  it('of the last entry\'s own answers compares with the entry before it: a report written again is the same assessment', async () => {
    const text = await render(2, 'en');
    expect(text).toContain('Compared with the previous assessment in the history (2026-06-01). Level 1 → 2.');
    expect(text).toContain('The assessed level of the last 3 of 3 assessments');
    expect(text).toContain('line [0, 1, 2]');
  });

  it('in HTML draws the trend as an inline SVG line, with no script and no Mermaid left', async () => {
    const html = await render(3, 'ja', 'html');
    expect(html).toMatch(/<figure class="chart trend"><svg [^>]*aria-label="評価レベルの推移"/);
    expect(html).toContain('<path d="M60 130 L150 90 L240 50 L330 10" class="ln"/>');
    expect(html).toContain('<figure class="chart"><svg');
    expect(html).not.toMatch(/<script|mermaid|xychart/i);
  });

  it('in JSON adds what changed (from the history) and the trend, keeping the comparison fields', async () => {
    const { text, file } = example(3);
    const json = JSON.parse((await generateReport({ bank, answers: file, answersText: text, lang: 'en', format: 'json', tool, catalog, history, now: new Date('2026-12-01T09:00:00Z') })).text);
    expect(json.comparison.previousLevel).toBe(2);
    expect(json.comparison.from).toBe('history');
    expect(json.comparison.changes.level).toEqual({ before: 2, after: 3 });
    expect(json.trend.map((p: { level: number }) => p.level)).toEqual([0, 1, 2, 3]);
  });

  it('without a history has neither section', async () => {
    const { text, file } = example(2);
    const out = (await generateReport({ bank, answers: file, answersText: text, lang: 'en', format: 'markdown', tool, catalog })).text;
    expect(out).not.toContain('## Trend');
    expect(out).not.toContain('## Since the last assessment');
  });
});

describe('the wizard\'s write', () => {
  it('appends to DIR/.sigmature/history.jsonl, and its second report has the trend', async () => {
    const dir = join(work, 'wizard');
    const paths = { dir, displayDir: dir, answers: join(dir, '.sigmature', 'answers.yaml'), report: join(dir, 'report.md') };
    const io = createFileIO(paths);
    await io.writeReport({ file: example(1).file, bank, lang: 'en' });
    await io.writeReport({ file: example(1).file, bank, lang: 'en' });
    expect(readFileSync(paths.report, 'utf8')).not.toContain('## Trend');
    await io.writeReport({ file: example(2).file, bank, lang: 'ja' });
    expect(readHistory(join(dir, '.sigmature', 'history.jsonl')).entries.map((e) => e.entry.level)).toEqual([1, 2]);
    const report = readFileSync(paths.report, 'utf8');
    expect(report).toContain('## 推移');
    expect(report).toContain('## 前回の評価からの変化');
  });
});

describe('sigmature diff and report --out with a history (CLI)', () => {
  const cli = join(root, 'dist', 'cli.js');
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const repo = join(work, 'repo');
  const sig = join(repo, '.sigmature');
  mkdirSync(sig, { recursive: true });
  const answers = join(sig, 'answers.yaml');
  const historyFile = join(sig, 'history.jsonl');

  it('report --out appends one line per new assessment; stdout and unchanged answers add none', () => {
    copyFileSync(join(root, 'examples', 'level-1.answers.yaml'), answers);
    expect(run(['report', '--answers', answers]).code).toBe(0);
    expect(existsSync(historyFile)).toBe(false);
    expect(run(['report', '--answers', answers, '--out', join(work, 'r1.md')]).code).toBe(0);
    expect(run(['report', '--answers', answers, '--out', join(work, 'r1.md')]).code).toBe(0);
    copyFileSync(join(root, 'examples', 'level-2.answers.yaml'), answers);
    const r = run(['report', '--answers', answers, '--out', join(work, 'r2.md')]);
    expect(r.code).toBe(0);
    expect(readHistory(historyFile).entries.map((e) => e.entry.level)).toEqual([1, 2]);
    const report = readFileSync(join(work, 'r2.md'), 'utf8');
    expect(report).toContain('## Since the last assessment');
    expect(report).toContain('## Trend');
    // an answers file outside .sigmature/ leaves nothing behind, unless --history says where
    expect(run(['report', '--answers', join(root, 'examples', 'level-3.answers.yaml'), '--out', join(work, 'r3.md')]).code).toBe(0);
    expect(existsSync(join(root, 'examples', '.sigmature'))).toBe(false);
    expect(run(['report', '--answers', join(root, 'examples', 'level-3.answers.yaml'), '--out', join(work, 'r3.md'), '--history', historyFile]).code).toBe(0);
    expect(readHistory(historyFile).entries.map((e) => e.entry.level)).toEqual([1, 2, 3]);
  });

  it('a broken line is one warning line; the report and the other lines are kept', () => {
    const good = readFileSync(historyFile, 'utf8');
    writeFileSync(historyFile, `${good}this line is broken\n`);
    copyFileSync(join(root, 'examples', 'level-0.answers.yaml'), answers);
    const r = run(['report', '--answers', answers, '--out', join(work, 'r4.md')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`sigmature: warning: ${historyFile}:4: not JSON; the line is skipped\n`);
    const text = readFileSync(historyFile, 'utf8');
    expect(text.startsWith(`${good}this line is broken\n`)).toBe(true);
    expect(readHistory(historyFile).entries.map((e) => [e.line, e.entry.level])).toEqual([[1, 1], [2, 2], [3, 3], [5, 0]]);
  });

  it('diff takes answers files, JSON reports and history entries', () => {
    const l1 = join(root, 'examples', 'level-1.answers.yaml');
    const l2 = join(root, 'examples', 'level-2.answers.yaml');
    const json = join(work, 'l1.json');
    expect(run(['report', '--answers', l1, '--format', 'json', '--out', json]).code).toBe(0);
    const fromAnswers = run(['diff', l1, l2]);
    expect(fromAnswers.code).toBe(0);
    expect(fromAnswers.stdout).toContain('Level 1 → 2.');
    expect(fromAnswers.stdout).toContain('- added: `.github/workflows/release.yml:57`');
    const fromJson = JSON.parse(run(['diff', json, l2, '--format', 'json']).stdout);
    expect(fromJson.level).toEqual({ before: 1, after: 2 });
    expect(fromJson.evidence).toEqual({ added: ['.github/workflows/release.yml:57'], gone: ['scripts/release.sh:41'] });
    const ja = run(['diff', `${fixture}#1`, `${fixture}#-1`, '--lang', 'ja']);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('レベル 0 → 2。');
    const lastTwo = run(['diff', fixture]);
    expect(lastTwo.stdout).toContain(`- Before: \`${fixture}#2\``);
    expect(lastTwo.stdout).toContain('Level 1 → 2.');
  });

  it('bad input is one line and exit 2', () => {
    writeFileSync(join(work, 'broken.json'), '{"level": 1,');
    writeFileSync(join(work, 'other.yaml'), 'name: not an assessment\n');
    const cases: [string[], RegExp][] = [
      [['diff', `${historyFile}#4`, fixture + '#1'], new RegExp(`^sigmature: ${historyFile.replace(/[.]/g, '\\.')}:4: not JSON\\n$`)],
      [['diff', `${fixture}#9`, `${fixture}#1`], /no history entry on line 9 \(entries are on lines 1, 2, 3\)\n$/],
      [['diff', join(work, 'broken.json'), fixture + '#1'], /broken\.json: broken JSON \(.*\)\n$/],
      [['diff', join(work, 'other.yaml'), fixture + '#1'], /other\.yaml: not an answers file, a JSON report .* or a history entry \(FILE#N\)\n$/],
      [['diff', fixture, `${fixture}#1`], /a history file: name one entry/],
      [['diff', join(work, 'missing.yaml'), fixture + '#1'], /missing\.yaml: no such file\n$/],
      [['diff'], /diff needs OLD and NEW/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
