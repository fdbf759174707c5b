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
import type { Condition, Satisfies } from '../model/schema.js';
import { UNSURE } from '../model/unsure.js';

/** A single-select answer is one option value; a multi-select one is a list. */
export type AnswerValue = string | string[];
export type AnswerValues = Readonly<Record<string, AnswerValue | undefined>>;

export type QuestionStatus = 'answered' | 'unsure' | 'skipped' | 'unanswered';

export interface QuestionState {
  id: string;
  status: QuestionStatus;
  value?: AnswerValue;
  /** Where the answer came from; absent for skipped and unanswered questions. */
  source?: AnswerSource;
}

/**
 * Where an answer came from (the answers file's `source`): `detected` is the scan's suggestion that
 * nobody confirmed; `confirmed` is a detection the team accepted; `stated` is the team's own word.
 */
export type AnswerSource = 'detected' | 'confirmed' | 'stated';
export type AnswerSources = Readonly<Record<string, AnswerSource | undefined>>;

/**
 * Where a criterion stands, as an auditor reads it:
 * - `met`: the team's answers (stated or confirmed) satisfy it; only these count for the level;
 * - `met-detected`: the repository shows it, but nobody has confirmed the detected answers yet;
 *   it counts for the level the repository shows (`detectedLevel`), never for `level`;
 * - `open`: not settled: an answer it needs is unsure, unanswered or skipped, or only detection
 *   speaks for a criterion that needs the team's word (`needsTeam`);
 * - `missed`: the answers behind it are given, and they do not satisfy it.
 */
export type CriterionStatus = 'met' | 'met-detected' | 'open' | 'missed';

/**
 * What can prove a criterion, from the control's own evidence text: `repository` when the CI/CD
 * configuration can show it ("pipeline configuration shows ..."), `team` when the control asks for
 * an interview or a document, which no file can stand in for.
 */
export type CriterionProof = 'repository' | 'team';

export interface CriterionResult {
  id: string;
  level: number;
  status: CriterionStatus;
  /** `status === 'met'`: counts toward the assessed level. */
  met: boolean;
  proof: CriterionProof;
  /**
   * The answers that satisfy it: the team's when it is met, otherwise the detected ones that would
   * (`met-detected`, or `open` with `needsTeam`).
   */
  metBy: { question: string; value: string; source: AnswerSource }[];
  /** Detected answers would satisfy it, but the control asks for an interview or a document. */
  needsTeam: boolean;
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
  /** The assessed level: every criterion of levels 1..N met by the team's answers. What an auditor signs. */
  level: number;
  /** The level when unconfirmed detections count too (`met-detected`): what the repository alone shows. */
  detectedLevel: number;
  criteria: CriterionResult[];
  dimensions: DimensionScore[];
  /** For each level above the assessed one, the criteria not met (met-detected included: they need confirming). */
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
export function questionStates(bank: Bank, answers: AnswerValues, sources: AnswerSources = {}): QuestionState[] {
  const effective: Record<string, AnswerValue> = {};
  return bank.questions.map((q) => {
    if (q.skipWhen && evalCondition(q.skipWhen, effective)) return { id: q.id, status: 'skipped' as const };
    const value = answers[q.id];
    if (value === undefined || selected(value).length === 0) return { id: q.id, status: 'unanswered' as const };
    effective[q.id] = value;
    const source = sources[q.id] ?? 'stated';
    return { id: q.id, status: isUnsure(value) ? ('unsure' as const) : ('answered' as const), value, source };
  });
}

/** `{question, in}` holds when any selected value is in `in`; an absent answer matches nothing. */
export function evalCondition(cond: Condition, answers: AnswerValues): boolean {
  if ('question' in cond) return selected(answers[cond.question]).some((v) => cond.in.includes(v));
  if ('allOf' in cond) return cond.allOf.every((c) => evalCondition(c, answers));
  if ('anyOf' in cond) return cond.anyOf.some((c) => evalCondition(c, answers));
  return !evalCondition(cond.not, answers);
}

/**
 * Scores a set of answers. `sources` says where each answer came from; an answer without one is
 * taken as the team's (`stated`), which is what a hand-written answers file or a test means.
 */
export function assess(bank: Bank, answers: AnswerValues, sources: AnswerSources = {}): Assessment {
  const states = questionStates(bank, answers, sources);
  const all: Record<string, AnswerValue> = {};
  const team: Record<string, AnswerValue> = {};
  for (const s of states) {
    if (s.status !== 'answered' || s.value === undefined) continue;
    all[s.id] = s.value;
    if (s.source !== 'detected') team[s.id] = s.value;
  }
  const stateOf = new Map(states.map((s) => [s.id, s]));

  const criteria: CriterionResult[] = bank.criteria.map((c) => {
    const proof = c.proof;
    const candidateQuestions = bank.questions.filter((q) => q.options.some((o) => o.satisfies.some((s) => satisfiedCriterion(s) === c.id)));
    const byTeam = satisfyingAnswers(c.id, candidateQuestions, team);
    const withDetected = byTeam.length ? byTeam : satisfyingAnswers(c.id, candidateQuestions, all);
    const metBy = withDetected.map((m) => ({ ...m, source: stateOf.get(m.question)!.source ?? 'stated' }));
    const candidates = candidateQuestions.map((q) => stateOf.get(q.id)!);
    let status: CriterionStatus;
    if (byTeam.length) status = 'met';
    else if (withDetected.length) status = proof === 'repository' ? 'met-detected' : 'open';
    else status = unsettled(c.id, candidateQuestions, stateOf, proof) ? 'open' : 'missed';
    return {
      id: c.id,
      level: c.level,
      status,
      met: status === 'met',
      proof,
      metBy,
      needsTeam: status === 'open' && withDetected.length > 0,
      candidates,
    };
  });

  const levelWhere = (counts: (c: CriterionResult) => boolean): number => {
    let reached = 0;
    for (const l of [1, 2, 3]) {
      if (criteria.filter((c) => c.level === l).every(counts)) reached = l;
      else break;
    }
    return reached;
  };
  const level = levelWhere((c) => c.status === 'met');
  const detectedLevel = levelWhere((c) => c.status === 'met' || c.status === 'met-detected');

  const gaps: LevelGap[] = [];
  for (let l = level + 1; l <= 3; l++) gaps.push({ level: l, missing: criteria.filter((c) => c.level === l && !c.met) });

  return {
    level,
    detectedLevel,
    criteria,
    dimensions: bank.dimensions.map((d) => scoreDimension(d.id, d.advisory, bank.questions, stateOf)),
    gaps,
    questions: states,
    open: states.filter((s) => s.status === 'unsure').map((s) => s.id),
  };
}

function satisfiedCriterion(s: Satisfies): string {
  return typeof s === 'string' ? s : s.criterion;
}

/** The answers among `answers` whose option satisfies `criterion` (its `when` read on the same answers). */
function satisfyingAnswers(
  criterion: string,
  questions: readonly LoadedQuestion[],
  answers: AnswerValues,
): { question: string; value: string }[] {
  const out: { question: string; value: string }[] = [];
  for (const q of questions) {
    for (const value of selected(answers[q.id])) {
      const option = q.options.find((o) => o.value === value);
      const ok = option?.satisfies.some((s) =>
        typeof s === 'string' ? s === criterion : s.criterion === criterion && evalCondition(s.when, answers));
      if (ok) out.push({ question: q.id, value });
    }
  }
  return out;
}

/**
 * Whether an unmet criterion is still open rather than missed: some question that could satisfy
 * it, or that the condition of a chosen option reads, is unsure, unanswered or skipped. For a
 * criterion that needs the team's word, a detected answer settles nothing either.
 */
function unsettled(
  criterion: string,
  questions: readonly LoadedQuestion[],
  stateOf: ReadonlyMap<string, QuestionState>,
  proof: CriterionProof,
): boolean {
  const pending = (id: string): boolean => {
    const s = stateOf.get(id);
    if (!s || s.status !== 'answered') return true;
    return proof === 'team' && s.source === 'detected';
  };
  for (const q of questions) {
    if (pending(q.id)) return true;
    for (const value of selected(stateOf.get(q.id)!.value)) {
      const option = q.options.find((o) => o.value === value);
      for (const s of option?.satisfies ?? []) {
        if (typeof s !== 'string' && s.criterion === criterion && conditionQuestions(s.when).some(pending)) return true;
      }
    }
  }
  return false;
}

/** The questions a condition reads. */
export function conditionQuestions(cond: Condition): string[] {
  if ('question' in cond) return [cond.question];
  if ('allOf' in cond) return cond.allOf.flatMap(conditionQuestions);
  if ('anyOf' in cond) return cond.anyOf.flatMap(conditionQuestions);
  return conditionQuestions(cond.not);
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
