/**
 * The checked-out commit of a local checkout, and the `origin` remote's URL and default branch, read
 * from `.git` without running git and without leaving the root: `HEAD`, then the loose ref it names,
 * then `packed-refs`; `config` and `refs/remotes/origin/HEAD`. A `.git` file (a worktree pointing
 * elsewhere) is not followed.
 */
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isInside, readSmallText } from './local-file.js';

const GIT_SMALL_FILE = 64 * 1024;
const GIT_PACKED_REFS = 16 * 1024 * 1024;
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const REF_NAME = /^refs\/[A-Za-z0-9._/+-]+$/;

function readGitFile(realRoot: string, gitDir: string, rel: string, maxBytes: number): string | undefined {
  const abs = nodePath.join(gitDir, ...rel.split('/'));
  try {
    const real = realpathSync.native(abs);
    if (!isInside(nodePath.join(realRoot, '.git'), real)) return undefined;
    return readSmallText(real, maxBytes);
  } catch {
    return undefined;
  }
}

/** The commit `HEAD` points at, when `.git` (a real directory, `gitDir`) says so plainly. */
export function readCommit(realRoot: string, gitDir: string): string | undefined {
  const head = readGitFile(realRoot, gitDir, 'HEAD', GIT_SMALL_FILE)?.trim();
  if (!head) return undefined;
  if (OBJECT_ID.test(head)) return head; // detached HEAD
  const m = /^ref:\s*(\S+)$/.exec(head);
  const ref = m?.[1];
  if (!ref || !REF_NAME.test(ref) || ref.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined;
  const loose = readGitFile(realRoot, gitDir, ref, GIT_SMALL_FILE)?.trim();
  if (loose && OBJECT_ID.test(loose)) return loose;
  const packed = readGitFile(realRoot, gitDir, 'packed-refs', GIT_PACKED_REFS);
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

/** The `origin` remote's URL as `config` writes it, and the branch `refs/remotes/origin/HEAD` names. */
export function readOrigin(realRoot: string, gitDir: string): { url: string; defaultBranch?: string } | undefined {
  const config = readGitFile(realRoot, gitDir, 'config', GIT_SMALL_FILE);
  if (!config) return undefined;
  const section = /^\s*\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(config)?.[1] ?? '';
  const url = /^\s*url\s*=\s*(.+?)\s*$/m.exec(section)?.[1];
  if (!url) return undefined;
  const head = /^ref:\s*refs\/remotes\/origin\/([A-Za-z0-9._/+-]+)\s*$/m.exec(readGitFile(realRoot, gitDir, 'refs/remotes/origin/HEAD', GIT_SMALL_FILE) ?? '')?.[1];
  return head ? { url, defaultBranch: head } : { url };
}
