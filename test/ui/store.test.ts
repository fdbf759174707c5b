/** The wizard's store without React: navigation, skip rules, sources, contradictions, autosave, resume. */
import { describe, expect, it } from 'vitest';
import { selectAnswersFile, selectAssessment, selectInitialValue, selectMode, selectProgress, selectUnsaved } from '../../src/ui/store/selectors.js';
import type { ScanResult } from '../../src/detect/types.js';
import { PATHS, keySecretScan, keylessScan, savedFile, scanWith, setup } from './fixtures.js';

const screenOf = (s: { screen: { kind: string; id?: string } }) => (s.screen.kind === 'question' ? `question:${s.screen.id}` : s.screen.kind);

/** Fresh store, welcome done, scan finished, on the first question. */
function atQuestions(scan: ScanResult | null = keylessScan()) {
  const t = setup();
  t.store.getState().begin();
  scanWith(t.store, scan ?? undefined);
  t.store.getState().continueFromScan();
  return t;
}

describe('navigation', () => {
  it('starts on the welcome, waits for the scan, then asks the first question', () => {
    const { store } = setup();
    expect(screenOf(store.getState())).toBe('welcome');
    store.getState().begin();
    expect(screenOf(store.getState())).toBe('scan');
    store.getState().scanStarted();
    store.getState().continueFromScan();
    expect(screenOf(store.getState())).toBe('scan');
    expect(selectMode(store.getState())).toBe('loading');
    store.getState().scanFinished(keylessScan());
    expect(selectMode(store.getState())).toBe('scan');
    store.getState().continueFromScan();
    expect(screenOf(store.getState())).toBe('question:COV-1');
  });

  it('goes on without detection when the scanner is not available', () => {
    const { store } = setup();
    store.getState().begin();
    scanWith(store, undefined);
    expect(store.getState().detection.status).toBe('unavailable');
    store.getState().continueFromScan();
    expect(screenOf(store.getState())).toBe('question:COV-1');
    expect(store.getState().answers).toEqual({});
  });

  it('answers move forward in bank order; back goes to the previous question, then to the scan', () => {
    const { store } = atQuestions();
    store.getState().answer('COV-1', ['container-image']);
    expect(screenOf(store.getState())).toBe('question:COV-2');
    store.getState().back();
    expect(screenOf(store.getState())).toBe('question:COV-1');
    store.getState().back();
    expect(screenOf(store.getState())).toBe('scan');
    store.getState().back();
    expect(screenOf(store.getState())).toBe('welcome');
  });

  it('never shows a question whose skip rule holds: nothing signed skips the key questions', () => {
    const { store } = atQuestions(null);
    store.getState().answer('COV-1', ['binary']);
    store.getState().answer('COV-2', 'none');
    // COV-3 (which tools sign) and AUT-1 (how signing runs) are skipped when nothing is signed
    expect(screenOf(store.getState())).toBe('question:AUT-2');
    const seen: string[] = [];
    while (store.getState().screen.kind === 'question') {
      const s = store.getState();
      if (s.screen.kind !== 'question') break;
      seen.push(s.screen.id);
      s.skip();
    }
    expect(seen).not.toContain('KEY-1');
    expect(seen).not.toContain('CUS-1');
    expect(seen).toContain('KLS-1');
    expect(screenOf(store.getState())).toBe('review');
    // the progress counts only the questions that apply
    const { total } = selectProgress(store.getState(), 'KLS-1');
    expect(total).toBeLessThan(22);
    // going back from the review lands on the last question that applies, and back walks over skipped ones
    store.getState().back();
    expect(screenOf(store.getState())).toBe('question:PRV-2');
  });

  it('un-skips questions when an earlier answer changes', () => {
    const { store } = atQuestions(null);
    store.getState().answer('COV-1', ['binary']);
    store.getState().answer('COV-2', 'none');
    store.getState().back();
    expect(screenOf(store.getState())).toBe('question:COV-2');
    store.getState().answer('COV-2', 'some');
    expect(screenOf(store.getState())).toBe('question:COV-3');
  });

  it('skip leaves the question unanswered and moves on', () => {
    const { store } = atQuestions(null);
    store.getState().skip();
    expect(screenOf(store.getState())).toBe('question:COV-2');
    expect(store.getState().answers['COV-1']).toBeUndefined();
  });

  it('an edit started from the review returns to the review', () => {
    const { store } = atQuestions();
    store.getState().edit('KEY-1');
    expect(screenOf(store.getState())).toBe('question:KEY-1');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    expect(screenOf(store.getState())).toBe('review');
    store.getState().goSummary();
    expect(screenOf(store.getState())).toBe('summary');
    store.getState().back();
    expect(screenOf(store.getState())).toBe('review');
  });
});

describe('sources', () => {
  it('detected answers fill unvisited questions; accepting one confirms it, changing it states it', () => {
    const { store } = atQuestions();
    const s0 = store.getState();
    expect(s0.answers['KEY-1']).toMatchObject({ value: 'no-long-lived-keys', source: 'detected' });
    expect(s0.answers['KEY-1']!.evidence?.[0]).toMatchObject({ file: '.github/workflows/release.yml', line: 23 });
    expect(selectInitialValue(s0, 'COV-1')).toEqual(['container-image']);

    store.getState().answer('COV-1', ['container-image']);
    expect(store.getState().answers['COV-1']).toMatchObject({ source: 'confirmed', value: ['container-image'] });
    expect(store.getState().answers['COV-1']!.evidence).toHaveLength(1);

    // nothing detected for AUT-2: the team's answer is simply stated
    store.getState().edit('AUT-2');
    store.getState().answer('AUT-2', 'all-blocked');
    expect(store.getState().answers['AUT-2']).toMatchObject({ source: 'stated', value: 'all-blocked' });
    expect(store.getState().answers['AUT-2']!.evidence).toBeUndefined();
    expect(store.getState().answers['AUT-2']!.override).toBeUndefined();

    // never visited: still detected
    expect(store.getState().answers['KLS-1']!.source).toBe('detected');
  });

  it('a question with nothing detected starts on "unsure", and unsure is an open item', () => {
    const { store } = atQuestions(null);
    expect(selectInitialValue(store.getState(), 'COV-2')).toBe('unsure');
    store.getState().skip();
    store.getState().answer('COV-2', 'unsure');
    expect(store.getState().answers['COV-2']).toMatchObject({ value: 'unsure', source: 'stated' });
    expect(selectAssessment(store.getState())!.open).toContain('COV-2');
  });

  it('the live level follows the answers', () => {
    const { store } = atQuestions(null);
    expect(selectAssessment(store.getState())!.level).toBe(0);
    const s = store.getState();
    s.skip();
    store.getState().answer('COV-2', 'some');
    store.getState().edit('GOV-1');
    store.getState().answer('GOV-1', 'written');
    store.getState().edit('CUS-2');
    store.getState().answer('CUS-2', 'known-not-written');
    expect(selectAssessment(store.getState())!.level).toBe(1);
  });
});

describe('overriding a detected answer', () => {
  /** KEY-1 (detected: keyless) edited and answered `value` instead, with `reason` typed, then Enter. */
  const overrideKey1 = (store: ReturnType<typeof atQuestions>['store'], value: string, reason: string) => {
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', value);
    store.getState().editReason(reason);
    store.getState().saveReason();
  };

  it('asks for a reason; the record keeps the detected evidence and the override', () => {
    const { store, io } = atQuestions();
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'cloud-kms');
    let s = store.getState();
    expect(screenOf(s)).toBe('question:KEY-1');
    expect(selectMode(s)).toBe('reason');
    // recorded at once: nothing is lost if the wizard stops here
    expect(io.saves.at(-1)!.answers['KEY-1']).toMatchObject({ value: 'cloud-kms', source: 'stated', override: { detected: 'no-long-lived-keys' } });
    store.getState().editReason('the release key moved to KMS last week;\r\nCI still has the old workflow\u001b[2J');
    expect(store.getState().pending?.reason).toBe('the release key moved to KMS last week; CI still has the old workflow');
    store.getState().saveReason();
    s = store.getState();
    expect(screenOf(s)).toBe('review');
    const a = s.answers['KEY-1']!;
    expect(a).toMatchObject({
      value: 'cloud-kms',
      source: 'stated',
      override: { detected: 'no-long-lived-keys', reason: 'the release key moved to KMS last week; CI still has the old workflow' },
    });
    expect(a.evidence?.[0]).toMatchObject({ file: '.github/workflows/release.yml', line: 23, detector: 'imagesAreSignedKeylessly' });
    expect(io.saves.at(-1)!.answers['KEY-1']!.override?.reason).toMatch(/^the release key/);
  });

  it('an empty reason is allowed: the override is kept without one', () => {
    const { store } = atQuestions();
    overrideKey1(store, 'hsm', '   ');
    expect(store.getState().answers['KEY-1']).toMatchObject({ source: 'stated', override: { detected: 'no-long-lived-keys' } });
    expect(store.getState().answers['KEY-1']!.override).not.toHaveProperty('reason');
  });

  it('going back and choosing the detected value again removes the override', () => {
    const { store } = atQuestions();
    overrideKey1(store, 'hsm', 'we think so');
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    const a = store.getState().answers['KEY-1']!;
    expect(a.source).toBe('confirmed');
    expect(a.override).toBeUndefined();
    expect(a.evidence).toHaveLength(1);
    expect(screenOf(store.getState())).toBe('review');
  });

  it('the same override again offers the reason given before', () => {
    const { store } = atQuestions();
    overrideKey1(store, 'hsm', 'audited in May');
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'hsm');
    expect(store.getState().pending?.reason).toBe('audited in May');
  });

  it('Esc takes the choice back to what it was', () => {
    const { store } = atQuestions();
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'hsm');
    store.getState().cancelReason();
    const s = store.getState();
    expect(screenOf(s)).toBe('question:KEY-1');
    expect(selectMode(s)).toBe('question');
    expect(s.answers['KEY-1']).toMatchObject({ value: 'no-long-lived-keys', source: 'detected' });
  });

  it('a multi-select override records the detected list', () => {
    const { store } = atQuestions();
    store.getState().answer('COV-1', ['container-image', 'binary']);
    expect(store.getState().answers['COV-1']).toMatchObject({ source: 'stated', override: { detected: ['container-image'] } });
    expect(store.getState().answers['COV-1']!.evidence).toHaveLength(1);
  });

  it('a reason being typed when the wizard stops is kept', () => {
    const { store, io } = atQuestions();
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'hsm');
    store.getState().editReason('half a reason');
    store.getState().quit(true);
    expect(io.saves.at(-1)!.answers['KEY-1']!.override).toEqual({ detected: 'no-long-lived-keys', reason: 'half a reason' });
  });

  it('an override detected in an earlier session (no scan now) keeps that session\'s evidence', () => {
    const saved = savedFile({
      'KEY-1': { value: 'no-long-lived-keys', source: 'detected', evidence: [{ file: 'ci.yml', line: 4 }] },
    });
    const { store } = setup({ saved: { loaded: { file: saved, warnings: [] } } });
    store.getState().resume();
    store.getState().begin();
    scanWith(store, undefined);
    store.getState().continueFromScan();
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'hsm');
    expect(store.getState().answers['KEY-1']).toMatchObject({
      source: 'stated', evidence: [{ file: 'ci.yml', line: 4 }], override: { detected: 'no-long-lived-keys' },
    });
  });
});

describe('contradictions', () => {
  it('claiming keyless while the scan shows a key from a CI secret is shown, recorded, and kept on a second Enter', () => {
    const { store } = atQuestions(keySecretScan());
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'no-long-lived-keys');
    const s = store.getState();
    expect(screenOf(s)).toBe('question:KEY-1');
    expect(s.pending?.contradiction).toContain('a long-lived key (CI secret)');
    expect(s.pending?.contradiction).toContain('.github/workflows/release.yml:51');
    expect(s.answers['KEY-1']).toMatchObject({ value: 'no-long-lived-keys', source: 'stated' });
    expect(s.answers['KEY-1']!.contradiction).toBe(s.pending?.contradiction);
    // it overrides the detected answer too: the reason asked for is the step that keeps it
    expect(selectMode(s)).toBe('reason');
    store.getState().saveReason();
    expect(screenOf(store.getState())).toBe('review');
    expect(store.getState().pending).toBeUndefined();
    expect(store.getState().answers['KEY-1']!.contradiction).toContain('CI secret');
  });

  it('a contradiction where nothing was detected is kept on a second Enter, without asking for a reason', () => {
    const { store } = atQuestions(keySecretScan());
    // nothing pre-fills CUS-1 here; "no keys" contradicts the key from a CI secret
    store.getState().edit('CUS-1');
    store.getState().answer('CUS-1', 'no-keys');
    const s = store.getState();
    expect(s.answers['CUS-1']).toMatchObject({ source: 'stated' });
    expect(s.answers['CUS-1']!.override).toBeUndefined();
    expect(s.pending).toMatchObject({ id: 'CUS-1', contradiction: expect.stringContaining('release.yml:51') });
    expect(s.pending?.reason).toBeUndefined();
    expect(screenOf(s)).toBe('question:CUS-1');
    store.getState().answer('CUS-1', 'no-keys');
    expect(screenOf(store.getState())).toBe('review');
  });

  it('choosing another answer after the warning clears the contradiction', () => {
    const { store } = atQuestions(keySecretScan());
    store.getState().edit('KLS-1');
    store.getState().answer('KLS-1', 'all');
    expect(store.getState().answers['KLS-1']!.contradiction).toMatch(/long-lived key \(CI secret\)/);
    store.getState().answer('KLS-1', 'no');
    expect(store.getState().answers['KLS-1']).toMatchObject({ value: 'no', source: 'confirmed' });
    expect(store.getState().answers['KLS-1']!.contradiction).toBeUndefined();
    expect(screenOf(store.getState())).toBe('review');
  });

  it.each([
    ['COV-2', 'none', 'the repository signs at .github/workflows/release.yml:51'],
    ['VER-2', 'nobody', undefined],
  ])('%s = %s', (id, value, expected) => {
    const { store } = atQuestions(keySecretScan());
    store.getState().edit(id);
    store.getState().answer(id, value);
    expect(store.getState().answers[id]!.contradiction).toBe(expected);
  });

  it('is written in the session language', () => {
    const { store } = atQuestions(keySecretScan());
    store.getState().setLang('ja');
    store.getState().edit('CUS-1');
    store.getState().answer('CUS-1', 'no-keys');
    expect(store.getState().answers['CUS-1']!.contradiction).toBe('.github/workflows/release.yml:51 で長期鍵 (CI のシークレット) を使っています');
  });
});

describe('notes', () => {
  it('a note is kept with the answer and saved', () => {
    const { store, io } = atQuestions();
    const s = store.getState();
    s.openNote();
    expect(selectMode(store.getState())).toBe('note');
    store.getState().editNote('only the image; the CLI tarball is not signed');
    store.getState().saveNote();
    expect(selectMode(store.getState())).toBe('question-multi');
    store.getState().answer('COV-1', ['container-image', 'binary']);
    expect(io.saves.at(-1)!.answers['COV-1']).toMatchObject({ note: 'only the image; the CLI tarball is not signed', source: 'stated' });
  });

  it('Esc discards the note being typed; an empty note removes the note', () => {
    const { store } = atQuestions();
    store.getState().openNote();
    store.getState().editNote('draft');
    store.getState().cancelNote();
    expect(store.getState().notes).toEqual({});
    store.getState().openNote();
    store.getState().editNote('kept');
    store.getState().saveNote();
    store.getState().openNote();
    expect(store.getState().noteDraft).toBe('kept');
    store.getState().editNote('  ');
    store.getState().saveNote();
    expect(store.getState().notes).toEqual({});
  });
});

describe('autosave', () => {
  it('saves after every change, and not before the bank is loaded', () => {
    const { store, io } = setup({ ready: false });
    store.getState().setMetaText('organisation', 'Acme');
    expect(io.saves).toHaveLength(0);
    store.getState().ready({ core: (setup().store.getState().core)!, io });
    // what was typed before the bank arrived is written as soon as it is there
    expect(io.saves).toHaveLength(1);
    expect(io.saves[0]!.meta).toMatchObject({ organisation: 'Acme', language: 'en', date: '2025-06-01' });
    expect(store.getState().unsaved).toBe(false);
    store.getState().setMetaText('team', 'Platform');
    expect(io.saves).toHaveLength(2);
    expect(io.saves[1]!.meta).toMatchObject({ organisation: 'Acme', team: 'Platform', language: 'en', date: '2025-06-01' });
    store.getState().setParticipants('Aiko, Ben, ');
    expect(io.saves.at(-1)!.meta.participants).toEqual(['Aiko', 'Ben']);
    expect(store.getState().participantsText).toBe('Aiko, Ben, ');
    store.getState().begin();
    scanWith(store, keylessScan());
    const afterScan = io.saves.length;
    expect(io.saves.at(-1)!.answers['KEY-1']!.source).toBe('detected');
    expect(io.saves.at(-1)!.meta.repository?.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    store.getState().continueFromScan();
    store.getState().answer('COV-1', ['container-image']);
    expect(io.saves.length).toBe(afterScan + 1);
    expect(store.getState().savedTo).toBe(PATHS.answers);
  });

  it('does not write over a saved file before the team chooses to resume it or start over', () => {
    const saved = savedFile({ 'COV-2': { value: 'all', source: 'stated' } });
    const { store, io } = setup({ saved: { loaded: { file: saved, warnings: [] } } });
    scanWith(store, keylessScan());
    expect(io.saves).toHaveLength(0);
    store.getState().startOver();
    expect(io.setAside).toHaveBeenCalledOnce();
    expect(store.getState().saved).toEqual({ status: 'set-aside', to: '/work/repo/.sigmature/answers-20250101-000000.yaml' });
    expect(io.saves.at(-1)!.answers['COV-2']).toMatchObject({ value: 'some', source: 'detected' });
  });

  it('reports a failed save and keeps going', () => {
    const { store, io } = setup();
    io.save = () => { throw new Error('ENOSPC: no space left on device'); };
    store.getState().setMetaText('organisation', 'Acme');
    expect(store.getState().saveError).toMatch(/ENOSPC/);
    io.save = () => {};
    store.getState().setMetaText('organisation', 'Acme Corp');
    expect(store.getState().saveError).toBeUndefined();
  });
});

describe('resume', () => {
  const saved = savedFile(
    {
      'COV-1': { value: ['container-image'], source: 'confirmed', evidence: [{ file: '.github/workflows/release.yml', line: 23 }] },
      'COV-2': { value: 'most', source: 'stated', note: 'the Helm chart is not signed yet' },
      'COV-3': { value: ['cosign'], source: 'confirmed' },
      'KEY-1': { value: 'no-long-lived-keys', source: 'detected' },
    },
    { organisation: 'Acme', team: 'Payments', participants: ['Aiko', 'Ben'], language: 'ja', targetLevel: 2, date: '2025-05-31' },
  );

  it('offers the saved file, restores answers, notes, meta and language, and continues at the first open question', () => {
    const { store, io } = setup({ saved: { loaded: { file: saved, warnings: [] } } });
    expect(screenOf(store.getState())).toBe('resume');
    expect(selectMode(store.getState())).toBe('resume');
    store.getState().resume();
    const s = store.getState();
    expect(screenOf(s)).toBe('welcome');
    expect(selectMode(s)).toBe('welcome-start');
    expect(s.lang).toBe('ja');
    expect(s.meta).toMatchObject({ organisation: 'Acme', team: 'Payments', participants: ['Aiko', 'Ben'], targetLevel: 2, date: '2025-05-31' });
    // a Japanese session lists the names as Japanese does, with 「、」
    expect(s.participantsText).toBe('Aiko、Ben');
    expect(s.notes).toEqual({ 'COV-2': 'the Helm chart is not signed yet' });
    // resuming rewrites the file with what was restored: nothing is lost
    expect(io.saves.at(-1)!.answers['COV-2']).toMatchObject({ value: 'most', note: 'the Helm chart is not signed yet' });
    s.begin();
    scanWith(store, keylessScan());
    store.getState().continueFromScan();
    // COV-1..3 were answered by the team; AUT-1 is detected only, so the team has not seen it yet
    expect(screenOf(store.getState())).toBe('question:AUT-1');
    expect(store.getState().answers['COV-2']!.source).toBe('stated');
    expect(store.getState().answers['KEY-1']!.source).toBe('detected');
  });

  it('a saved file from the repository cannot put control sequences on the screen', () => {
    const hostile = savedFile(
      { 'COV-2': { value: 'most', source: 'stated', note: 'fine\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007 note' } },
      { organisation: 'Acme\u001b[2J\u001b[H', participants: ['Aiko\u0007', '\u001b[31m'] },
    );
    const { store } = setup({ saved: { loaded: { file: hostile, warnings: [] } } });
    store.getState().resume();
    const s = store.getState();
    expect(s.meta.organisation).toBe('Acme');
    expect(s.meta.participants).toEqual(['Aiko']);
    expect(s.notes['COV-2']).toBe('fine note');
  });

  it('waits for the saved file to be read before offering it', () => {
    const { store } = setup({ ready: false, saved: { loaded: { file: saved, warnings: [] } } });
    expect(selectMode(store.getState())).toBe('loading');
    store.getState().resume();
    expect(screenOf(store.getState())).toBe('resume');
  });

  it('a broken saved file can only be set aside', () => {
    const { store, io } = setup({ saved: { error: '.sigmature/answers.yaml:3: answers schemaVersion 9 is not supported' } });
    store.getState().resume();
    expect(screenOf(store.getState())).toBe('resume');
    store.getState().startOver();
    expect(io.setAside).toHaveBeenCalledOnce();
    expect(screenOf(store.getState())).toBe('welcome');
  });
});

describe('the end', () => {
  it('finish writes the report and the answers and ends with 0', async () => {
    const { store, io } = atQuestions();
    store.getState().goSummary();
    await store.getState().finish();
    expect(io.writeReport).toHaveBeenCalledOnce();
    const input = io.writeReport.mock.calls[0]![0];
    expect(input.lang).toBe('en');
    expect(input.scan?.facts.keyless).toBe(true);
    expect(input.file.answers['KEY-1']!.source).toBe('detected');
    expect(store.getState().write).toMatchObject({ status: 'done', files: { report: PATHS.report } });
    expect(store.getState().exitCode).toBe(0);
  });

  it('a failed write can be retried', async () => {
    const { store, io } = atQuestions();
    io.writeReport.mockRejectedValueOnce(new Error('EACCES: permission denied'));
    await store.getState().finish();
    expect(store.getState().write).toEqual({ status: 'failed', error: 'EACCES: permission denied' });
    expect(selectMode(store.getState())).toBe('write-failed');
    expect(store.getState().exitCode).toBeUndefined();
    await store.getState().finish();
    expect(store.getState().write.status).toBe('done');
  });

  it('quit keeps a note being typed; Ctrl+C ends with 130', () => {
    const { store, io } = atQuestions();
    store.getState().openNote();
    store.getState().editNote('half a thought');
    store.getState().quit(true);
    expect(store.getState().exitCode).toBe(130);
    expect(store.getState().notes['COV-1']).toBe('half a thought');
    expect(io.saves.at(-1)!.answers['COV-1']!.note).toBe('half a thought');
  });

  it('the answers file carries meta, language and every answer', () => {
    const { store } = atQuestions();
    store.getState().setLang('ja');
    const file = selectAnswersFile(store.getState())!;
    expect(file.meta.language).toBe('ja');
    expect(file.bank.id).toBeTruthy();
    expect(Object.keys(file.answers).length).toBeGreaterThan(5);
  });
});

describe('q with unsaved input', () => {
  it('quits at once when everything is saved (autosave)', () => {
    const { store } = atQuestions();
    store.getState().requestQuit();
    expect(screenOf(store.getState())).toBe('quit');
    expect(store.getState().exitCode).toBe(0);
  });

  it('asks first when what was typed is not written yet (the bank still loading); "stay" goes back', () => {
    const { store } = setup({ ready: false });
    store.getState().setMetaText('organisation', 'Acme');
    expect(selectUnsaved(store.getState())).toBe('not-saved');
    store.getState().requestQuit();
    expect(store.getState().confirmQuit).toBe(true);
    expect(selectMode(store.getState())).toBe('confirm-quit');
    expect(store.getState().exitCode).toBeUndefined();
    store.getState().stay();
    expect(selectMode(store.getState())).toBe('welcome-text');
    // once the bank is there, it is written, and q quits at once
    store.getState().ready({ core: (setup().store.getState().core)!, io: setup().io });
    expect(selectUnsaved(store.getState())).toBeUndefined();
    store.getState().requestQuit();
    expect(screenOf(store.getState())).toBe('quit');
  });

  it('asks first when the last save failed', () => {
    const { store, io } = atQuestions();
    io.save = () => { throw new Error('ENOSPC: no space left on device'); };
    store.getState().answer('COV-1', ['container-image']);
    store.getState().requestQuit();
    expect(selectMode(store.getState())).toBe('confirm-quit');
    store.getState().quit(false);
    expect(screenOf(store.getState())).toBe('quit');
    expect(store.getState().confirmQuit).toBe(false);
  });

  it('a note or a reason being typed counts as unsaved input', () => {
    const { store } = atQuestions();
    store.getState().openNote();
    expect(selectUnsaved(store.getState())).toBeUndefined();
    store.getState().editNote('half');
    expect(selectUnsaved(store.getState())).toBe('draft');
    store.getState().saveNote();
    expect(selectUnsaved(store.getState())).toBeUndefined();
    store.getState().edit('KEY-1');
    store.getState().answer('KEY-1', 'hsm');
    expect(selectUnsaved(store.getState())).toBeUndefined();
    store.getState().editReason('because');
    expect(selectUnsaved(store.getState())).toBe('draft');
  });
});

describe('typed text', () => {
  it('keys that arrive in one chunk with Enter fill the welcome fields in turn; nothing typed is lost', () => {
    const { store } = setup();
    // "ACME", Enter, "Payments", Enter, "Aiko, Ben" arriving faster than a frame
    store.getState().typeWelcomeText('ACME\rPayments\rAiko, Ben');
    const s = store.getState();
    expect(s.meta).toMatchObject({ organisation: 'ACME', team: 'Payments', participants: ['Aiko', 'Ben'] });
    expect(s.participantsText).toBe('Aiko, Ben');
  });

  it('names typed in Japanese are separated by 「、」 as well as by commas', () => {
    const { store } = setup();
    store.getState().setParticipants('佐藤、鈴木，高橋, Ben');
    expect(store.getState().meta.participants).toEqual(['佐藤', '鈴木', '高橋', 'Ben']);
    expect(store.getState().participantsText).toBe('佐藤、鈴木，高橋, Ben');
  });

  it('a trailing Enter moves to the next field, and control sequences never reach the store', () => {
    const { store } = setup();
    store.getState().typeWelcomeText('Acme\u001b[31m Corp\u0007\r');
    expect(store.getState().meta.organisation).toBe('Acme Corp');
    expect(store.getState().welcomeField).toBe(1);
  });

  it('a pasted note keeps every word on one line', () => {
    const { store } = atQuestions();
    store.getState().openNote();
    store.getState().editNote('first line\r\nsecond\u001b]0;x\u0007 line');
    expect(store.getState().noteDraft).toBe('first line second line');
  });
});
