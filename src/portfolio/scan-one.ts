/**
 * One checkout → the JSON results `scan --format json` (and, with `.sigmature/answers.yaml`,
 * `check --format json`) would write for it. Runs in a worker thread (worker.ts) or in-process.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_AGE_DAYS, runCheck } from '../assess/check.js';
import { scanDirectory } from '../detect/scan.js';
import type { Lang } from '../i18n/report-messages.js';
import { loadBank, type Bank } from '../model/bank.js';
import { checkJson } from '../report/check-output.js';
import { generateReport } from '../report/generate.js';
import { loadRoadmapCatalog, type RoadmapCatalog } from '../report/roadmap.js';
import { parseAnswers } from '../session/answers-file.js';
import { VERSION } from '../version.js';
import { detectedAnswers } from '../assess/detected-answers.js';

export interface ScanOneResult {
  scan: unknown;
  /** With an answers file: what `report --answers FILE --repo DIR --format json` writes. */
  report?: unknown;
  /** With an answers file: what `check DIR --format json` writes. */
  check?: unknown;
}

let cache: { bank: Bank; catalog: RoadmapCatalog; bankDir?: string } | undefined;

/** Loads the bank and the roadmap catalogue once per thread (before the first repository's clock starts). */
export function loadShared(bankDir: string | undefined): { bank: Bank; catalog: RoadmapCatalog } {
  if (!cache || cache.bankDir !== bankDir) cache = { bank: loadBank(bankDir), catalog: loadRoadmapCatalog(), bankDir };
  return cache;
}

export async function scanOne(dir: string, opts: { bankDir?: string; lang: Lang; now?: Date }): Promise<ScanOneResult> {
  const { bank, catalog } = loadShared(opts.bankDir);
  const scan = await scanDirectory(dir);
  const tool = { name: 'sigmature', version: VERSION };
  const { text } = await generateReport({ bank, catalog, answers: detectedAnswers(bank, scan), scan, lang: opts.lang, format: 'json', tool });
  const out: ScanOneResult = { scan: JSON.parse(text) };
  const answersPath = join(dir, '.sigmature', 'answers.yaml');
  const answersStat = statSync(answersPath, { throwIfNoEntry: false });
  if (answersStat) {
    // a FIFO or a device would block this thread in a read no timeout can stop
    if (!answersStat.isFile()) throw new Error(`${answersPath}: not a regular file, not read`);
    const answersText = readFileSync(answersPath, 'utf8');
    const loaded = parseAnswers(answersText, answersPath, bank, { rejectNewerBank: true });
    const report = await generateReport({
      bank, catalog, answers: loaded.file, answersText, scan, lang: opts.lang, format: 'json', tool, warnings: loaded.warnings,
    });
    out.report = JSON.parse(report.text);
    const result = runCheck({
      bank, scan, answers: { loaded, path: answersPath }, lang: opts.lang, now: opts.now ?? new Date(),
      maxAgeDays: DEFAULT_MAX_AGE_DAYS, allowContradictions: false,
    });
    out.check = JSON.parse(JSON.stringify(checkJson(result, tool)));
  }
  return out;
}
