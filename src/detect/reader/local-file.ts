/**
 * One file of a local checkout, and the only way the local reader opens one (DESIGN sections 4 and 9):
 * never through a final symbolic link, only when it is a regular file (no FIFOs, devices or sockets),
 * and its size checked on the open descriptor before a byte is read.
 */
import { closeSync, constants as fsc, fstatSync, openSync, readSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { RepoFile } from '../types.js';
import { decodeRepoText } from './limits.js';

const READ_FLAGS = fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0);

export class LocalFile implements RepoFile {
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

export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** Whether the real path `real` is `realRoot` or inside it. */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(nodePath.sep) ? realRoot : realRoot + nodePath.sep);
}

export type ReadOutcome =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'not-a-file' }
  | { ok: false; reason: 'too-large'; size?: number }
  | { ok: false; reason: 'error'; code: string };

/** The bytes of a regular file of at most `maxBytes`, opened without following a final symlink. */
export function readRegularFile(abs: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(abs, READ_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size };
    // Read at most one byte past the limit, in case the file grew since fstat.
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off > maxBytes) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: buf.subarray(0, off) };
  } catch (e) {
    return { ok: false, reason: 'error', code: errorCode(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of a small file the reader needs for itself (`.gitignore`, `.git/HEAD`); undefined when anything is off. */
export function readSmallText(abs: string, maxBytes: number): string | undefined {
  const read = readRegularFile(abs, maxBytes);
  if (!read.ok) return undefined;
  const decoded = decodeRepoText(read.bytes);
  return decoded.ok ? decoded.text : undefined;
}
