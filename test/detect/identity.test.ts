/**
 * Verification that verifies: the pattern languages each verifier uses, the repository address from a
 * real checkout's `.git/config`, and the matcher's verdicts on hand-made signers and verifiers.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accepts, githubGlobSource, goRegExp, sampleOfGlob } from '../../src/detect/identity/patterns.js';
import { parseRepositoryUrl } from '../../src/detect/identity/origin.js';
import { openLocalRepository } from '../../src/detect/reader/local-reader.js';
import { matchVerification } from '../../src/detect/identity/match.js';
import type { VerifierExpectation } from '../../src/detect/identity/model.js';
import type { RawSigner } from '../../src/detect/identity/signers.js';
import { scanDirectory, scanRepository } from '../../src/detect/scan.js';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import type { RepositoryAddress } from '../../src/detect/identity/identities.js';

/** A scan of files held in memory, by default as the repository github.com/acme/app. */
const scanFiles = (files: Record<string, string>, repository: RepositoryAddress | undefined = { host: 'github.com', path: 'acme/app' }) =>
  scanRepository(createMemoryReader(files), { repository });

describe('patterns', () => {
  it('reads Go expressions as MatchString does: unanchored unless anchored', () => {
    const loose = { how: 'regexp' as const, value: 'https://github.com/acme/app' };
    expect(accepts(loose, 'https://github.com/acme/app-fork/.github/workflows/x.yml@refs/heads/main')).toBe(true);
    const anchored = { how: 'regexp' as const, value: '^https://github\\.com/acme/app/' };
    expect(accepts(anchored, 'https://github.com/acme/app-fork/x')).toBe(false);
    expect(goRegExp('(?i)^HTTPS://GITHUB')?.test('https://github.com')).toBe(true);
    expect(goRegExp('\\Aabc\\z')?.test('xabc')).toBe(false);
  });

  it('reads Kyverno wildcards over the whole value', () => {
    const w = { how: 'wildcard' as const, value: 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*' };
    expect(accepts(w, 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1')).toBe(true);
    expect(accepts(w, 'https://github.com/acme/app/.github/workflows/build.yml@refs/tags/v1')).toBe(false);
  });

  it('turns GitHub filter patterns into sets with a representative member', () => {
    const re = new RegExp(`^${githubGlobSource('v[0-9]+.[0-9]+.[0-9]+')}$`);
    expect(re.test('v1.22.3')).toBe(true);
    expect(re.test('v1.x')).toBe(false);
    expect(new RegExp(`^${githubGlobSource('release/*')}$`).test('release/a/b')).toBe(false);
    expect(sampleOfGlob('v*')).toBe('v1.0.0');
    expect(sampleOfGlob('v*.*.*')).toBe('v1.1.1');
    expect(re.test(sampleOfGlob('v[0-9]+.[0-9]+.[0-9]+'))).toBe(true);
  });
});

describe('Kyverno JMESPath variables are YAML, not a Helm template', async () => {
  const { isTemplated } = await import('../../src/detect/sources/policies.js');
  it.each([
    ['publicKeys: "{{ keys.data.production }}"', false],
    ['- key: "{{ time_since(\'\',\'{{metadata.scanFinishedOn}}\',\'\') }}"', false],
    ['image: {{ .Values.image }}', true],
    ['{{- if .Values.policy.enabled }}', true],
    ['name: {{ include "chart.fullname" . }}', true],
  ])('%s', (line, templated) => {
    expect(isTemplated(line)).toBe(templated);
  });
});

describe('repository address', () => {
  it.each([
    ['git@github.com:acme/app.git', 'github.com', 'acme/app'],
    ['https://github.com/acme/app', 'github.com', 'acme/app'],
    ['ssh://git@gitlab.example.com:2222/group/sub/project.git', 'gitlab.example.com', 'group/sub/project'],
    ['github.com/acme/app', 'github.com', 'acme/app'],
    // a GitLab CI clone: the job token is in the remote URL and must not survive into the address
    ['https://gitlab-ci-token:glcbt-64_secret@gitlab.example.com/group/project.git', 'gitlab.example.com', 'group/project'],
  ])('%s', (url, host, path) => {
    expect(parseRepositoryUrl(url)).toEqual({ host, path });
  });

  it('refuses what is not a repository URL', () => {
    expect(parseRepositoryUrl('not a url')).toBeUndefined();
    expect(parseRepositoryUrl('https://github.com/')).toBeUndefined();
  });

  it('reads the origin remote of a real checkout, and the scan uses it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sigmature-origin-')), 'repo');
    cpSync('test/fixtures/repos/identity-reusable-names-called', dir, { recursive: true });
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/tools.git']);
    expect((await openLocalRepository(dir)).origin).toEqual({ url: 'git@github.com:acme/tools.git' });
    const scan = await scanDirectory(dir);
    expect(scan.verification?.signers[0]?.subject).toBe('https://github.com/acme/tools/.github/workflows/sign-image.yml@refs/tags/v*');
    expect(scan.verification?.verifiers.map((v) => v.status)).toEqual(['ok']);
  });

  it("reads the origin only inside the repository's own .git: not through a worktree pointer, not through a symlink", async () => {
    const base = mkdtempSync(join(tmpdir(), 'sigmature-origin-out-'));
    const elsewhere = join(base, 'elsewhere');
    execFileSync('git', ['init', '-q', elsewhere]);
    execFileSync('git', ['-C', elsewhere, 'remote', 'add', 'origin', 'https://github.com/secret/private.git']);
    // a .git file pointing at another repository (as a worktree's does)
    const pointer = join(base, 'pointer');
    mkdirSync(pointer);
    writeFileSync(join(pointer, '.git'), `gitdir: ${join(elsewhere, '.git')}\n`);
    expect((await openLocalRepository(pointer)).origin).toBeUndefined();
    // a .git/config that is a symlink leaving the repository
    const linked = join(base, 'linked');
    mkdirSync(join(linked, '.git'), { recursive: true });
    symlinkSync(join(elsewhere, '.git', 'config'), join(linked, '.git', 'config'));
    expect((await openLocalRepository(linked)).origin).toBeUndefined();
  });

  it('without a remote, names what would decide rather than guessing', async () => {
    const scan = await scanDirectory('test/fixtures/repos/identity-reusable-names-called');
    const v = scan.verification!.verifiers[0]!;
    expect(v.status).toBe('undetermined');
    expect(v.condition).toContain('github.com/acme/tools');
    expect(scan.verification!.signers[0]!.unknown).toContain('repository URL');
  });
});

const site = { file: '.github/workflows/release.yml', line: 1, text: '' };
const signer: RawSigner = { ci: 'github-actions', tool: 'cosign', workflow: '.github/workflows/release.yml', triggers: ['push'], refs: ['refs/tags/v*'], sites: [site] };
const repo = { host: 'github.com', path: 'acme/app' };
function verifier(over: Partial<VerifierExpectation>): VerifierExpectation {
  return { kind: 'cosign', name: 'v', mode: 'enforce', identities: [], keys: false, appliesTo: [], sites: [site], origin: 'ci', ...over };
}
const status = (v: VerifierExpectation, signers: RawSigner[] = [signer]) => matchVerification({ signers, verifiers: [v], repo }).verifiers[0]!.status;
const ISSUER = { how: 'exact' as const, value: 'https://token.actions.githubusercontent.com' };

describe('match', () => {
  it('ok: exact identity at a tag the trigger accepts', () => {
    expect(status(verifier({ identities: [{ subject: { how: 'exact', value: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v2.3.1' }, issuer: ISSUER }] }))).toBe('ok');
  });
  it('inert: another issuer (a GitLab identity checked as GitHub, or the reverse)', () => {
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: '^https://github\\.com/acme/app/' }, issuer: { how: 'exact', value: 'https://gitlab.com' } }] }))).toBe('inert');
  });
  it('too broad: any repository of the owner, or anyone', () => {
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: '^https://github\\.com/acme/' }, issuer: ISSUER }] }))).toBe('too-broad');
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: '.*' }, issuer: ISSUER }] }))).toBe('too-broad');
    // gh attestation verify --owner acme
    expect(status(verifier({ kind: 'gh-attestation', identities: [{ subject: { how: 'prefix', value: 'https://github.com/acme/' }, issuer: ISSUER }] }))).toBe('too-broad');
  });
  it('an unanchored expression naming the repository also accepts a look-alike: too broad', () => {
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: 'github.com/acme/app/.github/workflows/release.yml' }, issuer: ISSUER }] }))).toBe('ok');
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: 'acme/' }, issuer: ISSUER }] }))).toBe('too-broad');
    // `acme/app` without a closing slash also matches acme/app-fork
    expect(status(verifier({ identities: [{ subject: { how: 'regexp', value: 'https://github.com/acme/app' }, issuer: ISSUER }] }))).toBe('too-broad');
  });
  it('a wildcard over an organisation is too broad even with no signer to compare (Kyverno https://github.com/fluxcd/*)', () => {
    const org = verifier({ origin: 'policy', kind: 'kyverno', identities: [{ subject: { how: 'wildcard', value: 'https://github.com/fluxcd/*' }, issuer: ISSUER }] });
    expect(status(org, [])).toBe('too-broad');
  });
  it('audit only, key-based, no signer known', () => {
    const good = [{ subject: { how: 'regexp' as const, value: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v' }, issuer: ISSUER }];
    expect(status(verifier({ identities: good, mode: 'audit' }))).toBe('audit-only');
    expect(status(verifier({ keys: true }))).toBe('key-based');
    expect(status(verifier({ identities: good }), [])).toBe('no-signer-known');
  });
  it("a verify naming only another project (a builder image's signer) checks that project's artifacts, not this release", () => {
    const builder = verifier({ identities: [{ subject: { how: 'exact', value: 'https://github.com/gythialy/golang-cross/.github/workflows/release-golang-cross.yml@refs/tags/v1.26.4-0' }, issuer: ISSUER }] });
    expect(status(builder)).toBe('other-repository');
    // a policy naming this project under the wrong host is about this project: inert, not someone else's
    const wrongHost = verifier({ identities: [{ subject: { how: 'wildcard', value: 'https://gitlab.com/acme/app//.gitlab-ci.yml@refs/tags/*' }, issuer: { how: 'exact', value: 'https://gitlab.com' } }] });
    expect(status(wrongHost)).toBe('inert');
  });
  it('slsa-verifier accepts only SLSA provenance of the named source and tag', () => {
    const slsa = { ...signer, tool: 'slsa-github-generator' };
    const v = verifier({ kind: 'slsa-verifier', signedBy: ['slsa-github-generator'], identities: [{ sourceRepository: { how: 'exact', value: 'github.com/acme/app' }, sourceRef: { how: 'exact', value: 'refs/tags/v1.2.0' } }] });
    expect(status(v, [slsa])).toBe('ok');
    expect(status(v, [signer])).toBe('inert');
  });
  it('a signer of another repository (portfolio) is accepted across repositories', () => {
    const other = matchVerification({ signers: [signer], verifiers: [], repo }).signers[0]!;
    const deploy = matchVerification({
      signers: [], repo: { host: 'github.com', path: 'acme/deploy' }, elsewhere: [{ ...other, repository: 'acme/app', id: 'S1' }],
      verifiers: [verifier({ origin: 'policy', kind: 'kyverno', identities: [{ subject: { how: 'wildcard', value: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*' }, issuer: ISSUER }] })],
    });
    expect(deploy.verifiers[0]!.status).toBe('ok');
    expect(deploy.verifiers[0]!.accepts).toEqual([0]);
  });
});

describe('SARIF', () => {
  it('reports inert and too-broad verifiers at the policy line', async () => {
    const { toSarif } = await import('../../src/report/sarif.js');
    const tool = { name: 'sigmature', version: '0', informationUri: 'https://example.invalid' };
    const results = async (fixture: string, url: string) => {
      const log = toSarif(await scanDirectory(`test/fixtures/repos/${fixture}`, { repoUrl: url }), tool) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
      return log.runs[0]!.results.filter((r) => r.ruleId === 'SIG006' || r.ruleId === 'SIG007').map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`);
    };
    expect(await results('identity-kyverno-renamed-workflow', 'https://github.com/acme/shop')).toEqual(['SIG006 deploy/policy/verify-shop.yaml:21']);
    expect(await results('identity-org-wide-regexp', 'https://github.com/acme/ledger')).toEqual(['SIG007 k8s/policy.yaml:13']);
    expect(await results('identity-matching-enforced', 'https://github.com/acme/web')).toEqual([]);
  });
});

describe('the report', () => {
  it.each(['en', 'ja'] as const)('shows signers beside verifiers with file:line, and passes markdownlint (%s)', async (lang) => {
    const { lint } = await import('markdownlint/sync');
    const { detectedAnswers } = await import('../../src/assess/detected-answers.js');
    const { loadBank } = await import('../../src/model/bank.js');
    const { generateReport } = await import('../../src/report/generate.js');
    const bank = loadBank();
    const scan = await scanDirectory('test/fixtures/repos/identity-kyverno-renamed-workflow', { repoUrl: 'https://github.com/acme/shop' });
    const { text } = await generateReport({ bank, answers: detectedAnswers(bank, scan), scan, lang, format: 'markdown', tool: { name: 'sigmature', version: '0' } });
    const section = text.slice(text.indexOf(lang === 'en' ? '### Verification' : '### 検証'));
    expect(section).toContain('`https://github.com/acme/shop/.github/workflows/build.yml@refs/tags/v*`');
    expect(section).toContain('`.github/workflows/build.yml:21`');
    expect(section).toContain('`deploy/policy/verify-shop.yaml:21`');
    expect(section).toContain(lang === 'en' ? 'Inert: accepts none of the signers found' : '無効');
    // a Kyverno issuer without a wildcard reads as the exact value it is
    expect(section).toContain('issuer `https://token.actions.githubusercontent.com` |');
    expect(section).not.toContain('githubusercontent.com (wildcard)');
    expect(lint({ strings: { md: text }, config: { default: true, MD013: false } }).md ?? []).toEqual([]);
  });
});

describe('contradictions from the verification map', () => {
  it.each([
    ['identity-kyverno-renamed-workflow', 'https://github.com/acme/shop', 'VER-2', 'admission-control', 'deploy/policy/verify-shop.yaml:21', 'accepts none'],
    ['identity-warn-mode', 'https://github.com/acme/payments', 'VER-2', 'admission-control', 'deploy/cip.yaml:13', 'only warns'],
    ['identity-org-wide-regexp', 'https://github.com/acme/ledger', 'VER-1', 'identity-and-issuer-pinned', 'k8s/policy.yaml:13', 'regular expression'],
  ])('%s: %s = %s is contradicted at the verifier', async (fixture, url, question, claim, where, words) => {
    const { findContradictions } = await import('../../src/assess/contradictions.js');
    const { loadBank } = await import('../../src/model/bank.js');
    const scan = await scanDirectory(`test/fixtures/repos/${fixture}`, { repoUrl: url });
    const found = findContradictions(loadBank(), { [question]: claim }, scan, 'en');
    expect(found.map((c) => `${c.question} ${c.at ? `${c.at.file}:${c.at.line}` : ''}`)).toEqual([`${question} ${where}`]);
    expect(found[0]!.message).toContain(words);
  });
  it('an enforcing, matching verifier contradicts nothing', async () => {
    const { findContradictions } = await import('../../src/assess/contradictions.js');
    const { loadBank } = await import('../../src/model/bank.js');
    const scan = await scanDirectory('test/fixtures/repos/identity-matching-enforced', { repoUrl: 'https://github.com/acme/web' });
    expect(findContradictions(loadBank(), { 'VER-2': 'admission-control' }, scan, 'en')).toEqual([]);
  });
});

describe('the scan screen', () => {
  it.each([
    ['en', 'identity-kyverno-renamed-workflow', 'https://github.com/acme/shop', '1 inert', 'deploy/policy/verify-shop.yaml:21'],
    ['ja', 'identity-matching-enforced', 'https://github.com/acme/web', 'OK 2 件', '.github/workflows/release.yml:30'],
  ] as const)('%s: %s counts verifiers by verdict and points at the worst', async (lang, fixture, url, value, where) => {
    const { foundFacts } = await import('../../src/ui/found-facts.js');
    const rows = foundFacts(await scanDirectory(`test/fixtures/repos/${fixture}`, { repoUrl: url }), lang);
    expect(rows.at(-1)).toMatchObject({ value, where });
  });
});

describe('refs from triggers and conditions', () => {
  it("a job's if: startsWith(github.ref, 'refs/tags/') keeps the tags of a push-anything workflow", async () => {
    const workflow = [
      'on: [push, workflow_dispatch]',
      'jobs:',
      '  sign:',
      "    if: startsWith(github.ref, 'refs/tags/')",
      '    runs-on: ubuntu-latest',
      '    permissions: {id-token: write}',
      '    steps:',
      '      - run: cosign sign --yes ghcr.io/acme/app@sha256:0000',
    ].join('\n');
    const scan = scanFiles({ '.github/workflows/ci.yml': workflow });
    expect(scan.verification!.signers.map((s) => s.refs)).toEqual([['refs/tags/**']]);
  });
  it("a step's if: github.ref == 'refs/heads/main' keeps that ref alone; a condition with || narrows nothing", async () => {
    const workflow = (cond: string) => [
      'on: [push, workflow_dispatch]',
      'jobs:',
      '  sign:',
      '    runs-on: ubuntu-latest',
      '    permissions: {id-token: write}',
      '    steps:',
      `      - if: ${cond}`,
      '        run: cosign sign --yes ghcr.io/acme/app@sha256:0000',
    ].join('\n');
    const refsOf = (cond: string) => scanFiles({ '.github/workflows/ci.yml': workflow(cond) }).verification!.signers.map((s) => s.refs);
    expect(refsOf("github.ref == 'refs/heads/main'")).toEqual([['refs/heads/main']]);
    expect(refsOf("github.ref == 'refs/heads/main' || github.event_name == 'workflow_dispatch'")).toEqual([['refs/heads/**', 'refs/tags/**']]);
  });
  it("GitLab: workflow: rules decide for a job without its own; an unknown condition means any ref", async () => {
    const pipeline = (workflowRules: string[]) => [
      'workflow:',
      '  rules:',
      ...workflowRules.map((r) => `    - ${r}`),
      'sign:',
      '  id_tokens: {SIGSTORE_ID_TOKEN: {aud: sigstore}}',
      '  script:',
      '    - cosign sign --yes "$CI_REGISTRY_IMAGE@$DIGEST"',
    ].join('\n');
    const refsOf = (rules: string[]) => scanFiles({ '.gitlab-ci.yml': pipeline(rules) }, { host: 'gitlab.com', path: 'acme/app' }).verification!.signers.map((s) => s.refs);
    expect(refsOf(['if: $CI_COMMIT_TAG'])).toEqual([['refs/tags/**']]);
    expect(refsOf(['if: $CI_COMMIT_TAG', 'if: $CI_PIPELINE_SOURCE == "merge_request_event"'])).toEqual([['refs/tags/**', 'refs/heads/**']]);
  });
  it("GitLab: the job's rules decide the refs, and their line is evidence", async () => {
    const scan = await scanDirectory('test/fixtures/repos/identity-gitlab-github-style', { repoUrl: 'https://gitlab.com/acme/billing' });
    const s = scan.verification!.signers[0]!;
    expect(s.refs).toEqual(['refs/tags/**']);
    expect(s.evidence.map((id) => scan.evidence.find((e) => e.id === id)!.line)).toEqual([22, 23]);
  });
});

describe('documented verification', () => {
  it('a README telling users to verify with an identity no release produces is inert, and feeds no answer', async () => {
    const { factsForRules } = await import('../../src/assess/prefill.js');
    const workflow = [
      'on: {push: {tags: ["v*"]}}',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    permissions: {id-token: write}',
      '    steps:',
      '      - run: cosign sign-blob --yes --bundle app.bundle dist/app',
    ].join('\n');
    const readme = [
      '# app',
      '',
      '```sh',
      'cosign verify-blob dist/app --bundle app.bundle \\',
      '  --certificate-identity https://github.com/acme/app/.github/workflows/publish.yml@refs/tags/v1.2.0 \\',
      '  --certificate-oidc-issuer https://token.actions.githubusercontent.com',
      '```',
    ].join('\n');
    const scan = scanFiles({ '.github/workflows/release.yml': workflow, 'README.md': readme });
    const v = scan.verification!.verifiers;
    expect(v.map((x) => [x.origin, x.status])).toEqual([['docs', 'inert']]);
    expect(scan.evidence.find((e) => e.id === v[0]!.evidence[0])).toMatchObject({ file: 'README.md', line: 4 });
    const facts = factsForRules(scan);
    expect([facts.verifierChecks, facts.verifierProblems, facts.enforcedVerification]).toEqual([[], [], []]);
  });
});

describe('variables in verify options', () => {
  it("resolve from the script's own assignments, as image names do", async () => {
    const workflow = [
      'on: {push: {tags: ["v*"]}}',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    permissions: {id-token: write}',
      '    env: {ISSUER: "https://token.actions.githubusercontent.com"}',
      '    steps:',
      '      - run: cosign sign --yes ghcr.io/acme/app@sha256:0000',
      '      - run: |',
      '          IDENTITY="https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0"',
      '          cosign verify ghcr.io/acme/app@sha256:0000 --certificate-identity "$IDENTITY" --certificate-oidc-issuer "${ISSUER}"',
    ].join('\n');
    const scan = scanFiles({ '.github/workflows/release.yml': workflow });
    expect(scan.verification!.verifiers.map((v) => [v.status, v.unresolved])).toEqual([['ok', undefined]]);
  });
});

describe('npm audit signatures', () => {
  it("is in the verification map as a registry-key check of dependencies, not this repository's verification", async () => {
    const workflow = ['on: [push]', 'jobs:', '  ci:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm ci', '      - run: npm audit signatures'].join('\n');
    const scan = scanFiles({ '.github/workflows/ci.yml': workflow });
    expect(scan.verification!.verifiers.map((v) => [v.kind, v.status])).toEqual([['npm-audit-signatures', 'key-based']]);
    expect(scan.facts.verifies).toBe(false);
  });
});

describe('how broad a too-broad verifier is', () => {
  it.each([
    [{ how: 'regexp' as const, value: '.*' }, 'anyone'],
    [{ how: 'regexp' as const, value: '^https://github\\.com/acme/' }, 'owner'],
    [{ how: 'regexp' as const, value: '^https://github\\.com/acme/app' }, 'look-alike'],
  ])('%j → %s', async (subject, kind) => {
    const { breadthOf } = await import('../../src/detect/identity/match.js');
    const m = matchVerification({ signers: [signer], verifiers: [verifier({ identities: [{ subject, issuer: ISSUER }] })], repo }).verifiers[0]!;
    expect(m.status).toBe('too-broad');
    expect(breadthOf(m.alsoAccepts!).kind).toBe(kind);
  });
});
