/**
 * The walk of a local checkout (DESIGN sections 4 and 9): one pass over the directory tree that lists
 * the files a scan may read, in path order, never running anything and never leaving the root.
 * - `.gitignore` files at every level and `.git/info/exclude` are honoured; version-control and
 *   vendored-dependency folders (`SKIPPED_DIRS`) are never walked.
 * - A symlinked file is listed only when its real path stays inside the root; links to anything
 *   outside, dangling links and loops are skipped with a warning. Symlinked directories are never
 *   walked: inside the root their targets are walked in place, outside they are reported.
 * - FIFOs, sockets and devices are never listed, so never opened.
 * - Directories deeper than MAX_DIR_DEPTH and files past `maxFiles` are cut off with a warning.
 *
 * Performance (bench/scan-vs-ripgrep.mjs): the walk lists names and types only (no per-file stat:
 * a file's size is taken when it is first asked for), reads each directory with one synchronous call
 * (on a small machine that beats a pool of concurrent reads, whose results all come back to one
 * thread anyway), works out once per directory which ignore rules apply, and visits entries in
 * sorted order, so the listing comes out sorted with no sort of the whole list.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import { IgnoreRules, compileGitignore, type IgnoreScope } from './gitignore.js';
import { MAX_DIR_DEPTH, SKIPPED_DIRS, type ReaderLimits } from './limits.js';
import { LocalFile, errorCode, isInside, readSmallText } from './local-file.js';
import type { WarningKind } from '../types.js';

export interface WalkInput {
  /** The root as an absolute path (listed files are relative to it). */
  rootAbs: string;
  /** The root's real path: symlinks must resolve inside it. */
  realRoot: string;
  limits: ReaderLimits;
  warn(kind: WarningKind, file: string | undefined, message: string, once?: string): void;
}

export interface WalkResult {
  /** Sorted by path (code-unit order). */
  files: LocalFile[];
  /** `.git` is a real directory (not a link, not a file): its HEAD may be read. */
  gitIsDir: boolean;
}

/** Directories read between two turns of the event loop, so a long walk does not starve timers. */
const DIRS_PER_TURN = 256;

export async function walkRepository({ rootAbs, realRoot, limits, warn }: WalkInput): Promise<WalkResult> {
  const files: LocalFile[] = [];
  const rules = new IgnoreRules();
  let stopped = false;
  let dirsRead = 0;

  const addRules = (dir: string, name: string, text: string): void => {
    const { test, patterns, dropped } = compileGitignore(text);
    if (dropped > 0) warn('limit', name, `${dropped} ignore pattern(s) too long or too complex, not applied`);
    if (!rules.add(dir, test, patterns)) warn('limit', name, 'too many ignore patterns in the repository; these are not applied');
  };

  const addFile = (file: LocalFile): void => {
    if (stopped) return;
    if (files.length >= limits.maxFiles) {
      stopped = true;
      warn('limit', undefined, `more than ${limits.maxFiles} files; the walk stopped there`, 'max-files');
      return;
    }
    files.push(file);
  };

  // .git/info/exclude: root-level rules below the root .gitignore in precedence. Read only when
  // .git is a real directory, never through a link.
  const gitDir = nodePath.join(rootAbs, '.git');
  let gitIsDir = false;
  try {
    gitIsDir = lstatSync(gitDir).isDirectory();
  } catch {
    // no .git
  }
  if (gitIsDir) {
    const exclude = readSmallText(nodePath.join(gitDir, 'info', 'exclude'), limits.maxFileBytes);
    if (exclude !== undefined) addRules('', '.git/info/exclude', exclude);
  }

  const visitLink = (rel: string, abs: string): void => {
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ELOOP') warn('outside-root', rel, 'symbolic link loop, skipped');
      else if (code === 'ENOENT') warn('unreadable', rel, 'broken symbolic link, skipped');
      else warn('outside-root', rel, `symbolic link cannot be resolved (${code}), skipped`);
      return;
    }
    if (!isInside(realRoot, real) || real === realRoot) {
      warn('outside-root', rel, 'symbolic link leads outside the repository, skipped');
      return;
    }
    let st;
    try {
      st = statSync(real);
    } catch (e) {
      warn('unreadable', rel, `symbolic link target cannot be read (${errorCode(e)}), skipped`);
      return;
    }
    // A directory link inside the root: its target is walked in place (walking it here could loop).
    if (st.isFile()) addFile(new LocalFile(rel, rootAbs, real, st.size));
  };

  /** Lists `dir` (depth levels below the root) and everything under it, in path order. */
  const visitDir = async (dir: string, depth: number, parentScope: IgnoreScope): Promise<void> => {
    if (++dirsRead % DIRS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const abs = dir === '' ? rootAbs : nodePath.join(rootAbs, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      warn('unreadable', dir === '' ? '.' : dir, `directory cannot be read (${errorCode(e)})`);
      return;
    }
    // The directory's own .gitignore applies to everything in it, so it is read first.
    for (const entry of entries) {
      if (entry.name === '.gitignore' && entry.isFile()) {
        const text = readSmallText(nodePath.join(abs, '.gitignore'), limits.maxFileBytes);
        if (text !== undefined) addRules(dir, dir === '' ? '.gitignore' : `${dir}/.gitignore`, text);
        break;
      }
    }
    const scope = rules.scopeOf(dir, parentScope);
    const prefix = dir === '' ? '' : `${dir}/`;
    const leaves: string[] = []; // paths of files and symbolic links
    const subdirs: string[] = []; // paths and a slash, so that they sort as their contents' paths do
    let links: Set<string> | undefined;
    for (const entry of entries) {
      const name = entry.name;
      const path = prefix + name;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(name) || rules.ignoresIn(scope, path, name, true)) continue;
        if (depth >= MAX_DIR_DEPTH) {
          warn('limit', undefined, `directories deeper than ${MAX_DIR_DEPTH} levels are not walked (first: ${path})`, 'max-depth');
          continue;
        }
        subdirs.push(`${path}/`);
      } else if (entry.isFile()) {
        if (!rules.ignoresIn(scope, path, name, false)) leaves.push(path);
      } else if (entry.isSymbolicLink()) {
        if (!SKIPPED_DIRS.has(name) && !rules.ignoresIn(scope, path, name, false)) {
          leaves.push(path);
          (links ??= new Set()).add(path);
        }
      }
    }
    // Default sort: UTF-16 code-unit order, the order of the listing.
    leaves.sort();
    subdirs.sort();
    let i = 0;
    let j = 0;
    while (!stopped && (i < leaves.length || j < subdirs.length)) {
      if (j >= subdirs.length || (i < leaves.length && leaves[i]! < subdirs[j]!)) {
        const path = leaves[i++]!;
        if (links?.has(path)) visitLink(path, nodePath.join(rootAbs, path));
        else addFile(new LocalFile(path, rootAbs));
      } else {
        const sub = subdirs[j++]!.slice(0, -1);
        await visitDir(sub, depth + 1, scope)
          .catch((e: unknown) => warn('unreadable', sub, `directory walk failed (${errorCode(e)})`));
      }
    }
  };

  await visitDir('', 0, []);
  if (rules.exhausted) {
    warn('limit', undefined, 'matching .gitignore rules took too long; the rest of the walk listed files without them', 'ignore-budget');
  }
  return { files, gitIsDir };
}
