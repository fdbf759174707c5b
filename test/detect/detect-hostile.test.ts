/**
 * Pathological inputs for the detection layer (the reader's own hostile tests live elsewhere):
 * megabyte-long lines and identifiers must not make the command recogniser, the Makefile parser
 * or the custody heuristics backtrack; nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanRepository } from '../../src/detect/scan.js';
import { recogniseLine } from '../../src/detect/commands.js';

const big = (s: string, n = 900_000): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

describe('hostile detection inputs', () => {
  it('long lines and identifiers are handled in linear time', () => {
    const files: Record<string, string> = {
      'scripts/a.sh': `gpg --import ${'$' + big('A')}\n`,
      'scripts/b.sh': big('x '),
      'scripts/c.sh': `cosign sign --key ${big('"')}\n`,
      Makefile: big('a') + '\n\t' + big('b ') + '\n',
      Jenkinsfile: `sh '${big('$KEY_')}'\n`,
      '.github/workflows/x.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${big('$(')}\n`,
      'package.json': JSON.stringify({ scripts: { a: big('npm run a && ') } }),
      '.gitlab-ci.yml': `include:\n${'  - local: .gitlab-ci.yml\n'.repeat(2000)}`,
    };
    const start = Date.now();
    const r = scanRepository(createMemoryReader(files));
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(r.facts.tools).toEqual(['cosign']); // scripts/c.sh is a cosign sign, however odd its key
  });

  it.each(['scripts/a.sh', 'scripts/b.sh', 'Makefile', 'Jenkinsfile', 'package.json'])('%s: a megabyte line alone is quick', (name) => {
    const start = Date.now();
    scanRepository(createMemoryReader({ [name]: name === 'package.json' ? JSON.stringify({ scripts: { a: big('npm run a && ') } }) : `${big('$KEY_A')}
	${big('x ')}
` }));
    expect(Date.now() - start).toBeLessThan(3_000);
  });

  it('recursive calls terminate', () => {
    const r = scanRepository(createMemoryReader({
      '.github/workflows/x.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./a.sh\n',
      'a.sh': './b.sh\nmake x\n',
      'b.sh': './a.sh\nnpm run x\n',
      Makefile: 'x: y\n\t./a.sh\ny: x\n\tmake x\n',
      'package.json': '{"scripts":{"x":"npm run x && ./b.sh && cosign sign --yes img"}}',
    }));
    expect(r.facts.signs).toBe(true);
  });

  it('the recogniser never throws on odd input', () => {
    for (const l of ['"', "'", '\\', '$(', '${', '`', '&&&&', '|||', ';;;', 'cosign', 'gpg -', 'sudo', 'env', 'A=b', 'export', '(((', '}}}']) {
      expect(() => recogniseLine(l)).not.toThrow();
    }
  });
});

describe('hostile YAML shapes', () => {
  const cases: Record<string, Record<string, string>> = {
    'self-referencing script list': { '.gitlab-ci.yml': 'job:\n  script: &s\n    - echo a\n    - *s\n' },
    'self-referencing bitbucket parallel': { 'bitbucket-pipelines.yml': 'pipelines:\n  default: &d\n    - parallel: *d\n' },
    'self-referencing buildkite group': { '.buildkite/pipeline.yml': 'steps: &s\n  - group: g\n    steps: *s\n' },
    'merge-key fan-out': {
      '.gitlab-ci.yml': ['a: &a {x: 1, y: 2, z: 3}', 'b: &b {<<: [*a, *a, *a, *a, *a, *a, *a, *a]}', 'c: &c {<<: [*b, *b, *b, *b, *b, *b, *b, *b]}', 'd: &d {<<: [*c, *c, *c, *c, *c, *c, *c, *c]}', 'e: &e {<<: [*d, *d, *d, *d, *d, *d, *d, *d]}', 'job:', '  <<: [*e, *e, *e, *e, *e, *e, *e, *e]', '  script: [cosign sign --yes img]'].join('\n') + '\n',
    },
    'self-merging map': { '.github/workflows/x.yml': 'on: push\njobs: &j\n  a:\n    <<: *j\n    runs-on: x\n    steps: [{run: cosign verify x}]\n' },
  };
  it.each(Object.entries(cases))('%s: terminates without throwing', (_name, files) => {
    const start = Date.now();
    expect(() => scanRepository(createMemoryReader(files))).not.toThrow();
    expect(Date.now() - start).toBeLessThan(5_000);
  });
});
