/**
 * Exit codes (DESIGN section 6) and the one place that turns an error into a message: bad usage
 * and bad input are one line and exit 2; anything unexpected is exit 3 with a short note (the
 * stack only with SIGMATURE_DEBUG=1).
 */
import { InputError, UsageError } from './errors.js';

export { UsageError };

export const EXIT = { ok: 0, belowMinLevel: 1, badInput: 2, internal: 3 } as const;


export function errorMessage(err: unknown): { line: string; code: number } {
  if (err instanceof UsageError || err instanceof InputError) return { line: err.message, code: EXIT.badInput };
  if (err instanceof Error && err.name === 'RepoError') return { line: err.message, code: EXIT.badInput };
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'ENOSPC' || e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'ENOTDIR')) {
    return { line: `cannot write or read ${e.path ?? 'a file'}: ${e.code}`, code: EXIT.badInput };
  }
  return { line: `internal error: ${e?.message ?? String(err)} (please report this; SIGMATURE_DEBUG=1 shows where)`, code: EXIT.internal };
}

export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      const { line, code } = errorMessage(err);
      process.stderr.write(`sigmature: ${line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')}\n`);
      if (process.env.SIGMATURE_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = code;
    },
  );
}
