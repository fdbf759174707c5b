// The portfolio's scaling (issue 12): 100, 300 and 1,000 generated repositories scanned with
// `sigmature portfolio --format json` on --jobs threads (default 2, the target machine), each size
// run --runs times (default 3). Prints the median wall time, the per-repository cost, peak memory
// (the main process and its worker threads, from /usr/bin/time when present, else not shown) and
// the ratios between sizes: time linear in the number of repositories means the per-repository
// cost stays flat. Target: 1,000 repositories in under 60 s on 2 cores, peak memory under 1 GiB.
//
//   node bench/portfolio-scale.mjs [--sizes 100,300,1000] [--jobs 2] [--runs 3] [--files 200]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePortfolio } from './gen-portfolio.mjs';
import { median } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const sizes = arg('sizes', '100,300,1000').split(',').map(Number);
const jobs = arg('jobs', '2');
const runs = Number(arg('runs', '3'));
const files = Number(arg('files', '200'));
if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const gnuTime = existsSync('/usr/bin/time');

const rows = [];
for (const n of sizes) {
  const dir = generatePortfolio(n, files, join(here, '.work', `portfolio-${n}-${files}`));
  const times = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const args = [join(root, 'dist', 'cli.js'), 'portfolio', dir, '--jobs', jobs, '--format', 'json', '--out', join(here, '.work', `portfolio-${n}.json`)];
    const start = process.hrtime.bigint();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`portfolio exited ${r.status}: ${r.stderr}`);
    if (gnuTime) peak = Math.max(peak, Number(r.stderr.trim().split('\n').pop()) / 1024);
  }
  const ms = median(times);
  rows.push({ n, ms, per: ms / n, peak });
}
const base = rows[0];
console.log(`portfolio scaling: --jobs ${jobs}, ${files} extra files per repository, median of ${runs} runs`);
console.log('repos  wall (s)  per repo (ms)  peak RSS (MiB)  time ratio  size ratio  per-repo ratio');
for (const r of rows) {
  console.log(
    `${String(r.n).padStart(5)}  ${(r.ms / 1000).toFixed(2).padStart(8)}  ${r.per.toFixed(1).padStart(13)}  ${(r.peak ? r.peak.toFixed(0) : 'n/a').padStart(14)}  ` +
    `${(r.ms / base.ms).toFixed(2).padStart(10)}  ${(r.n / base.n).toFixed(2).padStart(10)}  ${(r.per / base.per).toFixed(2).padStart(14)}`,
  );
}
const last = rows.at(-1);
if (last.n >= 1000) console.log(`target: 1,000 repositories under 60 s (${(last.ms / 1000).toFixed(1)} s) and under 1024 MiB (${last.peak ? last.peak.toFixed(0) : 'n/a'} MiB)`);
