/**
 * YAML parsing for untrusted files. Never throws.
 *
 * - Nesting is bounded before anything recursive runs. A first pass over the lexer's tokens (fast,
 *   iterative) refuses obvious bombs: flow brackets and compact `- - -` indicators give a lower bound
 *   of the depth. Then the exact depth is measured on the concrete syntax tree, which the yaml parser
 *   builds with an explicit stack, walked iteratively here; only then does the (recursive) composer
 *   run. 20,000 levels of `[[[[…` or of block nesting are refused, not a stack overflow.
 * - Alias expansion is bounded by `maxAliasCount` (billion laughs is refused when converting to JS).
 * - Every failure is one sanitised line, with the 1-based line when known.
 */
import { Composer, Lexer, LineCounter, Parser, isNode, isPair, type CST, type Document } from 'yaml';
import { resolveLimits, type ReaderLimits } from './reader/limits.js';
import { sanitizeLine } from './sanitize.js';

export type YamlParse =
  | { ok: true; docs: Document.Parsed[]; lineOf(node: unknown): number }
  | { ok: false; error: string; line?: number };

export type YamlToJS = { ok: true; value: unknown } | { ok: false; error: string };

function composerOptions(limits: ReaderLimits) {
  return {
    maxAliasCount: limits.maxYamlAliases,
    merge: true, // GitLab CI and friends use `<<: *defaults`
    uniqueKeys: false, // report what is there; CI systems decide about duplicates
    strict: false,
    logLevel: 'silent' as const,
    prettyErrors: false,
  };
}

// The lexer's mode markers (yaml's CST.DOCUMENT, FLOW_END, SCALAR): not source text.
const DOC_MARKER = '\x02';
const FLOW_END_MARKER = '\x18';
const SCALAR_MARKER = '\x1f';

/**
 * A lower bound of the nesting, from lexer tokens alone: open flow collections plus the block
 * sequence/explicit-key indicators seen since the start of the line. Returns the offset where the
 * bound first exceeds `max`, or -1.
 */
function lexerDepthExceeds(text: string, max: number): number {
  let flow = 0;
  let compact = 0;
  let offset = 0;
  let skipNext = false;
  for (const tok of new Lexer().lex(text)) {
    const at = offset;
    if (tok === DOC_MARKER || tok === FLOW_END_MARKER || tok === SCALAR_MARKER) {
      // Lexer mode markers are not source text; a scalar marker announces a scalar token.
      skipNext = tok === SCALAR_MARKER;
      continue;
    }
    offset += tok.length;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    switch (tok) {
      case '[':
      case '{':
        flow++;
        break;
      case ']':
      case '}':
        if (flow > 0) flow--;
        break;
      case '-':
      case '?':
        if (flow === 0) compact++;
        break;
      case '\n':
      case '\r\n':
        compact = 0;
        break;
      default:
        break;
    }
    if (flow + compact > max) return at;
  }
  return -1;
}

/**
 * Can the lexer bound exceed `max` at all? It counts open flow brackets plus `-`/`?` indicators on one
 * line, so if every bracket of the text plus the most `-`/`?` characters on any line stay within
 * `max`, it cannot: the pre-pass is skipped (ordinary CI files), and only a text that could be a
 * bomb is lexed twice.
 */
function mayNestDeeply(text: string, max: number): boolean {
  let brackets = 0;
  let line = 0;
  let worstLine = 0;
  let blank = true; // only spaces so far on this line: a `#` starts a comment (`# ------` rulers)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (line > worstLine) worstLine = line;
      line = 0;
      blank = true;
      continue;
    }
    if (c === 35 && blank) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if (c !== 32 && c !== 9) blank = false;
    if (c === 91 || c === 123) brackets++; // [ {
    else if (c === 45 || c === 63) line++; // - ?
  }
  return brackets + Math.max(worstLine, line) > max;
}

/** Deepest collection nesting of the CST tokens, stopping as soon as `max` is exceeded. */
function cstDepthExceeds(tokens: readonly CST.Token[], max: number): { exceeded: boolean; offset: number } {
  const stack: Array<[CST.Token, number]> = [];
  for (const t of tokens) stack.push([t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const d = depth + 1;
        if (d > max) return { exceeded: true, offset: token.offset };
        for (const item of token.items) {
          if (item.key) stack.push([item.key, d]);
          if (item.value) stack.push([item.value, d]);
        }
        break;
      }
      default:
        break;
    }
  }
  return { exceeded: false, offset: 0 };
}

/** 1-based line of a character offset, counted directly (the line counter is not filled yet). */
function lineOfText(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function firstLine(message: unknown): string {
  const text = message instanceof Error ? message.message : String(message);
  return sanitizeLine(text.split(/\r?\n/, 1)[0] ?? '') || 'YAML error';
}

export function parseYamlSafe(text: string, limits?: Partial<ReaderLimits>): YamlParse {
  const lim = resolveLimits(limits);
  const lineCounter = new LineCounter();
  const lineAt = (offset: number): number => {
    try {
      const line = lineCounter.linePos(offset).line;
      return Number.isFinite(line) && line >= 1 ? line : 1;
    } catch {
      return 1;
    }
  };
  try {
    if (typeof text !== 'string') return { ok: false, error: 'not text' };
    const early = mayNestDeeply(text, lim.maxYamlDepth) ? lexerDepthExceeds(text, lim.maxYamlDepth) : -1;
    if (early >= 0) return { ok: false, error: `nesting deeper than ${lim.maxYamlDepth} levels`, line: lineOfText(text, early) };
    const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
    const depth = cstDepthExceeds(tokens, lim.maxYamlDepth);
    if (depth.exceeded) {
      return { ok: false, error: `nesting deeper than ${lim.maxYamlDepth} levels`, line: lineAt(depth.offset) };
    }
    const composer = new Composer(composerOptions(lim));
    const docs = Array.from(composer.compose(tokens, true, text.length)) as Document.Parsed[];
    for (const doc of docs) {
      const err = doc.errors[0];
      if (err) return { ok: false, error: firstLine(err), line: lineAt(err.pos[0]) };
    }
    const lineOf = (node: unknown): number => {
      try {
        if (isPair(node)) return lineOf(node.key ?? node.value);
        if (isNode(node) && node.range) return lineAt(node.range[0]);
      } catch {
        // fall through
      }
      return 1;
    };
    return { ok: true, docs, lineOf };
  } catch (e) {
    return { ok: false, error: firstLine(e) };
  }
}

/** Plain JS of a parsed document, with alias expansion bounded; never throws. */
export function toJSSafe(doc: Document.Parsed, limits?: Partial<ReaderLimits>): YamlToJS {
  const lim = resolveLimits(limits);
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: lim.maxYamlAliases }) };
  } catch (e) {
    return { ok: false, error: firstLine(e) };
  }
}
