/**
 * Answers taken from a scan. Type imports only, so the wizard's first frame can use it without
 * loading the answers file's parser.
 */
import type { AnswerValue } from '../assess/assess.js';
import type { Evidence } from '../detect/types.js';
import type { Answer, EvidenceRef } from './answers-file.js';

/** Scan evidence as the answers file keeps it: where, which detector, the sanitised excerpt. */
export function evidenceRefs(evidence: readonly Evidence[]): EvidenceRef[] {
  return evidence.map((e) => ({ file: e.file, line: e.line, detector: e.detector, excerpt: e.excerpt }));
}

/** An answer taken from the scan as is: the `detected` source, with its evidence. */
export function detectedAnswer(value: AnswerValue, evidence: readonly Evidence[], rev?: string): Answer {
  return { value, source: 'detected', evidence: evidenceRefs(evidence), ...(rev ? { rev } : {}) };
}
