/**
 * What a scan can answer (issue 10, part 3): COV-2 "all" when every published deliverable the scan
 * sees is signed and no warning hides a publish step, and GOV-4 from how the signing actions are
 * pinned. Each row was reviewed against the fixture's files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsForRules, hidesPublishing, suggestAnswers } from '../../src/assess/prefill.js';
import { pinOf } from '../../src/detect/detectors/pinning.js';
import { scanDirectory } from '../../src/detect/scan.js';
import type { ScanResult } from '../../src/detect/types.js';
import { loadBank } from '../../src/model/bank.js';

const bank = loadBank();

// [fixture, COV-2 suggested, GOV-4 suggested (null: no signing action seen), GOV-4 evidence lines]
const ROWS: [string, string, string | null, string[]][] = [
  // every publish step signed, nothing hidden: all
  ['gha-keyless-image', 'all', 'version-pinned', ['.github/workflows/release.yml:30']],
  ['windows-macos-signing', 'all', null, []],
  // installer and goreleaser-action by commit SHA
  ['goreleaser-v2-notarize', 'all', 'digest-pinned', ['.github/workflows/release.yml:24', '.github/workflows/release.yml:33']],
  ['checkout-path-action', 'all', 'digest-pinned', ['.github/actions/release/action.yml:13']],
  // Tekton Chains signs what the pipeline pushes: the limit hides no publish step
  ['tekton-chains', 'all', null, []],
  // one exact version tag, one moving @v6: none
  ['goreleaser-cosign', 'all', 'none', ['.github/workflows/release.yml:38']],
  // pypa/gh-action-pypi-publish@release/v1 is a branch
  ['pypi-attestations', 'all', 'none', ['.github/workflows/release.yml:41']],
  // a Helm chart and an npm package published unsigned
  ['multi-publish-partial', 'some', 'version-pinned', ['.github/workflows/release.yml:20', '.github/workflows/release.yml:48']],
  // all 3 signed, but a job calls another repository's reusable workflow: it may publish
  ['cloudbuild-make-include', 'some', null, []],
  // the SLSA generator workflow runs elsewhere; attest actions at @v2
  ['slsa-generator', 'some', 'none', ['.github/workflows/release.yml:89', '.github/workflows/release.yml:98']],
  // signed, but developer Makefile targets that publish are not counted
  ['dev-makefile-push', 'some', 'none', ['.github/workflows/release.yml:15']],
  // remote GitLab includes
  ['gitlab-keyless', 'some', null, []],
  // signing configured, releases made elsewhere
  ['maven-release-elsewhere', 'some', null, []],
  // a repository that only verifies: signs nothing, its installer is a version tag
  ['verify-only-kyverno', 'none', 'version-pinned', ['.github/workflows/deploy.yml:18']],
  // e2e tests of signing scratch files: nothing signed, their cosign-installer is not the signing path
  ['e2e-sign-scratch-blob', 'none', null, []],
  // the release's installer by commit SHA; the e2e workflow's scaffolding@main and installer@main set up a test
  // Sigstore stack and cluster: not the signing path (they made GOV-4 'none' before)
  ['e2e-scaffolding-pins', 'all', 'digest-pinned', ['.github/workflows/release.yml:23']],
];

describe('COV-2 and GOV-4 prefilled from fixtures', () => {
  it.each(ROWS)('%s: COV-2 %s, GOV-4 %s', async (name, cov2, gov4, gov4Evidence) => {
    const scan = await scanDirectory(join('test', 'fixtures', 'repos', name));
    const s = suggestAnswers(bank, scan);
    expect(s['COV-2']?.value).toBe(cov2);
    expect(s['GOV-4']?.value ?? null).toBe(gov4);
    expect((s['GOV-4']?.evidence ?? []).map((e) => `${e.file}:${e.line}`)).toEqual(gov4Evidence);
    // "all" cites every publish step and its signer
    if (cov2 === 'all') {
      const cited = new Set(s['COV-2']!.evidence.map((e) => e.id));
      for (const p of scan.published) expect(cited.has(p.evidence[0]!), `${p.file}:${p.line}`).toBe(true);
    }
  });
});

describe('pins', () => {
  it.each([
    ['dc72c7d5c4d10cd6bcb8cf6e3fd625a9e5e537da', 'digest'],
    [`sha256:${'a'.repeat(64)}`, 'digest'],
    ['v3.7.0', 'version'],
    ['2.4.1', 'version'],
    ['v1.2.3-rc.1', 'version'],
    ['v3', 'moving'],
    ['v3.7', 'moving'],
    ['main', 'moving'],
    ['release/v1', 'moving'],
    ['', 'moving'],
    ['dc72c7d', 'moving'],
  ])('%s is %s', (ref, pin) => {
    expect(pinOf(ref)).toBe(pin);
  });
});

describe('VER-2 from documented verification', () => {
  it.each([
    // the README shows `cosign verify` of the image the release signs; nothing verifies in CI
    ['gha-keyless-image', 'documented-for-users', ['README.md:19']],
    ['slsa-generator', 'documented-for-users', ['README.md:16', 'README.md:18']],
    // a verify step in CI too: a deploy gate or a test? The scan suggests nothing
    ['gitlab-keyless', null, []],
    // a docs page planning cosign in a repository that signs nothing
    ['no-signing-sign-words', null, []],
  ] as const)('%s: VER-2 %s', async (name, value, evidence) => {
    const s = suggestAnswers(bank, await scanDirectory(join('test', 'fixtures', 'repos', name)));
    expect(s['VER-2']?.value ?? null).toBe(value);
    expect((s['VER-2']?.evidence ?? []).map((e) => `${e.file}:${e.line}`)).toEqual(evidence);
  });
});

describe('everyPublishedSigned', () => {
  const base: Pick<ScanResult, 'facts' | 'published' | 'warnings'> = {
    facts: { ci: [], signs: true, tools: [], keyless: false, keyCustody: [], kmsProviders: [], artifactsSigned: [], attestations: [], verifies: false, committedPrivateKeys: [], verificationDocumented: false },
    published: [{ artifact: 'container image', kind: 'container-image', file: 'a.yml', line: 1, signed: true, evidence: ['E1'] }],
    warnings: [],
  };
  it.each([
    ['all signed, no warning', {}, true],
    ['nothing published', { published: [] }, false],
    ['one unsigned', { published: [...base.published, { ...base.published[0]!, signed: false }] }, false],
    ['a test-key limit hides no publish step', { warnings: [{ kind: 'limit', code: 'test-key-signing', message: '' }] }, true],
    ['another repository\'s workflow may publish', { warnings: [{ kind: 'limit', code: 'github-remote-workflow', message: '' }] }, false],
    ['a limit without a code (the walk stopped)', { warnings: [{ kind: 'limit', message: 'more than 100000 files' }] }, false],
    ['an unparsable pipeline', { warnings: [{ kind: 'unparsable', file: '.gitlab-ci.yml', message: 'bad' }] }, false],
  ] as const)('%s', (_, change, expected) => {
    expect(factsForRules({ ...base, ...change } as typeof base).everyPublishedSigned).toBe(expected);
  });
  it('a limit code not listed hides publishing (a new limit is conservative)', () => {
    expect(hidesPublishing({ kind: 'limit', code: 'something-new', message: '' })).toBe(true);
  });
});
