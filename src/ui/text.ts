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
 * The rows Ink will give `text` when it wraps it at `columns`: the same algorithm as Ink's
 * wrap-ansi call (`{hard: true, trim: false}`): words are split on spaces and move to the next
 * row whole; a word wider than the row is cut character by character. Japanese sentences are
 * long "words" between spaces, so they are cut hard, which is why this is simulated rather than
 * estimated from the width alone.
 */
export function wrapLines(text: string, columns: number): string[] {
  const width = Math.max(1, columns);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const rows = [''];
    const last = () => rows[rows.length - 1]!;
    const setLast = (v: string) => {
      rows[rows.length - 1] = v;
    };
    const wrapWord = (word: string) => {
      const chars = [...word];
      let visible = textWidth(last());
      chars.forEach((ch, i) => {
        const w = charWidth(ch);
        if (visible + w <= width) setLast(last() + ch);
        else {
          rows.push(ch);
          visible = 0;
        }
        visible += w;
        if (visible === width && i < chars.length - 1) {
          rows.push('');
          visible = 0;
        }
      });
      if (!visible && last().length > 0 && rows.length > 1) {
        const tail = rows.pop()!;
        rows[rows.length - 1] += tail;
      }
    };
    paragraph.split(' ').forEach((word, index) => {
      let rowLength = textWidth(last().replace(/ +$/, ''));
      const len = textWidth(word);
      if (index !== 0) {
        if (rowLength >= width) {
          rows.push('');
          rowLength = 0;
        }
        setLast(`${last()} `);
        rowLength++;
      }
      if (len > width) {
        const remaining = width - rowLength;
        const breaksThisLine = 1 + Math.floor((len - remaining - 1) / width);
        const breaksNextLine = Math.floor((len - 1) / width);
        if (breaksNextLine < breaksThisLine) rows.push('');
        wrapWord(word);
        return;
      }
      if (rowLength + len > width && rowLength > 0 && len > 0) rows.push('');
      setLast(last() + word);
    });
    out.push(...rows);
  }
  return out;
}

export function wrappedRows(text: string, columns: number): number {
  return wrapLines(text, columns).length;
}

/** A path relative to the working directory when it is inside it, else as it is. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
