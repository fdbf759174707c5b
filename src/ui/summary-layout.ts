/**
 * The summary screen's height budget: the frame stays below the terminal's height (see
 * question-layout.ts). On a short or narrow terminal the dimensions go into two columns; the rows
 * left go, in this order, to the first "why not" criterion and the first roadmap step, the blank
 * rows between the parts, the other criteria, the other steps, and the "… +n" row of criteria not
 * shown. On a tiny terminal the dimension rows are cut last.
 */
export interface SummaryLayoutInput {
  rows: number;
  columns: number;
  /** Criteria missing for the next level (0 when every criterion is met). */
  missing: number;
  /** Roadmap steps (0: one row says why there are none). */
  steps: number;
  dimensions: number;
  open: boolean;
  /** Rows of the header and the footer. */
  chrome: number;
}

export interface SummaryLayout {
  twoColumns: boolean;
  /** Criteria shown. */
  missing: number;
  /** Whether a row says how many criteria are not shown. */
  more: boolean;
  steps: number;
  /** Dimension rows shown (a row holds two dimensions when in two columns). */
  dimensionRows: number;
  /** Blank rows above the dimensions and above the roadmap. */
  margins: boolean;
}

export const MAX_MISSING = 3;
export const MAX_STEPS = 3;
/** The narrowest column that still shows a dimension's name, bar and score. */
const MIN_COLUMN = 26;

export function summaryLayout(i: SummaryLayoutInput): SummaryLayout {
  const budget = i.rows - 1 - i.chrome;
  // level; "why not" title (or "all met"); dimensions title; roadmap title; open items; continue
  const fixed = 4 + (i.open ? 1 : 0) + 1 + (i.steps === 0 ? 1 : 0);
  const criteria = Math.min(i.missing, MAX_MISSING);
  const steps = Math.min(i.steps, MAX_STEPS);
  const fullHeight = (dimensionRows: number) => fixed + dimensionRows + 2 + criteria + (i.missing > criteria ? 1 : 0) + steps;
  const twoColumns = Math.floor((i.columns - 2) / 2) >= MIN_COLUMN && (i.columns >= 70 || fullHeight(i.dimensions) > budget);
  const dimensionRows = twoColumns ? Math.ceil(i.dimensions / 2) : i.dimensions;

  let left = budget - fixed - dimensionRows;
  const take = (n: number) => {
    if (n > left) return false;
    left -= n;
    return true;
  };
  const layout: SummaryLayout = { twoColumns, missing: 0, more: false, steps: 0, dimensionRows, margins: false };
  if (criteria > 0 && take(1)) layout.missing = 1;
  if (steps > 0 && take(1)) layout.steps = 1;
  layout.margins = take(2);
  while (layout.missing < criteria && take(1)) layout.missing++;
  while (layout.steps < steps && take(1)) layout.steps++;
  layout.more = i.missing > layout.missing && take(1);
  if (left < 0) layout.dimensionRows = Math.max(0, dimensionRows + left);
  return layout;
}
