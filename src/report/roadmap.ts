/**
 * The roadmap: for each level above the current one (the next level first), the steps that meet
 * its missing criteria, each with why, effort, the evidence an assessor will ask for, and a snippet
 * for the CI system the repository uses. Steps and snippets are data in `templates/roadmap/`.
 *
 * The steps are chosen for this team, from its answers (any source) and the scan's facts:
 * - a criterion the repository already shows (`met-detected`) gets no step: it needs the team's
 *   confirmation, not new work;
 * - a step whose `doneWhen` holds is left out: the team already does it, or it has nothing to do
 *   (no key to rotate when signing is keyless);
 * - a step tied to `ecosystems` (npm, PyPI, containers, …) appears only when one of them is
 *   detected or stated; the ecosystems themselves are defined in `steps.yaml`;
 * - alternatives (keyless, a cloud KMS, Vault transit) are one step with `options`: the first option
 *   whose `recommendWhen` holds is recommended and shown first with its snippet, the others are
 *   named with one line each.
 * Steps are ordered by the level they unlock, then by effort (small < medium < large).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { Assessment } from '../assess/assess.js';
import type { Facts, PublishStep } from '../detect/types.js';
import { Localized } from '../model/schema.js';
import { InputError, parseYamlSource, validateSource } from '../model/yaml-source.js';
import { templatesDir } from '../paths.js';
import { readSnapshot } from '../model/snapshot.js';

/**
 * A condition on the team's answers (any source: detected, confirmed or stated), on the scan's
 * facts, on what the repository publishes, or on an ecosystem defined in `steps.yaml`.
 * `includes` with a list holds when the fact includes any of its values.
 */
export type RoadmapCondition =
  | { question: string; in: string[] }
  | { fact: keyof Facts; includes: string | string[] }
  | { fact: keyof Facts; equals: boolean | string }
  | { fact: keyof Facts; empty: boolean }
  | { published: string }
  | { ecosystem: string }
  | { allOf: RoadmapCondition[] }
  | { anyOf: RoadmapCondition[] }
  | { not: RoadmapCondition };

const FACT_NAMES = [
  'ci', 'signs', 'tools', 'keyless', 'keyCustody', 'kmsProviders', 'artifactsSigned', 'attestations', 'verifies', 'committedPrivateKeys', 'verificationDocumented',
] as const satisfies readonly (keyof Facts)[];
const FactName = z.enum(FACT_NAMES);

const RoadmapCondition: z.ZodType<RoadmapCondition> = z.lazy(() =>
  z.union([
    z.object({ question: z.string().regex(/^[A-Z]+-\d+$/), in: z.array(z.string()).min(1) }).strict(),
    z.object({ fact: FactName, includes: z.union([z.string(), z.array(z.string()).min(1)]) }).strict(),
    z.object({ fact: FactName, equals: z.union([z.boolean(), z.string()]) }).strict(),
    z.object({ fact: FactName, empty: z.boolean() }).strict(),
    z.object({ published: z.string() }).strict(),
    z.object({ ecosystem: z.string() }).strict(),
    z.object({ allOf: z.array(RoadmapCondition).min(1) }).strict(),
    z.object({ anyOf: z.array(RoadmapCondition).min(1) }).strict(),
    z.object({ not: RoadmapCondition }).strict(),
  ]),
);

const Effort = z.enum(['small', 'medium', 'large']);
const Snippets = z.record(z.string(), z.string()).refine((s) => 'default' in s, 'snippets need a "default" entry');
const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const Option = z
  .object({
    id: Id,
    title: Localized,
    /** One line: what this alternative is, named beside the recommended one. */
    summary: Localized,
    effort: Effort.optional(),
    evidence: Localized.optional(),
    ecosystems: z.array(z.string()).min(1).optional(),
    /** Offered only when this holds (a provider's KMS where that provider is in use). */
    offerWhen: RoadmapCondition.optional(),
    recommendWhen: RoadmapCondition.optional(),
    /** Why it is recommended when `recommendWhen` holds. */
    because: Localized.optional(),
    /** The team already does this: the whole step is done. */
    doneWhen: RoadmapCondition.optional(),
    snippets: Snippets,
  })
  .strict();

const Step = z
  .object({
    id: Id,
    criteria: z.array(z.string()).min(1),
    title: Localized,
    why: Localized,
    effort: Effort,
    evidence: Localized,
    /** The step appears only when one of these ecosystems is detected or stated. */
    ecosystems: z.array(z.string()).min(1).optional(),
    /** The step appears only when this holds (e.g. GitHub artifact attestations need GitHub Actions). */
    appliesWhen: RoadmapCondition.optional(),
    /** Already done, or nothing to do for this team. */
    doneWhen: RoadmapCondition.optional(),
    snippets: Snippets.optional(),
    /** Alternatives, in the order their `recommendWhen` is tried. */
    options: z.array(Option).min(2).optional(),
    /** The option recommended when no `recommendWhen` holds (default: the first offered). */
    recommendDefault: Id.optional(),
  })
  .strict()
  .refine((s) => (s.snippets === undefined) !== (s.options === undefined), 'a step has either snippets or options');

const Ecosystem = z.object({ title: Localized, when: RoadmapCondition }).strict();

const StepsFile = z
  .object({ $schema: z.string().optional(), ecosystems: z.record(Id, Ecosystem), steps: z.array(Step).min(1) })
  .strict();

export type RoadmapStepDef = z.infer<typeof Step>;
export type RoadmapOptionDef = z.infer<typeof Option>;
export type EcosystemDef = z.infer<typeof Ecosystem>;

export interface RoadmapCatalog {
  steps: RoadmapStepDef[];
  ecosystems: Record<string, EcosystemDef>;
  snippetsDir: string;
}

const BUILT_IN_ROADMAP = join(templatesDir, 'roadmap');

interface CatalogData { steps: RoadmapStepDef[]; ecosystems: Record<string, EcosystemDef> }

export function loadRoadmapCatalog(dir = BUILT_IN_ROADMAP): RoadmapCatalog {
  if (dir === BUILT_IN_ROADMAP) {
    const data = readSnapshot<CatalogData>('roadmap');
    if (data?.steps && data.ecosystems) return { ...data, snippetsDir: join(dir, 'snippets') };
  }
  return parseRoadmapCatalog(dir);
}

/** The catalog parsed and validated from `steps.yaml`, never from the snapshot. */
export function parseRoadmapCatalog(dir = BUILT_IN_ROADMAP): RoadmapCatalog {
  const file = join(dir, 'steps.yaml');
  const source = parseYamlSource(readFileSync(file, 'utf8'), file);
  const data = validateSource(source, StepsFile);
  // every ecosystem a step, an option or a condition names must be defined
  const known = new Set(Object.keys(data.ecosystems));
  const check = (names: readonly string[] | undefined, path: (string | number)[]) => {
    for (const [i, name] of (names ?? []).entries()) {
      if (!known.has(name)) throw new InputError(file, source.lineAt([...path, i]), `${path.join('.')}: unknown ecosystem "${name}"`);
    }
  };
  const checkCond = (c: RoadmapCondition | undefined, path: (string | number)[]) => {
    for (const name of ecosystemsIn(c)) check([name], path);
  };
  for (const [name, eco] of Object.entries(data.ecosystems)) {
    if (ecosystemsIn(eco.when).length) throw new InputError(file, source.lineAt(['ecosystems', name]), `ecosystems.${name}: an ecosystem cannot refer to another`);
  }
  const ids = new Set<string>();
  for (const [i, s] of data.steps.entries()) {
    if (ids.has(s.id)) throw new InputError(file, source.lineAt(['steps', i, 'id']), `steps[${i}].id: duplicate step id "${s.id}"`);
    ids.add(s.id);
    check(s.ecosystems, ['steps', i, 'ecosystems']);
    checkCond(s.appliesWhen, ['steps', i, 'appliesWhen']);
    checkCond(s.doneWhen, ['steps', i, 'doneWhen']);
    for (const [j, o] of (s.options ?? []).entries()) {
      check(o.ecosystems, ['steps', i, 'options', j, 'ecosystems']);
      for (const key of ['offerWhen', 'recommendWhen', 'doneWhen'] as const) checkCond(o[key], ['steps', i, 'options', j, key]);
    }
    if (s.recommendDefault && !s.options?.some((o) => o.id === s.recommendDefault)) {
      throw new InputError(file, source.lineAt(['steps', i, 'recommendDefault']), `steps[${i}].recommendDefault: no option "${s.recommendDefault}"`);
    }
  }
  return { steps: data.steps, ecosystems: data.ecosystems, snippetsDir: join(dir, 'snippets') };
}

function ecosystemsIn(c: RoadmapCondition | undefined): string[] {
  if (!c) return [];
  if ('ecosystem' in c) return [c.ecosystem];
  if ('allOf' in c) return c.allOf.flatMap(ecosystemsIn);
  if ('anyOf' in c) return c.anyOf.flatMap(ecosystemsIn);
  if ('not' in c) return ecosystemsIn(c.not);
  return [];
}

// ---------------------------------------------------------------- choosing the steps

/** What the roadmap knows of the repository: the scan's facts and what it publishes. */
export interface RoadmapContext {
  facts?: Partial<Facts>;
  published?: readonly PublishStep[];
}

interface Snippet { file: string; language: string; ci: string; text: string }

export interface RoadmapOption {
  id: string;
  title: Localized;
  summary: Localized;
  effort: RoadmapStepDef['effort'];
  evidence: Localized;
  recommended: boolean;
  /** Why it is recommended, when a rule on the answers or facts chose it. */
  because?: Localized;
  snippet: Snippet;
}

export interface RoadmapStep {
  id: string;
  /** The level whose missing criteria this step addresses first (the same as `unlocksLevel`). */
  level: number;
  /** The lowest level that cannot be reached without this step. */
  unlocksLevel: number;
  /** Every criterion the step helps meet (from the catalogue). */
  criteria: string[];
  /** The criteria among them that this team still misses (not met, not merely unconfirmed). */
  satisfies: string[];
  title: Localized;
  why: Localized;
  /** The recommended option's effort when the step has options. */
  effort: RoadmapStepDef['effort'];
  evidence: Localized;
  /** The snippet to show: the recommended option's when the step has options. */
  snippet: Snippet;
  /** The ecosystems that made this step apply (empty for a step that applies to everyone). */
  ecosystems: string[];
  /** Alternatives, the recommended one first; empty for a step without alternatives. */
  options: RoadmapOption[];
  recommended?: string;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = { yml: 'yaml', yaml: 'yaml', sh: 'bash', md: 'markdown', json: 'json', hcl: 'hcl', tf: 'hcl' };
const EFFORT_RANK: Record<RoadmapStepDef['effort'], number> = { small: 0, medium: 1, large: 2 };

interface Env {
  answers: Map<string, string[]>;
  facts: Partial<Facts>;
  published: readonly PublishStep[];
  ecosystems: Record<string, EcosystemDef>;
}

/** Evaluates a condition. An answer counts whatever its source; skipped and unsure answers count for nothing. */
export function evalRoadmapCondition(c: RoadmapCondition, env: Env): boolean {
  if ('question' in c) return (env.answers.get(c.question) ?? []).some((v) => c.in.includes(v));
  if ('fact' in c) {
    const value = env.facts[c.fact] as unknown;
    if ('includes' in c) {
      const wanted = [c.includes].flat();
      return Array.isArray(value) && value.some((v) => wanted.includes(typeof v === 'string' ? v : ''));
    }
    if ('equals' in c) return value === c.equals;
    return (Array.isArray(value) ? value.length === 0 : value === undefined) === c.empty;
  }
  if ('published' in c) return env.published.some((p) => p.kind === c.published || p.artifact === c.published);
  if ('ecosystem' in c) {
    const eco = env.ecosystems[c.ecosystem];
    return eco ? evalRoadmapCondition(eco.when, env) : false;
  }
  if ('allOf' in c) return c.allOf.every((x) => evalRoadmapCondition(x, env));
  if ('anyOf' in c) return c.anyOf.some((x) => evalRoadmapCondition(x, env));
  return !evalRoadmapCondition(c.not, env);
}

/** The ecosystems of the catalogue that the answers or the repository show. */
export function presentEcosystems(assessment: Assessment, catalog: RoadmapCatalog, context: RoadmapContext = {}): string[] {
  const env = envOf(assessment, catalog, context);
  return Object.keys(catalog.ecosystems).filter((e) => evalRoadmapCondition({ ecosystem: e }, env));
}

function envOf(assessment: Assessment, catalog: RoadmapCatalog, context: RoadmapContext): Env {
  const answers = new Map<string, string[]>();
  for (const q of assessment.questions) {
    if (q.status === 'answered' && q.value !== undefined) answers.set(q.id, [q.value].flat());
  }
  return { answers, facts: context.facts ?? {}, published: context.published ?? [], ecosystems: catalog.ecosystems };
}

/**
 * The roadmap for this team. `ctx` is what the scan found (facts, published artifacts); its CI
 * systems pick the snippet variant (the first CI system in the list that a step has a snippet for).
 */
export function buildRoadmap(assessment: Assessment, catalog: RoadmapCatalog, ctx: RoadmapContext = {}): RoadmapStep[] {
  const env = envOf(assessment, catalog, ctx);
  const holds = (c: RoadmapCondition | undefined) => c !== undefined && evalRoadmapCondition(c, env);
  const ci = (ctx.facts?.ci ?? []) as readonly string[];
  const hasEcosystem = (names: readonly string[] | undefined) => !names || names.some((n) => holds({ ecosystem: n }));

  // What this team still has to do: criteria not met, leaving out those the repository already shows.
  const todo = new Map<string, number>();
  for (const gap of assessment.gaps) {
    for (const c of gap.missing) if (c.status !== 'met-detected') todo.set(c.id, c.level);
  }

  const out: (RoadmapStep & { order: number })[] = [];
  const considered = new Set<string>();
  for (const gap of assessment.gaps) {
    for (const criterion of gap.missing) {
      if (!todo.has(criterion.id)) continue;
      const candidates = catalog.steps
        .filter((s) => s.criteria.includes(criterion.id))
        // a step whose primary criterion this is comes before one that merely helps
        .sort((a, b) => Number(b.criteria[0] === criterion.id) - Number(a.criteria[0] === criterion.id));
      for (const def of candidates) {
        if (considered.has(def.id)) continue;
        considered.add(def.id);
        if (!hasEcosystem(def.ecosystems)) continue;
        if (def.appliesWhen && !holds(def.appliesWhen)) continue;
        if (holds(def.doneWhen) || def.options?.some((o) => holds(o.doneWhen))) continue;
        const step = materialise(def, catalog, ci, holds, hasEcosystem, todo);
        if (step) out.push({ ...step, order: out.length });
      }
    }
  }
  return out
    .sort((a, b) => a.unlocksLevel - b.unlocksLevel || EFFORT_RANK[a.effort] - EFFORT_RANK[b.effort] || a.order - b.order)
    .map(({ order: _order, ...step }) => step);
}

function materialise(
  def: RoadmapStepDef,
  catalog: RoadmapCatalog,
  ci: readonly string[],
  holds: (c: RoadmapCondition | undefined) => boolean,
  hasEcosystem: (names: readonly string[] | undefined) => boolean,
  todo: Map<string, number>,
): RoadmapStep | undefined {
  const satisfies = def.criteria.filter((c) => todo.has(c));
  const unlocksLevel = Math.min(...satisfies.map((c) => todo.get(c)!));
  const ecosystems = (def.ecosystems ?? []).filter((n) => holds({ ecosystem: n }));
  const base = { id: def.id, level: unlocksLevel, unlocksLevel, criteria: def.criteria, satisfies, title: def.title, why: def.why, ecosystems };
  if (!def.options) {
    return { ...base, effort: def.effort, evidence: def.evidence, snippet: snippetOf(def.snippets!, catalog, ci), options: [] };
  }
  const offered = def.options.filter((o) => hasEcosystem(o.ecosystems) && (o.offerWhen === undefined || holds(o.offerWhen)));
  if (!offered.length) return undefined;
  const byRule = offered.find((o) => holds(o.recommendWhen));
  const chosen = byRule ?? offered.find((o) => o.id === def.recommendDefault) ?? offered[0]!;
  const options: RoadmapOption[] = [chosen, ...offered.filter((o) => o !== chosen)].map((o) => ({
    id: o.id,
    title: o.title,
    summary: o.summary,
    effort: o.effort ?? def.effort,
    evidence: o.evidence ?? def.evidence,
    recommended: o === chosen,
    ...(o === byRule && o.because ? { because: o.because } : {}),
    snippet: snippetOf(o.snippets, catalog, ci),
  }));
  const first = options[0]!;
  return { ...base, effort: first.effort, evidence: first.evidence, snippet: first.snippet, options, recommended: first.id };
}

function snippetOf(snippets: Record<string, string>, catalog: RoadmapCatalog, ci: readonly string[]): Snippet {
  const variant = ci.find((c) => c in snippets) ?? 'default';
  const file = snippets[variant]!;
  return {
    file,
    language: LANGUAGE_BY_EXTENSION[file.split('.').pop() ?? ''] ?? '',
    ci: variant,
    text: readFileSync(join(catalog.snippetsDir, file), 'utf8').trimEnd(),
  };
}

/** The built-in roadmap's source file, for the build's snapshot. */
export const builtInRoadmapSources = (): string[] => [join(BUILT_IN_ROADMAP, 'steps.yaml')];
