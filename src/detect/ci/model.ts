/**
 * The normalised CI model every CI parser produces: a pipeline is jobs, a job is steps, a step is
 * what a CI system runs (an action/task/orb reference with its inputs, or shell lines, each line
 * with its own number). Detectors never see CI-specific YAML, only this.
 */
import type { CiSystem, ScanWarning } from '../types.js';
import type { SourceLine } from '../shell.js';
import type { YamlFile } from './yaml-nodes.js';

export interface Loc {
  file: string;
  line: number;
}

export interface Valued {
  value: string;
  line: number;
}

export type ValueMap = Record<string, Valued>;

export interface CiStep {
  file: string;
  line: number;
  name?: string;
  /** An action (`owner/repo@ref`), an Azure task (`task:Docker@2`), a Bitbucket pipe (`pipe:…`), an orb command. */
  uses?: string;
  usesLine?: number;
  with: ValueMap;
  env: ValueMap;
  /** Shell lines, continuations joined, each with the line where it starts (in `file`). */
  run: SourceLine[];
  /** The directory the step's commands run in, relative to the root (`working-directory:`). */
  workdir?: string;
  /** The step that reached this one (a local composite action's caller, an included template's user). */
  via?: Loc;
  /** GitHub's `if:` condition, as written (evaluated only when inputs make it a literal comparison). */
  condition?: string;
}

export interface CiJob {
  id: string;
  file: string;
  line: number;
  steps: CiStep[];
  env: ValueMap;
  /** `permissions: id-token: write` (GitHub) or `id_tokens:` (GitLab): the job can get an OIDC token. */
  idToken?: Loc;
  /** Credentials bound to variables (Jenkins `withCredentials`, `credentials()`): variable names. */
  secretVariables?: string[];
  /** Where each credential variable is bound (Jenkins `withCredentials([...variable: 'X'])`). */
  secretBindings?: Record<string, Loc>;
  /** The jobs this one waits for (GitHub `needs:`), by their ids in the same workflow file. */
  needs?: string[];
}

export interface Pipeline {
  system: CiSystem;
  /** The file that defines the pipeline (its entry point). */
  file: string;
  jobs: CiJob[];
  env: ValueMap;
  idToken?: Loc;
}

/** What parsers need: cached, bounded YAML reading, and a place to record warnings. */
export interface ParseContext {
  /** Paths of every file, for existence checks and globbing (never read all of them). */
  exists(path: string): boolean;
  paths(): readonly string[];
  readText(path: string): string | undefined;
  /** Reads without keeping the text: for files searched for a marker before they are parsed. */
  peekText(path: string): string | undefined;
  /** Parses a YAML file (first document), or records an `unparsable` warning and returns undefined. */
  readYaml(path: string): YamlFile | undefined;
  /** The text of one line of a file that was read ('' when unknown), for sites and excerpts. */
  lineText(file: string, line: number): string;
  /** Every document of a YAML file. */
  readYamlDocs(path: string): YamlFile[];
  warn(w: ScanWarning): void;
}

export function emptyStep(file: string, line: number): CiStep {
  return { file, line, with: {}, env: {}, run: [] };
}

/** An empty job of a YAML pipeline, at its line. */
export function job(id: string, y: YamlFile, line: number): CiJob {
  return { id, file: y.path, line, steps: [], env: {} };
}

/** A step that runs shell lines. */
export function runStep(y: YamlFile, line: number, run: SourceLine[], name?: string): CiStep {
  const s = emptyStep(y.path, line);
  s.run = run;
  s.name = name;
  return s;
}

/** Normalises a repository-relative path: `./a/../b` → `b`; undefined when it leaves the root. */
export function normalisePath(path: string, base = ''): string | undefined {
  const joined = path.startsWith('/') ? path.slice(1) : (base ? base + '/' : '') + path;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
