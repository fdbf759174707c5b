/**
 * From detector facts to suggested answers, by the bank's `prefill` rules: a single-select question
 * takes the first rule that matches, a multi-select one every rule that matches. Each suggestion
 * carries the evidence of the findings behind the facts its rule read, so the wizard and the report
 * can say "detected: .github/workflows/release.yml:23".
 */
import type { ArtifactKind, Evidence, Facts, PinKind, ScanResult, ScanWarning } from '../detect/types.js';
import type { DerivedFacts } from '../model/facts-vocabulary.js';
import type { Bank } from '../model/bank.js';
import type { FactCondition } from '../model/schema.js';
import type { AnswerValue } from './assess.js';
import { verificationEvidence, verificationFacts } from './verification-facts.js';

export interface Suggestion {
  value: AnswerValue;
  evidence: Evidence[];
}

/** The facts rules read: the scan's facts and the derived ones (src/model/facts-vocabulary.ts). */
export type RuleFacts = Facts & DerivedFacts;

/**
 * Limits that hide no publish step: signing with a test key and Tekton Chains concern signatures of
 * steps the scan sees; publishing with no signing at all already leaves them unsigned. Every other
 * warning may (another repository's workflow or include, a publish step not counted, releases made
 * elsewhere, a file the scan needed and could not read or parse, a walk cut short): a new limit hides
 * publish steps until it is added here.
 */
const SHOWS_ALL_PUBLISHING = new Set(['test-key-signing', 'tekton-chains', 'publishing-without-signing']);

export function hidesPublishing(w: ScanWarning): boolean {
  return !(w.kind === 'limit' && w.code !== undefined && SHOWS_ALL_PUBLISHING.has(w.code));
}

export function factsForRules(scan: Pick<ScanResult, 'facts' | 'published'> & Partial<Pick<ScanResult, 'warnings' | 'toolPins' | 'verification'>>): RuleFacts {
  const published = scan.published ?? [];
  const unsigned = new Set(published.filter((p) => !p.signed).map((p) => p.kind));
  const order: ArtifactKind[] = ['container-image', 'blob', 'package', 'checksums'];
  const pins = new Set((scan.toolPins ?? []).map((p) => p.pin));
  const pinOrder: PinKind[] = ['digest', 'version', 'moving'];
  return {
    ...scan.facts,
    unsignedPublished: order.filter((k) => unsigned.has(k)),
    everyPublishedSigned: published.length > 0 && unsigned.size === 0 && !(scan.warnings ?? []).some(hidesPublishing),
    signingToolPins: pinOrder.filter((k) => pins.has(k)),
    ...verificationFacts(scan.verification),
  };
}

/** The evidence of a derived fact: the published steps, or the signing actions with that pin. */
function derivedEvidence(scan: ScanResult, fact: string, value: string | boolean | undefined): string[] {
  if (fact === 'everyPublishedSigned' && value === true) return (scan.published ?? []).flatMap((p) => p.evidence);
  if (fact === 'signingToolPins') return (scan.toolPins ?? []).filter((p) => value === undefined || p.pin === value).flatMap((p) => p.evidence);
  return verificationEvidence(scan.verification, fact, value);
}

export function evalFactCondition(cond: FactCondition, facts: RuleFacts): boolean {
  if ('fact' in cond) {
    const value = (facts as unknown as Record<string, unknown>)[cond.fact];
    if ('equals' in cond) return value === cond.equals;
    if ('includes' in cond) return Array.isArray(value) && value.some((v) => v === cond.includes || (typeof v === 'object' && v !== null && Object.values(v).includes(cond.includes)));
    return Array.isArray(value) && (value.length === 0) === cond.empty;
  }
  if ('allOf' in cond) return cond.allOf.every((c) => evalFactCondition(c, facts));
  if ('anyOf' in cond) return cond.anyOf.some((c) => evalFactCondition(c, facts));
  return !evalFactCondition(cond.not, facts);
}

/** The facts a rule reads positively: their findings are the evidence for its suggestion. */
export function positiveFacts(cond: FactCondition, negated = false): { fact: string; value?: string | boolean }[] {
  if ('fact' in cond) {
    if (negated) return [];
    if ('equals' in cond) return [{ fact: cond.fact, value: cond.equals }];
    if ('includes' in cond) return [{ fact: cond.fact, value: cond.includes }];
    return cond.empty ? [] : [{ fact: cond.fact }];
  }
  if ('allOf' in cond) return cond.allOf.flatMap((c) => positiveFacts(c, negated));
  if ('anyOf' in cond) return cond.anyOf.flatMap((c) => positiveFacts(c, negated));
  return positiveFacts(cond.not, !negated);
}

export function suggestAnswers(bank: Bank, scan: ScanResult): Record<string, Suggestion> {
  const byId = new Map(scan.evidence.map((e) => [e.id, e]));
  const evidenceFor = (cond: FactCondition): Evidence[] => {
    const ids = new Set<string>();
    for (const p of positiveFacts(cond)) {
      derivedEvidence(scan, p.fact, p.value).forEach((id) => ids.add(id));
      for (const f of scan.findings) {
        if (f.fact !== p.fact) continue;
        if (p.value !== undefined && f.value !== p.value) continue;
        f.evidence.forEach((id) => ids.add(id));
      }
    }
    return [...ids].map((id) => byId.get(id)).filter((e): e is Evidence => e !== undefined);
  };
  const out: Record<string, Suggestion> = {};
  const facts = factsForRules(scan);
  for (const q of bank.questions) {
    const matching = (q.prefill ?? []).filter((rule) => evalFactCondition(rule.when, facts));
    if (!matching.length) continue;
    if (q.type === 'single') {
      out[q.id] = { value: matching[0]!.value, evidence: evidenceFor(matching[0]!.when) };
    } else {
      const values = [...new Set(matching.map((r) => r.value))];
      const seen = new Set<string>();
      const evidence = matching.flatMap((r) => evidenceFor(r.when)).filter((e) => !seen.has(e.id) && seen.add(e.id));
      out[q.id] = { value: values, evidence };
    }
  }
  return out;
}
