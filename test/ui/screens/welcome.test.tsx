/** The welcome form: who is here, language, target level, Start; and the resume offer before it. */
import { describe, expect, it } from 'vitest';
import { core, keylessScan, savedFile, scanWith, setup } from '../fixtures.js';
import { readAnswersFile } from '../../../src/session/answers-file.js';
import { CTRL_C, DOWN, ENTER, LEFT, RIGHT, TAB, UP, fits, flat, press, renderWizard, type, waitForFrame } from '../ink-helpers.js';

describe('welcome screen', () => {
  it('shows the repository and the form, and fills the meta as the facilitator types', async () => {
    const { store, io } = setup();
    const r = await renderWizard(store);
    const first = await waitForFrame(r, 'Artifact-signing maturity workshop');
    // no answer yet: the header shows no level
    expect(first.split('\n')[0]).not.toMatch(/Level/);
    expect(first).toContain('Repository    /work/repo  (commit: reading...)');
    expect(first).toContain('> Organisation');
    expect(first).toMatch(/^Enter\/Tab next  Up previous  Ctrl\+C stop$/m);
    expect(fits(first)).toBe(true);

    await type(r, 'Acme quality');
    await press(r, ENTER);
    await waitForFrame(r, '> Team');
    await type(r, 'Payments');
    await press(r, TAB);
    await waitForFrame(r, '> Participants');
    await type(r, 'Aiko, Ben');
    await press(r, DOWN);
    await type(r, 'Dana');
    await press(r, UP);
    await waitForFrame(r, '> Participants  Aiko, Ben');
    expect(store.getState().meta).toMatchObject({ organisation: 'Acme quality', team: 'Payments', participants: ['Aiko', 'Ben'], assessor: 'Dana' });
    // every keystroke is saved (the bank is loaded in this test)
    expect(io.saves.at(-1)!.meta.assessor).toBe('Dana');
  });

  it('switches the language and the target level with the arrows, then starts', async () => {
    const { store } = setup();
    const r = await renderWizard(store);
    await waitForFrame(r, '> Organisation');
    await press(r, ENTER, ENTER, ENTER, ENTER);
    await waitForFrame(r, '> Language      ‹ English ›');
    expect(await waitForFrame(r, 'Left/Right change')).toContain('q quit');
    await press(r, RIGHT);
    const ja = await waitForFrame(r, '‹ 日本語 ›');
    expect(ja).toContain('成果物署名の成熟度ワークショップ');
    expect(ja).toContain('Left/Right 変更');
    expect(fits(ja)).toBe(true);
    await press(r, ENTER);
    await waitForFrame(r, /> 目標レベル\s+‹ レベル 3/);
    await press(r, LEFT);
    await waitForFrame(r, /‹ レベル 2: /);
    expect(store.getState().meta.targetLevel).toBe(2);
    await press(r, ENTER);
    await waitForFrame(r, 'Enter 進む');
    await press(r, ENTER);
    await waitForFrame(r, 'リポジトリからわかったこと');
    expect(store.getState().screen.kind).toBe('scan');
  });

  it('shows the commit once the scan has read it', async () => {
    const { store } = setup();
    const r = await renderWizard(store);
    scanWith(store, keylessScan());
    await waitForFrame(r, 'commit 0123456789ab');
  });

  it('q in a text field is text; Ctrl+C stops the wizard with 130', async () => {
    const { store } = setup();
    const r = await renderWizard(store);
    await waitForFrame(r, '> Organisation');
    await type(r, 'q');
    await waitForFrame(r, 'Organisation  q');
    expect(store.getState().exitCode).toBeUndefined();
    await press(r, CTRL_C);
    const bye = await waitForFrame(r, 'Stopped.');
    expect(bye).toContain('Every answer is saved in /work/repo/.sigmature/answers.yaml');
    expect(bye).toContain('Run "sigmature repo" again to resume.');
    expect(store.getState().exitCode).toBe(130);
  });
});

describe('resume offer', () => {
  const saved = savedFile(
    { 'COV-2': { value: 'most', source: 'stated' }, 'GOV-1': { value: 'written', source: 'confirmed' } },
    { organisation: 'Acme', team: 'Payments', participants: ['Aiko'] },
  );

  it('offers to resume a saved file; Enter resumes and lands on Start with the form filled', async () => {
    const { store } = setup({ saved: { loaded: { file: saved, warnings: ['answers.yaml:9: KEY-9 is not in the question bank; its answer is ignored'] } } });
    const r = await renderWizard(store);
    const offer = await waitForFrame(r, 'Saved answers found');
    expect(offer).toContain('Answers so far: 2 from the team, 0 detected and not yet confirmed');
    // the header shows no level before the team has chosen: nothing is answered yet
    expect(offer.split('\n')[0]).not.toMatch(/Level/);
    expect(offer).toContain('For: Acme / Payments');
    expect(offer).toContain('Last saved: 2025-05-31 17:02');
    expect(offer).toContain('Warning: answers.yaml:9: KEY-9');
    expect(offer).toContain('> Resume where we left off');
    await press(r, ENTER);
    const welcome = await waitForFrame(r, '>  Start');
    expect(welcome).toContain('Organisation  Acme');
    expect(welcome).toContain('Participants  Aiko');
    expect(store.getState().answers['COV-2']!.value).toBe('most');
  });

  it('start over sets the saved file aside', async () => {
    const { store, io } = setup({ saved: { loaded: { file: saved, warnings: [] } } });
    const r = await renderWizard(store);
    await waitForFrame(r, '> Resume');
    await press(r, DOWN);
    await waitForFrame(r, '> Start over (the saved answers are kept as answers-20250101-000000.yaml)');
    await press(r, ENTER);
    await waitForFrame(r, '> Organisation');
    expect(io.setAside).toHaveBeenCalledOnce();
    expect(store.getState().answers).toEqual({});
  });

  it('shows the level the saved answers assess to: detections the team has not confirmed do not count', async () => {
    const level1 = readAnswersFile('examples/level-1.answers.yaml', core.bank).file;
    const team = Object.keys(level1.answers).length;
    const { store } = setup({ saved: { loaded: { file: level1, warnings: [] } } });
    const r = await renderWizard(store);
    const offer = await waitForFrame(r, 'Saved answers found');
    expect(offer).toContain('Assessed level: 1 of 3');
    expect(offer).toContain(`Answers so far: ${team} from the team, 0 detected`);
    r.unmount();

    const detectedOnly = { ...level1, answers: Object.fromEntries(Object.entries(level1.answers).map(([id, a]) => [id, { ...a, source: 'detected' as const }])) };
    const second = setup({ saved: { loaded: { file: detectedOnly, warnings: [] } } });
    const r2 = await renderWizard(second.store);
    const frame = await waitForFrame(r2, 'Saved answers found');
    expect(frame).toContain('Assessed level: 0 of 3');
    expect(frame).toContain(`Answers so far: 0 from the team, ${team} detected and not yet confirmed`);
  });

  it('a saved file that cannot be read can only be set aside, and says why', async () => {
    const { store } = setup({ saved: { error: '.sigmature/answers.yaml:1: not a sigmature answers file (no schemaVersion)' } });
    const r = await renderWizard(store);
    const frame = await waitForFrame(r, 'cannot be read');
    expect(flat(frame)).toContain('not a sigmature answers file');
    expect(frame).not.toContain('Resume where we left off');
    await press(r, ENTER);
    await waitForFrame(r, '> Organisation');
  });

  it('waits for the saved file to be read (after the first frame)', async () => {
    const { store } = setup({ ready: false, saved: { loaded: { file: saved, warnings: [] } } });
    const r = await renderWizard(store);
    await waitForFrame(r, 'Reading the saved answers…');
    await press(r, ENTER);
    expect(store.getState().screen.kind).toBe('resume');
  });
});
