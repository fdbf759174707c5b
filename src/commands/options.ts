/**
 * Turns parsed flags into checked options: every bad value is a one-line UsageError (exit 2).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../exit.js';
import { localeLang } from '../i18n/locale.js';
import type { Lang } from '../i18n/report-messages.js';
import { parseRepositoryUrl } from '../detect/identity/origin.js';

export interface Options {
  lang: Lang;
  bankDir?: string;
  template?: string;
  format?: string;
  out?: string;
  minLevel?: number;
  answers?: string;
  repo?: string;
  compare?: string;
  /** `report --history FILE`: the history file to read and append to (else the rule in report/history.ts). */
  history?: string;
  fresh: boolean;
  dir?: string;
  /** check: `--max-age` as given (parsed by the command) and `--allow-contradictions`. */
  maxAge?: string;
  /** `check --also FORMAT=FILE`: more outputs of the same run (one scan, several formats). */
  also?: { format: string; file: string }[];
  allowContradictions?: boolean;
  /** `--repo-url URL`: where the repository lives, when its checkout has no `origin` remote (signer identities). */
  repoUrl?: string;
}

export function resolveOptions(values: Record<string, string | boolean | undefined>, dir: string | undefined): Options {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const lang = str('lang') ?? localeLang();
  if (lang !== 'en' && lang !== 'ja') throw new UsageError(`--lang must be en or ja, not "${lang}"`);
  const minLevelText = str('min-level');
  let minLevel: number | undefined;
  if (minLevelText !== undefined) {
    if (!/^[0-3]$/.test(minLevelText)) throw new UsageError(`--min-level must be 0, 1, 2 or 3, not "${minLevelText}"`);
    minLevel = Number(minLevelText);
  }
  let template = str('template');
  if (template !== undefined) {
    if (!existsSync(template)) throw new UsageError(`--template: no such file: ${template}`);
    template = readFileSync(template, 'utf8');
  }
  const out = str('out');
  if (out !== undefined && out !== '-') checkOut(out);
  const also = (Array.isArray(values.also) ? (values.also as string[]) : []).map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1) throw new UsageError(`--also takes FORMAT=FILE (for example sarif=check.sarif), not "${spec}"`);
    const file = spec.slice(at + 1);
    if (file !== '-') checkOut(file, '--also');
    return { format: spec.slice(0, at), file };
  });
  const repoUrl = str('repo-url');
  if (repoUrl !== undefined && parseRepositoryUrl(repoUrl) === undefined) {
    throw new UsageError(`--repo-url must be a repository URL such as https://github.com/OWNER/REPO, not "${repoUrl}"`);
  }
  const history = str('history');
  if (history !== undefined) checkOut(history, '--history');
  return {
    lang, minLevel, template, dir,
    bankDir: str('bank'), format: str('format'), out: str('out'), answers: str('answers'),
    repo: str('repo'), compare: str('compare'), history, fresh: values.fresh === true,
    maxAge: str('max-age'), allowContradictions: values['allow-contradictions'] === true,
    ...(also.length ? { also } : {}),
    ...(repoUrl !== undefined ? { repoUrl } : {}),
  };
}

export function checkFormat<T extends string>(format: string | undefined, allowed: readonly T[], fallback: T): T {
  if (format === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`--format must be ${allowed.join(', ')}, not "${format}"`);
  return format as T;
}

/** `--out FILE` must be writable where it points: its parent a directory (checked before any work is done). */
function checkOut(out: string, flag = '--out'): void {
  const parent = dirname(out);
  const stat = statSync(parent, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${flag} ${out}: no such directory: ${parent}`);
  if (!stat.isDirectory()) throw new UsageError(`${flag} ${out}: ${parent} is a file, not a directory`);
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${out}: is a directory`);
}
