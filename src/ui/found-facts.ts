/**
 * The scan, summarised for the scan screen: one row per kind of fact (CI, tools, custody,
 * verification, signed artifacts, committed keys), each with the first place it was seen.
 * Values are shown in words of the session language (src/i18n/fact-labels.ts), never raw.
 */
import { sanitizeLine } from '../detect/sanitize.js';
import type { Facts, ScanResult } from '../detect/types.js';
import { BOOLEAN_FACT_LABELS, factValuesText, type ListFact } from '../i18n/fact-labels.js';
import { joinList } from '../i18n/names.js';
import type { Lang } from '../i18n/report-messages.js';
import { format, type MessageKey } from '../i18n/ui-messages.js';
import { whereFound } from '../assess/contradictions.js';

export interface FoundRow {
  label: string;
  value: string;
  where?: string;
}

export function foundFacts(scan: ScanResult, lang: Lang): FoundRow[] {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => format(lang, key, vars);
  const list = (fact: ListFact & keyof Facts, label: MessageKey): FoundRow => {
    const values = scan.facts[fact] as readonly string[];
    return values.length
      ? { label: t(label), value: factValuesText(fact, values, lang), where: whereFound(scan, fact, values) }
      : { label: t(label), value: t('noneFound') };
  };
  const rows = [
    list('ci', 'factCi'),
    list('tools', 'factTools'),
    list('keyCustody', 'factCustody'),
    scan.facts.verifies
      ? { label: t('factVerification'), value: t('verifiesYes'), where: whereFound(scan, 'verifies', [true]) }
      : scan.facts.verificationDocumented
        ? { label: t('factVerification'), value: BOOLEAN_FACT_LABELS.verificationDocumented[lang], where: whereFound(scan, 'verificationDocumented', [true]) }
        : { label: t('factVerification'), value: t('verifiesNo') },
    list('artifactsSigned', 'factArtifacts'),
  ];
  const keys = scan.facts.committedPrivateKeys;
  if (keys.length) {
    rows.push({ label: t('factKeys'), value: t('keysCommitted', { count: keys.length, paths: joinList(keys.map((k) => sanitizeLine(k.path)), lang) }) });
  }
  return rows;
}
