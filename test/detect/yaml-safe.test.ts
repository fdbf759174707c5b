import { describe, expect, it } from 'vitest';
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { parseYamlSafe, toJSSafe } from '../../src/detect/yaml-safe.js';

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

function blockNesting(levels: number): string {
  const lines: string[] = [];
  for (let i = 0; i < levels; i++) lines.push(' '.repeat(i) + `k${i}:`);
  lines.push(' '.repeat(levels) + 'leaf: 1');
  return lines.join('\n');
}

describe('parseYamlSafe', () => {
  it('parses every document of a stream and gives 1-based lines', () => {
    const r = parseYamlSafe('a: 1\n---\nname: release\njobs:\n  sign:\n    steps: []\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.docs).toHaveLength(2);
    const second = r.docs[1]!.contents as unknown as YAMLMap;
    expect(isMap(second)).toBe(true);
    const jobs = second.get('jobs', true) as unknown as YAMLMap;
    expect(r.lineOf(jobs)).toBe(5);
    expect(r.lineOf(jobs.items[0])).toBe(5); // a Pair: the key's line
    expect(r.lineOf(r.docs[0]!.contents)).toBe(1);
    expect(r.lineOf(undefined)).toBe(1);
    expect(r.lineOf({ not: 'a node' })).toBe(1);
  });

  it('resolves merge keys (GitLab CI style)', () => {
    const r = parseYamlSafe('.base: &base\n  image: alpine\njob:\n  <<: *base\n  script: [make]\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const js = toJSSafe(r.docs[0]!);
    expect(js).toEqual({ ok: true, value: { '.base': { image: 'alpine' }, job: { image: 'alpine', script: ['make'] } } });
  });

  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(parseYamlSafe('['.repeat(64) + ']'.repeat(64)).ok).toBe(true);
    const r = parseYamlSafe('['.repeat(65) + ']'.repeat(65));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/nesting deeper than 64/);
    expect(parseYamlSafe('['.repeat(6) + ']'.repeat(6), { maxYamlDepth: 5 }).ok).toBe(false);
  });

  it.each([
    ['flow sequences', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['unclosed flow sequences', '['.repeat(20_000)],
    ['flow mappings', '{a: '.repeat(20_000) + '}'.repeat(20_000)],
    ['compact block sequences', '- '.repeat(20_000) + 'x'],
    ['block mappings by indentation', blockNesting(20_000)],
  ])('refuses 20,000 levels of %s without overflowing the stack', (_name, text) => {
    const t0 = performance.now();
    const r = parseYamlSafe(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/nesting deeper/);
      expect(r.line).toBeGreaterThanOrEqual(1);
    }
    // about 3 s alone on 2 cores (the block text is hundreds of MB of indentation); a parser that
    // went quadratic would take minutes, so 10 s leaves room for a loaded machine without hiding one
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('parses the billion-laughs document but refuses to expand it', () => {
    const r = parseYamlSafe(billionLaughs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const js = toJSSafe(r.docs[0]!);
    expect(js.ok).toBe(false);
    if (!js.ok) expect(js.error).toMatch(/alias/i);
  });

  it('expands a few aliases within the budget', () => {
    const r = parseYamlSafe('a: &x [1, 2]\nb: *x\nc: *x\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toJSSafe(r.docs[0]!)).toEqual({ ok: true, value: { a: [1, 2], b: [1, 2], c: [1, 2] } });
    expect(toJSSafe(r.docs[0]!, { maxYamlAliases: 0 }).ok).toBe(false);
  });

  it('reports syntax errors as one sanitised line with the line number', () => {
    const r = parseYamlSafe('ok: 1\nname: "\x1b[31mred\x1b[0m\n  bad: [\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).not.toMatch(/[\x00-\x1f\x7f]/);
    expect(r.error).not.toContain('\n');
    expect(r.line).toBeGreaterThanOrEqual(2);
  });

  it('reports an undefined alias as an error, not an exception', () => {
    const r = parseYamlSafe('a: *nowhere\n');
    if (r.ok) {
      const js = toJSSafe(r.docs[0]!);
      expect(js.ok).toBe(false);
      if (!js.ok) expect(js.error).toMatch(/alias/i);
    }
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = ['', '\0\0\0', ':::\n- - -\n? ?', '%YAML 9.9\n---\na', '\ufeffa: 1', 'a: !!binary ===', null, 42];
    for (const input of inputs) {
      expect(() => parseYamlSafe(input as string)).not.toThrow();
    }
    const empty = parseYamlSafe('');
    expect(empty.ok).toBe(true);
  });

  it('does not count brackets or dashes inside strings, comments and block scalars', () => {
    const deep = '['.repeat(200);
    const text = [
      `title: "${deep}"`,
      `other: '${deep}'`,
      `# ${deep}`,
      `plain: a${deep}`,
      'script: |',
      `  echo ${deep}`,
      `  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x`,
      'list:',
      ...Array.from({ length: 300 }, () => '  - [a, {b: [c]}]'),
    ].join('\n');
    const r = parseYamlSafe(text);
    expect(r.ok).toBe(true);
  });

  it('keeps block scalars and sequences intact', () => {
    const r = parseYamlSafe('steps:\n  - run: |\n      cosign sign --yes "$IMAGE"\n      echo [[[[\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const steps = (r.docs[0]!.contents as YAMLMap).get('steps', true);
    expect(isSeq(steps)).toBe(true);
    expect(r.lineOf(steps)).toBe(2);
  });
});
