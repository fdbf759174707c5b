/**
 * `.gitignore` matching shared by the readers (DESIGN section 9): compiling one file's rules, and the
 * rules in force along a path, shallowest first.
 *
 * Ignore rules come from the repository, so their cost is bounded: the library compiles `**` to
 * nested quantifiers that backtrack polynomially on deep paths (three `**` against a 400-level path
 * take seconds per test), so patterns with more than two are dropped, directories deeper than
 * MAX_DIR_DEPTH (limits.ts) are not walked, pattern counts are capped, and once matching has taken
 * IGNORE_TIME_BUDGET_MS in total the remaining paths are listed without applying ignore rules.
 */
import ignore, { type Ignore } from 'ignore';

const MAX_GLOBSTARS_PER_PATTERN = 2;
const MAX_STARS_PER_PATTERN = 8;
const MAX_PATTERN_LENGTH = 1024;
const MAX_PATTERNS_PER_FILE = 5_000;
const MAX_PATTERNS_TOTAL = 20_000;
const IGNORE_TIME_BUDGET_MS = 10_000;

/** One rule set's verdict on one path: no rule matches, the last matching rule ignores, or it re-includes (`!`). */
export type Verdict = typeof NONE | typeof IGNORED | typeof UNIGNORED;
const NONE = 0;
const IGNORED = 1;
const UNIGNORED = 2;

/**
 * Tests one path against one file's rules alone: `relPath` relative to the rules' directory and `base`
 * its last segment, both '/'-suffixed for a directory (the walker knows the name, so nobody slices it).
 */
export type IgnoreTest = (relPath: string, base: string) => Verdict;

export interface GitignoreCompile { matcher: Ignore; test: IgnoreTest; patterns: number; dropped: number }

type Result = { ignored: boolean; unignored: boolean };
interface RuleLike { regex: RegExp; negative: boolean; _basenameOnly?: boolean }
interface RuleManagerLike { _rules?: RuleLike[]; _basenameCount?: number; test?(path: string, mode: string): Result }

const verdict = (r: Result): Verdict => (r.ignored ? IGNORED : r.unignored ? UNIGNORED : NONE);

/**
 * `RuleManager.test(path, 'regex')` of the library (ignore 7) without its per-call costs: the regular
 * expressions, negations and basename shortcuts are read once, the basename is the walker's, and the
 * verdict is a number instead of a new object. Undefined when the library does not look like that.
 */
function leanTest(manager: RuleManagerLike): IgnoreTest | undefined {
  const rules = manager._rules;
  if (!Array.isArray(rules) || typeof manager._basenameCount !== 'number') return undefined;
  const shortcut = manager._basenameCount * 2 >= rules.length;
  const regexes = rules.map((r) => r.regex);
  const negative = rules.map((r) => r.negative);
  const onBase = rules.map((r) => shortcut && r._basenameOnly === true);
  if (!regexes.every((r) => r instanceof RegExp) || !negative.every((n) => typeof n === 'boolean')) return undefined;
  return (rel, base) => {
    for (let i = regexes.length - 1; i >= 0; i--) {
      if (regexes[i]!.test(onBase[i] ? base : rel)) return negative[i] ? UNIGNORED : IGNORED;
    }
    return NONE;
  };
}

const SELF_CHECK = ['a', 'a/', 'x.log', 'dist/', 'src/dist/', 'node_modules/', 'a/node_modules/', 'a/b/c.txt', 'a/b/x.log', 'keep.log', '.env', 'a/.env', 'deep/er/dir/'];

/** The last segment of a path as the library takes it: a trailing slash kept, 'a/b/' → 'b/'. */
function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/', path.length - 2) + 1);
}

/**
 * The fastest correct test for a matcher. The readers check every directory while walking, so the
 * library's own walk up the parents (and its per-path cache, 100,000 entries on a large repository)
 * is redundant: when the library exposes its rule list (ignore 7), the rules are tested directly,
 * after a self-check against the public API; otherwise the public `test` is used.
 */
function fastTest(matcher: Ignore): IgnoreTest {
  const pub: IgnoreTest = (rel) => verdict(matcher.test(rel));
  const manager = (matcher as unknown as { _rules?: RuleManagerLike })._rules;
  if (!manager || typeof manager.test !== 'function') return pub;
  const direct: IgnoreTest = (rel) => verdict(manager.test!(rel, 'regex'));
  let lean: IgnoreTest | undefined;
  try {
    lean = leanTest(manager);
  } catch {
    lean = undefined;
  }
  const agrees = (t: IgnoreTest, reference: IgnoreTest): boolean => {
    try {
      return SELF_CHECK.every((probe) => t(probe, baseOf(probe)) === reference(probe, baseOf(probe)));
    } catch {
      return false;
    }
  };
  if (!agrees(direct, pub)) return pub;
  return lean && agrees(lean, direct) ? lean : direct;
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
    return this.ignoresIn(scope, path, path.slice(path.lastIndexOf('/') + 1), isDir);
  }

  /** `ignores` for the entry `name` (whose path is `path`) of a directory whose scope the caller holds (`scopeOf`). */
  ignoresIn(scope: IgnoreScope, path: string, name: string, isDir: boolean): boolean {
    if (scope.length === 0 || this.exhausted) return false;
    const t0 = performance.now();
    const base = isDir ? `${name}/` : name;
    let ignored = false;
    for (const { cut, tests } of scope) {
      const sub = cut === 0 ? path : path.slice(cut);
      const rel = isDir ? `${sub}/` : sub;
      for (const test of tests) {
        try {
          const v = test(rel, base);
          if (v === IGNORED) ignored = true;
          else if (v === UNIGNORED) ignored = false;
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

