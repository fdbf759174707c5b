/**
 * What an auditor needs beyond the level: why each unsettled criterion is open, what is still to be
 * settled and by whom, and where the team changed a detected answer. Pure functions of the bank,
 * the answers file and its assessment, shared by the Markdown view and the JSON report.
 */
import type { Assessment, CriterionResult, QuestionState } from '../assess/assess.js';
import { conditionQuestions, selected } from '../assess/assess.js';
import type { Bank } from '../model/bank.js';
import type { AnswersFile, EvidenceRef } from '../session/answers-file.js';

/**
 * Why a criterion is open, one question at a time:
 * - `unsure`, `unanswered`, `skipped`: where the question stands;
 * - `detected`: only a detected answer speaks, and the control asks for an interview or a document.
 */
export type OpenReasonKind = 'unsure' | 'unanswered' | 'skipped' | 'detected';
export interface OpenReason {
  kind: OpenReasonKind;
  question: string;
}

/**
 * The questions that keep an open criterion open, read the way the assessment's `unsettled` reads
 * them: the questions that could satisfy it, and the questions that the condition of a chosen
 * option reads.
 * Empty for a criterion that is not open, and for one that is open only because it needs the team's
 * word (`needsTeam`: the detected answers would satisfy it).
 */
export function openReasons(bank: Bank, assessment: Assessment, c: CriterionResult): OpenReason[] {
  if (c.status !== 'open' || c.needsTeam) return [];
  const stateOf = new Map(assessment.questions.map((s) => [s.id, s]));
  const out: OpenReason[] = [];
  const seen = new Set<string>();
  const consider = (id: string) => {
    const s = stateOf.get(id);
    if (!s || seen.has(id)) return;
    let kind: OpenReasonKind | undefined;
    if (s.status !== 'answered') kind = s.status;
    else if (c.proof === 'team' && s.source === 'detected') kind = 'detected';
    if (kind) {
      seen.add(id);
      out.push({ kind, question: id });
    }
  };
  for (const q of c.candidates) {
    consider(q.id);
    const question = bank.byId.get(q.id);
    for (const value of selected(q.value)) {
      const option = question?.options.find((o) => o.value === value);
      for (const s of option?.satisfies ?? []) {
        if (typeof s !== 'string' && s.criterion === c.id) conditionQuestions(s.when).forEach(consider);
      }
    }
  }
  return out;
}

/** The dimension a question belongs to, and who should settle its open items (from the bank). */
function ownerOf(bank: Bank, questionId: string): { dimension: string; owner?: { en: string; ja: string } } | undefined {
  const q = bank.byId.get(questionId);
  if (!q) return undefined;
  const d = bank.dimensions.find((x) => x.id === q.dimension);
  return { dimension: q.dimension, ...(d?.owner ? { owner: d.owner } : {}) };
}

/** Each role once, in the order first met. */
export function owners(bank: Bank, questionIds: readonly string[]): { en: string; ja: string }[] {
  const out: { en: string; ja: string }[] = [];
  for (const id of questionIds) {
    const o = ownerOf(bank, id)?.owner;
    if (o && !out.some((x) => x.en === o.en)) out.push(o);
  }
  return out;
}

export type OpenQuestionKind = 'unsure' | 'unanswered' | 'skipped' | 'detected';

/** A question still to be settled, and the criteria waiting for it. */
export interface OpenQuestion {
  question: string;
  kind: OpenQuestionKind;
  /** Open criteria it keeps open (always set for `skipped` and `detected`). */
  criteria: string[];
}

/** A criterion still to be settled: the repository shows it but nobody confirmed (`met-detected`), or it needs the team's word. */
export interface OpenCriterion {
  criterion: string;
  kind: 'confirm' | 'needs-team';
  /** The detected answers that would satisfy it. */
  detected: { question: string; value: string }[];
}

export interface OpenItems {
  questions: OpenQuestion[];
  criteria: OpenCriterion[];
}

/**
 * Everything that must be settled before the report is filed: questions answered "unsure" or not
 * answered, skipped questions an open criterion still needs, questions that only a detection speaks
 * for where the control asks for the team's word; and criteria that rest on unconfirmed detections.
 */
export function openItems(bank: Bank, assessment: Assessment): OpenItems {
  const waiting = new Map<string, { kind: OpenReasonKind; criteria: string[] }>();
  for (const c of assessment.criteria) {
    for (const r of openReasons(bank, assessment, c)) {
      const w = waiting.get(r.question) ?? { kind: r.kind, criteria: [] };
      if (!w.criteria.includes(c.id)) w.criteria.push(c.id);
      waiting.set(r.question, w);
    }
  }
  const questions: OpenQuestion[] = [];
  for (const s of assessment.questions) {
    const w = waiting.get(s.id);
    if (s.status === 'unsure' || s.status === 'unanswered') questions.push({ question: s.id, kind: s.status, criteria: w?.criteria ?? [] });
    else if (w) questions.push({ question: s.id, kind: w.kind, criteria: w.criteria });
  }
  const criteria: OpenCriterion[] = assessment.criteria
    .filter((c) => c.status === 'met-detected' || c.needsTeam)
    .map((c) => ({
      criterion: c.id,
      kind: c.status === 'met-detected' ? 'confirm' : 'needs-team',
      detected: c.metBy.map((m) => ({ question: m.question, value: m.value })),
    }));
  return { questions, criteria };
}

/** An answer the team changed from what the scan detected. */
export interface Override {
  question: string;
  detected: string | string[];
  value: string | string[];
  source: string;
  reason?: string;
  evidence: EvidenceRef[];
}

export function overrides(answers: AnswersFile, bank: Bank): Override[] {
  const order = new Map(bank.questions.map((q, i) => [q.id, i]));
  return Object.entries(answers.answers)
    .filter(([, a]) => a.override)
    .sort(([x], [y]) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity))
    .map(([question, a]) => ({
      question,
      detected: a.override!.detected,
      value: a.value,
      source: a.source,
      ...(a.override!.reason ? { reason: a.override!.reason } : {}),
      evidence: a.evidence ?? [],
    }));
}

/** How many answers of each source, and how many questions stand unsure, unanswered or skipped. */
export function answerCounts(assessment: Assessment): Record<'detected' | 'confirmed' | 'stated' | 'unsure' | 'unanswered' | 'skipped', number> {
  const counts = { detected: 0, confirmed: 0, stated: 0, unsure: 0, unanswered: 0, skipped: 0 };
  for (const s of assessment.questions as QuestionState[]) {
    if (s.status === 'answered') counts[s.source ?? 'stated']++;
    else counts[s.status]++;
  }
  return counts;
}
