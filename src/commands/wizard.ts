/** `sigmature [DIR]`: the interactive wizard; refuses to start without a terminal. */
import { EXIT, UsageError } from '../exit.js';
import type { Options } from './options.js';

export async function runWizard(opts: Options): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY || process.env.CI) {
    throw new UsageError(`the wizard needs a terminal; without one, use "sigmature scan ${opts.dir ?? '.'} --format markdown" or "sigmature report --answers FILE"`);
  }
  throw new UsageError('the interactive wizard is not built yet; use "sigmature report --answers FILE"');
  return EXIT.ok;
}
