import { format, type MessageKey } from '../../i18n/ui-messages.js';
import { useWizard } from './use-wizard.js';
import type { Lang } from '../store/types.js';

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** The session language and a translator bound to it. */
export function useLang(): { lang: Lang; t: Translate } {
  const lang = useWizard((s) => s.lang);
  return { lang, t: (key, vars) => format(lang, key, vars) };
}
