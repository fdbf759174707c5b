// Time to the first frame: the wizard (`node dist/cli.js DIR`, welcome screen) against a bundled
// hello-world Ink app (bench/hello-ink.tsx, bundled with the CLI's esbuild options), both in a
// pseudo-terminal (`script`), runs interleaved. A run ends when the expected text shows on the
// terminal; the process is then killed. Prints medians and the ratio (target: at most 1.1x).
//
//   node bench/startup.mjs            RUNS=21 by default; BUILD=0 to reuse dist/
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';
import { median } from './lib.mjs';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.RUNS ?? 21);
const work = mkdtempSync(join(tmpdir(), 'sigmature-startup-'));

if (process.env.BUILD !== '0') {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (spawnSync('script', ['--version']).status !== 0) {
  console.error('startup: needs script(1) from util-linux for a pseudo-terminal; skipped');
  process.exit(0);
}

await build({
  ...BUNDLE_OPTIONS,
  entryPoints: { hello: join(root, 'bench/hello-ink.tsx') },
  outdir: join(work, 'hello'),
  jsx: 'automatic',
});

const repo = join(work, 'repo');
cpSync(join(root, 'examples/repos/keyless-release'), repo, { recursive: true });
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const node = quote(process.execPath);
const apps = {
  'hello-world Ink app': { cmd: `${node} ${quote(join(work, 'hello/hello.js'))}`, expect: 'Hello, world' },
  'sigmature wizard': { cmd: `${node} ${quote(join(root, 'dist/cli.js'))} ${quote(repo)} --lang en`, expect: 'Organisation' },
};

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

// Ink draws nothing in CI (is-in-ci looks for the variable, whatever its value): run as on a desk.
const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color' };
for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR']) delete env[k];

/** Milliseconds from spawning `script` until `expect` appears on the pseudo-terminal. */
function firstFrame({ cmd, expect }) {
  // a fresh start every time: no saved answers to offer
  rmSync(join(repo, '.sigmature'), { recursive: true, force: true });
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    // script's pseudo-terminal has no size of its own: give it 80x24 (the same small cost for both apps)
    const child = spawn('script', ['-qfc', `stty cols 80 rows 24; exec ${cmd}`, join(work, 'typescript')], {
      detached: true,
      stdio: ['pipe', 'pipe', 'inherit'],
      env,
    });
    let out = '';
    let ms;
    const timer = setTimeout(() => stop(new Error(`no "${expect}" after 20 s; got: ${out.replace(ANSI, '').slice(-300)}`)), 20_000);
    const stop = (err) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (err) fail(err);
    };
    child.stdout.on('data', (chunk) => {
      if (ms !== undefined) return;
      out += chunk.toString('utf8');
      if (out.replace(ANSI, '').includes(expect)) {
        ms = Number(process.hrtime.bigint() - start) / 1e6;
        stop();
      }
    });
    child.on('exit', () => {
      if (ms !== undefined) done(ms);
      else stop(new Error(`exited before "${expect}": ${out.replace(ANSI, '').slice(-300)}`));
    });
  });
}

const times = Object.fromEntries(Object.keys(apps).map((k) => [k, []]));
try {
  for (let i = 0; i < runs + 1; i++) {
    const names = Object.keys(apps);
    if (i % 2) names.reverse();
    for (const name of names) {
      const ms = await firstFrame(apps[name]);
      if (i > 0) times[name].push(ms); // the first round warms the file cache
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const min = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.min(...v)]));
const base = med['hello-world Ink app'];
console.log(`time to first frame in a pseudo-terminal, ${runs} interleaved runs (median; fastest)`);
for (const [name, ms] of Object.entries(med)) {
  console.log(`  ${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / base).toFixed(2)}x   fastest ${min[name].toFixed(1)} ms`);
}
const ratio = med['sigmature wizard'] / base;
console.log(`ratio of medians ${ratio.toFixed(3)} (target ≤ 1.10)${ratio <= 1.1 ? '' : '  ABOVE TARGET'}; ratio of fastest runs ${(min['sigmature wizard'] / min['hello-world Ink app']).toFixed(2)}`);
process.exitCode = ratio <= 1.1 ? 0 : 1;
