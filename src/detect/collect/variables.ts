/** Variables as far as the files show them, for enrichers and the verification map. */
import type { Op } from '../ops.js';

/**
 * A `$VAR` / `${VAR}` at the start of a word, as far as the file shows: the last `VAR=…` before the
 * operation in its script or in an earlier step of its job (`echo "VAR=…" >> $GITHUB_ENV` too),
 * else the pipeline's environment. Anything else is kept.
 */
export function resolveVariable(op: Op, word: string): string {
  const lines = new Map<number, string>();
  for (const l of op.siblings?.lines ?? []) lines.set(l.line, l.text);
  for (const step of op.job?.steps ?? []) if (step.file === op.at.file) for (const l of step.run) lines.set(l.line, l.text);
  const ordered = [...lines].sort((x, y) => x[0] - y[0]);
  const resolve = (w: string, before: number, depth: number): string => {
    const m = /^\$\{?([A-Za-z_]\w*)\}?(.*)$/.exec(w);
    if (!m || depth > 3) return w;
    const [, name, rest] = m;
    const assign = new RegExp(`^(?:export\\s+|echo\\s+["']?)?${name}=(.*)$`);
    let value: string | undefined;
    let at = before;
    for (const [line, text] of ordered) {
      if (line >= before) break;
      const a = assign.exec(text.trim());
      if (!a) continue;
      at = line;
      // IMG=$(ko build …): ko prints the image it pushed under $KO_DOCKER_REPO
      value = /^["']?\$\(\s*ko\s/.test(a[1]!) ? '$KO_DOCKER_REPO' : a[1]!.split(/\s/)[0]!.replace(/^["']|["']$/g, '');
    }
    const resolved = value ?? op.env[name!]?.value;
    return resolved === undefined ? w : resolve(resolved, at, depth + 1) + rest;
  };
  return resolve(word, op.at.line, 0);
}

