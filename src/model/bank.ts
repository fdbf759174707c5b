/**
 * Loading and validating a question bank directory.
 *
 * A bank directory holds `bank.yaml` (the model) and one YAML file per dimension. A directory given
 * with `--bank` that has its own `bank.yaml` replaces the built-in bank; one without extends it with
 * more questions. Every problem is an InputError naming file, line and field.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { defaultBankDir } from '../paths.js';
import {
  BankFile, DimensionFile, UNSURE,
  type Condition, type Criterion, type Dimension, type FactCondition, type Localized, type Option,
  type Question, type Standard,
} from './schema.js';
import { InputError, parseYamlSource, validateSource, type YamlSource } from './yaml-source.js';
import { FACT_SHAPES } from './facts-vocabulary.js';
import { readSnapshot } from './snapshot.js';

export interface LoadedQuestion extends Question {
  dimension: string;
  /** Options as written plus the "unsure" option every question offers. */
  options: Option[];
  file: string;
  line: number;
  /** A short fingerprint of what the question asks and offers: a changed rev flags old answers. */
  rev: string;
  /** The line of each `contradicts` rule, for messages that name the rule. */
  contradictsLines?: number[];
}

export interface Bank {
  id: string;
  version: string;
  control: BankFile['control'];
  levels: BankFile['levels'];
  criteria: Criterion[];
  dimensions: Dimension[];
  standards: Standard[];
  unsure: Localized;
  /** Questions in the order they are asked: dimension order, file order, then dependencies first. */
  questions: LoadedQuestion[];
  byId: ReadonlyMap<string, LoadedQuestion>;
  /** Directories the bank was read from, for messages. */
  sources: string[];
}

export function loadBank(dir?: string): Bank {
  if (!dir) return builtInBank();
  const isDir = (() => {
    try { return statSync(dir).isDirectory(); } catch { return false; }
  })();
  if (!isDir) throw new InputError(dir, undefined, 'not a question bank directory');
  if (yamlFiles(dir).includes('bank.yaml')) return loadBankDir(dir);
  return loadBankDir(defaultBankDir, dir);
}

/** The built-in bank: from the build's snapshot when its sources are unchanged, else from YAML. */
function builtInBank(): Bank {
  const snapshot = readSnapshot<Omit<Bank, 'byId'>>('bank');
  if (!snapshot) return loadBankDir(defaultBankDir);
  return { ...snapshot, byId: new Map(snapshot.questions.map((q) => [q.id, q])) };
}

/** The files the built-in bank is read from, for the build's snapshot. */
export function builtInBankSources(): string[] {
  return yamlFiles(defaultBankDir).map((f) => join(defaultBankDir, f));
}

/** The built-in bank parsed from YAML, for the build's snapshot. */
export function parseBuiltInBank(): Omit<Bank, 'byId'> {
  const { byId: _byId, ...rest } = loadBankDir(defaultBankDir);
  return rest;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
}

function readSource(path: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, undefined, `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseYamlSource(text, displayPath(path));
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function loadBankDir(dir: string, extensionDir?: string): Bank {
  const bankSource = readSource(join(dir, 'bank.yaml'));
  const model = validateSource(bankSource, BankFile);
  checkModel(model, bankSource);

  const files: { source: YamlSource; data: DimensionFile }[] = [];
  for (const d of extensionDir ? [dir, extensionDir] : [dir]) {
    for (const name of yamlFiles(d)) {
      if (name === 'bank.yaml') continue;
      const source = readSource(join(d, name));
      files.push({ source, data: validateSource(source, DimensionFile) });
    }
  }
  const dimensionIds = new Set(model.dimensions.map((x) => x.id));
  const rank = (dim: string) => {
    const i = model.order.indexOf(dim);
    return i < 0 ? model.order.length : i;
  };
  files.sort((a, b) => rank(a.data.dimension) - rank(b.data.dimension));

  const questions: LoadedQuestion[] = [];
  const byId = new Map<string, LoadedQuestion>();
  for (const { source, data } of files) {
    if (!dimensionIds.has(data.dimension)) {
      throw new InputError(source.file, source.lineAt(['dimension']), `dimension: unknown dimension "${data.dimension}" (bank.yaml declares ${[...dimensionIds].join(', ')})`);
    }
    data.questions.forEach((q, i) => {
      const line = source.lineAt(['questions', i, 'id']) ?? 1;
      const earlier = byId.get(q.id);
      if (earlier) throw new InputError(source.file, line, `duplicate question id ${q.id} (first at ${earlier.file}:${earlier.line})`);
      const loaded: LoadedQuestion = {
        ...q,
        dimension: data.dimension,
        options: [...q.options, { value: UNSURE, label: model.unsure, satisfies: [], score: undefined }],
        file: source.file,
        line,
        rev: fingerprint(q),
        ...(q.contradicts ? { contradictsLines: q.contradicts.map((_, j) => source.lineAt(['questions', i, 'contradicts', j]) ?? line) } : {}),
      };
      questions.push(loaded);
      byId.set(q.id, loaded);
      checkQuestion(loaded, i, source, model);
    });
  }
  for (const { source, data } of files) {
    data.questions.forEach((q, i) => checkReferences(byId.get(q.id)!, i, source, byId));
  }
  const ordered = dependencyOrder(questions, byId, files);
  return {
    id: extensionDir ? `${model.id}+${basename(extensionDir)}` : model.id,
    version: model.version,
    control: model.control,
    levels: model.levels,
    criteria: model.criteria,
    dimensions: model.dimensions,
    standards: model.standards,
    unsure: model.unsure,
    questions: ordered,
    byId,
    sources: extensionDir ? [dir, extensionDir] : [dir],
  };
}

function checkModel(model: BankFile, source: YamlSource): void {
  model.levels.forEach((l, i) => {
    if (l.level !== i) throw new InputError(source.file, source.lineAt(['levels', i, 'level']), `levels[${i}].level: expected ${i}`);
  });
  const seen = new Set<string>();
  model.criteria.forEach((c, i) => {
    const line = source.lineAt(['criteria', i, 'id']);
    if (seen.has(c.id)) throw new InputError(source.file, line, `duplicate criterion id ${c.id}`);
    seen.add(c.id);
    if (!c.id.startsWith(`L${c.level}.`)) throw new InputError(source.file, line, `criterion ${c.id} is declared at level ${c.level}`);
    const evidence = model.levels[c.level]!.evidence;
    if (c.evidence >= evidence.length) {
      throw new InputError(source.file, source.lineAt(['criteria', i, 'evidence']), `criteria[${i}].evidence: level ${c.level} has ${evidence.length} evidence items`);
    }
  });
  for (const level of [1, 2, 3]) {
    if (!model.criteria.some((c) => c.level === level)) throw new InputError(source.file, source.lineAt(['criteria']), `no criteria for level ${level}`);
  }
  model.standards.forEach((s, i) => s.criteria.forEach((c, j) => {
    if (!seen.has(c)) throw new InputError(source.file, source.lineAt(['standards', i, 'criteria', j]), `unknown criterion ${c}`);
  }));
}

/** Checks that need only the question itself and the model. */
function checkQuestion(q: LoadedQuestion, index: number, source: YamlSource, model: BankFile): void {
  const at = (...path: (string | number)[]) => source.lineAt(['questions', index, ...path]);
  const criteria = new Set(model.criteria.map((c) => c.id));
  const standards = new Set(model.standards.map((s) => s.id));
  const values = new Set<string>();
  q.options.forEach((o, i) => {
    if (o.value === UNSURE && i < q.options.length - 1) {
      throw new InputError(source.file, at('options', i, 'value'), `option value "${UNSURE}" is reserved: every question offers it`);
    }
    if (values.has(o.value)) throw new InputError(source.file, at('options', i, 'value'), `duplicate option value "${o.value}" in ${q.id}`);
    values.add(o.value);
    o.satisfies.forEach((s, j) => {
      const id = typeof s === 'string' ? s : s.criterion;
      if (!criteria.has(id)) throw new InputError(source.file, at('options', i, 'satisfies', j), `unknown criterion ${id} in ${q.id}`);
    });
  });
  q.standards.forEach((s, i) => {
    if (!standards.has(s)) throw new InputError(source.file, at('standards', i), `unknown standard ${s} in ${q.id}`);
  });
  const checkWhen = (cond: FactCondition, path: (string | number)[]) => {
    const bad = factConditionProblem(cond);
    if (bad) throw new InputError(source.file, at(...path, ...bad.path) ?? at(...path), `${bad.problem} in ${q.id}`);
  };
  q.prefill?.forEach((p, i) => {
    if (!values.has(p.value)) throw new InputError(source.file, at('prefill', i, 'value'), `prefill value "${p.value}" is not an option of ${q.id}`);
    checkWhen(p.when, ['prefill', i, 'when']);
  });
  q.contradicts?.forEach((c, i) => {
    c.claims.forEach((v, j) => {
      if (!values.has(v)) throw new InputError(source.file, at('contradicts', i, 'claims', j), `contradicts claim "${v}" is not an option of ${q.id}`);
    });
    checkWhen(c.when, ['contradicts', i, 'when']);
  });
}

/**
 * The first problem of a fact condition, with its path inside the condition: an unknown fact, an
 * unknown value, or a test that does not fit the fact (`includes` on a boolean, `equals` on a list).
 */
function factConditionProblem(cond: FactCondition, path: (string | number)[] = []): { path: (string | number)[]; problem: string } | undefined {
  if ('allOf' in cond) return cond.allOf.map((c, i) => factConditionProblem(c, [...path, 'allOf', i])).find(Boolean);
  if ('anyOf' in cond) return cond.anyOf.map((c, i) => factConditionProblem(c, [...path, 'anyOf', i])).find(Boolean);
  if ('not' in cond) return factConditionProblem(cond.not, [...path, 'not']);
  const shape = FACT_SHAPES.get(cond.fact);
  if (!shape) return { path: [...path, 'fact'], problem: `unknown fact "${cond.fact}" (facts: ${[...FACT_SHAPES.keys()].join(', ')})` };
  if ('equals' in cond) {
    if (shape.kind !== 'boolean') return { path: [...path, 'equals'], problem: `fact "${cond.fact}" is a list: test it with includes or empty, not equals` };
    if (typeof cond.equals !== 'boolean') return { path: [...path, 'equals'], problem: `fact "${cond.fact}" is true or false, not "${cond.equals}"` };
    return undefined;
  }
  if (shape.kind !== 'list') return { path: [...path, 'includes' in cond ? 'includes' : 'empty'], problem: `fact "${cond.fact}" is true or false: test it with equals` };
  if ('includes' in cond && !shape.values.includes(cond.includes)) {
    return { path: [...path, 'includes'], problem: `unknown value "${cond.includes}" of fact ${cond.fact} (values: ${shape.values.join(', ')})` };
  }
  return undefined;
}

/** Checks that need every question loaded: conditions must name real questions and options. */
function checkReferences(q: LoadedQuestion, index: number, source: YamlSource, byId: Map<string, LoadedQuestion>): void {
  const check = (cond: Condition, path: (string | number)[]) => {
    for (const ref of conditionRefs(cond)) {
      const target = byId.get(ref.question);
      const line = source.lineAt(['questions', index, ...path]);
      if (!target) throw new InputError(source.file, line, `${q.id} refers to unknown question ${ref.question}`);
      const known = new Set(target.options.map((o) => o.value));
      const bad = ref.in.find((v) => !known.has(v));
      if (bad) throw new InputError(source.file, line, `${q.id} refers to "${bad}", which is not an option of ${ref.question}`);
    }
  };
  if (q.skipWhen) check(q.skipWhen, ['skipWhen']);
  q.options.forEach((o, i) => o.satisfies.forEach((s, j) => {
    if (typeof s !== 'string') check(s.when, ['options', i, 'satisfies', j, 'when']);
  }));
}

export function conditionRefs(cond: Condition): { question: string; in: string[] }[] {
  if ('question' in cond) return [cond];
  if ('allOf' in cond) return cond.allOf.flatMap(conditionRefs);
  if ('anyOf' in cond) return cond.anyOf.flatMap(conditionRefs);
  return conditionRefs(cond.not);
}

/**
 * Orders questions so that every question comes after the questions its skip rule reads, keeping
 * bank order otherwise. A cycle in skip rules is an error naming the questions in it.
 * (Conditional criteria may read later answers: scoring sees all answers at once.)
 */
function dependencyOrder(
  questions: LoadedQuestion[],
  byId: Map<string, LoadedQuestion>,
  files: { source: YamlSource; data: DimensionFile }[],
): LoadedQuestion[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const out: LoadedQuestion[] = [];
  const visit = (q: LoadedQuestion, stack: string[]) => {
    const s = state.get(q.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(q.id)), q.id];
      const file = files.find((f) => f.source.file === q.file)!.source;
      const index = file.doc.toJS().questions.findIndex((x: { id: string }) => x.id === q.id);
      throw new InputError(q.file, file.lineAt(['questions', index, 'skipWhen']) ?? q.line, `skip rules form a cycle: ${cycle.join(' → ')}`);
    }
    state.set(q.id, 'visiting');
    for (const ref of q.skipWhen ? conditionRefs(q.skipWhen) : []) visit(byId.get(ref.question)!, [...stack, q.id]);
    state.set(q.id, 'done');
    out.push(q);
  };
  for (const q of questions) visit(q, []);
  return out;
}

/** Stable over formatting and translation tweaks of help; changes when the question or its options change. */
function fingerprint(q: Question): string {
  const material = JSON.stringify({
    id: q.id,
    type: q.type,
    text: q.text.en,
    options: q.options.map((o) => [o.value, o.label.en, o.satisfies, o.score ?? null]),
  });
  return createHash('sha256').update(material).digest('hex').slice(0, 12);
}
