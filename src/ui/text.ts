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

/**
 * Kinsoku (line-breaking rules of Japanese text), as JIS X 4051 and the W3C's "Requirements for
 * Japanese Text Layout" state them for a terminal that cannot hang punctuation past the margin:
 * closing marks never start a row, and opening marks never end one.
 * Closing: 、。，．・：；？！ー）」』】〕〉》］｝〗〙”’…‥々〜～ゝゞヽヾ, small kana, ASCII ,.;:!?)]}.
 * Opening: （「『【〔〈《［｛〖〘“‘ and ASCII ([{.
 * Written as escapes, as every regular expression of the UI: the bundler escapes non-ASCII text in
 * strings but not in regular expressions, and a single raw non-ASCII character makes V8 hold and
 * scan the whole chunk (Ink and React with it) as a two-byte string: a slower start.
 */
const CLOSING = /^[\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff1f\uff01\u30fc\uff09\u300d\u300f\u3011\u3015\u3009\u300b\uff3d\uff5d\u3017\u3019\u201d\u2019\u2026\u2025\u3005\u301c\uff5e\u309d\u309e\u30fd\u30fe\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6,.;:!?)\]}]/u;
const OPENING = /[\uff08\u300c\u300e\u3010\u3014\u3008\u300a\uff3b\uff5b\u3016\u3018\u201c\u2018([{]$/u;
/** A run of spaces, one wide character, or a run of other characters (a Latin word). */
const UNITS = /\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu;

const isSpace = (unit: string) => /^\s/.test(unit);
const unitsWidth = (units: readonly string[]) => units.reduce((sum, u) => sum + (isSpace(u) ? 1 : textWidth(u)), 0);

/**
 * Where a full row breaks before `next`: the units that stay on the row and those that start the
 * next one. A break falls at a space, or between two characters of Japanese text, but never right
 * before a closing mark nor right after an opening one: then the units before the break move down
 * with it (the character before "。", the word before "、", the "「" before a quotation). A word too
 * long to move whole leaves its last character to go down with the mark. When nothing obeys the
 * rules (a row narrower than the marks) the row breaks before `next` after all.
 */
function breakBefore(row: readonly string[], next: string, width: number): { keep: string[]; carry: string[] } {
  const plain = { keep: [...row], carry: [next] };
  let cut = row.length;
  for (;;) {
    let end = cut;
    while (end > 0 && isSpace(row[end - 1]!)) end--;
    if (end === 0) break;
    const head = cut < row.length ? row[cut]! : next;
    const glued = end === cut;
    if (!(glued && CLOSING.test(head)) && !OPENING.test(row[end - 1]!)) break;
    cut = end - 1;
  }
  const carry = [...row.slice(cut), next];
  if (row.slice(0, cut).some((u) => !isSpace(u)) && unitsWidth(carry) <= width) return { keep: row.slice(0, cut), carry };
  // A word too long to move down whole stands right before a closing mark: its last character
  // (with any closing marks before it) moves down instead, as a word is cut when it must be.
  const last = row.at(-1);
  if (last === undefined || isSpace(last) || !CLOSING.test(next)) return plain;
  const chars = [...last];
  let k = 1;
  while (k < chars.length - 1 && CLOSING.test(chars[chars.length - k]!)) k++;
  if (k >= chars.length) return plain;
  const split = { keep: [...row.slice(0, -1), chars.slice(0, -k).join('')], carry: [chars.slice(-k).join(''), next] };
  return unitsWidth(split.carry) > width ? plain : split;
}

/**
 * Word-wraps `text` to rows of at most `width` columns, as the wizard draws paragraphs itself
 * (so that it knows exactly how many rows each takes). Latin words move to the next row whole and
 * a row breaks at a space between them; runs of spaces become one and never start or end a row.
 * Japanese text (East Asian wide characters, two columns each) breaks between any two characters,
 * following kinsoku: a closing mark (、。」）…) never starts a row and an opening mark (「（…)
 * never ends one. A word wider than the row is cut.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let row: string[] = [];
    const emit = (units: readonly string[]) => {
      out.push(units.map((u) => (isSpace(u) ? ' ' : u)).join('').trim());
    };
    for (const unit of paragraph.match(UNITS) ?? []) {
      if (isSpace(unit)) {
        if (row.length && !isSpace(row.at(-1)!)) row.push(' ');
        continue;
      }
      const uw = textWidth(unit);
      const rowWidth = unitsWidth(row);
      if (rowWidth + uw <= w) {
        row.push(unit);
      } else if (uw > w) {
        let piece = '';
        for (const ch of unit) {
          const cw = charWidth(ch);
          if (unitsWidth(row) + textWidth(piece) + cw > w && (piece || row.length)) {
            emit([...row, piece]);
            row = [];
            piece = '';
          }
          piece += ch;
        }
        row.push(piece);
      } else {
        const { keep, carry } = breakBefore(row, unit, w);
        emit(keep);
        row = carry;
      }
    }
    emit(row);
  }
  return out;
}

/** A path relative to the working directory when it is inside it, else as it is. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
