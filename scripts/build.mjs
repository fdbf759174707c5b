// Bundles the CLI into dist/ with esbuild. Code splitting keeps the Ink UI in its own chunk, so
// `--help`, `--version`, `scan` and `report` start without loading React or Ink.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build beside dist/ and swap it in, so that a running CLI (or a test) never sees a half-built dist/.
const outdir = `dist.tmp-${process.pid}`;
await build({
  ...BUNDLE_OPTIONS,
  entryPoints: { cli: 'src/cli.ts', 'portfolio-worker': 'src/portfolio/worker.ts' },
  outdir,
  define: { ...BUNDLE_OPTIONS.define, SIGMATURE_VERSION: JSON.stringify(pkg.version) },
});
// The parsed built-in bank and roadmap, so that runs skip the YAML parser (src/model/snapshot.ts).
// The entry runs from inside the new dist/ so that it finds the package root as the CLI does.
await build({
  entryPoints: ['scripts/snapshot-entry.ts'], outfile: `${outdir}/snapshot-entry.mjs`, bundle: true, format: 'esm',
  platform: 'node', target: 'node20', logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const snapshot = execFileSync(process.execPath, [`${outdir}/snapshot-entry.mjs`], { encoding: 'utf8', maxBuffer: 64 << 20 });
writeFileSync(`${outdir}/snapshots.json`, snapshot);
rmSync(`${outdir}/snapshot-entry.mjs`);

rmSync('dist', { recursive: true, force: true });
renameSync(outdir, 'dist');
