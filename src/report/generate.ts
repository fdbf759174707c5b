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
  /** Today (YYYY-MM-DD), for an in-toto predicate whose answers carry no date. */
  today?: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The renderer (Mustache, markdown-it) is loaded only for Markdown and HTML: `scan --format json`
 * in CI does not pay for it.
 */
export async function generateReport(opts: GenerateOptions): Promise<{ text: string; level: number; detectedLevel: number; warnings?: string[] }> {
  const assessment = assess(opts.bank, answerValues(opts.answers), answerSources(opts.answers));
  const roadmap = buildRoadmap(assessment, opts.catalog ?? loadRoadmapCatalog(), opts.scan ?? {});
  const answersDigest = sha256(opts.answersText ?? serializeAnswers(opts.answers, opts.bank));
  const warnings = opts.warnings ?? [];
  const contradictions = opts.scan ? findContradictions(opts.bank, answerValues(opts.answers), opts.scan, opts.lang) : undefined;
  if (opts.format === 'intoto') {
    const { statement, warnings: notes } = buildStatement({
      bank: opts.bank, answers: opts.answers, assessment, answersName: opts.answersName ?? 'answers.yaml', answersDigest,
      tool: opts.tool, scanned: opts.scan?.repository, today: opts.today ?? new Date().toISOString().slice(0, 10),
    });
    return { text: `${JSON.stringify(statement, null, 2)}\n`, level: assessment.level, detectedLevel: assessment.detectedLevel, warnings: notes };
  }
  if (opts.format === 'json') {
    const json = toJsonReport({ tool: opts.tool, bank: opts.bank, answers: opts.answers, answersDigest, assessment, roadmap, scan: opts.scan, warnings });
    if (contradictions) Object.assign(json, { contradictions });
    if (opts.previous) {
      const before = assess(opts.bank, answerValues(opts.previous), answerSources(opts.previous));
      Object.assign(json, { comparison: { previousLevel: before.level, previousDimensions: Object.fromEntries(before.dimensions.map((d) => [d.id, d.score])) } });
    }
    return { text: `${JSON.stringify(json, null, 2)}\n`, level: assessment.level, detectedLevel: assessment.detectedLevel };
  }
  const previous = opts.previous ? { answers: opts.previous, assessment: assess(opts.bank, answerValues(opts.previous), answerSources(opts.previous)) } : undefined;
  const view = buildReportView({ bank: opts.bank, answers: opts.answers, answersDigest, assessment, roadmap, scan: opts.scan, contradictions, lang: opts.lang, tool: opts.tool, warnings, previous });
  const { renderHtml, renderMarkdown } = await import('./render.js');
  const markdown = renderMarkdown(view, opts.template);
  return { text: opts.format === 'html' ? renderHtml(markdown, view) : markdown, level: assessment.level, detectedLevel: assessment.detectedLevel };
}
