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

/** Pads `text` with spaces to `width` columns (cutting it when longer). */
export function pad(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/**
 * Rows a paragraph takes when word-wrapped at `width` columns: words move to the next row whole,
 * wide characters break anywhere (as Japanese does), over-long words are cut hard.
 */
export function wrappedRows(text: string, width: number): number {
  const w = Math.max(1, width);
  let rows = 0;
  for (const paragraph of text.split('\n')) {
    rows++;
    let col = 0;
    const units = paragraph.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/gu) ?? [];
    for (const unit of units) {
      const uw = textWidth(unit);
      if (/^\s+$/.test(unit)) {
        col = Math.min(col + uw, w);
        continue;
      }
      if (col > 0 && col + uw > w) {
        rows++;
        col = 0;
      }
      if (uw > w) {
        rows += Math.ceil(uw / w) - 1;
        col = uw % w;
      } else {
        col += uw;
      }
    }
  }
  return rows;
}

/** A path relative to the working directory when it is inside it, else as it is. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
