/**
 * The portfolio's worker thread (its own entry in the bundle: dist/portfolio-worker.js). Scans the
 * checkouts the main thread sends, one at a time, and answers with the JSON results or a one-line error.
 * It says `ready` once the bank is loaded, so that a repository's timeout counts its scan alone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadShared, scanOne } from './scan-one.js';
import { errorLine } from './errors.js';

const port = parentPort;
if (port) {
  const { bankDir, lang } = workerData as { bankDir?: string; lang: 'en' | 'ja' };
  try {
    loadShared(bankDir);
  } catch {
    // each scan says what is wrong with the bank
  }
  port.on('message', (msg: { id: number; dir: string }) => {
    scanOne(msg.dir, { bankDir, lang }).then(
      (result) => port.postMessage({ id: msg.id, result }),
      (err: unknown) => port.postMessage({ id: msg.id, error: errorLine(err) }),
    );
  });
  // loaded: the main thread starts each repository's clock from here on
  port.postMessage({ ready: true });
}
