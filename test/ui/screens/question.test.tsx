/** The question screen: progress, evidence, help, notes, unsure, back/skip, contradictions, 80x24. */
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/detect/types.js';
import { keySecretScan, keylessScan, scanWith, setup } from '../fixtures.js';
import { BACKSPACE, DOWN, ENTER, ESC, LEFT, SPACE, UP, fits, press, renderWizard, resize, type, waitForFrame } from '../ink-helpers.js';

async function onQuestion(id: string, scan: ScanResult | null = keylessScan(), lang: 'en' | 'ja' = 'en') {
  const t = setup({ lang });
  t.store.getState().begin();
  scanWith(t.store, scan ?? undefined);
  t.store.getState().continueFromScan();
  if (id !== 'COV-1') t.store.getState().edit(id);
  t.store.setState({ returnTo: undefined });
  const r = await renderWizard(t.store);
  return { ...t, r };
}

describe('question screen', () => {
  it('shows progress, the question, the detected answer pre-selected with its evidence, and the footer', async () => {
    const { r } = await onQuestion('KEY-1');
    const frame = await waitForFrame(r, 'KEY-1');
    expect(frame).toContain('6/22 · Key protection');
    expect(frame).toContain('Where does your most exposed signing key live?');
    expect(frame).toContain('detected: .github/workflows/release.yml:23');
    expect(frame).toMatch(/> Nowhere: there are no long-lived keys \(keyless signing\)\s+◂ detected/);
    expect(frame).toContain('Unsure / don\'t know');
    expect(frame).toMatch(/Enter choose\s+↑↓ move\s+\? why\s+n note\s+s skip\s+b\/← back\s+q quit/);
    expect(frame).toMatch(/Level [12] \(target 3\)/);
    expect(fits(frame)).toBe(true);
  });

  it('Enter on the detected answer confirms it and moves on; the level read-out follows', async () => {
    const { r, store } = await onQuestion('KEY-1');
    await waitForFrame(r, 'KEY-1');
    await press(r, ENTER);
    await waitForFrame(r, 'KEY-2');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'confirmed', value: 'no-long-lived-keys' });
  });

  it('choosing another option states it', async () => {
    const { r, store } = await onQuestion('KEY-1');
    await waitForFrame(r, '> Nowhere');
    await press(r, UP, UP, UP);
    await waitForFrame(r, '> In a cloud KMS');
    await press(r, ENTER);
    await waitForFrame(r, 'KEY-2');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'stated', value: 'cloud-kms' });
  });

  it('? shows and hides why it matters, and the frame still fits 80x24', async () => {
    const { r } = await onQuestion('KEY-1');
    await waitForFrame(r, 'KEY-1');
    await press(r, '?');
    const open = await waitForFrame(r, 'Why it matters');
    expect(open).toContain('An attacker goes for the weakest copy');
    expect(fits(open)).toBe(true);
    // the highlighted option is still there after the list shrank
    expect(open).toContain('>');
    await press(r, '?');
    await waitForFrame(r, (f) => !f.includes('Why it matters'));
  });

  it('n opens a note where q and s are text; Enter saves it; Esc cancels another', async () => {
    const { r, store } = await onQuestion('COV-2');
    await waitForFrame(r, 'COV-2');
    await press(r, 'n');
    await waitForFrame(r, 'Enter saves, Esc cancels');
    await type(r, 'qs only the image');
    await press(r, BACKSPACE);
    await waitForFrame(r, 'Note: qs only the imag');
    expect(store.getState().screen).toEqual({ kind: 'question', id: 'COV-2' });
    await press(r, ENTER);
    await waitForFrame(r, (f) => f.includes('Note: qs only the imag') && f.includes('? why'));
    expect(store.getState().notes['COV-2']).toBe('qs only the imag');
    await press(r, 'n');
    await waitForFrame(r, 'Enter save');
    await type(r, 'x');
    await press(r, ESC);
    await waitForFrame(r, '? why');
    expect(store.getState().notes['COV-2']).toBe('qs only the imag');
    // the note goes into the answer once the team answers
    await press(r, ENTER);
    await waitForFrame(r, 'COV-3');
    expect(store.getState().answers['COV-2']).toMatchObject({ value: 'some', source: 'confirmed' });
  });

  it('unsure is always offered and is an open item', async () => {
    const { r, store } = await onQuestion('AUT-2', null);
    const frame = await waitForFrame(r, 'AUT-2');
    // nothing detected: the list starts on "unsure", so Enter never puts words in the team's mouth
    expect(frame).toContain('> Unsure / don\'t know');
    await press(r, ENTER);
    await waitForFrame(r, (f) => !f.includes('AUT-2 '));
    expect(store.getState().answers['AUT-2']).toMatchObject({ value: 'unsure', source: 'stated' });
  });

  it('b, ← and Esc go back; s skips', async () => {
    const { r, store } = await onQuestion('COV-1');
    await waitForFrame(r, 'COV-1');
    await press(r, 's');
    await waitForFrame(r, 'COV-2 ');
    await press(r, 's');
    await waitForFrame(r, 'COV-3 ');
    await press(r, 'b');
    await waitForFrame(r, 'COV-2 ');
    await press(r, 's');
    await waitForFrame(r, 'COV-3 ');
    await press(r, LEFT);
    await waitForFrame(r, 'COV-2 ');
    await press(r, ESC);
    await waitForFrame(r, 'COV-1 ');
    expect(store.getState().answers['COV-1']!.source).toBe('detected');
  });

  it('the multi-select toggles with Space and confirms with Enter; unsure excludes the rest', async () => {
    const { r, store } = await onQuestion('COV-1');
    await waitForFrame(r, '[x] Container images');
    await press(r, DOWN, SPACE);
    await waitForFrame(r, '[x] Binaries');
    await press(r, ENTER);
    await waitForFrame(r, 'COV-2 ');
    expect(store.getState().answers['COV-1']).toMatchObject({ value: ['container-image', 'binary'], source: 'stated' });
    await press(r, 'b');
    await waitForFrame(r, '[x] Binaries');
    for (let i = 0; i < 10; i++) await press(r, DOWN);
    await press(r, SPACE);
    const frame = await waitForFrame(r, '[x] Unsure');
    expect(frame).toContain('[ ] Container images');
    await press(r, ENTER);
    await waitForFrame(r, 'COV-2 ');
    expect(store.getState().answers['COV-1']!.value).toEqual(['unsure']);
  });

  it('warns on screen when the answer contradicts the scan, records it, and Enter again keeps it', async () => {
    const { r, store } = await onQuestion('KEY-1', keySecretScan());
    await waitForFrame(r, '> In a CI/CD secret');
    for (let i = 0; i < 4; i++) await press(r, DOWN);
    await waitForFrame(r, '> Nowhere');
    await press(r, ENTER);
    const frame = await waitForFrame(r, '⚠ This answer contradicts the scan');
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('a long-lived key (CI secret) is used at .github/workflows/release.yml:51');
    expect(flat).toContain('Press Enter again to keep it');
    expect(fits(frame)).toBe(true);
    expect(store.getState().answers['KEY-1']!.contradiction).toContain('release.yml:51');
    await press(r, ENTER);
    await waitForFrame(r, 'KEY-2 ');
    expect(store.getState().answers['KEY-1']!.contradiction).toContain('CI secret');
  });

  it('every question, with its help open, fits 80x24 in English and Japanese', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const { r, store } = await onQuestion('COV-1', keySecretScan(), lang);
      store.getState().toggleHelp();
      for (const q of store.getState().core!.bank.questions) {
        store.getState().edit(q.id);
        store.getState().toggleHelp();
        const frame = await waitForFrame(r, (f) => f.replace(/\s+/g, " ").includes(`${q.id} ${q.text[lang]}`.slice(0, 20)) && f.includes(lang === 'en' ? 'Why it matters' : 'なぜ重要か'));
        expect(fits(frame), `${lang} ${q.id}:\n${frame}`).toBe(true);
        expect(frame).toContain('>');
      }
      r.unmount();
    }
  });

  it('holds its layout when the terminal is resized', async () => {
    const { r } = await onQuestion('KEY-1');
    await waitForFrame(r, 'KEY-1');
    await press(r, '?');
    await waitForFrame(r, 'Why it matters');
    await resize(r, 60, 16);
    const small = await waitForFrame(r, (f) => f.split('\n')[0]!.length <= 60 && f.includes('>'));
    expect(fits(small, 60, 16)).toBe(true);
    await resize(r, 120, 40);
    const big = await waitForFrame(r, 'Why it matters');
    expect(fits(big, 120, 40)).toBe(true);
  });

  it('speaks Japanese', async () => {
    const { r } = await onQuestion('KEY-1', keylessScan(), 'ja');
    const frame = await waitForFrame(r, 'KEY-1');
    expect(frame).toContain('6/22 · 鍵の保護');
    expect(frame).toContain('検出: .github/workflows/release.yml:23');
    expect(frame).toContain('◂ 検出');
    expect(frame).toContain('? 解説');
    expect(frame).toMatch(/レベル \d \(目標 3\)/);
    expect(fits(frame)).toBe(true);
  });
});
