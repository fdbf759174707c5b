/**
 * The assessment as an in-toto Statement v1: the Statement layer checked against the spec's
 * required fields (in-toto/attestation spec/v1/statement.md, resource_descriptor.md,
 * digest_set.md), the predicate against the committed JSON Schema, and `report --format intoto`
 * end to end. Offline: nothing is signed here.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assess } from '../../src/assess/assess.js';
import { loadBank } from '../../src/model/bank.js';
import { sha256 } from '../../src/report/generate.js';
import { buildStatement, PREDICATE_TYPE, STATEMENT_TYPE, type StatementInput } from '../../src/report/intoto.js';
import { answerSources, answerValues, parseAnswers } from '../../src/session/answers-file.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const bank = loadBank();
const tool = { name: 'sigmature', version: '0.0.0-test' };
const work = mkdtempSync(join(tmpdir(), 'sigmature-intoto-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const predicateSchema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schema', 'assessment-predicate.v1.schema.json'), 'utf8')));

/**
 * The Statement layer as the in-toto spec v1 states it: `_type` is always
 * https://in-toto.io/Statement/v1; `subject` is a non-empty array of ResourceDescriptors, each with
 * `digest` set (a DigestSet: algorithm → value, lowercase hex for the standard algorithms and for
 * gitCommit, which is a 40- or 64-character id); `predicateType` is a TypeURI; `predicate` an object.
 */
const HEX_LENGTHS: Record<string, number[]> = { sha256: [64], sha512: [128], sha384: [96], sha1: [40], gitCommit: [40, 64], gitTree: [40, 64], gitBlob: [40, 64] };
function specProblems(statement: unknown): string[] {
  const problems: string[] = [];
  const s = statement as Record<string, unknown>;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return ['a Statement is a JSON object'];
  for (const key of ['_type', 'subject', 'predicateType']) if (!(key in s)) problems.push(`${key} is required`);
  if (s._type !== 'https://in-toto.io/Statement/v1') problems.push('_type must be https://in-toto.io/Statement/v1');
  if (!Array.isArray(s.subject) || s.subject.length === 0) problems.push('subject must be a non-empty array');
  else {
    const names = new Set<string>();
    for (const [i, d] of (s.subject as Record<string, unknown>[]).entries()) {
      const digest = d.digest as Record<string, unknown> | undefined;
      if (typeof digest !== 'object' || digest === null || Object.keys(digest).length === 0) problems.push(`subject[${i}].digest must be a non-empty map`);
      for (const [alg, value] of Object.entries(digest ?? {})) {
        if (typeof value !== 'string' || !/^[0-9a-f]+$/.test(value)) problems.push(`subject[${i}].digest.${alg} must be lowercase hex`);
        else if (HEX_LENGTHS[alg] && !HEX_LENGTHS[alg]!.includes(value.length)) problems.push(`subject[${i}].digest.${alg} has the wrong length`);
      }
      if (d.name !== undefined) {
        if (typeof d.name !== 'string') problems.push(`subject[${i}].name must be a string`);
        else if (names.has(d.name)) problems.push(`subject[${i}].name SHOULD be unique`);
        else names.add(d.name);
      }
    }
  }
  if (typeof s.predicateType !== 'string' || !URL.canParse(s.predicateType)) problems.push('predicateType must be a URI');
  if ('predicate' in s && (typeof s.predicate !== 'object' || s.predicate === null || Array.isArray(s.predicate))) problems.push('predicate must be an object');
  return problems;
}

function input(level: number, edit?: (i: StatementInput) => void): StatementInput {
  const text = readFileSync(join(root, 'examples', `level-${level}.answers.yaml`), 'utf8');
  const answers = parseAnswers(text, 'a.yaml', bank).file;
  const i: StatementInput = {
    bank, answers, assessment: assess(bank, answerValues(answers), answerSources(answers)),
    answersName: `examples/level-${level}.answers.yaml`, answersDigest: sha256(text), tool, today: '2026-12-01',
  };
  edit?.(i);
  return i;
}

const COMMIT = 'a'.repeat(39) + 'b';

describe('the spec check itself', () => {
  it.each([
    [{}, '_type is required'],
    [{ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ digest: { sha256: 'ab'.repeat(32) } }], predicateType: 'x:y' }, '_type must be'],
    [{ _type: STATEMENT_TYPE, subject: [], predicateType: 'https://x/y' }, 'subject must be a non-empty array'],
    [{ _type: STATEMENT_TYPE, subject: [{ name: 'a' }], predicateType: 'https://x/y' }, 'digest must be a non-empty map'],
    [{ _type: STATEMENT_TYPE, subject: [{ digest: { sha256: 'AB'.repeat(32) } }], predicateType: 'https://x/y' }, 'lowercase hex'],
    [{ _type: STATEMENT_TYPE, subject: [{ digest: { gitCommit: 'abc1234' } }], predicateType: 'https://x/y' }, 'wrong length'],
    [{ _type: STATEMENT_TYPE, subject: [{ digest: { sha256: 'ab'.repeat(32) } }], predicateType: 'not a uri' }, 'predicateType must be a URI'],
  ])('rejects %j', (statement, problem) => {
    expect(specProblems(statement).join('; ')).toContain(problem);
  });
});

describe('buildStatement', () => {
  it.each([0, 1, 2, 3])('level-%i: a Statement v1 the spec accepts, with a predicate the schema accepts', (level) => {
    const { statement } = buildStatement(input(level));
    expect(specProblems(statement)).toEqual([]);
    expect(statement.predicateType).toBe(PREDICATE_TYPE);
    const parsed = predicateSchema.safeParse(statement.predicate);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(statement.predicate.level).toBe(level);
    expect(Object.keys(statement.predicate.criteria)).toEqual(bank.criteria.map((c) => c.id));
  });

  it('names the answers file by its sha256, the same value as the predicate', () => {
    const i = input(1);
    const { statement } = buildStatement(i);
    expect(statement.subject[0]).toEqual({ name: 'examples/level-1.answers.yaml', digest: { sha256: i.answersDigest } });
    expect(statement.predicate.answers.sha256).toBe(i.answersDigest);
  });

  it('adds the repository at its commit when the answers give a full id (lowercased), named by its URL', () => {
    const { statement, warnings } = buildStatement(input(2, (i) => { i.answers.meta.repository = { url: 'https://github.com/example/payments-api', commit: COMMIT.toUpperCase() }; }));
    expect(statement.subject[1]).toEqual({ name: 'https://github.com/example/payments-api', digest: { gitCommit: COMMIT } });
    expect(statement.predicate.repository).toEqual({ name: 'https://github.com/example/payments-api', commit: COMMIT, commitFrom: 'answers' });
    expect(warnings).toEqual([]);
    expect(specProblems(statement)).toEqual([]);
  });

  it('prefers the scanned commit, and says so when the answers name another one', () => {
    const { statement, warnings } = buildStatement(input(2, (i) => { i.scanned = { root: '.', commit: COMMIT }; }));
    expect(statement.subject[1]).toEqual({ name: 'https://github.com/example/payments-api', digest: { gitCommit: COMMIT } });
    expect(statement.predicate.repository?.commitFrom).toBe('scan');
    expect(warnings.join('\n')).toContain('2c7e8d4a9f10');
  });

  it('makes no repository subject from an abbreviated commit, and warns', () => {
    // level-2's answers give commit 2c7e8d4a9f10: gitCommit must be a full id
    const { statement, warnings } = buildStatement(input(2));
    expect(statement.subject).toHaveLength(1);
    expect(statement.predicate.repository).toEqual({ name: 'https://github.com/example/payments-api', commit: '2c7e8d4a9f10', commitFrom: 'answers' });
    expect(warnings.join('\n')).toMatch(/not a full 40- or 64-character id/);
    expect(predicateSchema.safeParse(statement.predicate).success).toBe(true);
  });

  it('takes the date from the answers, else today; never lists participants (a signed statement lands in a public log)', () => {
    expect(buildStatement(input(2)).statement.predicate.date).toBe('2026-11-22');
    expect(buildStatement(input(2, (i) => { delete i.answers.meta.date; })).statement.predicate.date).toBe('2026-12-01');
    expect(JSON.stringify(buildStatement(input(2)).statement)).not.toContain('Aiko Tanaka');
  });

  it('carries the contradiction count for check, and the schema accepts it', () => {
    const { statement } = buildStatement(input(3, (i) => { i.contradictions = 2; }));
    expect(statement.predicate.contradictions).toBe(2);
    expect(predicateSchema.safeParse(statement.predicate).success).toBe(true);
  });

  it('refuses a digest that is not a lowercase sha256', () => {
    expect(() => buildStatement(input(1, (i) => { i.answersDigest = 'ABC'; }))).toThrow(/sha256/);
  });
});

describe('the predicate schema', () => {
  const good = buildStatement(input(2)).statement.predicate;
  it.each([
    ['an unknown field', (p: Record<string, unknown>) => { p.participants = ['x']; }],
    ['a level above 3', (p: Record<string, unknown>) => { p.level = 4; }],
    ['an unknown criterion status', (p: Record<string, unknown>) => { (p.criteria as Record<string, { status: string }>)['L1.signed']!.status = 'maybe'; }],
    ['an uppercase answers digest', (p: Record<string, unknown>) => { (p.answers as { sha256: string }).sha256 = 'A'.repeat(64); }],
    ['a date that is not YYYY-MM-DD', (p: Record<string, unknown>) => { p.date = '22/11/2026'; }],
    ['no tool', (p: Record<string, unknown>) => { delete p.tool; }],
  ])('rejects %s', (_, edit) => {
    const p = structuredClone(good) as unknown as Record<string, unknown>;
    edit(p);
    expect(predicateSchema.safeParse(p).success).toBe(false);
  });
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('report --format intoto', () => {
  it('writes the Statement for an answers file, its digest that of the bytes on disk', () => {
    const r = run(['report', '--answers', 'examples/level-3.answers.yaml', '--format', 'intoto']);
    expect(r.code).toBe(0);
    const statement = JSON.parse(r.stdout);
    expect(specProblems(statement)).toEqual([]);
    expect(predicateSchema.safeParse(statement.predicate).success).toBe(true);
    const bytes = readFileSync(join(root, 'examples', 'level-3.answers.yaml'));
    expect(statement.subject[0]).toEqual({ name: 'examples/level-3.answers.yaml', digest: { sha256: createHash('sha256').update(bytes).digest('hex') } });
  });

  it('with --repo, names the scanned checkout at its commit', () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(repo, '.git', 'refs', 'heads', 'main'), `${COMMIT}\n`);
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, readFileSync(join(root, 'examples', 'level-1.answers.yaml'), 'utf8'));
    const out = join(work, 'assessment.intoto.json');
    const r = run(['report', '--answers', answers, '--repo', repo, '--format', 'intoto', '--out', out]);
    expect(r.code).toBe(0);
    const statement = JSON.parse(readFileSync(out, 'utf8'));
    expect(specProblems(statement)).toEqual([]);
    expect(statement.subject.map((s: { digest: object }) => Object.keys(s.digest)[0])).toEqual(['sha256', 'gitCommit']);
    expect(statement.subject[1].digest.gitCommit).toBe(COMMIT);
    expect(statement.predicate.repository.commitFrom).toBe('scan');
  });

  it('an unknown format names intoto among the choices', () => {
    const r = run(['report', '--answers', 'examples/level-1.answers.yaml', '--format', 'in-toto']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('intoto');
  });
});

describe('check --format intoto', () => {
  it('states the assessment with the number of contradictions the check found', () => {
    const answers = 'test/fixtures/check/keyless/.sigmature/answers.yaml';
    for (const [repo, expected] of [['keyless', 0], ['key-secret', 4]] as const) {
      const r = run(['check', `test/fixtures/check/${repo}`, '--answers', answers, '--format', 'intoto']);
      expect(r.code, r.stderr).toBe(expected === 0 ? 0 : 1);
      const statement = JSON.parse(r.stdout);
      expect(specProblems(statement)).toEqual([]);
      expect(predicateSchema.safeParse(statement.predicate).success).toBe(true);
      expect(statement.predicate.contradictions).toBe(expected);
      expect(statement.subject[0].digest.sha256).toBe(createHash('sha256').update(readFileSync(join(root, answers))).digest('hex'));
    }
  });

  it('needs the team\'s answers: a scan alone is no assessment to attest', () => {
    const r = run(['check', 'test/fixtures/check/keyless', '--answers', 'no/such.yaml', '--format', 'intoto']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
