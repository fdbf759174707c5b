/**
 * Where the repository lives, for the certificate identities its workflows get: the `origin` remote
 * the reader found in `.git/config` (reader/git-head.ts), or the URL the user gives (`--repo-url`).
 */
import type { RepositoryAddress } from './identities.js';

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

/** The repository's address: `--repo-url` when given, else the checkout's origin remote, if any. */
export function repositoryAddress(origin: { url: string; defaultBranch?: string } | undefined, repoUrl?: string): RepositoryAddress | undefined {
  if (repoUrl !== undefined) return parseRepositoryUrl(repoUrl);
  const address = origin ? parseRepositoryUrl(origin.url) : undefined;
  return address && origin?.defaultBranch ? { ...address, defaultBranch: origin.defaultBranch } : address;
}
