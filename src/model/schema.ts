/**
 * The question bank's schema: what `questions/*.yaml` may contain.
 *
 * The bank is data (DESIGN section 3). `bank.yaml` holds the model (levels, criteria, dimensions,
 * standards); one file per dimension holds its questions. These zod schemas are the single source of
 * truth: the loader validates with them and `scripts/gen-schema.mjs` writes the JSON Schemas that
 * the `$schema` line of each YAML file points editors at.
 */
import * as z from 'zod';

/** Every user-facing string exists in English and Japanese. */
export const Localized = z
  .object({ en: z.string().min(1), ja: z.string().min(1) })
  .strict();
export type Localized = z.infer<typeof Localized>;

/** Stable, readable ids: `KEY-2`, never reused, never GUIDs. */
export const QuestionId = z.string().regex(/^[A-Z]{2,5}-\d{1,3}$/, 'question ids look like KEY-2');
export const OptionValue = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'option values are kebab-case');
export const CriterionId = z.string().regex(/^L[1-3]\.[a-z0-9-]+$/, 'criterion ids look like L2.keys-protected');
export const DimensionId = z.string().regex(/^[a-z][a-z-]*$/);
export const StandardId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

/**
 * A condition on earlier answers. Used by skip rules and by conditional criteria.
 * `{question, in}` holds when the answer's value (or, for a multi-select, any selected value) is in `in`.
 */
export type Condition =
  | { question: string; in: string[] }
  | { allOf: Condition[] }
  | { anyOf: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ question: QuestionId, in: z.array(OptionValue).min(1) }).strict(),
    z.object({ allOf: z.array(Condition).min(1) }).strict(),
    z.object({ anyOf: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

/**
 * A condition on detector facts (DESIGN section 4), used to pre-fill answers.
 * `equals` compares a scalar fact; `includes` tests membership in an array fact;
 * `empty` tests whether an array fact is empty (true) or not (false).
 */
export type FactCondition =
  | { fact: string; equals: boolean | string }
  | { fact: string; includes: string }
  | { fact: string; empty: boolean }
  | { allOf: FactCondition[] }
  | { anyOf: FactCondition[] }
  | { not: FactCondition };
export const FactCondition: z.ZodType<FactCondition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.string(), equals: z.union([z.boolean(), z.string()]) }).strict(),
    z.object({ fact: z.string(), includes: z.string() }).strict(),
    z.object({ fact: z.string(), empty: z.boolean() }).strict(),
    z.object({ allOf: z.array(FactCondition).min(1) }).strict(),
    z.object({ anyOf: z.array(FactCondition).min(1) }).strict(),
    z.object({ not: FactCondition }).strict(),
  ]),
);

/** An option satisfies a criterion outright, or only when a further condition on other answers holds. */
export const Satisfies = z.union([
  CriterionId,
  z.object({ criterion: CriterionId, when: Condition }).strict(),
]);
export type Satisfies = z.infer<typeof Satisfies>;

export const Option = z
  .object({
    value: OptionValue,
    label: Localized,
    /** Criteria of DESIGN section 2 that choosing this option satisfies. */
    satisfies: z.array(Satisfies).default([]),
    /** The dimension score (0..3) this answer implies; absent for informational options. */
    score: z.number().int().min(0).max(3).optional(),
  })
  .strict();
export type Option = z.infer<typeof Option>;

/** A pre-fill rule: when the facts match, suggest this option value. */
export const Prefill = z.object({ when: FactCondition, value: OptionValue }).strict();
export type Prefill = z.infer<typeof Prefill>;

/**
 * A contradiction rule: the team's answer claims one of `claims`, and the repository shows facts
 * for which `when` holds. `message` says what the repository shows, with `{where}` (the `file:line`
 * of the conflicting evidence, or "this repository" when the conflict is an absence) and `{value}`
 * (the conflicting fact value, in words). The wizard warns, the report lists it, `check` fails on it.
 */
export const Contradicts = z
  .object({ claims: z.array(OptionValue).min(1), when: FactCondition, message: Localized })
  .strict();
export type Contradicts = z.infer<typeof Contradicts>;

export const Question = z
  .object({
    id: QuestionId,
    /** single: one option; multi: any number of options. */
    type: z.enum(['single', 'multi']).default('single'),
    text: Localized,
    help: Localized,
    options: z.array(Option).min(2),
    /** Skip this question when the condition holds on earlier answers. */
    skipWhen: Condition.optional(),
    /** Detector facts that pre-fill this question; rules are tried in order (multi: all that match). */
    prefill: z.array(Prefill).optional(),
    /** What the repository may show that an answer contradicts; every matching rule is reported. */
    contradicts: z.array(Contradicts).optional(),
    /** Ids of standards in `bank.yaml` that this question maps to. */
    standards: z.array(StandardId).default([]),
  })
  .strict();
export type Question = z.infer<typeof Question>;

export const DimensionFile = z
  .object({
    $schema: z.string().optional(),
    dimension: DimensionId,
    questions: z.array(Question).min(1),
  })
  .strict();
export type DimensionFile = z.infer<typeof DimensionFile>;

export const Criterion = z
  .object({
    id: CriterionId,
    level: z.number().int().min(1).max(3),
    text: Localized,
    /** Index into the level's `evidence` list of the control's source data: which evidence item this criterion checks. */
    evidence: z.number().int().min(0),
    /**
     * What can prove it. `repository`: the CI/CD configuration can show it, so detected answers
     * count for the level a scan shows (never for the assessed level until the team confirms them).
     * `team` (the default: when in doubt, lower): the control asks for an interview or a document,
     * so only the team's stated or confirmed answers meet it.
     */
    proof: z.enum(['repository', 'team']).default('team'),
  })
  .strict();
export type Criterion = z.infer<typeof Criterion>;

export const Level = z
  .object({
    level: z.number().int().min(0).max(3),
    title: Localized,
    summary: Localized,
    /** The control's evidence items an assessor checks at this level (en from the source data, ja translated). */
    evidence: z.array(Localized),
  })
  .strict();

export const Dimension = z
  .object({
    id: DimensionId,
    name: Localized,
    /** Advisory dimensions inform the roadmap but never gate a level. */
    advisory: z.boolean().default(false),
    /**
     * The role that should settle this dimension's open items (release engineering, platform team,
     * security lead, key custodian): the report names it beside each open item.
     */
    owner: Localized.optional(),
  })
  .strict();
export type Dimension = z.infer<typeof Dimension>;

export const Standard = z
  .object({
    id: StandardId,
    framework: z.string().min(1),
    ref: z.string().min(1),
    title: Localized,
    url: z.string().url().optional(),
    /** Criteria whose evidence supports this standard's requirement. */
    criteria: z.array(CriterionId).default([]),
    /** Why the mapping is what it is, for the report's reader (e.g. where it differs from the control's own data). */
    note: Localized.optional(),
  })
  .strict();
export type Standard = z.infer<typeof Standard>;

export const BankFile = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'bank versions are semver, e.g. 1.2.0'),
    control: z.object({ id: z.string(), title: Localized, source: z.string().optional() }).strict(),
    levels: z.array(Level).length(4),
    criteria: z.array(Criterion).min(1),
    dimensions: z.array(Dimension).min(1),
    standards: z.array(Standard).default([]),
    /** Label of the "unsure" option the loader adds to every question. */
    unsure: Localized,
    /** Order in which dimension files are asked; files not named here follow in file-name order. */
    order: z.array(DimensionId).default([]),
  })
  .strict();
export type BankFile = z.infer<typeof BankFile>;

export { UNSURE } from './unsure.js';
