/**
 * Docker: pushes publish images; Docker Content Trust (`DOCKER_CONTENT_TRUST=1`, `docker trust sign`)
 * signs them as they are pushed. The build-push actions and Azure/Bitbucket docker tasks publish.
 */
import type { SimpleCommand } from '../shell.js';
import { Args, IMAGE, truthy, type Handler, type Recognised, type ToolDescriptor } from './kit.js';

const pushed = (subject?: string): Recognised => ({ kind: 'publish', tool: 'docker', artifact: IMAGE, artifactKind: 'container-image', subject });

function dct(cmd: SimpleCommand): boolean {
  const v = cmd.env['DOCKER_CONTENT_TRUST'];
  return v !== undefined && /^(1|true)$/i.test(v);
}

const GLOBAL_VALUE_OPTS = ['--context', '-c', '--config', '-H', '--host'];

const dockerCommand: Handler = (words, cmd) => {
  const argv = words.slice(1).filter((w, i, a) => !(w.startsWith('-') && [...GLOBAL_VALUE_OPTS, '--log-level', '-l'].includes(w)) && !(i > 0 && GLOBAL_VALUE_OPTS.includes(a[i - 1]!)));
  const [a, b] = argv;
  // `docker trust sign` signs the tag and pushes the image with its trust data
  if (a === 'trust' && b === 'sign') return [pushed(argv[2]), { kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject: argv[2] }];
  let pushing = false;
  let subject: string | undefined;
  if (a === 'push' || (a === 'image' && b === 'push')) {
    pushing = true;
    subject = new Args(argv.slice(a === 'image' ? 2 : 1)).positionals()[0];
  } else if (a === 'buildx' && (b === 'build' || b === 'bake')) {
    const r = new Args(argv.slice(2));
    pushing = r.has('--push') || /type=registry|push=true/.test(r.value('--output', '-o') ?? '');
    subject = r.value('--tag', '-t');
  } else if (a === 'build' || a === 'bake') {
    const r = new Args(argv.slice(1));
    pushing = r.has('--push');
    subject = r.value('--tag', '-t');
  } else if (a === 'manifest' && b === 'push') {
    pushing = true;
    subject = argv[2];
  }
  if (!pushing) return [];
  return dct(cmd) ? [pushed(subject), { kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject }] : [pushed(subject)];
};

export const dockerContentTrust: ToolDescriptor<'docker-content-trust', 'vocabulary'> = {
  id: 'docker-content-trust',
  fact: 'vocabulary',
  commands: {
    docker: dockerCommand,
    podman: (...args) => dockerCommand(...args).filter((r) => r.kind === 'publish'),
  },
  actions: [
    { prefix: 'docker/build-push-action', run: (i) => (truthy(i['push']) || /type=registry|push=true/.test(i['outputs'] ?? '') ? [pushed(i['tags'])] : []) },
    { prefix: 'docker/bake-action', run: (i) => (truthy(i['push']) ? [pushed()] : []) },
    { prefix: 'task:docker', run: (i) => (/^(push|buildandpush)$/i.test(i['command'] ?? '') ? [pushed()] : []) },
    { prefix: 'pipe:atlassian/aws-ecr-push-image', run: () => [pushed()] },
  ],
  variables: ['docker'],
  fixture: 'docker-content-trust',
  covers: { artifacts: ['container-image'], env: ['DOCKER_CONTENT_TRUST'] },
};
