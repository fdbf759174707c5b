/**
 * The question screen's height budget. The whole frame stays below the terminal's height (Ink
 * clears the entire screen on every update once the output fills it: that is the flicker to
 * avoid), so the help text gets the rows left after the question, and the option list scrolls
 * (ink-select-input's `limit`) within what remains, keeping at least three options in view.
 */
import { wrapText } from './text.js';

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
  /** The question, wrapped; the help and the warning wrapped and cut to the rows they get. */
  question: string[];
  help: string[];
  warning: string[];
  /** Options in view. */
  limit: number;
}

/** Header, progress line and the blank row under it. */
const CHROME = 3;
const MIN_OPTIONS = 3;

export function questionLayout(i: QuestionLayoutInput): QuestionLayout {
  const budget = i.rows - 1;
  const width = Math.max(10, i.columns);
  const question = wrapText(i.question, width).slice(0, 4);
  const warning = (i.warning ?? []).flatMap((line) => wrapText(line, width)).slice(0, 5);
  const avail = budget - CHROME - i.footerRows - question.length - warning.length - (i.detected ? 1 : 0) - (i.multi ? 1 : 0) - (i.note ? 1 : 0);
  const keep = Math.min(i.options, MIN_OPTIONS);
  // the help box has a left border and padding (2 columns) and a title row
  const helpRows = i.help ? Math.max(0, Math.min(wrapText(i.help, width - 2).length + 1, avail - keep)) : 0;
  const help = i.help && helpRows > 1 ? wrapText(i.help, width - 2).slice(0, helpRows - 1) : [];
  const limit = Math.max(1, Math.min(i.options, avail - (help.length ? help.length + 1 : 0)));
  return { question, help, warning, limit };
}
