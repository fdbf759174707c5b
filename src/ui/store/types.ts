/**
 * The wizard's state: three slices (session, answers, detection) combined in one vanilla zustand
 * store. Only data and actions live here: no React nodes, no Ink instances. Everything the core
 * computes with arrives after the first frame as a `Core` (the bank pulls in zod and the YAML
 * files; loading it first would delay the first screen), with the `WizardIO` that writes files.
 */
import type { AnswerSources, AnswerValue, AnswerValues, Assessment, QuestionState } from '../../assess/assess.js';
import type { Suggestion } from '../../assess/prefill.js';
import type { ScanResult } from '../../detect/types.js';
import type { Lang } from '../../i18n/report-messages.js';
import type { Bank } from '../../model/bank.js';
import type { RoadmapContext, RoadmapStep } from '../../report/roadmap.js';
import type { Answer, AnswersFile, LoadedAnswers, Meta } from '../../session/answers-file.js';

export type { Answer, AnswersFile, AnswerSources, AnswerValue, AnswerValues, Assessment, Bank, Lang, Meta, QuestionState, ScanResult, Suggestion };

/** The wizard's steps. The root component routes them with an exhaustive switch. */
export type Screen =
  | { kind: 'resume' }
  | { kind: 'welcome' }
  | { kind: 'scan' }
  | { kind: 'question'; id: string }
  | { kind: 'review' }
  | { kind: 'summary' }
  | { kind: 'write' }
  | { kind: 'quit' };

/** The bank and the pure core functions bound to it. */
export interface Core {
  bank: Bank;
  assess(values: AnswerValues, sources?: AnswerSources): Assessment;
  questionStates(values: AnswerValues): QuestionState[];
  suggest(scan: ScanResult): Record<string, Suggestion>;
  emptyAnswers(meta: Meta): AnswersFile;
  /** The roadmap for an assessment, or why there is none (the step catalogue may be missing). */
  roadmap(assessment: Assessment, scan?: RoadmapContext): { steps: RoadmapStep[] } | { error: string };
}

export interface WrittenFiles {
  report: string;
  answers: string;
  level: number;
}

/** Files: injected so that tests observe saves without touching the disk. */
export interface WizardIO {
  /** Autosave: the whole answers file, atomically. Throws on failure (a full disk). */
  save(file: AnswersFile, bank: Bank): void;
  /** Where `setAside` moves the saved answers. */
  readonly asideTo: string;
  /** Start over: move the saved answers aside and say where they went. */
  setAside(): string | undefined;
  /** The report and the final answers file. */
  writeReport(input: { file: AnswersFile; bank: Bank; scan?: ScanResult; lang: Lang }): Promise<WrittenFiles>;
}

export interface WizardPaths {
  /** The repository directory, absolute. */
  dir: string;
  /** The repository directory as the user gave it, for messages. */
  displayDir: string;
  /** `<dir>/.sigmature/answers.yaml`. */
  answers: string;
  /** Where the report goes: `sigmature-report.md` in the working directory, or `--out`. */
  report: string;
}

/** The answers file that was on disk when the wizard started. */
export type SavedAnswers =
  | { status: 'none' }
  /** Offered for resuming; `loaded`/`error` arrive with the core. */
  | { status: 'offered'; savedAt?: string; loaded?: LoadedAnswers; error?: string; asideTo?: string }
  | { status: 'resumed'; warnings: string[] }
  | { status: 'set-aside'; to?: string };

export type WriteState =
  | { status: 'idle' }
  | { status: 'writing' }
  | { status: 'done'; files: WrittenFiles }
  | { status: 'failed'; error: string };

export const WELCOME_FIELDS = ['organisation', 'team', 'participants', 'assessor', 'language', 'targetLevel', 'start'] as const;
export type WelcomeField = (typeof WELCOME_FIELDS)[number];

export interface Ready {
  core: Core;
  io: WizardIO;
  /** The saved answers file read with the bank, when one was offered. */
  saved?: { loaded: LoadedAnswers } | { error: string };
}

export interface SessionSlice {
  screen: Screen;
  lang: Lang;
  meta: Meta;
  /** The participants field as typed ("Aiko, Ben, "): meta.participants is parsed from it. */
  participantsText: string;
  paths: WizardPaths;
  core?: Core;
  saved: SavedAnswers;
  welcomeField: number;
  write: WriteState;
  /** Where the last autosave went, once one succeeded. */
  savedTo?: string;
  saveError?: string;
  /** Input the answers file does not hold yet: typed before the bank loaded, or a save failed. */
  unsaved?: boolean;
  /** q was pressed with unsaved input: the wizard asks before it stops. */
  confirmQuit?: boolean;
  /** A problem that ends the wizard (a broken question bank): exit 2 with this line. */
  fatal?: string;
  /** Set when the wizard should end, with the process exit code. */
  exitCode?: number;

  ready(ready: Ready): void;
  failed(message: string): void;
  setLang(lang: Lang): void;
  setMetaText(field: 'organisation' | 'team' | 'assessor', value: string): void;
  setParticipants(text: string): void;
  /**
   * Text typed into the focused welcome field. A chunk may carry Enter ("\r") when keys arrive
   * faster than a frame (a paste, a fast typist over SSH): each line fills a field and Enter moves on,
   * so nothing typed is lost and no control character reaches the screen.
   */
  typeWelcomeText(value: string): void;
  setTargetLevel(level: number): void;
  moveField(delta: number): void;
  changeChoice(delta: number): void;
  resume(): void;
  startOver(): void;
  begin(): void;
  continueFromScan(): void;
  goSummary(): void;
  finish(): Promise<void>;
  quit(interrupted: boolean): void;
  /** q: stops at once when everything is saved (autosave), else asks first (`confirmQuit`). */
  requestQuit(): void;
  /** "No, stay": back to where the team was. */
  stay(): void;
  back(): void;
}

export interface AnswersSlice {
  /** The answers as they go into the file, without notes (notes live in `notes`). */
  answers: Record<string, Answer>;
  notes: Record<string, string>;
  /** After an edit started from the review, the next answer returns there. */
  returnTo?: 'review';
  help: boolean;
  /** The note being typed on the current question; undefined when no note is open. */
  noteDraft?: string;
  /**
   * An answer just chosen that needs one more step before moving on: a contradiction of the scan
   * (the same choice again keeps it), or an override of a detected answer (`reason` is the team's
   * reason being typed; Enter keeps it, Esc restores `previous`, null when there was no answer).
   */
  pending?: { id: string; value: AnswerValue; contradiction?: string; reason?: string; previous?: Answer | null };

  answer(id: string, value: AnswerValue): void;
  skip(): void;
  edit(id: string): void;
  toggleHelp(): void;
  openNote(): void;
  editNote(text: string): void;
  saveNote(): void;
  cancelNote(): void;
  /** The reason for overriding a detection, as typed (one line). */
  editReason(text: string): void;
  /** Keeps the override with the reason typed (empty: none) and moves on. */
  saveReason(): void;
  /** Takes the overriding choice back. */
  cancelReason(): void;
}

export type DetectionStatus = 'idle' | 'running' | 'done' | 'unavailable' | 'failed';

export interface DetectionSlice {
  detection: { status: DetectionStatus; scan?: ScanResult; error?: string };
  suggestions: Record<string, Suggestion>;

  scanStarted(): void;
  scanFinished(scan: ScanResult): void;
  scanFailed(reason: string, unavailable?: boolean): void;
}

export type WizardState = SessionSlice & AnswersSlice & DetectionSlice;

export type SetState = (partial: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)) => void;
export type GetState = () => WizardState;

/** What the store closes over: the IO arrives with the core. */
export interface StoreContext {
  io?: WizardIO;
}
