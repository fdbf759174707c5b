/**
 * The report's "Verification" section: each keyless signer's certificate identity beside each
 * verifier's demands and verdict, with file:line on both sides (scan `verification`).
 */
import type { Matcher } from '../detect/identity/model.js';
import type { VerificationJson } from '../detect/identity/report.js';
import type { Evidence } from '../detect/types.js';
import type { Lang } from '../i18n/report-messages.js';
import { verificationMessages } from '../i18n/verification-messages.js';
import { joinList } from '../i18n/names.js';
import { describeMatcher } from '../detect/identity/patterns.js';
import { breadthOf } from '../detect/identity/match.js';
import { mdCode, mdText } from './markdown-text.js';

export interface VerificationView {
  heading: string;
  intro: string;
  signers?: { heading: string; cols: string; rows: Array<{ cells: string }> };
  verifiers?: { heading: string; cols: string; rows: Array<{ cells: string }> };
}

export function verificationView(v: VerificationJson | undefined, evidence: readonly Evidence[], lang: Lang): VerificationView | undefined {
  if (!v || (v.signers.length === 0 && v.verifiers.length === 0)) return undefined;
  const t = verificationMessages[lang];
  const where = (ids: readonly string[]): string => {
    const e = evidence.find((x) => x.id === ids[0]);
    return e ? mdCode(`${e.file}:${e.line}`) : '';
  };
  const demands = (x: VerificationJson['verifiers'][number]): string => {
    if (x.keys && x.identities.length === 0) return t.keys;
    const parts = x.identities.map((c) =>
      Object.entries(c)
        .filter((e): e is [string, Matcher] => e[1] !== undefined)
        .map(([k, m]) => `${k} ${mdCode(describeMatcher(m))}`)
        .join(', ') || t.anyIdentity,
    );
    return joinList(parts, lang);
  };
  const verdict = (x: VerificationJson['verifiers'][number]): string => {
    const extra = x.alsoAccepts ? `: ${mdText(t.alsoAccepts(breadthOf(x.alsoAccepts)))}` : x.condition ? `: ${mdText(x.condition)}` : '';
    return `${t.status[x.status]}${extra}`;
  };
  return {
    heading: t.heading,
    intro: t.intro(v.signers.length, v.verifiers.length),
    signers: v.signers.length
      ? {
          heading: t.signersHeading,
          cols: `${t.signerCols}\n| --- | --- | --- | --- | --- |`,
          rows: v.signers.map((s) => ({
            cells: [
              `${s.id} ${mdText(s.tool)} (${mdText(s.ci)})`,
              `${mdCode(s.subject)}${s.unknown.length ? ` (${t.unknown(s.unknown.join(', '))})` : ''}`,
              s.issuer ? mdCode(s.issuer) : t.unknown('issuer'),
              where(s.evidence),
              s.acceptedBy.length ? s.acceptedBy.join(', ') : t.none,
            ].join(' | '),
          })),
        }
      : undefined,
    verifiers: v.verifiers.length
      ? {
          heading: t.verifiersHeading,
          cols: `${t.verifierCols}\n| --- | --- | --- | --- | --- |`,
          rows: v.verifiers.map((x) => ({
            // every part is already table-safe (mdText and mdCode escape `|`)
            cells: [`${x.id} ${mdText(x.kind)}${x.origin === 'docs' ? ` (${t.documented})` : ''}: ${mdText(x.name)}`, demands(x), x.mode === 'enforce' ? t.enforce : t.audit, verdict(x), where(x.evidence)].join(' | '),
          })),
        }
      : undefined,
  };
}
