/**
 * The question screen's height budget. The whole frame stays below the terminal's height (Ink
 * clears the entire screen on every update once the output fills it: that is the flicker to
 * avoid), so the help text gets the rows left after the question, and the option list scrolls
 * within what remains (with "n more" rows), keeping at least three options in view.
 */
import { wrapText } from './text.js';

export interface QuestionLayoutInput {
  rows: number;
  columns: number;
  question: string;
  /** The rows each option takes, wrapped (choice-list.ts `listItemRows`). */
  optionRows: readonly number[];
  help?: string;
  detected: boolean;
  multi: boolean;
  note: boolean;
  /** The contradiction warning and its hint, when shown. */
  warning?: string[];
  /** The reason prompt's title, when the team is asked why it overrides a detection. */
  reason?: string;
  footerRows: number;
}

export interface QuestionLayout {
  /** The question, wrapped; the help, the warning and the reason prompt wrapped and cut to the rows they get. */
  question: string[];
  help: string[];
  warning: string[];
  reason: string[];
  /** Rows for the option list, its "n more" rows included. */
  listRows: number;
}

/** Header, progress line and the blank row under it. */
const CHROME = 3;
const MIN_OPTIONS = 3;

export function questionLayout(i: QuestionLayoutInput): QuestionLayout {
  const budget = i.rows - 1;
  const width = Math.max(10, i.columns);
  const question = wrapText(i.question, width).slice(0, 4);
  const warning = (i.warning ?? []).flatMap((line) => wrapText(line, width)).slice(0, 5);
  // the prompt, then the text field on a row of its own
  const reason = i.reason === undefined ? [] : wrapText(i.reason, width).slice(0, 3);
  const reasonRows = i.reason === undefined ? 0 : reason.length + 1;
  const avail = budget - CHROME - i.footerRows - question.length - warning.length - reasonRows - (i.detected ? 1 : 0) - (i.multi ? 1 : 0) - (i.note ? 1 : 0);
  const total = i.optionRows.reduce((a, b) => a + b, 0);
  const first = i.optionRows.slice(0, MIN_OPTIONS).reduce((a, b) => a + b, 0);
  // at least three options in view, and a "more" row when there are others
  const keep = Math.min(total, first + (i.optionRows.length > MIN_OPTIONS ? 1 : 0));
  // the help box has a left border and padding (2 columns) and a title row
  const helpRows = i.help ? Math.max(0, Math.min(wrapText(i.help, width - 2).length + 1, avail - keep)) : 0;
  const help = i.help && helpRows > 1 ? wrapText(i.help, width - 2).slice(0, helpRows - 1) : [];
  const listRows = Math.max(1, Math.min(total, avail - (help.length ? help.length + 1 : 0)));
  return { question, help, warning, reason, listRows };
}
