// Runs every benchmark in turn (npm run bench). Each prints medians and its ratio to a baseline
// measured in the same run; see bench/README.md for what each compares and its target.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['bench/help-startup.mjs', 'bench/startup.mjs', 'bench/scan-vs-ripgrep.mjs'].filter((f) => existsSync(f));
if (!existsSync('dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
