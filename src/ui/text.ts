/**
 * Text on a terminal: display width (East Asian wide characters take two columns), truncation,
 * an estimate of how many rows a wrapped paragraph takes, and paths shown short.
 */
import { isAbsolute, relative } from 'node:path';

const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

export function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Cuts `text` to `width` columns, ending with "…" when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Cuts `text` to `width` columns from the start, beginning with "…" when cut (keeps a path's file:line). */
export function truncateStart(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const chars = [...text];
  let out = '';
  let w = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = charWidth(chars[i]!);
    if (w + cw > width - 1) break;
    out = chars[i] + out;
    w += cw;
  }
  return `…${out}`;
}

/** Pads `text` with spaces to `width` columns (cutting it when longer). */
export function pad(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/**
 * Closing marks that never start a row in Japanese text (kinsoku): the character before them moves
 * down too. 、。，．・：；？！ー）」』】〕〉》”’…‥々, small kana, ASCII closing punctuation.
 * Written as escapes, as every regular expression of the UI: the bundler escapes non-ASCII text in
 * strings but not in regular expressions, and a single raw non-ASCII character makes V8 hold and
 * scan the whole chunk (Ink and React with it) as a two-byte string: a slower start.
 */
const NO_ROW_START = /^[\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff1f\uff01\u30fc\uff09\u300d\u300f\u3011\u3015\u3009\u300b\u201d\u2019\u2026\u2025\u3005\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7,.;:!?)\]}]$/u;

/**
 * Word-wraps `text` to rows of at most `width` columns, as the wizard draws paragraphs itself
 * (so that it knows exactly how many rows each takes): words move to the next row whole, runs of
 * spaces become one and never start a row, Japanese breaks between any two characters except
 * before a closing mark, and a word wider than the row is cut.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let row = '';
    let rowWidth = 0;
    const push = () => {
      out.push(row.trimEnd());
      row = '';
      rowWidth = 0;
    };
    const units = paragraph.match(/\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu) ?? [];
    for (const unit of units) {
      if (/^\s+$/.test(unit)) {
        if (rowWidth > 0 && rowWidth < w) {
          row += ' ';
          rowWidth++;
        }
        continue;
      }
      const uw = textWidth(unit);
      if (rowWidth + uw <= w) {
        row += unit;
        rowWidth += uw;
      } else if (uw > w) {
        for (const ch of unit) {
          const cw = charWidth(ch);
          if (rowWidth + cw > w) push();
          row += ch;
          rowWidth += cw;
        }
      } else if (NO_ROW_START.test(unit) && WIDE_CHAR.test([...row.trimEnd()].at(-1) ?? '')) {
        const chars = [...row.trimEnd()];
        const carried = chars.pop()!;
        row = chars.join('');
        push();
        row = carried + unit;
        rowWidth = textWidth(row);
      } else {
        push();
        row = unit;
        rowWidth = uw;
      }
    }
    push();
  }
  return out;
}

export function wrappedRows(text: string, width: number): number {
  return wrapText(text, width).length;
}

/** A path relative to the working directory when it is inside it, else as it is. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
