/** Width, cutting and wrapping on a terminal, and the question screen's height budget. */
import { describe, expect, it } from 'vitest';
import { questionLayout } from '../../src/ui/question-layout.js';
import { displayPath, textWidth, truncate, truncateStart, wrapLines } from '../../src/ui/text.js';
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

  it('wraps as Ink does: words move whole, long Japanese runs are cut', () => {
    expect(wrapLines('aaa bbb ccc', 7)).toEqual(['aaa bbb', ' ccc']);
    expect(wrapLines('KEY-1 最も露出している署名鍵', 12)).toEqual(['KEY-1 ', '最も露出して', 'いる署名鍵']);
    expect(wrapLines('one\ntwo', 10)).toEqual(['one', 'two']);
    expect(wrapLines('x'.repeat(25), 10)).toHaveLength(3);
  });

  it('shows paths inside the working directory relative to it', () => {
    expect(displayPath('/w/repo/.sigmature/answers.yaml', '/w')).toBe('repo/.sigmature/answers.yaml');
    expect(displayPath('/elsewhere/report.md', '/w')).toBe('/elsewhere/report.md');
  });
});

describe('question layout', () => {
  const base = { rows: 24, columns: 80, question: 'KEY-1 Where does your most exposed signing key live?', options: 8, detected: true, multi: false, note: false, footerRows: 1 };

  it('shows every option when there is room', () => {
    expect(questionLayout(base)).toMatchObject({ questionRows: 1, helpRows: 0, limit: 8 });
  });

  it('gives help the rows left, keeping at least three options, and the frame under the terminal height', () => {
    const help = 'An attacker goes for the weakest copy. '.repeat(20);
    const l = questionLayout({ ...base, help });
    expect(l.limit).toBeGreaterThanOrEqual(3);
    const total = 3 + l.questionRows + 1 + l.helpRows + l.limit + 1;
    expect(total).toBeLessThan(24);
  });

  it('scrolls the options on a small terminal', () => {
    expect(questionLayout({ ...base, rows: 12 }).limit).toBeLessThan(8);
    expect(questionLayout({ ...base, rows: 5 }).limit).toBe(1);
  });
});

describe('theme', () => {
  it('has no colours with NO_COLOR, and colours without it (an empty NO_COLOR does not count)', () => {
    expect(createTheme({ NO_COLOR: '1' })).toEqual({});
    expect(createTheme({}).accent).toBeTruthy();
    expect(createTheme({ NO_COLOR: '' }).accent).toBeTruthy();
  });
});
