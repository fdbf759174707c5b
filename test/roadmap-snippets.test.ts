/**
 * The roadmap data (templates/roadmap/steps.yaml) and the snippets it points at
 * (templates/roadmap/snippets/*). A snippet is pasted into someone's CI as it stands,
 * so these tests hold every snippet to the rules a reviewer would: it parses, GitHub
 * workflows are complete and pin every action to a commit SHA, keyless signing has its
 * OIDC grant, cosign signs and verifies images by digest only, verification pins the
 * signer identity and issuer, GitLab keyless jobs never pass --key, an image is signed by
 * digest before any tag is pushed or moved onto it, and nothing looks like a real secret.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';
import { lint as markdownlint } from 'markdownlint/sync';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROADMAP_DIR = join(ROOT, 'templates', 'roadmap');
const SNIPPETS_DIR = join(ROADMAP_DIR, 'snippets');
const STEPS_FILE = join(ROADMAP_DIR, 'steps.yaml');

const CRITERIA = [
  'L1.signed',
  'L1.procedure',
  'L1.custody-known',
  'L2.keys-protected',
  'L2.central-platform',
  'L2.access-restricted',
  'L3.all-signed-in-ci',
  'L3.no-long-lived-keys',
  'L3.verify-enforced',
  'L3.auditable',
] as const;

/** Snippet keys: the CI systems the detector reports (src/detect/types.ts) plus `default`. */
const SNIPPET_KEYS = new Set([
  'github-actions', 'gitlab-ci', 'jenkins', 'circleci', 'azure-pipelines', 'bitbucket-pipelines',
  'tekton', 'buildkite', 'travis', 'drone', 'cloud-build', 'codebuild', 'default',
]);
const EFFORTS = new Set(['small', 'medium', 'large']);

/**
 * Actions that could not be pinned to a confirmed commit SHA and so use a version tag.
 * Keep this empty unless a SHA truly cannot be confirmed; every entry is a reviewed
 * exception.
 */
const VERSION_TAG_EXCEPTIONS = new Set<string>();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function read(file: string): string {
  return readFileSync(join(SNIPPETS_DIR, file), 'utf8');
}

interface Option {
  id: string;
  title: Record<string, string>;
  summary: Record<string, string>;
  evidence?: Record<string, string>;
  because?: Record<string, string>;
  effort?: string;
  snippets: Record<string, string>;
}

interface Step {
  id: string;
  criteria: string[];
  title: Record<string, string>;
  why: Record<string, string>;
  effort: string;
  evidence: Record<string, string>;
  snippets?: Record<string, string>;
  options?: Option[];
}

/** Every snippet map of a step: its own, or one per option. */
function snippetMaps(s: Step): [string, Record<string, string>][] {
  return s.options ? s.options.map((o) => [`${s.id}/${o.id}`, o.snippets]) : [[s.id, s.snippets ?? {}]];
}

function loadSteps(): { steps: Step[]; errors: string[] } {
  const doc = parseDocument(readFileSync(STEPS_FILE, 'utf8'));
  const errors = [...doc.errors, ...doc.warnings].map((e) => e.message);
  const data = doc.toJS() as unknown;
  const steps = isObject(data) && Array.isArray(data.steps) ? (data.steps as unknown as Step[]) : [];
  return { steps, errors };
}

const snippetFiles = readdirSync(SNIPPETS_DIR).filter((f) => !f.startsWith('.')).sort();
const yamlSnippets = snippetFiles.filter((f) => f.endsWith('.yml'));
const shellSnippets = snippetFiles.filter((f) => f.endsWith('.sh'));
const markdownSnippets = snippetFiles.filter((f) => f.endsWith('.md'));
const githubWorkflows = snippetFiles.filter((f) => f.startsWith('github-actions-') && f.endsWith('.yml'));
const gitlabPipelines = snippetFiles.filter((f) => f.startsWith('gitlab-ci-') && f.endsWith('.yml'));

function parseYamlSnippet(file: string): { docs: Json[]; problems: string[] } {
  const docs = parseAllDocuments(read(file));
  if (!Array.isArray(docs)) {
    return { docs: [], problems: ['not a YAML stream'] };
  }
  const problems = docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
  return { docs: docs.map((d) => d.toJS() as Json), problems };
}

function firstDoc(file: string): JsonObject {
  const { docs } = parseYamlSnippet(file);
  const doc = docs[0];
  if (!isObject(doc)) throw new Error(`${file}: the first YAML document is not a mapping`);
  return doc;
}

// ---------------------------------------------------------------- shell text helpers

/** Joins backslash-continued lines so that one command is one line. */
function joinContinuations(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
    } else {
      out.push(current + line);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

/** Shell-like tokenizer: honours quotes, stops at the end of the simple command. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let inToken = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inToken = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (inToken) tokens.push(cur);
      cur = '';
      inToken = false;
      continue;
    }
    if ((c === '|' || c === ';' || c === '>' || c === '&' || c === ')') || (c === '#' && !inToken)) {
      break; // end of this simple command
    }
    cur += c;
    inToken = true;
  }
  if (inToken) tokens.push(cur);
  return tokens;
}

/** cosign flags that take no value. Every other flag written as `--flag value` consumes the next token. */
const COSIGN_BOOLEAN_FLAGS = new Set(['--yes', '-y', '--recursive', '-r', '--verbose', '-d']);

interface CosignCommand {
  file: string;
  line: string;
  sub: string;
  flags: Map<string, string>;
  positionals: string[];
}

const COSIGN_RE =
  /\bcosign\s+(sign-blob|sign|attest-blob|attest|verify-blob-attestation|verify-blob|verify-attestation|verify)\b(.*)$/;

function parseCosignLines(file: string, lines: string[]): CosignCommand[] {
  const commands: CosignCommand[] = [];
  for (const line of lines) {
    const m = COSIGN_RE.exec(line);
    if (!m) continue;
    const sub = m[1] as string;
    const tokens = tokenize(m[2] as string);
    const flags = new Map<string, string>();
    const positionals: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      if (t.startsWith('-')) {
        const eq = t.indexOf('=');
        if (eq > 0) flags.set(t.slice(0, eq), t.slice(eq + 1));
        else if (COSIGN_BOOLEAN_FLAGS.has(t)) flags.set(t, 'true');
        else {
          flags.set(t, tokens[i + 1] ?? '');
          i++;
        }
      } else {
        positionals.push(t);
      }
    }
    commands.push({ file, line: line.trim(), sub, flags, positionals });
  }
  return commands;
}

/** The text in which commands live: whole files for .yml/.sh, fenced code blocks for .md. */
function commandText(file: string): string {
  const text = read(file);
  if (!file.endsWith('.md')) return text;
  const blocks: string[] = [];
  const re = /^\s*```[^\n]*\n([\s\S]*?)^\s*```/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push(m[1] as string);
  return blocks.join('\n');
}

const allCosignCommands: CosignCommand[] = snippetFiles.flatMap((f) =>
  parseCosignLines(f, joinContinuations(commandText(f)).filter((l) => !/^\s*#/.test(l))),
);

/** Resolves `$NAME` / `${NAME}` to the value the snippet assigns to NAME (YAML env/variables or shell default). */
function resolveValue(file: string, value: string): string {
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value);
  if (!m) return value;
  const name = m[1] as string;
  const text = read(file);
  const yamlDef = new RegExp(`^\\s*${name}:\\s*(.+?)\\s*$`, 'm').exec(text);
  if (yamlDef) return (yamlDef[1] as string).replace(/^["']|["']$/g, '');
  const shellDefault = new RegExp(`${name}="\\$\\{${name}:-(.+?)\\}"`).exec(text);
  if (shellDefault) return shellDefault[1] as string;
  return value;
}

function hasKeylessSigning(text: string): boolean {
  return parseCosignLines('', joinContinuations(text)).some(
    (c) => ['sign', 'sign-blob', 'attest', 'attest-blob'].includes(c.sub) && !c.flags.has('--key'),
  );
}

// ---------------------------------------------------------------- steps.yaml

describe('templates/roadmap/steps.yaml', () => {
  const { steps, errors } = loadSteps();

  it('parses without errors or warnings and lists steps', () => {
    expect(errors).toEqual([]);
    expect(steps.length).toBeGreaterThanOrEqual(12);
  });

  it('gives every step a unique kebab-case id', () => {
    const ids = steps.map((s) => s.id);
    for (const id of ids) expect(id, String(id)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has only the known fields on every step and option', () => {
    const required = ['criteria', 'effort', 'evidence', 'id', 'title', 'why'];
    const optional = ['appliesWhen', 'doneWhen', 'ecosystems', 'options', 'recommendDefault', 'snippets'];
    for (const s of steps) {
      const keys = Object.keys(s);
      for (const k of required) expect(keys, s.id).toContain(k);
      for (const k of keys) expect([...required, ...optional], `${s.id}: ${k}`).toContain(k);
      expect('snippets' in s !== 'options' in s, `${s.id}: either snippets or options`).toBe(true);
      for (const o of s.options ?? []) {
        for (const k of ['id', 'title', 'summary', 'snippets']) expect(Object.keys(o), `${s.id}/${o.id}`).toContain(k);
        for (const k of Object.keys(o)) {
          expect(['id', 'title', 'summary', 'effort', 'evidence', 'ecosystems', 'offerWhen', 'recommendWhen', 'because', 'doneWhen', 'snippets'], `${s.id}/${o.id}: ${k}`).toContain(k);
        }
      }
    }
  });

  it('names only known criteria, at least one per step, without duplicates', () => {
    for (const s of steps) {
      expect(Array.isArray(s.criteria) && s.criteria.length > 0, s.id).toBe(true);
      expect(new Set(s.criteria).size, s.id).toBe(s.criteria.length);
      for (const c of s.criteria) expect(CRITERIA as readonly string[], `${s.id}: ${c}`).toContain(c);
    }
  });

  it('addresses every criterion, each as the primary criterion of some step or of a step with alternatives', () => {
    const covered = new Set(steps.flatMap((s) => s.criteria));
    const primary = new Set(steps.flatMap((s) => (s.options ? s.criteria : [s.criteria[0]])));
    for (const c of CRITERIA) {
      expect(covered.has(c), `${c} not addressed`).toBe(true);
      expect(primary.has(c), `${c} is nobody's primary criterion`).toBe(true);
    }
  });

  it('has English and Japanese title, why and evidence', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const s of steps) {
      for (const field of ['title', 'why', 'evidence'] as const) {
        const v = s[field];
        expect(isObject(v), `${s.id}.${field}`).toBe(true);
        expect(Object.keys(v).sort(), `${s.id}.${field}`).toEqual(['en', 'ja']);
        expect(typeof v.en === 'string' && v.en.trim().length > 0, `${s.id}.${field}.en`).toBe(true);
        expect(typeof v.ja === 'string' && japanese.test(v.ja), `${s.id}.${field}.ja`).toBe(true);
        expect(japanese.test(v.en ?? ''), `${s.id}.${field}.en has Japanese`).toBe(false);
      }
      for (const o of s.options ?? []) {
        for (const field of ['title', 'summary', 'evidence', 'because'] as const) {
          const v = o[field];
          if (v === undefined && (field === 'evidence' || field === 'because')) continue;
          expect(Object.keys(v ?? {}).sort(), `${s.id}/${o.id}.${field}`).toEqual(['en', 'ja']);
          expect(japanese.test(v!.ja ?? ''), `${s.id}/${o.id}.${field}.ja`).toBe(true);
          expect(japanese.test(v!.en ?? ''), `${s.id}/${o.id}.${field}.en has Japanese`).toBe(false);
        }
        expect(o.title.en!.length, `${s.id}/${o.id} title too long`).toBeLessThanOrEqual(80);
        // one line each: the summary names the alternative, it does not argue for it
        expect(o.summary.en!.split(/(?<=[.?!])\s+(?=[A-Z"`])/).length, `${s.id}/${o.id}.summary.en`).toBe(1);
      }
      expect(s.title.en!.length, `${s.id} title too long`).toBeLessThanOrEqual(80);
      // why: the risk in two or three sentences
      const sentences = (s.why.en ?? '').split(/(?<=[.?!])\s+(?=[A-Z"`])/).filter(Boolean);
      expect(sentences.length, `${s.id}.why.en sentences`).toBeGreaterThanOrEqual(2);
      expect(sentences.length, `${s.id}.why.en sentences`).toBeLessThanOrEqual(3);
    }
  });

  it('uses the agreed Japanese terms', () => {
    const ja = steps
      .flatMap((s) => [s.title.ja, s.why.ja, s.evidence.ja, ...(s.options ?? []).flatMap((o) => [o.title.ja, o.summary.ja, o.evidence?.ja, o.because?.ja])])
      .join('\n');
    for (const term of ['成果物署名', '署名鍵', 'キーレス署名', '鍵管理サービス', '透明性ログ', '一元管理', '長期鍵', 'アドミッションコントロール', '評価者']) {
      expect(ja, term).toContain(term);
    }
    // the same idea, never in other words
    for (const [term, agreed] of [['集中管理', '一元管理'], ['集中型', '一元管理'], ['長期の秘密鍵', '長期鍵'], ['アドミッション制御', 'アドミッションコントロール'], ['審査者', '評価者'], ['アセッサー', '評価者']]) {
      expect(ja, `${term}: use ${agreed}`).not.toContain(term);
    }
  });

  it('has a valid effort', () => {
    for (const s of steps) {
      expect(EFFORTS.has(s.effort), `${s.id}: ${s.effort}`).toBe(true);
      for (const o of s.options ?? []) if (o.effort) expect(EFFORTS.has(o.effort), `${s.id}/${o.id}: ${o.effort}`).toBe(true);
    }
  });

  it('has a default snippet, known CI keys, and snippet files that exist', () => {
    for (const [id, snippets] of steps.flatMap(snippetMaps)) {
      expect(isObject(snippets), id).toBe(true);
      expect(typeof snippets.default, `${id} has no default snippet`).toBe('string');
      for (const [key, file] of Object.entries(snippets)) {
        expect(SNIPPET_KEYS.has(key), `${id}: unknown snippet key ${key}`).toBe(true);
        expect(file, `${id}.${key}`).toMatch(/^[a-z0-9][a-z0-9.-]*\.(yml|sh|md)$/);
        expect(existsSync(join(SNIPPETS_DIR, file)), `${id}.${key}: ${file} missing`).toBe(true);
      }
      // A GitHub (GitLab) snippet is only offered to GitHub (GitLab) repositories or as the default.
      for (const [key, file] of Object.entries(snippets)) {
        if (file.startsWith('gitlab-ci-')) expect(['gitlab-ci', 'default'], `${id}.${key}`).toContain(key);
        if (file.startsWith('github-actions-')) expect(['github-actions', 'default'], `${id}.${key}`).toContain(key);
      }
    }
  });

  it('references every snippet file, and every file is .yml, .sh or .md', () => {
    const referenced = new Set(steps.flatMap(snippetMaps).flatMap(([, snippets]) => Object.values(snippets)));
    for (const f of snippetFiles) {
      expect(f, 'snippet extension').toMatch(/\.(yml|sh|md)$/);
      expect(referenced.has(f), `${f} is not referenced by any step`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- YAML snippets

describe('YAML snippets', () => {
  it.each(yamlSnippets)('%s parses without errors or warnings', (file) => {
    const { docs, problems } = parseYamlSnippet(file);
    expect(problems).toEqual([]);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(isObject(d)).toBe(true);
  });
});

// ---------------------------------------------------------------- GitHub Actions workflows

const WORKFLOW_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);
const JOB_KEYS = new Set([
  'name', 'needs', 'permissions', 'runs-on', 'environment', 'concurrency', 'outputs', 'env', 'defaults',
  'if', 'steps', 'timeout-minutes', 'strategy', 'continue-on-error', 'container', 'services', 'uses', 'with', 'secrets',
]);
const STEP_KEYS = new Set([
  'id', 'if', 'name', 'uses', 'run', 'shell', 'with', 'env', 'continue-on-error', 'timeout-minutes', 'working-directory',
]);
const PERMISSION_SCOPES = new Set([
  'actions', 'attestations', 'artifact-metadata', 'checks', 'contents', 'deployments', 'discussions', 'id-token',
  'issues', 'models', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses',
]);
const EVENTS = new Set(['push', 'pull_request', 'workflow_dispatch', 'workflow_call', 'schedule', 'release', 'workflow_run']);

type Permissions = JsonObject | string | undefined;

function permissionOf(perms: Permissions, scope: string): string {
  if (perms === undefined) return 'default';
  if (typeof perms === 'string') return perms === 'write-all' ? 'write' : perms === 'read-all' ? 'read' : 'none';
  const v = perms[scope];
  return typeof v === 'string' ? v : 'none';
}

function checkPermissions(perms: Json | undefined, where: string): void {
  if (perms === undefined) return;
  if (typeof perms === 'string') {
    expect(['read-all', 'write-all'], where).toContain(perms);
    return;
  }
  expect(isObject(perms), where).toBe(true);
  for (const [scope, value] of Object.entries(perms as JsonObject)) {
    expect(PERMISSION_SCOPES.has(scope), `${where}: unknown permission ${scope}`).toBe(true);
    const allowed = scope === 'id-token' ? ['write', 'none'] : ['read', 'write', 'none'];
    expect(allowed, `${where}.${scope}`).toContain(value);
  }
}

function jobsOf(wf: JsonObject): [string, JsonObject][] {
  const jobs = wf.jobs;
  if (!isObject(jobs)) return [];
  return Object.entries(jobs).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

function stepsOf(job: JsonObject): JsonObject[] {
  return Array.isArray(job.steps) ? job.steps.filter(isObject) : [];
}

function jobNeedsIdToken(job: JsonObject): boolean {
  const runs = stepsOf(job).map((s) => (typeof s.run === 'string' ? s.run : '')).join('\n');
  const uses = stepsOf(job).map((s) => (typeof s.uses === 'string' ? s.uses : ''));
  return (
    hasKeylessSigning(runs) ||
    /\bnpm publish\b[^\n]*--provenance/.test(runs) ||
    /ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(runs) ||
    uses.some((u) => /^(actions\/attest|actions\/attest-build-provenance|aws-actions\/configure-aws-credentials|google-github-actions\/auth)@/.test(u))
  );
}

/** Replaces `${{ ... }}` expressions with a shell-safe word for `bash -n`. */
function stripExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPR');
}

function bashSyntaxErrors(script: string): string {
  const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

describe('GitHub Actions workflow snippets', () => {
  it('exist', () => {
    expect(githubWorkflows.length).toBeGreaterThanOrEqual(8);
  });

  it.each(githubWorkflows)('%s is a complete workflow with known keys', (file) => {
    const wf = firstDoc(file);
    for (const key of Object.keys(wf)) expect(WORKFLOW_KEYS.has(key), `${file}: unknown key ${key}`).toBe(true);
    expect(typeof wf.name, `${file}: name`).toBe('string');
    expect(isObject(wf.on), `${file}: on`).toBe(true);
    for (const ev of Object.keys(wf.on as JsonObject)) expect(EVENTS.has(ev), `${file}: event ${ev}`).toBe(true);
    const jobs = jobsOf(wf);
    expect(jobs.length, `${file}: jobs`).toBeGreaterThan(0);
    checkPermissions(wf.permissions, `${file}: permissions`);
    for (const [name, job] of jobs) {
      const where = `${file}: jobs.${name}`;
      for (const key of Object.keys(job)) expect(JOB_KEYS.has(key), `${where}: unknown key ${key}`).toBe(true);
      // least privilege: permissions stated for every job, at workflow or job level
      expect(wf.permissions !== undefined || job.permissions !== undefined, `${where}: no permissions`).toBe(true);
      checkPermissions(job.permissions, `${where}.permissions`);
      if (typeof job.uses === 'string') continue; // a call to a reusable workflow
      expect(typeof job['runs-on'], `${where}: runs-on`).toBe('string');
      const steps = stepsOf(job);
      expect(steps.length, `${where}: steps`).toBeGreaterThan(0);
      for (const [i, step] of steps.entries()) {
        for (const key of Object.keys(step)) expect(STEP_KEYS.has(key), `${where}.steps[${i}]: unknown key ${key}`).toBe(true);
        expect((typeof step.uses === 'string') !== (typeof step.run === 'string'), `${where}.steps[${i}]: exactly one of uses/run`).toBe(true);
      }
      for (const [needName] of [job.needs].flat().filter((n): n is string => typeof n === 'string').map((n) => [n])) {
        expect(jobs.map(([n]) => n), `${where}: needs ${needName}`).toContain(needName);
      }
    }
  });

  it.each(githubWorkflows)('%s pins every action to a full commit SHA with a version comment', (file) => {
    const wf = firstDoc(file);
    const text = read(file);
    const refs = jobsOf(wf).flatMap(([, job]) => [
      ...(typeof job.uses === 'string' ? [job.uses] : []),
      ...stepsOf(job).flatMap((s) => (typeof s.uses === 'string' ? [s.uses] : [])),
    ]);
    for (const ref of refs) {
      if (ref.startsWith('./')) continue;
      const [action, version] = ref.split('@') as [string, string | undefined];
      if (VERSION_TAG_EXCEPTIONS.has(action)) {
        expect(version, ref).toMatch(/^v\d+\.\d+\.\d+$/);
        continue;
      }
      expect(ref, `${file}: ${ref} not pinned to a commit SHA`).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$/);
      const line = text.split('\n').find((l) => l.includes(`uses: ${ref}`)) ?? '';
      expect(line, `${file}: ${ref} needs a "# vX.Y.Z" comment`).toMatch(/#\s*v\d+\.\d+\.\d+\s*$/);
    }
  });

  it('pins each action to one SHA per version across all snippets', () => {
    const seen = new Map<string, string>();
    for (const file of githubWorkflows) {
      for (const m of read(file).matchAll(/uses:\s*([^@\s]+)@([0-9a-f]{40})\s*#\s*(v\S+)/g)) {
        const key = `${m[1]}@${m[3]}`;
        const sha = m[2] as string;
        expect(seen.get(key) ?? sha, `${file}: ${key} pinned to two different SHAs`).toBe(sha);
        seen.set(key, sha);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it.each(githubWorkflows)('%s grants id-token: write to every job that uses an OIDC identity', (file) => {
    const wf = firstDoc(file);
    let oidcJobs = 0;
    for (const [name, job] of jobsOf(wf)) {
      if (!jobNeedsIdToken(job)) continue;
      oidcJobs++;
      const perms = (job.permissions ?? wf.permissions) as Permissions;
      expect(permissionOf(perms, 'id-token'), `${file}: jobs.${name} needs id-token: write`).toBe('write');
    }
    // and no job gets an OIDC token it does not use
    for (const [name, job] of jobsOf(wf)) {
      if (jobNeedsIdToken(job) || typeof job.uses === 'string') continue;
      expect(permissionOf(job.permissions as Permissions, 'id-token'), `${file}: jobs.${name} has an unused id-token grant`).not.toBe('write');
    }
    if (/cosign sign|cosign attest|actions\/attest|--provenance/.test(read(file)) && !/--key/.test(read(file))) {
      expect(oidcJobs, `${file}: keyless workflow without an OIDC job`).toBeGreaterThan(0);
    }
  });

  it.each(githubWorkflows)('%s has run scripts that bash can parse', (file) => {
    const wf = firstDoc(file);
    for (const [name, job] of jobsOf(wf)) {
      for (const [i, step] of stepsOf(job).entries()) {
        if (typeof step.run !== 'string') continue;
        expect(bashSyntaxErrors(stripExpressions(step.run)), `${file}: jobs.${name}.steps[${i}]`).toBe('');
      }
    }
  });

  it.each(githubWorkflows)('%s passes untrusted expressions through env, not into run scripts', (file) => {
    const wf = firstDoc(file);
    for (const [name, job] of jobsOf(wf)) {
      for (const step of stepsOf(job)) {
        if (typeof step.run !== 'string') continue;
        expect(step.run, `${file}: jobs.${name} interpolates \${{ }} into a script`).not.toMatch(/\$\{\{/);
      }
    }
  });
});

// ---------------------------------------------------------------- GitLab CI pipelines

const GITLAB_GLOBAL_KEYS = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services']);
const GITLAB_JOB_KEYS = new Set([
  'stage', 'image', 'services', 'id_tokens', 'variables', 'rules', 'needs', 'before_script', 'script', 'after_script',
  'artifacts', 'environment', 'secrets', 'tags', 'when', 'allow_failure', 'dependencies', 'cache', 'timeout', 'extends',
]);

function flattenScript(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => flattenScript(x));
  return [];
}

function gitlabJobs(doc: JsonObject): [string, JsonObject][] {
  return Object.entries(doc).filter(
    (e): e is [string, JsonObject] => !GITLAB_GLOBAL_KEYS.has(e[0]) && !e[0].startsWith('.') && isObject(e[1]),
  );
}

function gitlabScript(job: JsonObject): string {
  return [...flattenScript(job.before_script), ...flattenScript(job.script), ...flattenScript(job.after_script)].join('\n');
}

describe('GitLab CI snippets', () => {
  it('exist', () => {
    expect(gitlabPipelines.length).toBeGreaterThanOrEqual(4);
  });

  it.each(gitlabPipelines)('%s declares its stages and uses only known job keys', (file) => {
    const doc = firstDoc(file);
    const stages = Array.isArray(doc.stages) ? doc.stages : [];
    const jobs = gitlabJobs(doc);
    expect(jobs.length, file).toBeGreaterThan(0);
    for (const [name, job] of jobs) {
      for (const key of Object.keys(job)) expect(GITLAB_JOB_KEYS.has(key), `${file}: ${name}.${key}`).toBe(true);
      expect(stages, `${file}: ${name} stage`).toContain(job.stage);
      expect(flattenScript(job.script).length, `${file}: ${name} has no script`).toBeGreaterThan(0);
      for (const need of flattenScript(job.needs)) expect(jobs.map(([n]) => n), `${file}: ${name} needs ${need}`).toContain(need);
    }
  });

  it.each(gitlabPipelines)('%s: keyless jobs use id_tokens SIGSTORE_ID_TOKEN (aud sigstore) and never --key', (file) => {
    const doc = firstDoc(file);
    for (const [name, job] of gitlabJobs(doc)) {
      const script = gitlabScript(job);
      const tokens = isObject(job.id_tokens) ? job.id_tokens : {};
      const sigstore = tokens.SIGSTORE_ID_TOKEN;
      const keyless = hasKeylessSigning(script) || /\bnpm publish\b[^\n]*--provenance/.test(script);
      if (keyless) {
        expect(isObject(sigstore), `${file}: ${name} signs keylessly without id_tokens.SIGSTORE_ID_TOKEN`).toBe(true);
        expect((sigstore as JsonObject).aud, `${file}: ${name} SIGSTORE_ID_TOKEN.aud`).toBe('sigstore');
      }
      if (sigstore !== undefined) {
        expect(script, `${file}: ${name} mixes keyless SIGSTORE_ID_TOKEN with --key`).not.toMatch(/--key\b/);
      }
      // the Sigstore audience is for Sigstore only
      for (const [tokenName, spec] of Object.entries(tokens)) {
        if (tokenName !== 'SIGSTORE_ID_TOKEN' && isObject(spec)) expect(spec.aud, `${file}: ${name}.${tokenName}`).not.toBe('sigstore');
      }
    }
  });

  it.each(gitlabPipelines)('%s has scripts that a POSIX shell can parse', (file) => {
    const doc = firstDoc(file);
    for (const [name, job] of gitlabJobs(doc)) {
      expect(bashSyntaxErrors(gitlabScript(job)), `${file}: ${name}`).toBe('');
    }
  });
});

// ---------------------------------------------------------------- cosign usage everywhere

describe('cosign commands in all snippets', () => {
  it('are found', () => {
    expect(allCosignCommands.filter((c) => c.sub.startsWith('sign')).length).toBeGreaterThanOrEqual(8);
    expect(allCosignCommands.filter((c) => c.sub.startsWith('verify')).length).toBeGreaterThanOrEqual(8);
  });

  it('pass --yes to every sign, sign-blob, attest and attest-blob', () => {
    for (const c of allCosignCommands.filter((c) => ['sign', 'sign-blob', 'attest', 'attest-blob'].includes(c.sub))) {
      expect(c.flags.has('--yes') || c.flags.has('-y'), `${c.file}: ${c.line}`).toBe(true);
    }
  });

  it('sign, attest and verify images by digest, never by tag', () => {
    const imageCommands = allCosignCommands.filter((c) => ['sign', 'attest', 'verify', 'verify-attestation'].includes(c.sub));
    expect(imageCommands.length).toBeGreaterThan(0);
    for (const c of imageCommands) {
      expect(c.positionals.length, `${c.file}: ${c.line} names no image`).toBeGreaterThan(0);
      for (const image of c.positionals) {
        expect(image, `${c.file}: ${c.line}`).toMatch(/@/);
        const afterLastSlash = image.slice(image.lastIndexOf('/') + 1).split('@')[0] ?? '';
        expect(afterLastSlash, `${c.file}: ${c.line} uses a tag`).not.toMatch(/:[A-Za-z0-9_.-]+$/);
      }
    }
    for (const f of snippetFiles) {
      for (const line of joinContinuations(commandText(f))) {
        if (/\bcosign\s+(sign|verify|attest)/.test(line)) expect(line, `${f}: tag in cosign command`).not.toMatch(/:(latest|v\d[\w.-]*)\b(?!@)/);
      }
    }
  });

  it('sign blobs into a bundle and verify blobs from one', () => {
    for (const c of allCosignCommands.filter((c) => ['sign-blob', 'verify-blob', 'attest-blob'].includes(c.sub))) {
      expect(c.flags.get('--bundle') ?? '', `${c.file}: ${c.line}`).not.toBe('');
    }
  });

  it('pin the signer: identity and OIDC issuer for keyless, or an explicit key', () => {
    const verifies = allCosignCommands.filter((c) => c.sub.startsWith('verify'));
    for (const c of verifies) {
      const where = `${c.file}: ${c.line}`;
      if (c.flags.has('--key')) {
        expect(c.flags.get('--key'), where).not.toBe('');
        continue;
      }
      const identity = c.flags.get('--certificate-identity');
      const identityRe = c.flags.get('--certificate-identity-regexp');
      expect(identity !== undefined || identityRe !== undefined, `${where}: no --certificate-identity`).toBe(true);
      if (identityRe !== undefined) {
        expect(resolveValue(c.file, identityRe), `${where}: identity regexp must be anchored ^...$`).toMatch(/^\^.*\$$/);
      }
      if (identity !== undefined) expect(identity, where).not.toMatch(/[*]/);
      const issuer = c.flags.get('--certificate-oidc-issuer');
      expect(issuer, `${where}: no --certificate-oidc-issuer`).toBeDefined();
      expect(resolveValue(c.file, issuer ?? ''), where).toMatch(/^(https:\/\/|\$)/);
      expect(c.flags.has('--certificate-oidc-issuer-regexp'), where).toBe(false);
    }
  });

  it('never skip the transparency log or TLS checks', () => {
    for (const f of snippetFiles) {
      const text = commandText(f);
      expect(text, f).not.toMatch(/--insecure-ignore-tlog|--allow-insecure-registry|--insecure-ignore-sct|COSIGN_EXPERIMENTAL/);
      expect(text, f).not.toMatch(/--tlog-upload=false/);
    }
  });

  it('verify GitHub attestations against the signer workflow', () => {
    for (const f of snippetFiles) {
      for (const line of joinContinuations(commandText(f))) {
        if (/^\s*#/.test(line) || !/\bgh attestation verify\b/.test(line)) continue;
        expect(line, f).toMatch(/--(repo|owner)\s/);
        expect(line, f).toMatch(/--(signer-workflow|cert-identity|signer-repo)\s/);
      }
    }
  });
});

// ---------------------------------------------------------------- Kubernetes policies

describe('admission policies', () => {
  const anchored = /^\^.*\$$/;

  it('Kyverno ClusterPolicy verifies keyless signatures from a pinned identity, logged in Rekor', () => {
    const policy = firstDoc('kyverno-verify-images.yml');
    expect(policy.apiVersion).toBe('kyverno.io/v1');
    expect(policy.kind).toBe('ClusterPolicy');
    const rules = (policy.spec as JsonObject).rules as JsonObject[];
    const verifyImages = rules.flatMap((r) => (Array.isArray(r.verifyImages) ? r.verifyImages.filter(isObject) : []));
    expect(verifyImages.length).toBeGreaterThan(0);
    for (const vi of verifyImages) {
      expect(vi.type).toBe('SigstoreBundle'); // cosign v3 stores signatures as bundles
      expect(vi.failureAction).toBe('Enforce');
      expect(vi.imageReferences).toBeDefined();
      const entries = (vi.attestors as JsonObject[]).flatMap((a) => a.entries as JsonObject[]);
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        const keyless = e.keyless as JsonObject;
        expect(typeof keyless.issuer).toBe('string');
        const subject = keyless.subject ?? keyless.subjectRegExp;
        expect(typeof subject).toBe('string');
        if (keyless.subjectRegExp !== undefined) expect(keyless.subjectRegExp).toMatch(anchored);
        expect(((keyless.rekor as JsonObject).url as string).startsWith('https://')).toBe(true);
      }
    }
  });

  it('policy-controller ClusterImagePolicy pins keyless issuer and subject', () => {
    const { docs } = parseYamlSnippet('policy-controller-cluster-image-policy.yml');
    const cip = docs.filter(isObject).find((d) => d.kind === 'ClusterImagePolicy');
    expect(cip).toBeDefined();
    expect(cip!.apiVersion).toBe('policy.sigstore.dev/v1beta1');
    const spec = cip!.spec as JsonObject;
    expect((spec.images as JsonObject[]).length).toBeGreaterThan(0);
    const authorities = spec.authorities as JsonObject[];
    expect(authorities.length).toBeGreaterThan(0);
    for (const a of authorities) {
      expect(a.signatureFormat).toBe('bundle');
      const identities = (a.keyless as JsonObject).identities as JsonObject[];
      expect(identities.length).toBeGreaterThan(0);
      for (const id of identities) {
        expect(typeof id.issuer).toBe('string');
        expect(typeof (id.subject ?? id.subjectRegExp)).toBe('string');
        if (id.subjectRegExp !== undefined) expect(id.subjectRegExp).toMatch(anchored);
      }
    }
    const ns = docs.filter(isObject).find((d) => d.kind === 'Namespace');
    expect(((ns?.metadata as JsonObject).labels as JsonObject)['policy.sigstore.dev/include']).toBe('true');
  });
});

// ---------------------------------------------------------------- shell and Markdown snippets

describe('shell snippets', () => {
  it.each(shellSnippets)('%s is a strict bash script that parses', (file) => {
    const text = read(file);
    expect(text.startsWith('#!/usr/bin/env bash\n'), file).toBe(true);
    expect(text, file).toMatch(/^set -euo pipefail$/m);
    expect(bashSyntaxErrors(text), file).toBe('');
  });
});

describe('Markdown snippets', () => {
  it.each(markdownSnippets)('%s is a short runbook with numbered steps that passes markdownlint', (file) => {
    const text = read(file);
    expect(text, file).toMatch(/^# /);
    expect(text, file).toMatch(/^\s*1\. /m);
    expect(text.split('\n').length, `${file} is too long`).toBeLessThanOrEqual(90);
    const result = markdownlint({ strings: { [file]: text }, config: { default: true, MD013: false } });
    expect(result[file] ?? [], file).toEqual([]);
  });
});

// ---------------------------------------------------------------- sign by digest before any tag

/**
 * A snippet must never let a tag name an image before that image's digest is signed: a consumer
 * pulling the tag in between (or after a failed signing step) would get an unsigned image. Every
 * operation that pushes or moves a tag must come after a `cosign sign` of a digest, in the order
 * the snippet runs: jobs by `needs` (GitHub) or by stage (GitLab), steps and lines in order.
 */
type PublishOp = { kind: 'sign' | 'tag'; what: string };

function truthyInput(v: Json | undefined): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|1)$/i.test(v.trim()));
}

/** What one shell line does to a registry: sign a digest, or push/move a tag. */
function commandOps(text: string): PublishOp[] {
  const ops: PublishOp[] = [];
  for (const raw of joinContinuations(text)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cosign = parseCosignLines('', [line])[0];
    if (cosign && cosign.sub === 'sign' && cosign.positionals.some((p) => p.includes('@'))) {
      ops.push({ kind: 'sign', what: line });
      continue;
    }
    const tag =
      /\bdocker\s+(image\s+)?push\b/.test(line) ||
      /\bpodman\s+push\b|\bbuildah\s+push\b|\bskopeo\s+copy\b/.test(line) ||
      /\bcrane["']?\s+(tag|push|copy|cp|append|mutate)\b/.test(line) ||
      /\boras\s+(push|tag)\b/.test(line) ||
      /\bregctl\s+(image\s+(copy|tag)|tag)\b/.test(line) ||
      /\bimagetools\s+create\b.*\s(-t|--tag)\b/.test(line) ||
      /\bko\s+(build|publish|resolve|apply)\b/.test(line) && !/--push=false/.test(line) ||
      /\bgoreleaser\s+release\b/.test(line) ||
      (/\bdocker\s+(buildx\s+)?(build|bake)\b/.test(line) &&
        (/\s--push\b/.test(line) || (/push=true/.test(line) && !/push-by-digest=true/.test(line))));
    if (tag) ops.push({ kind: 'tag', what: line });
  }
  return ops;
}

function githubOps(wf: JsonObject): PublishOp[] {
  const jobs = jobsOf(wf);
  const placed: [string, JsonObject][] = [];
  // jobs in the order they can run: a job after every job it needs (text order otherwise)
  while (placed.length < jobs.length) {
    const next = jobs.find(([name, job]) => !placed.some(([n]) => n === name)
      && [job.needs].flat().filter((n): n is string => typeof n === 'string').every((n) => placed.some(([p]) => p === n)));
    if (!next) break;
    placed.push(next);
  }
  return placed.flatMap(([, job]) =>
    stepsOf(job).flatMap((step): PublishOp[] => {
      if (typeof step.run === 'string') return commandOps(step.run);
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const inputs = isObject(step.with) ? step.with : {};
      if (/^docker\/(build-push|bake)-action@/.test(uses)) {
        const outputs = typeof inputs.outputs === 'string' ? inputs.outputs : '';
        const tags = typeof inputs.tags === 'string' && inputs.tags.trim() !== '';
        const byTag = (truthyInput(inputs.push) && (tags || uses.includes('bake')))
          || (/push=true/.test(outputs) && !/push-by-digest=true/.test(outputs));
        return byTag ? [{ kind: 'tag', what: `${uses} (push with tags)` }] : [];
      }
      if (/^goreleaser\/goreleaser-action@/.test(uses) && /\brelease\b/.test(String(inputs.args ?? ''))) {
        return [{ kind: 'tag', what: `${uses} release` }];
      }
      return [];
    }),
  );
}

function gitlabOps(doc: JsonObject): PublishOp[] {
  const stages = (Array.isArray(doc.stages) ? doc.stages : []).map(String);
  const jobs = gitlabJobs(doc);
  const rank = (job: JsonObject) => stages.indexOf(String(job.stage));
  return [...jobs].sort((a, b) => rank(a[1]) - rank(b[1])).flatMap(([, job]) => commandOps(gitlabScript(job)));
}

/** The registry operations of a snippet, in the order it runs them. */
function publishOps(file: string, text: string): PublishOp[] {
  if (file.endsWith('.yml')) {
    const doc = parseAllDocuments(text)[0]?.toJS() as Json;
    if (!isObject(doc)) return [];
    if (isObject(doc.jobs)) return githubOps(doc);
    if (Array.isArray(doc.stages)) return gitlabOps(doc);
    return [];
  }
  if (file.endsWith('.md')) {
    const blocks: string[] = [];
    const re = /^\s*```[^\n]*\n([\s\S]*?)^\s*```/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) blocks.push(m[1] as string);
    return commandOps(blocks.join('\n'));
  }
  return commandOps(text);
}

/** Tag operations that come before any digest is signed. */
function tagsBeforeSigning(file: string, text: string): string[] {
  const ops = publishOps(file, text);
  const firstSign = ops.findIndex((o) => o.kind === 'sign');
  return ops.filter((o, i) => o.kind === 'tag' && (firstSign < 0 || i < firstSign)).map((o) => o.what);
}

describe('images are signed by digest before any tag is pushed', () => {
  it.each(snippetFiles)('%s pushes or moves no tag before it signs the digest', (file) => {
    expect(tagsBeforeSigning(file, read(file))).toEqual([]);
  });

  it('the snippets that publish images do tag them, after signing', () => {
    const tagging = snippetFiles.filter((f) => publishOps(f, read(f)).some((o) => o.kind === 'tag'));
    expect(tagging.length).toBeGreaterThanOrEqual(4);
  });

  const gha = (steps: string) => `name: x\non: {push: {}}\npermissions: {contents: read}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;
  const buildWithTags = '      - id: build\n        uses: docker/build-push-action@0000000000000000000000000000000000000000 # v1.0.0\n        with:\n          push: true\n          tags: ghcr.io/o/i:v1\n';
  const buildByDigest = '      - id: build\n        uses: docker/build-push-action@0000000000000000000000000000000000000000 # v1.0.0\n        with:\n          outputs: type=image,name=ghcr.io/o/i,push-by-digest=true,name-canonical=true,push=true\n';
  const sign = '      - run: cosign sign --yes "ghcr.io/o/i@${DIGEST}"\n';
  const craneTag = '      - run: crane tag "ghcr.io/o/i@${DIGEST}" v1\n';
  const gitlab = (script: string[]) => `stages: [release]\njob:\n  stage: release\n  script:\n${script.map((l) => `    - ${l}`).join('\n')}\n`;

  it.each([
    ['a workflow that pushes with tags, then signs', 'github-actions-x.yml', gha(buildWithTags + sign), 1],
    ['a workflow that tags with crane before signing', 'github-actions-x.yml', gha(buildByDigest + craneTag + sign), 1],
    ['a workflow that tags in a job the signing job needs', 'github-actions-x.yml',
      'name: x\non: {push: {}}\npermissions: {contents: read}\njobs:\n  sign:\n    needs: tag\n    runs-on: u\n    steps:\n' + sign + '  tag:\n    runs-on: u\n    steps:\n' + craneTag, 1],
    ['a GitLab job that runs docker push, then signs', 'gitlab-ci-x.yml', gitlab(['docker push "$IMAGE:$CI_COMMIT_TAG"', 'cosign sign --yes "$IMAGE@$DIGEST"']), 1],
    ['a script that builds with --push -t, then signs', 'x.sh', 'docker buildx build --push -t r/i:v1 .\ncosign sign --yes r/i@sha256:abc\n', 1],
    ['a script that tags but never signs', 'x.sh', 'docker buildx imagetools create -t r/i:v1 r/i@sha256:abc\n', 1],
    ['a workflow that pushes by digest, signs, then tags', 'github-actions-x.yml', gha(buildByDigest + sign + craneTag), 0],
    ['a GitLab job that pushes by digest, signs, then tags', 'gitlab-ci-x.yml',
      gitlab(['docker buildx build --output "type=image,name=r/i,push-by-digest=true,push=true" .', 'cosign sign --yes "r/i@$D"', 'crane tag "r/i@$D" v1']), 0],
  ])('catches %s', (_what, file, text, found) => {
    expect(tagsBeforeSigning(file, text)).toHaveLength(found);
  });
});

// ---------------------------------------------------------------- secrets

describe('no secrets in snippets', () => {
  const patterns: [string, RegExp][] = [
    ['private key block', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/],
    ['cosign key file', /-----BEGIN (ENCRYPTED )?(COSIGN|SIGSTORE) PRIVATE KEY-----/],
    ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
    ['AWS secret key assignment', /aws_secret_access_key\s*[=:]\s*[A-Za-z0-9/+]{40}/i],
    ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
    ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
    ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
    ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
    ['Vault token', /\bhv[sb]\.[A-Za-z0-9_-]{20,}/],
    ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
    ['Google service-account key', /"private_key"\s*:/],
    ['literal password', /\b(password|passwd|secret|token)\s*[:=]\s*["']?(?![$<{]|\*\*\*)[A-Za-z0-9!@#%^&*_+=/-]{8,}["']?\s*$/im],
  ];

  it.each(snippetFiles)('%s contains no key material or credentials', (file) => {
    const text = read(file);
    for (const [what, re] of patterns) expect(re.test(text), `${file}: ${what}`).toBe(false);
  });

  it('the checks catch what they are meant to catch', () => {
    const sample = [
      '-----BEGIN EC PRIVATE KEY-----',
      'AKIAIOSFODNN7EXAMPLE',
      `ghp_${'a'.repeat(36)}`,
      'password: hunter2hunter2',
    ];
    expect(sample.map((s) => patterns.some(([, re]) => re.test(s)))).toEqual([true, true, true, true]);
    expect(patterns.some(([, re]) => re.test('password: ${{ secrets.GITHUB_TOKEN }}'))).toBe(false);
  });
});
