/**
 * Recognises CI steps by reference rather than by command: GitHub actions (`owner/repo@ref`),
 * Azure Pipelines tasks (`task:Name@N`), Bitbucket pipes. The table is the tool registry's (`tools/`).
 */
import type { CiStep } from './ci/model.js';
import { recogniseLine } from './commands.js';
import { ACTIONS, PIN_RELEVANT } from './tools/index.js';
import type { Inputs, Recurse } from './tools/kit.js';
import type { ActionUse, Operation } from './ops.js';

export interface ActionRef {
  name: string; // lower-case owner/repo[/path]
  ref: string;
}

export function parseActionRef(uses: string): ActionRef {
  const at = uses.lastIndexOf('@');
  const name = (at < 0 ? uses : uses.slice(0, at)).toLowerCase();
  return { name, ref: at < 0 ? '' : uses.slice(at + 1) };
}

const FULL_SHA = /^[0-9a-f]{40}$/i;
const recurse: Recurse = { line: (text, depth) => recogniseLine(text, depth), command: () => [] };

export function recogniseUses(step: CiStep): Operation[] {
  if (!step.uses || step.uses.startsWith('./') || step.uses.startsWith('docker://')) return [];
  const ref = parseActionRef(step.uses);
  const entry = ACTIONS.find((a) => ref.name === a.prefix || ref.name.startsWith(a.prefix + '/'));
  const pin = PIN_RELEVANT.some((p) => ref.name.startsWith(p.prefix));
  const inputs: Inputs = {};
  for (const [k, v] of Object.entries(step.with)) inputs[k] = v.value;
  const out: Operation[] = [];
  if (pin) {
    const use: ActionUse = { kind: 'action', action: ref.name, ref: ref.ref, pinned: FULL_SHA.test(ref.ref), tool: entry?.tool ?? ref.name };
    out.push(use);
  }
  if (entry?.run) out.push(...entry.run(inputs, step, recurse));
  return out;
}

export { keyRefOf } from './commands.js';
