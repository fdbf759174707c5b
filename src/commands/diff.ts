/**
 * `sigmature diff OLD NEW`: what changed between two assessments. Each side is an answers file,
 * a JSON report (`report`/`scan --format json`) or one entry of a history file (`FILE#N`: the
 * entry on line N; `FILE#-1`: the last entry, `#-2` the one before). `sigmature diff HISTORY`
 * compares the last two entries of a history file. Anything else is one line and exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EXIT, UsageError } from '../exit.js';
import { loadBank, type Bank } from '../model/bank.js';
import { InputError } from '../model/yaml-source.js';
import {
  bankNames, diffSnapshots, isJsonReport, renderDiffJson, renderDiffMarkdown, snapshotFromAnswers, snapshotFromEntry,
  snapshotFromJsonReport, type Snapshot,
} from '../report/diff.js';
import { sha256 } from '../report/generate.js';
import { HistoryEntry, parseHistory, type HistoryRead } from '../report/history.js';
import { parseAnswers } from '../session/answers-file.js';
import { checkFormat, type Options } from './options.js';
import { emit } from './output.js';

const KINDS = 'an answers file, a JSON report (report or scan --format json) or a history entry (FILE#N)';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, undefined, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? `a directory, not ${KINDS}` : `cannot read (${code})`);
  }
}

const warn = (w: string) => process.stderr.write(`sigmature: warning: ${w}\n`);

/**
 * History files read in this run: each is read once, and its broken lines are named once, after
 * both sides loaded (a failing run prints its one error line and nothing else).
 */
const histories = new Map<string, HistoryRead>();

function readHistoryFile(file: string): HistoryRead {
  let read = histories.get(file);
  if (!read) histories.set(file, (read = parseHistory(readText(file), file)));
  return read;
}

function warnBrokenLines(): void {
  for (const read of histories.values()) for (const w of read.warnings) warn(w);
  histories.clear();
}

/** Entry `ref` of a history: `N` is the entry on line N, `-N` the N-th from the end. */
function historyEntryAt(read: HistoryRead, ref: number, label: string): Snapshot {
  if (ref > 0) {
    const found = read.entries.find((e) => e.line === ref);
    if (!found) {
      const broken = read.warnings.find((w) => w.startsWith(`${read.file}:${ref}: `));
      if (broken) throw new InputError(read.file, ref, broken.slice(`${read.file}:${ref}: `.length).replace(/; the line is skipped$/, ''));
      throw new InputError(read.file, undefined, `no history entry on line ${ref} (entries are on lines ${read.entries.map((e) => e.line).join(', ') || 'none'})`);
    }
    return snapshotFromEntry(found.entry, label);
  }
  const found = ref < 0 ? read.entries.at(ref) : undefined;
  if (!found) throw new InputError(read.file, undefined, `no entry #${ref}: the history holds ${read.entries.length} entr${read.entries.length === 1 ? 'y' : 'ies'}`);
  return snapshotFromEntry(found.entry, label);
}

function looksLikeHistory(file: string, text: string): boolean {
  if (extname(file) === '.jsonl') return true;
  const first = text.split('\n').find((l) => l.trim());
  if (!first) return false;
  try {
    return HistoryEntry.safeParse(JSON.parse(first)).success && text.trim().includes('\n');
  } catch {
    return false;
  }
}

/** One side of the diff, whatever kind of file it names. */
export function loadSide(arg: string, bank: Bank): Snapshot {
  const ref = /^(.+)#(-?\d+)$/.exec(arg);
  if (ref && !existsSync(arg)) {
    return historyEntryAt(readHistoryFile(ref[1]!), Number(ref[2]), arg);
  }
  const text = readText(arg);
  if (looksLikeHistory(arg, text)) {
    throw new InputError(arg, undefined, `a history file: name one entry, as ${arg}#N (the entry on line N) or ${arg}#-1 (the last)`);
  }
  if (text.trimStart().startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(arg, undefined, `broken JSON (${(err as Error).message.split('\n')[0]})`);
    }
    if (isJsonReport(data)) return snapshotFromJsonReport(data, arg);
    const entry = HistoryEntry.safeParse(data);
    if (entry.success) return snapshotFromEntry(entry.data, arg);
    throw new InputError(arg, undefined, `JSON, but not ${KINDS}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    raw = undefined;
  }
  if (typeof raw !== 'object' || raw === null || !('schemaVersion' in raw) || !('answers' in raw || 'bank' in raw)) {
    throw new InputError(arg, undefined, `not ${KINDS}`);
  }
  const loaded = parseAnswers(text, arg, bank);
  for (const w of loaded.warnings) warn(w);
  return snapshotFromAnswers(bank, loaded.file, arg, sha256(text));
}

export async function runDiff(opts: Options, args: readonly string[]): Promise<number> {
  histories.clear();
  const format = checkFormat(opts.format, ['markdown', 'json'] as const, 'markdown');
  if (args.length === 0 || args.length > 2) {
    throw new UsageError('diff needs OLD and NEW (answers files, JSON reports or history entries FILE#N), or one history file (see sigmature diff --help)');
  }
  const bank = loadBank(opts.bankDir);
  let before: Snapshot;
  let after: Snapshot;
  if (args.length === 1) {
    const file = args[0]!;
    if (/#-?\d+$/.test(file) && !existsSync(file)) throw new UsageError(`diff ${file}: name two entries (diff ${file} NEW), or give the history file alone for its last two entries`);
    const read = readHistoryFile(file);
    if (!read.entries.length && !read.warnings.length && !looksLikeHistory(file, readText(file))) {
      throw new InputError(file, undefined, 'not a history file: diff needs OLD and NEW, or one history file');
    }
    if (read.entries.length < 2) throw new InputError(file, undefined, `the history holds ${read.entries.length} entr${read.entries.length === 1 ? 'y' : 'ies'}; diff needs two`);
    before = historyEntryAt(read, -2, `${file}#${read.entries.at(-2)!.line}`);
    after = historyEntryAt(read, -1, `${file}#${read.entries.at(-1)!.line}`);
  } else {
    before = loadSide(args[0]!, bank);
    after = loadSide(args[1]!, bank);
  }
  warnBrokenLines();
  const diff = diffSnapshots(before, after);
  emit(format === 'json' ? renderDiffJson(diff) : renderDiffMarkdown(diff, opts.lang, bankNames(bank, opts.lang)), opts.out);
  return EXIT.ok;
}
