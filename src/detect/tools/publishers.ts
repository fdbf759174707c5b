/**
 * Publishing that no signing tool owns: image pushers, Helm, ORAS, crates, GitHub releases. They are
 * here so that an unsigned publish is a visible gap in coverage.
 */
import { isThrowawayRegistry } from '../throwaway.js';
import { Args, IMAGE, type Handler, type Recognised, type ToolDescriptor } from './kit.js';

const image = (tool: string, subject: string | undefined): Recognised => ({ kind: 'publish', tool, artifact: IMAGE, artifactKind: 'container-image', subject });
const releaseAssets = (tool: string, subject: string | undefined): Recognised => ({ kind: 'publish', tool, artifact: 'GitHub release assets', artifactKind: 'blob', subject });

const crane: Handler = (words) => (words[1] === 'push' || words[1] === 'copy' || words[1] === 'cp' ? [image('crane', new Args(words.slice(2)).positionals()[1])] : []);

const ko: Handler = (words, cmd) => {
  const verb = words[1];
  if (!verb || !['build', 'publish', 'resolve', 'apply'].includes(verb)) return [];
  const args = new Args(words.slice(2));
  if (args.has('--local') || args.has('-L') || args.argv.includes('--push=false')) return [];
  // ko pushes to $KO_DOCKER_REPO; `ko.local` / `kind.local` there mean the local daemon or kind cluster
  const repo = cmd.env['KO_DOCKER_REPO'] ?? '$KO_DOCKER_REPO';
  return isThrowawayRegistry(repo) ? [] : [image('ko', repo)];
};

const helm: Handler = (words) => {
  if (words[1] !== 'push' && words[1] !== 'cm-push') return [];
  const pos = new Args(words.slice(2)).positionals();
  return [{ kind: 'publish', tool: 'helm', artifact: 'Helm chart', artifactKind: 'package', subject: pos[1] ?? pos[0] }];
};

const oras: Handler = (words) => {
  if (words[1] === 'push') return [{ kind: 'publish', tool: 'oras', artifact: 'OCI artifact', artifactKind: 'blob', subject: words[2] }];
  // `oras copy` of an image to another registry publishes it there, like `crane copy`
  if (words[1] === 'copy' || words[1] === 'cp') return [image('oras', new Args(words.slice(2)).positionals(['--from-username', '--to-username', '--from-password', '--to-password', '--platform', '--concurrency'])[1])];
  return [];
};

const gh: Handler = (words) => {
  const [, a, b] = words;
  if (a === 'attestation' && b === 'verify') return [{ kind: 'verify', tool: 'gh-attestation' }];
  if (a === 'release' && (b === 'upload' || b === 'create')) {
    const pos = new Args(words.slice(3)).positionals(['--title', '-t', '--notes', '-n', '--notes-file', '-F', '--target', '--repo', '-R', '--discussion-category', '--notes-start-tag']);
    if (pos.length >= 2) return [releaseAssets('gh', pos.slice(1).join(' '))];
  }
  return [];
};

const executor: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (!args.has('--destination', '-d') || args.has('--no-push')) return [];
  return [image('kaniko', args.value('--destination', '-d'))];
};

export const publishers: ToolDescriptor<'publishers', 'other'> = {
  id: 'publishers',
  fact: 'other',
  commands: {
    buildah: (words) => (words[1] === 'push' ? [image('buildah', new Args(words.slice(2)).positionals()[0])] : []),
    crane,
    ko,
    helm,
    oras,
    gh,
    executor,
    cargo: (words) => (words[1] === 'publish' && !words.includes('--dry-run') ? [{ kind: 'publish', tool: 'cargo', artifact: 'Rust crate', artifactKind: 'package' }] : []),
  },
  actions: [
    { prefix: 'softprops/action-gh-release', run: (i) => (i['files'] ? [releaseAssets('gh-release', i['files'])] : []) },
    { prefix: 'ncipollo/release-action', run: (i) => (i['artifacts'] ? [releaseAssets('gh-release', i['artifacts'])] : []) },
    { prefix: 'ko-build/setup-ko' },
  ],
  variables: ['helm', 'crane', 'oras', 'ko'],
};
