import { sanitizeLine } from '../detect/sanitize.js';

/** A failed repository's error as one printable line (its text may come from the repository). */
export function errorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return sanitizeLine(text.split('\n')[0]!) || 'unknown error';
}
