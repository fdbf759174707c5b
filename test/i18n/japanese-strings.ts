/**
 * Every Japanese string a user can see, with where it lives: the `ja` fields of the question bank
 * and the roadmap, the `ja` catalogues of src/i18n, and Japanese lines of the other templates.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { FACT_LABELS, PRIVATE_KEY_KIND_LABELS, PUBLISHED_ARTIFACT_LABELS_JA } from '../../src/i18n/fact-labels.js';
import { CHECK_MESSAGES } from '../../src/i18n/check-messages.js';
import { reportMessages } from '../../src/i18n/report-messages.js';
import { UI_MESSAGES } from '../../src/i18n/ui-messages.js';

export interface JaString {
  /** Repository-relative path. */
  file: string;
  /** Where in the file: a YAML path with ids (`questions[CUS-2].help.ja`) or a catalogue key. */
  place: string;
  /** 1-based line, when the file is data. */
  line?: number;
  text: string;
}

const JAPANESE = /[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}]/u;

/** The `ja` fields of a YAML file (bank, roadmap). */
export function yamlJaStrings(file: string): JaString[] {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const out: JaString[] = [];
  const walk = (node: Node | null | undefined, place: string, key: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value as Node, place ? `${place}.${k}` : k, k);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const id = isMap(item) ? item.get('id') : undefined;
        walk(item as Node, `${place}[${typeof id === 'string' ? id : i}]`, key);
      });
    } else if (isScalar(node) && typeof node.value === 'string' && key === 'ja') {
      out.push({ file, place, line: node.range ? lines.linePos(node.range[0]).line : undefined, text: node.value });
    }
  };
  walk(doc.contents as Node, '', '');
  return out;
}

/** Strings of a catalogue object; functions are called with sample arguments (truthy, then falsy). */
function catalogueStrings(file: string, name: string, catalogue: object): JaString[] {
  const out: JaString[] = [];
  const walk = (value: unknown, place: string): void => {
    if (typeof value === 'string') out.push({ file, place, text: value });
    else if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      for (const sample of [1, 0]) walk(fn(...Array.from({ length: fn.length }, () => sample)), `${place}(${sample})`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${place}.${k}`);
    }
  };
  walk(catalogue, name);
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Japanese lines of the other templates (the report template, snippets): every file but the roadmap data. */
function templateLines(): JaString[] {
  return filesUnder('templates')
    .filter((f) => f.split('\\').join('/') !== ROADMAP_FILE)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ file, place: `line ${i + 1}`, line: i + 1, text }))
        .filter((s) => JAPANESE.test(s.text)),
    );
}

export const ROADMAP_FILE = 'templates/roadmap/steps.yaml';

export function allJapaneseStrings(): JaString[] {
  const bank = readdirSync('questions').filter((f) => f.endsWith('.yaml')).sort().map((f) => `questions/${f}`);
  return [
    ...bank.flatMap(yamlJaStrings),
    ...yamlJaStrings(ROADMAP_FILE),
    ...catalogueStrings('src/i18n/ui-messages.ts', 'ja', UI_MESSAGES.ja),
    ...catalogueStrings('src/i18n/report-messages.ts', 'ja', reportMessages.ja),
    ...catalogueStrings('src/i18n/check-messages.ts', 'ja', CHECK_MESSAGES.ja),
    ...Object.entries(FACT_LABELS).flatMap(([fact, labels]) =>
      catalogueStrings('src/i18n/fact-labels.ts', fact, Object.fromEntries(Object.entries(labels).map(([v, l]) => [v, l.ja])))),
    ...catalogueStrings('src/i18n/fact-labels.ts', 'privateKeyKind', Object.fromEntries(Object.entries(PRIVATE_KEY_KIND_LABELS).map(([v, l]) => [v, l.ja]))),
    ...catalogueStrings('src/i18n/fact-labels.ts', 'publishedArtifact', PUBLISHED_ARTIFACT_LABELS_JA),
    ...templateLines(),
  ];
}
