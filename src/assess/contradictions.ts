/**
 * When the team's answer says one thing and the repository shows another: "we sign keylessly"
 * while a workflow signs with `--key env://COSIGN_KEY`. The rules are data in the question bank
 * (`contradicts:` beside `prefill:`, questions/*.yaml), so an organisation's `--bank` keeps them;
 * this one pure function applies them for the wizard (which shows and records them), the report
 * (`report --repo`) and the CI gate (`check`).
 *
 * Each contradiction names where the scan saw the conflicting fact (`file:line`), or nothing when
 * the conflict is an absence ("we verify at deploy" and no verification anywhere): a consumer then
 * points at the answer itself.
 */
import { isVerificationFact, verificationOccurrences } from './verification-facts.js';
import { sanitizeLine } from '../detect/sanitize.js';
import type { ArtifactKind, Facts, ScanResult } from '../detect/types.js';
import { FACT_LABELS, publishedArtifactLabel } from '../i18n/fact-labels.js';
import type { Lang } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import type { FactCondition } from '../model/schema.js';
import { UNSURE } from '../model/unsure.js';
import type { AnswerValue } from './assess.js';
import { evalFactCondition, factsForRules, positiveFacts, type RuleFacts } from './prefill.js';

export interface ContradictionPlace {
  file: string;
  line: number;
  excerpt?: string;
}

export interface Contradiction {
  question: string;
  /** The answer as given, and the option of it that makes the contradicted claim. */
  answer: AnswerValue;
  claim: string;
  /** The fact that contradicts it and, when the repository shows one, the value it has. */
  fact: string;
  factValue?: string | boolean;
  /** Where the repository shows it; absent when the conflict is an absence. */
  at?: ContradictionPlace;
  /** What the repository shows, in words of `lang`, naming `at`. */
  message: string;
  /** The rule: its index in the question's `contradicts` list and where the bank declares it. */
  rule: { index: number; file: string; line: number };
}

/** `file:line` of the first evidence behind a finding of `fact` with one of `values` (any value when omitted). */
export function whereFound(scan: ScanResult, fact: keyof Facts, values?: readonly (string | boolean)[]): string | undefined {
  const byId = new Map(scan.evidence.map((e) => [e.id, e]));
  for (const f of scan.findings) {
    if (f.fact !== fact || (values && !values.includes(f.value))) continue;
    for (const id of f.evidence) {
      const e = byId.get(id);
      if (e) return `${sanitizeLine(e.file)}:${e.line}`;
    }
  }
  return undefined;
}

interface Occurrence {
  value: string | boolean;
  at?: ContradictionPlace;
  /** A published deliverable's own name ("npm package"), said instead of its kind. */
  artifact?: string;
}

/** Every place the scan saw a value of `fact`, in scan order. */
function occurrences(scan: ScanResult, fact: string): Occurrence[] {
  const byId = new Map(scan.evidence.map((e) => [e.id, e]));
  const place = (ids: readonly string[]): ContradictionPlace | undefined => {
    const e = ids.map((id) => byId.get(id)).find((x) => x !== undefined);
    return e ? { file: sanitizeLine(e.file), line: e.line, excerpt: e.excerpt } : undefined;
  };
  if (fact === 'unsignedPublished') {
    return (scan.published ?? []).filter((p) => !p.signed).map((p) => ({
      value: p.kind,
      artifact: p.artifact,
      at: { file: sanitizeLine(p.file), line: p.line, ...(byId.get(p.evidence[0] ?? '')?.excerpt ? { excerpt: byId.get(p.evidence[0]!)!.excerpt } : {}) },
    }));
  }
  if (fact === 'committedPrivateKeys') {
    return scan.facts.committedPrivateKeys.map((k) => {
      const f = scan.findings.find((x) => x.fact === fact && x.value === k.path);
      return { value: k.kind, at: (f && place(f.evidence)) ?? { file: sanitizeLine(k.path), line: 1 } };
    });
  }
  if (isVerificationFact(fact)) return verificationOccurrences(scan.verification, fact).map((o) => ({ value: o.value, at: place(o.evidence) }));
  return scan.findings.filter((f) => f.fact === fact).map((f) => ({ value: f.value, at: place(f.evidence) }));
}

/** The first place that makes a positive test of the condition hold. */
function conflictOf(cond: FactCondition, facts: RuleFacts, scan: ScanResult): { fact: string; value?: string | boolean; at?: ContradictionPlace; artifact?: string } {
  const tests = positiveFacts(cond);
  for (const t of tests) {
    const leaf: FactCondition = t.value === undefined ? { fact: t.fact, empty: false } : typeof t.value === 'boolean' ? { fact: t.fact, equals: t.value } : { fact: t.fact, includes: t.value };
    if (!evalFactCondition(leaf, facts)) continue;
    const hit = occurrences(scan, t.fact).find((o) => (t.value === undefined || o.value === t.value) && o.at);
    if (hit) return { fact: t.fact, value: hit.value, at: hit.at, ...(hit.artifact ? { artifact: hit.artifact } : {}) };
  }
  // an absence ("no verification anywhere"): the first fact the rule reads, and its value
  const first = factOf(cond);
  const value = (facts as unknown as Record<string, unknown>)[first];
  return { fact: first, ...(typeof value === 'boolean' ? { value } : {}) };
}

function factOf(cond: FactCondition): string {
  if ('fact' in cond) return cond.fact;
  if ('allOf' in cond) return factOf(cond.allOf[0]!);
  if ('anyOf' in cond) return factOf(cond.anyOf[0]!);
  return factOf(cond.not);
}

const THIS_REPOSITORY = { en: 'this repository', ja: 'このリポジトリ' } as const;

/** A fact value in words: "CI secret", not `ci-secret`. */
function valueLabel(fact: string, value: string | boolean | undefined, lang: Lang, artifact?: string): string {
  if (typeof value !== 'string') return '';
  if (artifact) return publishedArtifactLabel(artifact, value as ArtifactKind, lang);
  const all = FACT_LABELS as unknown as Record<string, Record<string, { en: string; ja: string }> | undefined>;
  const labels = all[fact === 'unsignedPublished' ? 'artifactsSigned' : fact];
  return labels?.[value]?.[lang] ?? value;
}

/**
 * Every contradiction between the answers and what the scan shows: for each answered question, each
 * of its `contradicts` rules whose claim the answer makes and whose fact condition holds.
 */
export function findContradictions(
  bank: Bank,
  answers: Readonly<Record<string, AnswerValue | undefined>>,
  scan: ScanResult,
  lang: Lang,
): Contradiction[] {
  const facts = factsForRules(scan);
  const out: Contradiction[] = [];
  for (const q of bank.questions) {
    const answer = answers[q.id];
    if (answer === undefined || !q.contradicts?.length) continue;
    const chosen = (Array.isArray(answer) ? answer : [answer]).filter((v) => v !== UNSURE);
    q.contradicts.forEach((rule, index) => {
      const claim = chosen.find((v) => rule.claims.includes(v));
      if (claim === undefined || !evalFactCondition(rule.when, facts)) return;
      const conflict = conflictOf(rule.when, facts, scan);
      const where = conflict.at ? `${conflict.at.file}:${conflict.at.line}` : THIS_REPOSITORY[lang];
      const message = rule.message[lang].replace(/\{(where|value)\}/g, (_, k: string) => (k === 'where' ? where : valueLabel(conflict.fact, conflict.value, lang, conflict.artifact)));
      out.push({
        question: q.id,
        answer,
        claim,
        fact: conflict.fact,
        ...(conflict.value !== undefined ? { factValue: conflict.value } : {}),
        ...(conflict.at ? { at: conflict.at } : {}),
        message,
        rule: { index, file: q.file, line: q.contradictsLines?.[index] ?? q.line },
      });
    });
  }
  return out;
}
