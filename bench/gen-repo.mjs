// Generates a 100,000-file repository for the scan benchmark into bench/.work/big-repo (gitignored):
// sources in several languages, docs full of sign-like words ("design", "signal", "assign"), a few
// GitHub workflows (one with a cosign step), a Makefile, scripts and manifests, plus a 20,000-file
// node_modules/ that its .gitignore excludes. Deterministic (seeded) and idempotent: a marker file
// says the tree is complete; an incomplete tree is rebuilt from scratch.
//
//   node bench/gen-repo.mjs [--files 100000] [--deps 20000] [--out bench/.work/big-repo]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const MARKER = '.sigmature-bench-complete';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Small deterministic PRNG (mulberry32), so every machine benchmarks the same tree. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('design signal assign consign resign signature-free alignment benign ensign insignia '
  + 'module buffer request handler parser config value index result stream cache worker token_count '
  + 'render layout widget schema record vector matrix engine driver adapter session channel queue').split(' ');

function sentence(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join(' ');
}

const LANGS = [
  { ext: 'ts', body: (r, i) => `// ${sentence(r, 8)}\nexport function handler${i}(input: string): number {\n  const value = input.length * ${i};\n  return value; // ${sentence(r, 5)}\n}\n` },
  { ext: 'js', body: (r, i) => `'use strict';\n// ${sentence(r, 8)}\nmodule.exports = function parse${i}(x) {\n  return x + ${i};\n};\n` },
  { ext: 'go', body: (r, i) => `package pkg\n\n// Compute${i} ${sentence(r, 8)}\nfunc Compute${i}(v int) int {\n\treturn v * ${i}\n}\n` },
  { ext: 'py', body: (r, i) => `"""${sentence(r, 10)}"""\n\n\ndef compute_${i}(value):\n    # ${sentence(r, 6)}\n    return value * ${i}\n` },
  { ext: 'java', body: (r, i) => `package com.example;\n\n/** ${sentence(r, 10)} */\npublic class Worker${i} {\n  public int run(int v) { return v * ${i}; }\n}\n` },
  { ext: 'rs', body: (r, i) => `/// ${sentence(r, 10)}\npub fn compute_${i}(v: u64) -> u64 {\n    v * ${i}\n}\n` },
  { ext: 'c', body: (r, i) => `/* ${sentence(r, 10)} */\nint compute_${i}(int v) {\n  return v * ${i};\n}\n` },
  { ext: 'css', body: (r, i) => `/* ${sentence(r, 6)} */\n.widget-${i} { display: flex; margin: ${i % 16}px; }\n` },
  { ext: 'json', body: (r, i) => `${JSON.stringify({ id: i, label: sentence(r, 4), enabled: r() > 0.5 }, null, 2)}\n` },
];

function doc(r, i) {
  const paras = [];
  const n = 2 + Math.floor(r() * 6);
  for (let p = 0; p < n; p++) paras.push(sentence(r, 20 + Math.floor(r() * 60)));
  return `# Note ${i}\n\n${paras.join('\n\n')}\n`;
}

const RELEASE = `name: release
on:
  push:
    tags: ['v*']
permissions:
  contents: write
  packages: write
  id-token: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: sigstore/cosign-installer@v3
      - id: build
        run: docker buildx build --push -t ghcr.io/example/big:\${{ github.ref_name }} .
      - name: Sign the image
        run: cosign sign --yes ghcr.io/example/big@\${{ steps.build.outputs.digest }}
`;
const CI = `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
`;
const LINT = `name: lint
on: [pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make lint
`;
const MAKEFILE = `.PHONY: build test lint release
build:
\tgo build ./...
test:
\tgo test ./...
lint:
\tgolangci-lint run
release: build
\t./scripts/release.sh
`;

export function generate(out, files, deps) {
  const r = rng(20240601);
  const tmp = `${out}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const made = new Set();
  let count = 0;
  const write = (path, content) => {
    const abs = join(tmp, path);
    const dir = dirname(abs);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(abs, content);
    count++;
  };

  // Fixed, interesting files (counted in the total).
  write('.gitignore', 'node_modules/\n*.log\n/dist/\n');
  write('.github/workflows/release.yml', RELEASE);
  write('.github/workflows/ci.yml', CI);
  write('.github/workflows/lint.yml', LINT);
  write('Makefile', MAKEFILE);
  write('README.md', `# big\n\n${sentence(r, 80)}\n`);
  write('package.json', `${JSON.stringify({ name: 'big', version: '1.0.0', scripts: { build: 'tsc' } }, null, 2)}\n`);
  write('scripts/release.sh', '#!/bin/sh\nset -eu\nmake build\necho "design assign signal"\n');
  write('scripts/test.sh', '#!/bin/sh\nset -eu\ngo test ./...\n');

  // Packages of ~50 files per directory, each package with a manifest; ~1 in 6 files is a doc.
  const fixed = count;
  const perDir = 50;
  const dirsPerPkg = 10;
  for (let i = 0; count < files; i++) {
    const pkg = Math.floor(i / (perDir * dirsPerPkg));
    const sub = Math.floor(i / perDir) % dirsPerPkg;
    const pkgDir = `packages/pkg${String(pkg).padStart(3, '0')}`;
    if (i % (perDir * dirsPerPkg) === 0) {
      write(`${pkgDir}/package.json`, `${JSON.stringify({ name: `@big/pkg${pkg}`, version: '1.0.0' }, null, 2)}\n`);
      if (count >= files) break;
    }
    if (r() < 1 / 6) {
      write(`${pkgDir}/docs/part${sub}/note${i}.md`, doc(r, i));
    } else {
      const lang = LANGS[Math.floor(r() * LANGS.length)];
      write(`${pkgDir}/src/mod${sub}/file${i}.${lang.ext}`, lang.body(r, i));
    }
  }
  const tracked = count;

  // Installed dependencies, ignored by .gitignore: a naive scanner would wade through them.
  for (let i = 0; i < deps; i++) {
    const p = `node_modules/dep${Math.floor(i / 40)}`;
    if (i % 40 === 0) write(`${p}/package.json`, `${JSON.stringify({ name: `dep${Math.floor(i / 40)}`, version: '0.0.1' })}\n`);
    else write(`${p}/lib/f${i}.js`, `// ${sentence(r, 10)}\nexports.sign = () => 'cosign sign ${i}';\n`);
  }

  // A git work tree, so that ripgrep applies .gitignore exactly as the reader does.
  spawnSync('git', ['init', '-q', tmp], { stdio: 'ignore' });
  writeFileSync(join(tmp, MARKER), `${tracked} tracked files (${fixed} fixed), ${deps} in node_modules\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  return { tracked, deps };
}

export function ensureRepo(out = resolve(here, '.work/big-repo'), files = 100_000, deps = 20_000) {
  if (existsSync(join(out, MARKER))) return { out, generated: false };
  const t0 = Date.now();
  const { tracked } = generate(out, files, deps);
  console.error(`generated ${tracked} files + ${deps} in node_modules into ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { out, generated: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(arg('out', join(here, '.work/big-repo')));
  const { generated } = ensureRepo(out, Number(arg('files', 100_000)), Number(arg('deps', 20_000)));
  if (!generated) console.error(`${out} is already complete (remove it to regenerate)`);
}
