/**
 * Every fixture repository under test/fixtures/repos with an expected file in
 * test/fixtures/expected/<name>.json: facts (arrays as sets), required evidence (file+line, and a
 * finding for that fact referencing it), files that must carry no evidence, published totals,
 * the minimum number of limit warnings, the number of test keys and, when given, of unparsable files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/detect/scan.js';
import type { Facts } from '../../src/detect/types.js';

interface Expected {
  description: string;
  facts: Facts;
  evidence: Array<{ file: string; line: number; fact: keyof Facts }>;
  noEvidenceIn: string[];
  published: { total: number; signed: number };
  limits: number;
  testKeys: number;
  /** When given, the exact number of `unparsable` warnings (a Helm template is not a parse failure). */
  unparsable?: number;
  /** When given, the signer identities and verifier verdicts, each with the file:line of its key evidence. */
  verification?: {
    signers: Array<{ subject: string; issuer?: string; at: { file: string; line: number } }>;
    verifiers: Array<{ kind: string; status: string; accepts: string[]; at: { file: string; line: number } }>;
  };
}

/** Where each fixture would live (a fixture cannot carry `.git`): passed as --repo-url. */
const REPO_URLS = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'repo-urls.json'), 'utf8')) as Record<string, string>;

const root = join(import.meta.dirname, '..', 'fixtures');
const names = existsSync(join(root, 'repos'))
  ? readdirSync(join(root, 'repos')).filter((n) => existsSync(join(root, 'expected', `${n}.json`))).sort()
  : [];

/** Fixtures whose expectation we disagree with, with the reason (see the final report). */
const KNOWN_DISAGREEMENTS: Record<string, string> = {};

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : v)).sort();
  }
  return value;
}

describe('fixture repositories', () => {
  it('has fixtures', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(root, 'expected', `${name}.json`), 'utf8')) as Expected;
    const test = KNOWN_DISAGREEMENTS[name] ? it.fails : it;
    test(`${name}: ${expected.description.slice(0, 80)}`, async () => {
      const result = await scanDirectory(join(root, 'repos', name), { repoUrl: REPO_URLS[name] });
      for (const key of Object.keys(expected.facts) as Array<keyof Facts>) {
        expect(normalise(result.facts[key]), `fact ${key}`).toEqual(normalise(expected.facts[key]));
      }
      for (const ev of expected.evidence) {
        const at = result.evidence.filter((e) => e.file === ev.file && e.line === ev.line);
        expect(at.length, `evidence at ${ev.file}:${ev.line}`).toBeGreaterThan(0);
        const ids = new Set(at.map((e) => e.id));
        const finding = result.findings.find((f) => f.fact === ev.fact && f.evidence.some((id) => ids.has(id)));
        expect(finding, `a ${ev.fact} finding referencing ${ev.file}:${ev.line}`).toBeDefined();
      }
      for (const file of expected.noEvidenceIn) {
        expect(result.evidence.filter((e) => e.file === file).map((e) => `${e.file}:${e.line} ${e.detector}`), `no evidence in ${file}`).toEqual([]);
      }
      expect({ total: result.published.length, signed: result.published.filter((p) => p.signed).length }, 'published').toEqual(expected.published);
      expect(result.warnings.filter((w) => w.kind === 'limit').length, 'limit warnings').toBeGreaterThanOrEqual(expected.limits);
      expect(result.testKeys.length, 'test keys').toBe(expected.testKeys);
      if (expected.verification) {
        const at = (ids: string[]) => {
          const e = result.evidence.find((x) => x.id === ids[0])!;
          return { file: e.file, line: e.line };
        };
        const v = result.verification!;
        expect(v.signers.map((s) => ({ subject: s.subject, issuer: s.issuer, at: at(s.evidence) })), 'signers').toEqual(expected.verification.signers);
        expect(v.verifiers.map((x) => ({ kind: x.kind, status: x.status, accepts: x.accepts, at: at(x.evidence) })), 'verifiers').toEqual(expected.verification.verifiers);
      }
      if (expected.unparsable !== undefined) {
        expect(result.warnings.filter((w) => w.kind === 'unparsable').map((w) => w.message), 'unparsable warnings').toHaveLength(expected.unparsable);
      }
    });
  }
});
