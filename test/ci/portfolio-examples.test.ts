/**
 * The portfolio's deployment examples (issue 12, part 4): examples/portfolio/github-actions.yml and
 * examples/portfolio/kubernetes.yaml, linted against the shape GitHub and Kubernetes read (no
 * network here for their JSON schemas or an API server), then their scripts run locally with a stub
 * `npx` that runs dist/cli.js: the shards' (or the matrix jobs') JSON, merged by `portfolio`, gives the
 * table of one run over every checkout.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { isPinned, usesOf } from './pins.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'sigmature-portfolio-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const REPOS = ['gha-keyless-image', 'committed-key', 'jenkins-gpg', 'cosign-vault', 'multi-publish-partial'];
const bin = join(work, 'bin');
const checkouts = join(work, 'checkouts');

interface Step { uses?: string; run?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { needs?: string | string[]; if?: string; 'runs-on': string; outputs?: Record<string, string>; strategy?: { matrix: Record<string, unknown>; 'fail-fast'?: boolean }; steps: Step[] }

beforeAll(() => {
  mkdirSync(bin, { recursive: true });
  // `npx --yes sigmature@VERSION ARGS` → node dist/cli.js ARGS
  // every call is logged to $NPX_LOG when set (how many times a job runs sigmature)
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = "--yes" ] || exit 90\ncase "$2" in sigmature@*) ;; *) exit 91 ;; esac\nshift 2\n[ -z "$NPX_LOG" ] || echo "$1" >> "$NPX_LOG"\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  for (const r of REPOS) cpSync(join(root, 'test/fixtures/repos', r), join(checkouts, 'example', r), { recursive: true });
  cpSync(join(root, 'test/fixtures/check/keyless'), join(checkouts, 'example', 'keyless'), { recursive: true });
});

function sh(shell: string, script: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync(shell, shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script] : ['-ec', script], {
    cwd, encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH}`, LANG: 'C', ...env }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// rows without where they were read (source, path): the same repositories scanned elsewhere
type Row = { id: string; name: string; source: string; path?: string };
const direct = () => {
  const r = spawnSync(process.execPath, [cli, 'portfolio', join(checkouts, 'example'), '--format', 'json'], { encoding: 'utf8' });
  return (JSON.parse(r.stdout) as { repositories: Row[] }).repositories.map(({ source: _s, path: _p, ...row }) => row);
};
const rowsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { repositories: Row[] }).repositories.map(({ source: _s, path: _p, ...row }) => row);

describe('examples/portfolio/github-actions.yml', () => {
  const text = readFileSync(join(root, 'examples/portfolio/github-actions.yml'), 'utf8');
  const wf = parse(text) as { name: string; on: Record<string, unknown>; permissions: Record<string, string>; env: Record<string, string>; jobs: Record<string, Job> };

  it('has the shape of a workflow: triggers, read-only permissions, jobs that run somewhere, actions pinned by commit', () => {
    expect(wf.name).toBeTruthy();
    expect(Object.keys(wf.on)).toContain('workflow_dispatch');
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(job['runs-on'], id).toBe('ubuntu-latest');
      expect(job.steps.length, id).toBeGreaterThan(0);
      for (const s of job.steps) expect(Boolean(s.uses) !== Boolean(s.run), `${id}: a step has uses or run`).toBe(true);
      for (const needed of [job.needs ?? []].flat()) expect(Object.keys(wf.jobs), id).toContain(needed);
    }
    for (const u of usesOf(wf)) expect(isPinned(u), u).toBe(true);
  });

  it('fans out a matrix over the listed repositories and merges every artifact, even when a job failed', () => {
    const { list, scan, merge } = wf.jobs;
    expect(list!.outputs!.repos).toBe('${{ steps.repos.outputs.repos }}');
    expect(list!.steps.some((s) => s.id === 'repos')).toBe(true);
    expect(scan!.strategy!.matrix.repo).toBe('${{ fromJSON(needs.list.outputs.repos) }}');
    expect(scan!.strategy!['fail-fast']).toBe(false);
    expect(merge!.needs).toBe('scan');
    expect(merge!.if).toBe('${{ always() }}');
    const download = merge!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'sigmature-*', 'merge-multiple': true, path: 'results' });
    const upload = scan!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(String(upload.with!.name)).toMatch(/^sigmature-/);
  });

  it('its scripts, run per repository and then merged, give the table of one portfolio run over the checkouts', () => {
    const runner = join(work, 'gha');
    mkdirSync(runner, { recursive: true });
    const scanScript = wf.jobs.scan!.steps.find((s) => s.run)!.run!;
    const results = join(runner, 'results');
    mkdirSync(results, { recursive: true });
    const npxLog = join(runner, 'npx.log');
    const job = (owner: string, name: string, from: string, into: string) => {
      // each matrix job has its own workspace with its checkout at checkouts/<owner>/<name>
      const ws = join(runner, `${owner}-${name}`);
      cpSync(from, join(ws, 'checkouts', owner, name), { recursive: true });
      writeFileSync(npxLog, '');
      const r = sh('bash', scanScript, ws, { REPO: `${owner}/${name}`, SIGMATURE_VERSION: wf.env.SIGMATURE_VERSION!, NPX_LOG: npxLog });
      expect(r.code, r.stderr).toBe(0);
      // one sigmature run, so one scan, per repository (keyless has an answers file: no report or check run besides)
      expect(readFileSync(npxLog, 'utf8')).toBe('portfolio\n');
      // download-artifact with merge-multiple: every job's results/ in one folder
      cpSync(join(ws, 'results'), into, { recursive: true });
    };
    for (const name of [...REPOS, 'keyless']) job('example', name, join(checkouts, 'example', name), results);
    expect(readdirSync(results).sort()).toEqual([...REPOS, 'keyless'].map((n) => `example__${n}.json`).sort());
    const summary = join(runner, 'summary.md');
    writeFileSync(summary, '');
    const r = sh('bash', wf.jobs.merge!.steps.find((s) => s.run)!.run!, runner, { SIGMATURE_VERSION: wf.env.SIGMATURE_VERSION!, GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(rowsOf(join(runner, 'portfolio.json'))).toEqual(direct());
    expect(readFileSync(summary, 'utf8')).toMatch(/^# Artifact-signing portfolio/);
    expect(readFileSync(join(runner, 'portfolio.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const keyless = rowsOf(join(runner, 'portfolio.json')).find((r) => r.id === 'keyless') as Record<string, unknown>;
    expect(keyless.assessedLevel).toBe(3); // the answers file's level, from the one run
    expect(keyless.contradictions).toBe(0);
    // two repositories named app under two owners, each in its own job: two rows after the merge
    const apps = join(runner, 'apps');
    mkdirSync(apps);
    job('orgA', 'app', join(checkouts, 'example', 'committed-key'), apps);
    job('orgB', 'app', join(checkouts, 'example', 'jenkins-gpg'), apps);
    const merged = sh('bash', wf.jobs.merge!.steps.find((s) => s.run)!.run!.replaceAll('results', 'apps'), runner, { SIGMATURE_VERSION: wf.env.SIGMATURE_VERSION!, GITHUB_STEP_SUMMARY: summary });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toBe('');
    expect(rowsOf(join(runner, 'portfolio.json')).map((r) => r.id)).toEqual(['orgA/app', 'orgB/app']);
  });
});

describe('examples/portfolio/kubernetes.yaml', () => {
  const docs = parseAllDocuments(readFileSync(join(root, 'examples/portfolio/kubernetes.yaml'), 'utf8')).map((d) => d.toJS() as {
    apiVersion: string; kind: string; metadata: { name: string };
    spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: {
      restartPolicy: string; containers: { name: string; image: string; env?: { name: string; value: string }[]; command: string[]; args: string[];
        volumeMounts: { name: string; mountPath: string }[]; resources: { limits: { memory: string } }; securityContext: Record<string, unknown> }[];
      volumes: { name: string }[];
    } } };
  });
  const [shards, merge] = docs;
  const envOf = (c: { env?: { name: string; value: string }[] }) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

  it('has the shape of two batch/v1 Jobs: an indexed one per shard, then the merge', () => {
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(d.apiVersion).toBe('batch/v1');
      expect(d.kind).toBe('Job');
      expect(d.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      const pod = d.spec.template.spec;
      expect(['Never', 'OnFailure']).toContain(pod.restartPolicy);
      for (const c of pod.containers) {
        expect(c.image).toMatch(/^node:20/);
        expect(c.resources.limits.memory).toBeTruthy();
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
        for (const m of c.volumeMounts) expect(pod.volumes.map((v) => v.name)).toContain(m.name);
        for (const e of c.env ?? []) expect(typeof e.value, e.name).toBe('string');
      }
    }
    expect(shards!.spec.completionMode).toBe('Indexed');
    expect(String(shards!.spec.completions)).toBe(envOf(shards!.spec.template.spec.containers[0]!).SHARDS);
    expect(shards!.spec.parallelism).toBe(shards!.spec.completions);
  });

  it('its shard pods and the merge pod, run locally, give the table of one portfolio run over the checkouts', () => {
    const results = join(work, 'k8s-results');
    mkdirSync(results, { recursive: true });
    const paths = (script: string) => script.replaceAll('/checkouts', join(checkouts, 'example')).replaceAll('/results', results);
    const shard = shards!.spec.template.spec.containers[0]!;
    expect(shard.command).toEqual(['/bin/sh', '-ec']);
    for (let i = 0; i < shards!.spec.completions!; i++) {
      const r = sh('sh', paths(shard.args[0]!), work, { ...envOf(shard), JOB_COMPLETION_INDEX: String(i) });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(join(results, 'shards'))).toHaveLength(shards!.spec.completions!);
    const m = merge!.spec.template.spec.containers[0]!;
    const r = sh('sh', paths(m.args[0]!), work, envOf(m));
    expect(r.code, r.stderr).toBe(0);
    expect(rowsOf(join(results, 'portfolio.json'))).toEqual(direct());
  });
});

describe('examples/portfolio/argo-workflow.yaml', () => {
  interface Param { name: string; value?: string }
  interface Container { name: string; image: string; env?: { name: string; value: string }[]; command: string[]; args: string[]; volumeMounts: { name: string; mountPath: string }[] }
  interface Template {
    name: string; inputs?: { parameters: Param[] }; container?: Container;
    dag?: { tasks: { name: string; template: string; arguments?: { parameters: Param[] }; withSequence?: { start: string; end: string }; depends?: string }[] };
  }
  const wf = parse(readFileSync(join(root, 'examples/portfolio/argo-workflow.yaml'), 'utf8')) as {
    kind: string; metadata: { generateName: string };
    spec: { entrypoint: string; arguments: { parameters: Param[] }; volumes: { name: string }[]; templates: Template[] };
  };
  const template = (name: string) => wf.spec.templates.find((t) => t.name === name)!;
  const globals = Object.fromEntries(wf.spec.arguments.parameters.map((p) => [p.name, p.value!]));
  // Argo's {{…}} substitution, for the variables the example uses; an unknown one fails the test
  const expand = (text: string, vars: Record<string, string>) => text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, v: string) => {
    expect(vars, `{{${v}}}`).toHaveProperty([v]);
    return vars[v]!;
  });

  it('fans out one shard pod per index of the sequence 1..shards, then one merge step that depends on them all', () => {
    expect(wf.kind).toBe('Workflow');
    const dag = template(wf.spec.entrypoint).dag!;
    const shard = dag.tasks.find((t) => t.template === 'shard')!;
    expect(shard.withSequence).toEqual({ start: '1', end: '{{workflow.parameters.shards}}' });
    expect(shard.arguments!.parameters).toEqual([{ name: 'index', value: '{{item}}' }]);
    const merge = dag.tasks.find((t) => t.template === 'merge')!;
    expect(merge.depends).toBe(shard.name);
    for (const t of wf.spec.templates.filter((x) => x.container)) {
      for (const m of t.container!.volumeMounts) expect(wf.spec.volumes.map((v) => v.name)).toContain(m.name);
    }
  });

  it('its shard pods and its merge step, run locally, give the table of one portfolio run over the checkouts', () => {
    const results = join(work, 'argo-results');
    mkdirSync(results, { recursive: true });
    const dag = template(wf.spec.entrypoint).dag!;
    const wfVars: Record<string, string> = { 'workflow.name': `${wf.metadata.generateName}x7k2p` };
    for (const [k, v] of Object.entries(globals)) wfVars[`workflow.parameters.${k}`] = v;
    // run the pod of a template the way the container would: its env expanded, its paths on this machine
    const runPod = (t: Template, inputs: Record<string, string>) => {
      const vars = { ...wfVars, ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`inputs.parameters.${k}`, v])) };
      for (const p of t.inputs?.parameters ?? []) expect(inputs, `${t.name} needs ${p.name}`).toHaveProperty([p.name]);
      const c = t.container!;
      expect(c.command).toEqual(['/bin/sh', '-ec']);
      const local = (s: string) => s.replaceAll('/checkouts', join(checkouts, 'example')).replaceAll('/results', results);
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, local(expand(e.value, vars))]));
      env.HOME = work;
      const r = sh('sh', local(expand(c.args[0]!, vars)), work, env);
      expect(r.code, r.stderr).toBe(0);
    };
    for (const task of dag.tasks.filter((t) => t.template === 'shard')) {
      const start = Number(expand(task.withSequence!.start, wfVars));
      const end = Number(expand(task.withSequence!.end, wfVars));
      expect(end - start + 1).toBe(Number(globals.shards));
      for (let item = start; item <= end; item++) {
        const args = Object.fromEntries(task.arguments!.parameters.map((p) => [p.name, expand(p.value!, { ...wfVars, item: String(item) })]));
        runPod(template(task.template), args);
      }
    }
    const run = join(results, wfVars['workflow.name']!);
    expect(readdirSync(join(run, 'shards')).sort()).toEqual(Array.from({ length: Number(globals.shards) }, (_, i) => `shard-${i + 1}.json`).sort());
    // every shard holds a disjoint share; together they hold every repository
    const perShard = readdirSync(join(run, 'shards')).map((f) => rowsOf(join(run, 'shards', f)).map((r) => r.name));
    expect(perShard.flat().sort()).toEqual(direct().map((r) => r.name).sort());
    runPod(template('merge'), {});
    expect(rowsOf(join(run, 'portfolio.json'))).toEqual(direct());
    expect(readFileSync(join(run, 'portfolio.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
