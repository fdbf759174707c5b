/** The binding map: one meaning per key in each mode, and the footer shows what each mode listens for. */
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { UI_MESSAGES } from '../../src/i18n/ui-messages.js';
import { BINDINGS, commandFor, footerEntries, splitKeys, widgetCommandFor, type Mode } from '../../src/ui/keys.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>, input = ''): [string, Key] => [input, { ...none, ...flags }];

describe('key bindings', () => {
  it('no key means two things in one mode', () => {
    for (const [mode, bindings] of Object.entries(BINDINGS)) {
      const seen = new Map<string, string>();
      for (const b of bindings) {
        for (const k of b.keys) {
          const id = `${k.ctrl ? 'ctrl+' : ''}${k.shift ? 'shift+' : ''}${k.key ?? k.input}`;
          const other = seen.get(id);
          expect(other === undefined || other === b.command, `${mode}: ${id} is ${other} and ${b.command}`).toBe(true);
          seen.set(id, b.command);
        }
      }
    }
  });

  it.each([
    ['question', key({}, 'b'), 'back'],
    ['question', key({ leftArrow: true }), 'back'],
    ['question', key({ escape: true, meta: true }), 'back'],
    ['question', key({}, 's'), 'skip'],
    ['question', key({}, '?'), 'help'],
    ['question', key({}, 'n'), 'note'],
    ['question', key({}, 'q'), 'quit'],
    ['question', key({ return: true }), undefined],
    ['note', key({}, 'q'), undefined],
    ['note', key({}, 'b'), undefined],
    ['note', key({ escape: true, meta: true }), 'cancelNote'],
    ['note', key({ return: true }), 'saveNote'],
    ['welcome-text', key({}, 'q'), undefined],
    ['welcome-text', key({ tab: true }), 'nextField'],
    ['welcome-text', key({ tab: true, shift: true }), 'prevField'],
    ['welcome-choice', key({ leftArrow: true }), 'changeBack'],
    ['welcome-choice', key({}, 'q'), 'quit'],
    ['summary', key({ return: true }), 'continue'],
  ] as [Mode, [string, Key], string | undefined][])('%s: %j → %s', (mode, [input, k], command) => {
    expect(commandFor(mode, input, k)).toBe(command);
  });

  it('Ctrl+C stops from anywhere; the multi-select reads its own keys from the map', () => {
    expect(commandFor('global', 'c', { ...none, ctrl: true })).toBe('interrupt');
    expect(widgetCommandFor('question-multi', ' ', none)).toBe('toggle');
    expect(widgetCommandFor('question-multi', '', { ...none, return: true })).toBe('confirm');
    expect(widgetCommandFor('question-multi', 'j', none)).toBe('down');
  });

  it('the footer names every listed binding in both languages', () => {
    for (const mode of Object.keys(BINDINGS) as Mode[]) {
      for (const e of footerEntries(mode)) {
        expect(UI_MESSAGES.en[e.label]).toBeTruthy();
        expect(UI_MESSAGES.ja[e.label]).toBeTruthy();
      }
    }
    expect(footerEntries('question').map((e) => e.glyph)).toEqual(['Enter', '↑↓', '?', 'n', 's', 'b/←', 'q']);
  });
});

describe('keys that arrive in one chunk', () => {
  it.each([
    ['\r\r\r', false, ['\r', '\r', '\r']],
    ['jj', false, ['j', 'j']],
    ['  \r', false, [' ', ' ', '\r']],
    ['n', false, ['n']],
    ['\u001B[B', false, ['\u001B[B']],
    ['Acme\rPlatform\r', true, ['Acme', '\r', 'Platform', '\r']],
    ['Acme\rPlatform\r', false, ['A', 'c', 'm', 'e', '\r', 'P', 'l', 'a', 't', 'f', 'o', 'r', 'm', '\r']],
    ['鍵\x7f\x7f', true, ['鍵', '\x7f', '\x7f']],
    ['😀j', false, ['😀', 'j']],
    ['\t\u0003', true, ['\t', '\u0003']],
  ] as [string, boolean, string[]][])('%j (text field: %s) → %j', (chunk, text, keys) => {
    expect(splitKeys(chunk, text)).toEqual(keys);
  });
});

describe('messages', () => {
  it('English and Japanese have the same keys and the same placeholders', () => {
    const en = UI_MESSAGES.en;
    const ja = UI_MESSAGES.ja;
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(vars(ja[k]), k).toEqual(vars(en[k]));
  });
});
