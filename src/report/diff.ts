/**
 * What changed between two assessments. Each side (an answers file, a JSON report, a history
 * entry) becomes a snapshot of the same shape; the diff compares snapshots and knows nothing of
 * where they came from. Pure: reading files is the command's job (src/commands/diff.ts).
 */
import { assess, type Assessment, type CriterionStatus } from '../assess/assess.js';
import { reportMessages, type Lang } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import { answerSources, answerValues, type AnswersFile } from '../session/answers-file.js';
import type { HistoryEntry } from './history.js';
import { mdCode, mdText, mdTrusted } from './markdown-text.js';

export interface SnapshotAnswer {
  value: string[];
  source: string;
}

export interface Snapshot {
  /** Where it came from, as the user named it (`answers.yaml`, `history.jsonl#3`). */
  label: string;
  /** The assessment's date: the answers' `meta.date`, else when it was written. */
  date?: string;
  level: number;
  detectedLevel: number;
  criteria: Record<string, CriterionStatus>;
  dimensions: Record<string, number>;
  answers: Record<string, SnapshotAnswer>;
  /** Evidence places (`file:line`), when the side carries them (history entries do not). */
  evidence?: string[];
  digest?: string;
  commit?: string;
}

const values = (v: string | string[]) => [v].flat();

function evidencePlaces(file: AnswersFile): string[] {
  const places = new Set<string>();
  for (const a of Object.values(file.answers)) for (const e of a.evidence ?? []) places.add(`${e.file}:${e.line}`);
  return [...places].sort();
}

/** `assessment`: the answers' assessment when the caller has already made it. */
export function snapshotFromAnswers(bank: Bank, file: AnswersFile, label: string, digest?: string, assessment?: Assessment): Snapshot {
  const a = assessment ?? assess(bank, answerValues(file), answerSources(file));
  return {
    label,
    ...(file.meta.date ? { date: file.meta.date } : {}),
    level: a.level,
    detectedLevel: a.detectedLevel,
    criteria: Object.fromEntries(a.criteria.map((c) => [c.id, c.status])),
    dimensions: Object.fromEntries(a.dimensions.map((d) => [d.id, d.score])),
    answers: Object.fromEntries(Object.entries(file.answers).map(([id, x]) => [id, { value: values(x.value), source: x.source }])),
    evidence: evidencePlaces(file),
    ...(digest ? { digest } : {}),
    ...(file.meta.repository?.commit ? { commit: file.meta.repository.commit } : {}),
  };
}

export function snapshotFromEntry(entry: HistoryEntry, label: string): Snapshot {
  return {
    label,
    // when it was written, as the trend shows it (`assessedOn` is the answers' own, often older, date)
    date: entry.date.slice(0, 10),
    level: entry.level,
    detectedLevel: entry.detectedLevel,
    criteria: { ...entry.criteria },
    dimensions: { ...entry.dimensions },
    answers: Object.fromEntries(Object.entries(entry.answers).map(([id, x]) => [id, { value: values(x.value), source: x.source }])),
    digest: entry.answersDigest,
    ...(entry.commit ? { commit: entry.commit } : {}),
  };
}

/** The JSON report of `report --format json` or `scan --format json` (DESIGN section 7). */
export interface JsonReportLike {
  level: number;
  detectedLevel?: number;
  criteria: Record<string, { status?: string; met?: boolean }>;
  dimensions: Record<string, number>;
  answers?: Record<string, { value: string | string[]; source: string; evidence?: string[] }>;
  evidence?: { file: string; line: number }[];
  answersDigest?: string;
  repository?: { commit?: string } | null;
  meta?: { date?: string };
}

export function isJsonReport(data: unknown): data is JsonReportLike {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return typeof d.level === 'number' && typeof d.criteria === 'object' && d.criteria !== null && typeof d.dimensions === 'object' && d.dimensions !== null && typeof d.tool === 'object';
}

export function snapshotFromJsonReport(data: JsonReportLike, label: string): Snapshot {
  const answers = data.answers ?? {};
  const fromScan = (data.evidence ?? []).map((e) => `${e.file}:${e.line}`);
  // without a scan, a report's evidence is what its answers cite
  const fromAnswers = Object.values(answers).flatMap((a) => a.evidence ?? []);
  const criteria: Record<string, CriterionStatus> = {};
  for (const [id, c] of Object.entries(data.criteria)) {
    criteria[id] = (c.status as CriterionStatus | undefined) ?? (c.met ? 'met' : 'missed');
  }
  return {
    label,
    ...(data.meta?.date ? { date: data.meta.date } : {}),
    level: data.level,
    detectedLevel: data.detectedLevel ?? data.level,
    criteria,
    dimensions: { ...data.dimensions },
    answers: Object.fromEntries(Object.entries(answers).map(([id, x]) => [id, { value: values(x.value), source: x.source }])),
    evidence: [...new Set(fromScan.length ? fromScan : fromAnswers)].sort(),
    ...(data.answersDigest ? { digest: data.answersDigest } : {}),
    ...(data.repository?.commit ? { commit: data.repository.commit } : {}),
  };
}

export interface Change<T> {
  id: string;
  before?: T;
  after?: T;
}

export interface AssessmentDiff {
  old: Pick<Snapshot, 'label' | 'date' | 'digest' | 'commit'>;
  new: Pick<Snapshot, 'label' | 'date' | 'digest' | 'commit'>;
  level: { before: number; after: number };
  detectedLevel: { before: number; after: number };
  criteria: Change<CriterionStatus>[];
  dimensions: Change<number>[];
  answers: Change<SnapshotAnswer>[];
  /** null when a side carries no evidence (a history entry), so nothing can be said. */
  evidence: { added: string[]; gone: string[] } | null;
  /** Nothing above changed. */
  same: boolean;
}

function changes<T>(before: Record<string, T>, after: Record<string, T>, key: (v: T) => string = (v) => JSON.stringify(v)): Change<T>[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return ids
    .filter((id) => (before[id] === undefined ? '' : key(before[id]!)) !== (after[id] === undefined ? '' : key(after[id]!)))
    .map((id) => ({ id, ...(before[id] !== undefined ? { before: before[id] } : {}), ...(after[id] !== undefined ? { after: after[id] } : {}) }));
}

const head = (s: Snapshot) => ({
  label: s.label, ...(s.date ? { date: s.date } : {}), ...(s.digest ? { digest: s.digest } : {}), ...(s.commit ? { commit: s.commit } : {}),
});

export function diffSnapshots(before: Snapshot, after: Snapshot): AssessmentDiff {
  const criteria = changes(before.criteria, after.criteria);
  const dimensions = changes(before.dimensions, after.dimensions);
  const answers = changes(before.answers, after.answers, (a) => JSON.stringify([[...a.value].sort(), a.source]));
  let evidence: AssessmentDiff['evidence'] = null;
  if (before.evidence && after.evidence) {
    const was = new Set(before.evidence);
    const now = new Set(after.evidence);
    evidence = { added: after.evidence.filter((e) => !was.has(e)), gone: before.evidence.filter((e) => !now.has(e)) };
  }
  return {
    old: head(before),
    new: head(after),
    level: { before: before.level, after: after.level },
    detectedLevel: { before: before.detectedLevel, after: after.detectedLevel },
    criteria,
    dimensions,
    answers,
    evidence,
    same: before.level === after.level && before.detectedLevel === after.detectedLevel && !criteria.length && !dimensions.length
      && !answers.length && !(evidence && (evidence.added.length || evidence.gone.length)),
  };
}

/** Names for ids, when a bank is at hand; ids alone otherwise. */
export interface DiffNames {
  criterion?: (id: string) => string | undefined;
  dimension?: (id: string) => string | undefined;
  question?: (id: string) => string | undefined;
  option?: (question: string, value: string) => string | undefined;
}

export function bankNames(bank: Bank, lang: Lang): DiffNames {
  return {
    criterion: (id) => bank.criteria.find((c) => c.id === id)?.text[lang],
    dimension: (id) => bank.dimensions.find((d) => d.id === id)?.name[lang],
    question: (id) => bank.byId.get(id)?.text[lang],
    option: (q, v) => bank.byId.get(q)?.options.find((o) => o.value === v)?.label[lang],
  };
}

/** `sigmature diff --format markdown`: headings, tables and lists that pass markdownlint. */
export function renderDiffMarkdown(diff: AssessmentDiff, lang: Lang, names: DiffNames = {}): string {
  const t = reportMessages[lang];
  const side = (s: AssessmentDiff['old']) =>
    `${mdCode(s.label)}${s.date ? ` (${mdText(s.date)})` : ''}${s.commit ? `, ${t.diffCommit} ${mdCode(s.commit.slice(0, 12))}` : ''}`;
  const status = (s: CriterionStatus | undefined) => (s ? t.status[s] : '–');
  const answer = (q: string, a: SnapshotAnswer | undefined) =>
    a ? `${a.value.map((v) => mdCode(v) + (names.option?.(q, v) ? ` ${mdTrusted(names.option(q, v))}` : '')).join(t.listSep)} (${t.source[a.source as 'stated'] ?? mdText(a.source)})` : '–';
  const out: string[] = [`# ${t.diffTitle}`, '', `- ${t.diffBefore}: ${side(diff.old)}`, `- ${t.diffAfter}: ${side(diff.new)}`, ''];
  out.push(t.compareLevel(diff.level.before, diff.level.after) + (diff.detectedLevel.before !== diff.detectedLevel.after || diff.detectedLevel.after !== diff.level.after
    ? ` ${t.diffDetectedLevel(diff.detectedLevel.before, diff.detectedLevel.after)}` : ''), '');
  if (diff.same) {
    out.push(t.diffSame);
    return `${out.join('\n')}\n`;
  }
  if (diff.criteria.length) {
    out.push(`## ${t.diffCriteria}`, '', `| ${t.diffCriterion} | ${t.diffBefore} | ${t.diffAfter} |`, '| --- | --- | --- |');
    for (const c of diff.criteria) {
      const text = names.criterion?.(c.id);
      out.push(`| ${c.id}${text ? ` ${mdTrusted(text)}` : ''} | ${status(c.before)} | ${status(c.after)} |`);
    }
    out.push('');
  }
  if (diff.dimensions.length) {
    out.push(`## ${t.diffDimensions}`, '', `| ${t.dimension} | ${t.diffBefore} | ${t.diffAfter} |`, '| --- | --- | --- |');
    for (const d of diff.dimensions) out.push(`| ${mdTrusted(names.dimension?.(d.id) ?? d.id)} | ${d.before ?? '–'} | ${d.after ?? '–'} |`);
    out.push('');
  }
  if (diff.answers.length) {
    out.push(`## ${t.diffAnswers}`, '', `| ${t.diffQuestion} | ${t.diffBefore} | ${t.diffAfter} |`, '| --- | --- | --- |');
    for (const a of diff.answers) out.push(`| ${a.id} | ${answer(a.id, a.before)} | ${answer(a.id, a.after)} |`);
    out.push('');
  }
  out.push(`## ${t.diffEvidence}`, '');
  if (!diff.evidence) out.push(t.diffNoEvidence);
  else if (!diff.evidence.added.length && !diff.evidence.gone.length) out.push(t.diffEvidenceSame);
  else {
    for (const e of diff.evidence.added) out.push(`- ${t.diffAdded}: ${mdCode(e)}`);
    for (const e of diff.evidence.gone) out.push(`- ${t.diffGone}: ${mdCode(e)}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderDiffJson(diff: AssessmentDiff): string {
  return `${JSON.stringify({ schemaVersion: 1, ...diff }, null, 2)}\n`;
}
