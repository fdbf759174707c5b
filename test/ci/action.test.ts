/**
 * action.yml (issue 9, part 5): linted against the shape GitHub reads (action metadata syntax for a
 * composite action), and its `run:` scripts executed locally with a fake $GITHUB_STEP_SUMMARY,
 * $GITHUB_OUTPUT, $GITHUB_ACTION_PATH and a stub `sigmature` that records its arguments. The
 * `check` command need not exist for these tests: the stub stands in for it.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPinned, usesOf } from './pins.js';
import { calls, expand, outputs, runScript, sandbox, type Context } from './runner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const text = readFileSync(join(root, 'action.yml'), 'utf8');
interface Step { name?: string; id?: string; if?: string; run?: string; shell?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }
const action = parse(text) as {
  name: string; description: string; inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>; runs: { using: string; steps: Step[] };
};
const work = mkdtempSync(join(tmpdir(), 'sigmature-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? '')]));
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;
let n = 0;

/** Runs one step's script with its env evaluated from the inputs (defaults overlaid with `inputs`). */
function runStep(name: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}, ctx: Partial<Context> = {}) {
  const s = sandbox(join(work, `run-${n++}`));
  const st = step(name);
  const context: Context = { inputs: { ...defaults, ...inputs }, steps: ctx.steps };
  const stepEnv = Object.fromEntries(Object.entries(st.env ?? {}).map(([k, v]) => [k, expand(String(v), s, context)]));
  const r = runScript(st.run!, 'bash', s, { ...stepEnv, ...env });
  return { ...r, s, calls: calls(s), outputs: outputs(s), summary: readFileSync(s.summary, 'utf8') };
}

describe('action.yml: metadata lint', () => {
  const STEP_KEYS = new Set(['name', 'id', 'if', 'run', 'shell', 'uses', 'with', 'env', 'working-directory', 'continue-on-error']);
  const SHELLS = new Set(['bash', 'sh', 'pwsh', 'python', 'cmd', 'powershell']);

  it('has the keys GitHub requires, and no others', () => {
    expect(Object.keys(action).filter((k) => !['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'].includes(k))).toEqual([]);
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    expect(Array.isArray(action.runs.steps) && action.runs.steps.length > 0).toBe(true);
  });

  it('declares the inputs of issue 9, each described, with string defaults', () => {
    for (const name of ['min-level', 'answers', 'format', 'fail-on-contradiction']) expect(action.inputs).toHaveProperty(name);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      if (input.default !== undefined) expect(typeof input.default, name).toBe('string');
    }
  });

  it('every step: known keys, run xor uses, shell with run, unique ids', () => {
    const ids = new Set<string>();
    for (const s of action.runs.steps) {
      expect(Object.keys(s).filter((k) => !STEP_KEYS.has(k)), s.name).toEqual([]);
      expect(Boolean(s.run) !== Boolean(s.uses), s.name).toBe(true);
      if (s.run) expect(SHELLS.has(s.shell ?? ''), `${s.name} needs a shell`).toBe(true);
      if (s.id) {
        expect(ids.has(s.id)).toBe(false);
        ids.add(s.id);
      }
    }
  });

  it('references only inputs that exist and steps that ran before; every input is used', () => {
    const used = new Set<string>();
    const seen = new Set<string>();
    const check = (value: string, where: string) => {
      for (const m of value.matchAll(/\$\{\{([^}]*)\}\}/g)) {
        for (const i of m[1]!.matchAll(/inputs\.([\w-]+)/g)) {
          expect(action.inputs, `${where}: inputs.${i[1]}`).toHaveProperty(i[1]!);
          used.add(i[1]!);
        }
        for (const o of m[1]!.matchAll(/steps\.([\w-]+)\.outputs/g)) expect(seen.has(o[1]!), `${where}: steps.${o[1]} before it ran`).toBe(true);
      }
    };
    for (const s of action.runs.steps) {
      for (const v of [s.if ?? '', ...Object.values(s.with ?? {}), ...Object.values(s.env ?? {})]) check(String(v), s.name ?? '?');
      if (s.id) seen.add(s.id);
    }
    for (const o of Object.values(action.outputs)) check(o.value, 'outputs');
    expect([...Object.keys(action.inputs)].filter((i) => !used.has(i))).toEqual([]);
  });

  it('never splices an expression into a script (inputs reach scripts through env)', () => {
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toContain('${{');
  });

  it('pins every action by full commit SHA, SARIF upload included', () => {
    const uses = usesOf(action);
    expect(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(uses.filter((u) => !isPinned(u))).toEqual([]);
  });
});

describe('action.yml: the check step', () => {
  it('with the defaults: check . in Markdown, appended to the job summary, exit-code 0', () => {
    const r = runStep('sigmature check');
    expect(r.code, r.stderr).toBe(0);
    expect(r.calls).toEqual([['check', '.', '--format', 'markdown']]);
    expect(r.summary).toContain('## sigmature check');
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs.report).toMatch(/check\.md$/);
    expect(r.outputs.sarif).toBeUndefined();
  });

  it('maps min-level, answers, fail-on-contradiction: false and format', () => {
    const r = runStep('sigmature check', { directory: 'svc', 'min-level': '2', answers: 'ops/answers.yaml', 'fail-on-contradiction': 'false', format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const base = ['check', 'svc', '--answers', 'ops/answers.yaml', '--min-level', '2', '--allow-contradictions'];
    // one run, one scan: the report file comes from --also
    expect(r.calls).toEqual([[...base, '--also', `json=${r.outputs.report}`, '--format', 'markdown']]);
    expect(readFileSync(r.outputs.report!, 'utf8')).toBe('{"stub":true}\n');
  });

  it('fail-on-contradiction: true (the default) passes no --allow-contradictions', () => {
    const r = runStep('sigmature check', { 'fail-on-contradiction': 'true', 'min-level': '1' });
    expect(r.calls[0]).toEqual(['check', '.', '--min-level', '1', '--format', 'markdown']);
  });

  it.each(['intoto', 'sarif'])('format %s writes that file too', (format) => {
    const r = runStep('sigmature check', { format });
    expect(r.code, r.stderr).toBe(0);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]).toContain(`${format}=${r.outputs.report}`);
    expect(existsSync(r.outputs.report!)).toBe(true);
    if (format === 'sarif') expect(r.outputs.sarif).toBe(r.outputs.report);
  });

  it('upload-sarif: true writes SARIF for the upload step', () => {
    const r = runStep('sigmature check', { 'upload-sarif': 'true' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.calls).toEqual([['check', '.', '--also', `sarif=${r.outputs.sarif}`, '--format', 'markdown']]);
    expect(JSON.parse(readFileSync(r.outputs.sarif!, 'utf8')).version).toBe('2.1.0');
  });

  it('a failed gate (exit 1) is reported, not fatal yet: the summary is written and SARIF still uploads', () => {
    const r = runStep('sigmature check', { 'upload-sarif': 'true' }, { STUB_EXIT: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.summary).toContain('stub report');
    expect(r.outputs.sarif).toBeTruthy();
  });

  it.each(['2', '3'])('exit %s (bad input, internal fault) stops the step with that code', (code) => {
    const r = runStep('sigmature check', {}, { STUB_EXIT: code });
    expect(r.code).toBe(Number(code));
    expect(r.stderr).toContain('stub failure');
  });

  it.each([
    [{ format: 'pdf' }, 'format must be markdown, json, sarif or intoto'],
    [{ 'fail-on-contradiction': 'no' }, 'fail-on-contradiction must be true or false'],
    [{ 'upload-sarif': 'yes' }, 'upload-sarif must be true or false'],
  ])('refuses %j before running anything', (inputs, message) => {
    const r = runStep('sigmature check', inputs);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(message);
    expect(r.calls).toEqual([]);
  });

  it('passes an input with spaces and shell syntax as one argument, never as code', () => {
    const answers = 'my answers;$(touch pwned) `id`.yaml';
    const r = runStep('sigmature check', { answers });
    expect(r.code, r.stderr).toBe(0);
    expect(r.calls[0]).toEqual(['check', '.', '--answers', answers, '--format', 'markdown']);
    expect(existsSync(join(r.s.dir, 'pwned'))).toBe(false);
  });
});

describe('action.yml: install and gate steps', () => {
  it('installs from $GITHUB_ACTION_PATH with npm ci and puts a sigmature shim on $GITHUB_PATH', () => {
    const s0 = join(work, 'npm-stub');
    mkdirSync(s0, { recursive: true });
    // a stub npm: records where it ran and "builds" dist/cli.js as the prepare script would
    writeFileSync(join(s0, 'npm'), `#!/bin/sh\necho "npm $* @ $(pwd)" >> "$STUB_NPM_LOG"\nmkdir -p dist\necho 'console.log(JSON.stringify(process.argv.slice(2)))' > dist/cli.js\n`);
    chmodSync(join(s0, 'npm'), 0o755);
    const s = sandbox(join(work, 'install'));
    const log = join(s.dir, 'npm.log');
    const r = runScript(step('Install sigmature from the action\'s checkout').run!, 'bash', s, { STUB_NPM_LOG: log }, [s0]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').trim()).toBe(`npm ci --no-audit --no-fund @ ${s.actionPath}`);
    const binDir = readFileSync(s.path, 'utf8').trim();
    expect(binDir).toBe(join(s.temp, 'sigmature-bin'));
    // the shim runs the built CLI with the arguments as given
    const shim = runScript('sigmature check "a b" --format json\n', 'sh', s, {}, [binDir]);
    expect(JSON.parse(shim.stdout)).toEqual(['check', 'a b', '--format', 'json']);
  });

  it('the gate fails with the check\'s exit code, and passes on 0', () => {
    const gate = step('Gate');
    const s = sandbox(join(work, 'gate'));
    for (const [code, expected] of [['0', 0], ['1', 1]] as const) {
      const env = { CHECK_EXIT_CODE: expand(gate.env!.CHECK_EXIT_CODE!, s, { inputs: defaults, steps: { check: { 'exit-code': code } } }) };
      const r = runScript(gate.run!, 'bash', s, env);
      expect(r.code).toBe(expected);
      if (expected) expect(r.stdout).toContain('::error::sigmature check failed (exit 1)');
    }
  });

  it('uploads SARIF only when asked, from the check step\'s sarif output', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/inputs\.upload-sarif == 'true'/);
    expect(upload.with?.sarif_file).toBe('${{ steps.check.outputs.sarif }}');
  });
});
