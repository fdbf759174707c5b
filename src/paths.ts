/**
 * Where the package's data lives (question bank, templates, examples), both when running from
 * `src/` (tests) and from the bundled `dist/`: the nearest ancestor directory with a package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'questions'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`sigmature: cannot find its package directory above ${from}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const defaultBankDir = join(packageRoot, 'questions');
export const templatesDir = join(packageRoot, 'templates');
