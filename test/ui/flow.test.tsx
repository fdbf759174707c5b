/**
 * The whole wizard as a facilitator drives it: the real bank, real files in a temporary directory,
 * a scan result shaped like the detector's, keys typed one at a time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ScanResult } from '../../src/detect/types.js';
import { boot } from '../../src/ui/run.js';
import { createWizardStore, type WizardStore } from '../../src/ui/store/create-wizard-store.js';
import type { Lang, WizardPaths } from '../../src/ui/store/types.js';
import { keySecretScan, keylessScan, wizardWorkspaces } from './fixtures.js';
import { claimKeylessAgainstScan, CTRL_C, DOWN, ENTER, fits, press, renderWizard, type, waitForFrame, type Rendered } from './ink-helpers.js';

const workspace = wizardWorkspaces('flow');

/** Starts the wizard as `runWizardUi` does: first frame, then the bank, the saved answers and the scan. */
async function start(paths: WizardPaths, scan: ScanResult, lang: Lang = 'en'): Promise<{ store: WizardStore; r: Rendered }> {
  const saved = statSync(paths.answers, { throwIfNoEntry: false });
  const store = createWizardStore({ lang, paths, today: '2025-06-01', ...(saved ? { savedOffer: { savedAt: 'earlier' } } : {}) });
  const r = await renderWizard(store);
  await boot(store, {}, paths, async () => async () => scan);
  return { store, r };
}

/** Presses Enter until the wizard ends, and returns how many presses it took. */
async function enterToTheEnd(r: Rendered, store: WizardStore, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await press(r, ENTER);
    if (store.getState().exitCode !== undefined) return i;
  }
  throw new Error(`still running after ${max} Enters:\n${r.lastFrame()}`);
}

const answersOf = (paths: WizardPaths) => parse(readFileSync(paths.answers, 'utf8')) as { meta: Record<string, unknown>; answers: Record<string, { value: unknown; source: string; note?: string; contradiction?: string; evidence?: unknown[] }> };

describe('the whole flow', () => {
  it('Enter at every screen reaches a written report, with detected answers confirmed', async () => {
    const paths = workspace();
    const { store, r } = await start(paths, keylessScan());
    const presses = await enterToTheEnd(r, store);
    const done = await waitForFrame(r, 'Report: ');
    expect(done).toMatch(/Assessed level: \d of 3/);
    expect(store.getState().exitCode).toBe(0);
    expect(presses).toBeLessThan(40);

    const report = readFileSync(paths.report, 'utf8');
    expect(report).toMatch(/level/i);
    const saved = answersOf(paths);
    expect(saved.answers['KEY-1']).toMatchObject({ value: 'no-long-lived-keys', source: 'confirmed' });
    expect(saved.answers['KEY-1']!.evidence).toHaveLength(1);
    // nothing was detected for AUT-2: Enter recorded an open item, not a guess
    expect(saved.answers['AUT-2']).toMatchObject({ value: 'unsure', source: 'stated' });
    expect(saved.meta).toMatchObject({ language: 'en', date: '2025-06-01', targetLevel: 3 });
  });

  it('resumes after an interruption without losing anything, and goes on where the team stopped', async () => {
    const paths = workspace();
    const first = await start(paths, keySecretScan());
    const { r } = first;
    await waitForFrame(r, '> Organisation');
    await type(r, 'Acme');
    await press(r, ENTER, ENTER);
    await type(r, 'Aiko, Ben');
    await press(r, ENTER, ENTER, ENTER, ENTER, ENTER);
    await waitForFrame(r, 'Press Enter to start the questions.');
    await press(r, ENTER);
    await waitForFrame(r, '1/22 · Coverage');
    await press(r, ENTER); // COV-1: detected, confirmed
    await waitForFrame(r, '2/22 · Coverage');
    await press(r, 'n');
    await type(r, 'CLI tarball unsigned');
    await press(r, ENTER);
    await press(r, DOWN);
    await press(r, ENTER); // COV-2: most (stated, overriding the detected "some"), with a note and a reason
    await waitForFrame(r, 'Reason:');
    await type(r, 'the Helm chart is not signed');
    await press(r, ENTER);
    await waitForFrame(r, '3/22 · Coverage');
    await press(r, 'q');
    const bye = await waitForFrame(r, 'Stopped.');
    expect(bye).toContain('Every answer is saved in');
    expect(first.store.getState().exitCode).toBe(0);
    r.unmount();

    const between = answersOf(paths);
    expect(between.meta).toMatchObject({ organisation: 'Acme', participants: ['Aiko', 'Ben'] });
    expect(between.answers['COV-2']).toMatchObject({
      value: 'most', source: 'stated', note: 'CLI tarball unsigned',
      override: { detected: 'some', reason: 'the Helm chart is not signed' },
      evidence: [{ file: '.github/workflows/release.yml', line: 51 }],
    });

    const second = await start(paths, keySecretScan());
    const offer = await waitForFrame(second.r, 'Saved answers found');
    expect(offer).toContain('For: Acme');
    await press(second.r, ENTER);
    await waitForFrame(second.r, 'Organisation  Acme');
    await press(second.r, ENTER);
    await waitForFrame(second.r, 'Press Enter to continue at question 3.');
    await press(second.r, ENTER);
    await waitForFrame(second.r, '3/22 · Coverage');
    await enterToTheEnd(second.r, second.store);
    const report = readFileSync(paths.report, 'utf8');
    expect(report).toContain('CLI tarball unsigned');
    expect(answersOf(paths).answers['COV-2']).toMatchObject({ value: 'most', source: 'stated', override: { detected: 'some', reason: 'the Helm chart is not signed' } });
  });

  it('records a contradiction the team keeps, into the answers file and the report', async () => {
    const paths = workspace();
    const { store, r } = await start(paths, keySecretScan());
    await claimKeylessAgainstScan(r, store);
    await press(r, ENTER);
    await waitForFrame(r, 'Review:');
    await press(r, ENTER);
    await waitForFrame(r, 'Press Enter to write the report.');
    await press(r, ENTER);
    await waitForFrame(r, 'Report: ');
    expect(answersOf(paths).answers['KLS-1']!.contradiction).toContain('.github/workflows/release.yml:51');
  });

  it('runs in Japanese end to end', async () => {
    const paths = workspace();
    const { store, r } = await start(paths, keylessScan(), 'ja');
    const welcome = await waitForFrame(r, '成果物署名の成熟度ワークショップ');
    expect(fits(welcome)).toBe(true);
    await enterToTheEnd(r, store);
    const done = await waitForFrame(r, 'レポート: ');
    expect(done).toMatch(/評価結果: レベル \d \/ 3/);
    expect(readFileSync(paths.report, 'utf8')).toMatch(/レベル/);
    expect(answersOf(paths).meta.language).toBe('ja');
  });

  it('Ctrl+C on a question stops at once; what was answered is on disk', async () => {
    const paths = workspace();
    const { store, r } = await start(paths, keylessScan());
    store.getState().begin();
    await waitForFrame(r, 'Press Enter to start the questions.');
    await press(r, ENTER, ENTER);
    await waitForFrame(r, '2/22');
    await press(r, DOWN, ENTER);
    await waitForFrame(r, 'Reason:');
    await press(r, ENTER);
    await waitForFrame(r, '3/22');
    await press(r, CTRL_C);
    await waitForFrame(r, 'Stopped.');
    expect(store.getState().exitCode).toBe(130);
    expect(answersOf(paths).answers['COV-2']).toMatchObject({ value: 'most', source: 'stated' });
    expect(existsSync(paths.report)).toBe(false);
  });

  it('a broken question bank ends the wizard with a one-line error', async () => {
    const paths = workspace();
    const store = createWizardStore({ lang: 'en', paths, today: '2025-06-01' });
    await boot(store, { bankDir: join(paths.dir, 'no-such-bank') }, paths, async () => undefined);
    expect(store.getState().exitCode).toBe(2);
    expect(store.getState().fatal).toMatch(/not a question bank directory/);
  });
});
