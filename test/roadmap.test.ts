/**
 * Which roadmap steps a team gets (src/report/roadmap.ts with templates/roadmap/steps.yaml):
 * nothing it already does, nothing for an ecosystem it does not release, alternatives as one
 * step with a recommendation that follows from its answers and the repository, ordered by the
 * level a step unlocks and then by effort.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type AnswerValue } from '../src/assess/assess.js';
import { detectedAnswers } from '../src/assess/detected-answers.js';
import { scanDirectory } from '../src/detect/scan.js';
import type { ScanResult } from '../src/detect/types.js';
import type { Lang } from '../src/i18n/report-messages.js';
import { loadBank } from '../src/model/bank.js';
import { generateReport } from '../src/report/generate.js';
import { buildRoadmap, parseRoadmapCatalog, presentEcosystems, type RoadmapContext, type RoadmapStep } from '../src/report/roadmap.js';
import { answerSources, answerValues, emptyAnswers, type AnswersFile } from '../src/session/answers-file.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'repos');
const bank = loadBank();
const catalog = parseRoadmapCatalog();
const tool = { name: 'sigmature', version: '0.0.0-test' };
const EFFORT = { small: 0, medium: 1, large: 2 } as const;

const scans = new Map<string, ScanResult>();
async function scanOf(dir: string): Promise<ScanResult> {
  if (!scans.has(dir)) scans.set(dir, await scanDirectory(dir));
  return scans.get(dir)!;
}

/** The scan's detected answers, with the team's stated answers on top. */
function answersFor(scan: ScanResult | undefined, stated: Record<string, AnswerValue> = {}): AnswersFile {
  const file = scan ? detectedAnswers(bank, scan) : emptyAnswers(bank, {});
  for (const [id, value] of Object.entries(stated)) file.answers[id] = { value, source: 'stated' };
  return file;
}

function roadmapOf(file: AnswersFile, context: RoadmapContext = {}) {
  const assessment = assess(bank, answerValues(file), answerSources(file));
  return { assessment, steps: buildRoadmap(assessment, catalog, context) };
}

const ids = (steps: RoadmapStep[]) => steps.map((s) => s.id);

/** What every roadmap must hold, whoever the team. */
function expectWellFormed(steps: RoadmapStep[], assessment: ReturnType<typeof assess>) {
  const detectedOnly = new Set(assessment.criteria.filter((c) => c.status === 'met-detected' || c.met).map((c) => c.id));
  for (const s of steps) {
    expect(s.satisfies.length, s.id).toBeGreaterThan(0);
    for (const c of s.satisfies) expect(detectedOnly.has(c), `${s.id} claims ${c}, which needs confirming, not work`).toBe(false);
    expect(s.unlocksLevel).toBe(Math.min(...s.satisfies.map((c) => assessment.criteria.find((r) => r.id === c)!.level)));
    if (s.options.length) {
      expect(s.options[0]!.recommended, s.id).toBe(true);
      expect(s.options.filter((o) => o.recommended)).toHaveLength(1);
      expect(s.recommended).toBe(s.options[0]!.id);
      expect(s.snippet).toEqual(s.options[0]!.snippet);
    }
  }
  // by the level a step unlocks, then by effort
  for (let i = 1; i < steps.length; i++) {
    const [a, b] = [steps[i - 1]!, steps[i]!];
    expect(a.unlocksLevel <= b.unlocksLevel, `${a.id} before ${b.id}`).toBe(true);
    if (a.unlocksLevel === b.unlocksLevel) expect(EFFORT[a.effort] <= EFFORT[b.effort], `${a.id} (${a.effort}) before ${b.id} (${b.effort})`).toBe(true);
  }
}

/** The roadmap section of a rendered report: its headings and recommendation lines, without the snippets. */
function roadmapProse(markdown: string, lang: Lang): string {
  const heading = lang === 'ja' ? '## ロードマップ' : '## Roadmap';
  const section = markdown.slice(markdown.indexOf(heading), markdown.indexOf('\n## ', markdown.indexOf(heading) + 1));
  return section.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
}

// ---------------------------------------------------------------- the keyless example

describe('a keyless team (examples/repos/keyless-release)', () => {
  const dir = join(root, 'examples', 'repos', 'keyless-release');
  // the workshop's answers: keyless everywhere, pinned tools, no monitoring or governance yet
  const team: Record<string, AnswerValue> = {
    'KLS-1': 'all', 'KEY-1': 'no-long-lived-keys', 'CUS-1': 'no-keys', 'GOV-4': 'pinned-and-verified',
    'AUD-4': 'none', 'GOV-2': 'none', 'GOV-3': 'none',
  };
  // steps a keyless team never needs, whatever else it still has to do
  // (who holds keys and who may sign stay open until the team states them: keyless does not settle
  // the interview, nor who can trigger the signing workflow)
  const alreadyDone = ['protect-signing-keys', 'key-rotation-runbook', 'sign-release-deliverables'];
  const otherEcosystems = ['npm-trusted-publishing-provenance'];
  let scan: ScanResult;
  beforeAll(async () => {
    scan = await scanOf(dir);
  });

  it('releases a container image and nothing else the roadmap knows of', () => {
    const { assessment } = roadmapOf(answersFor(scan));
    expect(presentEcosystems(assessment, catalog, scan)).toEqual(['container']);
  });

  it.each([
    ['the scan alone', {}],
    ['the team\'s answers', team],
  ] as const)('with %s, proposes nothing it already does and no ecosystem it lacks', (_what, stated) => {
    const { assessment, steps } = roadmapOf(answersFor(scan, stated), scan);
    expectWellFormed(steps, assessment);
    expect(steps.length).toBeGreaterThan(0);
    for (const id of [...alreadyDone, ...otherEcosystems]) expect(ids(steps), id).not.toContain(id);
    for (const s of steps) {
      for (const e of s.ecosystems) expect(e).toBe('container');
      expect(s.options.map((o) => o.id), s.id).not.toContain('keyless');
      expect(s.options.map((o) => o.id), s.id).not.toContain('vault-transit');
    }
  });

  it('drops "pin the signing toolchain" once the team pins and verifies its tools', () => {
    expect(ids(roadmapOf(answersFor(scan), scan).steps)).toContain('pin-signing-toolchain');
    expect(ids(roadmapOf(answersFor(scan, team), scan).steps)).not.toContain('pin-signing-toolchain');
  });

  it('asks a keyless team to restrict who can trigger signing (no key policy), until it states that it does', () => {
    for (const stated of [{}, team]) {
      const step = roadmapOf(answersFor(scan, stated), scan).steps.find((s) => s.id === 'restrict-and-document-key-access')!;
      expect(step.options.map((o) => o.id)).toEqual(['keyless-identity']);
      expect(step.options[0]!.recommended).toBe(true);
      expect(step.options[0]!.snippet.file).toBe('restrict-keyless-signing-github.md');
    }
    const restricted = { ...team, 'CUS-1': 'keyless-restricted' };
    expect(ids(roadmapOf(answersFor(scan, restricted), scan).steps)).not.toContain('restrict-and-document-key-access');
  });

  it('keeps the work the team said is not done: monitoring the log and a compromise runbook', () => {
    const steps = ids(roadmapOf(answersFor(scan, team), scan).steps);
    expect(steps).toEqual(expect.arrayContaining(['monitor-transparency-log', 'key-compromise-runbook', 'verify-before-deploy', 'block-unsigned-publishing']));
  });

  it.each(['en', 'ja'] as const)('renders a %s report whose roadmap names no done step, no KMS, Vault or npm', async (lang) => {
    for (const stated of [{}, team]) {
      const answers = answersFor(scan, stated);
      const { text } = await generateReport({ bank, answers, scan, lang, format: 'markdown', tool, catalog });
      const prose = roadmapProse(text, lang);
      expect(prose).toMatch(/### 1\. /);
      for (const step of catalog.steps.filter((s) => [...alreadyDone, ...otherEcosystems, 'pin-signing-toolchain'].includes(s.id) && (s.id !== 'pin-signing-toolchain' || stated === team))) {
        expect(prose, step.id).not.toContain(step.title[lang]);
      }
      const keyless = catalog.steps.find((s) => s.id === 'protect-signing-keys')!.options!.find((o) => o.id === 'keyless')!;
      expect(prose).not.toContain(keyless.title[lang]);
      expect(prose).not.toMatch(/Vault|KMS|npm/);
    }
  });
});

// ---------------------------------------------------------------- other repositories

describe('steps chosen from what the repository shows', () => {
  it.each([
    // fixture, recommended option of the key step (or none), snippet file, steps present, steps absent
    ['cosign-aws-kms', 'aws-kms', 'github-actions-cosign-aws-kms.yml', ['block-unsigned-publishing', 'verify-before-deploy'], ['npm-trusted-publishing-provenance']],
    ['cosign-gcp-kms', 'gcp-kms', 'cosign-kms-key-setup.sh', ['block-unsigned-publishing'], ['npm-trusted-publishing-provenance', 'attest-build-provenance']],
    ['notation-akv', 'azure-key-vault', 'cosign-kms-key-setup.sh', ['verify-before-deploy'], ['npm-trusted-publishing-provenance', 'attest-build-provenance']],
    ['cosign-vault', 'vault-transit', 'github-actions-cosign-vault-transit.yml', ['verify-before-deploy'], []],
    ['gha-key-env-secret', 'keyless', 'github-actions-keyless-cosign.yml', ['block-unsigned-publishing'], ['npm-trusted-publishing-provenance']],
    ['jenkins-gpg', 'cloud-kms', 'cosign-kms-key-setup.sh', ['key-rotation-runbook'], ['block-unsigned-publishing', 'verify-before-deploy', 'npm-trusted-publishing-provenance', 'attest-build-provenance']],
    ['gitlab-keyless', undefined, undefined, ['block-unsigned-publishing'], ['protect-signing-keys', 'key-rotation-runbook', 'npm-trusted-publishing-provenance', 'attest-build-provenance']],
    ['npm-provenance', undefined, undefined, ['npm-trusted-publishing-provenance'], ['protect-signing-keys', 'block-unsigned-publishing', 'verify-before-deploy']],
    ['pypi-attestations', undefined, undefined, [], ['protect-signing-keys', 'npm-trusted-publishing-provenance', 'block-unsigned-publishing', 'verify-before-deploy']],
    ['maven-gpg', 'keyless', 'github-actions-keyless-cosign.yml', ['protect-signing-keys'], ['npm-trusted-publishing-provenance', 'block-unsigned-publishing', 'verify-before-deploy']],
  ] as const)('%s: key step %s, %s', async (fixture, recommended, snippet, present, absent) => {
    const scan = await scanOf(join(fixtures, fixture));
    const { assessment, steps } = roadmapOf(answersFor(scan), scan);
    expectWellFormed(steps, assessment);
    const keys = steps.find((s) => s.id === 'protect-signing-keys');
    expect(keys?.recommended).toBe(recommended);
    expect(keys?.snippet.file).toBe(snippet);
    for (const id of present) expect(ids(steps), `${fixture}: ${id}`).toContain(id);
    for (const id of absent) expect(ids(steps), `${fixture}: ${id}`).not.toContain(id);
  });

  it('offers only the KMS of the cloud in use, and a generic cloud KMS when none is known', async () => {
    const aws = roadmapOf(answersFor(await scanOf(join(fixtures, 'cosign-aws-kms'))), await scanOf(join(fixtures, 'cosign-aws-kms')));
    expect(aws.steps.find((s) => s.id === 'protect-signing-keys')!.options.map((o) => o.id)).toEqual(['aws-kms', 'vault-transit', 'keyless']);
    const jenkins = await scanOf(join(fixtures, 'jenkins-gpg'));
    expect(roadmapOf(answersFor(jenkins), jenkins).steps.find((s) => s.id === 'protect-signing-keys')!.options.map((o) => o.id))
      .toEqual(['cloud-kms', 'vault-transit', 'keyless']);
  });

  it('gives a GitLab repository GitLab snippets', async () => {
    const scan = await scanOf(join(fixtures, 'gitlab-keyless'));
    const steps = roadmapOf(answersFor(scan), scan).steps;
    const gate = steps.find((s) => s.id === 'block-unsigned-publishing')!;
    expect(gate.snippet).toMatchObject({ ci: 'gitlab-ci', file: 'gitlab-ci-release-gate.yml' });
    for (const s of steps) expect(s.snippet.file, s.id).not.toMatch(/^github-actions-/);
  });

  it('renders alternatives as one step: the recommended option first with its snippet, the others in one line each', async () => {
    const scan = await scanOf(join(fixtures, 'cosign-aws-kms'));
    const answers = answersFor(scan);
    for (const lang of ['en', 'ja'] as const) {
      const { text } = await generateReport({ bank, answers, scan, lang, format: 'markdown', tool, catalog });
      const def = catalog.steps.find((s) => s.id === 'protect-signing-keys')!;
      const option = (id: string) => def.options!.find((o) => o.id === id)!;
      const at = text.indexOf(`. ${def.title[lang]}\n`);
      expect(at).toBeGreaterThan(0);
      const step = text.slice(at, text.indexOf('\n### ', at) > 0 ? text.indexOf('\n### ', at) : text.indexOf('\n## ', at));
      expect(step).toContain(`**${option('aws-kms').title[lang]}**`);
      expect(step.indexOf(option('aws-kms').title[lang])).toBeLessThan(step.indexOf(option('keyless').title[lang]));
      expect(step).toContain(`  - **${option('vault-transit').title[lang]}**: ${option('vault-transit').summary[lang]}`);
      expect(step).toContain(`  - **${option('keyless').title[lang]}**: ${option('keyless').summary[lang]}`);
      expect(step).not.toContain(option('gcp-kms').title[lang]);
      expect(step).toContain('awskms:///alias/release-signing'); // the recommended option's snippet
      expect(step.match(/^```/gm)).toHaveLength(2); // one snippet only
    }
  });

  it('puts the new fields in the JSON roadmap and keeps the old ones', async () => {
    const scan = await scanOf(join(fixtures, 'cosign-aws-kms'));
    const { text } = await generateReport({ bank, answers: answersFor(scan), scan, lang: 'en', format: 'json', tool, catalog });
    const step = JSON.parse(text).roadmap.find((s: { id: string }) => s.id === 'protect-signing-keys');
    expect(step).toMatchObject({
      id: 'protect-signing-keys', level: 3, unlocksLevel: 3, criteria: ['L2.keys-protected', 'L3.no-long-lived-keys'],
      satisfies: ['L3.no-long-lived-keys'], effort: 'medium', recommended: 'aws-kms',
      snippet: { file: 'github-actions-cosign-aws-kms.yml', ci: 'github-actions' },
    });
    expect(typeof step.title).toBe('string');
    expect(step.options.map((o: { id: string; recommended: boolean }) => [o.id, o.recommended])).toEqual([['aws-kms', true], ['vault-transit', false], ['keyless', false]]);
    expect(step.options[0].because).toMatch(/AWS KMS/);
  });
});

// ---------------------------------------------------------------- answers alone (no scan)

describe('steps chosen from the team\'s answers alone', () => {
  const base = { 'COV-2': 'some', 'AUT-1': 'ci-release', 'KEY-1': 'ci-secret', 'CUS-1': 'named-people', 'KLS-1': 'no' } as const;
  const stepsFor = (extra: Record<string, AnswerValue>) => roadmapOf(answersFor(undefined, { ...base, ...extra })).steps;

  it.each([
    ['npm stated as a signing tool', { 'COV-3': ['npm-provenance'] }, 'npm-trusted-publishing-provenance', true],
    ['only "language packages", naming no ecosystem', { 'COV-1': ['language-package'], 'COV-3': ['gpg'] }, 'npm-trusted-publishing-provenance', false],
    ['container images stated', { 'COV-1': ['container-image'] }, 'block-unsigned-publishing', true],
    ['no container images', { 'COV-1': ['binary'] }, 'block-unsigned-publishing', false],
    ['no container images', { 'COV-1': ['binary'] }, 'verify-before-deploy', false],
    ['tools pinned and verified', { 'GOV-4': 'pinned-and-verified' }, 'pin-signing-toolchain', false],
    ['tools pinned by version only', { 'GOV-4': 'version-pinned' }, 'pin-signing-toolchain', true],
    ['a rehearsed rotation', { 'GOV-2': 'rehearsed' }, 'key-rotation-runbook', false],
    ['no rotation', { 'GOV-2': 'none' }, 'key-rotation-runbook', true],
    ['a documented compromise plan', { 'GOV-3': 'documented' }, 'key-compromise-runbook', false],
    ['identities monitored', { 'AUD-4': 'identity-monitoring' }, 'monitor-transparency-log', false],
  ] as [string, Record<string, AnswerValue>, string, boolean][])('%s → %s %s', (_what, extra, id, expected) => {
    expect(ids(stepsFor(extra)).includes(id)).toBe(expected);
  });

  it('takes a detected keyless answer as done, but not one the team contradicts with a key in a CI secret', () => {
    const detected = answersFor(undefined, { ...base, 'KEY-1': 'no-long-lived-keys', 'CUS-1': 'no-keys' });
    detected.answers['KLS-1'] = { value: 'all', source: 'detected' };
    expect(ids(roadmapOf(detected).steps)).not.toContain('protect-signing-keys');
    const contradicted = answersFor(undefined, { ...base, 'KLS-1': 'all' }); // KEY-1: ci-secret
    expect(ids(roadmapOf(contradicted).steps)).toContain('protect-signing-keys');
  });

  it('recommends keyless when the CI is unknown, and a cloud KMS where the CI cannot sign keylessly', () => {
    const file = answersFor(undefined, base);
    expect(roadmapOf(file).steps.find((s) => s.id === 'protect-signing-keys')!.recommended).toBe('keyless');
    expect(roadmapOf(file, { facts: { ci: ['jenkins'] } }).steps.find((s) => s.id === 'protect-signing-keys')!.recommended).toBe('cloud-kms');
    expect(roadmapOf(file, { facts: { ci: ['circleci'] } }).steps.find((s) => s.id === 'protect-signing-keys')!.recommended).toBe('keyless');
    // the team's own word on where keys live counts too
    expect(roadmapOf(answersFor(undefined, { ...base, 'KEY-1': 'vault' })).steps.find((s) => s.id === 'protect-signing-keys')!.recommended)
      .toBe('vault-transit');
  });
});

// ---------------------------------------------------------------- the data itself

describe('templates/roadmap/steps.yaml conditions', () => {
  type Cond = Record<string, unknown>;
  const conditions: [string, Cond][] = [];
  const walk = (where: string, c: unknown) => {
    if (!c || typeof c !== 'object') return;
    const cond = c as Cond;
    if ('question' in cond || 'fact' in cond || 'published' in cond) conditions.push([where, cond]);
    for (const key of ['allOf', 'anyOf']) for (const x of (cond[key] as unknown[] | undefined) ?? []) walk(where, x);
    if ('not' in cond) walk(where, cond.not);
  };
  for (const [name, eco] of Object.entries(catalog.ecosystems)) walk(`ecosystems.${name}`, eco.when);
  for (const s of catalog.steps) {
    walk(`${s.id}.doneWhen`, s.doneWhen);
    walk(`${s.id}.appliesWhen`, s.appliesWhen);
    for (const o of s.options ?? []) for (const key of ['offerWhen', 'recommendWhen', 'doneWhen'] as const) walk(`${s.id}/${o.id}.${key}`, o[key]);
  }

  it('name questions and option values that exist in the bank', () => {
    const questionConds = conditions.filter(([, c]) => 'question' in c);
    expect(questionConds.length).toBeGreaterThan(10);
    for (const [where, c] of questionConds) {
      const q = bank.byId.get(c.question as string);
      expect(q, `${where}: ${String(c.question)}`).toBeDefined();
      for (const v of c.in as string[]) expect(q!.options.map((o) => o.value), `${where}: ${String(c.question)}=${v}`).toContain(v);
    }
  });

  it('name fact values of the detection vocabulary', () => {
    const vocabulary: Record<string, string[]> = {
      ci: ['github-actions', 'gitlab-ci', 'jenkins', 'circleci', 'azure-pipelines', 'bitbucket-pipelines', 'tekton', 'buildkite', 'travis', 'drone', 'cloud-build', 'codebuild'],
      kmsProviders: ['aws', 'gcp', 'azure', 'hashicorp-vault', 'pkcs11'],
      keyCustody: ['keyless', 'ci-secret', 'kms', 'vault', 'hsm', 'file-in-repo', 'unknown'],
      artifactsSigned: ['container-image', 'blob', 'package', 'checksums'],
      attestations: ['provenance', 'sbom', 'vuln-scan', 'custom'],
    };
    vocabulary.tools = [
      'cosign', 'notation', 'gpg', 'minisign', 'signify', 'sigstore-python', 'sigstore-js', 'npm-provenance', 'pypi-attestations', 'goreleaser',
      'slsa-github-generator', 'attest-build-provenance', 'maven-gpg', 'gradle-signing', 'jarsigner', 'signtool', 'codesign', 'apksigner',
      'rpm-sign', 'docker-content-trust', 'aws-signer', 'azure-trusted-signing', 'in-toto', 'witness',
    ];
    for (const [where, c] of conditions.filter(([, c]) => 'includes' in c)) {
      const known = vocabulary[c.fact as string];
      expect(known, `${where}: ${String(c.fact)}`).toBeDefined();
      for (const v of [c.includes].flat() as string[]) expect(known, `${where}: ${String(c.fact)} includes ${v}`).toContain(v);
    }
  });
});
