/** Width, cutting and wrapping on a terminal, and the question screen's height budget. */
import { describe, expect, it } from 'vitest';
import { questionLayout } from '../../src/ui/question-layout.js';
import { summaryLayout, type SummaryLayout, type SummaryLayoutInput } from '../../src/ui/summary-layout.js';
import { displayPath, textWidth, truncate, truncateStart, wrapText } from '../../src/ui/text.js';
import { createTheme } from '../../src/ui/theme.js';

describe('text', () => {
  it.each([
    ['abc', 3],
    ['鍵の保護', 8],
    ['KMS (AWS KMS、Google Cloud KMS)', 31],
    ['◂ 検出', 6],
  ])('%s is %i columns', (s, w) => expect(textWidth(s)).toBe(w));

  it('cuts to the width, never over it, even in the middle of wide characters', () => {
    for (let w = 1; w < 30; w++) {
      expect(textWidth(truncate('クラウドの KMS (AWS KMS、Google Cloud KMS、Azure Key Vault) 内で', w))).toBeLessThanOrEqual(w);
      expect(textWidth(truncateStart('.github/workflows/リリース.yml:51', w))).toBeLessThanOrEqual(w);
    }
    expect(truncate('short', 10)).toBe('short');
    expect(truncateStart('.github/workflows/release.yml:51', 12)).toBe('…ease.yml:51');
  });

  it('wraps words whole, Japanese anywhere but before a closing mark, and cuts words wider than a row', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('aaa  bbb', 20)).toEqual(['aaa bbb']);
    expect(wrapText('KEY-1 最も露出している署名鍵', 12)).toEqual(['KEY-1 最も露', '出している署', '名鍵']);
    expect(wrapText('鍵があり、誰が', 8)).toEqual(['鍵があ', 'り、誰が']);
    expect(wrapText('one\ntwo', 10)).toEqual(['one', 'two']);
    expect(wrapText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    for (const row of wrapText('クラウドの KMS (AWS KMS、Google Cloud KMS、Azure Key Vault) 内で、エクスポート不可', 13)) {
      expect(textWidth(row)).toBeLessThanOrEqual(13);
    }
  });

  it('shows paths inside the working directory relative to it', () => {
    expect(displayPath('/w/repo/.sigmature/answers.yaml', '/w')).toBe('repo/.sigmature/answers.yaml');
    expect(displayPath('/elsewhere/report.md', '/w')).toBe('/elsewhere/report.md');
  });
});

describe('question layout', () => {
  const base = { rows: 24, columns: 80, question: 'KEY-1 Where does your most exposed signing key live?', options: 8, detected: true, multi: false, note: false, footerRows: 1 };

  it('shows every option when there is room', () => {
    expect(questionLayout(base)).toMatchObject({ question: [base.question], help: [], limit: 8 });
  });

  it('gives help the rows left, keeping at least three options, and the frame under the terminal height', () => {
    const help = 'An attacker goes for the weakest copy. '.repeat(20);
    const l = questionLayout({ ...base, help });
    expect(l.limit).toBeGreaterThanOrEqual(3);
    const total = 3 + l.question.length + 1 + (l.help.length + 1) + l.limit + 1;
    expect(total).toBeLessThan(24);
  });

  it('scrolls the options on a small terminal', () => {
    expect(questionLayout({ ...base, rows: 12 }).limit).toBeLessThan(8);
    expect(questionLayout({ ...base, rows: 5 }).limit).toBe(1);
  });
});

describe('summary layout', () => {
  const base: SummaryLayoutInput = { rows: 24, columns: 80, missing: 5, steps: 6, dimensions: 10, open: true, chrome: 2 };
  /** Rows of the screen's body as SummaryScreen draws it. */
  const height = (l: SummaryLayout, i: SummaryLayoutInput) =>
    5 + (i.steps ? 0 : 1) + (l.margins ? 2 : 0) + l.missing + (l.more ? 1 : 0) + l.steps + l.dimensionRows;

  it.each([
    [80, 24, { twoColumns: true, missing: 3, more: true, steps: 3, dimensionRows: 5, margins: true }],
    [60, 18, { twoColumns: true, missing: 1, more: false, steps: 1, dimensionRows: 5, margins: true }],
    [60, 30, { twoColumns: false, missing: 3, more: true, steps: 3, dimensionRows: 10, margins: true }],
    [50, 18, { twoColumns: false, missing: 0, more: false, steps: 0, dimensionRows: 9, margins: false }],
    [40, 10, { twoColumns: false, dimensionRows: 1 }],
  ])('%ix%i', (columns, rows, expected) => {
    const i = { ...base, columns, rows };
    const l = summaryLayout(i);
    expect(l).toMatchObject(expected);
    expect(height(l, i) + i.chrome).toBeLessThan(rows);
  });

  it('never outgrows the terminal', () => {
    for (let rows = 12; rows <= 40; rows++) {
      for (const columns of [40, 54, 60, 69, 70, 80, 120]) {
        for (const missing of [0, 1, 4]) {
          for (const steps of [0, 2, 6]) {
            const i = { ...base, rows, columns, missing, steps, open: missing === 1 };
            expect(height(summaryLayout(i), i) + i.chrome, JSON.stringify(i)).toBeLessThan(rows);
          }
        }
      }
    }
  });
});

describe('theme', () => {
  it('has no colours with NO_COLOR, and colours without it (an empty NO_COLOR does not count)', () => {
    expect(createTheme({ NO_COLOR: '1' })).toEqual({});
    expect(createTheme({}).accent).toBeTruthy();
    expect(createTheme({ NO_COLOR: '' }).accent).toBeTruthy();
  });
});
