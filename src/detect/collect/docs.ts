/**
 * Documented verification: the verify commands a repository shows its users in fenced code blocks
 * of its README or its `docs/` (`cosign verify …`, `gh attestation verify …`, `slsa-verifier
 * verify-artifact …`). Users are told how to check a release; nothing here runs the command, so it
 * is its own fact (`verificationDocumented`), never `verifies` (verification enforced in a pipeline
 * or a cluster), and it names no tool.
 */
import { recogniseLine } from '../commands.js';
import type { CollectStep } from './state.js';

/** The root README and Markdown under `docs/`: where a project tells its users how to verify. */
export function isUserDocumentation(path: string): boolean {
  return /^readme\.md$/i.test(path) || /^docs\/.+\.md$/i.test(path);
}

/** Lines inside ``` or ~~~ fences, with their numbers; a `$ ` prompt is dropped, `\` continuations joined. */
function fencedCommands(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let fence: string | undefined;
  let pending: { line: number; text: string } | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
      pending = undefined;
      continue;
    }
    if (fence === undefined) continue;
    const body = raw.replace(/^\s*\$\s+/, '');
    const joined = pending ? { line: pending.line, text: `${pending.text} ${body.trim()}` } : { line: i + 1, text: body };
    if (/\\\s*$/.test(joined.text)) pending = { line: joined.line, text: joined.text.replace(/\\\s*$/, '') };
    else {
      pending = undefined;
      out.push(joined);
    }
  }
  return out;
}

export const documentedVerification: CollectStep = {
  kind: 'source',
  name: 'documented-verification',
  run(c) {
    for (const path of c.candidates.docs) {
      const text = c.ctx.peekText(path);
      if (!text || !/verify/i.test(text)) continue;
      for (const l of fencedCommands(text)) {
        for (const r of recogniseLine(l.text)) {
          if (r.rec.kind === 'verify') c.documentedVerifications.push({ ...c.site(path, l.line), tool: r.rec.tool, rec: r.rec });
        }
      }
    }
  },
};
