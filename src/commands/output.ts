/** Writing a command's result: to --out atomically, or to stdout. */
import { writeFileAtomic } from '../session/atomic-write.js';

export function emit(text: string, out: string | undefined): void {
  if (out && out !== '-') writeFileAtomic(out, text);
  else process.stdout.write(text);
}
