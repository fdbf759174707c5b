/** Driving the wizard in ink-testing-library: named keys, a sized terminal, and waiting for frames. */
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import type { WizardStore } from '../../src/ui/store/create-wizard-store.js';
import { ThemeContext, createTheme } from '../../src/ui/theme.js';
import { WizardContext } from '../../src/ui/wizard-context.js';
import { textWidth } from '../../src/ui/text.js';

export const ENTER = '\r';
export const ESC = '\u001B';
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const LEFT = '\u001B[D';
export const RIGHT = '\u001B[C';
export const SPACE = ' ';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';

export type Rendered = ReturnType<typeof render>;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;
export const plain = (frame: string | undefined) => (frame ?? '').replace(ANSI, '');
/** The frame as one line: rows joined and runs of blanks made one space, for text that wraps. */
export const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** Renders the whole wizard on a terminal of the given size (80x24 unless told), once drawn at that size. */
export async function renderWizard(store: WizardStore, opts: { columns?: number; rows?: number; noColor?: boolean } = {}): Promise<Rendered> {
  const theme = createTheme(opts.noColor ? { NO_COLOR: '1' } : {});
  const r = render(
    <ThemeContext.Provider value={theme}>
      <WizardContext.Provider value={store}>
        <App />
      </WizardContext.Provider>
    </ThemeContext.Provider>,
  );
  await resize(r, opts.columns ?? 80, opts.rows ?? 24);
  return r;
}

/** Gives the fake terminal a size and tells the app, as a terminal window resize does; waits for the redraw. */
export async function resize(r: Rendered, columns: number, rows: number): Promise<void> {
  const before = r.frames.length;
  Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(r.stdout, 'rows', { configurable: true, get: () => rows });
  r.stdout.emit('resize');
  await waitForFrame(r, (f) => r.frames.length > before && f.split('\n').every((l) => textWidth(l) <= columns), 2000);
  await settle();
}

/** Lets React run the effects of the last commit (Ink re-subscribes key handlers there). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Polls the last frame until it contains `text` (or the predicate holds), then returns it. */
export async function waitForFrame(r: Rendered, expected: string | RegExp | ((frame: string) => boolean), timeout = 4000): Promise<string> {
  // a string may be wrapped across rows: it matches the frame with its line breaks as spaces, too
  const test =
    typeof expected === 'function'
      ? expected
      : (f: string) => (typeof expected === 'string' ? f.includes(expected) || flat(f).includes(expected) : expected.test(f));
  const start = Date.now();
  for (;;) {
    const frame = plain(r.lastFrame());
    if (test(frame)) return frame;
    if (Date.now() - start > timeout) {
      throw new Error(`timed out waiting for ${String(expected)}; last frame:\n${frame}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Types named keys (or characters) one at a time. After each, waits for the frame it causes (or
 * briefly, for a key that changes nothing on screen) and for the effects of that render.
 */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    const before = r.frames.length;
    r.stdin.write(key);
    const start = Date.now();
    while (r.frames.length === before && Date.now() - start < 150) await new Promise((resolve) => setTimeout(resolve, 2));
    await settle();
  }
}

/** Types a string one character at a time, as a person does. */
export async function type(r: Rendered, text: string): Promise<void> {
  for (const ch of text) await press(r, ch);
}

/** The frame fits the terminal: fewer rows than it has (so Ink never clears the screen) and no line wider. */
export function fits(frame: string, columns = 80, rows = 24): boolean {
  const lines = frame.split('\n');
  return lines.length < rows && lines.every((l) => textWidth(l) <= columns);
}

/**
 * From the welcome screen of a wizard whose scan shows a key in a CI secret: starts the questions,
 * answers KLS-1 "For everything we sign" and stops at the contradiction warning (Enter keeps it).
 */
export async function claimKeylessAgainstScan(r: Rendered, store: WizardStore): Promise<void> {
  store.getState().begin();
  await waitForFrame(r, 'Press Enter to start the questions.');
  store.getState().edit('KLS-1');
  await waitForFrame(r, '> No');
  await press(r, DOWN, DOWN, DOWN);
  await waitForFrame(r, '> For everything we sign');
  await press(r, ENTER);
  await waitForFrame(r, '⚠ This answer contradicts the scan');
}
