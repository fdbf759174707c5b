/**
 * Limits and policy every repository reader enforces (DESIGN sections 4 and 9). The repository is
 * untrusted: sizes, counts, YAML aliasing and nesting are bounded, vendored code is not read, and
 * text is only handed out when it is valid UTF-8.
 */
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning, WarningKind } from '../types.js';
import { sanitizeLine } from '../sanitize.js';

export interface ReaderLimits {
  /** Files larger than this are listed but never read. */
  maxFileBytes: number;
  /** The walk stops after this many files (a 'limit' warning says so). */
  maxFiles: number;
  /** YAML alias expansion budget (the yaml library's `maxAliasCount`). */
  maxYamlAliases: number;
  /** Deepest YAML nesting (block and flow collections together) accepted. */
  maxYamlDepth: number;
  /** Longest evidence excerpt, in characters. */
  maxExcerpt: number;
}

export const DEFAULT_LIMITS: ReaderLimits = Object.freeze({
  maxFileBytes: 1024 * 1024,
  maxFiles: 200_000,
  maxYamlAliases: 100,
  maxYamlDepth: 64,
  maxExcerpt: 160,
});

/** Defaults overlaid with the caller's values; non-finite or negative values fall back to the default. */
export function resolveLimits(partial?: Partial<ReaderLimits>): ReaderLimits {
  const out: ReaderLimits = { ...DEFAULT_LIMITS };
  if (!partial) return out;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReaderLimits)[]) {
    const v = partial[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = Math.floor(v);
  }
  return out;
}

/**
 * Directories never walked, whatever `.gitignore` says: version-control metadata and folders of
 * third-party (vendored or installed) code, whose signing practice is not the repository's own.
 * Build-output names such as `target`, `build` or `dist` are deliberately absent: some repositories
 * keep real sources or release configuration under them, and `.gitignore` covers the usual case.
 */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.bzr', '_darcs', 'CVS',
  'node_modules', 'bower_components', 'jspm_packages',
  'vendor', 'third_party', 'third-party',
  '.venv', 'venv', '__pycache__', '.tox',
]);

/** The first bytes scanned for a NUL byte to call a file binary. */
export const BINARY_SNIFF_BYTES = 8192;

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: 'binary' | 'invalid-utf8' };

/** Text of a file's bytes: binary (NUL in the first 8 KiB) and invalid UTF-8 are refused. A BOM is dropped. */
export function decodeRepoText(bytes: Uint8Array): DecodeResult {
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) if (bytes[i] === 0) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalid-utf8' };
  }
}

export function decodeFailureMessage(reason: 'binary' | 'invalid-utf8'): string {
  return reason === 'binary' ? 'binary file, not read' : 'not valid UTF-8, not read';
}

// ---------------------------------------------------------------------------------------------
// .gitignore matching shared by the readers.
//
// Ignore rules come from the repository, so their cost is bounded: the library compiles `**` to
// nested quantifiers that backtrack polynomially on deep paths (three `**` against a 400-level path
// take seconds per test), so patterns with more than two are dropped, directories deeper than
// MAX_DIR_DEPTH are not walked, pattern counts are capped, and once matching has taken
// IGNORE_TIME_BUDGET_MS in total the remaining paths are listed without applying ignore rules.

/** Deepest directory level walked (a 'limit' warning names the first directory cut off). */
export const MAX_DIR_DEPTH = 128;
const MAX_GLOBSTARS_PER_PATTERN = 2;
const MAX_STARS_PER_PATTERN = 8;
const MAX_PATTERN_LENGTH = 1024;
const MAX_PATTERNS_PER_FILE = 5_000;
const MAX_PATTERNS_TOTAL = 20_000;
const IGNORE_TIME_BUDGET_MS = 10_000;

/** Tests one path (relative to the rules' directory, '/'-suffixed for a directory) against the rules alone. */
export type IgnoreTest = (relPath: string) => { ignored: boolean; unignored: boolean };

export interface GitignoreCompile { matcher: Ignore; test: IgnoreTest; patterns: number; dropped: number }

interface RuleManagerLike { test(path: string, mode: string): { ignored: boolean; unignored: boolean } }

/**
 * The fastest correct test for a matcher. The readers check every directory while walking, so the
 * library's own walk up the parents (and its per-path cache, 100,000 entries on a large repository)
 * is redundant: when the library exposes its rule list (ignore 7), the rules are tested directly,
 * after a self-check against the public API; otherwise the public `test` is used.
 */
function fastTest(matcher: Ignore): IgnoreTest {
  const pub: IgnoreTest = (rel) => matcher.test(rel);
  const rules = (matcher as unknown as { _rules?: RuleManagerLike })._rules;
  if (!rules || typeof rules.test !== 'function') return pub;
  const direct: IgnoreTest = (rel) => rules.test(rel, 'regex');
  try {
    for (const probe of ['a', 'a/', 'x.log', 'dist/', 'src/dist/', 'node_modules/', 'a/b/c.txt', 'keep.log', '.env']) {
      const a = pub(probe);
      const b = direct(probe);
      if (a.ignored !== b.ignored || a.unignored !== b.unignored) return pub;
    }
  } catch {
    return pub;
  }
  return direct;
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Compiles one `.gitignore` (or `.git/info/exclude`) text, dropping pathological patterns. */
export function compileGitignore(text: string): GitignoreCompile {
  const kept: string[] = [];
  let dropped = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const globstars = countOf(line, '**');
    const singleStars = countOf(line.replace(/\*\*/g, ''), '*');
    if (line.length > MAX_PATTERN_LENGTH || globstars > MAX_GLOBSTARS_PER_PATTERN
      || singleStars > MAX_STARS_PER_PATTERN || kept.length >= MAX_PATTERNS_PER_FILE) {
      dropped++;
      continue;
    }
    kept.push(line);
  }
  let matcher = ignore({ allowRelativePaths: true });
  try {
    matcher.add(kept);
  } catch {
    // A rule the library cannot compile: add them one by one, dropping the bad ones.
    matcher = ignore({ allowRelativePaths: true });
    for (const p of kept) {
      try { matcher.add(p); } catch { dropped++; }
    }
  }
  return { matcher, test: fastTest(matcher), patterns: kept.length, dropped };
}

/**
 * The rules in force inside one directory: its own and its ancestors', shallowest first, each with
 * the length of the directory prefix (and slash) to cut from a path before testing it.
 */
export type IgnoreScope = ReadonlyArray<{ readonly cut: number; readonly tests: readonly IgnoreTest[] }>;

/** Ignore rules by the directory (POSIX, relative to the root, '' for the root) they belong to. */
export class IgnoreRules {
  private readonly byDir = new Map<string, IgnoreTest[]>();
  private patterns = 0;
  private spentMs = 0;
  /** Set once the time budget is spent: from then on nothing more is ignored. */
  exhausted = false;

  /** Adds the rules of one file; false (rules not applied) when the repository-wide pattern cap is reached. */
  add(dir: string, test: IgnoreTest, patterns = 1): boolean {
    if (this.patterns + patterns > MAX_PATTERNS_TOTAL) return false;
    this.patterns += patterns;
    const list = this.byDir.get(dir);
    if (list) list.push(test);
    else this.byDir.set(dir, [test]);
    return true;
  }

  get size(): number { return this.byDir.size; }

  /**
   * The scope of the entries of `dir`, from the scope of its parent's entries: a walker works it out
   * once per directory, after reading the directory's own `.gitignore`, instead of looking up every
   * ancestor for every path.
   */
  scopeOf(dir: string, parent: IgnoreScope): IgnoreScope {
    const own = this.byDir.get(dir);
    return own ? [...parent, { cut: dir === '' ? 0 : dir.length + 1, tests: own }] : parent;
  }

  /**
   * Whether `path` (POSIX, relative to the root) is ignored by the rules of its ancestor directories,
   * shallowest first, so a deeper negation can re-include what a shallower rule excluded. Callers
   * check directories as they walk them, so a path under an ignored directory is never asked about.
   */
  ignores(path: string, isDir: boolean): boolean {
    if (this.byDir.size === 0 || this.exhausted) return false;
    const scope: Array<{ cut: number; tests: IgnoreTest[] }> = [];
    let dir = '';
    let from = 0;
    for (;;) {
      const tests = this.byDir.get(dir);
      if (tests) scope.push({ cut: dir === '' ? 0 : dir.length + 1, tests });
      const slash = path.indexOf('/', from);
      if (slash < 0) break;
      dir = path.slice(0, slash);
      from = slash + 1;
    }
    return this.ignoresIn(scope, path, isDir);
  }

  /** `ignores` for an entry of a directory whose scope the caller holds (`scopeOf`). */
  ignoresIn(scope: IgnoreScope, path: string, isDir: boolean): boolean {
    if (scope.length === 0 || this.exhausted) return false;
    const t0 = performance.now();
    let ignored = false;
    for (const { cut, tests } of scope) {
      const rel = (cut === 0 ? path : path.slice(cut)) + (isDir ? '/' : '');
      for (const test of tests) {
        try {
          const r = test(rel);
          if (r.ignored) ignored = true;
          else if (r.unignored) ignored = false;
        } catch {
          // a path the library refuses: no opinion
        }
      }
    }
    this.spentMs += performance.now() - t0;
    if (this.spentMs > IGNORE_TIME_BUDGET_MS) this.exhausted = true;
    return ignored;
  }
}

/** Number of directory levels of a POSIX path ('a/b/c.txt' is 2). */
export function dirDepth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

/**
 * The readers' warning list: one warning per kind and file (or per `once` key for warnings about
 * the whole walk), every path and message sanitised before it is kept.
 */
export function createWarningLog(): {
  warnings: ScanWarning[];
  warn(kind: WarningKind, file: string | undefined, message: string, once?: string): void;
} {
  const warnings: ScanWarning[] = [];
  const warned = new Set<string>();
  return {
    warnings,
    warn(kind, file, message, once) {
      const key = once ?? `${kind}\0${file ?? ''}`;
      if (warned.has(key)) return;
      warned.add(key);
      warnings.push(file === undefined
        ? { kind, message: sanitizeLine(message) }
        : { kind, file: sanitizeLine(file), message: sanitizeLine(message) });
    },
  };
}
