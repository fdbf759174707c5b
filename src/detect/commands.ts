/**
 * The command recogniser: given one logical shell line, what signing, verification, publishing or
 * key handling does it perform? The recognisers live in the tool registry (`tools/`, one descriptor
 * per tool); this module splits a line into simple commands and looks each command word up there.
 * Text in comments, `echo` arguments and prose never counts, because only the command word of each
 * simple command is looked up.
 */
import { commandName, parseCommands, type SimpleCommand } from './shell.js';
import { HANDLERS } from './tools/index.js';
import { MAX_NESTING, windowsPath } from './tools/calls.js';
import type { Recognised, RecognisedCommand, Recurse } from './tools/kit.js';

export type { Call, KeyRef, Recognised, RecognisedCommand } from './tools/kit.js';
export { attestationOfType, keyRefOf } from './tools/kit.js';
export { isThrowawayRegistry } from './throwaway.js';

const MAX_LINE = 16_384;
const ON = /^(1|true)$/i;

const recurse: Recurse = { line: (text, depth) => recogniseLine(text, depth), command: (cmd, line, depth) => recogniseCommand(cmd, line, depth) };

/** `export DOCKER_CONTENT_TRUST=1`, `NPM_CONFIG_PROVENANCE=true` alone on a line: settings for later commands. */
function exportedSettings(env: Record<string, string>): Recognised[] {
  const out: Recognised[] = [];
  if (env['DOCKER_CONTENT_TRUST'] !== undefined && ON.test(env['DOCKER_CONTENT_TRUST'])) out.push({ kind: 'setting', name: 'docker-content-trust', scope: 'export' });
  const np = env['NPM_CONFIG_PROVENANCE'] ?? env['npm_config_provenance'];
  if (np !== undefined && ON.test(np)) out.push({ kind: 'setting', name: 'npm-provenance', scope: 'export' });
  return out;
}

function recogniseCommand(cmd: SimpleCommand, line: string, depth: number): Recognised[] {
  const first = cmd.words[0];
  if (first === 'export' || cmd.words.length === 0) return exportedSettings(cmd.env);
  const name = commandName(first);
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (handler) return handler([name, ...cmd.words.slice(1)], cmd, line, depth, recurse);
  // ./scripts/release.sh, scripts/sign.sh, script/release: a script in the repository (the resolver
  // follows it only when the path exists; a relative path with a directory runs from the working tree)
  // PowerShell: `.\script\sign.ps1`, `& .\x.ps1` (`&` ends the previous command here), `script/x.ps1`
  if (!first || first.includes('$')) return [];
  const path = windowsPath(first);
  const script = /\.(sh|bash|ps1)$/i.test(path) || (!/gradlew|mvnw/.test(path) && (path.startsWith('./') || /^\w[\w.-]*\/(?:[\w.-]+\/)*[\w-]+$/.test(path)));
  return script ? [{ kind: 'call', call: { type: 'script', path } }] : [];
}

/** The top-level `$( … )` command substitutions in a word (not `$(( … ))` arithmetic). */
function substitutions(word: string): string[] {
  const out: string[] = [];
  for (let i = word.indexOf('$('); i >= 0 && i < word.length; i = word.indexOf('$(', i + 1)) {
    if (word[i + 2] === '(') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < word.length; j++) {
      if (word[j] === '(') depth++;
      else if (word[j] === ')' && --depth === 0) break;
    }
    out.push(word.slice(i + 2, j));
    i = j;
  }
  return out;
}

/** Recognises everything one logical shell line does. */
export function recogniseLine(text: string, depth = 0): RecognisedCommand[] {
  const out: RecognisedCommand[] = [];
  // commands are short: a pathological line is cut rather than scanned in full
  const line = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  for (const cmd of parseCommands(line)) {
    // DIGEST=$(crane push …), IMG="$(ko build …)": what a substitution runs counts too
    if (depth < MAX_NESTING && line.includes('$(')) {
      for (const w of [...Object.values(cmd.env), ...cmd.words]) {
        for (const inner of substitutions(w)) if (inner.length < line.length) out.push(...recogniseLine(inner, depth + 1));
      }
    }
    for (const rec of recogniseCommand(cmd, line, depth)) out.push({ rec, words: cmd.words });
  }
  return out;
}
