/**
 * Where the wizard goes next, from the answers: questions in bank order, leaving out those whose
 * skip rule holds on the answers so far (a skipped question is never shown).
 */
import { valuesOf } from '../../session/answer-maps.js';
import type { Answer, AnswerValue, Core, QuestionState } from './types.js';

export function applicableIds(states: readonly QuestionState[]): string[] {
  return states.filter((s) => s.status !== 'skipped').map((s) => s.id);
}

export function applicable(core: Core, answers: Readonly<Record<string, Answer>>): string[] {
  return applicableIds(core.questionStates(valuesOf(answers)));
}

/** The next question that applies after `id` (bank order), or undefined after the last. */
export function nextQuestion(core: Core, answers: Readonly<Record<string, Answer>>, id: string): string | undefined {
  const order = core.bank.questions.map((q) => q.id);
  const ids = new Set(applicable(core, answers));
  return order.slice(order.indexOf(id) + 1).find((q) => ids.has(q));
}

export function previousQuestion(core: Core, answers: Readonly<Record<string, Answer>>, id: string): string | undefined {
  const order = core.bank.questions.map((q) => q.id);
  const ids = new Set(applicable(core, answers));
  return order.slice(0, Math.max(0, order.indexOf(id))).reverse().find((q) => ids.has(q));
}

/** Where a resumed session continues: the first question that applies and the team has not answered. */
export function firstOpen(core: Core, answers: Readonly<Record<string, Answer>>): string | undefined {
  return applicable(core, answers).find((id) => !answers[id] || answers[id]!.source === 'detected');
}

const asList = (v: AnswerValue): string[] => (Array.isArray(v) ? v : [v]);

export function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = [...asList(a)].sort();
  const y = [...asList(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * A value as the question takes it: a multi-select answer is a list in option order without
 * duplicates or unknown values; a single-select answer is one known option value.
 */
export function normalizeValue(core: Core, id: string, value: AnswerValue): AnswerValue | undefined {
  const q = core.bank.byId.get(id);
  if (!q) return undefined;
  const known = q.options.map((o) => o.value);
  if (q.type === 'single') {
    const v = asList(value)[0];
    return v !== undefined && known.includes(v) ? v : undefined;
  }
  const chosen = new Set(asList(value));
  const list = known.filter((v) => chosen.has(v));
  return list.length ? list : undefined;
}

/**
 * The options of a multi-select question that exclude all others: "none" (nothing of the kind)
 * and "unsure" (always the last option). Ticking one clears the rest; ticking another clears them.
 */
export function exclusiveValues(q: Core['bank']['questions'][number]): string[] {
  const last = q.options.at(-1)?.value;
  return q.options.filter((o) => o.value === 'none' || o.value === last).map((o) => o.value);
}
