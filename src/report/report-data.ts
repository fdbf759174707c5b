/** What every report format is made from: the answers, their assessment and roadmap, and the scan if any. */
import type { Assessment } from '../assess/assess.js';
import type { Contradiction } from '../assess/contradictions.js';
import type { ScanResult } from '../detect/types.js';
import type { Bank } from '../model/bank.js';
import type { AnswersFile } from '../session/answers-file.js';
import type { RoadmapStep } from './roadmap.js';

export interface ReportData {
  tool: { name: string; version: string };
  bank: Bank;
  answers: AnswersFile;
  /** SHA-256 (hex) of the answers file's bytes. */
  answersDigest: string;
  assessment: Assessment;
  roadmap: RoadmapStep[];
  scan?: ScanResult;
  /** Answers the scan contradicts (`report --repo`); empty or absent without a scan. */
  contradictions?: Contradiction[];
  /** Problems found while loading (changed questions, ignored answers). */
  warnings: string[];
}
