/** A failed repository's error as one printable line (its text may come from the repository). */
export function errorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 300) || 'unknown error';
}
