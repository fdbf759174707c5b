/**
 * An in-memory repository with the local reader's semantics, for detector tests: vendored folders
 * and `.gitignore`d paths are not listed, paths are sorted, files over the size limit are listed but
 * not read, binary and invalid UTF-8 files are not read, and each refusal leaves one warning.
 */
import type { RepoFile, RepoReader } from '../types.js';
import { IgnoreRules, compileGitignore } from './gitignore.js';
import {
  MAX_DIR_DEPTH, SKIPPED_DIRS, dirDepth, decodeFailureMessage, decodeRepoText, resolveLimits, createWarningLog, type ReaderLimits,
} from './limits.js';

export interface MemoryReaderOptions {
  root?: string;
  commit?: string;
  /** The `origin` remote, as a checkout's `.git/config` would give it. */
  origin?: { url: string; defaultBranch?: string };
  limits?: Partial<ReaderLimits>;
}

const encoder = new TextEncoder();

/** A POSIX path relative to the root, or undefined when it would leave the root. */
function normalise(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return undefined;
  return parts.length > 0 ? parts.join('/') : undefined;
}

export function createMemoryReader(files: Record<string, string | Uint8Array>, opts: MemoryReaderOptions = {}): RepoReader {
  const limits = resolveLimits(opts.limits);
  const { warnings, warn } = createWarningLog();

  // Normalise and drop paths that leave the root.
  const contents = new Map<string, Uint8Array>();
  for (const [raw, content] of Object.entries(files)) {
    const path = normalise(raw);
    if (path === undefined) {
      warn('outside-root', raw, 'path leads outside the repository root, skipped');
      continue;
    }
    contents.set(path, typeof content === 'string' ? encoder.encode(content) : content);
  }

  // .gitignore files everywhere, and .git/info/exclude at the root (read before SKIPPED_DIRS applies).
  const rules = new IgnoreRules();
  const addRules = (dir: string, bytes: Uint8Array, name: string): void => {
    const decoded = decodeRepoText(bytes);
    if (!decoded.ok || bytes.length > limits.maxFileBytes) return;
    const { test, patterns, dropped } = compileGitignore(decoded.text);
    if (dropped > 0) warn('limit', name, `${dropped} ignore pattern(s) too long or too complex, not applied`);
    if (!rules.add(dir, test, patterns)) warn('limit', name, 'too many ignore patterns in the repository; these are not applied');
  };
  const exclude = contents.get('.git/info/exclude');
  if (exclude) addRules('', exclude, '.git/info/exclude');
  for (const [path, bytes] of [...contents].sort(([a], [b]) => dirDepth(a) - dirDepth(b) || cmp(a, b))) {
    if (path === '.gitignore' || path.endsWith('/.gitignore')) {
      addRules(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', bytes, path);
    }
  }

  const isListed = (path: string): boolean => {
    const parts = path.split('/');
    if (parts.length - 1 > MAX_DIR_DEPTH) {
      warn('limit', undefined, `directories deeper than ${MAX_DIR_DEPTH} levels are not walked (first: ${parts.slice(0, MAX_DIR_DEPTH + 1).join('/')})`, 'max-depth');
      return false;
    }
    for (let i = 0; i < parts.length - 1; i++) {
      if (SKIPPED_DIRS.has(parts[i]!)) return false;
      if (rules.ignores(parts.slice(0, i + 1).join('/'), true)) return false;
    }
    return !rules.ignores(path, false);
  };

  let listed: RepoFile[] = [];
  for (const [path, bytes] of contents) if (isListed(path)) listed.push({ path, size: bytes.length });
  listed.sort((a, b) => cmp(a.path, b.path));
  if (listed.length > limits.maxFiles) {
    warn('limit', undefined, `more than ${limits.maxFiles} files; only the first ${limits.maxFiles} are read`, 'max-files');
    listed = listed.slice(0, limits.maxFiles);
  }
  const listedPaths = new Set(listed.map((f) => f.path));
  const frozen: readonly RepoFile[] = Object.freeze(listed.map((f) => Object.freeze(f)));

  return {
    root: opts.root ?? '<memory>',
    ...(opts.commit !== undefined ? { commit: opts.commit } : {}),
    ...(opts.origin !== undefined ? { origin: opts.origin } : {}),
    files: () => frozen,
    warnings: () => warnings.slice(),
    readText(path: string): string | undefined {
      const p = normalise(path);
      if (p === undefined || !listedPaths.has(p)) return undefined;
      const bytes = contents.get(p)!;
      if (bytes.length > limits.maxFileBytes) {
        warn('too-large', p, `${bytes.length} bytes, over the ${limits.maxFileBytes}-byte limit; not read`);
        return undefined;
      }
      const decoded = decodeRepoText(bytes);
      if (!decoded.ok) {
        warn('unreadable', p, decodeFailureMessage(decoded.reason));
        return undefined;
      }
      return decoded.text;
    },
  };
}

/** Code-unit order, the same in every locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
