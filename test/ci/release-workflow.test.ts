/**
 * sigmature signs its own releases (issue 9, part 6): the release workflow as written, and what
 * `sigmature scan` (the built CLI) makes of this repository. Nothing runs the workflow here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPinned, usesOf } from './pins.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const file = join(root, '.github', 'workflows', 'release.yml');
const text = readFileSync(file, 'utf8');
const workflow = parse(text) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; run?: string; env?: Record<string, string> }[] }>;
};
const job = workflow.jobs.release!;
const runs = job.steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows/release.yml', () => {
  it('runs on v* tags, with no permissions by default and id-token: write for the release job only', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
  });

  it('pins every action by full commit SHA', () => {
    const uses = usesOf(workflow);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    expect(uses.filter((u) => !isPinned(u))).toEqual([]);
  });

  it('signs the packed tarball keylessly, publishes that tarball with provenance, attaches the bundle', () => {
    expect(runs).toMatch(/cosign sign-blob --yes --bundle "\$TARBALL\.sigstore\.json" "\$TARBALL"/);
    expect(runs).not.toMatch(/--key\b/);
    expect(runs).toMatch(/npm publish "\$TARBALL" --provenance --access public/);
    expect(runs).toMatch(/gh release create[^\n]*"\$TARBALL" "\$TARBALL\.sigstore\.json"/);
    // sign before publish: nothing ships unsigned
    expect(runs.indexOf('cosign sign-blob')).toBeLessThan(runs.indexOf('npm publish'));
  });

  it('never interpolates an expression into a shell script (they go through env)', () => {
    for (const s of job.steps) expect(s.run ?? '').not.toContain('${{');
  });
});

describe('sigmature scan . on this repository', () => {
  it('detects keyless signing of its own release: cosign and npm provenance, from release.yml', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', root, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as {
      facts: { keyless: boolean; signs: boolean; tools: string[]; keyCustody: string[]; committedPrivateKeys: unknown[] };
      evidence: { file: string; detector: string }[];
    };
    expect(json.facts.keyless).toBe(true);
    expect(json.facts.signs).toBe(true);
    expect(json.facts.tools).toEqual(expect.arrayContaining(['cosign', 'npm-provenance']));
    expect(json.facts.keyCustody).toEqual(['keyless']);
    expect(json.facts.committedPrivateKeys).toEqual([]);
    const keyless = json.evidence.filter((e) => /Keylessly$/.test(e.detector)).map((e) => e.file);
    expect(new Set(keyless)).toEqual(new Set(['.github/workflows/release.yml']));
  });
});
