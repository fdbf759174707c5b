/**
 * Scans the portfolio's checkouts on worker threads (dist/portfolio-worker.js). A repository whose
 * scan takes longer than the timeout, or whose worker dies (a crash, an exit, out of memory), becomes
 * that repository's error; its worker is replaced and every other result is kept.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../i18n/report-messages.js';
import { errorLine } from './errors.js';
import type { ScanOneResult } from './scan-one.js';

export type Outcome = { result: ScanOneResult } | { error: string };

export interface PoolOptions {
  jobs: number;
  /** Per repository, in milliseconds; 0 for none. */
  timeoutMs: number;
  bankDir?: string;
  lang: Lang;
  /** Called once per repository, when it is done or has failed. */
  onDone?: (dir: string) => void;
  /** The worker's script; by default dist/portfolio-worker.js beside the running chunk. */
  workerUrl?: URL;
}

/** The default per-repository timeout, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

export function timeoutMessage(ms: number): string {
  return `timed out: the scan took longer than ${ms / 1000} s (--timeout)`;
}

function bundledWorker(): URL | undefined {
  // in the bundle the worker is dist/portfolio-worker.js beside the chunk running this; from the
  // sources (tests of the TypeScript) there is none and the scans run in this thread
  const url = new URL('./portfolio-worker.js', import.meta.url);
  try {
    return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

export async function scanAll(dirs: string[], opts: PoolOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(dirs.length);
  const done = (i: number, o: Outcome) => {
    if (outcomes[i]) return;
    outcomes[i] = o;
    opts.onDone?.(dirs[i]!);
  };
  const url = opts.workerUrl ?? bundledWorker();
  if (!url) {
    // in this thread: a timeout stops waiting, but cannot stop a scan that never yields
    const { scanOne } = await import('./scan-one.js');
    for (const [i, dir] of dirs.entries()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = opts.timeoutMs > 0
        ? new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(timeoutMessage(opts.timeoutMs))), opts.timeoutMs); })
        : undefined;
      try {
        const scan = scanOne(dir, opts);
        done(i, { result: await (limit ? Promise.race([scan, limit]) : scan) });
      } catch (err) {
        done(i, { error: errorLine(err) });
      } finally {
        clearTimeout(timer);
      }
    }
    return outcomes;
  }
  let next = 0;
  const workerData = { bankDir: opts.bankDir, lang: opts.lang };
  const runWorker = () => new Promise<void>((resolveAll) => {
    let current = -1;
    let ready = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const worker = new Worker(url, { workerData });
    const stop = (replace: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // the run does not wait for a worker it has given up on
      worker.unref();
      void worker.terminate();
      // a fresh worker only while there is work left for it
      if (replace && next < dirs.length) void runWorker().then(resolveAll);
      else resolveAll();
    };
    const feed = () => {
      clearTimeout(timer);
      if (next >= dirs.length) { current = -1; stop(false); return; }
      current = next++;
      const id = current;
      worker.postMessage({ id, dir: dirs[id] });
      if (opts.timeoutMs > 0) {
        timer = setTimeout(() => {
          done(id, { error: timeoutMessage(opts.timeoutMs) });
          // the worker may be stuck in that scan: end it and go on with a fresh one
          stop(true);
        }, opts.timeoutMs);
      }
    };
    worker.on('message', (msg: { ready?: true; id: number; result?: ScanOneResult; error?: string }) => {
      if (settled) return;
      if (msg.ready) { ready = true; clearTimeout(timer); feed(); return; }
      done(msg.id, msg.error !== undefined ? { error: msg.error } : { result: msg.result! });
      feed();
    });
    const died = (why: string) => {
      if (settled) return;
      if (current >= 0) done(current, { error: `the scan stopped: ${why}` });
      // a worker that dies before it is ready takes the next repository, so that the run always ends
      else if (!ready && next < dirs.length) done(next++, { error: `the scan could not start: ${why}` });
      stop(true);
    };
    worker.on('error', (err) => died(errorLine(err)));
    worker.on('exit', (code) => died(`its worker thread exited (code ${code})`));
    // the first repository goes when the worker says it is ready; one that never is counts as dead
    if (opts.timeoutMs > 0) timer = setTimeout(() => died(`its worker thread was not ready within ${opts.timeoutMs / 1000} s (--timeout)`), opts.timeoutMs);
  });
  await Promise.all(Array.from({ length: Math.min(opts.jobs, dirs.length) }, runWorker));
  return outcomes;
}
