/** The review (every answer with its source; edit one) and the summary (level, gaps, bars, steps). */
import { describe, expect, it } from 'vitest';
import { keySecretScan, keylessScan, scanWith, setup } from '../fixtures.js';
import { DOWN, ENTER, ESC, fits, flat, plain, press, renderWizard, waitForFrame } from '../ink-helpers.js';
import { selectStates } from '../../../src/ui/store/selectors.js';

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
    // the whole question, then the answer and its source
    expect(flat(frame)).toContain('COV-1 Which kinds of deliverables does this team release? Container images (confirmed)');
    // COV-2 was detected as "some": the team's "all" keeps what was detected beside it
    expect(flat(frame)).toMatch(/COV-2 How much of what you release is signed\? .*All, and nothing ships unsigned.* \(stated; detected: Some deliverables are signed\)/);
    expect(frame).toMatch(/↓ \d+ more/);
    expect(frame).not.toContain('…');
    expect(fits(frame)).toBe(true);
  });

  it('an answer changed from the detection shows what was detected beside it, in Japanese too', async () => {
    const { store } = atReview(keylessScan(), 'ja');
    expect(store.getState().answers['COV-2']?.override?.detected).toBe('some');
    const r = await renderWizard(store, { columns: 120, rows: 40 });
    const frame = flat(await waitForFrame(r, 'COV-2'));
    expect(frame).toMatch(/COV-2 .*\(申告; 検出結果: [^)]+\)/);
    // a confirmed answer says nothing more
    expect(frame).toMatch(/COV-1 .*\(確認済み\)/);
  });

  it('scrolls in bank order, whole questions only, to the last answer and around to the top', async () => {
    for (const [columns, rows] of [[80, 24], [60, 18]] as const) {
      const { store } = atReview();
      const r = await renderWizard(store, { columns, rows });
      await waitForFrame(r, 'Review:');
      const ids = ['→', ...selectStates(store.getState()).filter((st) => st.status !== 'skipped').map((st) => st.id)];
      for (let i = 0; i < ids.length; i++) {
        const frame = plain(r.lastFrame());
        expect(fits(frame, columns, rows), frame).toBe(true);
        expect(frame).not.toContain('…');
        const shown = [...frame.matchAll(/^ {2}|^> /gm)].length;
        expect(shown).toBeGreaterThan(0);
        const order = ids.map((id) => frame.indexOf(id === '→' ? 'Continue to the summary' : `${id} `)).filter((x) => x >= 0);
        expect(order, 'in bank order').toEqual([...order].sort((a, b) => a - b));
        if (i === ids.length - 1) {
          expect(frame).toMatch(new RegExp(`> ${ids.at(-1)}`));
          expect(frame).toMatch(/↑ \d+ more/);
          expect(frame).not.toMatch(/↓ \d+ more/);
        }
        await press(r, DOWN);
      }
      // around the end: Continue again, at the top
      expect(plain(r.lastFrame())).toMatch(/^> Continue/m);
      r.unmount();
    }
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
    // Unsure overrides the detected "some": its reason (none given here)
    await waitForFrame(r, 'Reason:');
    await press(r, ENTER);
    const back = await waitForFrame(r, 'Review:');
    expect(flat(back)).toContain("Unsure / don't know (stated; detected: Some deliverables are signed)");
  });

  it('marks contradicted answers', async () => {
    const { store } = atReview(keySecretScan());
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    store.getState().saveReason();
    const r = await renderWizard(store);
    await waitForFrame(r, 'Review:');
    for (let i = 0; i < 8; i++) await press(r, DOWN);
    await waitForFrame(r, /⚠ Nowhere: there are no long-lived keys/);
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
