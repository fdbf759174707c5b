/**
 * Judge → facts: folds findings into the fact vocabulary. Arrays collect distinct values in the
 * vocabulary's order; booleans are true when any finding says so. Advisory findings set nothing.
 */
import type { CommittedKey, Facts, Finding } from './types.js';
import { FACT_SHAPES } from '../model/facts-vocabulary.js';

export function emptyFacts(): Facts {
  return { ci: [], signs: false, tools: [], keyless: false, keyCustody: [], kmsProviders: [], artifactsSigned: [], attestations: [], verifies: false, committedPrivateKeys: [], verificationDocumented: false };
}

/** List facts whose values are kept in vocabulary order (`tools` keeps the order they were found). */
const ORDERED = ['ci', 'keyCustody', 'kmsProviders', 'artifactsSigned', 'attestations'] as const;
const ORDER: Record<string, readonly string[]> = Object.fromEntries(ORDERED.map((fact) => {
  const shape = FACT_SHAPES.get(fact);
  return [fact, shape?.kind === 'list' ? shape.values : []];
}));

function sortByVocabulary(fact: string, values: string[]): string[] {
  const order = ORDER[fact];
  if (!order) return values;
  return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** `keys` are the committed (non-test) keys, in path order, to give `committedPrivateKeys` their kinds. */
export function foldFacts(findings: readonly Finding[], keys: readonly CommittedKey[]): Facts {
  const facts = emptyFacts();
  const arrays = facts as unknown as Record<string, unknown>;
  for (const f of findings) {
    if (f.fact === 'committedPrivateKeys') continue;
    const current = arrays[f.fact];
    if (typeof current === 'boolean') {
      if (f.value === true) arrays[f.fact] = true;
    } else if (Array.isArray(current) && typeof f.value === 'string' && !current.includes(f.value)) {
      current.push(f.value);
    }
  }
  for (const key of Object.keys(ORDER)) arrays[key] = sortByVocabulary(key, arrays[key] as string[]);
  const committed = new Set(findings.filter((f) => f.fact === 'committedPrivateKeys').map((f) => f.value));
  facts.committedPrivateKeys = keys.filter((k) => committed.has(k.path));
  return facts;
}
