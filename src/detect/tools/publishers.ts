/**
 * Publishing that no signing tool owns: image pushers, Helm, ORAS, crates, GitHub releases. They are
 * here so that an unsigned publish is a visible gap in coverage.
 */
import { isThrowawayRegistry } from '../throwaway.js';
import { Args, IMAGE, optionValues, withoutAwsGlobalOptions, type Handler, type Inputs, type Recognised, type ToolDescriptor } from './kit.js';

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

/** gh attestation verify: who may have signed (`--repo`, `--owner`, `--signer-*`, `--cert-*`). */
const GH_VERIFY_OPTS = ['--repo', '-R', '--owner', '-o', '--signer-workflow', '--signer-repo', '--cert-identity', '--cert-identity-regex', '--cert-oidc-issuer', '--source-ref'];
const GH_VERIFY_VALUES = [...GH_VERIFY_OPTS, '--bundle', '-b', '--predicate-type', '--format', '--limit', '-L', '--digest-alg', '-d', '--hostname', '--custom-trusted-root', '--jq', '-q', '--template', '-t'];

const gh: Handler = (words) => {
  const [, a, b] = words;
  if (a === 'attestation' && b === 'verify') {
    const args = new Args(words.slice(3));
    return [{ kind: 'verify', tool: 'gh-attestation', subject: args.positionals(GH_VERIFY_VALUES)[0], options: optionValues(args, GH_VERIFY_OPTS) }];
  }
  if (a === 'release' && (b === 'upload' || b === 'create')) {
    const pos = new Args(words.slice(3)).positionals(['--title', '-t', '--notes', '-n', '--notes-file', '-F', '--target', '--repo', '-R', '--discussion-category', '--notes-start-tag']);
    if (pos.length >= 2) return [releaseAssets('gh', pos.slice(1).join(' '))];
  }
  return [];
};

/** Release files by their names: archives, packages, installers, signatures; a `dist/` or `release/` folder. */
const RELEASE_FILES = /(^|\/)(dist|release|releases|artifacts?)(\/|$)|\.(tar\.gz|tgz|tar\.xz|zip|deb|rpm|apk|msi|exe|dmg|pkg|whl|jar|appimage|sig|asc|sigstore\.json)$/i;

/**
 * `aws s3 cp|sync SRC s3://…`, `gsutil [-m] cp|rsync SRC gs://…`, `gcloud storage cp SRC gs://…`: an
 * upload of release files to a bucket (a download, or a docs site or cache synced up, is not).
 */
export function bucketUpload(tool: string, argv: string[], scheme: 's3' | 'gs', valueOptions: readonly string[] = []): Recognised[] {
  const pos = new Args(argv).positionals(valueOptions);
  if (pos.length < 2) return [];
  const dest = pos[pos.length - 1]!;
  const sources = pos.slice(0, -1);
  if (!dest.startsWith(`${scheme}://`) || sources.some((s) => /^(s3|gs):\/\//.test(s))) return [];
  if (!sources.some((s) => RELEASE_FILES.test(s.replace(/\/\*?$/, '/'))) && !/\/releases?\//i.test(dest)) return [];
  return [{ kind: 'publish', tool, artifact: 'release files', artifactKind: 'blob', subject: dest }];
}

const S3_VALUE_OPTS = ['--profile', '--region', '--acl', '--exclude', '--include', '--content-type', '--cache-control', '--storage-class', '--sse', '--sse-kms-key-id', '--metadata', '--endpoint-url', '--expected-size', '--grants'];

/** `aws s3 cp|sync|mv` (AWS Signer's `aws signer …` is recognised in attestors.ts). */
const awsS3: Handler = (all) => {
  const words = withoutAwsGlobalOptions(all);
  const verb = words[2];
  return words[1] === 's3' && (verb === 'cp' || verb === 'sync' || verb === 'mv') ? bucketUpload('aws-s3', words.slice(3), 's3', S3_VALUE_OPTS) : [];
};

const gsutil: Handler = (words) => {
  const args = words.slice(1);
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '-o' || args[i] === '-h' ? 2 : 1;
  const verb = args[i];
  return verb === 'cp' || verb === 'rsync' || verb === 'mv' ? bucketUpload('gsutil', args.slice(i + 1), 'gs', ['-h', '-p', '-z', '-j', '-a', '-x']) : [];
};

/** `flux push artifact oci://… --path=…`: Kubernetes manifests pushed as an OCI artifact (signed with `cosign sign` of the reference). */
const flux: Handler = (words) => {
  if (words[1] !== 'push' || words[2] !== 'artifact') return [];
  const subject = new Args(words.slice(3)).positionals(['--path', '--source', '--revision', '--creds', '--provider', '--annotations', '-a', '--ignore-paths', '--output', '-o', '--reproducible'])[0];
  return [{ kind: 'publish', tool: 'flux', artifact: 'OCI artifact', artifactKind: 'blob', subject }];
};

const executor: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (!args.has('--destination', '-d') || args.has('--no-push')) return [];
  return [image('kaniko', args.value('--destination', '-d'))];
};

/** The image a circleci/docker orb step or job pushes: `registry` (docker.io by default), `image`, the first of `tag`. */
const orbImage = (i: Inputs): Recognised => image('docker', [i['registry'] || 'docker.io', i['image']].join('/') + (i['tag'] ? `:${i['tag'].split(',')[0]}` : ''));

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
    flux,
    gsutil,
    aws: awsS3,
    gcloud: (words) => (words[1] === 'storage' && /^(cp|rsync|mv)$/.test(words[2] ?? '') ? bucketUpload('gcloud-storage', words.slice(3), 'gs') : []),
    cargo: (words) => (words[1] === 'publish' && !words.includes('--dry-run') ? [{ kind: 'publish', tool: 'cargo', artifact: 'Rust crate', artifactKind: 'package' }] : []),
  },
  actions: [
    { prefix: 'softprops/action-gh-release', run: (i) => (i['files'] ? [releaseAssets('gh-release', i['files'])] : []) },
    // file: one path or, with file_glob: true, a glob (svenstaro/upload-release-action README)
    { prefix: 'svenstaro/upload-release-action', run: (i) => (i['file'] ? [releaseAssets('upload-release-action', i['file'])] : []) },
    { prefix: 'ncipollo/release-action', run: (i) => (i['artifacts'] ? [releaseAssets('gh-release', i['artifacts'])] : []) },
    { prefix: 'ko-build/setup-ko' },
    // the docker-compose Buildkite plugin: `push: [service:registry/image:tag, …]` pushes those images
    {
      prefix: 'plugin:buildkite-plugins/docker-compose',
      run: (i) => (i['push'] ? i['push'].split(/\s+/).map((p) => image('docker-compose', /:.*[/:]/.test(p) ? p.slice(p.indexOf(':') + 1) : undefined)) : []),
    },
    // the circleci/docker orb's push command, and its publish job (run from `workflows:`), which pushes unless `deploy: false`
    { prefix: 'orb:circleci/docker/push', run: (i) => [orbImage(i)] },
    { prefix: 'orb:circleci/docker/publish', run: (i) => (/^false$/i.test(i['deploy'] ?? '') ? [] : [orbImage(i)]) },
  ],
  variables: ['helm', 'crane', 'oras', 'ko', 'flux', 'gsutil'],
  fixture: 'publish-more-places',
};
