/** The question screen: progress, evidence, help, notes, unsure, back/skip, contradictions, 80x24. */
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/detect/types.js';
import { keySecretScan, keylessScan, scanWith, setup } from '../fixtures.js';
import { BACKSPACE, DOWN, ENTER, ESC, LEFT, SPACE, UP, fits, flat, plain, press, renderWizard, resize, type, waitForFrame, type Rendered } from '../ink-helpers.js';

const plainFrame = (r: Rendered) => plain(r.lastFrame());

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
    // no level while only detections speak: they never carry the assessed level
    expect(frame).not.toMatch(/Level \d/);
    expect(fits(frame)).toBe(true);
  });

  it('Enter on the detected answer confirms it and moves on; the level read-out follows', async () => {
    const { r, store } = await onQuestion('KEY-1');
    await waitForFrame(r, 'KEY-1');
    await press(r, ENTER);
    const next = await waitForFrame(r, 'KEY-2');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'confirmed', value: 'no-long-lived-keys' });
    // the first team answer brings the assessed level; one confirmation reaches no level yet
    expect(next).toContain('Level 0 (target 3)');
  });

  it('choosing another option than the detected one asks why, in one line, and keeps the detection on record', async () => {
    const { r, store } = await onQuestion('KEY-1');
    await waitForFrame(r, '> Nowhere');
    await press(r, UP, UP, UP);
    await waitForFrame(r, '> In a cloud KMS');
    await press(r, ENTER);
    const asked = await waitForFrame(r, 'Reason:');
    expect(flat(asked)).toContain('Detected: Nowhere: there are no long-lived keys (keyless signing). Why does the team answer otherwise? An auditor will read this.');
    expect(asked).toMatch(/Enter accept\s+Esc back to the list/);
    expect(fits(asked)).toBe(true);
    // the answer is recorded at once; s, q and b are text here
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'stated', value: 'cloud-kms', override: { detected: 'no-long-lived-keys' } });
    await type(r, 'moved to KMS; qsb');
    await waitForFrame(r, 'Reason: moved to KMS; qsb');
    await press(r, ENTER);
    await waitForFrame(r, 'KEY-2 ');
    const a = store.getState().answers['KEY-1']!;
    expect(a).toMatchObject({ source: 'stated', value: 'cloud-kms', override: { detected: 'no-long-lived-keys', reason: 'moved to KMS; qsb' } });
    expect(a.evidence?.[0]).toMatchObject({ file: '.github/workflows/release.yml', line: 23 });
  });

  it('Esc at the reason goes back to the list with the answer as it was', async () => {
    const { r, store } = await onQuestion('KEY-1');
    await waitForFrame(r, '> Nowhere');
    await press(r, UP);
    await waitForFrame(r, '> In a hardware security module');
    await press(r, ENTER);
    await waitForFrame(r, 'Reason:');
    await press(r, ESC);
    const frame = await waitForFrame(r, (f) => !f.includes('Reason:') && f.includes('? why'));
    expect(frame).toContain('> In a hardware security module');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'detected', value: 'no-long-lived-keys' });
    // choosing the detected answer now confirms it, no reason asked
    await press(r, DOWN, ENTER);
    await waitForFrame(r, 'KEY-2 ');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'confirmed' });
    expect(store.getState().answers['KEY-1']!.override).toBeUndefined();
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
    // more than was detected: an override, with its reason (empty is allowed)
    await waitForFrame(r, 'Reason:');
    await press(r, ENTER);
    await waitForFrame(r, 'COV-2 ');
    expect(store.getState().answers['COV-1']).toMatchObject({ value: ['container-image', 'binary'], source: 'stated', override: { detected: ['container-image'] } });
    await press(r, 'b');
    await waitForFrame(r, '[x] Binaries');
    for (let i = 0; i < 10; i++) await press(r, DOWN);
    await press(r, SPACE);
    const frame = await waitForFrame(r, '[x] Unsure');
    expect(frame).toContain('[ ] Binaries');
    await press(r, ENTER);
    await waitForFrame(r, 'Reason:');
    await press(r, ENTER);
    await waitForFrame(r, 'COV-2 ');
    expect(store.getState().answers['COV-1']!.value).toEqual(['unsure']);
  });

  it('"none" in a multi-select clears the other ticks, and ticking another clears "none"', async () => {
    const { r, store } = await onQuestion('PRV-1', null);
    // nothing detected: the list starts on "Unsure", ticked; SBOM and vulnerability scans clear it
    await waitForFrame(r, /> \[x\] Unsure/);
    await press(r, DOWN, DOWN, SPACE, DOWN, SPACE);
    await waitForFrame(r, (f) => /\[x\] An SBOM/.test(f) && /\[x\] Vulnerability/.test(f) && /\[ \] Unsure/.test(f));
    await press(r, UP, UP, SPACE);
    const none = await waitForFrame(r, /\[x\] None/);
    expect(none).toMatch(/\[ \] Unsure/);
    expect(none).toMatch(/\[ \] An SBOM/);
    expect(none).toMatch(/\[ \] Vulnerability/);
    await press(r, DOWN, SPACE);
    const sbom = await waitForFrame(r, /\[x\] An SBOM/);
    expect(sbom).toMatch(/\[ \] None/);
    await press(r, ENTER);
    await waitForFrame(r, (f) => !f.includes('PRV-1 '));
    expect(store.getState().answers['PRV-1']!.value).toEqual(['sbom']);
  });

  it('long options wrap under their text at 80x24, none cut; a long list says how many are out of view', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const { r, store } = await onQuestion('COV-3', keySecretScan(), lang);
      const q = store.getState().core!.bank.byId.get('COV-3')!;
      const first = await waitForFrame(r, 'COV-3');
      expect(first).toMatch(lang === 'en' ? /↓ \d+ more/ : /↓ ほか \d+ 件/);
      expect(first).not.toMatch(/↑ \d+ more|↑ ほか/);
      expect(first).not.toContain('…');
      expect(fits(first)).toBe(true);
      // down through the whole list: each label appears whole (its rows joined), in order
      const seen = new Set<string>();
      for (let i = 0; i < q.options.length; i++) {
        const frame = plainFrame(r);
        expect(fits(frame), frame).toBe(true);
        expect(frame).not.toContain('…');
        const at = q.options.map((o) => flat(frame).indexOf(o.label[lang])).filter((x) => x >= 0);
        expect(at, 'drawn in bank order').toEqual([...at].sort((a, b) => a - b));
        for (const o of q.options) if (flat(frame).includes(o.label[lang])) seen.add(o.value);
        await press(r, DOWN);
      }
      expect([...seen].sort()).toEqual(q.options.map((o) => o.value).sort());
      // at the last option the list shows what is above it, and nothing below
      await press(r, UP);
      const last = plainFrame(r);
      expect(last).toMatch(lang === 'en' ? /↑ \d+ more/ : /↑ ほか \d+ 件/);
      expect(last).not.toMatch(/↓ \d+ more|↓ ほか/);
      // around the end: the top of the list, in order again
      await press(r, DOWN);
      await waitForFrame(r, (f) => !/↑ \d+ more|↑ ほか/.test(f));
      r.unmount();
    }
  });

  it('warns on screen when the answer contradicts the scan, records it, and asks why it overrides the detection', async () => {
    const { r, store } = await onQuestion('KEY-1', keySecretScan());
    await waitForFrame(r, '> In a CI/CD secret');
    for (let i = 0; i < 4; i++) await press(r, DOWN);
    await waitForFrame(r, '> Nowhere');
    await press(r, ENTER);
    const frame = await waitForFrame(r, '⚠ This answer contradicts the scan');
    const text = flat(frame);
    expect(text).toContain('a long-lived key (CI secret) is used at .github/workflows/release.yml:51');
    expect(text).toContain('Detected: In a CI/CD secret that the pipeline loads as a key file.');
    expect(frame).toContain('Reason:');
    expect(fits(frame)).toBe(true);
    expect(store.getState().answers['KEY-1']!.contradiction).toContain('release.yml:51');
    await type(r, 'the secret is a leftover');
    await press(r, ENTER);
    await waitForFrame(r, 'KEY-2 ');
    expect(store.getState().answers['KEY-1']).toMatchObject({
      contradiction: expect.stringContaining('CI secret'), override: { detected: 'ci-secret', reason: 'the secret is a leftover' },
    });
  });

  it('a contradiction where nothing was detected: Enter again keeps it', async () => {
    const { r, store } = await onQuestion('CUS-1', keySecretScan());
    await waitForFrame(r, 'CUS-1 ');
    await press(r, UP);
    await waitForFrame(r, /> Keyless, and only protected/);
    await press(r, ENTER);
    const frame = await waitForFrame(r, 'Press Enter again to keep it');
    expect(frame).not.toContain('Reason:');
    await press(r, ENTER);
    await waitForFrame(r, (f) => !f.includes('CUS-1 '));
    expect(store.getState().answers['CUS-1']).toMatchObject({ value: 'keyless-restricted', source: 'stated', contradiction: expect.stringContaining('CI secret') });
  });

  it('q quits at once when everything is saved; when a save failed it asks first, and n stays', async () => {
    const { r, store, io } = await onQuestion('COV-2');
    await waitForFrame(r, 'COV-2 ');
    io.save = () => { throw new Error('ENOSPC: no space left on device'); };
    await press(r, ENTER);
    await waitForFrame(r, (f) => f.includes('COV-3 ') && f.includes('ENOSPC'));
    await press(r, 'q');
    const asked = await waitForFrame(r, 'Quit anyway?');
    expect(asked).toContain('Quit anyway? The last changes could not be saved: ENOSPC: no space left');
    expect(asked).toMatch(/y quit anyway\s+n\/Esc stay/);
    expect(fits(asked)).toBe(true);
    // the list does not listen meanwhile
    await press(r, DOWN);
    await press(r, 'n');
    const stayed = await waitForFrame(r, (f) => !f.includes('Quit anyway?') && f.includes('q quit'));
    expect(stayed).toContain('COV-3 ');
    expect(store.getState().exitCode).toBeUndefined();
    await press(r, 'q');
    await waitForFrame(r, 'Quit anyway?');
    await press(r, 'y');
    await waitForFrame(r, 'Stopped.');
    expect(store.getState().exitCode).toBe(0);

    const second = await onQuestion('COV-2');
    await waitForFrame(second.r, 'COV-2 ');
    await press(second.r, 'q');
    await waitForFrame(second.r, 'Stopped.');
    expect(second.store.getState().exitCode).toBe(0);
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
    expect(frame).not.toMatch(/レベル \d/);
    expect(fits(frame)).toBe(true);
  });
});
