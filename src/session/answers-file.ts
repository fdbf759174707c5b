/**
 * The answers file: what a team said, where each answer came from, and the evidence behind it.
 * YAML so that it diffs well in review; validated on load; written atomically.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import * as z from 'zod';
import type { Bank } from '../model/bank.js';
import { UNSURE } from '../model/schema.js';
import { InputError, parseYamlSource, validateSource } from '../model/yaml-source.js';
import { writeFileAtomic } from './atomic-write.js';
import type { AnswerSources, AnswerValues } from '../assess/assess.js';
import { sourcesOf, valuesOf } from './answer-maps.js';

export const ANSWERS_SCHEMA_VERSION = 1;

export const EvidenceRef = z
  .object({
    file: z.string().min(1),
    line: z.number().int().min(1),
    detector: z.string().optional(),
    excerpt: z.string().optional(),
  })
  .strict();
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** detected: taken from the scan as is; confirmed: detected and accepted by the team; stated: said by the team. */
export const AnswerSource = z.enum(['detected', 'confirmed', 'stated']);
export type AnswerSource = z.infer<typeof AnswerSource>;

export const Answer = z
  .object({
    value: z.union([z.string().min(1), z.array(z.string().min(1))]),
    source: AnswerSource,
    note: z.string().optional(),
    evidence: z.array(EvidenceRef).optional(),
    /** Where the team's answer disagrees with what the scan found, in words, kept for the auditor. */
    contradiction: z.string().optional(),
    /**
     * The team changed a detected answer: the value the scan suggested and the team's one-line
     * reason. The detected evidence stays in `evidence`, so the report can show both sides.
     */
    override: z
      .object({ detected: z.union([z.string().min(1), z.array(z.string().min(1))]), reason: z.string().optional() })
      .strict()
      .optional(),
    /** The question's fingerprint when answered; a different one means the question changed since. */
    rev: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .strict();
export type Answer = z.infer<typeof Answer>;

export const Meta = z
  .object({
    organisation: z.string().optional(),
    team: z.string().optional(),
    participants: z.array(z.string()).default([]),
    assessor: z.string().optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD').optional(),
    repository: z
      .object({ path: z.string().optional(), url: z.string().optional(), commit: z.string().optional() })
      .strict()
      .optional(),
    targetLevel: z.number().int().min(0).max(3).optional(),
    language: z.enum(['en', 'ja']).optional(),
  })
  .strict();
export type Meta = z.infer<typeof Meta>;

export const AnswersFile = z
  .object({
    schemaVersion: z.literal(ANSWERS_SCHEMA_VERSION),
    bank: z.object({ id: z.string(), version: z.string() }).strict(),
    meta: Meta.default({ participants: [] }),
    answers: z.record(z.string(), Answer).default({}),
  })
  .strict();
export type AnswersFile = z.infer<typeof AnswersFile>;

export interface LoadedAnswers {
  file: AnswersFile;
  /** Problems that did not stop loading: changed questions, answers the bank no longer knows. */
  warnings: string[];
  /** The line of each answer in the file (by question id), for messages that point at an answer. */
  lines?: Record<string, number>;
  /** Questions whose fingerprint (`rev`) changed since they were answered: the answer may be stale. */
  changed?: string[];
}

/** -1, 0 or 1 as semver `a` is below, equal to or above `b` (numeric parts only). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function emptyAnswers(bank: Bank, meta: Partial<Meta> = {}): AnswersFile {
  return {
    schemaVersion: ANSWERS_SCHEMA_VERSION,
    bank: { id: bank.id, version: bank.version },
    meta: { participants: [], ...meta },
    answers: {},
  };
}

/** The answers file's text, for a command that also digests it; a read error is bad input. */
export function readAnswersText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, undefined, code === 'ENOENT' ? 'no such answers file' : `cannot read (${code ?? 'error'})`);
  }
}

export function readAnswersFile(path: string, bank: Bank): LoadedAnswers {
  return parseAnswers(readAnswersText(path), path, bank);
}

/** `rejectNewerBank`: answers written with a newer version of the bank are bad input, not a warning. */
export function parseAnswers(text: string, file: string, bank: Bank, opts: { rejectNewerBank?: boolean } = {}): LoadedAnswers {
  const source = parseYamlSource(text, file);
  const raw = source.doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (typeof raw !== 'object' || raw === null || !('schemaVersion' in raw)) {
    throw new InputError(file, 1, 'not a sigmature answers file (no schemaVersion)');
  }
  const version = (raw as { schemaVersion: unknown }).schemaVersion;
  if (version !== ANSWERS_SCHEMA_VERSION) {
    throw new InputError(file, source.lineAt(['schemaVersion']), `answers schemaVersion ${String(version)} is not supported (this sigmature reads ${ANSWERS_SCHEMA_VERSION})`);
  }
  const data = validateSource(source, AnswersFile);
  if (data.bank.id !== bank.id) {
    throw new InputError(file, source.lineAt(['bank', 'id']), `answers are for question bank "${data.bank.id}", not "${bank.id}" (use --bank)`);
  }
  if (opts.rejectNewerBank && compareVersions(data.bank.version, bank.version) > 0) {
    throw new InputError(file, source.lineAt(['bank', 'version']), `answers are from question bank ${data.bank.id} ${data.bank.version}, newer than this sigmature's ${bank.version}: update sigmature`);
  }
  const warnings: string[] = [];
  const lines: Record<string, number> = {};
  const changed: string[] = [];
  const kept: Record<string, Answer> = {};
  const versionNote = data.bank.version === bank.version ? '' : ` (answered with bank ${data.bank.version}, now ${bank.version})`;
  for (const [id, answer] of Object.entries(data.answers)) {
    const q = bank.byId.get(id);
    const line = source.lineAt(['answers', id]);
    const where = `${file}${line ? `:${line}` : ''}`;
    if (line) lines[id] = line;
    if (!q) {
      warnings.push(`${where}: ${id} is not in the question bank; its answer is ignored${versionNote}`);
      continue;
    }
    const values = Array.isArray(answer.value) ? answer.value : [answer.value];
    const known = new Set(q.options.map((o) => o.value));
    const unknown = values.filter((v) => !known.has(v));
    if (unknown.length) {
      warnings.push(`${where}: ${id} has no option "${unknown.join('", "')}"; the answer is ignored and the question is open again${versionNote}`);
      continue;
    }
    if (q.type === 'single' && Array.isArray(answer.value)) {
      warnings.push(`${where}: ${id} takes one answer, not a list; the answer is ignored`);
      continue;
    }
    if (answer.rev && answer.rev !== q.rev) {
      warnings.push(`${where}: ${id} has changed since it was answered${versionNote}; review the answer`);
      changed.push(id);
    }
    kept[id] = q.type === 'multi' && !Array.isArray(answer.value) ? { ...answer, value: [answer.value] } : answer;
  }
  return { file: { ...data, answers: kept }, warnings, lines, changed };
}

/** The answer values alone, as scoring wants them. */
export function answerValues(file: AnswersFile): AnswerValues {
  return valuesOf(file.answers);
}

/** Where each answer came from, as scoring wants it: detected answers never carry the assessed level. */
export function answerSources(file: AnswersFile): AnswerSources {
  return sourcesOf(file.answers);
}

/** Serialises with answers in bank order, so that files diff cleanly between sessions. */
export function serializeAnswers(file: AnswersFile, bank: Bank): string {
  const ordered: Record<string, Answer> = {};
  const ids = [...bank.questions.map((q) => q.id), ...Object.keys(file.answers)];
  for (const id of ids) {
    const a = file.answers[id];
    if (a && !(id in ordered)) ordered[id] = { ...a, rev: bank.byId.get(id)?.rev ?? a.rev };
  }
  const header =
    '# sigmature answers file: what the team answered, with the source and evidence of each answer.\n' +
    `# Values are option values of the question bank "${file.bank.id}"; "${UNSURE}" marks an open item.\n`;
  return header + stringify({ ...file, bank: { id: bank.id, version: bank.version }, answers: ordered }, { lineWidth: 0 });
}

export function writeAnswersFile(path: string, file: AnswersFile, bank: Bank): void {
  writeFileAtomic(path, serializeAnswers(file, bank));
}
