/**
 * Ink owns the terminal while the wizard runs: it erases its last frame by counting that frame's
 * rows, so anything else written to the terminal, and any frame taller or wider than the terminal,
 * leaves stale rows of an old screen above the new one ("ghost lines"). These tests drive whole
 * runs and check, after every key, that the wizard gives Node no reason to print (one `resize`
 * listener on the output however many components follow the size; no process warning) and that
 * every frame fits the terminal.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boot, wizardPaths } from '../../src/ui/run.js';
import { createWizardStore } from '../../src/ui/store/create-wizard-store.js';
import type { Lang, Screen } from '../../src/ui/store/types.js';
import { keylessScan } from './fixtures.js';
import { ENTER, fits, plain, press, renderWizard, resize, waitForFrame } from './ink-helpers.js';

const dirs: string[] = [];
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
beforeEach(() => {
  warnings.length = 0;
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(lang: Lang, size: { columns: number; rows: number }, resizeTo?: { columns: number; rows: number; on: Screen['kind'] }) {
  const root = mkdtempSync(join(tmpdir(), 'sigmature-term-'));
  dirs.push(root);
  mkdirSync(join(root, 'repo'));
  const paths = wizardPaths({ dir: 'repo', out: 'report.md' }, root);
  const store = createWizardStore({ lang, paths, today: '2025-06-01' });
  const r = await renderWizard(store, size);
  await boot(store, {}, paths, async () => async () => keylessScan());
  await waitForFrame(r, lang === 'ja' ? '成果物署名' : 'Organisation');
  let { columns, rows } = size;
  const listeners: number[] = [];
  let from = r.frames.length;
  for (let i = 1; i <= 80 && store.getState().exitCode === undefined; i++) {
    if (resizeTo && columns !== resizeTo.columns && store.getState().screen.kind === resizeTo.on) {
      ({ columns, rows } = resizeTo);
      await resize(r, columns, rows);
      from = r.frames.length;
    }
    await press(r, ENTER);
    listeners.push(r.stdout.listenerCount('resize'));
    for (const frame of r.frames.slice(from)) {
      expect(fits(plain(frame), columns, rows), `frame after Enter ${i} does not fit ${columns}x${rows}:\n${plain(frame)}`).toBe(true);
    }
    from = r.frames.length;
  }
  expect(store.getState().exitCode).toBe(0);
  if (resizeTo) expect(columns, `never on the ${resizeTo.on} screen`).toBe(resizeTo.columns);
  r.unmount();
  return { listeners };
}

describe('nothing but the frame reaches the terminal, and every frame fits it', () => {
  it.each([
    ['en', { columns: 80, rows: 24 }],
    ['ja', { columns: 80, rows: 24 }],
    ['en', { columns: 60, rows: 18 }],
    ['ja', { columns: 60, rows: 18 }],
  ] as const)('%s at %o: one resize listener on every screen, no process warning', async (lang, size) => {
    const { listeners } = await run(lang, size);
    // Ink's own listener and the wizard's one shared listener, whatever the screen
    expect(Math.max(...listeners)).toBeLessThanOrEqual(2);
    expect(warnings).toEqual([]);
  });

  it.each(['welcome', 'scan', 'question', 'review', 'summary'] as const)('a window shrunk to 60x18 on the %s screen: frames follow it', async (on) => {
    await run('en', { columns: 80, rows: 24 }, { columns: 60, rows: 18, on });
    expect(warnings).toEqual([]);
  });
});
