/** `sigmature questions`: loads (so validates) a bank and lists it. A broken bank is exit 2. */
import { EXIT } from '../exit.js';
import { loadBank } from '../model/bank.js';
import type { Options } from './options.js';

export function runQuestions(opts: Options): number {
  const bank = loadBank(opts.bankDir);
  const l = opts.lang;
  const out: string[] = [`${bank.control.id} ${bank.control.title[l]} · ${bank.id} ${bank.version} · ${bank.questions.length} questions`];
  for (const d of bank.dimensions) {
    const qs = bank.questions.filter((q) => q.dimension === d.id);
    if (!qs.length) continue;
    out.push('', `${d.name[l]}${d.advisory ? ' (advisory)' : ''}`);
    for (const q of qs) {
      const skip = q.skipWhen ? ' [conditional]' : '';
      out.push(`  ${q.id.padEnd(7)} ${q.text[l]}${q.type === 'multi' ? ' (multi)' : ''}${skip}`);
      for (const o of q.options) {
        const crit = o.satisfies.map((s) => (typeof s === 'string' ? s : `${s.criterion}*`)).join(' ');
        out.push(`            - ${o.value}${o.score !== undefined ? ` [${o.score}]` : ''}${crit ? `  → ${crit}` : ''}`);
      }
    }
  }
  out.push('', `bank OK: ${bank.sources.join(' + ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
