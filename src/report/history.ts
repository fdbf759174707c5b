/**
 * The assessment history: `.sigmature/history.jsonl` beside the answers file, one compact JSON
 * line per written assessment. Lines are only ever appended (one write of a whole line, never a
 * rewrite), and a reader skips a broken line with a warning naming `file:line`, keeping the rest.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import type { Assessment } from '../assess/assess.js';
import type { AnswersFile } from '../session/answers-file.js';

export const HISTORY_SCHEMA_VERSION = 1;
export const HISTORY_FILE = 'history.jsonl';
/** The folder whose answers files keep a history without being asked to (the wizard writes there). */
export const SIGMATURE_DIR = '.sigmature';

const Status = z.enum(['met', 'met-detected', 'open', 'missed']);
const Source = z.enum(['detected', 'confirmed', 'stated']);

/** One line of the history. Unknown fields are kept (later versions may add some). */
export const HistoryEntry = z
  .object({
    schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
    /** When the assessment was written (ISO 8601, UTC). */
    date: z.string().min(1),
    /** The assessment's own date from the answers file (`meta.date`), when it has one. */
    assessedOn: z.string().optional(),
    level: z.number().int().min(0).max(3),
    detectedLevel: z.number().int().min(0).max(3),
    criteria: z.record(z.string(), Status),
    dimensions: z.record(z.string(), z.number()),
    /** Each answer's value and source: what `diff` needs to name the answers that changed. */
    answers: z.record(z.string(), z.object({ value: z.union([z.string(), z.array(z.string())]), source: Source }).passthrough()).default({}),
    /** sha256 of the answers file's bytes. */
    answersDigest: z.string().regex(/^[0-9a-f]{64}$/),
    commit: z.string().optional(),
    bank: z.object({ id: z.string(), version: z.string() }).passthrough(),
    tool: z.object({ name: z.string(), version: z.string() }).passthrough(),
  })
  .passthrough();
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export interface HistoryLine {
  /** 1-based line number in the file. */
  line: number;
  entry: HistoryEntry;
}

export interface HistoryRead {
  file: string;
  entries: HistoryLine[];
  /** One per broken line: `file:line: why; skipped`. */
  warnings: string[];
}

export function historyEntry(input: {
  assessment: Assessment;
  answers: AnswersFile;
  answersDigest: string;
  bank: { id: string; version: string };
  tool: { name: string; version: string };
  commit?: string;
  now?: Date;
}): HistoryEntry {
  const { assessment, answers } = input;
  const commit = input.commit ?? answers.meta.repository?.commit;
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    date: (input.now ?? new Date()).toISOString(),
    ...(answers.meta.date ? { assessedOn: answers.meta.date } : {}),
    level: assessment.level,
    detectedLevel: assessment.detectedLevel,
    criteria: Object.fromEntries(assessment.criteria.map((c) => [c.id, c.status])),
    dimensions: Object.fromEntries(assessment.dimensions.map((d) => [d.id, d.score])),
    answers: Object.fromEntries(Object.entries(answers.answers).map(([id, a]) => [id, { value: a.value, source: a.source }])),
    answersDigest: input.answersDigest,
    ...(commit ? { commit } : {}),
    bank: { id: input.bank.id, version: input.bank.version },
    tool: { name: input.tool.name, version: input.tool.version },
  };
}

/**
 * Where an assessment written from `answersPath` keeps its history: `--history FILE` when given;
 * otherwise `history.jsonl` beside the answers file when that file lives in a `.sigmature/` folder
 * (as the wizard writes it); otherwise nowhere, so that a report of `examples/x.yaml` leaves no
 * file behind.
 */
export function historyPathFor(answersPath: string, explicit?: string): string | undefined {
  if (explicit) return explicit;
  const dir = dirname(answersPath);
  return basename(dir) === SIGMATURE_DIR ? join(dir, HISTORY_FILE) : undefined;
}

/** Parses the text of a history file; never throws on a broken line. */
export function parseHistory(text: string, file: string): HistoryRead {
  const entries: HistoryLine[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const line = i + 1;
    const problem = (why: string) => warnings.push(`${file}:${line}: ${why}; the line is skipped`);
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      problem(i === lines.length - 1 && !text.endsWith('\n') ? 'an unfinished line (not JSON)' : 'not JSON');
      return;
    }
    const parsed = HistoryEntry.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problem(`not a history entry (${issue.path.join('.') || 'entry'}: ${issue.message})`);
      return;
    }
    entries.push({ line, entry: parsed.data });
  });
  return { file, entries, warnings };
}

/** Reads a history file; a missing file is an empty history. */
export function readHistory(file: string): HistoryRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { file, entries: [], warnings: [] };
    throw err;
  }
  return parseHistory(text, file);
}

/**
 * Appends one entry as one line, in one write to a file opened for appending: earlier lines are
 * never rewritten or truncated. When the file ends in an unfinished line (a crash or a full disk
 * during an earlier write), the new line starts on a line of its own, so that only the broken one
 * is lost to readers.
 */
export function appendHistory(file: string, entry: HistoryEntry): void {
  mkdirSync(dirname(file), { recursive: true });
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  let lead = '';
  if (size > 0) {
    const fd = openSync(file, 'r');
    try {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n';
    } finally {
      closeSync(fd);
    }
  }
  const fd = openSync(file, 'a', 0o644);
  try {
    writeSync(fd, `${lead}${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The same assessment: the same answers scored by the same bank (a report written again from them adds nothing). */
function sameAssessment(a: HistoryEntry, b: Pick<HistoryEntry, 'answersDigest' | 'bank'>): boolean {
  return a.answersDigest === b.answersDigest && a.bank.id === b.bank.id && a.bank.version === b.bank.version;
}

/** The earlier assessments a new one follows: the history without its trailing entries of the same assessment. */
export function earlierEntries(history: readonly HistoryLine[], entry: Pick<HistoryEntry, 'answersDigest' | 'bank'>): HistoryLine[] {
  let end = history.length;
  while (end > 0 && sameAssessment(history[end - 1]!.entry, entry)) end--;
  return history.slice(0, end);
}

/** Whether a new entry adds anything: not when the last entry is the same assessment. */
export function isNewEntry(history: readonly HistoryLine[], entry: HistoryEntry): boolean {
  const last = history.at(-1)?.entry;
  return !last || !sameAssessment(last, entry);
}
