/**
 * SARIF output: shape checks on a scan of fixture repositories, and validation with Microsoft's
 * SARIF multitool using GitHub's ingestion rules (DESIGN section 9): its `error` results are bugs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/detect/scan.js';
import { toSarif } from '../../src/report/sarif.js';

const TOOL = { name: 'sigmature', version: '0.1.0', informationUri: 'https://example.org/sigmature' };
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'repos');
const dir = mkdtempSync(join(tmpdir(), 'sigmature-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function multitool(): { path?: string; reason?: string } {
  try {
    const path = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;
    if (!existsSync(path)) return { reason: `multitool binary missing at ${path}` };
    execFileSync(path, ['--version'], { stdio: 'pipe', timeout: 60_000 });
    return { path };
  } catch (e) {
    return { reason: `SARIF multitool cannot run on this machine: ${(e as Error).message.split('\n')[0]}` };
  }
}

const tool = multitool();
const names = ['committed-key', 'multi-publish-partial', 'gha-key-env-secret', 'gha-keyless-image', 'goreleaser-cosign'].filter((n) => existsSync(join(fixtures, n)));

interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown>; help: { text: string; markdown: string } }> } };
    results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }>; partialFingerprints: Record<string, string> }>;
  }>;
}

describe('toSarif', () => {
  it.each(names)('%s: well-formed results with relative locations and stable fingerprints', async (name) => {
    const scan = await scanDirectory(join(fixtures, name));
    const log = toSarif(scan, TOOL) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif/);
    const rules = log.runs[0]!.tool.driver.rules;
    for (const r of rules) {
      expect(r.properties['security-severity']).toMatch(/^\d+(\.\d)?$/);
      expect(r.help.markdown.length).toBeGreaterThan(0);
    }
    for (const res of log.runs[0]!.results) {
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|\\|^[a-z]+:/i);
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(rules.map((r) => r.id)).toContain(res.ruleId);
    }
    // deterministic
    expect(JSON.stringify(toSarif(await scanDirectory(join(fixtures, name)), TOOL))).toBe(JSON.stringify(log));
  });

  it('committed keys: an error naming path and kind, never the key material', async () => {
    if (!names.includes('committed-key')) return;
    const scan = await scanDirectory(join(fixtures, 'committed-key'));
    const log = toSarif(scan, TOOL) as SarifLog;
    const keys = log.runs[0]!.results.filter((r) => r.ruleId === 'SIG001');
    expect(keys.map((k) => k.locations[0]!.physicalLocation.artifactLocation.uri).sort()).toEqual(['cosign.key', 'deploy/signing.pem']);
    expect(keys.every((k) => k.level === 'error')).toBe(true);
    const text = JSON.stringify(log);
    for (const file of ['cosign.key', 'deploy/signing.pem']) {
      const body = readFileSync(join(fixtures, 'committed-key', file), 'utf8').split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
      for (const l of body) expect(text).not.toContain(l);
    }
  });

  it('unsigned published artifacts are warnings at the publishing step', async () => {
    if (!names.includes('multi-publish-partial')) return;
    const log = toSarif(await scanDirectory(join(fixtures, 'multi-publish-partial')), TOOL) as SarifLog;
    const unsigned = log.runs[0]!.results.filter((r) => r.ruleId === 'SIG002');
    expect(unsigned).toHaveLength(2);
    expect(unsigned[0]!.message.text).toMatch(/2 of 4/);
  });

  it.skipIf(!tool.path)(`passes the SARIF multitool with GitHub ingestion rules${tool.reason ? ` (skipped: ${tool.reason})` : ''}`, async () => {
    for (const name of names) {
      const file = join(dir, `${name}.sarif`);
      const out = join(dir, `${name}.validation.sarif`);
      writeFileSync(file, JSON.stringify(toSarif(await scanDirectory(join(fixtures, name)), TOOL), null, 2));
      try {
        execFileSync(tool.path!, ['validate', file, '--rule-kind', 'Gh;Sarif', '-o', out], { stdio: 'pipe', timeout: 120_000 });
      } catch {
        // a non-zero exit is expected when results exist; the output file says which
      }
      const validation = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
      const errors = validation.runs.flatMap((r) => r.results ?? []).filter((r) => (r.level ?? 'warning') === 'error');
      expect(errors.map((e) => `${e.ruleId}: ${e.message.text}`), `${name}`).toEqual([]);
    }
    // one .NET start per fixture: over 20 s on a loaded 2-core machine
  }, 120_000);
});
