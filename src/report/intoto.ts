/**
 * The assessment as an in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md),
 * ready to be signed with `cosign attest-blob --statement` or wrapped by any in-toto signer.
 *
 * Subjects: the answers file (sha256 of its bytes as read) and, when a full commit id is known, the
 * repository at that commit (`gitCommit`). The predicate (type `PREDICATE_TYPE`, JSON Schema in
 * `schema/assessment-predicate.v1.schema.json`) is the assessment itself: levels, criterion
 * statuses, dimension scores, bank, tool, date and assessor, answers digest, open items.
 *
 * A pure function of its inputs (no clock, no file system): `report --format intoto` uses it, and
 * so can `check --format intoto`, which adds `contradictions`.
 */
import type { Assessment } from '../assess/assess.js';
import type { Bank } from '../model/bank.js';
import type { AnswersFile } from '../session/answers-file.js';
import { openItems } from './record.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The predicate type of a sigmature assessment, version 1. Documented in README ("The assessment as an attestation"). */
export const PREDICATE_TYPE = 'https://sigmature.dev/assessment/v1';

export type DigestSet = Record<string, string>;
export interface ResourceDescriptor {
  name: string;
  digest: DigestSet;
}

export interface AssessmentPredicate {
  tool: { name: string; version: string };
  bank: { id: string; version: string };
  /** The assessment's date (the answers' `meta.date`, else the day the statement was made), YYYY-MM-DD. */
  date: string;
  assessor: string | null;
  organisation: string | null;
  team: string | null;
  repository: { name: string; commit: string | null; commitFrom: 'scan' | 'answers' | null } | null;
  answers: { name: string; sha256: string; count: number };
  level: number;
  detectedLevel: number;
  targetLevel: number | null;
  criteria: Record<string, { level: number; status: 'met' | 'met-detected' | 'open' | 'missed'; proof: 'repository' | 'team' }>;
  dimensions: Record<string, { score: number; advisory: boolean }>;
  /** Questions and criteria still to be settled (the report's open items). */
  openItems: number;
  /** Contradictions between the answers and the repository (set by `sigmature check`). */
  contradictions?: number;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: AssessmentPredicate;
}

export interface StatementInput {
  bank: Bank;
  answers: AnswersFile;
  assessment: Assessment;
  /** The answers file as named on the command line, and the sha256 of its bytes. */
  answersName: string;
  answersDigest: string;
  tool: { name: string; version: string };
  /** What a scan of the repository found (`--repo`, `check DIR`): its root and checked-out commit. */
  scanned?: { root: string; commit?: string };
  /** The day the statement is made, used when the answers carry no date (YYYY-MM-DD). */
  today: string;
  contradictions?: number;
}

/** A full git object id (SHA-1 or SHA-256), as the DigestSet spec requires for `gitCommit`. */
const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const SHA256 = /^[0-9a-f]{64}$/;

export function buildStatement(input: StatementInput): { statement: Statement; warnings: string[] } {
  const { answers, assessment, bank } = input;
  const warnings: string[] = [];
  if (!SHA256.test(input.answersDigest)) throw new Error(`answers digest is not a lowercase sha256: ${input.answersDigest}`);
  const answersName = input.answersName.replace(/\\/g, '/');
  const subject: ResourceDescriptor[] = [{ name: answersName, digest: { sha256: input.answersDigest } }];

  const meta = answers.meta.repository;
  // the repository's name: its URL when the team gave one (stable across clones), else the path
  const name = meta?.url ?? input.scanned?.root ?? meta?.path;
  const scannedCommit = input.scanned?.commit;
  const commit = scannedCommit ?? meta?.commit;
  const commitFrom = scannedCommit ? 'scan' : meta?.commit ? 'answers' : null;
  if (scannedCommit && meta?.commit && !scannedCommit.toLowerCase().startsWith(meta.commit.toLowerCase())) {
    warnings.push(`the answers were given at commit ${meta.commit}; the statement names the scanned commit ${scannedCommit}`);
  }
  if (commit !== undefined) {
    const id = commit.toLowerCase();
    if (FULL_COMMIT.test(id)) subject.push({ name: name ?? '_', digest: { gitCommit: id } });
    else warnings.push(`commit "${commit}" is not a full 40- or 64-character id, so the statement has no repository subject (give the full id in meta.repository.commit, or --repo DIR)`);
  }

  const pending = openItems(bank, assessment);
  const predicate: AssessmentPredicate = {
    tool: { name: input.tool.name, version: input.tool.version },
    bank: { id: bank.id, version: bank.version },
    date: answers.meta.date ?? input.today,
    assessor: answers.meta.assessor ?? null,
    organisation: answers.meta.organisation ?? null,
    team: answers.meta.team ?? null,
    repository: name === undefined && commit === undefined
      ? null
      : { name: name ?? '_', commit: commit?.toLowerCase() ?? null, commitFrom },
    answers: { name: answersName, sha256: input.answersDigest, count: Object.keys(answers.answers).length },
    level: assessment.level,
    detectedLevel: assessment.detectedLevel,
    targetLevel: answers.meta.targetLevel ?? null,
    criteria: Object.fromEntries(assessment.criteria.map((c) => [c.id, { level: c.level, status: c.status, proof: c.proof }])),
    dimensions: Object.fromEntries(assessment.dimensions.map((d) => [d.id, { score: d.score, advisory: d.advisory }])),
    openItems: pending.questions.length + pending.criteria.length,
    ...(input.contradictions !== undefined ? { contradictions: input.contradictions } : {}),
  };
  return { statement: { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate }, warnings };
}
