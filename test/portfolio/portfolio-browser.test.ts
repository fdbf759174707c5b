/**
 * The portfolio's HTML in a real headless browser (issue 12's done-when): Chromium from Debian
 * (/usr/bin/chromium), driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no
 * port, no network, no extra dependency). The page's inline script must run under its own CSP, sort
 * the table by a clicked column and filter it. Skipped, with the reason printed, where Chromium is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const work = mkdtempSync(join(tmpdir(), 'sigmature-portfolio-browser-'));
afterAll(() => rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
if (!CHROMIUM) console.log('portfolio-browser: skipped, Chromium is not installed (apt-get install chromium)');

/** A minimal DevTools-protocol client over Chromium's pipe (fd 3 in, fd 4 out; NUL-separated JSON). */
class Cdp {
  private id = 0;
  private buffer = '';
  private readonly waiting = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  readonly events: { method: string; params: Record<string, unknown>; sessionId?: string }[] = [];
  constructor(private readonly proc: ChildProcess) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i;
      while ((i = this.buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, i));
        this.buffer = this.buffer.slice(i + 1);
        if (msg.id !== undefined) this.waiting.get(msg.id)?.(msg);
        else this.events.push(msg);
      }
    });
  }
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.id;
    (this.proc.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (msg) => (msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result as Record<string, unknown>)));
    });
  }
}

describe.skipIf(!CHROMIUM)('portfolio HTML in headless Chromium', () => {
  it('runs its script under its CSP, sorts by a clicked column (both ways) and filters', async () => {
    const repos = join(work, 'repos');
    mkdirSync(repos);
    for (const r of ['committed-key', 'gha-keyless-image', 'jenkins-gpg', 'multi-publish-partial']) {
      cpSync(join(root, 'test/fixtures/repos', r), join(repos, r), { recursive: true });
    }
    const html = join(work, 'portfolio.html');
    const r = spawnSync(process.execPath, [cli, 'portfolio', repos, '--format', 'html', '--out', html], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(join(work, 'empty'), '');

    const proc = spawn(CHROMIUM!, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--remote-debugging-pipe',
      `--user-data-dir=${join(work, 'profile')}`, 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    try {
      const cdp = new Cdp(proc);
      const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
      await cdp.send('Runtime.enable', {}, sessionId);
      await cdp.send('Log.enable', {}, sessionId);
      await cdp.send('Page.enable', {}, sessionId);
      await cdp.send('Page.navigate', { url: pathToFileURL(html).href }, sessionId);
      const evaluate = async (expression: string) => {
        const res = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId) as { result: { value: unknown } };
        return res.result.value;
      };
      // wait for the page to load
      for (let i = 0; i < 100 && (await evaluate('document.readyState')) !== 'complete'; i++) await new Promise((s) => setTimeout(s, 50));
      const names = () => evaluate(`Array.from(document.querySelectorAll('#repos tbody tr')).filter(function(tr){return !tr.hidden}).map(function(tr){return tr.cells[0].textContent})`);
      expect(await names()).toEqual(['committed-key', 'gha-keyless-image', 'jenkins-gpg', 'multi-publish-partial']);
      // click "Repository" twice: descending
      await evaluate(`document.querySelector('#repos th[data-key=name]').click()`);
      await evaluate(`document.querySelector('#repos th[data-key=name]').click()`);
      expect(await names()).toEqual(['multi-publish-partial', 'jenkins-gpg', 'gha-keyless-image', 'committed-key']);
      expect(await evaluate(`document.querySelector('#repos th[data-key=name]').getAttribute('aria-sort')`)).toBe('descending');
      // sort by committed keys: committed-key has the most, last ascending
      await evaluate(`document.querySelector('#repos th[data-key=keys]').click()`);
      expect(((await names()) as string[]).at(-1)).toBe('committed-key');
      // filter by text
      await evaluate(`var f=document.getElementById('filter');f.value='jenkins';f.dispatchEvent(new Event('input'))`);
      expect(await names()).toEqual(['jenkins-gpg']);
      // no CSP violation reported by the page
      const violations = cdp.events.filter((e) => e.method === 'Log.entryAdded' && /Content Security Policy/i.test(JSON.stringify(e.params)));
      expect(violations).toEqual([]);
    } finally {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill();
      await exited;
    }
  }, 60_000);
});
