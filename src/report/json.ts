/**
 * The JSON contract of DESIGN section 7, shared by `scan --format json` and `report --format json`.
 * Field names are stable; changes are additive only.
 */
import type { CriterionResult } from '../assess/assess.js';
import type { Facts } from '../detect/types.js';
import type { AnswersFile } from '../session/answers-file.js';
import { openItems, overrides, owners } from './record.js';
import type { ReportData } from './report-data.js';

export const JSON_SCHEMA_VERSION = 1;

export const NO_FACTS: Facts = {
  ci: [], signs: false, tools: [], keyless: false, keyCustody: [], kmsProviders: [],
  artifactsSigned: [], attestations: [], verifies: false, committedPrivateKeys: [], verificationDocumented: false,
};

export interface JsonReportInput extends ReportData {
  repository?: { root: string; commit?: string };
}

export function toJsonReport(input: JsonReportInput) {
  const { assessment, scan, bank } = input;
  const evidenceIdAt = new Map((scan?.evidence ?? []).map((e) => [`${e.file}:${e.line}`, e.id]));
  const evidenceId = (e: { file: string; line: number }) => evidenceIdAt.get(`${e.file}:${e.line}`) ?? `${e.file}:${e.line}`;
  const answers: Record<string, {
    value: string | string[]; source: string; evidence: string[]; note?: string; contradiction?: string;
    override?: { detected: string | string[]; reason?: string };
  }> = {};
  for (const [id, a] of Object.entries(input.answers.answers)) {
    answers[id] = {
      value: a.value,
      source: a.source,
      evidence: (a.evidence ?? []).map(evidenceId),
      ...(a.note ? { note: a.note } : {}),
      ...(a.contradiction ? { contradiction: a.contradiction } : {}),
      ...(a.override ? { override: a.override } : {}),
    };
  }
  const owner = (questions: string[]) => owners(bank, questions).map((o) => o.en);
  const pending = openItems(bank, assessment);
  const criteria: Record<string, { level: number; met: boolean; status: string; proof: string; why: string }> = {};
  for (const c of assessment.criteria) criteria[c.id] = { level: c.level, met: c.met, status: c.status, proof: c.proof, why: why(c) };
  const dimensions: Record<string, number> = {};
  for (const d of assessment.dimensions) dimensions[d.id] = d.score;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: input.tool,
    bank: { id: bank.id, version: bank.version },
    repository: scan?.repository ?? input.repository ?? repositoryFromMeta(input.answers),
    meta: input.answers.meta,
    facts: scan?.facts ?? NO_FACTS,
    evidence: scan?.evidence ?? [],
    published: scan?.published ?? [],
    /** Signer identities, verifier expectations and whether they meet (added with issue 11). */
    ...(scan?.verification ? { verification: scan.verification } : {}),
    testKeys: scan?.testKeys ?? [],
    answers,
    answersDigest: input.answersDigest,
    level: assessment.level,
    detectedLevel: assessment.detectedLevel,
    targetLevel: input.answers.meta.targetLevel ?? null,
    criteria,
    dimensions,
    open: assessment.open,
    /** What is still to be settled, and which role should settle it (the bank's dimension owners). */
    openItems: {
      questions: pending.questions.map((q) => ({ ...q, owner: owner([q.question]) })),
      criteria: pending.criteria.map((c) => ({ ...c, owner: owner(c.detected.map((d) => d.question)) })),
    },
    /** Answers the team changed from what the scan detected. */
    overrides: overrides(input.answers, bank).map((o) => ({
      question: o.question, detected: o.detected, value: o.value, source: o.source,
      ...(o.reason ? { reason: o.reason } : {}), evidence: o.evidence.map(evidenceId),
    })),
    roadmap: input.roadmap.map((s) => ({
      id: s.id, level: s.level, criteria: s.criteria, title: s.title.en, why: s.why.en, effort: s.effort,
      evidence: s.evidence.en, snippet: { file: s.snippet.file, ci: s.snippet.ci },
      // added with alternatives (options) and ecosystems; the fields above keep their meaning
      unlocksLevel: s.unlocksLevel,
      satisfies: s.satisfies,
      ecosystems: s.ecosystems,
      recommended: s.recommended ?? null,
      options: s.options.map((o) => ({
        id: o.id, title: o.title.en, summary: o.summary.en, effort: o.effort, recommended: o.recommended,
        ...(o.because ? { because: o.because.en } : {}),
        snippet: { file: o.snippet.file, ci: o.snippet.ci },
      })),
    })),
    warnings: [
      ...(scan?.warnings ?? []),
      ...input.warnings.map((message) => ({ kind: 'answers', message })),
    ],
  };
}

function why(c: CriterionResult): string {
  const by = c.metBy.map((m) => `${m.question}=${m.value} (${m.source})`).join(', ');
  if (c.status === 'met') return `met by ${by}`;
  if (c.status === 'met-detected') return `detected, not confirmed by the team: ${by}`;
  if (c.needsTeam) return `open: needs the team's statement (an interview or a document); detected: ${by}`;
  const states = c.candidates.map((s) =>
    `${s.id} ${s.status}${s.value !== undefined ? `=${[s.value].flat().join('+')}` : ''}${s.source === 'detected' ? ' (detected)' : ''}`);
  return `${c.status === 'open' ? 'open' : 'not met'}: ${states.join(', ') || 'no question can satisfy it'}`;
}

function repositoryFromMeta(file: AnswersFile): { root: string; commit?: string } | null {
  const r = file.answers && file.meta.repository;
  if (!r) return null;
  return { root: r.path ?? r.url ?? '', ...(r.commit ? { commit: r.commit } : {}) };
}
