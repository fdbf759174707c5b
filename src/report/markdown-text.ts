/**
 * Making text safe to place in Markdown. Text from the team (notes, names) and from the repository
 * (file names, excerpts) must never become markup: not a link, not HTML, not a table break.
 */

// C0/C1 controls, DEL, bidi overrides and zero-width characters never reach a report.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

export function stripControls(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '');
}

/** One line of inline Markdown that renders as the literal text. */
export function mdText(text: string | undefined): string {
  if (!text) return '';
  return stripControls(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~#!]/g, (c) => `\\${c}`)
    // no autolinks either (GitHub links bare URLs, www. names and e-mail addresses): an escaped
    // ':', '.' or '@' renders the same and breaks them
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1\\://')
    .replace(/\bwww\./gi, 'www\\.')
    .replace(/@/g, '\\@')
    .trim();
}

/**
 * Text of our own data (the bank, the roadmap), which may use inline Markdown such as code spans:
 * kept as Markdown, but on one line and without control characters.
 */
export function mdTrusted(text: string | undefined): string {
  if (!text) return '';
  return stripControls(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** An inline code span that holds any text, safe inside a table cell. */
export function mdCode(text: string): string {
  const clean = stripControls(text).replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A Markdown table from cells already made safe (mdText, mdCode: both escape `|`); empty cells stay empty. */
export function mdTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `|${r.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`)];
}

/** A fence for a code block longer than any backtick run in its content. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((m) => m.length));
  return '`'.repeat(Math.max(3, longest + 1));
}
