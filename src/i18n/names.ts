/**
 * Lists in the two languages: participants' names as typed in the wizard, and lists as a report or
 * a screen writes them. English separates with ", ", Japanese with 「、」 (the ideographic comma).
 * Pure functions; the regular expression is written with escapes, as every one of the UI bundle.
 */
import type { Lang } from './report-messages.js';

/** How each language separates the items of a list; the report's catalogue reads it too. */
export const LIST_SEP: Readonly<Record<Lang, string>> = { en: ', ', ja: '\u3001' };

/** Items (participants' names included) joined as the language writes a list: "a, b" / 「a、b」. */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(LIST_SEP[lang]);
}

/**
 * Names as typed in the participants field: separated by "," (ASCII), 「、」 (ideographic comma) or
 * 「，」 (full-width comma), in any mix; blanks around a name and empty names are dropped.
 */
export function splitNames(text: string): string[] {
  return text.split(/[,\u3001\uff0c]/).map((s) => s.trim()).filter(Boolean);
}
