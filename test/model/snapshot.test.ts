import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuiltInBank } from '../../src/model/bank.js';
import { readSnapshot, SNAPSHOT_FILE } from '../../src/model/snapshot.js';
import { defaultBankDir } from '../../src/paths.js';
import { parseRoadmapCatalog } from '../../src/report/roadmap.js';

// dist/ is built by the global setup, with the snapshot of the built-in bank and roadmap.
describe('the build snapshot of the built-in bank and roadmap', () => {
  it('holds exactly what the YAML loaders produce', () => {
    const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8'));
    expect(snapshot.bank.value).toEqual(JSON.parse(JSON.stringify(parseBuiltInBank())));
    const { steps, ecosystems } = parseRoadmapCatalog();
    expect(snapshot.roadmap.value).toEqual(JSON.parse(JSON.stringify({ steps, ecosystems })));
  });

  it('is ignored as soon as a source file changes', () => {
    expect(readSnapshot('bank')).toBeDefined();
    const file = join(defaultBankDir, 'keyless.yaml');
    // seconds as numbers keep the sub-millisecond part that a Date would drop
    const { atimeMs, mtimeMs } = statSync(file);
    try {
      utimesSync(file, atimeMs / 1000, (mtimeMs + 1000) / 1000);
      expect(readSnapshot('bank')).toBeUndefined();
    } finally {
      utimesSync(file, atimeMs / 1000, mtimeMs / 1000);
    }
    expect(readSnapshot('bank')).toBeDefined();
  });
});
