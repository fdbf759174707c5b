/**
 * Parsing a YAML file of our own (bank, answers) so that any problem can be reported as one line
 * naming the file, the line and the field: `questions/keys.yaml:42: options[1].satisfies[0]: ...`.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';

export { InputError };

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineAt(path: readonly PropertyKey[]): number | undefined;
}

const MAX_ALIASES = 100;

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new InputError(file, line, `invalid YAML: ${firstLine(first.message)}`);
  }
  const lineAt = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { file, doc, lineCounter, lineAt };
}

/** Converts to plain data and validates it; the first zod issue becomes an InputError with its line. */
export function validateSource<S extends z.ZodType>(source: YamlSource, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    throw new InputError(source.file, undefined, `invalid YAML: ${firstLine(String((err as Error).message))}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = formatPath(issue.path);
  throw new InputError(source.file, source.lineAt(issue.path), `${where ? `${where}: ` : ''}${issue.message}`);
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
