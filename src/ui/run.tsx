/**
 * Starts the wizard on a terminal. The first frame is drawn before anything heavy is loaded: the
 * bank (YAML + zod), the saved answers and the scanner come after it, so the welcome screen
 * appears about as fast as any Ink app can draw one.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { render } from 'ink';
import type { Options } from '../commands/options.js';
import { errorMessage, UsageError } from '../exit.js';
import { App } from './App.js';
import { loadLaterScreens } from './hooks/use-later-screens.js';
import { loadScanner, type Scanner } from './scan-adapter.js';
import { createWizardStore, type WizardStore } from './store/create-wizard-store.js';
import type { WizardPaths } from './store/types.js';
import { ThemeContext, createTheme } from './theme.js';
import { WizardContext } from './wizard-context.js';

function localStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

export function wizardPaths(opts: Pick<Options, 'dir' | 'out'>, cwd = process.cwd()): WizardPaths {
  const given = opts.dir ?? '.';
  const dir = resolve(cwd, given);
  return { dir, displayDir: given, answers: join(dir, '.sigmature', 'answers.yaml'), report: resolve(cwd, opts.out ?? 'sigmature-report.md') };
}

export async function runWizardUi(opts: Options): Promise<number> {
  const paths = wizardPaths(opts);
  if (!statSync(paths.dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`not a directory: ${paths.displayDir}`);
  const saved = opts.fresh ? undefined : statSync(paths.answers, { throwIfNoEntry: false });
  const now = new Date();
  const store = createWizardStore({
    lang: opts.lang,
    paths,
    today: localStamp(now).slice(0, 10),
    ...(saved ? { savedOffer: { savedAt: localStamp(saved.mtime) } } : {}),
  });

  // a start that offers to resume opens on the resume screen, which is not in the first chunk
  if (saved) await loadLaterScreens();
  const ink = render(
    <ThemeContext.Provider value={createTheme()}>
      <WizardContext.Provider value={store}>
        <App />
      </WizardContext.Provider>
    </ThemeContext.Provider>,
    // console output (Node's own warnings among it) goes above the frame through Ink, never under
    // Ink's feet: rows Ink does not know about would make its next erase fall short
    { exitOnCtrlC: false, patchConsole: true },
  );
  const ended = new Promise<number>((done) => {
    const check = () => {
      const code = store.getState().exitCode;
      if (code !== undefined) done(code);
    };
    store.subscribe(check);
    check();
  });
  // After the first frame: the bank, the saved answers, then the scan.
  setImmediate(() => void boot(store, opts, paths, loadScanner));
  const code = await ended;
  // let the last frame (where the files went) be drawn before Ink lets go of the terminal
  await new Promise((r) => setTimeout(r, 50));
  ink.unmount();
  await ink.waitUntilExit();
  const fatal = store.getState().fatal;
  if (fatal) throw new UsageError(fatal);
  return code;
}

export async function boot(
  store: WizardStore,
  opts: Partial<Pick<Options, 'bankDir' | 'template' | 'fresh'>>,
  paths: WizardPaths,
  scanner: () => Promise<Scanner | undefined>,
): Promise<void> {
  const state = store.getState;
  try {
    const { createCore, createFileIO, readSaved } = await import('./core.js');
    const core = createCore(opts.bankDir);
    const io = createFileIO(paths, opts.template);
    if (opts.fresh) io.setAside();
    const offered = state().saved.status === 'offered';
    state().ready({ core, io, ...(offered ? { saved: readSaved(paths.answers, core.bank) } : {}) });
  } catch (err) {
    state().failed(errorMessage(err).line);
    return;
  }
  state().scanStarted();
  // give the spinner a frame before a scan that may keep the event loop busy
  await new Promise((r) => setImmediate(r));
  const scan = await scanner();
  if (!scan) {
    state().scanFailed('the detector is not available in this build', true);
    return;
  }
  try {
    state().scanFinished(await scan(paths.dir));
  } catch (err) {
    state().scanFailed(errorMessage(err).line);
  }
}
