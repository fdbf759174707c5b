/**
 * Turning a choice into an answer record, with the source rules of the answers file:
 * - the team accepts the detected pre-selection → `confirmed` (the evidence stays with it);
 * - the team chooses something else → `stated`;
 * - a question the team never visits keeps its detected answer → `detected`.
 */
import { detectedAnswer, evidenceRefs } from '../../session/detected-answer.js';
import { describeContradiction, findContradiction } from '../../assess/contradictions.js';
import { normalizeValue, sameValue } from './navigation.js';
import type { Answer, AnswerValue, Core, Suggestion, WizardState } from './types.js';


export function buildAnswer(core: Core, s: WizardState, id: string, value: AnswerValue): Answer {
  const q = core.bank.byId.get(id)!;
  const suggestion = s.suggestions[id];
  const prev = s.answers[id];
  let source: Answer['source'] = 'stated';
  let evidence: Answer['evidence'];
  if (suggestion && sameValue(suggestion.value, value)) {
    source = 'confirmed';
    evidence = evidenceRefs(suggestion.evidence);
  } else if (prev && prev.source !== 'stated' && sameValue(prev.value, value)) {
    // detected in an earlier session, and the scan cannot say so now: the team confirms it
    source = 'confirmed';
    evidence = prev.evidence;
  }
  const scan = s.detection.scan;
  const found = scan ? findContradiction(id, value, scan) : undefined;
  return {
    value,
    source,
    ...(evidence?.length ? { evidence } : {}),
    ...(found ? { contradiction: describeContradiction(found, s.lang) } : {}),
    rev: q.rev,
  };
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
