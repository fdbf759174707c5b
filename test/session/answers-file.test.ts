import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/model/bank.js';
import { InputError } from '../../src/model/yaml-source.js';
import { writeFileAtomic } from '../../src/session/atomic-write.js';
import {
  answerValues, emptyAnswers, parseAnswers, readAnswersFile, serializeAnswers, writeAnswersFile,
} from '../../src/session/answers-file.js';

const bank = loadBank();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sigmature-session-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const sample = () => {
  const file = emptyAnswers(bank, { organisation: 'Example Corp', team: 'Payments', participants: ['Aiko', 'Ben'], date: '2026-11-25', targetLevel: 2 });
  file.answers['COV-2'] = { value: 'some', source: 'confirmed', evidence: [{ file: '.github/workflows/release.yml', line: 23, detector: 'imagesAreSigned' }] };
  file.answers['PRV-1'] = { value: ['sbom', 'provenance'], source: 'stated', note: 'SBOM via syft; "provenance" only for images\nsecond line' };
  file.answers['GOV-1'] = { value: 'unsure', source: 'stated' };
  return file;
};

describe('the answers file', () => {
  it('round-trips through YAML with answers in bank order and a fingerprint per answer', () => {
    const text = serializeAnswers(sample(), bank);
    expect(text.indexOf('COV-2')).toBeLessThan(text.indexOf('GOV-1'));
    expect(text.indexOf('GOV-1')).toBeLessThan(text.indexOf('PRV-1'));
    const { file, warnings } = parseAnswers(text, 'a.yaml', bank);
    expect(warnings).toEqual([]);
    expect(answerValues(file)).toEqual({ 'COV-2': 'some', 'PRV-1': ['sbom', 'provenance'], 'GOV-1': 'unsure' });
    expect(file.answers['PRV-1']!.note).toContain('second line');
    expect(file.answers['COV-2']!.rev).toBe(bank.byId.get('COV-2')!.rev);
    expect(file.meta.participants).toEqual(['Aiko', 'Ben']);
  });

  it('writes atomically and reads back what it wrote', () => {
    const path = join(tmp(), '.sigmature', 'answers.yaml');
    writeAnswersFile(path, sample(), bank);
    expect(answerValues(readAnswersFile(path, bank).file)['COV-2']).toBe('some');
    expect(readdirSync(join(path, '..'))).toEqual(['answers.yaml']);
  });

  const bad: [string, string, RegExp][] = [
    ['not YAML', 'answers: [unclosed', /bad\.yaml:\d+: invalid YAML/],
    ['a foreign YAML file', 'name: CI\non: push\n', /bad\.yaml:1: not a sigmature answers file/],
    ['a future schema version', 'schemaVersion: 9\nbank: {id: owasp-dsovs-rel-001, version: 1.0.0}\n', /bad\.yaml:1: answers schemaVersion 9 is not supported/],
    ['another bank', 'schemaVersion: 1\nbank: {id: acme-bank, version: 1.0.0}\n', /bad\.yaml:2: answers are for question bank "acme-bank"/],
    ['a bad source', 'schemaVersion: 1\nbank: {id: owasp-dsovs-rel-001, version: 1.0.0}\nanswers:\n  COV-2:\n    value: some\n    source: guessed\n', /bad\.yaml:6: answers\.COV-2\.source/],
    ['a bad date', 'schemaVersion: 1\nbank: {id: owasp-dsovs-rel-001, version: 1.0.0}\nmeta:\n  date: 25/11/2026\n', /bad\.yaml:4: meta\.date: dates are YYYY-MM-DD/],
  ];
  it.each(bad)('rejects %s with one line naming file and line', (_name, text, expected) => {
    let err: unknown;
    try { parseAnswers(text, 'bad.yaml', bank); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(expected);
    expect((err as Error).message).not.toContain('\n');
  });

  it('loads answers from an older bank version with warnings for what changed', () => {
    const text = [
      'schemaVersion: 1',
      'bank: {id: owasp-dsovs-rel-001, version: 0.9.0}',
      'answers:',
      '  COV-2: {value: some, source: stated, rev: 000000000000}',
      '  KEY-1: {value: usb-stick, source: stated}',
      '  OLD-7: {value: "yes", source: stated}',
      '  GOV-1: {value: written, source: stated, rev: ' + bank.byId.get('GOV-1')!.rev + '}',
    ].join('\n');
    const { file, warnings } = parseAnswers(text, 'old.yaml', bank);
    expect(Object.keys(file.answers).sort()).toEqual(['COV-2', 'GOV-1']);
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/old\.yaml:4: COV-2 has changed since it was answered \(answered with bank 0\.9\.0, now 1\.0\.0\)/);
    expect(warnings.join('\n')).toMatch(/old\.yaml:5: KEY-1 has no option "usb-stick"/);
    expect(warnings.join('\n')).toMatch(/old\.yaml:6: OLD-7 is not in the question bank/);
  });

  it('a missing file is one clear error', () => {
    expect(() => readAnswersFile('/nonexistent/answers.yaml', bank)).toThrow(/answers\.yaml: no such answers file/);
  });
});

describe('atomic writes', () => {
  it('write through to a device such as /dev/null instead of replacing it', () => {
    writeFileAtomic('/dev/null', 'discarded');
    const st = statSync('/dev/null');
    expect(st.isCharacterDevice()).toBe(true);
  });

  it('leave the previous file whole and no temporary file when the write fails', () => {
    const dir = tmp();
    const target = join(dir, 'report.md');
    writeFileSync(target, 'previous report\n');
    // A directory where the temporary file would be renamed to makes rename fail, like a full disk would.
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    expect(() => writeFileAtomic(blocked, 'new')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'report.md']);
    writeFileAtomic(target, 'new report\n');
    expect(readFileSync(target, 'utf8')).toBe('new report\n');
  });
});
