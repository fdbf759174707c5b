// Shared helpers for the benchmarks: timing a command, medians, and a readable table.
import { spawnSync } from 'node:child_process';

export function timeCommand(cmd, args, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !opts.allowFailure) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs each named command `runs` times, interleaved so that machine noise hits all of them alike. */
export function compare(commands, runs) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    const names = Object.keys(commands);
    if (i % 2) names.reverse();
    for (const name of names) times[name].push(commands[name]());
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}
