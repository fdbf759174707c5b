/** Answers: what the team chose on each question, with notes and the contradiction check. */
import { stripTyped } from './typed-text.js';
import { buildAnswer, withReason } from './answer-records.js';
import { nextQuestion, normalizeValue, sameValue } from './navigation.js';
import type { Answer, AnswersSlice, GetState, Screen, SetState, WizardState } from './types.js';

/** Where to go once the current question is done: back to the review, the next question, or the review. */
function after(s: WizardState, id: string, answers: Readonly<Record<string, Answer>>): { screen: Screen; returnTo: undefined } {
  if (s.returnTo === 'review' || !s.core) return { screen: { kind: 'review' }, returnTo: undefined };
  const next = nextQuestion(s.core, answers, id);
  return { screen: next ? { kind: 'question', id: next } : { kind: 'review' }, returnTo: undefined };
}

const leaveQuestion = { help: false, noteDraft: undefined, pending: undefined } as const;

export function createAnswersSlice(set: SetState, get: GetState): AnswersSlice {
  const current = (): string | undefined => {
    const screen = get().screen;
    return screen.kind === 'question' ? screen.id : undefined;
  };
  return {
    answers: {},
    notes: {},
    returnTo: undefined,
    help: false,
    noteDraft: undefined,
    pending: undefined,

    answer(id, raw) {
      const s = get();
      if (!s.core || current() !== id) return;
      const value = normalizeValue(s.core, id, raw);
      if (value === undefined) return;
      const record = buildAnswer(s.core, s, id, value);
      const answers = { ...s.answers, [id]: record };
      if (record.override) {
        // The team overrides a detection: recorded at once (nothing is lost), then its reason is asked
        // for, in one line, with the contradiction (if any) in view.
        set({
          answers,
          pending: {
            id, value, reason: record.override.reason ?? '', previous: s.answers[id] ?? null,
            ...(record.contradiction ? { contradiction: record.contradiction } : {}),
          },
          help: false,
        });
        return;
      }
      const confirming = s.pending?.id === id && sameValue(s.pending.value, value);
      if (record.contradiction && !confirming) {
        // Recorded at once (nothing is lost), but the team sees the warning before moving on.
        set({ answers, pending: { id, value, contradiction: record.contradiction }, help: false });
        return;
      }
      set({ answers, ...leaveQuestion, ...after(s, id, answers) });
    },

    skip() {
      const s = get();
      const id = current();
      if (!id) return;
      set({ ...leaveQuestion, ...after(s, id, s.answers) });
    },

    edit(id) {
      if (!get().core?.bank.byId.has(id)) return;
      set({ screen: { kind: 'question', id }, returnTo: 'review', ...leaveQuestion });
    },

    toggleHelp() {
      set((s) => ({ help: !s.help }));
    },

    openNote() {
      const id = current();
      if (!id) return;
      set((s) => ({ noteDraft: s.notes[id] ?? '' }));
    },

    editNote(text) {
      if (get().noteDraft === undefined) return;
      // a note is one line: pasted line breaks become spaces, control characters go
      set({ noteDraft: stripTyped(text.replace(/[\r\n]+/g, ' ')) });
    },

    saveNote() {
      const s = get();
      const id = current();
      if (!id || s.noteDraft === undefined) return;
      const text = s.noteDraft.trim();
      const notes = { ...s.notes };
      if (text) notes[id] = text;
      else delete notes[id];
      set({ notes, noteDraft: undefined });
    },

    cancelNote() {
      set({ noteDraft: undefined });
    },

    editReason(text) {
      const pending = get().pending;
      if (pending?.reason === undefined) return;
      set({ pending: { ...pending, reason: stripTyped(text.replace(/[\r\n]+/g, ' ')) } });
    },

    saveReason() {
      const s = get();
      const pending = s.pending;
      const record = pending ? s.answers[pending.id] : undefined;
      if (pending?.reason === undefined || current() !== pending.id || !record) return;
      const answers = { ...s.answers, [pending.id]: withReason(record, pending.reason) };
      set({ answers, ...leaveQuestion, ...after(s, pending.id, answers) });
    },

    cancelReason() {
      const s = get();
      const pending = s.pending;
      if (pending?.reason === undefined) return;
      // Esc takes the choice back: the answer is what it was before
      const answers = { ...s.answers };
      if (pending.previous) answers[pending.id] = pending.previous;
      else delete answers[pending.id];
      set({ answers, pending: undefined });
    },
  };
}
