/**
 * Following what a CI step calls inside the repository: `make <target>` → the Makefile recipe
 * (and its prerequisites), `./scripts/x.sh` / `bash scripts/x.sh` → the script's lines,
 * `npm run <script>` → package.json scripts (with pre/post hooks). Nothing is executed: the
 * called files are only read, with depth and cycle bounds.
 */
import type { Call } from './commands.js';
import { dirname, normalisePath, type ParseContext } from './ci/model.js';
import { joinContinuations, splitLines, type SourceLine } from './shell.js';
import { parsePackageJson } from './sources/manifests.js';

export interface CalledLines {
  file: string;
  lines: SourceLine[];
}

interface MakeTarget {
  line: number;
  deps: string[];
  recipe: SourceLine[];
}

interface Makefile {
  first?: string;
  targets: Map<string, MakeTarget>;
}

export function parseMakefile(text: string): Makefile {
  const mk: Makefile = { targets: new Map() };
  const raw = text.split(/\r?\n/);
  let current: MakeTarget[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    if (l.startsWith('\t')) {
      if (current.length === 0) continue;
      // join continuations inside the recipe
      let text = l.slice(1);
      const start = i + 1;
      while (/\\$/.test(text) && i + 1 < raw.length) {
        i++;
        text = text.slice(0, -1) + ' ' + raw[i]!.replace(/^\t/, '').trim();
      }
      const cmd = text.trim().replace(/^[@+-]+/, '').replace(/\$\$/g, '$');
      for (const t of current) t.recipe.push({ text: cmd, line: start });
      continue;
    }
    if (/^\s*(#|$)/.test(l)) continue;
    const m = /^([^\s#:=][^:=]*?)\s*::?(?!=)\s*([^=]*?)(?:;(.*))?$/.exec(l.replace(/\s+##.*$/, ''));
    if (!m || /^(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|export|define|endef)\b/.test(l)) {
      if (!/^\s/.test(l)) current = [];
      continue;
    }
    const names = m[1]!.trim().split(/\s+/).filter((n) => !n.startsWith('.') || n === '.');
    current = [];
    const deps = (m[2] ?? '').trim().split(/\s+/).filter((d) => d && !d.includes('|'));
    for (const name of names) {
      const t: MakeTarget = { line: i + 1, deps, recipe: [] };
      if (m[3]?.trim()) t.recipe.push({ text: m[3].trim(), line: i + 1 });
      if (!mk.targets.has(name)) mk.targets.set(name, t);
      mk.first ??= name;
      current.push(mk.targets.get(name)!);
    }
  }
  return mk;
}

const MAX_MAKE_DEPTH = 6;

export class CallResolver {
  private makefiles = new Map<string, Makefile | undefined>();
  constructor(private readonly ctx: ParseContext) {}

  private makefile(path: string): Makefile | undefined {
    if (!this.makefiles.has(path)) {
      const text = this.ctx.readText(path);
      this.makefiles.set(path, text === undefined ? undefined : parseMakefile(text));
    }
    return this.makefiles.get(path);
  }

  /** The lines a call reaches; `from` is the file that contains the call. */
  resolve(call: Call, from: string): CalledLines[] {
    switch (call.type) {
      case 'script':
        return this.script(call.path, from);
      case 'make':
        return this.make(call, from);
      case 'npm-run':
        return this.npmRun(call.script, from);
    }
  }

  private script(path: string, from: string): CalledLines[] {
    const candidates = [normalisePath(path, dirname(from)), normalisePath(path)];
    for (const c of candidates) {
      if (c === undefined || !this.ctx.exists(c)) continue;
      const text = this.ctx.readText(c);
      if (text === undefined) return [];
      return [{ file: c, lines: joinContinuations(splitLines(text, 1)).filter((l) => l.text.trim() !== '') }];
    }
    return [];
  }

  private make(call: Extract<Call, { type: 'make' }>, from: string): CalledLines[] {
    const dir = call.dir ? normalisePath(call.dir) ?? '' : '';
    const names = call.file ? [call.file] : ['GNUmakefile', 'makefile', 'Makefile'];
    let path: string | undefined;
    for (const n of names) {
      const p = normalisePath(n, dir);
      if (p !== undefined && this.ctx.exists(p)) {
        path = p;
        break;
      }
    }
    void from;
    if (!path) return [];
    const mk = this.makefile(path);
    if (!mk) return [];
    const lines: SourceLine[] = [];
    const seen = new Set<string>();
    const visit = (target: string, depth: number): void => {
      if (seen.has(target) || depth > MAX_MAKE_DEPTH) return;
      seen.add(target);
      const t = mk.targets.get(target);
      if (!t) return;
      for (const d of t.deps) visit(d, depth + 1);
      lines.push(...t.recipe);
    };
    for (const target of call.targets) visit(target === '' ? mk.first ?? '' : target, 0);
    return lines.length ? [{ file: path, lines }] : [];
  }

  private npmRun(script: string, from: string): CalledLines[] {
    let dir = dirname(from);
    let path = 'package.json';
    for (;;) {
      const p = dir ? `${dir}/package.json` : 'package.json';
      if (this.ctx.exists(p)) {
        path = p;
        break;
      }
      if (!dir) break;
      dir = dirname(dir);
    }
    const text = this.ctx.readText(path);
    if (text === undefined) return [];
    const pkg = parsePackageJson(text);
    if (!pkg) return [];
    const lines: SourceLine[] = [];
    for (const name of [`pre${script}`, script, `post${script}`]) {
      const s = pkg.scripts[name];
      if (s) lines.push({ text: s.command, line: s.line });
    }
    return lines.length ? [{ file: path, lines }] : [];
  }
}
