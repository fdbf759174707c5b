/**
 * Scoring: answers → criteria → level, dimension scores and gaps. Pure functions of a bank and a
 * set of answer values; no I/O, no UI. The rules live in the bank (which option satisfies which
 * criterion, under which condition, implying which dimension score); this module only applies them:
 *
 * - a criterion is met when some applicable answer's option satisfies it (and the option's `when`
 *   condition holds on the other answers);
 * - levels are cumulative: level N needs every criterion of levels 1..N;
 * - "unsure" satisfies nothing, scores 0 and becomes an open item;
 * - a skipped question satisfies nothing and is left out of its dimension's score;
 * - a dimension is as strong as its weakest answered question (the minimum of their scores); a
 *   multi-select question scores its strongest selected option.
 */
import type { Bank, LoadedQuestion } from '../model/bank.js';
import { UNSURE, type Condition } from '../model/schema.js';

/** A single-select answer is one option value; a multi-select one is a list. */
export type AnswerValue = string | string[];
export type AnswerValues = Readonly<Record<string, AnswerValue | undefined>>;

export type QuestionStatus = 'answered' | 'unsure' | 'skipped' | 'unanswered';

export interface QuestionState {
  id: string;
  status: QuestionStatus;
  value?: AnswerValue;
}

export interface CriterionResult {
  id: string;
  level: number;
  met: boolean;
  /** The answers that satisfy it. */
  metBy: { question: string; value: string }[];
  /** Every question that could satisfy it, with where it stands: the "answers behind" a miss. */
  candidates: QuestionState[];
}

export interface DimensionScore {
  id: string;
  score: number;
  advisory: boolean;
  /** Scored questions answered (unsure included) out of those that apply. */
  answered: number;
  applicable: number;
}

export interface LevelGap {
  level: number;
  missing: CriterionResult[];
}

export interface Assessment {
  level: number;
  criteria: CriterionResult[];
  dimensions: DimensionScore[];
  /** For each level above the current one, the criteria still missing. */
  gaps: LevelGap[];
  questions: QuestionState[];
  /** Questions answered "unsure": open items for the report. */
  open: string[];
}

export function selected(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isUnsure(value: AnswerValue | undefined): boolean {
  return selected(value).includes(UNSURE);
}

/**
 * Which questions apply, in bank order. A skipped question's answer is ignored, including by the
 * skip rules and conditions of other questions (they see it as unanswered).
 */
export function questionStates(bank: Bank, answers: AnswerValues): QuestionState[] {
  const effective: Record<string, AnswerValue> = {};
  return bank.questions.map((q) => {
    if (q.skipWhen && evalCondition(q.skipWhen, effective)) return { id: q.id, status: 'skipped' as const };
    const value = answers[q.id];
    if (value === undefined || selected(value).length === 0) return { id: q.id, status: 'unanswered' as const };
    effective[q.id] = value;
    return { id: q.id, status: isUnsure(value) ? ('unsure' as const) : ('answered' as const), value };
  });
}

/** `{question, in}` holds when any selected value is in `in`; an absent answer matches nothing. */
export function evalCondition(cond: Condition, answers: AnswerValues): boolean {
  if ('question' in cond) return selected(answers[cond.question]).some((v) => cond.in.includes(v));
  if ('allOf' in cond) return cond.allOf.every((c) => evalCondition(c, answers));
  if ('anyOf' in cond) return cond.anyOf.some((c) => evalCondition(c, answers));
  return !evalCondition(cond.not, answers);
}

export function isSkipped(bank: Bank, answers: AnswerValues, id: string): boolean {
  return questionStates(bank, answers).find((s) => s.id === id)?.status === 'skipped';
}

export function assess(bank: Bank, answers: AnswerValues): Assessment {
  const states = questionStates(bank, answers);
  const applicable: Record<string, AnswerValue> = {};
  for (const s of states) if (s.status === 'answered' && s.value !== undefined) applicable[s.id] = s.value;
  const stateOf = new Map(states.map((s) => [s.id, s]));

  const criteria: CriterionResult[] = bank.criteria.map((c) => {
    const metBy: CriterionResult['metBy'] = [];
    const candidates: QuestionState[] = [];
    for (const q of bank.questions) {
      const options = q.options.filter((o) => o.satisfies.some((s) => (typeof s === 'string' ? s : s.criterion) === c.id));
      if (options.length === 0) continue;
      candidates.push(stateOf.get(q.id)!);
      for (const value of selected(applicable[q.id])) {
        const option = options.find((o) => o.value === value);
        const ok = option?.satisfies.some((s) =>
          typeof s === 'string' ? s === c.id : s.criterion === c.id && evalCondition(s.when, applicable));
        if (ok) metBy.push({ question: q.id, value });
      }
    }
    return { id: c.id, level: c.level, met: metBy.length > 0, metBy, candidates };
  });

  let level = 0;
  for (const l of [1, 2, 3]) {
    if (criteria.filter((c) => c.level === l).every((c) => c.met)) level = l;
    else break;
  }

  const gaps: LevelGap[] = [];
  for (let l = level + 1; l <= 3; l++) gaps.push({ level: l, missing: criteria.filter((c) => c.level === l && !c.met) });

  return {
    level,
    criteria,
    dimensions: bank.dimensions.map((d) => scoreDimension(d.id, d.advisory, bank.questions, stateOf)),
    gaps,
    questions: states,
    open: states.filter((s) => s.status === 'unsure').map((s) => s.id),
  };
}

function scoreDimension(
  id: string,
  advisory: boolean,
  questions: readonly LoadedQuestion[],
  stateOf: Map<string, QuestionState>,
): DimensionScore {
  let score: number | undefined;
  let answered = 0;
  let applicableCount = 0;
  for (const q of questions) {
    if (q.dimension !== id || !q.options.some((o) => o.score !== undefined)) continue;
    const state = stateOf.get(q.id)!;
    if (state.status === 'skipped') continue;
    applicableCount++;
    if (state.status === 'unanswered') continue;
    answered++;
    const implied = state.status === 'unsure' ? 0 : questionScore(q, selected(state.value));
    if (implied !== undefined) score = score === undefined ? implied : Math.min(score, implied);
  }
  return { id, score: score ?? 0, advisory, answered, applicable: applicableCount };
}

function questionScore(q: LoadedQuestion, values: string[]): number | undefined {
  const scores = values
    .map((v) => q.options.find((o) => o.value === v)?.score)
    .filter((s): s is number => s !== undefined);
  return scores.length ? Math.max(...scores) : undefined;
}
