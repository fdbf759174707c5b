/**
 * npm provenance: `npm|pnpm|yarn publish --provenance`, `NPM_CONFIG_PROVENANCE=true`, the npm-publish
 * action, and `publishConfig.provenance` in package.json. One signing record, `provenanceSign`, for all.
 */
import type { SimpleCommand } from '../shell.js';
import { Args, truthy, type Handler, type Recognised, type ToolDescriptor } from './kit.js';

/** The provenance attestation npm makes when it publishes (keyless, through the CI OIDC token). */
export const provenanceSign = (): Recognised => ({ kind: 'sign', tool: 'npm-provenance', artifact: 'package', keyless: true, attestation: 'provenance' });
export const npmPublishRec = (tool = 'npm'): Recognised => ({ kind: 'publish', tool, artifact: 'npm package', artifactKind: 'package' });

function provenanceFlag(args: Args, cmd: SimpleCommand): boolean {
  if (args.has('--provenance')) return !args.argv.includes('--provenance=false');
  const env = cmd.env['NPM_CONFIG_PROVENANCE'] ?? cmd.env['npm_config_provenance'];
  return env !== undefined && /^(1|true)$/i.test(env);
}

function npmPublish(tool: string, argv: string[], cmd: SimpleCommand): Recognised[] {
  const args = new Args(argv);
  if (args.has('--dry-run')) return [];
  const out: Recognised[] = [{ ...npmPublishRec(tool), subject: args.positionals(['--tag', '--access', '--registry', '--otp', '--workspace', '-w'])[0] } as Recognised];
  if (provenanceFlag(args, cmd)) out.push(provenanceSign());
  return out;
}

const runScript = (after: string[]): Recognised[] => {
  const script = after.find((w) => !w.startsWith('-'));
  return script ? [{ kind: 'call', call: { type: 'npm-run', script } }] : [];
};

const npm: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const after = argv.slice(argv.indexOf(verb ?? '') + 1);
  if (verb === 'publish') return npmPublish('npm', after, cmd);
  if (verb === 'run' || verb === 'run-script') return runScript(after);
  // checks the registry signatures and provenance of the installed dependencies (identity/collect-identities.ts)
  if (verb === 'audit' && after[0] === 'signatures') return [{ kind: 'verify', tool: 'npm-audit-signatures' }];
  return [];
};

const pnpm: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const after = argv.slice(argv.indexOf(verb ?? '') + 1);
  if (verb === 'publish') return npmPublish('pnpm', after, cmd);
  if (verb === 'run') return runScript(after);
  return [];
};

const YARN_BUILTINS = new Set(['install', 'add', 'remove', 'up', 'upgrade', 'npm', 'publish', 'run', 'workspace', 'workspaces', 'dlx', 'exec', 'set', 'config', 'cache', 'info', 'why', 'link', 'pack', 'version', 'init', 'global', 'audit', 'plugin', 'rebuild', 'dedupe', 'constraints', 'explain', 'node', 'bin', 'stage', 'unplug', 'patch', 'patch-commit', 'tag', 'login', 'logout', 'owner', 'team', 'outdated', 'list', 'licenses', 'check', 'create', 'generate-lock-entry', 'import', 'policies', 'autoclean', 'help', 'test']);

const yarn: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const [a, b] = argv.filter((w) => !w.startsWith('-'));
  if ((a === 'npm' && b === 'publish') || a === 'publish') return npmPublish('yarn', argv.slice(argv.indexOf('publish') + 1), cmd);
  if (a === 'run' && b) return [{ kind: 'call', call: { type: 'npm-run', script: b } }];
  if (a && !YARN_BUILTINS.has(a)) return [{ kind: 'call', call: { type: 'npm-run', script: a } }];
  return [];
};

export const npmProvenance: ToolDescriptor<'npm-provenance', 'vocabulary'> = {
  id: 'npm-provenance',
  fact: 'vocabulary',
  commands: { npm, pnpm, yarn },
  actions: [
    { prefix: 'js-devtools/npm-publish', run: (i) => (truthy(i['provenance']) ? [npmPublishRec(), provenanceSign()] : [npmPublishRec()]) },
    { prefix: 'task:npm', run: (i) => (/^publish$/i.test(i['command'] ?? '') ? [npmPublishRec()] : []) },
    { prefix: 'pipe:atlassian/npm-publish', run: () => [npmPublishRec()] },
  ],
  variables: ['npm'],
  packageProvenance: true,
  fixture: 'npm-provenance',
  covers: { artifacts: ['npm package'], env: ['NPM_CONFIG_PROVENANCE', 'npm_config_provenance'], configured: 'package' },
};
