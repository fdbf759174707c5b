/**
 * The CI gate (`sigmature check`): the team's committed answers against what the repository shows
 * now. Pure: the command module reads the files and the clock and hands them in.
 *
 * It holds when the assessed level reaches `minLevel`, no answer is contradicted by the repository
 * (unless contradictions are allowed), and the answers are not older than `maxAgeDays`. Without an
 * answers file it is `scan --min-level`: the level the repository shows is gated instead.
 */
import type { ScanResult } from '../detect/types.js';
import type { Lang } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import { answerSources, answerValues, type LoadedAnswers } from '../session/answers-file.js';
import { assess } from './assess.js';
import { findContradictions, type Contradiction } from './contradictions.js';
import { repositoryLevel } from './detected-answers.js';

export const DEFAULT_MAX_AGE_DAYS = 180;

export interface CheckInput {
  bank: Bank;
  scan: ScanResult;
  /** The answers file as loaded, and its path as given; absent: no answers file (scan only). */
  answers?: { loaded: LoadedAnswers; path: string };
  lang: Lang;
  /** Today, as the command's clock says. */
  now: Date;
  minLevel?: number;
  maxAgeDays: number;
  allowContradictions: boolean;
}

export interface CheckContradiction extends Contradiction {
  /** Where the answers file gives the contradicted answer. */
  answerAt?: { file: string; line: number };
  /**
   * The team saw this very contradiction when it answered and kept its answer: the answer records
   * it word for word (in either language). Reported, not failed: an admission policy kept in the
   * cluster's own repository is not drift. A new or moved contradiction is not acknowledged.
   */
  acknowledged: boolean;
}

export type CheckFailure =
  | { kind: 'level'; level: number; minLevel: number; source: 'answers' | 'repository' }
  | { kind: 'contradictions'; count: number }
  | { kind: 'too-old'; ageDays: number; maxAgeDays: number };

export interface CheckResult {
  repository: ScanResult['repository'];
  answers?: {
    path: string;
    bank: { id: string; version: string };
    date?: string;
    /** Whole days between `meta.date` and now; absent when the file has no date. */
    ageDays?: number;
  };
  /** The assessed level from the team's answers (stated and confirmed only); absent without answers. */
  level?: number;
  /** The level the repository alone shows (a scan's detected answers). */
  detectedLevel: number;
  minLevel?: number;
  maxAgeDays: number;
  contradictions: CheckContradiction[];
  allowContradictions: boolean;
  /** Questions changed in the bank since they were answered. */
  changed: { question: string; line?: number }[];
  /** Loader and scan warnings, one line each. */
  warnings: string[];
  failures: CheckFailure[];
  passed: boolean;
}

const DAY = 86_400_000;

/** Whole days from an ISO date (YYYY-MM-DD, UTC) to `now`. */
export function ageInDays(date: string, now: Date): number | undefined {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.floor((today - t) / DAY);
}

export function runCheck(input: CheckInput): CheckResult {
  const { bank, scan, answers } = input;
  const detectedLevel = repositoryLevel(bank, scan);
  const failures: CheckFailure[] = [];
  const warnings = scan.warnings.filter((w) => w.kind !== 'limit').map((w) => `${w.file ? `${w.file}: ` : ''}${w.message}`);
  if (!answers) {
    if (input.minLevel !== undefined && detectedLevel < input.minLevel) {
      failures.push({ kind: 'level', level: detectedLevel, minLevel: input.minLevel, source: 'repository' });
    }
    return {
      repository: scan.repository, detectedLevel, minLevel: input.minLevel, maxAgeDays: input.maxAgeDays,
      contradictions: [], allowContradictions: input.allowContradictions, changed: [], warnings, failures, passed: failures.length === 0,
    };
  }
  const { file, lines = {}, changed = [] } = answers.loaded;
  const values = answerValues(file);
  const level = assess(bank, values, answerSources(file)).level;
  if (input.minLevel !== undefined && level < input.minLevel) failures.push({ kind: 'level', level, minLevel: input.minLevel, source: 'answers' });
  // the same rules in both languages, in the same order: the wizard records the message in the
  // language of its session
  const other = findContradictions(bank, values, scan, input.lang === 'en' ? 'ja' : 'en');
  const contradictions: CheckContradiction[] = findContradictions(bank, values, scan, input.lang).map((c, i) => {
    const recorded = file.answers[c.question]?.contradiction;
    const acknowledged = recorded !== undefined && (recorded === c.message || recorded === other[i]?.message);
    const line = lines[c.question];
    return { ...c, acknowledged, ...(line ? { answerAt: { file: answers.path, line } } : {}) };
  });
  const failing = contradictions.filter((c) => !c.acknowledged).length;
  if (failing && !input.allowContradictions) failures.push({ kind: 'contradictions', count: failing });
  const date = file.meta.date;
  const ageDays = date ? ageInDays(date, input.now) : undefined;
  if (ageDays !== undefined && ageDays > input.maxAgeDays) failures.push({ kind: 'too-old', ageDays, maxAgeDays: input.maxAgeDays });
  return {
    repository: scan.repository,
    answers: { path: answers.path, bank: file.bank, ...(date ? { date } : {}), ...(ageDays !== undefined ? { ageDays } : {}) },
    level,
    detectedLevel,
    minLevel: input.minLevel,
    maxAgeDays: input.maxAgeDays,
    contradictions,
    allowContradictions: input.allowContradictions,
    changed: changed.map((q) => ({ question: q, ...(lines[q] ? { line: lines[q] } : {}) })),
    warnings: [...answers.loaded.warnings, ...warnings],
    failures,
    passed: failures.length === 0,
  };
}
