/**
 * The portfolio's progress line, driven through a fake terminal: done/total, rate and the current
 * repository redrawn in place on a TTY; nothing on a pipe or in CI. Then the built CLI on a pty.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Progress, type ProgressStream } from '../../src/portfolio/progress.js';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, columns, out, write: (s: string) => out.push(s) };
}

describe('Progress', () => {
  it('on a terminal: [done/total] rate current, in place, cut to the width, then cleared', () => {
    const tty = fakeStream(true, 40);
    let t = 1_000;
    const p = new Progress(3, tty, {}, () => t);
    t += 2_000;
    p.tick('/checkouts/org/alpha');
    t += 2_000;
    p.tick('/checkouts/org/beta');
    p.tick('/checkouts/org/a-repository-with-a-very-long-name-indeed');
    expect(tty.out[0]).toBe(`\r${'[1/3] 0.5 repos/s alpha'.padEnd(39)}`);
    expect(tty.out[1]).toBe(`\r${'[2/3] 0.5 repos/s beta'.padEnd(39)}`);
    // 3 done in 4 s; the line never reaches the last column (no wrap)
    expect(tty.out[2]).toBe(`\r${'[3/3] 0.8 repos/s a-repository-with-a-very-long-name-indeed'.slice(0, 39)}`);
    for (const line of tty.out) expect(line.length).toBe(40);
    p.end();
    expect(tty.out[3]).toBe(`\r${' '.repeat(39)}\r`);
  });

  it('80 columns at most, and escapes a hostile repository name', () => {
    const tty = fakeStream(true, 200);
    const p = new Progress(1, tty, {}, () => 0);
    p.tick('/x/evil\u001b]0;title\u0007name');
    expect(tty.out[0]!.length).toBe(81);
    expect(tty.out[0]!.slice(1)).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(tty.out[0]).toMatch(/^\r\[1\/1\] - repos\/s /);
  });

  it('prints nothing on a pipe or a file, in CI, or with nothing to scan', () => {
    for (const [stream, env, total] of [
      [fakeStream(false, 80), {}, 3],
      [fakeStream(true, 80), { CI: 'true' }, 3],
      [fakeStream(true, 80), { CI: '1' }, 3],
      [fakeStream(true, 80), {}, 0],
    ] as const) {
      const p = new Progress(total, stream, env, () => 0);
      p.tick('/a');
      p.tick('/b');
      p.end();
      expect(stream.out).toEqual([]);
    }
    const local = fakeStream(true, 80);
    new Progress(1, local, { CI: 'false' }, () => 0).tick('/a');
    expect(local.out).toHaveLength(1);
  });
});

describe('sigmature portfolio on a real terminal (script(1) gives it a pty)', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const onPty = (env: Record<string, string | undefined>) => {
    const cmd = `"${process.execPath}" "${join(root, 'dist', 'cli.js')}" portfolio "${join(root, 'test', 'fixtures', 'repos')}" --format json --out /dev/null --jobs 2`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C', ...env }, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it.skipIf(!hasScript)('draws [done/total] rate current in place up to the last repository, then clears the line; nothing with CI set', () => {
    // stdout and stderr share the pty: the progress frames, then the lines of the fixtures that fail
    const out = onPty({});
    const frames = out.split('\r').filter((f) => /^\[\d+\/\d+\]/.test(f));
    const total = Number(/\[1\/(\d+)\]/.exec(out)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(frames).toHaveLength(total);
    expect(frames[0]).toMatch(/^\[1\/\d+\] [\d.]+ repos\/s \S/);
    frames.forEach((f, i) => expect(f.startsWith(`[${i + 1}/${total}] `)).toBe(true));
    // cleared before anything else is written
    const afterLast = out.slice(out.lastIndexOf(frames.at(-1)!) + frames.at(-1)!.length);
    expect(afterLast).toMatch(/^\r {10,}\r/);
    expect(onPty({ CI: 'true' })).not.toMatch(/\[\d+\/\d+\]/);
  });
  if (!hasScript) it('skipped: script(1) from util-linux is missing here', () => undefined);
});
