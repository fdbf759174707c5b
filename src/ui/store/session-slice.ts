/** The session: which screen, the language, who is in the room (meta), the files, and the end. */
import { sanitizeExcerpt, sanitizeLine } from '../../detect/sanitize.js';
import { joinList, splitNames } from '../../i18n/names.js';
import { mergeDetected, withReason } from './answer-records.js';
import { stripTyped } from './typed-text.js';
import { applicable, firstOpen, previousQuestion } from './navigation.js';
import { selectAnswersFile, selectUnsaved } from './selectors.js';
import {
  WELCOME_FIELDS,
  type Answer, type AnswersFile, type GetState, type Lang, type Meta, type SessionSlice, type SetState, type StoreContext, type WizardPaths,
} from './types.js';

export interface WizardInit {
  lang: Lang;
  paths: WizardPaths;
  /** An answers file is on disk (and --fresh was not given): offer to resume it. */
  savedOffer?: { savedAt?: string };
  /** Today as YYYY-MM-DD (injected so tests are stable). */
  today: string;
  targetLevel?: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const cleanText = (text: string | undefined) => (text === undefined ? undefined : sanitizeLine(text));

function cleanSaved(file: AnswersFile): AnswersFile {
  const m = file.meta;
  const answers: AnswersFile['answers'] = {};
  for (const [id, a] of Object.entries(file.answers)) {
    answers[id] = {
      ...a,
      ...(a.note !== undefined ? { note: sanitizeExcerpt(a.note, 4000) } : {}),
      ...(a.contradiction !== undefined ? { contradiction: sanitizeLine(a.contradiction) } : {}),
      ...(a.override?.reason !== undefined ? { override: { ...a.override, reason: sanitizeLine(a.override.reason) } } : {}),
    };
  }
  return {
    ...file,
    meta: {
      ...m,
      organisation: cleanText(m.organisation),
      team: cleanText(m.team),
      assessor: cleanText(m.assessor),
      participants: m.participants.map(sanitizeLine).filter(Boolean),
      ...(m.repository ? { repository: { ...m.repository, url: cleanText(m.repository.url), commit: cleanText(m.repository.commit) } } : {}),
    },
    answers,
  };
}

export function createSessionSlice(set: SetState, get: GetState, ctx: StoreContext, init: WizardInit): SessionSlice {
  const meta: Meta = {
    participants: [],
    date: init.today,
    repository: { path: init.paths.dir },
    targetLevel: init.targetLevel ?? 3,
    language: init.lang,
  };
  return {
    screen: init.savedOffer ? { kind: 'resume' } : { kind: 'welcome' },
    lang: init.lang,
    meta,
    participantsText: '',
    paths: init.paths,
    core: undefined,
    saved: init.savedOffer ? { status: 'offered', savedAt: init.savedOffer.savedAt } : { status: 'none' },
    welcomeField: 0,
    write: { status: 'idle' },

    ready({ core, io, saved }) {
      ctx.io = io;
      const s = get();
      if (s.saved.status === 'offered' && saved) {
        set({ core, saved: { ...s.saved, asideTo: io.asideTo, ...('loaded' in saved ? { loaded: saved.loaded } : { error: saved.error }) } });
      } else {
        set({ core });
      }
    },

    failed(line) {
      set({ fatal: line, exitCode: 2 });
    },

    setLang(lang) {
      set((s) => ({ lang, meta: { ...s.meta, language: lang } }));
    },

    setMetaText(field, value) {
      set((s) => ({ meta: { ...s.meta, [field]: value.trim() ? value : undefined } }));
    },

    setParticipants(text) {
      set((s) => ({ participantsText: text, meta: { ...s.meta, participants: splitNames(text) } }));
    },

    typeWelcomeText(value) {
      const lines = value.split(/\r\n|\r|\n/);
      lines.forEach((line, i) => {
        const s = get();
        const field = WELCOME_FIELDS[s.welcomeField];
        if (i > 0) {
          if (field === 'start') return;
          s.moveField(1);
        }
        const target = WELCOME_FIELDS[get().welcomeField];
        const text = stripTyped(line);
        if (i > 0 && !text) return;
        if (target === 'participants') get().setParticipants(text);
        else if (target === 'organisation' || target === 'team' || target === 'assessor') get().setMetaText(target, text);
      });
    },

    setTargetLevel(level) {
      set((s) => ({ meta: { ...s.meta, targetLevel: Math.max(0, Math.min(3, level)) } }));
    },

    moveField(delta) {
      set((s) => ({ welcomeField: Math.max(0, Math.min(WELCOME_FIELDS.length - 1, s.welcomeField + delta)) }));
    },

    changeChoice(delta) {
      const s = get();
      const field = WELCOME_FIELDS[s.welcomeField];
      if (field === 'language') s.setLang(s.lang === 'en' ? 'ja' : 'en');
      if (field === 'targetLevel') s.setTargetLevel(((s.meta.targetLevel ?? 3) + delta + 4) % 4);
    },

    resume() {
      const s = get();
      if (s.saved.status !== 'offered' || !s.saved.loaded || !s.core) return;
      // The file lives in the (untrusted) repository: its words reach the screen without control sequences.
      const file = cleanSaved(s.saved.loaded.file);
      const answers: Record<string, Answer> = {};
      const notes: Record<string, string> = {};
      for (const [id, { note, ...answer }] of Object.entries(file.answers)) {
        answers[id] = answer;
        if (note) notes[id] = note;
      }
      const lang = file.meta.language ?? s.lang;
      set({
        saved: { status: 'resumed', warnings: s.saved.loaded.warnings },
        lang,
        meta: { ...s.meta, ...file.meta, language: lang, repository: { ...s.meta.repository, ...file.meta.repository, path: s.meta.repository?.path } },
        participantsText: joinList(file.meta.participants, lang),
        answers: s.detection.status === 'done' ? mergeDetected(s.core, answers, s.suggestions) : answers,
        notes,
        screen: { kind: 'welcome' },
        welcomeField: WELCOME_FIELDS.indexOf('start'),
      });
    },

    startOver() {
      const s = get();
      if (s.saved.status !== 'offered' || !s.core) return;
      let to: string | undefined;
      try {
        to = ctx.io?.setAside();
      } catch (err) {
        set({ saveError: message(err) });
        return;
      }
      set({
        saved: { status: 'set-aside', to },
        answers: s.detection.status === 'done' ? mergeDetected(s.core, {}, s.suggestions) : {},
        screen: { kind: 'welcome' },
        welcomeField: 0,
      });
    },

    begin() {
      set({ screen: { kind: 'scan' } });
    },

    continueFromScan() {
      const s = get();
      const status = s.detection.status;
      if (!s.core || status === 'idle' || status === 'running') return;
      const first = s.saved.status === 'resumed' ? firstOpen(s.core, s.answers) : applicable(s.core, s.answers)[0];
      set({ screen: first ? { kind: 'question', id: first } : { kind: 'review' }, returnTo: undefined });
    },

    goSummary() {
      set({ screen: { kind: 'summary' } });
    },

    back() {
      const s = get();
      const leave = { help: false, noteDraft: undefined, pending: undefined, returnTo: undefined };
      switch (s.screen.kind) {
        case 'question': {
          if (s.returnTo === 'review') return set({ ...leave, screen: { kind: 'review' } });
          const prev = s.core ? previousQuestion(s.core, s.answers, s.screen.id) : undefined;
          return set({ ...leave, screen: prev ? { kind: 'question', id: prev } : { kind: 'scan' } });
        }
        case 'scan':
          return set({ screen: { kind: 'welcome' } });
        case 'review': {
          const last = s.core ? applicable(s.core, s.answers).at(-1) : undefined;
          return set({ ...leave, screen: last ? { kind: 'question', id: last } : { kind: 'scan' } });
        }
        case 'summary':
          return set({ screen: { kind: 'review' } });
        case 'resume':
        case 'welcome':
        case 'write':
        case 'quit':
          return;
      }
    },

    async finish() {
      const s = get();
      if (!s.core || !ctx.io || s.write.status === 'writing' || s.write.status === 'done') return;
      set({ screen: { kind: 'write' }, write: { status: 'writing' } });
      try {
        const files = await ctx.io.writeReport({ file: selectAnswersFile(get())!, bank: s.core.bank, scan: s.detection.scan, lang: get().lang });
        set({ write: { status: 'done', files }, savedTo: files.answers, exitCode: 0 });
      } catch (err) {
        set({ write: { status: 'failed', error: message(err) } });
      }
    },

    requestQuit() {
      if (selectUnsaved(get())) set({ confirmQuit: true });
      else get().quit(false);
    },

    stay() {
      set({ confirmQuit: false });
    },

    quit(interrupted) {
      const s = get();
      // A note being typed when the wizard stops is kept, like everything else.
      const draft = s.noteDraft?.trim();
      const notes = draft && s.screen.kind === 'question' ? { ...s.notes, [s.screen.id]: draft } : s.notes;
      // So is a reason being typed for an override.
      const p = s.pending;
      const overridden = p?.reason !== undefined ? s.answers[p.id] : undefined;
      const answers = overridden && p?.reason?.trim() ? { ...s.answers, [p.id]: withReason(overridden, p.reason) } : s.answers;
      set({ screen: { kind: 'quit' }, notes, answers, noteDraft: undefined, pending: undefined, confirmQuit: false, exitCode: interrupted ? 130 : 0 });
    },
  };
}
