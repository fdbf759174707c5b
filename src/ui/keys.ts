/**
 * The one binding map: every key the wizard reacts to, as a named command per input mode. Screens
 * ask `commandFor(mode, input, key)` and dispatch the command; the footer lists `BINDINGS[mode]`.
 * Bindings marked `widget` are handled by the list or text widget on screen (ChoiceList, for
 * single and multiple choice; ink-text-input): they are listed here so the footer shows them, and so that
 * this file stays the single place that says which key does what.
 */
import type { Key } from 'ink';
import type { MessageKey } from '../i18n/ui-messages.js';

export type Mode =
  | 'resume'
  | 'loading'
  | 'welcome-text'
  | 'welcome-choice'
  | 'welcome-start'
  | 'scan'
  | 'question'
  | 'question-multi'
  | 'note'
  | 'reason'
  | 'confirm-quit'
  | 'review'
  | 'summary'
  | 'write'
  | 'write-failed'
  | 'ended';

export type Command =
  | 'select' | 'up' | 'down' | 'toggle' | 'confirm'
  | 'help' | 'note' | 'skip' | 'back' | 'quit' | 'interrupt'
  | 'nextField' | 'prevField' | 'change' | 'changeBack' | 'continue'
  | 'saveNote' | 'cancelNote' | 'saveReason' | 'cancelReason' | 'retry'
  | 'quitAnyway' | 'stay';

type NamedKey = 'return' | 'escape' | 'leftArrow' | 'rightArrow' | 'upArrow' | 'downArrow' | 'tab';

export interface KeySpec {
  /** A printable key, matched against Ink's `input`. */
  input?: string;
  /** A named key, matched against Ink's `key` flags. */
  key?: NamedKey;
  ctrl?: boolean;
  shift?: boolean;
  /** How the footer writes the key. */
  glyph: string;
}

export interface Binding {
  command: Command;
  keys: readonly KeySpec[];
  label: MessageKey;
  /** Handled by the widget on screen, not by the screen's own listener. */
  widget?: boolean;
  /** How the footer writes the keys, when not the first two keys' glyphs joined by "/". */
  glyph?: string;
  /** Not in the footer: another binding's entry stands for it ("↑↓ move" for up and down). */
  hidden?: boolean;
}

const ENTER: KeySpec = { key: 'return', glyph: 'Enter' };
const ESC: KeySpec = { key: 'escape', glyph: 'Esc' };
const UP: KeySpec = { key: 'upArrow', glyph: '↑' };
const DOWN: KeySpec = { key: 'downArrow', glyph: '↓' };
const LEFT: KeySpec = { key: 'leftArrow', glyph: '←' };
const RIGHT: KeySpec = { key: 'rightArrow', glyph: '→' };
const TAB: KeySpec = { key: 'tab', glyph: 'Tab' };
const SHIFT_TAB: KeySpec = { key: 'tab', shift: true, glyph: 'Shift+Tab' };
const SPACE: KeySpec = { input: ' ', glyph: 'Space' };
const char = (c: string): KeySpec => ({ input: c, glyph: c });

const quit: Binding = { command: 'quit', keys: [char('q')], label: 'keyQuit' };
const interrupt: Binding = { command: 'interrupt', keys: [{ input: 'c', ctrl: true, glyph: 'Ctrl+C' }], label: 'keyInterrupt' };
const up: Binding = { command: 'up', keys: [UP, char('k')], label: 'keyMove', widget: true, glyph: '↑↓' };
const down: Binding = { command: 'down', keys: [DOWN, char('j')], label: 'keyMove', widget: true, hidden: true };
const move = [up, down];
const back: Binding = { command: 'back', keys: [char('b'), LEFT, ESC], label: 'keyBack' };
/** What every question screen offers after its own selection keys. */
const questionTail: readonly Binding[] = [
  { command: 'help', keys: [char('?')], label: 'keyHelp' },
  { command: 'note', keys: [char('n')], label: 'keyNote' },
  { command: 'skip', keys: [char('s')], label: 'keySkip' },
  back,
  quit,
];

/** Ctrl+C stops the wizard from any mode (answers are already saved); the root listens for it. */
export const GLOBAL_BINDINGS: readonly Binding[] = [interrupt];

export const BINDINGS: Readonly<Record<Mode, readonly Binding[]>> = {
  resume: [{ command: 'select', keys: [ENTER], label: 'keySelect', widget: true }, ...move, quit],
  loading: [quit],
  'welcome-text': [
    // the welcome screen is the first frame: its footer is plain ASCII (the first non-ASCII text Ink
    // measures costs ~40 ms: string-width compiles its emoji regular expression)
    { command: 'nextField', keys: [ENTER, TAB, DOWN], label: 'keyNextField' },
    { command: 'prevField', keys: [UP, SHIFT_TAB], label: 'keyPrevField', glyph: 'Up' },
    interrupt,
  ],
  'welcome-choice': [
    { command: 'change', keys: [RIGHT, SPACE], label: 'keyChange', glyph: 'Left/Right' },
    { command: 'changeBack', keys: [LEFT], label: 'keyChange', hidden: true },
    { command: 'nextField', keys: [ENTER, TAB, DOWN], label: 'keyNextField' },
    { command: 'prevField', keys: [UP, SHIFT_TAB], label: 'keyPrevField', glyph: 'Up' },
    quit,
  ],
  'welcome-start': [
    { command: 'continue', keys: [ENTER], label: 'keyContinue' },
    { command: 'prevField', keys: [UP, SHIFT_TAB], label: 'keyPrevField', glyph: 'Up' },
    quit,
  ],
  scan: [{ command: 'continue', keys: [ENTER], label: 'keyContinue' }, { ...back, keys: [char('b'), ESC] }, quit],
  question: [
    { command: 'select', keys: [ENTER], label: 'keySelect', widget: true },
    ...move,
    ...questionTail,
  ],
  'question-multi': [
    { command: 'toggle', keys: [SPACE], label: 'keyToggle', widget: true },
    { command: 'confirm', keys: [ENTER], label: 'keyConfirm', widget: true },
    ...move,
    ...questionTail,
  ],
  // While a note is typed every printable key is text (q included): only Enter and Esc act.
  note: [
    { command: 'saveNote', keys: [ENTER], label: 'keySave' },
    { command: 'cancelNote', keys: [ESC], label: 'keyCancel' },
    interrupt,
  ],
  // The reason for overriding a detected answer: one line of text, like a note.
  reason: [
    { command: 'saveReason', keys: [ENTER], label: 'keyAccept' },
    { command: 'cancelReason', keys: [ESC], label: 'keyBackToList' },
    interrupt,
  ],
  // q with input not yet saved: ask first.
  'confirm-quit': [
    { command: 'quitAnyway', keys: [char('y')], label: 'keyQuitAnyway' },
    { command: 'stay', keys: [char('n'), ESC], label: 'keyStay' },
    interrupt,
  ],
  review: [
    { command: 'select', keys: [ENTER], label: 'keyEdit', widget: true },
    ...move,
    { ...back, keys: [char('b'), ESC, LEFT] },
    quit,
  ],
  summary: [
    { command: 'continue', keys: [ENTER], label: 'keyContinue' },
    back,
    quit,
  ],
  write: [],
  'write-failed': [{ command: 'retry', keys: [char('r'), ENTER], label: 'keyRetry' }, quit],
  ended: [],
};

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if (spec.key) {
    if (!key[spec.key]) return false;
    if (spec.shift !== undefined && Boolean(key.shift) !== spec.shift) return false;
    if (spec.key === 'tab' && spec.shift === undefined && key.shift) return false;
    return Boolean(spec.ctrl) === Boolean(key.ctrl);
  }
  if (spec.input === undefined) return false;
  if (Boolean(spec.ctrl) !== Boolean(key.ctrl)) return false;
  return input === spec.input;
}

/** The command a key means in a mode, leaving out what the on-screen widget handles itself. */
export function commandFor(mode: Mode | 'global', input: string, key: Key): Command | undefined {
  return find(mode === 'global' ? GLOBAL_BINDINGS : BINDINGS[mode], false, input, key);
}

/** The command a key means to the widget on screen (the multi-select reads its keys from here). */
export function widgetCommandFor(mode: Mode, input: string, key: Key): Command | undefined {
  return find(BINDINGS[mode], true, input, key);
}

function find(bindings: readonly Binding[], widget: boolean, input: string, key: Key): Command | undefined {
  for (const binding of bindings) {
    if (Boolean(binding.widget) !== widget) continue;
    if (binding.keys.some((k) => matches(k, input, key))) return binding.command;
  }
  return undefined;
}

/** What the footer shows for a mode: the glyphs of each listed binding and its label. */
export function footerEntries(mode: Mode): { glyph: string; label: MessageKey }[] {
  return BINDINGS[mode].filter((b) => !b.hidden).map((b) => ({ glyph: b.glyph ?? b.keys.slice(0, 2).map((k) => k.glyph).join('/'), label: b.label }));
}

/** Modes where printable keys are text for a text field, not commands. */
export const TEXT_MODES: ReadonlySet<Mode> = new Set(['welcome-text', 'note', 'reason']);

/**
 * The first key of input that Ink handed over as one event. Ink 6 hands each escape sequence (an
 * arrow, Esc) over on its own, but a run of plain keys that reached the terminal in one read
 * ("\r\r\r" from three fast Enters, "jj", "Acme\r") as one string, which no binding matches. Here a
 * control key (Enter, Tab, Backspace, Ctrl+…) is a key of its own; printable characters are one
 * key each, except in a text field, where a run of them is typed (pasted) text.
 */
export function firstKey(chunk: string, text: boolean): string {
  if (chunk.startsWith('\u001B')) return chunk;
  const first = String.fromCodePoint(chunk.codePointAt(0) ?? 0);
  if (!text || isControl(first)) return first;
  let end = first.length;
  while (end < chunk.length && !isControl(chunk[end]!)) end++;
  return chunk.slice(0, end);
}

/** The keys of a chunk, as `firstKey` cuts them (with the text flag held). */
export function splitKeys(chunk: string, text: boolean): string[] {
  const keys: string[] = [];
  for (let rest = chunk; rest; rest = rest.slice(keys.at(-1)!.length)) keys.push(firstKey(rest, text));
  return keys;
}

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
