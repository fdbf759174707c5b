/**
 * The error types that become exit code 2. Kept free of dependencies: the CLI entry point imports
 * this module, and `--help` must not pay for a YAML parser.
 */

/** A problem with an input file: always one line, always naming where. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
    this.name = 'InputError';
  }
}

/** Bad flags or arguments. */
export class UsageError extends Error {
  override name = 'UsageError';
}
