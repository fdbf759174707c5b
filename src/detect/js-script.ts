/**
 * The commands a JavaScript release script runs (`node scripts/release.mjs`), read, never run:
 * `execSync('npm publish --access public')`, `spawn('npm', ['publish'])`, `execa('npm', ['publish'])`,
 * zx's `` $`npm publish` ``. Each becomes a shell line at the line of the call; anything computed
 * (a variable command, `${…}` in a template) stays a `$VAR` the recognisers do not follow.
 */
import type { SourceLine } from './shell.js';

const MAX_SCRIPT = 256 * 1024;
const STR = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\]|\\.)*\x60`;
/** exec/execSync/execaCommand/shelljs exec('one command line') */
const EXEC_LINE = new RegExp(String.raw`\b(?:execSync|exec|execaCommand|execaCommandSync)\s*\(\s*(${STR})`, 'g');
/** spawn/spawnSync/execFile/execFileSync/execa('cmd', ['arg', …]) */
const EXEC_ARGV = new RegExp(String.raw`\b(?:spawn|spawnSync|execFile|execFileSync|execa|execaSync)\s*\(\s*(${STR})\s*(?:,\s*\[([^\]]*)\])?`, 'g');
/** zx: $`npm publish ${flags}` */
const ZX = /(?<![\w$])\$\s*`((?:[^`\\]|\\.)*)`/g;

function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  // a template's `${expr}` is computed: keep it as a variable the recognisers leave alone
  return (lit.startsWith('`') ? body.replace(/\$\{[^}]*\}/g, '$JS') : body).replace(/\\(.)/g, '$1');
}

const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, '')}'`);

export function jsCommandLines(text: string): SourceLine[] {
  const src = text.length > MAX_SCRIPT ? text.slice(0, MAX_SCRIPT) : text;
  // line of a match: a binary search in the newline offsets (slicing the text per call is quadratic)
  const newlines: number[] = [];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newlines[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const out: SourceLine[] = [];
  for (const m of src.matchAll(EXEC_LINE)) out.push({ text: unquote(m[1]!), line: lineAt(m.index!) });
  for (const m of src.matchAll(EXEC_ARGV)) {
    const args = [...(m[2] ?? '').matchAll(new RegExp(STR, 'g'))].map((a) => shellWord(unquote(a[0])));
    out.push({ text: [shellWord(unquote(m[1]!)), ...args].join(' '), line: lineAt(m.index!) });
  }
  for (const m of src.matchAll(ZX)) out.push({ text: unquote('`' + m[1]! + '`'), line: lineAt(m.index!) });
  return out.filter((l) => l.text.trim() !== '').sort((a, b) => a.line - b.line);
}
