/**
 * `sigmature [DIR]`: the interactive wizard. The interactive/headless decision is made here,
 * once: without a terminal (or in CI) it says which command to use instead and exits 2. Ink and
 * React are loaded only past that check, so nothing else pays for them.
 */
import { UsageError } from '../exit.js';
import type { Options } from './options.js';

/** In CI as Ink judges it (is-in-ci): Ink would draw nothing there, so the wizard must not start. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((k) => k in env && env[k] !== '0' && env[k] !== 'false');
}

/**
 * Starts the wizard. `options` may still be being checked: the UI, the biggest thing the first
 * frame waits for, loads meanwhile (on a terminal only).
 */
export async function runWizard(options: Options | Promise<Options>): Promise<number> {
  const ui = process.stdin.isTTY && process.stdout.isTTY && !inCi() ? import('../ui/run.js') : undefined;
  const opts = await options;
  if (!ui) {
    throw new UsageError(`the wizard needs a terminal; without one, use "sigmature scan ${opts.dir ?? '.'} --format markdown" or "sigmature report --answers FILE"`);
  }
  const { runWizardUi } = await ui;
  return runWizardUi(opts);
}
