/**
 * What the built wizard loads before its first frame (dist/, built by the global setup): the
 * screens after the welcome screen stay out of it, and the big chunk it loads (Ink, React, the UI)
 * is ASCII, so that V8 holds and scans it as a one-byte string.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../../dist');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

/** The files a module loads through static imports, itself included. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of read(file).matchAll(/from\s*"\.\/([\w.-]+\.js)"|import\s*"\.\/([\w.-]+\.js)"/g)) visit(m[1] ?? m[2]!);
  };
  visit(entry);
  return seen;
}

describe('the first frame of the built wizard', () => {
  const cli = read('cli.js');
  const ui = /import\("\.\/(run-[\w]+\.js)"\)/.exec(cli)?.[1];
  const files = [...staticClosure('cli.js'), ...(ui ? staticClosure(ui) : [])];

  it('loads the UI entry, and not the later screens', () => {
    expect(ui).toBeDefined();
    const later = readdirSync(dist).find((f) => f.startsWith('later-screens-'));
    expect(later).toBeDefined();
    expect(files).not.toContain(later);
  });

  it('loads neither zod, nor the YAML parser, nor the detectors: the bank and the scan come after the first frame', () => {
    for (const file of files) {
      const text = read(file);
      expect(/ZodError/.test(text), `${file} holds zod`).toBe(false);
      expect(/YAMLParseError/.test(text), `${file} holds the YAML parser`).toBe(false);
      expect(/signaturesAreVerified/.test(text), `${file} holds the detectors`).toBe(false);
    }
  });

  it('loads its big chunks as ASCII (escape non-ASCII characters in regular expressions)', () => {
    for (const file of files) {
      const text = read(file);
      if (text.length < 50_000) continue;
      const raw = /[^\x00-\x7f]/.exec(text);
      expect(raw ? `${file}: ${JSON.stringify(text.slice(Math.max(0, raw.index - 60), raw.index + 20))}` : '').toBe('');
    }
  });
});
