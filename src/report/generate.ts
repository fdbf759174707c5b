/**
 * From answers (and, when there is one, a scan) to a finished report in one format. Composes the
 * pure steps: assess → roadmap → view → render.
 */
import { createHash } from 'node:crypto';
import { assess } from '../assess/assess.js';
import { findContradictions } from '../assess/contradictions.js';
import type { ScanResult } from '../detect/types.js';
import type { Lang } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import { answerSources, answerValues, serializeAnswers, type AnswersFile } from '../session/answers-file.js';
import { buildStatement } from './intoto.js';
import { diffSnapshots, snapshotFromAnswers, snapshotFromEntry, type AssessmentDiff } from './diff.js';
import { earlierEntries, historyEntry, type HistoryEntry, type HistoryLine } from './history.js';
import { toJsonReport } from './json.js';
import { buildReportView } from './report-view.js';
import { buildRoadmap, loadRoadmapCatalog, type RoadmapCatalog } from './roadmap.js';

export type ReportFormat = 'markdown' | 'html' | 'json' | 'intoto';

export interface GenerateOptions {
  bank: Bank;
  answers: AnswersFile;
  /** The answers file's bytes as read, so the digest matches `sha256sum FILE`; serialised when absent. */
  answersText?: string;
  scan?: ScanResult;
  lang: Lang;
  format: ReportFormat;
  /** A Mustache template's text replacing the built-in one (Markdown and HTML). */
  template?: string;
  tool: { name: string; version: string };
  warnings?: string[];
  catalog?: RoadmapCatalog;
  /** An earlier answers file of the same team (`--compare`). */
  previous?: AnswersFile;
  /** The answers file as named on the command line: the in-toto Statement's subject name. */
  answersName?: string;
  /**
   * The history this assessment joins (`.sigmature/history.jsonl`, as read): the report compares
   * with its last entry of other answers (unless `previous` is given) and draws the trend.
   */
  history?: readonly HistoryLine[];
  /**
   * When the assessment is written (the history entry's date, and the in-toto predicate's date when
   * the answers carry none); now when absent.
   */
  now?: Date;
}

export interface GeneratedReport {
  text: string;
  level: number;
  detectedLevel: number;
  /** The history line this assessment makes (appended by the caller, if it keeps a history). */
  entry: HistoryEntry;
  /** Notes for stderr (an in-toto subject left out, and why). */
  warnings?: string[];
}

/** What changed since the earlier assessment, and where that came from. */
export interface Since {
  diff: AssessmentDiff;
  fromHistory: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The renderer (Mustache, markdown-it) is loaded only for Markdown and HTML: `scan --format json`
 * in CI does not pay for it.
 */
export async function generateReport(opts: GenerateOptions): Promise<GeneratedReport> {
  const assessment = assess(opts.bank, answerValues(opts.answers), answerSources(opts.answers));
  const roadmap = buildRoadmap(assessment, opts.catalog ?? loadRoadmapCatalog(), opts.scan ?? {});
  const answersDigest = sha256(opts.answersText ?? serializeAnswers(opts.answers, opts.bank));
  const warnings = opts.warnings ?? [];
  const contradictions = opts.scan ? findContradictions(opts.bank, answerValues(opts.answers), opts.scan, opts.lang) : undefined;
  const entry = historyEntry({
    assessment, answers: opts.answers, answersDigest, bank: opts.bank, tool: opts.tool, commit: opts.scan?.repository?.commit, now: opts.now,
  });
  const earlier = opts.history ? earlierEntries(opts.history, entry) : [];
  const last = earlier.at(-1);
  // Only a report with something to compare with (most have nothing: `scan`, a portfolio) builds a
  // snapshot of this assessment, from the assessment already made.
  const current = () => snapshotFromAnswers(opts.bank, opts.answers, 'now', answersDigest, assessment);
  const since: Since | undefined = opts.previous
    ? { diff: diffSnapshots(snapshotFromAnswers(opts.bank, opts.previous, 'compare'), current()), fromHistory: false }
    : last ? { diff: diffSnapshots(snapshotFromEntry(last.entry, `#${last.line}`), current()), fromHistory: true } : undefined;
  const trend = earlier.length ? [...earlier.map((l) => l.entry), entry] : undefined;
  const result = (text: string, notes?: string[]) => ({ text, level: assessment.level, detectedLevel: assessment.detectedLevel, entry, ...(notes ? { warnings: notes } : {}) });
  if (opts.format === 'intoto') {
    const { statement, warnings: notes } = buildStatement({
      bank: opts.bank, answers: opts.answers, assessment, answersName: opts.answersName ?? 'answers.yaml', answersDigest,
      tool: opts.tool, scanned: opts.scan?.repository, today: (opts.now ?? new Date()).toISOString().slice(0, 10),
    });
    return result(`${JSON.stringify(statement, null, 2)}\n`, notes);
  }
  if (opts.format === 'json') {
    const json = toJsonReport({ tool: opts.tool, bank: opts.bank, answers: opts.answers, answersDigest, assessment, roadmap, scan: opts.scan, warnings });
    if (contradictions) Object.assign(json, { contradictions });
    if (since) {
      const before = (id: string, now: number) => since.diff.dimensions.find((d) => d.id === id)?.before ?? now;
      Object.assign(json, {
        comparison: {
          previousLevel: since.diff.level.before,
          previousDimensions: Object.fromEntries(assessment.dimensions.map((d) => [d.id, before(d.id, d.score)])),
          // added with the history: where the earlier assessment came from, and what changed
          from: since.fromHistory ? 'history' : 'compare',
          changes: since.diff,
        },
      });
    }
    if (trend) Object.assign(json, { trend: trend.map((e) => ({ date: e.date, level: e.level, detectedLevel: e.detectedLevel, ...(e.commit ? { commit: e.commit } : {}) })) });
    return result(`${JSON.stringify(json, null, 2)}\n`);
  }
  const view = buildReportView({
    bank: opts.bank, answers: opts.answers, answersDigest, assessment, roadmap, scan: opts.scan, contradictions, lang: opts.lang, tool: opts.tool, warnings,
    since, trend,
  });
  const { renderHtml, renderMarkdown } = await import('./render.js');
  const markdown = renderMarkdown(view, opts.template);
  return result(opts.format === 'html' ? renderHtml(markdown, view) : markdown);
}
