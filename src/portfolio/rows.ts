/**
 * The portfolio's rows. A row is built from the JSON results of `scan`, `report` and `check`
 * (as a repository's own CI writes them); a checkout is scanned into those same JSON objects first
 * (src/portfolio/scan-one.ts), so that a folder of checkouts and a folder of their JSON results
 * give the same table. Pure: no I/O.
 *
 * Everything in a row comes from the repository and is untrusted text: renderers escape it.
 */
import { basename } from 'node:path';
import type { VerificationJson } from '../detect/identity/report.js';
import { verificationOf } from './cross-verify.js';

export type Effort = 'small' | 'medium' | 'large';
export const EFFORT_RANK: Record<Effort, number> = { small: 0, medium: 1, large: 2 };

export interface NextStep {
  id: string;
  /** English title as the JSON gives it (renderers look the step up in the catalogue for other languages). */
  title: string;
  effort: Effort;
  unlocksLevel: number;
}

export interface PortfolioRow {
  /**
   * The row's key: the shortest tail of its path (the checkout's folder, or the repository root its
   * JSON results name) that no other row shares, so `orgA/app` and `orgB/app` are two rows and
   * `app` alone is `app`. Summaries, the trend and the table name repositories by it.
   */
  id: string;
  /** The repository's own name: the last segment of its path. */
  name: string;
  /**
   * The path the id is taken from: the checkout's folder as given, or the repository root its JSON
   * results name (for `.`, the results file's folder and stem). Kept so that merged runs (shards, or
   * one run per repository) tell `orgA/app` from `orgB/app` again.
   */
  path?: string;
  /** Where the row came from: a checkout directory, or the JSON files read. */
  source: string;
  group?: string;
  commit?: string;
  /** The level the repository alone shows (a scan). */
  detectedLevel?: number;
  /** The level the team's answers support (report or check with an answers file). */
  assessedLevel?: number;
  signs?: boolean;
  keyless?: boolean;
  custody?: string[];
  verifies?: boolean;
  tools?: string[];
  published?: number;
  signedPublished?: number;
  /** Private keys committed outside test fixtures: the count only, never paths' content. */
  committedKeys?: number;
  contradictions?: number;
  /** `meta.date` of the team's answers. */
  assessedOn?: string;
  organisation?: string;
  team?: string;
  nextStep?: NextStep;
  /** Signers and verifiers of its scan (issue 11), for matching across repositories (cross-verify.ts). */
  verification?: VerificationJson;
  /** One line: why this repository has no result. */
  error?: string;
}

/** The kinds of JSON result the portfolio reads. */
export type ResultKind = 'scan' | 'report' | 'check';

export interface ParsedResult {
  kind: ResultKind;
  name: string;
  root: string;
  data: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const level = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3 ? v : undefined);

/** The repository's name: the last segment of its root; for `.` (a CI job's own checkout) the file's stem. */
export function repositoryName(root: string, file?: string): string {
  const clean = root.replace(/[\\/]+$/, '');
  const base = clean === '' || clean === '.' ? '' : basename(clean.replace(/\\/g, '/'));
  if (base && base !== '.' && base !== '..') return base;
  if (file) return basename(file).replace(/\.json$/i, '').replace(/\.(scan|check|report)$/i, '');
  return root || '(unnamed)';
}

/**
 * Recognises one JSON result. Returns a reason (one line) when it is not one sigmature wrote.
 * A report whose answers are all detected is a scan (that is what `scan --format json` writes).
 */
export function parseResult(value: unknown, file: string): ParsedResult | string {
  if (!isObj(value)) return 'not a JSON object';
  const tool = value.tool;
  if (!isObj(tool) || tool.name !== 'sigmature') return 'not a sigmature result (no tool.name "sigmature")';
  const repo = value.repository;
  const root = isObj(repo) && typeof repo.root === 'string' ? repo.root : isObj(repo) && typeof repo.url === 'string' ? repo.url : '';
  if (value.kind === 'check') {
    if (level(value.detectedLevel) === undefined) return 'a check result without detectedLevel';
    return { kind: 'check', name: repositoryName(root, file), root, data: value };
  }
  if (level(value.level) === undefined || !isObj(value.facts)) return 'not a scan, report or check result (no level or facts)';
  const answers = isObj(value.answers) ? Object.values(value.answers) : [];
  const assessed = answers.some((a) => isObj(a) && (a.source === 'stated' || a.source === 'confirmed'));
  return { kind: assessed ? 'report' : 'scan', name: repositoryName(root, file), root, data: value };
}

function nextStepOf(roadmap: unknown): NextStep | undefined {
  if (!Array.isArray(roadmap)) return undefined;
  const first = roadmap.find(isObj);
  if (!first || typeof first.id !== 'string') return undefined;
  const effort = first.effort === 'small' || first.effort === 'medium' || first.effort === 'large' ? first.effort : 'large';
  const unlocks = level(first.unlocksLevel) ?? level(first.level) ?? 3;
  return { id: first.id, title: typeof first.title === 'string' ? first.title : first.id, effort, unlocksLevel: unlocks };
}

/** The row of one repository from its results (any of scan, report, check; at most one of each is used). */
export function rowFromResults(name: string, results: ParsedResult[], source: string): PortfolioRow {
  const row: PortfolioRow = { id: name, name, source };
  const scan = results.find((r) => r.kind === 'scan') ?? results.find((r) => r.kind === 'report');
  const report = results.find((r) => r.kind === 'report');
  const check = results.find((r) => r.kind === 'check');
  if (scan) {
    const d = scan.data;
    const facts = d.facts as Record<string, unknown>;
    const repo = d.repository;
    if (isObj(repo) && typeof repo.commit === 'string') row.commit = repo.commit;
    row.detectedLevel = level(d.detectedLevel) ?? level(d.level);
    row.signs = facts.signs === true;
    row.keyless = facts.keyless === true;
    row.custody = strings(facts.keyCustody);
    row.verifies = facts.verifies === true;
    const verification = verificationOf(d.verification);
    if (verification) row.verification = verification;
    row.tools = strings(facts.tools);
    const published = Array.isArray(d.published) ? d.published.filter(isObj) : [];
    row.published = published.length;
    row.signedPublished = published.filter((p) => p.signed === true).length;
    row.committedKeys = Array.isArray(facts.committedPrivateKeys) ? facts.committedPrivateKeys.length : 0;
    const next = nextStepOf(d.roadmap);
    if (next) row.nextStep = next;
  }
  if (report) {
    const d = report.data;
    row.assessedLevel = level(d.level);
    const meta = isObj(d.meta) ? d.meta : {};
    if (typeof meta.date === 'string') row.assessedOn = meta.date;
    if (typeof meta.team === 'string') row.team = meta.team;
    if (typeof meta.organisation === 'string') row.organisation = meta.organisation;
    // the next step of the team's own roadmap (none when it has reached level 3)
    const next = nextStepOf(d.roadmap);
    if (next) row.nextStep = next;
    else delete row.nextStep;
  }
  if (check) {
    const d = check.data;
    if (row.detectedLevel === undefined) row.detectedLevel = level(d.detectedLevel);
    const lv = level(d.level);
    if (lv !== undefined) row.assessedLevel = lv;
    if (Array.isArray(d.contradictions)) row.contradictions = d.contradictions.filter((c) => isObj(c) && c.acknowledged !== true).length;
    const answers = isObj(d.answers) ? d.answers : undefined;
    if (answers && typeof answers.date === 'string') row.assessedOn = answers.date;
    if (!row.commit && isObj(d.repository) && typeof d.repository.commit === 'string') row.commit = d.repository.commit;
  }
  return row;
}

/** Repositories publishing something unsigned. */
export const publishesUnsigned = (r: PortfolioRow): boolean => (r.published ?? 0) > (r.signedPublished ?? 0);

export const LONG_LIVED_CUSTODY = ['ci-secret', 'kms', 'vault', 'hsm', 'file-in-repo', 'unknown'] as const;

export interface PortfolioSummary {
  repositories: number;
  failed: number;
  /** Level → number of repositories, by the detected level (the scan). */
  detectedLevels: [number, number, number, number];
  /** The same by the assessed level, over repositories with answers. */
  assessedLevels: [number, number, number, number];
  assessed: number;
  unsignedPublishing: string[];
  /** Long-lived key custody → repositories using it. */
  longLivedKeys: Record<string, string[]>;
  committedKeys: { repositories: string[]; keys: number };
  contradicted: string[];
  /** The (at most) 10 repositories whose next step is cheapest: least effort, then lowest level, then name. */
  cheapest: { name: string; step: NextStep; level: number }[];
}

export function summarise(rows: PortfolioRow[]): PortfolioSummary {
  const ok = rows.filter((r) => !r.error);
  const detectedLevels: PortfolioSummary['detectedLevels'] = [0, 0, 0, 0];
  const assessedLevels: PortfolioSummary['assessedLevels'] = [0, 0, 0, 0];
  for (const r of ok) {
    if (r.detectedLevel !== undefined) detectedLevels[r.detectedLevel]! += 1;
    if (r.assessedLevel !== undefined) assessedLevels[r.assessedLevel]! += 1;
  }
  const longLivedKeys: Record<string, string[]> = {};
  for (const c of LONG_LIVED_CUSTODY) {
    const names = ok.filter((r) => r.custody?.includes(c)).map((r) => r.id);
    if (names.length) longLivedKeys[c] = names;
  }
  const withKeys = ok.filter((r) => (r.committedKeys ?? 0) > 0);
  const levelOf = (r: PortfolioRow) => r.assessedLevel ?? r.detectedLevel ?? 0;
  const cheapest = ok
    .filter((r): r is PortfolioRow & { nextStep: NextStep } => r.nextStep !== undefined)
    .sort((a, b) => EFFORT_RANK[a.nextStep.effort] - EFFORT_RANK[b.nextStep.effort] || levelOf(a) - levelOf(b) || compareNames(a.id, b.id))
    .slice(0, 10)
    .map((r) => ({ name: r.id, step: r.nextStep, level: levelOf(r) }));
  return {
    repositories: rows.length,
    failed: rows.length - ok.length,
    detectedLevels,
    assessedLevels,
    assessed: ok.filter((r) => r.assessedLevel !== undefined).length,
    unsignedPublishing: ok.filter(publishesUnsigned).map((r) => r.id),
    longLivedKeys,
    committedKeys: { repositories: withKeys.map((r) => r.id), keys: withKeys.reduce((n, r) => n + (r.committedKeys ?? 0), 0) },
    contradicted: ok.filter((r) => (r.contradictions ?? 0) > 0).map((r) => r.id),
    cheapest,
  };
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `--group-by owner|team|PATTERN`: owner is the organisation the answers file names (`meta.organisation`),
 * team the team it names (`meta.team`), `(none)` without; anything else is a regular expression over
 * the repository's source path, its first capture group (or the match) the group, `(other)` without a match.
 */
export function groupOf(row: PortfolioRow, groupBy: string | undefined, pattern?: RegExp): string | undefined {
  if (!groupBy) return undefined;
  if (groupBy === 'team') return row.team ?? '(none)';
  if (groupBy === 'owner') return row.organisation ?? '(none)';
  const m = pattern?.exec(row.source.replace(/\\/g, '/'));
  return m ? (m[1] ?? m[0]) : '(other)';
}

/** The rows and bad inputs of a portfolio JSON (`portfolio --format json`), for merging shards; else undefined. */
export function portfolioRows(value: unknown): { rows: PortfolioRow[]; badInputs: { file: string; error: string }[] } | undefined {
  if (!isObj(value) || value.kind !== 'portfolio' || !isObj(value.tool) || value.tool.name !== 'sigmature' || !Array.isArray(value.repositories)) return undefined;
  const rows = value.repositories
    .filter((r): r is PortfolioRow => isObj(r) && typeof r.name === 'string' && typeof r.source === 'string')
    // a portfolio JSON written before rows had ids: the name was the key
    .map((r) => {
      const { path, ...row } = r as PortfolioRow & { path?: unknown };
      return { ...row, id: typeof r.id === 'string' && r.id ? r.id : r.name, ...(typeof path === 'string' ? { path } : {}) };
    });
  const badInputs = Array.isArray(value.badInputs)
    ? value.badInputs.filter((b): b is { file: string; error: string } => isObj(b) && typeof b.file === 'string' && typeof b.error === 'string')
    : [];
  return { rows, badInputs };
}

export interface PortfolioTrend {
  /** Repositories whose level (assessed, else detected) rose or fell since the previous run. */
  up: { name: string; from: number; to: number }[];
  down: { name: string; from: number; to: number }[];
  /** Repositories publishing unsigned artifacts now that did not before (or were not there). */
  newUnsignedPublishers: string[];
  added: string[];
  removed: string[];
}

/** What changed between an earlier run's rows and these, repository by repository (by id). */
export function compareRuns(before: PortfolioRow[], after: PortfolioRow[]): PortfolioTrend {
  const ok = (rows: PortfolioRow[]) => new Map(rows.filter((r) => !r.error).map((r) => [r.id, r]));
  const was = ok(before);
  const now = ok(after);
  const levelOf = (r: PortfolioRow) => r.assessedLevel ?? r.detectedLevel ?? 0;
  const trend: PortfolioTrend = { up: [], down: [], newUnsignedPublishers: [], added: [], removed: [] };
  for (const [name, r] of now) {
    const old = was.get(name);
    if (!old) trend.added.push(name);
    else if (levelOf(r) > levelOf(old)) trend.up.push({ name, from: levelOf(old), to: levelOf(r) });
    else if (levelOf(r) < levelOf(old)) trend.down.push({ name, from: levelOf(old), to: levelOf(r) });
    if (publishesUnsigned(r) && !(old && publishesUnsigned(old))) trend.newUnsignedPublishers.push(name);
  }
  for (const name of was.keys()) if (!now.has(name)) trend.removed.push(name);
  for (const list of [trend.added, trend.removed, trend.newUnsignedPublishers]) list.sort(compareNames);
  return trend;
}

/** A path as the segments its id is taken from: `/`-separated, without a URL's scheme and host, nor empty, `.` or `..` parts. */
export function pathSegments(path: string): string[] {
  return path.replace(/\\/g, '/').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('/').filter((p) => p && p !== '.' && p !== '..');
}

/**
 * Each row's id from its path's segments: the shortest tail that no row with another path shares
 * (`app` while one repository is named app; `orgA/app` and `orgB/app` when two are). Rows of the
 * same path get the same id.
 */
export function assignIds(rows: PortfolioRow[], paths: string[][]): void {
  const tail = (segs: string[], n: number) => segs.slice(Math.max(0, segs.length - n)).join('/');
  const full = paths.map((p) => p.join('/'));
  for (const [i, row] of rows.entries()) {
    const segs = paths[i]!;
    if (!segs.length) continue;
    let n = 1;
    while (n < segs.length && paths.some((other, j) => full[j] !== full[i] && tail(other, n) === tail(segs, n))) n++;
    row.id = tail(segs, n);
  }
}
