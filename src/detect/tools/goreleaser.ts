/** goreleaser: `goreleaser release` publishes; what it signs comes from .goreleaser.yml (sources/goreleaser.ts). */
import { Args, truthy, type Handler, type ToolDescriptor } from './kit.js';

const goreleaserCommand: Handler = (words) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const args = new Args(argv);
  // `goreleaser` alone and `goreleaser --clean` mean `release`.
  if (verb !== undefined && verb !== 'release') return [];
  if (args.has('--snapshot') || args.has('--skip-publish') || /publish/.test(args.value('--skip') ?? '')) return [];
  return [{ kind: 'publish', tool: 'goreleaser', artifact: 'release artifacts (goreleaser)', artifactKind: 'blob' }];
};

export const goreleaser: ToolDescriptor<'goreleaser', 'vocabulary'> = {
  id: 'goreleaser',
  fact: 'vocabulary',
  commands: { goreleaser: goreleaserCommand },
  actions: [
    // `install-only: true` installs goreleaser for a later script (cli/cli's script/release): it runs nothing
    { prefix: 'goreleaser/goreleaser-action', run: (i, _step, recurse) => (truthy(i['install-only']) ? [] : recurse.line(`goreleaser ${i['args'] ?? ''}`).map((r) => r.rec)) },
  ],
  pinPrefixes: ['goreleaser/goreleaser-action'],
  variables: ['goreleaser'],
  // its `signs` entries (blobs, checksums), recorded as cosign or gpg with goreleaser among extraTools
  covers: { artifacts: ['release artifacts (goreleaser)'], kinds: ['blob', 'checksums'], configured: 'blob' },
  fixture: 'goreleaser-cosign',
};
