import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/assess.js';
import type { Lang } from '../../src/i18n/report-messages.js';
import { loadBank } from '../../src/model/bank.js';
import { generateReport, sha256 } from '../../src/report/generate.js';
import { buildRoadmap, loadRoadmapCatalog } from '../../src/report/roadmap.js';
import { answerValues, parseAnswers, type AnswersFile } from '../../src/session/answers-file.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const goldenDir = join(root, 'test', 'report', 'golden');
const bank = loadBank();
const catalog = loadRoadmapCatalog();
const tool = { name: 'sigmature', version: '0.0.0-test' };

function example(level: number): { text: string; file: AnswersFile } {
  const text = readFileSync(join(root, 'examples', `level-${level}.answers.yaml`), 'utf8');
  return { text, file: parseAnswers(text, `level-${level}.answers.yaml`, bank).file };
}

async function report(level: number, lang: Lang, format: 'markdown' | 'html' | 'json' = 'markdown', edit?: (f: AnswersFile) => void) {
  const { text, file } = example(level);
  edit?.(file);
  return (await generateReport({ bank, answers: file, answersText: edit ? undefined : text, lang, format, tool, catalog })).text;
}

describe('golden reports', () => {
  const cases: [number, Lang][] = [[0, 'en'], [1, 'en'], [2, 'en'], [3, 'en'], [1, 'ja'], [2, 'ja']];
  it.each(cases)('level-%i example in %s matches its golden file', async (level, lang) => {
    const text = await report(level, lang);
    const golden = join(goldenDir, `level-${level}.${lang}.md`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(cases)('level-%i report in %s passes markdownlint (default rules, line length aside)', async (level, lang) => {
    const result = lint({ strings: { report: await report(level, lang) }, config: { default: true, MD013: false } });
    expect(result.report ?? []).toEqual([]);
  });
});

describe('report content', () => {
  it('states the level, the target and what holds the team back in the summary', async () => {
    const text = await report(1, 'en');
    expect(text).toContain("The team's assessed level is **level 1** of REL-001: Basic code signing with self managed keys.");
    expect(text).toContain('The target is level 2.');
    expect(text).toMatch(/What stands between the team and level 2:\n\n- \*\*(missed|open)\*\*: .*HSM/);
  });

  it('puts the next level\'s missing criteria first in the roadmap', async () => {
    const { file } = example(1);
    const assessment = assess(bank, answerValues(file));
    const steps = buildRoadmap(assessment, catalog);
    const levels = steps.map((s) => s.level);
    expect(levels[0]).toBe(2);
    expect(levels).toEqual([...levels].sort());
    const next = new Set(assessment.gaps[0]!.missing.map((c) => c.id));
    expect(next.has(steps[0]!.criteria.find((c) => next.has(c)) ?? '')).toBe(true);
  });

  it('gives a GitLab repository the GitLab snippet and others the default', async () => {
    const { file } = example(0);
    const assessment = assess(bank, answerValues(file));
    const gitlab = buildRoadmap(assessment, catalog, { facts: { ci: ['gitlab-ci'] } });
    const github = buildRoadmap(assessment, catalog, { facts: { ci: ['github-actions'] } });
    const withGitlab = gitlab.filter((s) => s.snippet.ci === 'gitlab-ci');
    expect(withGitlab.length).toBeGreaterThan(0);
    for (const s of withGitlab) expect(s.snippet.text).toMatch(/id_tokens|script:/);
    expect(github.some((s) => s.snippet.ci === 'github-actions')).toBe(true);
  });

  it('checks each criterion under the control\'s evidence item, with its status and the answers behind it', async () => {
    const text = await report(2, 'en');
    expect(text).toMatch(/The control asks: Signing keys are stored in an HSM or managed key service.*\n\n- \[x\] \*\*met\*\*: L2\.keys-protected /);
    expect(text).toMatch(/The control asks: Keyless \/ OIDC-based signing.*\n\n- \[ \] \*\*missed\*\*: L3\.no-long-lived-keys /);
    expect(text).toMatch(/KEY-1 .*: \*\*.*KMS.*\*\* \(confirmed\) · `\.github\/workflows\/release\.yml:57`/);
  });

  it('lists unsure answers as open items with their notes and who settles them', async () => {
    const text = await report(2, 'en');
    expect(text).toMatch(/## Open items\n\n.*\n\n### Questions\n\n- PRV-2 .*: \*answered "unsure": Unsure \/ don't know\*\n {2}- Note: Provenance comes from GitHub.*\n {2}- To be settled by: Release engineering/);
  });

  it('draws the dimension scores as a Mermaid chart', async () => {
    expect(await report(3, 'en')).toMatch(/```mermaid\nxychart-beta\n {4}title "Dimension scores \(0-3\)"\n {4}x-axis \[.*\]\n {4}y-axis "Score" 0 --> 3\n {4}bar \[3, /);
  });

  it('ends with the SHA-256 of the answers file as read', async () => {
    const { text } = example(3);
    expect(await report(3, 'en')).toContain(`\`${sha256(text)}\``);
  });

  it('maps to the standards, with the corrected SAMM and ISO rows and the Cyber Resilience Act', async () => {
    const text = await report(1, 'en');
    const rows = text.split('\n').filter((l) => /^\| [^-]/.test(l)).join('\n');
    for (const ref of [
      '| PS.2 |', '| PO.3 |', 'SLSA', '| OSPS-BR-06 |', '| Signed-Releases |', '| A.8.28 |',
      '| Implementation \\> Secure Build \\> Build Process (I-SB-1-A) |',
      '| Implementation \\> Secure Deployment \\> Deployment Process, maturity 3 (I-SD-3-A) |',
      '| A.8.24 |', '| A.8.32 |', '| A.5.21 |',
      '| EU Cyber Resilience Act, Regulation (EU) 2024/2847 | Annex I, Part I, point (2)(f) |',
      '| EU Cyber Resilience Act, Regulation (EU) 2024/2847 | Annex I, Part II, point (7) |',
      '| EU Cyber Resilience Act, Regulation (EU) 2024/2847 | Article 13 |',
    ]) expect(rows, ref).toContain(ref);
    // the control's own SAMM and ISO mappings are explained, not presented as requirements the team supports
    expect(rows).not.toContain('Environment Management');
    expect(rows).not.toContain('A.8.30');
    expect(text).toMatch(/Listed by the control's own data but not mapped by this question bank:\n\n- OWASP SAMM v2 Operations \\> Environment Management .*hardening and patching/);
    expect(text).toMatch(/\n- ISO\/IEC 27001:2022 A\.8\.30 \[Outsourced development\].*suppliers/);
    expect(await report(1, 'ja')).toMatch(/コントロール自体のデータには記載されているが、この質問集では対応付けていないもの:\n\n- OWASP SAMM v2 Operations \\> Environment Management/);
  });

  it('never counts a detected-only criterion toward a standard', async () => {
    const text = await report(3, 'en', 'markdown', (f) => {
      for (const a of Object.values(f.answers)) a.source = 'detected';
    });
    const rows = text.split('\n').filter((l) => l.startsWith('| NIST SSDF') || l.startsWith('| EU Cyber'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatch(/\| not yet supported \|$/);
  });

  it('reaches level 3 with no roadmap steps left', async () => {
    const text = await report(3, 'en');
    expect(text).toContain('Level 3 is reached: no criterion is missing.');
  });

  it('compares with an earlier assessment', async () => {
    const before = example(1).file;
    const { file, text: answersText } = example(2);
    const out = (await generateReport({ bank, answers: file, answersText, lang: 'en', format: 'markdown', tool, catalog, previous: before })).text;
    expect(out).toMatch(/## Since the last assessment\n\nCompared with the assessment of 2026-11-21\. Level 1 → 2\./);
  });
});

describe('text from the team or the repository never becomes markup', () => {
  const hostile = (f: AnswersFile) => {
    f.meta.team = '<script>alert(1)</script> | [x](javascript:alert(1))';
    f.answers['COV-2'] = { ...f.answers['COV-2']!, note: '**bold** <img src=x onerror=alert(1)>\n# heading\u001b[31m', evidence: [{ file: 'a|b`c.yml', line: 3 }] };
  };

  it('in Markdown: escaped, one line, no control bytes', async () => {
    const text = await report(1, 'en', 'markdown', hostile);
    expect(text).toContain('\\<script\\>alert(1)\\</script\\> \\| \\[x\\](javascript:alert(1))');
    expect(text).not.toContain('\u001b');
    expect(text).not.toMatch(/^# heading/m);
    const result = lint({ strings: { report: text }, config: { default: true, MD013: false } });
    expect(result.report ?? []).toEqual([]);
  });

  it('in HTML: no script, no event handler, no javascript: link', async () => {
    const html = await report(1, 'en', 'html', hostile);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain("default-src 'none'");
  });
});

describe('JSON report', () => {
  it('carries every answer field, the overrides and the open items with who settles them (additive)', async () => {
    const json = JSON.parse(await report(2, 'en', 'json', (f) => {
      f.answers['KEY-1'] = { ...f.answers['KEY-1']!, contradiction: 'a long-lived key at release.yml:3', override: { detected: 'no-long-lived-keys', reason: 'KMS key in another repo' } };
    }));
    expect(json.answers['KEY-1']).toMatchObject({
      contradiction: 'a long-lived key at release.yml:3',
      override: { detected: 'no-long-lived-keys', reason: 'KMS key in another repo' },
    });
    expect(json.overrides).toEqual([expect.objectContaining({ question: 'KEY-1', detected: 'no-long-lived-keys', reason: 'KMS key in another repo' })]);
    expect(json.openItems.questions.length + json.openItems.criteria.length).toBeGreaterThan(0);
    for (const q of json.openItems.questions) expect(q.owner.length, q.question).toBeGreaterThan(0);
  });

  it('follows DESIGN section 7', async () => {
    const json = JSON.parse(await report(2, 'en', 'json'));
    for (const key of ['schemaVersion', 'tool', 'repository', 'facts', 'evidence', 'answers', 'level', 'criteria', 'dimensions', 'roadmap', 'warnings']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json.level).toBe(2);
    expect(json.criteria['L2.keys-protected']).toEqual({ level: 2, met: true, status: 'met', proof: 'repository', why: 'met by KEY-1=cloud-kms (confirmed)' });
    expect(json.detectedLevel).toBe(2);
    expect(json.criteria['L3.no-long-lived-keys'].met).toBe(false);
    expect(json.answers['KEY-1']).toMatchObject({ value: 'cloud-kms', source: 'confirmed', evidence: ['.github/workflows/release.yml:57'] });
    expect(Object.keys(json.dimensions)).toContain('key-protection');
    expect(json.roadmap[0]).toMatchObject({ level: 3 });
  });
});
