/**
 * The option lists of the wizard (questions, review, resume), as pure functions: each item's label
 * wrapped under itself (a hanging indent below the label text, never cut), the window of items
 * that fits the rows the screen gives the list, drawn in order, with "↑ n more" / "↓ n more" rows
 * when items are out of view, and the ticks of a checkbox list.
 */
import type { Command } from './keys.js';
import { wrapText } from './text.js';

export interface ChoiceItem {
  value: string;
  label: string;
  /** A second part on rows of its own under the label (the review's answer and source). */
  detail?: string;
}

/** The rows of one item: the label wrapped to `width`, then the detail wrapped, `detailIndent` columns further in. */
function itemRows(item: ChoiceItem, width: number, detailIndent = 0): { label: string[]; detail: string[] } {
  return {
    label: wrapText(item.label, width),
    detail: item.detail === undefined ? [] : wrapText(item.detail, Math.max(4, width - detailIndent)),
  };
}

/** Columns before an item's label: "> ", and "[x] " too in a checkbox list (wrapped rows start under the label text). */
export function labelIndent(multi: boolean): number {
  return multi ? 6 : 2;
}

/**
 * Every item's rows as the list draws them in `columns` terminal columns, with its height: what
 * the list draws and what a screen budgets its height with (question-layout.ts) are the same.
 */
export function listItemRows(items: readonly ChoiceItem[], columns: number, multi: boolean, detailIndent = 0): { label: string[]; detail: string[]; height: number }[] {
  const width = Math.max(4, columns - labelIndent(multi));
  return items.map((item) => {
    const rows = itemRows(item, width, detailIndent);
    return { ...rows, height: rows.label.length + rows.detail.length };
  });
}

export interface ListWindow {
  /** Items start..end-1 are drawn. */
  start: number;
  end: number;
  /** Items out of view above and below (each shown as a "n more" row when not 0). */
  above: number;
  below: number;
}

/**
 * The items that fit `rows` rows, in order, with the cursor's item in view, scrolled as little as
 * possible from `offset` (the first item drawn before). A marker row is kept for each side with
 * items out of view. An item taller than the list is drawn alone (cut at the bottom).
 */
export function listWindow(heights: readonly number[], cursor: number, offset: number, rows: number): ListWindow {
  const n = heights.length;
  if (n === 0) return { start: 0, end: 0, above: 0, below: 0 };
  const total = heights.reduce((a, b) => a + b, 0);
  if (total <= rows) return { start: 0, end: n, above: 0, below: 0 };
  const endFrom = (start: number): number => {
    const avail = rows - (start > 0 ? 1 : 0);
    let used = 0;
    let end = start;
    while (end < n) {
      const reserve = end + 1 < n ? 1 : 0;
      if (used + heights[end]! + reserve > avail) break;
      used += heights[end]!;
      end++;
    }
    return Math.max(end, start + 1);
  };
  let start = Math.max(0, Math.min(offset, cursor, n - 1));
  let end = endFrom(start);
  while (cursor >= end && start < cursor) end = endFrom(++start);
  // room left at the bottom (after a resize, or the cursor at the end): show earlier items too
  while (start > 0 && end === n && endFrom(start - 1) === n) end = endFrom(--start);
  return { start, end, above: start, below: n - end };
}

export interface ListState {
  cursor: number;
  ticked: readonly string[];
  /** Set by Enter: what the list hands on (one value, or the ticked values). */
  submitted?: readonly string[];
}

export interface ListAction {
  command: Command;
  values: readonly string[];
  multi: boolean;
  /** Values that exclude all others when ticked ("none", "unsure"). */
  exclusive: readonly string[];
}

/** Ticks `value`, or unticks it; a value that excludes others clears them, and any other clears those. */
export function toggleTick(ticked: readonly string[], value: string, exclusive: readonly string[]): string[] {
  if (ticked.includes(value)) return ticked.filter((v) => v !== value);
  if (exclusive.includes(value)) return [value];
  return [...ticked.filter((v) => !exclusive.includes(v)), value];
}

/** Every key goes through here, so keys that arrive faster than renders are never lost. Moving wraps around. */
export function reduceList(s: ListState, { command, values, multi, exclusive }: ListAction): ListState {
  const n = values.length;
  if (n === 0) return s;
  switch (command) {
    case 'up':
      return { ...s, cursor: (s.cursor - 1 + n) % n, submitted: undefined };
    case 'down':
      return { ...s, cursor: (s.cursor + 1) % n, submitted: undefined };
    case 'toggle':
      return multi ? { ...s, ticked: toggleTick(s.ticked, values[s.cursor]!, exclusive) } : s;
    case 'confirm':
    case 'select': {
      if (!multi) return { ...s, submitted: [values[s.cursor]!] };
      // nothing ticked: Enter takes the item under the cursor
      const ticked = values.filter((v) => s.ticked.includes(v));
      return { ...s, submitted: ticked.length ? ticked : [values[s.cursor]!] };
    }
    default:
      return s;
  }
}
