/**
 * Selectors: what screens read, derived from the state. Pure; the expensive ones (assessment,
 * roadmap) are cached on the identity of the answers they are computed from.
 */
import { WELCOME_FIELDS, type Assessment, type AnswersFile, type AnswerValue, type WizardState } from './types.js';
import type { Mode } from '../keys.js';
import { sourcesOf, valuesOf } from '../../session/answer-maps.js';
import { applicableIds } from './navigation.js';
import type { QuestionState } from '../../assess/assess.js';
import type { RoadmapStep } from '../../report/roadmap.js';

function cacheOn<K extends object, R>(compute: (key: K, s: WizardState) => R): (key: K, s: WizardState) => R {
  const cache = new WeakMap<K, R>();
  return (key, s) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key, s);
    cache.set(key, value);
    return value;
  };
}

const statesOf = cacheOn((_answers: WizardState['answers'], s) => s.core!.questionStates(valuesOf(s.answers)));
const assessmentOf = cacheOn((_answers: WizardState['answers'], s) => s.core!.assess(valuesOf(s.answers), sourcesOf(s.answers)));
const roadmapOf = cacheOn((_answers: WizardState['answers'], s) =>
  s.core!.roadmap(assessmentOf(s.answers, s), s.detection.scan));

export function selectStates(s: WizardState): QuestionState[] {
  return s.core ? statesOf(s.answers, s) : [];
}

export function selectAssessment(s: WizardState): Assessment | undefined {
  return s.core ? assessmentOf(s.answers, s) : undefined;
}

/**
 * The live level read-out: the assessed level, once the team has answered something. Detected
 * answers alone never carry a level, so until then a "Level 0" would only say that nobody spoke yet.
 */
export function selectLevel(s: WizardState): number | undefined {
  if (!Object.values(s.answers).some((a) => a.source !== 'detected')) return undefined;
  return selectAssessment(s)?.level;
}

const savedSummaryOf = cacheOn((file: AnswersFile, s) => {
  const answers = file.answers;
  const detected = Object.values(answers).filter((a) => a.source === 'detected').length;
  return {
    level: s.core!.assess(valuesOf(answers), sourcesOf(answers)).level,
    team: Object.keys(answers).length - detected,
    detected,
  };
});

/**
 * The saved file offered for resuming: its assessed level (detections the team has not confirmed
 * do not count) and its answers, the team's apart from detections.
 */
export function selectSavedSummary(s: WizardState): { level: number; team: number; detected: number } | undefined {
  if (s.saved.status !== 'offered' || !s.saved.loaded || !s.core) return undefined;
  return savedSummaryOf(s.saved.loaded.file, s);
}

export function selectApplicable(s: WizardState): string[] {
  return applicableIds(selectStates(s));
}

/** "7/22": the question's place among those that apply, and how many apply. */
export function selectProgress(s: WizardState, id: string): { n: number; total: number } {
  const ids = selectApplicable(s);
  return { n: ids.indexOf(id) + 1, total: ids.length };
}

export function selectRoadmap(s: WizardState): { steps: RoadmapStep[] } | { error: string } | undefined {
  return s.core ? roadmapOf(s.answers, s) : undefined;
}

/** What a question's list starts on: the answer so far, else the detected one, else "unsure". */
export function selectInitialValue(s: WizardState, id: string): AnswerValue | undefined {
  const q = s.core?.bank.byId.get(id);
  if (!q) return undefined;
  return s.answers[id]?.value ?? s.suggestions[id]?.value ?? q.options.at(-1)!.value;
}

/** The answers file as it is saved: meta, answers in any order (the writer sorts them), notes attached. */
export function selectAnswersFile(s: WizardState): AnswersFile | undefined {
  if (!s.core) return undefined;
  const file = s.core.emptyAnswers({ ...s.meta, language: s.lang });
  for (const [id, answer] of Object.entries(s.answers)) {
    const note = s.notes[id];
    file.answers[id] = note ? { ...answer, note } : answer;
  }
  return file;
}

/**
 * What q would lose, if anything: a note or a reason being typed, or input the answers file does
 * not hold yet (typed before the bank loaded, or the last save failed). Undefined: nothing.
 */
export function selectUnsaved(s: WizardState): 'draft' | 'not-saved' | undefined {
  const id = s.screen.kind === 'question' ? s.screen.id : undefined;
  if (s.noteDraft !== undefined && s.noteDraft.trim() !== (id ? s.notes[id] ?? '' : '')) return 'draft';
  if (s.pending?.reason?.trim()) return 'draft';
  return s.unsaved ? 'not-saved' : undefined;
}

/** Which bindings are live, for the listeners and the footer. */
export function selectMode(s: WizardState): Mode {
  if (s.confirmQuit && s.screen.kind !== 'quit') return 'confirm-quit';
  switch (s.screen.kind) {
    case 'resume':
      return s.saved.status === 'offered' && (s.saved.loaded || s.saved.error) ? 'resume' : 'loading';
    case 'welcome': {
      const field = WELCOME_FIELDS[s.welcomeField];
      if (field === 'start') return 'welcome-start';
      return field === 'language' || field === 'targetLevel' ? 'welcome-choice' : 'welcome-text';
    }
    case 'scan':
      return s.core && s.detection.status !== 'idle' && s.detection.status !== 'running' ? 'scan' : 'loading';
    case 'question': {
      if (s.noteDraft !== undefined) return 'note';
      if (s.pending?.reason !== undefined && s.pending.id === s.screen.id) return 'reason';
      return s.core?.bank.byId.get(s.screen.id)?.type === 'multi' ? 'question-multi' : 'question';
    }
    case 'review':
      return 'review';
    case 'summary':
      return 'summary';
    case 'write':
      return s.write.status === 'failed' ? 'write-failed' : 'write';
    case 'quit':
      return 'ended';
  }
}
