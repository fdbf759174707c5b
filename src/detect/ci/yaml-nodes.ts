/**
 * Read-only helpers over the `yaml` library's node tree that keep line numbers: map lookups
 * (with `<<` merge keys and aliases resolved, boundedly), scalar text, and the source lines of
 * block scalars so every shell line of a `run: |` keeps its own line number.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { joinContinuations, type SourceLine } from '../shell.js';

export interface YamlFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  docs: Document.Parsed[];
  lineOf(node: unknown): number;
}

const MAX_MERGE_DEPTH = 8;

/** Follows an alias to its anchor, in the file's document. */
export function deref(y: YamlFile, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < MAX_MERGE_DEPTH && isAlias(n); i++) {
    try {
      n = (n as { resolve(doc: Document): unknown }).resolve(y.doc);
    } catch {
      return undefined;
    }
  }
  return isAlias(n) ? undefined : n;
}

export interface Entry {
  key: string;
  value: unknown;
  line: number;
}

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && (k.source === '<<' || (typeof k.value === 'symbol'));
}

const memo = new WeakMap<object, Entry[]>();

/**
 * The entries of a mapping, merge keys expanded (explicit keys win, then earlier merge sources),
 * aliases resolved. Memoised per node, and each key kept once, so merge fan-out stays linear.
 */
export function entries(y: YamlFile, node: unknown, depth = 0): Entry[] {
  const map = deref(y, node);
  if (!isMap(map)) return [];
  const cached = memo.get(map);
  if (cached) return cached;
  if (depth === 0) memo.set(map, []); // a map merging itself sees no entries from itself
  const own: Entry[] = [];
  const merged = new Map<string, Entry>();
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item.key)) {
      if (depth >= MAX_MERGE_DEPTH) continue;
      const v = deref(y, item.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) for (const e of entries(y, s, depth + 1)) if (!merged.has(e.key)) merged.set(e.key, e);
      continue;
    }
    const key = scalarString(y, item.key);
    if (key === undefined) continue;
    own.push({ key, value: deref(y, item.value), line: y.lineOf(item.key) });
  }
  const seen = new Set(own.map((e) => e.key));
  const out = [...own, ...[...merged.values()].filter((e) => !seen.has(e.key))];
  memo.set(map, out);
  return out;
}

export function get(y: YamlFile, node: unknown, key: string): unknown {
  return entries(y, node).find((e) => e.key === key)?.value;
}

export function getEntry(y: YamlFile, node: unknown, key: string): Entry | undefined {
  return entries(y, node).find((e) => e.key === key);
}

export function items(y: YamlFile, node: unknown): unknown[] {
  const seq = deref(y, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((i) => deref(y, i));
}

export function isMapping(y: YamlFile, node: unknown): boolean {
  return isMap(deref(y, node));
}

export function scalarString(y: YamlFile, node: unknown): string | undefined {
  const n = deref(y, node);
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function str(y: YamlFile, node: unknown, key: string): string | undefined {
  return scalarString(y, get(y, node, key));
}

export function lineOf(y: YamlFile, node: unknown): number {
  return y.lineOf(deref(y, node) ?? node);
}

/** A string-valued mapping (`env:`, `with:`, `variables:`) with each value's line. */
export function stringMap(y: YamlFile, node: unknown): Record<string, { value: string; line: number }> {
  const out: Record<string, { value: string; line: number }> = {};
  for (const e of entries(y, node)) {
    let v = scalarString(y, e.value);
    if (v === undefined && isMapping(y, e.value)) v = str(y, e.value, 'value'); // GitLab `VAR: {value: x}`
    if (v !== undefined) out[e.key] = { value: v, line: e.line };
  }
  return out;
}

/**
 * The shell lines of a scalar: a block scalar is split into its source lines (each with its own
 * line number, indentation removed); folded scalars keep paragraphs together; a plain or quoted
 * scalar is one line. `\` continuations are joined.
 */
export function scriptLines(y: YamlFile, node: unknown): SourceLine[] {
  const n = deref(y, node);
  if (!isScalar(n)) return [];
  const value = scalarString(y, n);
  if (value === undefined) return [];
  const start = y.lineOf(n);
  const range = (n as Node).range;
  if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && range) {
    const raw = y.text.slice(range[0], range[1]).split(/\r?\n/).slice(1);
    const lines: SourceLine[] = [];
    raw.forEach((text, i) => lines.push({ text: text.trim(), line: start + 1 + i }));
    if (n.type === 'BLOCK_FOLDED') {
      const folded: SourceLine[] = [];
      let cur: SourceLine | undefined;
      for (const l of lines) {
        if (l.text === '') {
          if (cur) folded.push(cur);
          cur = undefined;
          continue;
        }
        if (cur) cur.text += ' ' + l.text;
        else cur = { ...l };
      }
      if (cur) folded.push(cur);
      return folded;
    }
    return joinContinuations(lines).filter((l) => l.text !== '');
  }
  // A multi-line plain or quoted scalar: each value line from the first line on.
  const parts = value.split(/\r?\n/);
  return joinContinuations(parts.map((text, i) => ({ text: text.trim(), line: start + i }))).filter((l) => l.text !== '');
}

/** A script given as a string or as a list of strings (GitLab `script:`, Drone `commands:`). */
export function scriptList(y: YamlFile, node: unknown, depth = 0): SourceLine[] {
  const n = deref(y, node);
  if (isSeq(n)) {
    const out: SourceLine[] = [];
    for (const item of n.items) {
      const d = deref(y, item);
      if (isSeq(d)) {
        if (depth < MAX_MERGE_DEPTH) out.push(...scriptList(y, d, depth + 1)); // GitLab nested lists
      }
      else out.push(...scriptLines(y, d));
    }
    return out;
  }
  return scriptLines(y, n);
}
