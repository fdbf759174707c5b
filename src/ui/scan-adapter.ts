/**
 * The scanner, loaded when it is needed. Detection (`src/detect/scan.ts`) is its own module; the
 * wizard still runs, without pre-filled answers, when it cannot be loaded.
 */
import type { ScanResult } from '../detect/types.js';

export type Scanner = (root: string) => Promise<ScanResult>;

export async function loadScanner(): Promise<Scanner | undefined> {
  // @ts-ignore -- resolved at run time: the wizard must build and type-check with or without detection
  const mod = (await import('../detect/scan.js').catch(() => undefined)) as { scanDirectory?: Scanner } | undefined;
  return mod?.scanDirectory;
}
