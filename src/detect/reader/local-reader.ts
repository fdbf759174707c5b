/**
 * The repository reader for a directory on disk (DESIGN sections 4 and 9).
 *
 * The directory is untrusted. The reader walks it once (`walk.ts`: .gitignore, vendored folders,
 * symbolic links kept inside the root, depth and file-count limits), never runs anything, and opens
 * files only through `local-file.ts` (regular files, no final symlink followed, size checked on the
 * open descriptor). Text is handed out only when it is valid UTF-8 without NUL bytes in its first
 * 8 KiB. Warnings carry sanitised paths; the raw path is kept for reading.
 */
import { realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { RepoFile, RepoReader } from '../types.js';
import { sanitizeLine } from '../sanitize.js';
import { createWarningLog, decodeFailureMessage, decodeRepoText, resolveLimits, type ReaderLimits } from './limits.js';
import { readCommit, readOrigin } from './git-head.js';
import { readRegularFile, type LocalFile } from './local-file.js';
import { walkRepository } from './walk.js';

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

/** Texts kept after a first read, so detectors reading the same file share one read. */
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;

/** The real path of the root directory, or a RepoError saying why it cannot be scanned. */
async function openRoot(root: string, rootAbs: string): Promise<string> {
  try {
    const st = await stat(rootAbs);
    if (!st.isDirectory()) throw new RepoError(`not a directory: ${root}`);
    return await realpath(rootAbs);
  } catch (e) {
    if (e instanceof RepoError) throw e;
    const code = (e as NodeJS.ErrnoException | undefined)?.code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new RepoError(`no such directory: ${root}`);
    if (code === 'EACCES' || code === 'EPERM') throw new RepoError(`permission denied: ${root}`);
    if (code === 'ELOOP') throw new RepoError(`symbolic link loop: ${root}`);
    throw new RepoError(`cannot open ${root}: ${code}`);
  }
}

/** The listed file at `path`: binary search in the sorted listing (no map of 100,000 paths). */
function findFile(files: readonly LocalFile[], path: string): LocalFile | undefined {
  let lo = 0;
  let hi = files.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const f = files[mid]!;
    if (f.path === path) return f;
    if (f.path < path) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export async function openLocalRepository(root: string, opts: LocalReaderOptions = {}): Promise<RepoReader> {
  const limits = resolveLimits(opts.limits);
  if (typeof root !== 'string' || root === '') throw new RepoError('no repository path given');
  const rootAbs = nodePath.resolve(root);
  const realRoot = await openRoot(root, rootAbs);
  const { warnings, warn } = createWarningLog();

  const { files, gitIsDir } = await walkRepository({ rootAbs, realRoot, limits, warn });
  const listing: readonly RepoFile[] = Object.freeze(files);
  const commit = gitIsDir ? readCommit(realRoot, nodePath.join(rootAbs, '.git')) : undefined;
  const origin = gitIsDir ? readOrigin(realRoot, nodePath.join(rootAbs, '.git')) : undefined;

  const cache = new Map<string, string>();
  let cached = 0;

  const readText = (path: string): string | undefined => {
    const file = findFile(files, path);
    if (!file) return undefined;
    const hit = cache.get(path);
    if (hit !== undefined) return hit;
    const read = readRegularFile(file.location(), limits.maxFileBytes);
    if (!read.ok) {
      if (read.reason === 'not-a-file') warn('unreadable', path, 'not a regular file, not read');
      else if (read.reason === 'too-large' && read.size !== undefined) warn('too-large', path, `${read.size} bytes, over the ${limits.maxFileBytes}-byte limit; not read`);
      else if (read.reason === 'too-large') warn('too-large', path, `over the ${limits.maxFileBytes}-byte limit; not read`);
      else warn(read.code === 'ELOOP' ? 'outside-root' : 'unreadable', path, `cannot be read (${read.code})`);
      return undefined;
    }
    const decoded = decodeRepoText(read.bytes);
    if (!decoded.ok) {
      warn('unreadable', path, decodeFailureMessage(decoded.reason));
      return undefined;
    }
    if (cached + decoded.text.length * 2 <= TEXT_CACHE_BYTES) {
      cache.set(path, decoded.text);
      cached += decoded.text.length * 2;
    }
    return decoded.text;
  };

  return {
    root,
    ...(commit !== undefined ? { commit } : {}),
    ...(origin !== undefined ? { origin } : {}),
    files: () => listing,
    readText,
    warnings: () => warnings.slice(),
  };
}
