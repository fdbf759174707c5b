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

/**
 * A Buildkite plugin as the registry names it: `cosign#v0.1.0` → `plugin:buildkite-plugins/cosign@v0.1.0`,
 * `equinixmetal-buildkite/cosign#v0.1.0`, `https://github.com/o/x-buildkite-plugin.git#v1` → `plugin:o/x@…`.
 */
export function buildkitePlugin(uses: string): string {
  const body = uses.slice('plugin:'.length);
  const hash = body.lastIndexOf('#');
  let name = (hash < 0 ? body : body.slice(0, hash)).replace(/\.git$/, '').replace(/-buildkite-plugin$/, '');
  name = name.replace(/^(?:[a-z+]+:\/\/)?(?:[\w.-]+@)?(?:github\.com|[\w.-]+\.[a-z]{2,})[/:]/i, '');
  if (!name.includes('/')) name = `buildkite-plugins/${name}`;
  return `plugin:${name}${hash < 0 ? '' : '@' + body.slice(hash + 1)}`;
}

export function parseActionRef(uses: string): ActionRef {
  if (uses.startsWith('plugin:')) uses = buildkitePlugin(uses);
  const at = uses.lastIndexOf('@');
  const name = (at < 0 ? uses : uses.slice(0, at)).toLowerCase();
  return { name, ref: at < 0 ? '' : uses.slice(at + 1) };
}

const FULL_SHA = /^[0-9a-f]{40}$/i;
const recurse: Recurse = { line: (text, depth) => recogniseLine(text, depth), command: () => [] };

/** The registry's entry for an action, task, orb or plugin reference: the longest matching prefix. */
export function actionEntry(name: string): (typeof ACTIONS)[number] | undefined {
  return ACTIONS.find((a) => name === a.prefix || name.startsWith(a.prefix + '/'));
}

export function recogniseUses(step: CiStep): Operation[] {
  if (!step.uses || step.uses.startsWith('./') || step.uses.startsWith('docker://')) return [];
  const ref = parseActionRef(step.uses);
  const entry = actionEntry(ref.name);
  const pin = !entry?.testStack && PIN_RELEVANT.some((p) => ref.name.startsWith(p.prefix));
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

/**
 * An orb command or plugin (`orb:…`, `plugin:…`, or an orb step whose alias the config does not map)
 * that the registry does not know: remote code the scan cannot read.
 */
export function isUnreadRemoteStep(uses: string): boolean {
  if (!/^(orb:|plugin:)|^[\w.-]+\/[\w.-]+$/.test(uses)) return false;
  return actionEntry(parseActionRef(uses).name) === undefined;
}

export { keyRefOf } from './commands.js';
