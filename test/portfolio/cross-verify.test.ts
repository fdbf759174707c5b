/**
 * A deploy repository's policies against a release repository's signer: matched across repositories
 * (issue 11). Each checkout is a real git repository with an origin remote.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/detect/scan.js';
import { crossVerify } from '../../src/portfolio/cross-verify.js';

function checkout(fixture: string, origin: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sigmature-xv-')), fixture);
  cpSync(join('test/fixtures/portfolio-verify', fixture), dir, { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', origin]);
  return dir;
}

describe('verification across repositories', () => {
  it("matches the deploy repository's policies against the release repository's signer", async () => {
    const release = await scanDirectory(checkout('acme-release', 'https://github.com/acme/orders.git'));
    const deploy = await scanDirectory(checkout('acme-deploy', 'git@github.com:acme/deploy.git'));
    // alone, the deploy repository knows no signer to compare with
    expect(deploy.verification!.verifiers.map((v) => v.status)).toEqual(['no-signer-known', 'no-signer-known']);
    const verdicts = crossVerify([
      { name: 'acme/orders', verification: release.verification },
      { name: 'acme/deploy', verification: deploy.verification },
    ]);
    expect(verdicts.verifiers.map((v) => [v.repository, v.name, v.status, v.accepts])).toEqual([
      ['acme/deploy', 'orders-from-release', 'ok', ['acme/orders:S1']],
      ['acme/deploy', 'payments-from-release', 'inert', []],
    ]);
    expect(verdicts.unverifiedSigners).toEqual([]);
  });
});

describe('sigmature portfolio', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  it('matches across repositories from checkouts and from their scans JSON alike, and says so in Markdown', () => {
    const root = mkdtempSync(join(tmpdir(), 'sigmature-xvp-'));
    for (const [fixture, origin] of [['acme-release', 'https://github.com/acme/orders.git'], ['acme-deploy', 'https://github.com/acme/deploy.git']] as const) {
      const dir = join(root, 'checkouts', fixture);
      cpSync(join('test/fixtures/portfolio-verify', fixture), dir, { recursive: true });
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', origin]);
      execFileSync('node', [cli, 'scan', dir, '--format', 'json', '--out', join(root, `${fixture}.json`)]);
    }
    const verdicts = (args: string[]) => {
      const out = JSON.parse(execFileSync('node', [cli, 'portfolio', ...args, '--format', 'json', '--jobs', '1'], { encoding: 'utf8' }));
      return out.verification.verifiers.map((v: { repository: string; name: string; status: string; accepts: string[] }) => [v.repository, v.name, v.status, v.accepts]);
    };
    const fromCheckouts = verdicts([join(root, 'checkouts')]);
    expect(fromCheckouts).toEqual([
      ['acme-deploy', 'orders-from-release', 'ok', ['acme-release:S1']],
      ['acme-deploy', 'payments-from-release', 'inert', []],
    ]);
    expect(verdicts([join(root, 'acme-release.json'), join(root, 'acme-deploy.json')]).map((v: unknown[]) => v.slice(1))).toEqual(fromCheckouts.map((v: unknown[]) => v.slice(1)));
    const md = execFileSync('node', [cli, 'portfolio', join(root, 'checkouts'), '--format', 'markdown', '--jobs', '1', '--lang', 'en'], { encoding: 'utf8' });
    expect(md).toContain('## Verification across repositories');
    expect(md).toMatch(/\| acme-deploy \| V1 sigstore-policy-controller: orders-from-release \| OK: accepts this release and enforces \| acme-release:S1 \|/);
  });

  it('ignores a malformed verification in a JSON input instead of failing', async () => {
    const { verificationOf } = await import('../../src/portfolio/cross-verify.js');
    expect(verificationOf({ signers: [{ id: 'S1', subject: 'x', pattern: '(', refPattern: '', samples: [], refSamples: [], unknown: [] }], verifiers: [] })).toBeUndefined();
    expect(verificationOf({ signers: 'no', verifiers: [] })).toBeUndefined();
    expect(verificationOf({ signers: [], verifiers: [] })).toEqual({ signers: [], verifiers: [] });
  });
});
