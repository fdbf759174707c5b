// `sigmature --help` and `--version` start-up against bare `node -e 0`, medians of interleaved runs.
// They must not load Ink, React or the bank: the ratio shows what the CLI adds to Node's own start.
import { existsSync } from 'node:fs';
import { compare, timeCommand } from './lib.mjs';

if (!existsSync('dist/cli.js')) {
  console.error('build first: npm run build');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 21);
const node = process.execPath;
const med = compare({
  'node -e 0': () => timeCommand(node, ['-e', '0']),
  'sigmature --help': () => timeCommand(node, ['dist/cli.js', '--help']),
  'sigmature --version': () => timeCommand(node, ['dist/cli.js', '--version']),
}, runs);
const base = med['node -e 0'];
console.log(`start-up, median of ${runs} runs`);
for (const [name, ms] of Object.entries(med)) console.log(`  ${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / base).toFixed(2)}x`);
