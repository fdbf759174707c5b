/**
 * The repository reader for a directory on disk (DESIGN sections 4 and 9).
 *
 * The directory is untrusted. The reader walks it once, never runs anything and never follows a
 * symbolic link out of it:
 * - `.gitignore` files at every level and `.git/info/exclude` are honoured; version-control and
 *   vendored-dependency folders (`SKIPPED_DIRS`) are never walked.
 * - A symlinked file is listed only when its real path stays inside the root; links to anything
 *   outside, dangling links and loops are skipped with a warning. Symlinked directories are never
 *   walked: inside the root their targets are walked in place, outside they are reported.
 * - Only regular files are ever opened (no FIFOs, devices or sockets), without following a link, and
 *   their size is checked on the open descriptor before a byte is read.
 * - Text is handed out only when it is valid UTF-8 without NUL bytes in its first 8 KiB.
 * - Warnings carry sanitised paths; the raw path is kept for reading.
 *
 * The walk lists names only (no per-file stat): a file's size is taken when it is first asked for.
 */
import { closeSync, constants as fsc, fstatSync, openSync, readSync, statSync, type Dirent } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { RepoFile, RepoReader } from '../types.js';
import { sanitizeLine } from '../sanitize.js';
import {
  IgnoreRules, MAX_DIR_DEPTH, SKIPPED_DIRS, compileGitignore, dirDepth, decodeFailureMessage, decodeRepoText, resolveLimits,
  createWarningLog, type ReaderLimits,
} from './limits.js';

/** A problem with the repository root itself. The message is one sanitised line. */
export class RepoError extends Error {
  constructor(message: string) {
    super(sanitizeLine(message));
    this.name = 'RepoError';
  }
}

export interface LocalReaderOptions {
  limits?: Partial<ReaderLimits>;
}

/** Directories read at the same time (the libuv pool does the work; more only queues). */
const WALK_CONCURRENCY = 16;
/** Texts kept after a first read, so detectors reading the same file share one read. */
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;
const READ_FLAGS = fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0);
const GIT_SMALL_FILE = 64 * 1024;
const GIT_PACKED_REFS = 16 * 1024 * 1024;

class LocalFile implements RepoFile {
  #size: number;
  constructor(
    readonly path: string,
    /** The root the path is relative to (shared, so listing 100,000 files joins no paths). */
    private readonly base: string,
    /** The resolved target of a symlinked file. */
    private readonly real?: string,
    size = -1,
  ) {
    this.#size = size;
  }

  /** Taken on first use: listing 100,000 files needs no stat of each. */
  get size(): number {
    if (this.#size < 0) {
      try {
        this.#size = statSync(this.location()).size;
      } catch {
        this.#size = 0;
      }
    }
    return this.#size;
  }

  /** Absolute path to read. */
  location(): string { return this.real ?? nodePath.join(this.base, this.path); }

  toJSON(): RepoFile { return { path: this.path, size: this.size }; }
}

function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(nodePath.sep) ? realRoot : realRoot + nodePath.sep);
}

/** Reads a small regular file without following a final symlink; undefined when anything is off. */
async function readSmall(abs: string, maxBytes: number): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(abs, READ_FLAGS);
    const st = await handle.stat();
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = new Uint8Array(st.size);
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await handle.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function readSmallText(abs: string, maxBytes: number): Promise<string | undefined> {
  const bytes = await readSmall(abs, maxBytes);
  if (!bytes) return undefined;
  const decoded = decodeRepoText(bytes);
  return decoded.ok ? decoded.text : undefined;
}

export async function openLocalRepository(root: string, opts: LocalReaderOptions = {}): Promise<RepoReader> {
  const limits = resolveLimits(opts.limits);
  if (typeof root !== 'string' || root === '') throw new RepoError('no repository path given');
  const rootAbs = nodePath.resolve(root);
  let realRoot: string;
  try {
    const st = await stat(rootAbs);
    if (!st.isDirectory()) throw new RepoError(`not a directory: ${root}`);
    realRoot = await realpath(rootAbs);
  } catch (e) {
    if (e instanceof RepoError) throw e;
    const code = errorCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new RepoError(`no such directory: ${root}`);
    if (code === 'EACCES' || code === 'EPERM') throw new RepoError(`permission denied: ${root}`);
    if (code === 'ELOOP') throw new RepoError(`symbolic link loop: ${root}`);
    throw new RepoError(`cannot open ${root}: ${code}`);
  }

  const { warnings, warn } = createWarningLog();

  const files: LocalFile[] = [];
  const rules = new IgnoreRules();
  let stopped = false;

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
  const gitIsDir = await lstat(gitDir).then((s) => s.isDirectory(), () => false);
  if (gitIsDir) {
    const exclude = await readSmallText(nodePath.join(gitDir, 'info', 'exclude'), limits.maxFileBytes);
    if (exclude !== undefined) addRules('', '.git/info/exclude', exclude);
  }

  const visitLink = async (rel: string, abs: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(abs);
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
      st = await stat(real);
    } catch (e) {
      warn('unreadable', rel, `symbolic link target cannot be read (${errorCode(e)}), skipped`);
      return;
    }
    // A directory link inside the root: its target is walked in place (walking it here could loop).
    if (st.isFile()) addFile(new LocalFile(rel, rootAbs, real, st.size));
  };

  const visitDir = async (dir: string, queue: string[]): Promise<void> => {
    const abs = dir === '' ? rootAbs : nodePath.join(rootAbs, dir);
    let entries: Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      warn('unreadable', dir === '' ? '.' : dir, `directory cannot be read (${errorCode(e)})`);
      return;
    }
    // The directory's own .gitignore applies to everything in it, so it is read first.
    for (const entry of entries) {
      if (entry.name === '.gitignore' && entry.isFile()) {
        const rel = dir === '' ? '.gitignore' : `${dir}/.gitignore`;
        const text = await readSmallText(nodePath.join(abs, '.gitignore'), limits.maxFileBytes);
        if (text !== undefined) addRules(dir, rel, text);
        break;
      }
    }
    const links: Array<Promise<void>> = [];
    for (const entry of entries) {
      if (stopped) return;
      const name = entry.name;
      const rel = dir === '' ? name : `${dir}/${name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(name) || rules.ignores(rel, true)) continue;
        if (dirDepth(rel) >= MAX_DIR_DEPTH) {
          warn('limit', undefined, `directories deeper than ${MAX_DIR_DEPTH} levels are not walked (first: ${rel})`, 'max-depth');
          continue;
        }
        queue.push(rel);
      } else if (entry.isFile()) {
        if (!rules.ignores(rel, false)) addFile(new LocalFile(rel, rootAbs));
      } else if (entry.isSymbolicLink()) {
        if (!SKIPPED_DIRS.has(name) && !rules.ignores(rel, false)) links.push(visitLink(rel, nodePath.join(abs, name)));
      }
      // FIFOs, sockets and devices are never listed, so never opened.
    }
    await Promise.all(links);
  };

  await new Promise<void>((resolve) => {
    const queue: string[] = [''];
    let active = 0;
    const pump = (): void => {
      while (active < WALK_CONCURRENCY && queue.length > 0 && !stopped) {
        const dir = queue.pop()!;
        active++;
        visitDir(dir, queue)
          .catch((e: unknown) => warn('unreadable', dir === '' ? '.' : dir, `directory walk failed (${errorCode(e)})`))
          .finally(() => {
            active--;
            pump();
          });
      }
      if (active === 0 && (queue.length === 0 || stopped)) resolve();
    };
    pump();
  });

  if (rules.exhausted) {
    warn('limit', undefined, 'matching .gitignore rules took too long; the rest of the walk listed files without them', 'ignore-budget');
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byPath = new Map<string, LocalFile>();
  for (const f of files) byPath.set(f.path, f);
  const listing: readonly RepoFile[] = Object.freeze(files.slice());
  const commit = gitIsDir ? await readCommit(realRoot, gitDir) : undefined;

  const cache = new Map<string, string>();
  let cached = 0;

  const readText = (path: string): string | undefined => {
    const file = byPath.get(path);
    if (!file) return undefined;
    const hit = cache.get(path);
    if (hit !== undefined) return hit;
    let fd: number | undefined;
    try {
      fd = openSync(file.location(), READ_FLAGS);
      const st = fstatSync(fd);
      if (!st.isFile()) {
        warn('unreadable', path, 'not a regular file, not read');
        return undefined;
      }
      if (st.size > limits.maxFileBytes) {
        warn('too-large', path, `${st.size} bytes, over the ${limits.maxFileBytes}-byte limit; not read`);
        return undefined;
      }
      // Read at most one byte past the limit, in case the file grew since fstat.
      const buf = Buffer.allocUnsafe(Math.min(st.size, limits.maxFileBytes) + 1);
      let off = 0;
      while (off < buf.length) {
        const n = readSync(fd, buf, off, buf.length - off, off);
        if (n === 0) break;
        off += n;
      }
      if (off > limits.maxFileBytes) {
        warn('too-large', path, `over the ${limits.maxFileBytes}-byte limit; not read`);
        return undefined;
      }
      const decoded = decodeRepoText(buf.subarray(0, off));
      if (!decoded.ok) {
        warn('unreadable', path, decodeFailureMessage(decoded.reason));
        return undefined;
      }
      if (cached + decoded.text.length * 2 <= TEXT_CACHE_BYTES) {
        cache.set(path, decoded.text);
        cached += decoded.text.length * 2;
      }
      return decoded.text;
    } catch (e) {
      const code = errorCode(e);
      warn(code === 'ELOOP' ? 'outside-root' : 'unreadable', path, `cannot be read (${code})`);
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };

  return {
    root,
    ...(commit !== undefined ? { commit } : {}),
    files: () => listing,
    readText,
    warnings: () => warnings.slice(),
  };
}

// ---------------------------------------------------------------------------------------------
// The checked-out commit, read from .git without running git and without leaving the root.

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const REF_NAME = /^refs\/[A-Za-z0-9._/+-]+$/;

async function readGitFile(realRoot: string, gitDir: string, rel: string, maxBytes: number): Promise<string | undefined> {
  const abs = nodePath.join(gitDir, ...rel.split('/'));
  try {
    const real = await realpath(abs);
    if (!isInside(nodePath.join(realRoot, '.git'), real)) return undefined;
    return await readSmallText(real, maxBytes);
  } catch {
    return undefined;
  }
}

async function readCommit(realRoot: string, gitDir: string): Promise<string | undefined> {
  const head = (await readGitFile(realRoot, gitDir, 'HEAD', GIT_SMALL_FILE))?.trim();
  if (!head) return undefined;
  if (OBJECT_ID.test(head)) return head; // detached HEAD
  const m = /^ref:\s*(\S+)$/.exec(head);
  const ref = m?.[1];
  if (!ref || !REF_NAME.test(ref) || ref.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined;
  const loose = (await readGitFile(realRoot, gitDir, ref, GIT_SMALL_FILE))?.trim();
  if (loose && OBJECT_ID.test(loose)) return loose;
  const packed = await readGitFile(realRoot, gitDir, 'packed-refs', GIT_PACKED_REFS);
  if (!packed) return undefined;
  for (const line of packed.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp < 0 || line.startsWith('#') || line.startsWith('^')) continue;
    if (line.slice(sp + 1).trimEnd() === ref) {
      const id = line.slice(0, sp);
      return OBJECT_ID.test(id) ? id : undefined;
    }
  }
  return undefined;
}
