/**
 * Turning a choice into an answer record, with the source rules of the answers file:
 * - the team accepts the detected pre-selection → `confirmed` (the evidence stays with it);
 * - the team chooses something else where something was detected → `stated`, and the record keeps
 *   what was detected: its evidence, and `override: { detected, reason }` (the team's one-line reason);
 * - the team answers where nothing was detected → `stated`;
 * - a question the team never visits keeps its detected answer → `detected`.
 */
import { detectedAnswer, evidenceRefs } from '../../session/detected-answer.js';
import { findContradictions } from '../../assess/contradictions.js';
import { normalizeValue, sameValue } from './navigation.js';
import type { Answer, AnswerValue, Core, Suggestion, WizardState } from './types.js';

/** What was detected for a question: this scan's suggestion, else what an earlier session recorded as detected. */
export function detectedFor(core: Core, s: Pick<WizardState, 'suggestions' | 'answers'>, id: string): { value: AnswerValue; evidence?: Answer['evidence'] } | undefined {
  const suggestion = s.suggestions[id];
  const suggested = suggestion ? normalizeValue(core, id, suggestion.value) : undefined;
  if (suggestion && suggested !== undefined) return { value: suggested, evidence: evidenceRefs(suggestion.evidence) };
  const prev = s.answers[id];
  // detected in an earlier session, and the scan cannot say so now
  if (prev && prev.source !== 'stated') return { value: prev.value, evidence: prev.evidence };
  if (prev?.override) return { value: prev.override.detected, evidence: prev.evidence };
  return undefined;
}

export function buildAnswer(core: Core, s: WizardState, id: string, value: AnswerValue): Answer {
  const q = core.bank.byId.get(id)!;
  const detected = detectedFor(core, s, id);
  const prev = s.answers[id];
  let source: Answer['source'] = 'stated';
  let override: Answer['override'];
  if (detected && sameValue(detected.value, value)) {
    source = 'confirmed';
  } else if (detected) {
    // the same override again keeps the reason given before
    const reason = prev?.override && sameValue(prev.value, value) ? prev.override.reason : undefined;
    override = { detected: detected.value, ...(reason ? { reason } : {}) };
  }
  const evidence = detected?.evidence;
  const scan = s.detection.scan;
  const found = scan ? findContradictions(core.bank, { [id]: value }, scan, s.lang)[0] : undefined;
  return {
    value,
    source,
    ...(evidence?.length ? { evidence } : {}),
    ...(found ? { contradiction: found.message } : {}),
    ...(override ? { override } : {}),
    rev: q.rev,
  };
}

/** The record with the team's reason for overriding a detection (an empty reason leaves none). */
export function withReason(answer: Answer, reason: string): Answer {
  if (!answer.override) return answer;
  const text = reason.trim();
  const { reason: _old, ...rest } = answer.override;
  return { ...answer, override: text ? { ...rest, reason: text } : rest };
}

/** Detected answers for every question the team has not answered itself; earlier detected answers are refreshed. */
export function mergeDetected(
  core: Core,
  answers: Readonly<Record<string, Answer>>,
  suggestions: Readonly<Record<string, Suggestion>>,
): Record<string, Answer> {
  const out: Record<string, Answer> = { ...answers };
  for (const [id, suggestion] of Object.entries(suggestions)) {
    const prev = answers[id];
    if (prev && prev.source !== 'detected') continue;
    const value = normalizeValue(core, id, suggestion.value);
    if (value === undefined) continue;
    out[id] = detectedAnswer(value, suggestion.evidence, core.bank.byId.get(id)!.rev);
  }
  return out;
}
