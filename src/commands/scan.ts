/**
 * `sigmature scan [DIR]`: detection without a terminal. The detected answers are scored as
 * "detected": the gate (`--min-level`) reads the level the repository shows (`detectedLevel`),
 * which never includes a criterion that needs the team's word (an interview, a document).
 */
import { detectedAnswers } from '../assess/detected-answers.js';
import { scanDirectory } from '../detect/scan.js';
import { EXIT } from '../exit.js';
import { loadBank } from '../model/bank.js';
import { generateReport } from '../report/generate.js';
import { toSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { checkFormat, type Options } from './options.js';
import { emit } from './output.js';

export const TOOL = { name: 'sigmature', version: VERSION, informationUri: 'https://github.com/sigmature/sigmature' };

export async function runScan(opts: Options): Promise<number> {
  const format = checkFormat(opts.format, ['json', 'markdown', 'html', 'sarif'] as const, 'json');
  // Start the scan first: the root is checked on libuv's threads while the bank is parsed here
  // (the walk itself then reads directories synchronously: src/detect/reader/walk.ts says why).
  const scanning = scanDirectory(opts.dir ?? '.', { repoUrl: opts.repoUrl });
  const bank = loadBank(opts.bankDir);
  const scan = await scanning;
  const answers = detectedAnswers(bank, scan);
  const tool = { name: TOOL.name, version: TOOL.version };
  const { text, detectedLevel: level } = await generateReport({
    bank, answers, scan, lang: opts.lang, format: format === 'sarif' ? 'json' : format, template: opts.template, tool,
  });
  emit(format === 'sarif' ? `${JSON.stringify(toSarif(scan, TOOL), null, 2)}\n` : text, opts.out);
  for (const w of scan.warnings.filter((w) => w.kind !== 'limit')) process.stderr.write(`sigmature: warning: ${w.file ? `${w.file}: ` : ''}${w.message}\n`);
  if (opts.minLevel !== undefined && level < opts.minLevel) {
    process.stderr.write(
      `sigmature: the repository shows level ${level}, below --min-level ${opts.minLevel}; criteria that need the team's word ` +
        `(an interview, a document) cannot be met by a scan: run the wizard, or gate on the team's answers with ` +
        `"sigmature report --answers FILE --min-level ${opts.minLevel}"\n`,
    );
    return EXIT.belowMinLevel;
  }
  return EXIT.ok;
}
