import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'repos');
const work = mkdtempSync(join(tmpdir(), 'sigmature-scan-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scan(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'scan', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sigmature scan', () => {
  it('prints the DESIGN section 7 JSON with facts, evidence, detected answers and a level', () => {
    const r = scan([join(fixtures, 'gha-keyless-image')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.facts).toMatchObject({ ci: ['github-actions'], signs: true, keyless: true });
    expect(json.evidence.length).toBeGreaterThan(0);
    expect(json.answers['KLS-1']).toMatchObject({ value: 'all', source: 'detected' });
    expect(json.answers['KLS-1'].evidence.length).toBeGreaterThan(0);
    // a scan proves what files can: keyless signing in CI, not a written procedure or an interview
    expect(json.level).toBe(0);
    expect(json.detectedLevel).toBe(0);
    expect(json.criteria['L1.signed']).toMatchObject({ status: 'met-detected', proof: 'repository', met: false });
    expect(json.criteria['L3.no-long-lived-keys']).toMatchObject({ status: 'met-detected', met: false });
    for (const id of ['L1.procedure', 'L1.custody-known', 'L2.access-restricted', 'L3.auditable']) {
      expect(json.criteria[id], id).toMatchObject({ status: 'open', proof: 'team', met: false });
    }
  });

  it('gates CI with --min-level on the level the repository shows, which a scan alone keeps at 0', () => {
    expect(scan([join(fixtures, 'no-signing-sign-words'), '--min-level', '1']).code).toBe(1);
    expect(scan([join(fixtures, 'gha-keyless-image'), '--min-level', '1']).code).toBe(1);
    expect(scan([join(fixtures, 'gha-keyless-image'), '--min-level', '0']).code).toBe(0);
  });

  it('writes a Markdown report that says what is signed and what is not, and passes markdownlint', () => {
    const out = join(work, 'scan.md');
    const r = scan([join(fixtures, 'multi-publish-partial'), '--format', 'markdown', '--out', out]);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('2 of 4 published artifacts are signed.');
    expect(md).toMatch(/\(detected\)/);
    const result = lint({ strings: { md }, config: { default: true, MD013: false } });
    expect(result.md ?? []).toEqual([]);
  });

  it('gives a GitLab repository GitLab snippets in its roadmap', () => {
    const md = scan([join(fixtures, 'gitlab-keyless'), '--format', 'markdown']).stdout;
    expect(md).toMatch(/```yaml\n[\s\S]*id_tokens:\n\s+SIGSTORE_ID_TOKEN:/);
  });

  it('writes SARIF 2.1.0 naming a committed private key by path and kind only', () => {
    const r = scan([join(fixtures, 'committed-key'), '--format', 'sarif']);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const uris = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('cosign.key');
    expect(r.stdout).not.toMatch(/PRIVATE KEY-----|[A-Za-z0-9+/]{60,}/);
  });

  it('names committed keys and test keys apart in the Markdown report, by path and kind only', () => {
    const committed = scan([join(fixtures, 'committed-key'), '--format', 'markdown']).stdout;
    expect(committed).toMatch(/Committed private keys.*\n\n- `cosign\.key`: Sigstore encrypted private key\n- `deploy\/signing\.pem`: RSA private key \(PEM\)/);
    const tests = scan([join(fixtures, 'test-key-fixtures'), '--format', 'markdown']).stdout;
    expect(tests).not.toContain('Committed private keys');
    expect(tests).toMatch(/Keys under test fixtures.*\n\n(- `[^`]+`: [^\n]+\n){3}/);
    // no key material: neither the armour nor any line of a key's body
    const bodies = ['committed-key/cosign.key', 'committed-key/deploy/signing.pem', 'test-key-fixtures/testdata/cosign.key']
      .flatMap((f) => readFileSync(join(fixtures, f), 'utf8').split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
    for (const text of [committed, tests]) {
      expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      for (const line of bodies) expect(text).not.toContain(line);
    }
  });

  it('a directory that does not exist is one line, exit 2', () => {
    const r = scan(['/nonexistent/repo']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/\/nonexistent\/repo/);
  });

  it('a file given as the repository is one line, exit 2', () => {
    const file = join(work, 'not-a-dir.txt');
    writeFileSync(file, 'x');
    const r = scan([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a directory/);
  });
});
