/** `sigmature report --answers FILE`: the maturity report from what a team answered. */
import { EXIT, UsageError } from '../exit.js';
import { loadBank } from '../model/bank.js';
import { generateReport } from '../report/generate.js';
import { appendHistory, historyPathFor, isNewEntry, readHistory } from '../report/history.js';
import { parseAnswers, readAnswersFile, readAnswersText } from '../session/answers-file.js';
import { VERSION } from '../version.js';
import { checkFormat, type Options } from './options.js';
import { emit } from './output.js';

export async function runReport(opts: Options): Promise<number> {
  if (!opts.answers) throw new UsageError('report needs --answers FILE (an answers file written by the wizard or by hand)');
  const format = checkFormat(opts.format, ['markdown', 'html', 'json', 'intoto'] as const, 'markdown');
  const bank = loadBank(opts.bankDir);
  const text = readAnswersText(opts.answers);
  const loaded = parseAnswers(text, opts.answers, bank);
  for (const w of loaded.warnings) process.stderr.write(`sigmature: warning: ${w}\n`);
  let previous;
  if (opts.compare) {
    const old = readAnswersFile(opts.compare, bank);
    for (const w of old.warnings) process.stderr.write(`sigmature: warning: ${w}\n`);
    previous = old.file;
  }
  // The history is read whenever there is one (for "since the last assessment" and the trend), and
  // appended to only when the report is written to a file: a report on stdout records nothing.
  const historyPath = historyPathFor(opts.answers, opts.history);
  const history = historyPath ? readHistory(historyPath) : undefined;
  for (const w of history?.warnings ?? []) process.stderr.write(`sigmature: warning: ${w}\n`);
  const scan = opts.repo ? await (await import('../detect/scan.js')).scanDirectory(opts.repo, { repoUrl: opts.repoUrl }) : undefined;
  const { text: report, level, warnings, entry } = await generateReport({
    bank, answers: loaded.file, answersText: text, scan, lang: opts.lang, format,
    template: opts.template, tool: { name: 'sigmature', version: VERSION }, warnings: loaded.warnings, previous,
    answersName: opts.answers, history: history?.entries,
  });
  for (const w of warnings ?? []) process.stderr.write(`sigmature: warning: ${w}\n`);
  emit(report, opts.out);
  if (historyPath && history && opts.out && opts.out !== '-' && isNewEntry(history.entries, entry)) appendHistory(historyPath, entry);
  if (opts.minLevel !== undefined && level < opts.minLevel) {
    process.stderr.write(`sigmature: the assessed level is ${level}, below --min-level ${opts.minLevel} (${opts.answers})\n`);
    return EXIT.belowMinLevel;
  }
  return EXIT.ok;
}
