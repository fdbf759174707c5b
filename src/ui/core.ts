/**
 * The core as the wizard uses it, loaded after the first frame: the bank (YAML + zod), scoring,
 * pre-fill, the roadmap, and the files (answers autosave, the report). Nothing here knows Ink.
 */
import { existsSync, renameSync } from 'node:fs';
import { assess, questionStates } from '../assess/assess.js';
import { suggestAnswers } from '../assess/prefill.js';
import { errorMessage } from '../exit.js';
import { loadBank } from '../model/bank.js';
import { generateReport } from '../report/generate.js';
import { appendHistory, historyPathFor, isNewEntry, readHistory } from '../report/history.js';
import { buildRoadmap, loadRoadmapCatalog, type RoadmapCatalog } from '../report/roadmap.js';
import { emptyAnswers, readAnswersFile, serializeAnswers, writeAnswersFile } from '../session/answers-file.js';
import { writeFileAtomic } from '../session/atomic-write.js';
import { VERSION } from '../version.js';
import type { Bank, Core, Ready, WizardIO, WizardPaths } from './store/types.js';

export function createCore(bankDir?: string): Core {
  const bank = loadBank(bankDir);
  let catalog: RoadmapCatalog | undefined;
  return {
    bank,
    assess: (values, sources) => assess(bank, values, sources),
    questionStates: (values) => questionStates(bank, values),
    suggest: (scan) => suggestAnswers(bank, scan),
    emptyAnswers: (meta) => emptyAnswers(bank, meta),
    roadmap(assessment, scan) {
      try {
        catalog ??= loadRoadmapCatalog();
        return { steps: buildRoadmap(assessment, catalog, scan ?? {}) };
      } catch (err) {
        return { error: errorMessage(err).line };
      }
    },
  };
}

/** The saved answers, read with the bank: the file and its warnings, or the one-line problem. */
export function readSaved(path: string, bank: Bank): NonNullable<Ready['saved']> {
  try {
    return { loaded: readAnswersFile(path, bank) };
  } catch (err) {
    return { error: errorMessage(err).line };
  }
}

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export function createFileIO(paths: WizardPaths, template?: string, now = new Date()): WizardIO {
  // named once, so that the resume screen can say where "start over" puts the saved file
  const asideTo = paths.answers.replace(/\.yaml$/, `-${stamp(now)}.yaml`);
  return {
    asideTo,
    save(file, bank) {
      writeAnswersFile(paths.answers, file, bank);
    },
    setAside() {
      if (!existsSync(paths.answers)) return undefined;
      renameSync(paths.answers, asideTo);
      return asideTo;
    },
    async writeReport({ file, bank, scan, lang }) {
      // The answers first: the report's digest is of these exact bytes.
      const answersText = serializeAnswers(file, bank);
      writeFileAtomic(paths.answers, answersText);
      // The history beside the answers (`.sigmature/history.jsonl`): read for the report's "since the
      // last assessment" and trend, then appended to once the report is written. A broken line is
      // skipped and named in the report's warnings; the other lines are kept.
      const historyPath = historyPathFor(paths.answers);
      const history = historyPath ? readHistory(historyPath) : undefined;
      const { text, level, entry } = await generateReport({
        bank, answers: file, answersText, scan, lang, format: 'markdown', template, tool: { name: 'sigmature', version: VERSION },
        history: history?.entries, warnings: history?.warnings,
      });
      writeFileAtomic(paths.report, text);
      if (historyPath && history && isNewEntry(history.entries, entry)) appendHistory(historyPath, entry);
      return { report: paths.report, answers: paths.answers, level };
    },
  };
}
