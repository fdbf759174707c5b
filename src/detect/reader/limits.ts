/**
 * Limits and policy every repository reader enforces (DESIGN sections 4 and 9). The repository is
 * untrusted: sizes, counts, YAML aliasing and nesting are bounded, vendored code is not read, and
 * text is only handed out when it is valid UTF-8.
 */
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

/** Deepest directory level walked (a 'limit' warning names the first directory cut off). */
export const MAX_DIR_DEPTH = 128;

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
