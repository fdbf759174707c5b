/** The bank's `contradicts` rules, applied by the one function the wizard, report and check share. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findContradictions } from '../../src/assess/contradictions.js';
import { scanDirectory } from '../../src/detect/scan.js';
import { loadBank } from '../../src/model/bank.js';
import { generateReport } from '../../src/report/generate.js';
import { parseAnswers } from '../../src/session/answers-file.js';
import { readFileSync } from 'node:fs';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'check');
const bank = loadBank();

describe('findContradictions', () => {
  it('is empty when the repository bears the answers out', async () => {
    const scan = await scanDirectory(join(fixtures, 'keyless'));
    expect(findContradictions(bank, { 'KLS-1': 'all', 'VER-2': 'deploy-pipeline', 'COV-2': 'all', 'KEY-1': 'no-long-lived-keys' }, scan, 'en')).toEqual([]);
  });

  it.each([
    ['key-secret', { 'KLS-1': 'all' }, { question: 'KLS-1', claim: 'all', fact: 'keyCustody', factValue: 'ci-secret', at: { file: '.github/workflows/release.yml', line: 32 } }, 'a long-lived key (CI secret) is used at .github/workflows/release.yml:32'],
    ['no-verify', { 'VER-2': 'deploy-pipeline' }, { question: 'VER-2', claim: 'deploy-pipeline', fact: 'verifies', factValue: false }, 'nothing in this repository verifies a signature: no verify step, no admission policy'],
    ['unsigned-publish', { 'COV-2': 'all' }, { question: 'COV-2', claim: 'all', fact: 'unsignedPublished', factValue: 'package', at: { file: '.github/workflows/release.yml', line: 42 } }, 'an unsigned npm package is published at .github/workflows/release.yml:42'],
  ])('%s: names the claim, the fact, the place and says it in words', async (repo, answers, expected, message) => {
    const scan = await scanDirectory(join(fixtures, repo));
    const found = findContradictions(bank, answers, scan, 'en');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ...expected, message });
    if (!('at' in expected)) expect(found[0]!.at).toBeUndefined();
    expect(found[0]!.rule.file).toMatch(/questions\/.*\.yaml$/);
  });

  it('says it in Japanese', async () => {
    const scan = await scanDirectory(join(fixtures, 'no-verify'));
    expect(findContradictions(bank, { 'VER-2': 'admission-control' }, scan, 'ja')[0]!.message).toBe('このリポジトリのどこにも署名の検証 (検証ステップやアドミッションポリシー) がありません');
  });

  it('"unsure" and unrelated answers claim nothing', async () => {
    const scan = await scanDirectory(join(fixtures, 'key-secret'));
    expect(findContradictions(bank, { 'KLS-1': 'unsure', 'KEY-1': 'ci-secret', 'COV-2': 'some' }, scan, 'en')).toEqual([]);
  });
});

describe('report --repo lists the contradictions', () => {
  const path = join(fixtures, 'keyless', '.sigmature', 'answers.yaml');
  const loaded = parseAnswers(readFileSync(path, 'utf8'), path, bank);
  const tool = { name: 'sigmature', version: 'test' };

  it('in Markdown, as a section of its own, and in JSON', async () => {
    const scan = await scanDirectory(join(fixtures, 'unsigned-publish'));
    const md = await generateReport({ bank, answers: loaded.file, scan, lang: 'en', format: 'markdown', tool });
    expect(md.text).toContain('## Contradictions between the answers and the repository');
    expect(md.text).toMatch(/- COV-2 .* \*\*All, and nothing ships unsigned\*\*: an unsigned npm package is published at \.github\/workflows\/release\.yml:42/);
    const json = JSON.parse((await generateReport({ bank, answers: loaded.file, scan, lang: 'en', format: 'json', tool })).text) as { contradictions: unknown[] };
    expect(json.contradictions).toHaveLength(1);
  });

  it('not when nothing contradicts, nor without a scan', async () => {
    const scan = await scanDirectory(join(fixtures, 'keyless'));
    expect((await generateReport({ bank, answers: loaded.file, scan, lang: 'en', format: 'markdown', tool })).text).not.toContain('## Contradictions');
    expect((await generateReport({ bank, answers: loaded.file, lang: 'en', format: 'markdown', tool })).text).not.toContain('## Contradictions');
  });
});
