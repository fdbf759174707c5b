/**
 * A small, forgiving shell-line tokeniser. It never evaluates anything: it only splits text into
 * simple commands (words), the way a reader would, so `commands.ts` can recognise signing and
 * publishing. It handles quotes, backslash escapes, `\` line continuations, `&&`, `||`, `;`, `|`,
 * `&`, comments, env prefixes (`FOO=bar cmd`) and common wrappers (`sudo`, `env`, `time`, …).
 */
import { VARIABLE_TOOLS } from './tools/index.js';

/** A line of script text with its 1-based line number in `file`. */
export interface SourceLine {
  text: string;
  line: number;
}

/** One word of a command: its value with quotes removed, and whether any part was quoted. */
export interface Word {
  value: string;
  quoted: boolean;
}

/** One simple command: its environment prefixes and its words (wrappers removed). */
export interface SimpleCommand {
  env: Record<string, string>;
  words: string[];
  /** Index of this command's pipeline within the line and its position in that pipeline. */
  pipeline: number;
  position: number;
}

/**
 * Joins `\`-continued lines: each logical line keeps the number of the line where it starts.
 * Lines inside a heredoc are passed through unchanged.
 */
export function joinContinuations(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let current: SourceLine | undefined;
  for (const l of lines) {
    const text = l.text.replace(/\r$/, '');
    // `\` ends a continued shell line, ` `` ` (after a space) a continued PowerShell one
    const continued = /(^|[^\\])(\\\\)*\\$/.test(text) || /\s`$/.test(text);
    const body = continued ? text.slice(0, -1) : text;
    if (current) current.text += ' ' + body.trimStart();
    else current = { text: body, line: l.line };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Splits a text block into source lines numbered from `firstLine`. */
export function splitLines(text: string, firstLine: number): SourceLine[] {
  return text.split(/\r?\n/).map((t, i) => ({ text: t, line: firstLine + i }));
}

const OPERATORS = ['&&', '||', ';;', ';', '|&', '|', '&', '(', ')', '{', '}'];

type Token = { op: string } | { word: Word };

/** Tokenises one logical line. A `#` starting a word starts a comment that runs to the end. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let cur = '';
  let quoted = false;
  let inWord = false;
  const flush = (): void => {
    if (inWord) tokens.push({ word: { value: cur, quoted } });
    cur = '';
    quoted = false;
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && !inWord) break; // comment
    if (c === '\\') {
      // a Windows path (`.\script\sign.ps1`, `dist\app.exe`, `C:\tools\x.dll`): within an unquoted
      // path-like word, a backslash before a word character is a separator and is kept; a POSIX
      // escape (`\$`, `\"`, `\ `, or a backslash starting a word) still drops the backslash
      if (inWord && !quoted && /^[\w.:\\-]+$/.test(cur) && /[\w.]/.test(text[i + 1] ?? '')) {
        cur += '\\';
        i++;
        continue;
      }
      if (i + 1 < text.length) cur += text[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      cur += text.slice(i + 1, stop);
      inWord = true;
      quoted = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        // inside double quotes a backslash escapes only $ ` " \ (POSIX): "C:\Program Files\x" keeps its
        if (text[j] === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1]!)) {
          cur += text[j + 1];
          j += 2;
          continue;
        }
        cur += text[j];
        j++;
      }
      inWord = true;
      quoted = true;
      i = j + 1;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      // $(...), $((...)), ${...}: keep as part of the word, balanced.
      const open = text[i + 1]!;
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === open) depth++;
        else if (text[j] === close) {
          depth--;
          if (depth === 0) break;
        }
      }
      cur += text.slice(i, Math.min(j + 1, text.length));
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end;
      cur += text.slice(i, stop + 1);
      inWord = true;
      i = stop + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op && !(op === '{' || op === '}') ) {
      // `>&2`, `2>&1`: redirections, not operators
      if (op === '&' && (cur.endsWith('>') || text[i + 1] === '>')) {
        cur += c;
        inWord = true;
        i++;
        continue;
      }
      flush();
      tokens.push({ op });
      i += op.length;
      continue;
    }
    if ((c === '{' || c === '}') && !inWord && (i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === ';')) {
      flush();
      tokens.push({ op: c });
      i++;
      continue;
    }
    cur += c;
    inWord = true;
    i++;
  }
  flush();
  return tokens;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', 'time', 'nohup', 'exec', 'command', 'builtin', 'eval']);

/** Drops redirections (`>file`, `2>&1`, `< in`) from a word list. */
function dropRedirections(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.quoted && /^\d*(>>?|<<?<?|&>)(&\d+|-)?$/.test(w.value)) {
      i++; // the target follows
      continue;
    }
    if (!w.quoted && /^\d*(>>?|<|&>)(.+)$/.test(w.value)) continue;
    out.push(w);
  }
  return out;
}

/** Removes wrappers: env prefixes, `sudo [-E] [-u user]`, `env A=b`, `time`, `nohup`, shell keywords. */
function unwrap(words: Word[]): { env: Record<string, string>; words: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (;;) {
    const w = words[i];
    if (!w) break;
    const m = !w.quoted || w.value.includes('=') ? ASSIGNMENT.exec(w.value) : null;
    if (m && !(w.quoted && !w.value.startsWith(m[1]!))) {
      env[m[1]!] = m[2]!;
      i++;
      continue;
    }
    if (KEYWORDS.has(w.value) && !w.quoted) {
      i++;
      continue;
    }
    if (w.value === 'sudo' || w.value === 'doas') {
      i++;
      while (words[i] && words[i]!.value.startsWith('-')) {
        const flag = words[i]!.value;
        i++;
        if (/^-[ugCDhprTU]$/.test(flag)) i++;
      }
      continue;
    }
    if (w.value === 'env') {
      i++;
      while (words[i] && (words[i]!.value.startsWith('-') && words[i]!.value !== '-')) i++;
      continue;
    }
    if (w.value === 'export' && words.length > i + 1) {
      // `export A=b C=d`: assignments only
      for (const x of words.slice(i + 1)) {
        const mm = ASSIGNMENT.exec(x.value);
        if (mm) env[mm[1]!] = mm[2]!;
      }
      return { env, words: ['export', ...words.slice(i + 1).map((x) => x.value)] };
    }
    break;
  }
  return { env, words: words.slice(i).map((w) => w.value) };
}

/** Splits one logical line into simple commands. */
export function parseCommands(text: string): SimpleCommand[] {
  const tokens = tokenize(text);
  const out: SimpleCommand[] = [];
  let words: Word[] = [];
  let pipeline = 0;
  let position = 0;
  const end = (): void => {
    const cleaned = dropRedirections(words);
    words = [];
    if (cleaned.length === 0) return;
    const { env, words: ws } = unwrap(cleaned);
    out.push({ env, words: ws, pipeline, position });
  };
  for (const t of tokens) {
    if ('word' in t) {
      words.push(t.word);
      continue;
    }
    end();
    if (t.op === '|' || t.op === '|&') position++;
    else {
      pipeline++;
      position = 0;
    }
  }
  end();
  return out;
}

/** The command's name: the basename of its first word, `.exe` dropped, or a `$(TOOL)` variable's tool. */
export function commandName(word: string | undefined): string {
  if (!word) return '';
  let w = word;
  // PowerShell's `& $signtool.FullName` / `& $signtoolPath`: the variable, a property of it aside
  const v = /^\$[({]?([A-Za-z_][A-Za-z0-9_]*)[)}]?(?:\.[A-Za-z]\w*)?$/.exec(w);
  if (v) return variableTool(v[1]!) ?? w;
  w = w.replace(/\\/g, '/');
  const base = w.slice(w.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  // a release binary named for its platform is still the tool: ./dist/cosign-linux-amd64 → cosign
  return /^([a-z][\w]*?)[-_](linux|darwin|windows|freebsd|openbsd)([-_].*)?$/i.exec(base)?.[1] ?? base;
}


/** `$(COSIGN)`, `${COSIGN_BIN}`, `$GPG`, `$signtoolPath`: a variable named after a tool stands for that tool. */
function variableTool(name: string): string | undefined {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_');
  return VARIABLE_TOOLS.find((t) => parts.includes(t));
}
