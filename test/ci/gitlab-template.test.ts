/**
 * ci/gitlab/sigmature.gitlab-ci.yml (issue 9, part 5): linted against the shape GitLab reads
 * (known job keywords, script present, rules and variables shapes), and its script run locally
 * under a POSIX sh with stub `npm` and `sigmature` commands that record their arguments.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calls, runScript, sandbox } from './runner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const template = parse(readFileSync(join(root, 'ci', 'gitlab', 'sigmature.gitlab-ci.yml'), 'utf8')) as Record<string, unknown>;
const work = mkdtempSync(join(tmpdir(), 'sigmature-gitlab-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// GitLab CI/CD YAML syntax reference: global keywords and job keywords
const GLOBAL = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script']);
const JOB_KEYS = new Set([
  'after_script', 'allow_failure', 'artifacts', 'before_script', 'cache', 'coverage', 'dast_configuration', 'dependencies',
  'environment', 'extends', 'hooks', 'id_tokens', 'identity', 'image', 'inherit', 'interruptible', 'needs', 'pages', 'parallel',
  'release', 'resource_group', 'retry', 'rules', 'script', 'secrets', 'services', 'stage', 'tags', 'timeout', 'trigger', 'variables', 'when',
]);
const RULE_KEYS = new Set(['if', 'changes', 'exists', 'when', 'allow_failure', 'variables', 'needs', 'interruptible']);
type Job = Record<string, unknown> & { script?: string[]; extends?: string; rules?: Record<string, unknown>[]; artifacts?: Record<string, unknown> };
const jobs = Object.entries(template).filter(([k]) => !GLOBAL.has(k)) as [string, Job][];
const resolved = (job: Job): Job => (job.extends ? { ...resolved(template[job.extends] as Job), ...job } : job);

describe('GitLab template: lint', () => {
  it('has known job keys, a script for every visible job, and extends only what exists', () => {
    expect(jobs.map(([k]) => k).sort()).toEqual(['.sigmature-check', 'sigmature-check']);
    for (const [name, job] of jobs) {
      expect(Object.keys(job).filter((k) => !JOB_KEYS.has(k)), name).toEqual([]);
      if (job.extends) expect(template, name).toHaveProperty(job.extends);
      const full = resolved(job);
      expect(Array.isArray(full.script) && full.script.length > 0, name).toBe(true);
      for (const line of full.script!) expect(typeof line).toBe('string');
    }
  });

  it('variables are a map of strings; every one the script reads is declared', () => {
    const vars = template.variables as Record<string, unknown>;
    for (const [k, v] of Object.entries(vars)) {
      expect(k).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(typeof v, k).toBe('string');
    }
    const script = resolved(template['sigmature-check'] as Job).script!.join('\n');
    const read = new Set([...script.matchAll(/\$\{?(SIGMATURE_[A-Z_]+)/g)].map((m) => m[1]!));
    expect([...read].filter((v) => !(v in vars))).toEqual([]);
    expect([...Object.keys(vars)].filter((v) => !read.has(v))).toEqual([]);
  });

  it('rules are a list of maps with known keys and an if expression', () => {
    const rules = (template['sigmature-check'] as Job).rules!;
    expect(Array.isArray(rules)).toBe(true);
    for (const r of rules) {
      expect(Object.keys(r).filter((k) => !RULE_KEYS.has(k))).toEqual([]);
      expect(typeof r.if).toBe('string');
    }
  });

  it('keeps the report files as artifacts even when the gate fails', () => {
    const artifacts = (template['.sigmature-check'] as Job).artifacts!;
    expect(artifacts.when).toBe('always');
    expect(artifacts.paths).toEqual(['sigmature-check.*']);
  });
});

describe('GitLab template: the script', () => {
  const script = resolved(template['sigmature-check'] as Job).script!.join('\n');
  const defaults = template.variables as Record<string, string>;
  let n = 0;
  function run(vars: Record<string, string> = {}, env: Record<string, string> = {}) {
    const s = sandbox(join(work, `run-${n++}`));
    const npmDir = join(s.dir, 'npm-bin');
    mkdirSync(npmDir);
    writeFileSync(join(npmDir, 'npm'), '#!/bin/sh\necho "npm $*" >> "$STUB_NPM_LOG"\n');
    chmodSync(join(npmDir, 'npm'), 0o755);
    const r = runScript(script, 'sh', s, { ...defaults, ...vars, STUB_NPM_LOG: join(s.dir, 'npm.log'), ...env }, [npmDir]);
    return { ...r, s, calls: calls(s), npm: existsSync(join(s.dir, 'npm.log')) ? readFileSync(join(s.dir, 'npm.log'), 'utf8') : '' };
  }

  it('installs the pinned version and prints the Markdown report to the job log', () => {
    const r = run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.npm.trim()).toBe('npm install --global --no-audit --no-fund sigmature@0.1.0');
    expect(r.calls).toEqual([['check', '.', '--format', 'markdown']]);
    expect(r.stdout).toContain('## sigmature check');
    expect(readFileSync(join(r.s.dir, 'sigmature-check.md'), 'utf8')).toContain('stub report');
  });

  it('maps the variables to check\'s options, and writes the report artifact', () => {
    const r = run({ SIGMATURE_DIR: 'svc', SIGMATURE_ANSWERS: 'a b.yaml', SIGMATURE_MIN_LEVEL: '2', SIGMATURE_FAIL_ON_CONTRADICTION: 'false', SIGMATURE_FORMAT: 'intoto' });
    expect(r.code, r.stderr).toBe(0);
    const base = ['check', 'svc', '--answers', 'a b.yaml', '--min-level', '2', '--allow-contradictions'];
    // one run, one scan: the artifact comes from --also
    expect(r.calls).toEqual([[...base, '--also', 'intoto=sigmature-check.intoto.json', '--format', 'markdown']]);
    expect(existsSync(join(r.s.dir, 'sigmature-check.intoto.json'))).toBe(true);
  });

  it('fails the job with the check\'s exit code 1, after printing the report and writing the artifact', () => {
    const r = run({ SIGMATURE_FORMAT: 'sarif' }, { STUB_EXIT: '1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('stub report');
    expect(existsSync(join(r.s.dir, 'sigmature-check.sarif'))).toBe(true);
  });

  it('stops on exit 2 and refuses a bad variable before running check', () => {
    expect(run({}, { STUB_EXIT: '2' }).code).toBe(2);
    const bad = run({ SIGMATURE_FORMAT: 'pdf' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SIGMATURE_FORMAT must be markdown, json, sarif or intoto');
    expect(bad.calls).toEqual([]);
  });
});
