/** `sigmature [DIR]` without a terminal: one line naming the non-interactive commands, exit 2, no Ink. */
import { afterEach, describe, expect, it } from 'vitest';
import { inCi, runWizard } from '../../src/commands/wizard.js';
import { errorMessage } from '../../src/exit.js';

const tty = { stdin: process.stdin.isTTY, stdout: process.stdout.isTTY, ci: process.env.CI };
afterEach(() => {
  process.stdin.isTTY = tty.stdin;
  process.stdout.isTTY = tty.stdout;
  if (tty.ci === undefined) delete process.env.CI;
  else process.env.CI = tty.ci;
});

describe('the wizard command', () => {
  it.each([
    ['stdin is not a terminal', false, true, undefined],
    ['stdout is not a terminal', true, false, undefined],
    ['CI is set', true, true, 'true'],
  ])('refuses to start when %s', async (_why, stdin, stdout, ci) => {
    process.stdin.isTTY = stdin;
    process.stdout.isTTY = stdout;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    const err = await runWizard({ lang: 'en', fresh: false, dir: 'repo' }).catch((e: unknown) => e);
    const { line, code } = errorMessage(err);
    expect(code).toBe(2);
    expect(line).toBe('the wizard needs a terminal; without one, use "sigmature scan repo --format markdown" or "sigmature report --answers FILE"');
  });
});

describe('CI detection', () => {
  it.each([
    [{}, false],
    [{ CI: 'true' }, true],
    [{ CI: '' }, true],
    [{ CI: '0' }, false],
    [{ CI: 'false' }, false],
    [{ CONTINUOUS_INTEGRATION: '1' }, true],
  ])('%j → %s', (env, expected) => expect(inCi(env)).toBe(expected));
});
