/**
 * The build tools' files a CI step runs, read as command lines (nothing is executed):
 * - npm: `npm run <script>` → the package.json script, with its pre/post hooks (the nearest
 *   package.json up from the calling file);
 * - Ant: `ant sign` → `<target name="sign">` and the targets it `depends` on (the project's `default`
 *   when none is named); each `<exec>`/`<apply>` with its `executable` and `<arg value|line|file|path>`s;
 * - Maven: `mvn -P release package` → the exec-maven-plugin executions of the build and of the active
 *   profiles (`-P`, `activeByDefault`) bound to a phase the command reaches (or run as `exec:exec`):
 *   `<executable>codesign</executable>` with its `<arguments>`.
 * Each becomes one line at the `<exec` / `<executable>` line, so the recogniser reads `codesign --sign
 * "${env.APPLE_IDENTITY}" dist/App.app` as it would in a script, with the calling step's environment
 * (its secrets are the custody). Ant properties and Maven `${…}` stay as written.
 */
import { dirname, normalisePath, type ParseContext } from './ci/model.js';
import { parsePackageJson } from './sources/manifests.js';
import type { Call } from './tools/kit.js';
import type { SourceLine } from './shell.js';

export interface BuildLines {
  file: string;
  lines: SourceLine[];
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;
const attr = (attrs: string, name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"|\\b${name}\\s*=\\s*'([^']*)'`).exec(attrs)?.slice(1).find((v) => v !== undefined);
const unescape = (v: string): string => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const quote = (w: string): string => (/[\s"]/.test(w) ? `'${w.replace(/'/g, '')}'` : w);
/** Comments blanked, line breaks kept: positions still give line numbers. */
const noComments = (text: string): string => text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));

function read(ctx: ParseContext, name: string, dir: string): { path: string; text: string } | undefined {
  const path = normalisePath(name, dir);
  const text = path !== undefined && ctx.exists(path) ? ctx.readText(path) : undefined;
  return path !== undefined && text !== undefined ? { path, text: noComments(text) } : undefined;
}

/**
 * `<exec executable="codesign"><arg value="--sign"/><arg line="--force --timestamp"/></exec>` → a
 * command line. With `<property environment="env"/>`, `${env.X}` is the environment variable `$X`.
 */
function antExecs(body: string, offset: number, text: string, envPrefix: string | undefined): SourceLine[] {
  const out: SourceLine[] = [];
  for (const m of body.matchAll(/<(exec|apply)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1\s*>)/g)) {
    const exe = attr(m[2]!, 'executable');
    if (!exe) continue;
    const words = [exe];
    for (const a of (m[4] ?? '').matchAll(/<arg\b([^>]*?)\/?>/g)) {
      const line = attr(a[1]!, 'line');
      const one = attr(a[1]!, 'value') ?? attr(a[1]!, 'file') ?? attr(a[1]!, 'path');
      if (line !== undefined) words.push(...unescape(line).split(/\s+/).filter(Boolean));
      else if (one !== undefined) words.push(unescape(one));
    }
    const env = (w: string): string => (envPrefix ? w.replaceAll(`\${${envPrefix}.`, '${') : w);
    out.push({ text: words.map(env).map(quote).join(' '), line: lineAt(text, offset + m.index!) });
  }
  return out;
}

function ant(ctx: ParseContext, call: Extract<Call, { type: 'ant' }>, dir: string): BuildLines[] {
  const f = read(ctx, call.file ?? 'build.xml', dir);
  if (!f) return [];
  const targets = new Map<string, { deps: string[]; lines: SourceLine[] }>();
  const envPrefix = attr(/<property\b([^>]*\benvironment\s*=[^>]*)>/.exec(f.text)?.[1] ?? '', 'environment');
  for (const m of f.text.matchAll(/<target\b([^>]*?)(\/>|>([\s\S]*?)<\/target\s*>)/g)) {
    const name = attr(m[1]!, 'name');
    if (!name) continue;
    const deps = (attr(m[1]!, 'depends') ?? '').split(',').map((d) => d.trim()).filter(Boolean);
    const bodyAt = m.index! + m[0].indexOf(m[2]!);
    targets.set(name, { deps, lines: antExecs(m[3] ?? '', bodyAt, f.text, envPrefix) });
  }
  const lines: SourceLine[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number): void => {
    const t = targets.get(name);
    if (!t || seen.has(name) || depth > 16) return;
    seen.add(name);
    for (const d of t.deps) visit(d, depth + 1);
    lines.push(...t.lines);
  };
  const first = attr(/<project\b([^>]*)>/.exec(f.text)?.[1] ?? '', 'default');
  for (const t of call.targets.length ? call.targets : first ? [first] : []) visit(t, 0);
  return lines.length ? [{ file: f.path, lines }] : [];
}

const PHASES = ['validate', 'initialize', 'generate-sources', 'process-sources', 'generate-resources', 'process-resources', 'compile', 'process-classes', 'generate-test-sources', 'process-test-sources', 'generate-test-resources', 'process-test-resources', 'test-compile', 'process-test-classes', 'test', 'prepare-package', 'package', 'pre-integration-test', 'integration-test', 'post-integration-test', 'verify', 'install', 'deploy'];

/** The exec-maven-plugin `<plugin>` blocks of a pom section, with where they start. */
function execPlugins(section: string): Array<{ block: string; at: number }> {
  const out: Array<{ block: string; at: number }> = [];
  for (const m of section.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)) {
    if (/<artifactId>\s*exec-maven-plugin\s*<\/artifactId>/.test(m[1]!)) out.push({ block: m[0], at: m.index! });
  }
  return out;
}

function maven(ctx: ParseContext, call: Extract<Call, { type: 'maven' }>, dir: string): BuildLines[] {
  const f = read(ctx, call.file ?? 'pom.xml', dir);
  if (!f) return [];
  const reached = Math.max(-1, ...call.goals.map((g) => PHASES.indexOf(g)));
  const direct = call.goals.some((g) => /^exec:exec\b/.test(g));
  // the build outside <profiles>, and the profiles the command activates (or that are active by default)
  const sections: Array<{ text: string; at: number }> = [];
  const profiles = [...f.text.matchAll(/<profile>([\s\S]*?)<\/profile>/g)];
  let outside = f.text;
  for (const p of profiles) {
    outside = outside.slice(0, p.index!) + ' '.repeat(p[0].length) + outside.slice(p.index! + p[0].length);
    const id = /<id>\s*([^<\s]+)\s*<\/id>/.exec(p[1]!)?.[1];
    if ((id && call.profiles.includes(id)) || /<activeByDefault>\s*true\s*</.test(p[1]!)) sections.push({ text: p[0], at: p.index! });
  }
  sections.unshift({ text: outside, at: 0 });
  const lines: SourceLine[] = [];
  for (const s of sections) {
    for (const plugin of execPlugins(s.text)) {
      const shared = /<\/executions>([\s\S]*)$/.exec(plugin.block)?.[1] ?? '';
      for (const e of plugin.block.matchAll(/<execution>([\s\S]*?)<\/execution>/g)) {
        const phase = /<phase>\s*([\w-]+)\s*<\/phase>/.exec(e[1]!)?.[1];
        const runs = phase !== undefined ? PHASES.indexOf(phase) >= 0 && PHASES.indexOf(phase) <= reached : direct;
        const config = /<executable>/.test(e[1]!) ? e[1]! : shared;
        const exe = /<executable>\s*([^<]+?)\s*<\/executable>/.exec(config);
        if (!runs || !exe) continue;
        const args = [...(/<arguments>([\s\S]*?)<\/arguments>/.exec(config)?.[1] ?? '').matchAll(/<argument>\s*([^<]*?)\s*<\/argument>/g)].map((a) => unescape(a[1]!));
        const base = s.at + plugin.at + (config === e[1] ? e.index! + '<execution>'.length : plugin.block.indexOf('</executions>'));
        lines.push({ text: [unescape(exe[1]!), ...args].map(quote).join(' '), line: lineAt(f.text, base + config.indexOf(exe[0])) });
      }
    }
  }
  return lines.length ? [{ file: f.path, lines: lines.sort((a, b) => a.line - b.line) }] : [];
}

function npmRun(ctx: ParseContext, script: string, from: string): BuildLines[] {
  let dir = dirname(from);
  let path = 'package.json';
  for (;;) {
    const p = dir ? `${dir}/package.json` : 'package.json';
    if (ctx.exists(p)) {
      path = p;
      break;
    }
    if (!dir) break;
    dir = dirname(dir);
  }
  const text = ctx.readText(path);
  const pkg = text === undefined ? undefined : parsePackageJson(text);
  if (!pkg) return [];
  const lines: SourceLine[] = [];
  for (const name of [`pre${script}`, script, `post${script}`]) {
    const s = pkg.scripts[name];
    if (s) lines.push({ text: s.command, line: s.line });
  }
  return lines.length ? [{ file: path, lines }] : [];
}

/**
 * The lines an `npm run`, `ant` or `mvn` call reaches in its build file; `from` is the file holding
 * the call, `dir` where the command runs.
 */
export function buildFileLines(ctx: ParseContext, call: Extract<Call, { type: 'npm-run' | 'ant' | 'maven' }>, from: string, dir: string): BuildLines[] {
  if (call.type === 'npm-run') return npmRun(ctx, call.script, from);
  return call.type === 'ant' ? ant(ctx, call, dir) : maven(ctx, call, dir);
}
