/** Test doubles for the wizard: scan results shaped like the detector's, and an IO that records. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { wizardPaths } from '../../src/ui/run.js';
import type { ScanResult } from '../../src/detect/types.js';
import { createCore } from '../../src/ui/core.js';
import { createWizardStore, type WizardStore } from '../../src/ui/store/create-wizard-store.js';
import type { AnswersFile, Core, Lang, Ready, WizardIO, WizardPaths } from '../../src/ui/store/types.js';

export const core: Core = createCore();

export const PATHS: WizardPaths = {
  dir: '/work/repo',
  displayDir: 'repo',
  answers: '/work/repo/.sigmature/answers.yaml',
  report: '/work/sigmature-report.md',
};

const base = (): ScanResult => ({
  repository: { root: '/work/repo', commit: '0123456789abcdef0123456789abcdef01234567' },
  facts: {
    ci: ['github-actions'], signs: true, tools: ['cosign'], keyless: true, keyCustody: ['keyless'], kmsProviders: [],
    artifactsSigned: ['container-image'], attestations: [], verifies: false, committedPrivateKeys: [], verificationDocumented: false,
  },
  evidence: [
    { id: 'E1', file: '.github/workflows/release.yml', line: 23, excerpt: 'cosign sign --yes "$IMAGE@$DIGEST"', detector: 'imagesAreSignedKeylessly', confidence: 'high' },
    { id: 'E2', file: '.github/workflows/release.yml', line: 12, excerpt: 'id-token: write', detector: 'imagesAreSignedKeylessly', confidence: 'high' },
    { id: 'E3', file: '.github/workflows/release.yml', line: 1, excerpt: 'name: release', detector: 'usesGithubActions', confidence: 'high' },
  ],
  findings: [
    { detector: 'imagesAreSignedKeylessly', fact: 'keyless', value: true, evidence: ['E1', 'E2'] },
    { detector: 'imagesAreSignedKeylessly', fact: 'keyCustody', value: 'keyless', evidence: ['E1'] },
    { detector: 'imagesAreSignedKeylessly', fact: 'signs', value: true, evidence: ['E1'] },
    { detector: 'imagesAreSignedKeylessly', fact: 'tools', value: 'cosign', evidence: ['E1'] },
    { detector: 'imagesAreSignedKeylessly', fact: 'artifactsSigned', value: 'container-image', evidence: ['E1'] },
    { detector: 'usesGithubActions', fact: 'ci', value: 'github-actions', evidence: ['E3'] },
  ],
  published: [],
  testKeys: [],
  warnings: [],
  detectors: [],
});

/** A GitHub Actions workflow that signs an image keylessly with cosign. */
export function keylessScan(): ScanResult {
  return base();
}

/** The same workflow signing with a long-lived key from a CI secret (`--key env://COSIGN_PRIVATE_KEY`). */
export function keySecretScan(): ScanResult {
  const scan = base();
  scan.facts = { ...scan.facts, keyless: false, keyCustody: ['ci-secret'] };
  scan.evidence = [
    { id: 'E1', file: '.github/workflows/release.yml', line: 51, excerpt: 'cosign sign --key env://COSIGN_PRIVATE_KEY "$IMAGE"', detector: 'signsWithKeyFromCiSecret', confidence: 'high' },
    scan.evidence[2]!,
  ];
  scan.findings = [
    { detector: 'signsWithKeyFromCiSecret', fact: 'keyCustody', value: 'ci-secret', evidence: ['E1'] },
    { detector: 'signsWithKeyFromCiSecret', fact: 'keyless', value: false, evidence: ['E1'] },
    { detector: 'signsWithKeyFromCiSecret', fact: 'signs', value: true, evidence: ['E1'] },
    { detector: 'signsWithKeyFromCiSecret', fact: 'tools', value: 'cosign', evidence: ['E1'] },
    { detector: 'usesGithubActions', fact: 'ci', value: 'github-actions', evidence: ['E3'] },
  ];
  return scan;
}

export interface RecordingIO extends WizardIO {
  saves: AnswersFile[];
  setAside: ReturnType<typeof vi.fn<() => string | undefined>>;
  writeReport: ReturnType<typeof vi.fn<WizardIO['writeReport']>>;
}

export function recordingIO(): RecordingIO {
  const saves: AnswersFile[] = [];
  return {
    saves,
    asideTo: '/work/repo/.sigmature/answers-20250101-000000.yaml',
    save: (file) => void saves.push(structuredClone(file)),
    setAside: vi.fn(() => '/work/repo/.sigmature/answers-20250101-000000.yaml'),
    writeReport: vi.fn(async () => ({ report: PATHS.report, answers: PATHS.answers, level: 1 })),
  };
}

export interface Setup {
  store: WizardStore;
  io: RecordingIO;
}

/** A store as the wizard has it once the bank is loaded: optionally with a saved file on offer. */
export function setup(opts: { lang?: Lang; saved?: Ready['saved']; ready?: boolean } = {}): Setup {
  const io = recordingIO();
  const store = createWizardStore({
    lang: opts.lang ?? 'en',
    paths: PATHS,
    today: '2025-06-01',
    ...(opts.saved ? { savedOffer: { savedAt: '2025-05-31 17:02' } } : {}),
  });
  if (opts.ready !== false) store.getState().ready({ core, io, ...(opts.saved ? { saved: opts.saved } : {}) });
  return { store, io };
}

/** Runs the scan step as the wizard does after the first frame. */
export function scanWith(store: WizardStore, scan: ScanResult | undefined): void {
  store.getState().scanStarted();
  if (scan) store.getState().scanFinished(scan);
  else store.getState().scanFailed('the detector is not installed', true);
}

/** A saved answers file as the wizard writes it, for resume tests. */
export function savedFile(answers: AnswersFile['answers'], meta: Partial<AnswersFile['meta']> = {}): AnswersFile {
  return {
    schemaVersion: 1,
    bank: { id: core.bank.id, version: core.bank.version },
    meta: { participants: [], ...meta },
    answers,
  };
}

const workspaces: string[] = [];

/**
 * A real folder for a whole wizard run (`repo/` to scan, `out/report.md` to write), removed after
 * the test that made it. Call at module level of a test file: `const workspace = wizardWorkspaces('flow')`.
 */
export function wizardWorkspaces(prefix: string): () => WizardPaths {
  afterEach(() => {
    for (const d of workspaces.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const root = mkdtempSync(join(tmpdir(), `sigmature-${prefix}-`));
    workspaces.push(root);
    mkdirSync(join(root, 'repo'));
    return wizardPaths({ dir: 'repo', out: 'out/report.md' }, root);
  };
}
