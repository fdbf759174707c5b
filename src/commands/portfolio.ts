/**
 * `sigmature portfolio SOURCES...`: every repository of an organisation in one view. SOURCES are
 * folders of checkouts (each child with a `.git` or a CI file is a repository; a SOURCE that is
 * itself a checkout is one repository) and JSON results of scan/report/check (files, or folders
 * searched for `*.json`). Checkouts are scanned in worker threads; one that fails is a row with its
 * error and the others go on.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { isPipelinePath } from '../detect/collect/candidates.js';
import { sanitizeLine } from '../detect/sanitize.js';
import { EXIT, UsageError } from '../exit.js';
import { errorLine } from '../portfolio/errors.js';
import { crossVerify } from '../portfolio/cross-verify.js';
import { renderHtml, renderJson, renderMarkdown, type PortfolioDoc } from '../portfolio/render.js';
import { assignIds, compareNames, compareRuns, groupOf, parseResult, pathSegments, portfolioRows, rowFromResults, summarise, type ParsedResult, type PortfolioRow } from '../portfolio/rows.js';
import { DEFAULT_TIMEOUT_SECONDS, scanAll } from '../portfolio/pool.js';
import { Progress } from '../portfolio/progress.js';
import { loadRoadmapCatalog } from '../report/roadmap.js';
import { VERSION } from '../version.js';
import { checkFormat, type Options } from './options.js';
import { emit } from './output.js';

export interface PortfolioOptions extends Options {
  jobs?: string;
  shard?: string;
  groupBy?: string;
  /** `--previous SOURCE`: an earlier run's JSON to compare with. */
  previous?: string;
  /** `--timeout SECONDS`: per repository. */
  timeout?: string;
}

/**
 * A checkout: a `.git`, or a file the scanner reads as a CI pipeline by its path (src/detect's
 * isPipelinePath), at the top or in a hidden folder there (`.github/workflows/…`, `.circleci/…`).
 */
export function isRepository(dir: string): boolean {
  return existsSync(join(dir, '.git')) || hasPipeline(dir, '', 0);
}

function hasPipeline(abs: string, rel: string, depth: number): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    return false;
  }
  const pathOf = (name: string) => (rel ? `${rel}/${name}` : name);
  if (entries.some((e) => e.isFile() && isPipelinePath(pathOf(e.name)))) return true;
  if (depth >= 2) return false;
  return entries.some((e) => e.isDirectory() && e.name !== '.git' && (depth > 0 || e.name.startsWith('.')) && hasPipeline(join(abs, e.name), pathOf(e.name), depth + 1));
}

interface Sources {
  checkouts: string[];
  jsonFiles: string[];
  /** JSON files found in subfolders (not named, nor direct children of a SOURCE): JSON that is not a sigmature result is skipped quietly there. */
  nested: Set<string>;
  /** Folders in a SOURCE that are neither a checkout nor hold JSON results: not scanned, and said so. */
  skipped: string[];
}

/** The checkouts and JSON files named by SOURCES, in a stable order. */
export function discover(sources: string[]): Sources {
  const checkouts: string[] = [];
  const jsonFiles: string[] = [];
  const nested = new Set<string>();
  const skipped: string[] = [];
  const walkJson = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
      const path = join(dir, entry.name);
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) { jsonFiles.push(path); nested.add(path); }
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && depth < 4) walkJson(path, depth + 1);
    }
  };
  for (const source of sources) {
    const st = statSync(source, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`no such file or directory: ${source}`);
    if (st.isFile()) { jsonFiles.push(source); continue; }
    if (!st.isDirectory()) throw new UsageError(`not a file or directory: ${source}`);
    // a checkout (its .git, or a CI file at its top) given itself: one repository
    if (isRepository(source)) { checkouts.push(source); continue; }
    for (const entry of readdirSync(source, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
      const path = join(source, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory());
      if (isDir && isRepository(path)) checkouts.push(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) jsonFiles.push(path);
      else if (isDir && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        // an owner's folder (checkouts/orgA/app, checkouts/orgB/app): its checkouts
        const owned = childDirs(path);
        if (owned.some(isRepository)) {
          for (const d of owned) (isRepository(d) ? checkouts : skipped).push(d);
          continue;
        }
        const before = jsonFiles.length;
        walkJson(path, 1);
        if (jsonFiles.length === before) skipped.push(path);
      }
    }
  }
  return { checkouts, jsonFiles, nested, skipped };
}

function childDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => compareNames(a.name, b.name))
    .map((e) => join(dir, e.name))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());
}

/** `--shard i/n`: a deterministic share of the repositories, by a hash of the name. */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 <= i <= n, such as 2/8, not "${text}"`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

export function inShard(name: string, shard: { index: number; count: number } | undefined): boolean {
  if (!shard) return true;
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h % shard.count === shard.index - 1;
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism());
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw new UsageError(`--jobs must be a number of threads, 1 or more, not "${text}"`);
  return Number(text);
}

/** `--timeout SECONDS` per repository: a number of seconds (decimals allowed), 0 for none. */
export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(text)) throw new UsageError(`--timeout must be a number of seconds per repository (0 for none), such as 300, not "${text}"`);
  return Math.round(Number(text) * 1000);
}

export async function runPortfolio(opts: PortfolioOptions, sources: string[]): Promise<number> {
  const format = checkFormat(opts.format, ['markdown', 'html', 'json'] as const, 'markdown');
  if (!sources.length) throw new UsageError('portfolio needs at least one SOURCE: a folder of checkouts, or JSON results of scan/check/report (see sigmature portfolio --help)');
  const jobs = parseJobs(opts.jobs);
  const timeoutMs = parseTimeout(opts.timeout);
  const shard = parseShard(opts.shard);
  let pattern: RegExp | undefined;
  if (opts.groupBy !== undefined && opts.groupBy !== 'owner' && opts.groupBy !== 'team') {
    try {
      pattern = new RegExp(opts.groupBy);
    } catch (err) {
      throw new UsageError(`--group-by must be owner, team or a regular expression: ${errorLine(err)}`);
    }
  }
  const found = discover(sources);

  const { rows: jsonRows, badInputs } = rowsFromJson(found.jsonFiles, shard, found.nested);
  for (const dir of found.skipped) {
    if (inShard(nameOfDir(dir), shard)) badInputs.push({ file: dir, error: 'not scanned: not a checkout (no .git, nor a CI file at its top) and no JSON results inside' });
  }

  const checkouts = found.checkouts.filter((d) => inShard(nameOfDir(d), shard));
  const progress = new Progress(checkouts.length);
  const outcomes = await scanAll(checkouts, { jobs, timeoutMs, bankDir: opts.bankDir, lang: opts.lang, onDone: (dir) => progress.tick(dir) });
  progress.end();

  const rows: PortfolioRow[] = [];
  // each row's path, from which its id is taken (assignIds)
  const paths = new Map<PortfolioRow, string[]>();
  for (const [i, dir] of checkouts.entries()) {
    const name = nameOfDir(dir);
    const o = outcomes[i] ?? { error: 'not scanned' };
    if ('error' in o) {
      const row: PortfolioRow = { id: name, name, path: dir, source: dir, error: o.error };
      rows.push(row);
      paths.set(row, pathSegments(resolve(dir)));
      continue;
    }
    const results: ParsedResult[] = [];
    for (const value of [o.result.scan, o.result.report, o.result.check]) {
      if (value === undefined) continue;
      const parsed = parseResult(value, dir);
      if (typeof parsed !== 'string') results.push(parsed);
    }
    const row = { ...rowFromResults(name, results, dir), path: dir };
    rows.push(row);
    paths.set(row, pathSegments(resolve(dir)));
  }
  for (const { row, path } of jsonRows) {
    rows.push(row);
    paths.set(row, path);
  }
  assignIds(rows, rows.map((r) => paths.get(r)!));
  rows.sort((a, b) => compareNames(a.id, b.id) || compareNames(a.source, b.source));
  for (const r of rows) {
    const g = groupOf(r, opts.groupBy, pattern);
    if (g !== undefined) r.group = g;
  }

  const trend = opts.previous !== undefined ? compareRuns(previousRows(opts.previous), rows) : undefined;
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  for (const [id, count] of seen) {
    if (count > 1) process.stderr.write(`sigmature: warning: ${count} rows are of the same repository path "${sanitizeLine(id)}" (a checkout and its JSON, or one run merged twice); their rows are kept apart by source, but --previous compares by path\n`);
  }
  const catalog = loadRoadmapCatalog();
  const stepTitles = Object.fromEntries(catalog.steps.map((s) => [s.id, { en: s.title.en, ja: s.title.ja }]));
  const doc: PortfolioDoc = {
    rows, summary: summarise(rows), badInputs, ...(opts.groupBy ? { groupBy: opts.groupBy } : {}),
    verification: crossVerify(rows.filter((r) => !r.error).map((r) => ({ name: r.id, verification: r.verification }))),
    date: new Date().toISOString().slice(0, 10), tool: { name: 'sigmature', version: VERSION }, stepTitles,
    ...(trend ? { trend } : {}),
  };
  const text = format === 'json' ? renderJson(doc) : format === 'html' ? renderHtml(doc, opts.lang) : renderMarkdown(doc, opts.lang);
  emit(text, opts.out);
  for (const r of rows) if (r.error) process.stderr.write(`sigmature: ${sanitizeLine(r.source)}: ${sanitizeLine(r.error)}\n`);
  for (const b of badInputs) process.stderr.write(`sigmature: ${sanitizeLine(b.file)}: ${sanitizeLine(b.error)}\n`);
  if (opts.minLevel !== undefined) {
    const list = (rs: PortfolioRow[]) => `${rs.slice(0, 20).map((r) => sanitizeLine(r.id)).join(', ')}${rs.length > 20 ? ', …' : ''}`;
    const below = rows.filter((r) => !r.error && (r.assessedLevel ?? r.detectedLevel ?? 0) < opts.minLevel!);
    // a repository that could not be scanned has no level to show: it does not meet the gate either
    const failed = rows.filter((r) => r.error);
    if (below.length) process.stderr.write(`sigmature: ${below.length} repository(ies) below --min-level ${opts.minLevel}: ${list(below)}\n`);
    if (failed.length) process.stderr.write(`sigmature: ${failed.length} repository(ies) not scanned, so not shown to meet --min-level ${opts.minLevel}: ${list(failed)}\n`);
    if (below.length || failed.length) return EXIT.belowMinLevel;
  }
  return EXIT.ok;
}

/**
 * The rows of JSON results, each with the path its id is taken from: scan/report/check of one
 * repository grouped by the repository root they name (for `.`, the file's folder and stem), so two
 * repositories of one name under different owners are two rows; portfolio JSON as it is.
 */
function rowsFromJson(files: string[], shard: { index: number; count: number } | undefined, nested: Set<string> = new Set()): { rows: { row: PortfolioRow; path: string[] }[]; badInputs: { file: string; error: string }[] } {
  const badInputs: { file: string; error: string }[] = [];
  const byPath = new Map<string, { name: string; given: string; path: string[]; results: ParsedResult[]; files: string[] }>();
  const fromPortfolios: PortfolioRow[] = [];
  for (const file of files) {
    let parsed: ParsedResult | string;
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const merged = portfolioRows(value);
      if (merged) {
        // a shard's (or an earlier run's) portfolio JSON: its rows as they are
        fromPortfolios.push(...merged.rows);
        badInputs.push(...merged.badInputs);
        continue;
      }
      parsed = parseResult(value, file);
    } catch (err) {
      parsed = err instanceof SyntaxError ? `not valid JSON (${errorLine(err)})` : `cannot read (${(err as NodeJS.ErrnoException).code ?? errorLine(err)})`;
    }
    if (typeof parsed === 'string') {
      // a package.json or the like in a subfolder is not an input; a broken file is named all the same
      if (!(nested.has(file) && parsed.startsWith('not a sigmature result'))) badInputs.push({ file, error: parsed });
      continue;
    }
    const given = pathSegments(parsed.root).length ? parsed.root : join(dirname(resolve(file)), parsed.name);
    const path = pathSegments(given);
    const key = path.join('/');
    const entry = byPath.get(key) ?? { name: parsed.name, given, path, results: [], files: [] };
    const same = entry.results.findIndex((r) => r.kind === parsed.kind);
    if (same >= 0) {
      // two results of one kind for one repository path: the same file twice, or two runs of one repository
      badInputs.push({ file, error: `another ${parsed.kind} result of the repository at "${key}" was read first (${entry.files[same]}); this one is left out` });
      continue;
    }
    entry.results.push(parsed);
    entry.files.push(file);
    byPath.set(key, entry);
  }
  const rows: { row: PortfolioRow; path: string[] }[] = [];
  for (const entry of byPath.values()) {
    if (inShard(entry.name, shard)) rows.push({ row: { ...rowFromResults(entry.name, entry.results, entry.files.join(', ')), path: entry.given }, path: entry.path });
  }
  for (const r of fromPortfolios) {
    if (!inShard(r.name, shard)) continue;
    const { group: _group, ...row } = r;
    // its path tells it from repositories of the same name in other inputs (older JSON: its id)
    rows.push({ row, path: pathSegments(r.path ?? r.id) });
  }
  return { rows, badInputs };
}

/** `--previous SOURCE`: an earlier run's rows, from its JSON (portfolio JSON, or scan/report/check results). */
function previousRows(source: string): PortfolioRow[] {
  const found = discover([source]);
  if (!found.jsonFiles.length) throw new UsageError(`--previous ${source}: no JSON results there (give a portfolio --format json file, or a folder of scan/report/check JSON)`);
  const { rows, badInputs } = rowsFromJson(found.jsonFiles, undefined, found.nested);
  for (const b of badInputs) process.stderr.write(`sigmature: --previous: ${sanitizeLine(b.file)}: ${sanitizeLine(b.error)}\n`);
  assignIds(rows.map((r) => r.row), rows.map((r) => r.path));
  return rows.map((r) => r.row);
}

function nameOfDir(dir: string): string {
  return basename(resolve(dir)) || dir;
}
