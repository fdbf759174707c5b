/** The review (every answer with its source; edit one) and the summary (level, gaps, bars, steps). */
import { describe, expect, it } from 'vitest';
import { keySecretScan, keylessScan, scanWith, setup } from '../fixtures.js';
import { DOWN, ENTER, ESC, fits, press, renderWizard, waitForFrame } from '../ink-helpers.js';

function atReview(scan = keylessScan(), lang: 'en' | 'ja' = 'en') {
  const t = setup({ lang });
  t.store.getState().begin();
  scanWith(t.store, scan);
  t.store.getState().continueFromScan();
  t.store.getState().answer('COV-1', ['container-image']);
  t.store.getState().answer('COV-2', 'all');
  t.store.setState({ screen: { kind: 'review' } });
  return t;
}

describe('review screen', () => {
  it('lists every answer with its source and starts on Continue', async () => {
    const { store } = atReview();
    const r = await renderWizard(store);
    const frame = await waitForFrame(r, 'Review:');
    expect(frame).toContain('> Continue to the summary →');
    expect(frame).toMatch(/COV-1\s+Which kinds of deliverab.*Container images\s+confirmed/);
    expect(frame).toMatch(/COV-2\s+How much of what you rel.*All, and nothing ships u.*\s+stated/);
    expect(frame).toMatch(/KEY-1\s+.*Nowhere.*\s+detected/);
    expect(frame).toMatch(/AUT-2\s+.*\(not answered\)/);
    expect(fits(frame)).toBe(true);
  });

  it('Enter on an answer edits it and comes back to the review', async () => {
    const { store } = atReview();
    const r = await renderWizard(store);
    await waitForFrame(r, '> Continue');
    await press(r, DOWN, DOWN);
    await waitForFrame(r, /> COV-2/);
    await press(r, ENTER);
    await waitForFrame(r, '2/22 · Coverage');
    await press(r, DOWN);
    await waitForFrame(r, '> Unsure');
    await press(r, ENTER);
    const back = await waitForFrame(r, 'Review:');
    expect(back).toMatch(/COV-2\s+.*Unsure \/ don't know\s+stated/);
  });

  it('marks contradicted answers', async () => {
    const { store } = atReview(keySecretScan());
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    const r = await renderWizard(store);
    await waitForFrame(r, /KEY-1\s+.*⚠ Nowhere/);
  });

  it('Esc goes back to the last question', async () => {
    const { store } = atReview();
    const r = await renderWizard(store);
    await waitForFrame(r, 'Review:');
    await press(r, ESC);
    await waitForFrame(r, /PRV-2 /);
  });
});

describe('summary screen', () => {
  it('shows the level, why the next is not reached, the dimensions and the first roadmap steps', async () => {
    const { store } = atReview();
    store.getState().goSummary();
    const r = await renderWizard(store);
    const frame = await waitForFrame(r, 'Press Enter to write the report.');
    expect(frame).toMatch(/Level \d: /);
    expect(frame).toMatch(/Why not level \d:/);
    expect(frame).toMatch(/Coverage\s+███ 3/);
    expect(frame).toMatch(/Key protection\s+███ 3/);
    expect(frame).toContain('Next steps');
    expect(frame).toMatch(/ {2}1\. .+\((small|medium|large)\)|The roadmap is not available yet/);
    expect(fits(frame)).toBe(true);
    await press(r, 'b');
    await waitForFrame(r, 'Review:');
  });

  it('still renders without a roadmap catalogue', async () => {
    const { store } = atReview();
    const core = store.getState().core!;
    store.setState({ core: { ...core, roadmap: () => ({ error: 'templates/roadmap/steps.yaml: no such file' }) } });
    store.getState().goSummary();
    const r = await renderWizard(store);
    await waitForFrame(r, 'The roadmap is not available yet: templates/roadmap/steps.yaml: no such file');
  });

  it('Enter writes the report and says where it and the answers went', async () => {
    const { store, io } = atReview();
    store.getState().goSummary();
    const r = await renderWizard(store);
    await waitForFrame(r, 'Press Enter to write the report.');
    await press(r, ENTER);
    const done = await waitForFrame(r, 'Report: ');
    expect(done).toContain('Assessed level: 1 of 3');
    expect(done).toContain('Report: /work/sigmature-report.md');
    expect(done).toContain('Answers: /work/repo/.sigmature/answers.yaml');
    expect(io.writeReport).toHaveBeenCalledOnce();
    expect(store.getState().exitCode).toBe(0);
  });

  it('speaks Japanese', async () => {
    const { store } = atReview(keylessScan(), 'ja');
    store.getState().goSummary();
    const r = await renderWizard(store);
    const frame = await waitForFrame(r, 'Enter でレポートを書き出します。');
    expect(frame).toMatch(/レベル \d: /);
    expect(frame).toContain('観点別スコア');
    expect(fits(frame)).toBe(true);
  });
});
