/**
 * The answers a scan alone supports: every suggestion of the bank's prefill rules, marked
 * `detected`, with its evidence. One home for scan, check and portfolio (the wizard merges
 * suggestions into a session instead: src/ui/store/answer-records.ts).
 */
import type { ScanResult } from '../detect/types.js';
import type { Bank } from '../model/bank.js';
import { answerSources, answerValues, emptyAnswers, type AnswersFile } from '../session/answers-file.js';
import { detectedAnswer } from '../session/detected-answer.js';
import { assess } from './assess.js';
import { suggestAnswers } from './prefill.js';

export function detectedAnswers(bank: Bank, scan: ScanResult): AnswersFile {
  const file = emptyAnswers(bank, {
    date: new Date().toISOString().slice(0, 10),
    repository: { path: scan.repository.root, ...(scan.repository.commit ? { commit: scan.repository.commit } : {}) },
  });
  for (const [id, s] of Object.entries(suggestAnswers(bank, scan))) {
    file.answers[id] = detectedAnswer(s.value, s.evidence);
  }
  return file;
}

/** The level a scan alone shows: its detected answers scored. */
export function repositoryLevel(bank: Bank, scan: ScanResult): number {
  const file = detectedAnswers(bank, scan);
  return assess(bank, answerValues(file), answerSources(file)).detectedLevel;
}
