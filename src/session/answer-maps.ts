/**
 * The answers as scoring wants them: values and sources by question id. Free of zod and YAML, so
 * the wizard's store (on its first frame) and the answers file share one copy.
 */
import type { AnswerSource, AnswerSources, AnswerValue, AnswerValues } from '../assess/assess.js';
import type { Answer } from './answers-file.js';

/** The answer values alone. */
export function valuesOf(answers: Readonly<Record<string, Answer>>): AnswerValues {
  const out: Record<string, AnswerValue> = {};
  for (const [id, a] of Object.entries(answers)) out[id] = a.value;
  return out;
}

/** Where each answer came from: detected answers never carry the assessed level. */
export function sourcesOf(answers: Readonly<Record<string, Answer>>): AnswerSources {
  const out: Record<string, AnswerSource> = {};
  for (const [id, a] of Object.entries(answers)) out[id] = a.source;
  return out;
}
