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
import { verificationMessages } from '../i18n/verification-messages.js';

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
  // how the verifiers compare with the release's own signers (issue 11): "2 ok, 1 inert"
  const verifiers = scan.verification?.verifiers ?? [];
  if (verifiers.length) {
    // in the order the verdicts are listed (the message catalogue has one entry per verdict)
    const order = Object.keys(verificationMessages[lang].status) as Array<keyof (typeof verificationMessages)['en']['status']>;
    const counts = order.map((s) => [s, verifiers.filter((v) => v.status === s).length] as const).filter(([, n]) => n > 0);
    const worst = verifiers.find((v) => v.status === 'inert' || v.status === 'too-broad') ?? verifiers[0]!;
    const at = scan.evidence.find((e) => e.id === worst.evidence[0]);
    rows.push({ label: t('factVerifiers'), value: joinList(counts.map(([s, n]) => verificationMessages[lang].count(n, s)), lang), ...(at ? { where: `${sanitizeLine(at.file)}:${at.line}` } : {}) });
  }
  const keys = scan.facts.committedPrivateKeys;
  if (keys.length) {
    rows.push({ label: t('factKeys'), value: t('keysCommitted', { count: keys.length, paths: joinList(keys.map((k) => sanitizeLine(k.path)), lang) }) });
  }
  return rows;
}
