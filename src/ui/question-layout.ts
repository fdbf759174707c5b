/**
 * The question screen's height budget. The whole frame stays below the terminal's height (Ink
 * clears the entire screen on every update once the output fills it: that is the flicker to
 * avoid), so the help text gets the rows left after the question, and the option list scrolls
 * (ink-select-input's `limit`) within what remains, keeping at least three options in view.
 */
import { wrappedRows } from './text.js';

export interface QuestionLayoutInput {
  rows: number;
  columns: number;
  question: string;
  options: number;
  help?: string;
  detected: boolean;
  multi: boolean;
  note: boolean;
  /** The contradiction warning and its hint, when shown. */
  warning?: string[];
  footerRows: number;
}

export interface QuestionLayout {
  questionRows: number;
  helpRows: number;
  warningRows: number;
  limit: number;
}

/** Header, progress line and the blank row under it. */
const CHROME = 3;
const MIN_OPTIONS = 3;

export function questionLayout(i: QuestionLayoutInput): QuestionLayout {
  const budget = i.rows - 1;
  const width = Math.max(10, i.columns);
  const questionRows = Math.min(4, wrappedRows(i.question, width));
  const warningRows = i.warning ? Math.min(5, i.warning.reduce((n, line) => n + wrappedRows(line, width), 0)) : 0;
  const avail = budget - CHROME - i.footerRows - questionRows - warningRows - (i.detected ? 1 : 0) - (i.multi ? 1 : 0) - (i.note ? 1 : 0);
  const keep = Math.min(i.options, MIN_OPTIONS);
  // the help box has a left border and a title row
  const helpRows = i.help ? Math.max(0, Math.min(wrappedRows(i.help, width - 2) + 1, avail - keep)) : 0;
  const limit = Math.max(1, Math.min(i.options, avail - helpRows));
  return { questionRows, helpRows, warningRows, limit };
}
