// Writes questions/schema/*.schema.json from the zod schemas in src/model/schema.ts, so that the
// `$schema` line of each bank file lets editors validate it. `npm run gen-schema`; a test checks
// that the committed files match.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function generateSchemas() {
  const out = join(tmpdir(), `sigmature-schema-${process.pid}.mjs`);
  await build({ entryPoints: ['src/model/schema.ts'], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
  const { BankFile, DimensionFile } = await import(out);
  const { z } = await import('zod');
  const schema = (s, title) => `${JSON.stringify({ title, ...z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'bank.schema.json': schema(BankFile, 'sigmature question bank model (bank.yaml)'),
    'dimension.schema.json': schema(DimensionFile, 'sigmature question bank dimension file'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('questions/schema', { recursive: true });
  for (const [name, text] of Object.entries(await generateSchemas())) writeFileSync(join('questions/schema', name), text);
  console.log('wrote questions/schema/*.schema.json');
}
