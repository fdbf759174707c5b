// A scan of a 100,000-file repository against ripgrep searching the same tree for sign-like words
// (DESIGN section 9: "about the time ripgrep needs", memory bounded). Medians of interleaved runs,
// the ratio scan/ripgrep and the scan's peak RSS. Targets (issue 10): ratio <= 1.0, peak RSS < 200 MiB.
//
//   node bench/scan-vs-ripgrep.mjs [--runs 5] [--dir DIR] [--cli PATH]
//
// --cli measures another build of the CLI (say, a checkout of the previous commit, built) in place of
// this one's dist/cli.js, so that a before/after comparison runs through the same harness.
// The scan is `node dist/cli.js scan DIR --format json --out /dev/null` when the bundle has a working
// scan command. The reader alone is timed too (and stands in for the scan when there is no bundle): a
// bundled script that opens the repository with the local reader and reads every file a detector
// would read (CI configurations, Makefiles, scripts, manifests, key-like names). Both ripgrep and the
// reader honour .gitignore (the generated tree is a git work tree).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRepo } from './gen-repo.mjs';
import { median } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const work = join(here, '.work');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const runs = Math.max(1, Number(arg('runs', process.env.RUNS ?? 5)));
const dir = arg('dir') ? resolve(arg('dir')) : ensureRepo().out;

// --- ripgrep -------------------------------------------------------------------------------
const rgProbe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
if (rgProbe.error) {
  console.log('ripgrep (rg) is not installed: install it with `apt-get install ripgrep` (or `brew install ripgrep`).');
  console.log('scan-vs-ripgrep: skipped');
  process.exit(0);
}
const rgArgs = ['-l', '-i', '-e', 'cosign|gpg --|sign', dir];

// --- the scan command ----------------------------------------------------------------------
const node = process.execPath;
const cli = arg('cli') ? resolve(arg('cli')) : join(repoRoot, 'dist/cli.js');

/** The real scan, when the bundle has a working scan command. */
function cliScan() {
  if (!existsSync(cli)) {
    console.error('dist/cli.js is missing (npm run build): measuring the reader stand-in only');
    return undefined;
  }
  const args = [cli, 'scan', dir, '--format', 'json', '--out', '/dev/null'];
  const probe = spawnSync(node, args, { encoding: 'utf8', timeout: 120_000 });
  if (probe.status === 0) return { label: arg('cli') ? `sigmature scan (${arg('cli')})` : 'sigmature scan (dist/cli.js)', args };
  console.error(`dist/cli.js scan is not usable yet (exit ${probe.status}): ${(probe.stderr || '').split('\n')[0]}`);
  return undefined;
}

/** The reader alone, bundled: walk, then read every file a detector would read. */
async function readerScan() {
  const { build } = await import('esbuild');
  mkdirSync(work, { recursive: true });
  const outfile = join(work, 'reader-scan.mjs');
  await build({
    stdin: { contents: READER_SCAN, resolveDir: repoRoot, sourcefile: 'reader-scan.ts', loader: 'ts' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { label: 'reader alone (walk + detector reads)', args: [outfile, dir] };
}

/** The stand-in's source: walk, then read what detectors read, and say what it did on stderr. */
const READER_SCAN = `
import { openLocalRepository } from './src/detect/reader/local-reader.ts';
const INTERESTING = /(^|\\/)(\\.github\\/workflows\\/[^/]+\\.ya?ml|\\.gitlab-ci\\.ya?ml|Jenkinsfile[^/]*|\\.circleci\\/config\\.ya?ml|azure-pipelines\\.ya?ml|bitbucket-pipelines\\.ya?ml|\\.tekton\\/[^/]+\\.ya?ml|\\.buildkite\\/[^/]+\\.ya?ml|\\.travis\\.ya?ml|\\.drone\\.ya?ml|cloudbuild\\.ya?ml|buildspec\\.ya?ml|Makefile|GNUmakefile|[^/]+\\.mk|[^/]+\\.sh|package\\.json|pom\\.xml|build\\.gradle(\\.kts)?|\\.goreleaser\\.ya?ml|[^/]+\\.(key|pem|asc|gpg|p12|pfx)|id_(rsa|ecdsa|ed25519)|cosign\\.(key|pub))$/;
const reader = await openLocalRepository(process.argv[2]);
let read = 0, bytes = 0;
for (const f of reader.files()) {
  if (!INTERESTING.test(f.path)) continue;
  const t = reader.readText(f.path);
  if (t !== undefined) { read++; bytes += t.length; }
}
process.stderr.write('files ' + reader.files().length + ', read ' + read + ' (' + bytes + ' chars), warnings ' + reader.warnings().length + '\\n');
`;

// --- measuring -----------------------------------------------------------------------------
function timed(cmd, args, okStatuses = [0]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || !okStatuses.includes(r.status)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${String(r.stderr).slice(0, 300)}`);
  }
  return ms;
}

/** Peak RSS in KiB: /usr/bin/time -v when present, else a preload that prints resourceUsage().maxRSS. */
function peakRss(cmd, args) {
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
    if (m) return Number(m[1]);
  }
  if (cmd !== node) return undefined;
  const hook = "process.on('exit',()=>process.stderr.write('\\n__MAXRSS__ '+process.resourceUsage().maxRSS+'\\n'))";
  const r = spawnSync(node, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, ...args], {
    encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  const m = /__MAXRSS__ (\d+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) : undefined;
}

const reader = await readerScan();
const scan = cliScan() ?? reader;
const contenders = scan === reader ? { rg: null, reader } : { rg: null, scan, reader };

// Warm-up (page cache, both ways), reporting what each side saw.
const warmRg = spawnSync('rg', rgArgs, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const rgMatches = warmRg.stdout.split('\n').filter(Boolean).length;
const notes = {};
for (const [name, c] of Object.entries(contenders)) {
  if (!c) continue;
  const warm = spawnSync(node, c.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (warm.status !== 0) {
    console.error(`${c.label} failed: ${warm.stderr}`);
    process.exit(1);
  }
  notes[name] = (warm.stderr.trim().split('\n').pop() ?? '').slice(0, 90);
}

const names = Object.keys(contenders);
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < runs; i++) {
  const order = i % 2 ? [...names].reverse() : names;
  for (const name of order) {
    // rg exits 1 when nothing matches: still a complete search.
    times[name].push(name === 'rg' ? timed('rg', rgArgs, [0, 1]) : timed(node, contenders[name].args));
  }
}
const med = Object.fromEntries(names.map((n) => [n, median(times[n])]));
const ratio = med[scan === reader ? 'reader' : 'scan'] / med.rg;
const rss = { rg: peakRss('rg', rgArgs) };
for (const name of names) if (name !== 'rg') rss[name] = peakRss(node, contenders[name].args);
const scanRss = rss[scan === reader ? 'reader' : 'scan'];

const mib = (kib) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);
const label = (name) => (name === 'rg' ? `rg ${rgArgs.slice(0, -1).map((a) => (/[ |]/.test(a) ? `'${a}'` : a)).join(' ')}` : contenders[name].label);
console.log(`scan vs ripgrep on ${dir}, median of ${runs} interleaved runs`);
for (const name of names) {
  const note = name === 'rg' ? `${rgMatches} files matched` : notes[name];
  console.log(`  ${label(name).padEnd(40)} ${med[name].toFixed(0).padStart(6)} ms   peak RSS ${mib(rss[name]).padStart(7)}${note ? `   (${note})` : ''}`);
}
console.log(`  ratio ${scan.label} / ripgrep: ${ratio.toFixed(2)} (target <= 1.00: ${ratio <= 1 ? 'met' : 'MISSED'}); `
  + `peak RSS ${mib(scanRss)} (target < 200 MiB: ${scanRss === undefined ? 'unknown' : scanRss < 200 * 1024 ? 'met' : 'MISSED'})`);
if (scan !== reader) console.log(`  ratio reader alone / ripgrep: ${(med.reader / med.rg).toFixed(2)}`);
console.log(`  runs (ms): ${names.map((n) => `${n} ${times[n].map((t) => t.toFixed(0)).join(' ')}`).join('; ')}`);
