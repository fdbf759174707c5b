/**
 * Where the repository lives, for the certificate identities its workflows get: the `origin` remote of
 * the checkout (`.git/config`), or the URL the user gives (`--repo-url`). Read-only, size-capped, and
 * a worktree's `.git` file (`gitdir: …`) is followed to the main repository's config.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { RepositoryAddress } from './identities.js';

const MAX_CONFIG = 256 * 1024;

/** `git@github.com:acme/app.git`, `https://gitlab.example.com/group/sub/project`, `ssh://git@host:22/a/b.git`. */
export function parseRepositoryUrl(url: string): RepositoryAddress | undefined {
  const u = url.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)([\w./-]+?)(?:\.git)?\/?$/.exec(u);
  const full = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/([\w./-]+?)(?:\.git)?\/?$/.exec(u);
  const bare = /^([\w-]+(?:\.[\w-]+)+)\/([\w./-]+?)(?:\.git)?\/?$/.exec(u);
  const m = full ?? scp ?? bare;
  if (!m || !m[2]!.includes('/')) return undefined;
  return { host: m[1]!.toLowerCase(), path: m[2]!.replace(/^\/+/, '') };
}

function readSmall(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_CONFIG) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git directory of a checkout (following a worktree's `.git` file to the common directory). */
function gitDir(root: string): string | undefined {
  const dotGit = join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return undefined;
  }
  const pointer = /^gitdir:\s*(.+)$/m.exec(readSmall(dotGit) ?? '')?.[1]?.trim();
  if (!pointer) return undefined;
  const dir = isAbsolute(pointer) ? pointer : resolve(root, pointer);
  const common = readSmall(join(dir, 'commondir'))?.trim();
  return common ? resolve(dir, common) : dir;
}

/** The `origin` remote's address and default branch, when the checkout records them. */
export function repositoryAddressOf(root: string): RepositoryAddress | undefined {
  const dir = gitDir(root);
  if (!dir) return undefined;
  const config = readSmall(join(dir, 'config'));
  if (!config) return undefined;
  const section = /^\s*\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(config)?.[1] ?? '';
  const url = /^\s*url\s*=\s*(.+?)\s*$/m.exec(section)?.[1];
  const address = url ? parseRepositoryUrl(url) : undefined;
  if (!address) return undefined;
  const head = /^ref:\s*refs\/remotes\/origin\/(.+)$/m.exec(readSmall(join(dir, 'refs', 'remotes', 'origin', 'HEAD')) ?? '')?.[1]?.trim();
  return head ? { ...address, defaultBranch: head } : address;
}
