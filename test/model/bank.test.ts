import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/model/bank.js';
import { InputError } from '../../src/model/yaml-source.js';
import { defaultBankDir } from '../../src/paths.js';
// @ts-expect-error: a plain .mjs build script without types
import { generateSchemas } from '../../scripts/gen-schema.mjs';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A copy of the built-in bank with one file edited, to check one way of breaking it. */
function brokenBank(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sigmature-bank-'));
  dirs.push(dir);
  cpSync(defaultBankDir, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function loadError(dir: string): InputError {
  try {
    loadBank(dir);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('the bank loaded, but it should not have');
}

describe('the built-in REL-001 bank', () => {
  const bank = loadBank();

  it('loads with every dimension, criterion and the 22 questions', () => {
    expect(bank.id).toBe('owasp-dsovs-rel-001');
    expect(bank.questions.length).toBeGreaterThanOrEqual(22);
    expect(bank.criteria.map((c) => c.id)).toEqual([
      'L1.signed', 'L1.procedure', 'L1.custody-known',
      'L2.keys-protected', 'L2.central-platform', 'L2.access-restricted',
      'L3.all-signed-in-ci', 'L3.no-long-lived-keys', 'L3.verify-enforced', 'L3.auditable',
    ]);
    for (const d of bank.dimensions) expect(bank.questions.some((q) => q.dimension === d.id), d.id).toBe(true);
  });

  it('offers "unsure" as the last option of every question, satisfying nothing', () => {
    for (const q of bank.questions) {
      const last = q.options.at(-1)!;
      expect(last.value).toBe('unsure');
      expect(last.satisfies).toEqual([]);
    }
  });

  it('has English and Japanese text for every question and option', () => {
    for (const q of bank.questions) {
      for (const s of [q.text, q.help]) expect(s.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // option labels may be tool names ("cosign (Sigstore)") and read the same in both languages
      for (const o of q.options) expect(o.label.ja.length * o.label.en.length).toBeGreaterThan(0);
    }
  });

  it('asks a question only after the questions its skip rule reads', () => {
    const order = bank.questions.map((q) => q.id);
    for (const q of bank.questions) {
      const refs = JSON.stringify(q.skipWhen ?? {}).match(/[A-Z]{2,5}-\d+/g) ?? [];
      for (const r of refs) expect(order.indexOf(r), `${q.id} reads ${r}`).toBeLessThan(order.indexOf(q.id));
    }
  });

  it('points every file at a JSON Schema that matches the zod schema', async () => {
    const generated = (await generateSchemas()) as Record<string, string>;
    for (const [name, text] of Object.entries(generated)) {
      expect(readFileSync(join(defaultBankDir, 'schema', name), 'utf8'), `${name} is stale: npm run gen-schema`).toBe(text);
    }
    expect(readFileSync(join(defaultBankDir, 'keyless.yaml'), 'utf8')).toMatch(/^\$schema: \.\/schema\/dimension\.schema\.json$/m);
  });
});

describe('a broken bank is one line naming file, line and problem', () => {
  const cases: [string, string, (t: string) => string, RegExp][] = [
    ['bad YAML', 'keyless.yaml', (t) => t.replace('questions:', 'questions: [unclosed'), /keyless\.yaml:\d+: invalid YAML/],
    ['unknown criterion', 'keyless.yaml', (t) => t.replace('L3.no-long-lived-keys', 'L3.no-such-criterion'), /keyless\.yaml:\d+: unknown criterion L3\.no-such-criterion/],
    ['duplicate id', 'keyless.yaml', (t) => t.replace(/id: KLS-1/, 'id: KEY-1'), /keyless\.yaml:\d+: duplicate question id KEY-1 \(first at .*key-protection\.yaml:\d+\)/],
    ['dangling skip reference', 'key-protection.yaml', (t) => t.replace(/question: COV-2/, 'question: COV-99'), /key-protection\.yaml:\d+: KEY-1 refers to unknown question COV-99/],
    ['skip reference to a missing option', 'key-protection.yaml', (t) => t.replace(/in: \[none\]/, 'in: [nothing-at-all]'), /refers to "nothing-at-all", which is not an option of COV-2/],
    ['missing field', 'keyless.yaml', (t) => t.replace(/^(\s+)help:/m, '$1helpx:'), /keyless\.yaml:\d+: questions\[0\]/],
    ['reserved unsure value', 'keyless.yaml', (t) => t.replace(/value: experimenting/, 'value: unsure'), /"unsure" is reserved/],
    ['unknown fact in prefill', 'keyless.yaml', (t) => t.replace(/fact: keyless\b/, 'fact: keylessness'), /unknown fact "keylessness"/],
  ];
  it.each(cases)('%s', (_name, file, edit, expected) => {
    const err = loadError(brokenBank(file, edit));
    expect(err.message).toMatch(expected);
    expect(err.message).not.toContain('\n');
  });

  /** The 1-based line of the first match of `re` in the built-in bank's `file`. */
  const lineOf = (file: string, re: RegExp) => readFileSync(join(defaultBankDir, file), 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;

  it.each([
    ['an unknown fact value in a prefill rule', 'keyless.yaml', /includes: keyless\}/, (t: string) => t.replace('includes: keyless}', 'includes: keyles}'),
      /^.*keyless\.yaml:(\d+): unknown value "keyles" of fact keyCustody \(values: keyless, ci-secret, .*\) in KLS-1$/],
    ['an unknown fact in a contradicts rule', 'keyless.yaml', /fact: keyless, equals: true\}\n?$/, (t: string) => t.replace(/(contradicts:[\s\S]*?)fact: keyless, equals/, '$1fact: keylessly, equals'),
      /^.*keyless\.yaml:(\d+): unknown fact "keylessly" \(facts: .*\) in KLS-1$/],
    ['an unknown fact value in a contradicts rule', 'coverage.yaml', /fact: unsignedPublished, empty: false/, (t: string) => t.replace('{fact: unsignedPublished, empty: false}', '{fact: unsignedPublished, includes: images}'),
      /^.*coverage\.yaml:(\d+): unknown value "images" of fact unsignedPublished \(values: container-image, blob, package, checksums\) in COV-2$/],
    ['includes on a true/false fact', 'verification.yaml', /fact: verifies, equals: false/, (t: string) => t.replace('{fact: verifies, equals: false}', '{fact: verifies, includes: cosign}'),
      /^.*verification\.yaml:(\d+): fact "verifies" is true or false: test it with equals in VER-2$/],
    ['equals on a list fact', 'coverage.yaml', /fact: signs, equals: false/, (t: string) => t.replace('{fact: signs, equals: false}', '{fact: tools, equals: cosign}'),
      /^.*coverage\.yaml:(\d+): fact "tools" is a list: test it with includes or empty, not equals in COV-2$/],
    ['a claim that is not an option', 'coverage.yaml', /claims: \[all\]/, (t: string) => t.replace('claims: [all]', 'claims: [everything]'),
      /^.*coverage\.yaml:(\d+): contradicts claim "everything" is not an option of COV-2$/],
  ])('rejects %s, at its line', (_name, file, at, edit, expected) => {
    const err = loadError(brokenBank(file, edit));
    const m = expected.exec(err.message);
    expect(m, err.message).not.toBeNull();
    // the line of the offending test (the first match in the file; for the contradicts rule, the last)
    const lines = readFileSync(join(defaultBankDir, file), 'utf8').split('\n');
    const candidates = lines.map((l, i) => (at.test(l) ? i + 1 : 0)).filter(Boolean);
    expect(candidates, err.message).toContain(Number(m![1]));
    expect(lineOf(file, at)).toBeGreaterThan(0);
  });

  it('a cycle in skip rules names the questions in it', () => {
    const dir = brokenBank('keyless.yaml', (t) => t.replace(/(\n  - id: KLS-1\n)/, '$1    skipWhen: {question: KEY-1, in: [developer-machine]}\n'));
    // KEY-1 already reads COV-2; make COV-2 read KLS-1 to close the loop.
    const covPath = join(dir, 'coverage.yaml');
    writeFileSync(covPath, readFileSync(covPath, 'utf8').replace(/(\n  - id: COV-2\n)/, '$1    skipWhen: {question: KLS-1, in: [no]}\n'));
    const err = loadError(dir);
    expect(err.message).toMatch(/skip rules form a cycle: .*KLS-1.*KEY-1.*COV-2|skip rules form a cycle: .*COV-2.*KLS-1.*KEY-1/);
  });
});

describe('extending the bank', () => {
  it('adds an organisation\'s questions from a directory without bank.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigmature-ext-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'org.yaml'), [
      'dimension: governance',
      'questions:',
      '  - id: ORG-1',
      '    text: {en: Is the signing policy approved by the CISO?, ja: 署名ポリシーは CISO が承認していますか?}',
      '    help: {en: Approval makes the policy binding., ja: 承認によりポリシーが拘束力を持ちます。}',
      '    options:',
      '      - {value: "no", label: {en: "No", ja: いいえ}, score: 0}',
      '      - {value: "yes", label: {en: "Yes", ja: はい}, score: 3}',
    ].join('\n'));
    const bank = loadBank(dir);
    expect(bank.byId.get('ORG-1')?.dimension).toBe('governance');
    expect(bank.questions.length).toBe(loadBank().questions.length + 1);
    expect(bank.id).toMatch(/^owasp-dsovs-rel-001\+/);
  });

  it('rejects a path that is not a directory', () => {
    expect(() => loadBank('/nonexistent/bank')).toThrow(/not a question bank directory/);
  });
});
