/**
 * One Japanese term per concept (src/i18n/glossary.ts): every Japanese string of the UI, the bank,
 * the roadmap and the report templates is scanned for the variants the glossary does not allow.
 */
import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryViolations } from '../../src/i18n/glossary.js';
import { allJapaneseStrings, ROADMAP_FILE, type JaString } from './japanese-strings.js';

/**
 * TEMPORARY. Findings in templates/roadmap/steps.yaml, which is being rewritten on another branch
 * and is not edited here. Each entry is `<place>: <variant found>`. Remove an entry when steps.yaml
 * is fixed (the test fails on an entry that no longer matches, so the list can only shrink), and
 * remove the list when it is empty.
 */
const PENDING_ROADMAP_FIXES: readonly string[] = [];

interface Finding {
  s: JaString;
  key: string;
  message: string;
}

function findings(strings: readonly JaString[]): Finding[] {
  return strings.flatMap((s) =>
    glossaryViolations(s.text, s.file).map((hit) => {
      const from = Math.max(0, hit.index - 12);
      const excerpt = `${from > 0 ? '…' : ''}${s.text.slice(from, hit.index + hit.match.length + 12)}${hit.index + hit.match.length + 12 < s.text.length ? '…' : ''}`;
      return {
        s,
        key: `${s.place}: ${hit.match}`,
        message: `${s.file}${s.line ? `:${s.line}` : ''} ${s.place}: 「${hit.match}」 → use 「${hit.entry.term}」 (${hit.entry.concept}) in "${excerpt}"`,
      };
    }),
  );
}

describe('Japanese glossary', () => {
  const strings = allJapaneseStrings();
  const all = findings(strings);

  it('reads the Japanese of every source', () => {
    const files = new Set(strings.map((s) => s.file));
    for (const f of ['questions/bank.yaml', 'questions/custody.yaml', ROADMAP_FILE, 'src/i18n/ui-messages.ts', 'src/i18n/report-messages.ts', 'src/i18n/fact-labels.ts']) {
      expect(files, f).toContain(f);
    }
    expect(strings.length).toBeGreaterThan(400);
  });

  it('finds no variant the glossary rules out (bank, UI and report catalogues, templates)', () => {
    const messages = all.filter((f) => f.s.file !== ROADMAP_FILE).map((f) => f.message);
    expect(messages, messages.join('\n')).toEqual([]);
  });

  it('finds no variant in the roadmap beyond the pending fixes listed above', () => {
    const roadmap = all.filter((f) => f.s.file === ROADMAP_FILE);
    const fresh = roadmap.filter((f) => !PENDING_ROADMAP_FIXES.includes(f.key)).map((f) => f.message);
    expect(fresh, fresh.join('\n')).toEqual([]);
    const stale = PENDING_ROADMAP_FIXES.filter((key) => !roadmap.some((f) => f.key === key));
    expect(stale, `fixed in ${ROADMAP_FILE}: remove from PENDING_ROADMAP_FIXES`).toEqual([]);
  });

  it('has one entry per concept and per term, and no term is one of its own variants', () => {
    const concepts = GLOSSARY.map((e) => e.concept);
    const terms = GLOSSARY.map((e) => e.term);
    expect(new Set(concepts).size).toBe(concepts.length);
    expect(new Set(terms).size).toBe(terms.length);
    for (const e of GLOSSARY) expect(glossaryViolations(e.term, 'glossary').filter((h) => h.entry === e), e.term).toEqual([]);
  });

  it('keeps each allowance in use: its phrase is in its file', () => {
    for (const e of GLOSSARY) {
      for (const a of e.allow ?? []) {
        expect(strings.some((s) => s.file === a.file && s.text.includes(a.phrase)), `${a.file}: ${a.phrase}`).toBe(true);
      }
    }
  });

  it.each<[string, string, string[]]>([
    ['集中管理された証跡', 'x', ['集中管理']],
    ['一元管理された証跡', 'x', []],
    ['クラスタのポリシー', 'x', ['クラスタ']],
    ['クラスターのポリシー', 'x', []],
    ['有効期間の長い鍵', 'x', ['有効期間の長い']],
    ['長期鍵 (有効期間の長い署名鍵)', 'questions/coverage.yaml', []],
    ['長期鍵 (有効期間の長い署名鍵)', 'questions/keyless.yaml', ['有効期間の長い']],
    ['署名鍵（HSM）', 'x', ['（', '）']],
    ['署名鍵(HSM)を', 'x', ['鍵(', ')を']],
    ['署名鍵 (HSM) を', 'x', []],
    ['「何が入っているか」(SBOM) と', 'x', []],
    ['GitHub Actions の Action', 'x', ['Action']],
    ['`issuer` と --certificate-oidc-issuer', 'x', []],
    ['固定した issuer・subject', 'x', ['issuer']],
    ['「わからない」と回答', 'x', []],
    ['回答から分かる', 'x', ['分か']],
  ])('%s (%s) → %j', (text, file, matches) => {
    expect(glossaryViolations(text, file).map((h) => h.match)).toEqual(matches);
  });
});
