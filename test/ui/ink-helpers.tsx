/** Driving the wizard in ink-testing-library: named keys, a sized terminal, and waiting for frames. */
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import type { WizardStore } from '../../src/ui/store/create-wizard-store.js';
import { ThemeContext, createTheme } from '../../src/ui/theme.js';
import { WizardContext } from '../../src/ui/wizard-context.js';

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

/** Renders the whole wizard on a terminal of the given size (80x24 unless told). */
export function renderWizard(store: WizardStore, opts: { columns?: number; rows?: number; noColor?: boolean } = {}): Rendered {
  const theme = createTheme(opts.noColor ? { NO_COLOR: '1' } : {});
  const r = render(
    <ThemeContext.Provider value={theme}>
      <WizardContext.Provider value={store}>
        <App />
      </WizardContext.Provider>
    </ThemeContext.Provider>,
  );
  resize(r, opts.columns ?? 80, opts.rows ?? 24);
  return r;
}

/** Gives the fake terminal a size and tells the app, as a terminal window resize does. */
export function resize(r: Rendered, columns: number, rows: number): void {
  Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(r.stdout, 'rows', { configurable: true, get: () => rows });
  r.stdout.emit('resize');
}

/** Polls the last frame until it contains `text` (or the predicate holds), then returns it. */
export async function waitForFrame(r: Rendered, expected: string | RegExp | ((frame: string) => boolean), timeout = 4000): Promise<string> {
  const test = typeof expected === 'function' ? expected : (f: string) => (typeof expected === 'string' ? f.includes(expected) : expected.test(f));
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

/** Types one named key (or text) and gives Ink a turn to handle it. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    r.stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Types a string one character at a time, as a person does. */
export async function type(r: Rendered, text: string): Promise<void> {
  for (const ch of text) await press(r, ch);
}
