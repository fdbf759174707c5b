/**
 * Following what a CI step calls inside the repository: `make <target>` → the Makefile recipe
 * (and its prerequisites), `./scripts/x.sh` / `bash scripts/x.sh` → the script's lines; the build
 * tools' files (`npm run`, `ant`, `mvn`) are read by follow-build.ts. Nothing is executed: the
 * called files are only read, with depth and cycle bounds.
 */
import type { Call } from './commands.js';
import { dirname, normalisePath, type ParseContext } from './ci/model.js';
import { joinContinuations, splitLines, type SourceLine } from './shell.js';
import { jsCommandLines } from './js-script.js';
import { buildFileLines } from './follow-build.js';

export interface CalledLines {
  file: string;
  lines: SourceLine[];
}

interface RecipeLine extends SourceLine {
  file: string;
}

interface MakeTarget {
  line: number;
  deps: string[];
  /** Recipe lines as written (continuations joined, `@-+` removed): expanded when resolved. */
  recipe: RecipeLine[];
  /** Target-specific variables (`push: OUTPUT=--push`), inherited by prerequisites as in make. */
  vars: Map<string, string>;
}

interface Makefile {
  first?: string;
  targets: Map<string, MakeTarget>;
  vars: Map<string, string>;
}

const MAX_INCLUDES = 16;
const MAX_EXPANSION = 8;
/** Expanded text is cut here: nested variables doubling at each level must not build megabytes. */
const MAX_EXPANDED = 64 * 1024;
const DIRECTIVE = /^(ifeq|ifneq|ifdef|ifndef|else|endif|define|endef|undefine|vpath|\$\(|\$\{)/;
const ASSIGN = /^(?:(?:export|override)\s+)*([A-Za-z_][\w.-]*)\s*(\?=|:{1,3}=|\+=|!=|=)\s*(.*)$/;
const TARGET_VAR = /^([^\s#:=][^:=]*?)\s*:\s*(?:(?:export|override)\s+)*([A-Za-z_][\w.-]*)\s*(\?=|:{1,3}=|\+=|=)\s*(.*)$/;
const INCLUDE = /^(-?include|sinclude)\s+(.+)$/;

function assign(vars: Map<string, string>, name: string, op: string, value: string): void {
  if (op === '?=' && vars.has(name)) return;
  if (op === '!=') return; // a shell command's output: unknown here
  vars.set(name, op === '+=' && vars.has(name) ? `${vars.get(name)} ${value}` : value);
}

/**
 * A Makefile's targets (prerequisites, recipes, target-specific variables) and variables, with
 * `include`d files read through `read` (relative to `dir`, the directory make runs in). Conditionals
 * are not evaluated: every branch's assignments are seen, the last one wins.
 */
export function parseMakefile(text: string, file = 'Makefile', read?: (path: string) => string | undefined, dir = ''): Makefile {
  // CURDIR is root-relative with a leading `/`, as normalisePath reads it: `$(CURDIR)/../x.mk` resolves
  const mk: Makefile = { targets: new Map(), vars: new Map([['CURDIR', `/${dir}`], ['MAKE', 'make']]) };
  const included = new Set<string>([file]);
  const parse = (text: string, file: string): void => {
    const raw = text.split(/\r?\n/);
    let current: MakeTarget[] = [];
    let inDefine = false;
    for (let i = 0; i < raw.length; i++) {
      const l = raw[i]!;
      // a `define … endef` body is a canned recipe or text, not targets of its own
      if (inDefine) {
        inDefine = !/^\s*endef\b/.test(l);
        continue;
      }
      if (/^(?:(?:export|override)\s+)?define\s/.test(l)) {
        inDefine = true;
        current = [];
        continue;
      }
      if (l.startsWith('\t')) {
        if (current.length === 0) continue;
        // join continuations inside the recipe
        let text = l.slice(1);
        const start = i + 1;
        while (/\\$/.test(text) && i + 1 < raw.length) {
          i++;
          text = text.slice(0, -1) + ' ' + raw[i]!.replace(/^\t/, '').trim();
        }
        const cmd = text.trim().replace(/^[@+-]+/, '');
        for (const t of current) t.recipe.push({ text: cmd, line: start, file });
        continue;
      }
      if (/^\s*(#|$)/.test(l)) continue;
      let logical = l;
      while (/\\$/.test(logical) && i + 1 < raw.length) logical = logical.slice(0, -1) + ' ' + raw[++i]!.trim();
      const inc = INCLUDE.exec(logical.trim());
      if (inc) {
        current = [];
        for (const p of inc[2]!.split(/\s+/)) {
          const path = normalisePath(expand(p, mk.vars), dir);
          if (!read || !path || path.includes('$') || /[*?[]/.test(path) || included.has(path) || included.size > MAX_INCLUDES) continue;
          included.add(path);
          const t = read(path);
          if (t !== undefined) parse(t, path);
        }
        continue;
      }
      const a = ASSIGN.exec(logical);
      if (a) {
        assign(mk.vars, a[1]!, a[2]!, a[3]!.replace(/\s+#.*$/, '').trim());
        current = [];
        continue;
      }
      const tv = TARGET_VAR.exec(logical);
      if (tv) {
        for (const name of tv[1]!.trim().split(/\s+/)) assign(target(mk, name, i + 1).vars, tv[2]!, tv[3]!, tv[4]!.trim());
        current = [];
        continue;
      }
      const m = /^([^\s#:=][^:=]*?)\s*::?(?!=)\s*([^=]*?)(?:;(.*))?$/.exec(logical.replace(/\s+##.*$/, ''));
      if (!m || DIRECTIVE.test(logical)) {
        if (!/^\s/.test(l)) current = [];
        continue;
      }
      const names = m[1]!.trim().split(/\s+/).filter((n) => !n.startsWith('.') || n === '.');
      current = [];
      const deps = (m[2] ?? '').trim().split(/\s+/).filter((d) => d && !d.includes('|'));
      for (const name of names) {
        const t = target(mk, name, i + 1);
        t.deps.push(...deps);
        if (m[3]?.trim()) t.recipe.push({ text: m[3].trim(), line: i + 1, file });
        mk.first ??= name;
        current.push(t);
      }
    }
  };
  parse(text, file);
  return mk;
}

function target(mk: Makefile, name: string, line: number): MakeTarget {
  let t = mk.targets.get(name);
  if (!t) mk.targets.set(name, (t = { line, deps: [], recipe: [], vars: new Map() }));
  return t;
}

/**
 * Make's variable expansion for recipe text: `$(NAME)` / `${NAME}` with a known value is replaced
 * (recursively, bounded), `$$` becomes `$`; functions (`$(shell …)`) and unknown names stay as
 * written, so the recogniser still sees `$(KO)` as the ko tool.
 */
export function expand(text: string, vars: ReadonlyMap<string, string>, scope?: ReadonlyMap<string, string>, depth = 0): string {
  if (!text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (out.length > MAX_EXPANDED) return out.slice(0, MAX_EXPANDED);
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next !== '(' && next !== '{') {
      out += c;
      continue;
    }
    const close = next === '(' ? ')' : '}';
    let level = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === next) level++;
      else if (text[j] === close && --level === 0) break;
    }
    const ref = text.slice(i + 2, j);
    const value = /^[A-Za-z_][\w.-]*$/.test(ref) ? scope?.get(ref) ?? vars.get(ref) : undefined;
    out += value !== undefined && depth < MAX_EXPANSION ? expand(value, vars, scope, depth + 1) : text.slice(i, j + 1);
    i = j;
  }
  return out;
}

const MAX_MAKE_DEPTH = 6;

/** Where a command runs: a CI step's `working-directory:` comes as `<dir>/.`, anything else runs at the root. */
const workingDirectory = (from: string): string => (from.endsWith('/.') ? dirname(from) : '');

export class CallResolver {
  private makefiles = new Map<string, Makefile | undefined>();
  constructor(private readonly ctx: ParseContext) {}

  private makefile(path: string): Makefile | undefined {
    if (!this.makefiles.has(path)) {
      const text = this.ctx.readText(path);
      const read = (p: string): string | undefined => (this.ctx.exists(p) ? this.ctx.readText(p) : undefined);
      this.makefiles.set(path, text === undefined ? undefined : parseMakefile(text, path, read, dirname(path)));
    }
    return this.makefiles.get(path);
  }

  /** Every target of a Makefile, included files' too (release tooling run by hand). */
  makeTargets(path: string): string[] {
    return [...(this.makefile(path)?.targets.keys() ?? [])];
  }

  /** The lines a call reaches; `from` is the file that contains the call. */
  resolve(call: Call, from: string): CalledLines[] {
    switch (call.type) {
      case 'script':
        return this.script(call.path, from);
      case 'make':
        return this.make(call, from);
      default:
        return buildFileLines(this.ctx, call, from, workingDirectory(from));
    }
  }

  private script(path: string, from: string): CalledLines[] {
    const candidates = [normalisePath(path, dirname(from)), normalisePath(path)];
    for (const c of candidates) {
      if (c === undefined || !this.ctx.exists(c)) continue;
      const text = this.ctx.readText(c);
      if (text === undefined) return [];
      return [{ file: c, lines: /\.[cm]?js$/.test(c) ? jsCommandLines(text) : joinContinuations(splitLines(text, 1)).filter((l) => l.text.trim() !== '') }];
    }
    return [];
  }

  /** The same `make target` comes back from many jobs (kyverno: dozens): resolved once. */
  private readonly madeCalls = new Map<string, CalledLines[]>();

  private make(call: Extract<Call, { type: 'make' }>, from: string): CalledLines[] {
    const cwd = workingDirectory(from);
    const key = JSON.stringify([cwd, call.dir, call.file, call.targets]);
    let out = this.madeCalls.get(key);
    if (!out) this.madeCalls.set(key, (out = this.makeUncached(call, cwd)));
    return out;
  }

  /** `cwd`: where make runs; `-C` and `-f` are relative to it. */
  private makeUncached(call: Extract<Call, { type: 'make' }>, cwd: string): CalledLines[] {
    const dir = call.dir ? normalisePath(call.dir, cwd) ?? '' : cwd;
    const names = call.file ? [call.file] : ['GNUmakefile', 'makefile', 'Makefile'];
    let path: string | undefined;
    for (const n of names) {
      const p = normalisePath(n, dir);
      if (p !== undefined && this.ctx.exists(p)) {
        path = p;
        break;
      }
    }
    if (!path) return [];
    const mk = this.makefile(path);
    if (!mk) return [];
    const out: CalledLines[] = [];
    const emit = (l: RecipeLine, scope: ReadonlyMap<string, string>): void => {
      const line = { text: expand(l.text, mk.vars, scope), line: l.line };
      const last = out[out.length - 1];
      if (last && last.file === l.file) last.lines.push(line);
      else out.push({ file: l.file, lines: [line] });
    };
    const seen = new Set<string>();
    const visit = (name: string, depth: number, inherited: ReadonlyMap<string, string>): void => {
      if (seen.has(name) || depth > MAX_MAKE_DEPTH) return;
      seen.add(name);
      const t = mk.targets.get(name);
      if (!t) return;
      const scope = t.vars.size ? new Map([...inherited, ...[...t.vars].map(([k, v]) => [k, expand(v, mk.vars, inherited)] as const)]) : inherited;
      for (const d of t.deps) visit(expand(d, mk.vars, scope), depth + 1, scope);
      for (const l of t.recipe) emit(l, scope);
    };
    for (const target of call.targets) visit(target === '' ? mk.first ?? '' : target, 0, new Map());
    return out;
  }
}
