// Generates N repositories for the portfolio benchmark into bench/.work/portfolio-N (gitignored):
// copies of the fixture repositories (test/fixtures/repos), cycled so that every pattern appears
// (keyless, KMS, committed keys, unsigned publishing, verify-only, ...), each with a few hundred
// extra source files so that the walk costs something, as in a real checkout. Deterministic and
// idempotent (a marker file says the set is complete).
//
//   node bench/gen-portfolio.mjs [--repos 1000] [--files 200] [--out bench/.work/portfolio-1000]
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MARKER = '.sigmature-bench-complete';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export function generatePortfolio(repos, files, out) {
  if (existsSync(join(out, MARKER))) return out;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const fixtures = join(here, '..', 'test', 'fixtures', 'repos');
  const patterns = readdirSync(fixtures).sort();
  for (let i = 0; i < repos; i++) {
    const pattern = patterns[i % patterns.length];
    const dir = join(out, `repo-${String(i).padStart(4, '0')}-${pattern}`);
    cpSync(join(fixtures, pattern), dir, { recursive: true });
    // a checkout has a .git; the portfolio recognises either it or a CI file
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const src = join(dir, 'bench-src');
    for (let f = 0; f < files; f++) {
      const sub = join(src, `m${f % 10}`);
      if (f < 10) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${f}.ts`), `// module ${f} of ${pattern}\nexport const design${f} = (signal: string) => assign(signal, ${f});\n`);
    }
  }
  writeFileSync(join(out, MARKER), '');
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repos = Number(arg('repos', '1000'));
  const files = Number(arg('files', '200'));
  const out = resolve(arg('out', join(here, '.work', `portfolio-${repos}`)));
  console.log(generatePortfolio(repos, files, out));
}
