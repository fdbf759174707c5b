/**
 * Parsed data compiled at build time. Parsing and validating the built-in bank and roadmap from
 * YAML costs a few hundred milliseconds on every run (the YAML parser starts cold); the build writes
 * the parsed result to `dist/snapshots.json` with the size and mtime of every source file, and a run
 * uses it only while those files are unchanged. Edited sources, tests (no dist/) and `--bank` go
 * through the YAML loaders as before.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../paths.js';

export const SNAPSHOT_FILE = join(packageRoot, 'dist', 'snapshots.json');

interface SourceStamp { path: string; size: number; mtimeMs: number }
interface Entry { sources: SourceStamp[]; value: unknown }

let cache: Record<string, Entry> | null | undefined;

function stamp(path: string): SourceStamp {
  const st = statSync(path);
  // whole milliseconds: sub-millisecond parts do not survive every copy or touch of a file
  return { path: relative(packageRoot, path), size: st.size, mtimeMs: Math.round(st.mtimeMs) };
}

/** An entry for the build to write: the value and the stamps of the files it came from. */
export function snapshotEntry(value: unknown, sources: string[]): Entry {
  return { value, sources: sources.map(stamp) };
}

/** The snapshot's value when every source file is as it was at build time; otherwise undefined. */
export function readSnapshot<T>(name: string): T | undefined {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as Record<string, Entry>;
    } catch {
      cache = null;
    }
  }
  const entry = cache?.[name];
  if (!entry) return undefined;
  try {
    for (const s of entry.sources) {
      const now = stamp(join(packageRoot, s.path));
      if (now.size !== s.size || now.mtimeMs !== s.mtimeMs) return undefined;
    }
  } catch {
    return undefined;
  }
  return entry.value as T;
}
