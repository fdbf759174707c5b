/** The language the environment asks for (LC_ALL, LC_MESSAGES, LANG): Japanese locales → ja, else en. No dependencies. */
import type { Lang } from './report-messages.js';

export function localeLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja([_.-]|$)/i.test(locale) ? 'ja' : 'en';
}
