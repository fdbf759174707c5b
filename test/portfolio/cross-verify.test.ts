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
    expect(verdicts.map((v) => [v.repository, v.name, v.status, v.accepts])).toEqual([
      ['acme/deploy', 'orders-from-release', 'ok', ['acme/orders:S1']],
      ['acme/deploy', 'payments-from-release', 'inert', []],
    ]);
  });
});
