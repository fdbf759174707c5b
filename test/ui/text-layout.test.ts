/** Width, cutting and wrapping on a terminal, and the question screen's height budget. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

describe('wrapText', () => {
  // [text, width, rows]: the rows are what a reader of the shared screen sees.
  it.each<[string, string, number, string[]]>([
    ['Latin words move whole', 'aaa bbb ccc', 7, ['aaa bbb', 'ccc']],
    ['runs of spaces become one', 'aaa  bbb', 20, ['aaa bbb']],
    ['a space never starts or ends a row', 'aaa bbb', 3, ['aaa', 'bbb']],
    ['paragraphs stay apart', 'one\ntwo', 10, ['one', 'two']],
    ['a word wider than the row is cut', 'x'.repeat(25), 10, ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]],
    ['Japanese breaks between characters, two columns each', '署名鍵を保管する', 6, ['署名鍵', 'を保管', 'する']],
    ['a Latin word inside Japanese moves whole, breaking at its spaces', 'KEY-1 最も露出している署名鍵', 12, ['KEY-1 最も露', '出している署', '名鍵']],
    ['「、」 never starts a row: the character before it moves down', '鍵があり、誰が', 8, ['鍵があ', 'り、誰が']],
    ['「。」 never starts a row', '鍵があります。次', 12, ['鍵がありま', 'す。次']],
    ['a run of closing marks moves down with one character before it', '鍵を保管する。」と言った', 8, ['鍵を保管', 'する。」', 'と言った']],
    ['「）」 after Japanese never starts a row', '鍵 (KMS のみ) を使う', 12, ['鍵 (KMS の', 'み) を使う']],
    ['a Latin word before 「、」 moves down with it', '鍵 (KMS)、と', 8, ['鍵', '(KMS)、', 'と']],
    ['an opening 「「」 never ends a row', 'ここでは「キーレス署名」を使う', 9, ['ここでは', '「キーレ', 'ス署名」', 'を使う']],
    ['an opening "(" never ends a row', '署名鍵は HSM (ハードウェア) にある', 14, ['署名鍵は HSM', '(ハードウェア)', 'にある']],
    ['「）」 never starts a row either when the character before it moves', '署名鍵は HSM (ハードウェア) にある', 13, ['署名鍵は HSM', '(ハードウェ', 'ア) にある']],
    ['the long vowel mark and small kana never start a row', 'ローテーション', 6, ['ロー', 'テー', 'ション']],
    ['a Latin word too long to move down leaves its last letter to go with 「、」', '(sigstore-python、sigstore-js)', 16, ['(sigstore-pytho', 'n、sigstore-js)']],
    ['a Latin word splits rather than let 「」」 start a row', 'ab 「cd」', 5, ['ab', '「c', 'd」']],
    ['where no break obeys kinsoku (a row one character wide), the row breaks rather than overflow', 'あ。', 2, ['あ', '。']],
  ])('%s', (_name, text, width, rows) => {
    expect(wrapText(text, width)).toEqual(rows);
  });

  const jaTexts = (): string[] => {
    const out: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string') {
        if (key === 'ja') out.push(v);
      } else if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    for (const f of readdirSync('questions').filter((n) => n.endsWith('.yaml'))) walk(parse(readFileSync(`questions/${f}`, 'utf8')));
    return out;
  };
  const CLOSING_START = /^[、。，．・：；？！）」』】〕〉》］｝”’…‥々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)\]}]/u;
  const OPENING_END = /[（「『【〔〈《［｛“‘([{]$/u;

  it('wraps every Japanese text of the bank within the width, obeying kinsoku, losing no character', () => {
    const texts = jaTexts();
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      for (const width of [16, 23, 40, 57, 76]) {
        const rows = wrapText(text, width);
        for (const row of rows) {
          const where = `${JSON.stringify(text.slice(0, 30))} at ${width}: ${JSON.stringify(row)}`;
          expect(textWidth(row), where).toBeLessThanOrEqual(width);
          expect(row, where).not.toMatch(CLOSING_START);
          expect(row, where).not.toMatch(OPENING_END);
          expect(row, where).toBe(row.trim());
        }
        expect(rows.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }
    }
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
