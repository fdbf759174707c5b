import { execFileSync } from 'node:child_process';

/** Builds dist/ so that CLI tests exercise the real bundle a user runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
