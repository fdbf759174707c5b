/**
 * `sigmature check [DIR]`: the CI gate. Reads the answers file and the clock, scans DIR, and hands
 * everything to the pure `runCheck` (src/assess/check.ts); this module does I/O only.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_MAX_AGE_DAYS, runCheck } from '../assess/check.js';
import { EXIT, UsageError } from '../exit.js';
import { loadBank } from '../model/bank.js';
import { InputError } from '../model/yaml-source.js';
import { checkFailureLines, checkJson, checkSarif, renderCheckMarkdown } from '../report/check-output.js';
import { VERSION } from '../version.js';
import { checkFormat, type Options } from './options.js';
import { emit } from './output.js';
import { TOOL } from './scan.js';
import { assess } from '../assess/assess.js';
import type { ScanResult } from '../detect/types.js';
import type { Bank } from '../model/bank.js';
import { sha256 } from '../report/generate.js';
import { buildStatement } from '../report/intoto.js';
import { answerSources, answerValues, parseAnswers, readAnswersText, type AnswersFile } from '../session/answers-file.js';

/** `180d`, `26w` or `180` (days) → days. */
export function parseMaxAge(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_AGE_DAYS;
  const m = /^(\d{1,5})([dw]?)$/.exec(text);
  if (!m) throw new UsageError(`--max-age must be a number of days such as 180d (or weeks, 26w), not "${text}"`);
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}

const FORMATS = ['markdown', 'json', 'sarif', 'intoto'] as const;

export async function runCheckCommand(opts: Options): Promise<number> {
  const format = checkFormat(opts.format, FORMATS, 'markdown');
  // more outputs of the same run: CI wants the Markdown summary, SARIF and a report from one scan
  const also = (opts.also ?? []).map((a) => ({ format: checkFormat(a.format, FORMATS, 'markdown'), file: a.file }));
  const formats = [format, ...also.map((a) => a.format)];
  const maxAgeDays = parseMaxAge(opts.maxAge);
  const dir = opts.dir ?? '.';
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(dir, undefined, 'no such directory to check');
  const scanning = (await import('../detect/scan.js')).scanDirectory(dir, { repoUrl: opts.repoUrl });
  const bank = loadBank(opts.bankDir);
  const answersPath = opts.answers ?? join(dir, '.sigmature', 'answers.yaml');
  let answers;
  let answersText: string | undefined;
  if (opts.answers !== undefined || existsSync(answersPath)) {
    const text = readAnswersText(answersPath);
    answers = { loaded: parseAnswers(text, answersPath, bank, { rejectNewerBank: true }), path: answersPath };
    answersText = text;
  }
  if (formats.includes('intoto') && !answers) throw new UsageError('--format intoto needs the team\'s answers: an attestation states an assessment, and a scan alone is none');
  const scan = await scanning;
  const result = runCheck({
    bank, scan, answers, lang: opts.lang, now: new Date(), minLevel: opts.minLevel, maxAgeDays,
    allowContradictions: opts.allowContradictions === true,
  });
  if (!answers) process.stderr.write(`sigmature: no answers file (${answersPath}); checking the level the repository shows, as "sigmature scan --min-level" does\n`);
  const tool = { name: TOOL.name, version: VERSION };
  const render = (f: (typeof FORMATS)[number]): string =>
    f === 'intoto' ? intotoText(answers!.loaded.file, answersText!, answersPath, scan, bank, tool, result.contradictions.length)
    : f === 'json' ? `${JSON.stringify(checkJson(result, tool), null, 2)}\n`
    : f === 'sarif' ? `${JSON.stringify(checkSarif(result, bank, TOOL, relative(resolve(dir), resolve(answersPath)).split('\\').join('/')), null, 2)}\n`
    : renderCheckMarkdown(result, bank, opts.lang, answersPath);
  emit(render(format), opts.out);
  for (const a of also) emit(render(a.format), a.file);
  for (const line of checkFailureLines(result, 'en')) process.stderr.write(`sigmature: ${line}\n`);
  for (const c of result.contradictions) {
    const answer = !c.at && c.answerAt ? ` (answer at ${c.answerAt.file}:${c.answerAt.line})` : '';
    process.stderr.write(`sigmature: ${result.allowContradictions || c.acknowledged ? 'warning: ' : ''}${c.question} "${c.claim}" is contradicted: ${c.message}${answer}\n`);
  }
  return result.passed ? EXIT.ok : EXIT.belowMinLevel;
}

/** The assessment as an in-toto Statement, with the number of contradictions `check` found. */
function intotoText(file: AnswersFile, text: string, name: string, scan: ScanResult, bank: Bank, tool: { name: string; version: string }, contradictions: number): string {
  const { statement, warnings } = buildStatement({
    bank, answers: file, assessment: assess(bank, answerValues(file), answerSources(file)), answersName: name,
    answersDigest: sha256(text), tool, scanned: scan.repository, today: new Date().toISOString().slice(0, 10), contradictions,
  });
  for (const w of warnings) process.stderr.write(`sigmature: warning: ${w}\n`);
  return `${JSON.stringify(statement, null, 2)}\n`;
}
