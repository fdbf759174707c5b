/** Width, cutting and wrapping on a terminal, and the question screen's height budget. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { questionLayout } from '../../src/ui/question-layout.js';
import { listWindow, reduceList, toggleTick, type ListAction, type ListWindow } from '../../src/ui/choice-list.js';
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
  const base = { rows: 24, columns: 80, question: 'KEY-1 Where does your most exposed signing key live?', optionRows: [1, 1, 2, 1, 1, 1, 2, 1], detected: true, multi: false, note: false, footerRows: 1 };

  it('shows every option, wrapped rows included, when there is room', () => {
    expect(questionLayout(base)).toMatchObject({ question: [base.question], help: [], listRows: 10 });
  });

  it('gives help the rows left, keeping three options and a "more" row, and the frame under the terminal height', () => {
    const help = 'An attacker goes for the weakest copy. '.repeat(20);
    const l = questionLayout({ ...base, help });
    expect(l.listRows).toBeGreaterThanOrEqual(1 + 1 + 2 + 1);
    const total = 3 + l.question.length + 1 + (l.help.length + 1) + l.listRows + 1;
    expect(total).toBeLessThan(24);
  });

  it('makes room for the reason prompt: its wrapped title and the text field', () => {
    const without = questionLayout({ ...base, rows: 16 });
    const l = questionLayout({ ...base, rows: 16, reason: 'Detected: Nowhere. Why does the team answer otherwise? An auditor will read this.' });
    expect(l.reason).toHaveLength(2);
    expect(l.listRows).toBe(without.listRows - 3);
  });

  it('scrolls the options on a small terminal', () => {
    expect(questionLayout({ ...base, rows: 12 }).listRows).toBeLessThan(10);
    expect(questionLayout({ ...base, rows: 5 }).listRows).toBe(1);
  });
});

describe('choice list window', () => {
  const heights = [1, 2, 1, 3, 1, 1, 2, 1];
  // an item taller than the list is drawn alone and cut (ChoiceList)
  const drawn = (w: ListWindow, rows: number) => {
    const markers = (w.above ? 1 : 0) + (w.below ? 1 : 0);
    const items = heights.slice(w.start, w.end).reduce((a, b) => a + b, 0);
    return markers + (w.end - w.start === 1 ? Math.min(items, Math.max(1, rows - markers)) : items);
  };

  it('draws everything when it fits', () => {
    expect(listWindow(heights, 7, 0, 12)).toEqual({ start: 0, end: 8, above: 0, below: 0 });
  });

  it('keeps the cursor in view, in order, with "more" rows, never over the rows it has', () => {
    for (let rows = 4; rows < 12; rows++) {
      let offset = 0;
      // down through the list, then around to the top again
      for (const cursor of [0, 1, 2, 3, 4, 5, 6, 7, 0, 7, 3]) {
        const w = listWindow(heights, cursor, offset, rows);
        expect(cursor).toBeGreaterThanOrEqual(w.start);
        expect(cursor).toBeLessThan(w.end);
        expect(drawn(w, rows), `rows ${rows} cursor ${cursor}`).toBeLessThanOrEqual(rows);
        expect(w.above).toBe(w.start);
        expect(w.below).toBe(heights.length - w.end);
        offset = w.start;
      }
    }
  });

  it('wrapping around to the last item shows the end of the list, not a rotated one', () => {
    const w = listWindow(heights, 7, 0, 6);
    expect(w).toMatchObject({ end: 8, below: 0 });
    expect(w.start).toBeGreaterThan(0);
  });

  it('scrolls no more than it must', () => {
    expect(listWindow(heights, 2, 1, 6).start).toBe(1);
    expect(listWindow(heights, 0, 3, 6).start).toBe(0);
  });
});

describe('choice list keys', () => {
  const values = ['none', 'sbom', 'provenance', 'unsure'];
  const act = (command: ListAction['command']): ListAction => ({ command, values, multi: true, exclusive: ['none', 'unsure'] });

  it.each([
    [['sbom', 'provenance'], 'none', ['none']],
    [['none'], 'sbom', ['sbom']],
    [['unsure'], 'provenance', ['provenance']],
    [['sbom'], 'unsure', ['unsure']],
    [['sbom', 'provenance'], 'sbom', ['provenance']],
    [['none'], 'none', []],
  ])('ticked %j, Space on %s → %j', (ticked, value, expected) => {
    expect(toggleTick(ticked, value, ['none', 'unsure'])).toEqual(expected);
  });

  it('moves around the ends, and Enter with nothing ticked takes the item under the cursor', () => {
    let s = reduceList({ cursor: 0, ticked: [] }, act('up'));
    expect(s.cursor).toBe(3);
    s = reduceList(s, act('down'));
    expect(s.cursor).toBe(0);
    s = reduceList(reduceList(s, act('down')), act('confirm'));
    expect(s.submitted).toEqual(['sbom']);
    s = reduceList(reduceList(s, act('toggle')), act('down'));
    s = reduceList(reduceList(s, act('toggle')), act('confirm'));
    expect(s.submitted).toEqual(['sbom', 'provenance']);
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
