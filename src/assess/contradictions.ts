/**
 * When the team's answer says one thing and the repository shows another: "we sign keylessly"
 * while a workflow signs with `--key env://COSIGN_KEY`. The wizard shows the contradiction on
 * screen and records it, in words, in the answer's `contradiction` field for the auditor.
 *
 * The rules are data: a question, the option values that make a claim, and the fact values that
 * contradict it. Each contradiction names where the scan saw the conflicting fact (file:line).
 */
import { sanitizeLine } from '../detect/sanitize.js';
import type { Facts, KeyCustody, ScanResult } from '../detect/types.js';
import { factValueLabel } from '../i18n/fact-labels.js';
import { format, type MessageKey } from '../i18n/ui-messages.js';
import type { Lang } from '../i18n/report-messages.js';
import type { AnswerValue } from './assess.js';

const LONG_LIVED: KeyCustody[] = ['ci-secret', 'kms', 'vault', 'hsm', 'file-in-repo'];
const EXPOSED: KeyCustody[] = ['ci-secret', 'file-in-repo'];

interface Rule {
  question: string;
  /** Option values that make the claim. */
  claims: string[];
  fact: keyof Facts;
  /** Fact values that contradict the claim; `nonEmpty` for a list fact that must be empty. */
  conflicts: readonly (string | boolean)[] | 'nonEmpty';
  detail: MessageKey;
}

export const CONTRADICTION_RULES: readonly Rule[] = [
  { question: 'KEY-1', claims: ['no-long-lived-keys'], fact: 'keyCustody', conflicts: LONG_LIVED, detail: 'cxLongLivedKey' },
  { question: 'KEY-1', claims: ['cloud-kms', 'vault', 'hsm'], fact: 'keyCustody', conflicts: EXPOSED, detail: 'cxWeakerKey' },
  { question: 'KLS-1', claims: ['all'], fact: 'keyCustody', conflicts: LONG_LIVED, detail: 'cxLongLivedKey' },
  { question: 'KLS-1', claims: ['no'], fact: 'keyless', conflicts: [true], detail: 'cxKeyless' },
  { question: 'CUS-1', claims: ['no-keys', 'keyless-restricted'], fact: 'keyCustody', conflicts: LONG_LIVED, detail: 'cxLongLivedKey' },
  { question: 'CUS-2', claims: ['no-keys'], fact: 'keyCustody', conflicts: LONG_LIVED, detail: 'cxLongLivedKey' },
  { question: 'COV-2', claims: ['none'], fact: 'signs', conflicts: [true], detail: 'cxSigns' },
  { question: 'VER-1', claims: ['none'], fact: 'verifies', conflicts: [true], detail: 'cxVerifies' },
  { question: 'VER-2', claims: ['nobody'], fact: 'verifies', conflicts: [true], detail: 'cxVerifies' },
  { question: 'KEY-2', claims: ['never', 'never-and-scanned'], fact: 'committedPrivateKeys', conflicts: 'nonEmpty', detail: 'cxCommittedKey' },
];

export interface Contradiction {
  detail: MessageKey;
  /** `custody` is the fact value (`ci-secret`); `describeContradiction` puts it in words. */
  vars: { where: string; custody?: string };
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

export function findContradiction(question: string, value: AnswerValue, scan: ScanResult): Contradiction | undefined {
  const chosen = Array.isArray(value) ? value : [value];
  for (const rule of CONTRADICTION_RULES) {
    if (rule.question !== question || !chosen.some((v) => rule.claims.includes(v))) continue;
    const fact = scan.facts[rule.fact];
    if (rule.conflicts === 'nonEmpty') {
      const keys = scan.facts.committedPrivateKeys;
      if (keys.length) return { detail: rule.detail, vars: { where: keys.map((k) => sanitizeLine(k.path)).join(', ') } };
      continue;
    }
    const conflicts = rule.conflicts;
    const values: unknown[] = Array.isArray(fact) ? fact : [fact];
    const hits = values.filter((v): v is string | boolean => (typeof v === 'string' || typeof v === 'boolean') && conflicts.includes(v));
    if (!hits.length) continue;
    const where = whereFound(scan, rule.fact, hits) ?? whereFound(scan, rule.fact) ?? scan.repository.root;
    return { detail: rule.detail, vars: { where, ...(typeof hits[0] === 'string' ? { custody: hits[0] } : {}) } };
  }
  return undefined;
}

/** The contradiction in words of `lang`: the custody value as a label ("CI secret", 「CI のシークレット」), never raw. */
export function describeContradiction(c: Contradiction, lang: Lang): string {
  const { custody, ...vars } = c.vars;
  return format(lang, c.detail, custody === undefined ? vars : { ...vars, custody: factValueLabel('keyCustody', custody, lang) });
}
