/**
 * Keys that reach the wizard in one read (`tmux send-keys Enter Enter Enter` writes "\r\r\r"; a
 * fast typist or a held arrow does the same) count one press each, on the screen each lands on.
 */
import { describe, expect, it } from 'vitest';
import { keylessScan, scanWith, setup } from './fixtures.js';
import { DOWN, ENTER, RIGHT, UP, renderWizard, waitForFrame, type Rendered } from './ink-helpers.js';

/** Writes keys as one chunk, as a terminal delivers keys typed faster than it is read. */
const burst = (r: Rendered, ...keys: string[]) => r.stdin.write(keys.join(''));

async function onQuestions() {
  const t = setup();
  t.store.getState().begin();
  scanWith(t.store, keylessScan());
  t.store.getState().continueFromScan();
  const r = await renderWizard(t.store);
  await waitForFrame(r, '1/22 · Coverage');
  return { ...t, r };
}

describe('keys that arrive together', () => {
  it('three Enters in one chunk answer three questions (a multi-select, then lists)', async () => {
    const { r, store } = await onQuestions();
    burst(r, ENTER, ENTER, ENTER);
    await waitForFrame(r, /^4\/22 /m);
    const { answers } = store.getState();
    for (const id of ['COV-1', 'COV-2', 'COV-3']) expect(answers[id], id).toMatchObject({ source: 'confirmed' });
    expect(answers['AUT-1']?.source).not.toBe('confirmed');
  });

  it('two arrows in one chunk move the list twice; so do "jj"', async () => {
    const { r } = await onQuestions();
    burst(r, ENTER);
    await waitForFrame(r, '> Some deliverables are signed');
    burst(r, DOWN, DOWN);
    await waitForFrame(r, '> All, and nothing ships unsigned');
    burst(r, UP, UP, UP);
    await waitForFrame(r, '> None: nothing we release is signed');
    burst(r, 'jj');
    await waitForFrame(r, '> Most deliverables are signed');
  });

  it('on the welcome screen: Enters over choice fields, and typed text then Enter', async () => {
    const t = setup();
    const r = await renderWizard(t.store);
    await waitForFrame(r, '> Organisation');
    burst(r, 'Acme', ENTER, 'Platform', ENTER);
    await waitForFrame(r, '> Participants');
    expect(t.store.getState().meta).toMatchObject({ organisation: 'Acme', team: 'Platform' });
    burst(r, ENTER, ENTER);
    await waitForFrame(r, /> Language\s+‹ English ›/);
    burst(r, RIGHT, ENTER, ENTER);
    await waitForFrame(r, /> +(Start|開始)/);
    expect(t.store.getState().lang).toBe('ja');
  });

  it('a note typed and saved in one chunk, then the answer', async () => {
    const { r, store } = await onQuestions();
    burst(r, ENTER);
    await waitForFrame(r, '2/22 · Coverage');
    burst(r, 'n', 'CLI tarball unsigned', ENTER, ENTER);
    await waitForFrame(r, '3/22 · Coverage');
    expect(store.getState().notes['COV-2']).toBe('CLI tarball unsigned');
    expect(store.getState().answers['COV-2']).toMatchObject({ value: 'some' });
  });
});
