// Bundles the CLI into dist/ with esbuild. Code splitting keeps the Ink UI in its own chunk, so
// `--help`, `--version`, `scan` and `report` start without loading React or Ink.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build beside dist/ and swap it in, so that a running CLI (or a test) never sees a half-built dist/.
const outdir = `dist.tmp-${process.pid}`;
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  // Ink only imports react-devtools-core when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"', SIGMATURE_VERSION: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
rmSync('dist', { recursive: true, force: true });
renameSync(outdir, 'dist');
