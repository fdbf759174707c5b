/** The scan screen: a spinner while the bank loads and the scan runs, then what was found. */
import { describe, expect, it } from 'vitest';
import { keySecretScan, keylessScan, setup } from '../fixtures.js';
import { ENTER, ESC, fits, press, renderWizard, waitForFrame } from '../ink-helpers.js';

describe('scan screen', () => {
  it('spins while scanning, then lists what was found with file:line', async () => {
    const { store } = setup();
    store.getState().begin();
    store.getState().scanStarted();
    const r = await renderWizard(store);
    await waitForFrame(r, 'Scanning repo…');
    expect(await waitForFrame(r, 'q quit')).not.toContain('Enter continue');
    await press(r, ENTER);
    expect(store.getState().screen.kind).toBe('scan');
    store.getState().scanFinished(keylessScan());
    const frame = await waitForFrame(r, 'Press Enter to start the questions.');
    expect(frame).toMatch(/CI\s+GitHub Actions\s+\.github\/workflows\/release\.yml:1/);
    expect(frame).toMatch(/Signing tools\s+cosign\s+\.github\/workflows\/release\.yml:23/);
    expect(frame).toMatch(/Key custody\s+keyless \(no long-lived key\)\s+\.github\/workflows\/release\.yml:23/);
    expect(frame).toMatch(/Verification\s+no verification step found/);
    expect(frame).toContain('9 of 22 questions are pre-filled');
    expect(fits(frame)).toBe(true);
    await press(r, ENTER);
    await waitForFrame(r, '1/22 · Coverage');
  });

  it('says when the bank is still loading', async () => {
    const { store } = setup({ ready: false });
    store.getState().begin();
    const r = await renderWizard(store);
    await waitForFrame(r, 'Loading the question bank…');
  });

  it('goes on without detection, saying why', async () => {
    const { store } = setup();
    store.getState().begin();
    store.getState().scanFailed('the detector is not available in this build', true);
    const r = await renderWizard(store);
    await waitForFrame(r, 'Detection is not available (the detector is not available in this build); every question starts open.');
    await press(r, ESC);
    await waitForFrame(r, 'Artifact-signing maturity workshop');
  });

  it('names committed keys and the custody the scan saw, in Japanese too', async () => {
    const scan = keySecretScan();
    scan.facts.committedPrivateKeys = [{ path: 'deploy/cosign.key', kind: 'cosign-key' }];
    const { store } = setup({ lang: 'ja' });
    store.getState().begin();
    store.getState().scanStarted();
    store.getState().scanFinished(scan);
    const r = await renderWizard(store);
    const frame = await waitForFrame(r, 'Enter で質問を始めます。');
    expect(frame).toMatch(/CI\s+GitHub Actions\s/);
    expect(frame).toMatch(/鍵の管理責任\s+CI のシークレット\s+\.github\/workflows\/release\.yml:51/);
    expect(frame).toContain('秘密鍵 1 件がコミットされています: deploy/cosign.key');
  });
});
