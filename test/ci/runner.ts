/**
 * Runs the `run:` scripts of a composite action or a GitLab job locally, the way the runner would:
 * bash --noprofile --norc -eo pipefail for GitHub's `shell: bash`, `sh -e` for GitLab; `${{ }}`
 * expressions in `env:` evaluated from the given inputs and step outputs (only the forms the files
 * use: inputs.X, steps.ID.outputs.X, github.action_path, runner.temp). A stub `sigmature` first on
 * PATH records each call's arguments (one JSON array per line) and answers with STUB_EXIT.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sandbox {
  dir: string;
  bin: string;
  calls: string;
  summary: string;
  output: string;
  path: string;
  actionPath: string;
  temp: string;
}

export function sandbox(dir: string): Sandbox {
  const s: Sandbox = {
    dir, bin: join(dir, 'bin'), calls: join(dir, 'calls.jsonl'), summary: join(dir, 'summary.md'),
    output: join(dir, 'output.txt'), path: join(dir, 'path.txt'), actionPath: join(dir, 'action'), temp: join(dir, 'tmp'),
  };
  for (const d of [s.bin, s.actionPath, s.temp]) mkdirSync(d, { recursive: true });
  for (const f of [s.calls, s.summary, s.output, s.path]) writeFileSync(f, '');
  // node is the stub's language: no jq needed to write JSON
  const stub = `#!/bin/sh
exec "${process.execPath}" -e '
const fs = require("fs");
const args = process.argv.slice(1);
fs.appendFileSync(process.env.STUB_CALLS, JSON.stringify(args) + "\\n");
const format = args[args.indexOf("--format") + 1];
const bodies = { markdown: "## sigmature check\\n\\nstub report\\n", json: "{\\"stub\\":true}\\n", sarif: "{\\"version\\":\\"2.1.0\\",\\"runs\\":[]}\\n", intoto: "{\\"_type\\":\\"https://in-toto.io/Statement/v1\\"}\\n" };
process.stdout.write(bodies[format] ?? "");
// --also FORMAT=FILE: the same run writes more formats, as sigmature check does
args.forEach((a, i) => { if (a === "--also") { const [f, file] = args[i + 1].split(/=(.*)/); fs.writeFileSync(file, bodies[f] ?? ""); } });
if (Number(process.env.STUB_EXIT ?? 0) >= 2) process.stderr.write("sigmature: stub failure\\n");
process.exit(Number(process.env.STUB_EXIT ?? 0));
' "$@"
`;
  writeFileSync(join(s.bin, 'sigmature'), stub);
  chmodSync(join(s.bin, 'sigmature'), 0o755);
  return s;
}

export function calls(s: Sandbox): string[][] {
  return readFileSync(s.calls, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
}

/** key=value lines of $GITHUB_OUTPUT (the files use no multi-line values). */
export function outputs(s: Sandbox): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(s.output, 'utf8').split('\n').filter(Boolean)) {
    const i = line.indexOf('=');
    out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

export interface Context {
  inputs: Record<string, string>;
  steps?: Record<string, Record<string, string>>;
}

/** Evaluates the `${{ }}` expressions the action uses; anything else is a test failure. */
export function expand(value: string, s: Sandbox, ctx: Context): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) {
      if (!(m[1]! in ctx.inputs)) throw new Error(`unknown input ${m[1]}`);
      return ctx.inputs[m[1]!]!;
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.steps?.[m[1]!]?.[m[2]!] ?? '';
    if (expr === 'github.action_path') return s.actionPath;
    if (expr === 'runner.temp') return s.temp;
    throw new Error(`expression not supported by the test runner: ${expr}`);
  });
}

export function runScript(script: string, shell: 'bash' | 'sh', s: Sandbox, env: Record<string, string>, extraPath: string[] = []) {
  const file = join(s.dir, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const argv = shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', file] : ['-e', file];
  const r = spawnSync(shell === 'bash' ? 'bash' : existsSync('/bin/dash') ? '/bin/dash' : 'sh', argv, {
    cwd: s.dir, encoding: 'utf8', timeout: 30_000,
    env: {
      PATH: [...extraPath, s.bin, process.env.PATH ?? ''].join(':'), HOME: s.dir,
      GITHUB_STEP_SUMMARY: s.summary, GITHUB_OUTPUT: s.output, GITHUB_PATH: s.path,
      GITHUB_ACTION_PATH: s.actionPath, RUNNER_TEMP: s.temp, STUB_CALLS: s.calls, ...env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
