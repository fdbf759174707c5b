/** The version, fixed into the bundle at build time (scripts/build.mjs); read from package.json in tests. */
import { readFileSync } from 'node:fs';

declare const SIGMATURE_VERSION: string | undefined;

export const VERSION: string =
  typeof SIGMATURE_VERSION === 'string'
    ? SIGMATURE_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
