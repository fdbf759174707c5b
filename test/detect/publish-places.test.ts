/** Publishing recognised beyond the usual pushers (issue 10, part 2): buckets, flux, JavaScript release scripts. */
import { describe, expect, it } from 'vitest';
import { recogniseLine } from '../../src/detect/commands.js';
import { jsCommandLines } from '../../src/detect/js-script.js';

const recs = (line: string) => recogniseLine(line).map((r) => r.rec);

describe('bucket uploads', () => {
  it.each([
    ['aws s3 cp dist/ s3://b/releases/v1/ --recursive', 's3://b/releases/v1/'],
    ['aws s3 cp ./app_1.0_linux_amd64.tar.gz s3://b/app/', 's3://b/app/'],
    ['aws --region us-east-1 s3 sync --acl public-read release/ s3://b/', 's3://b/'],
    ['gsutil -m cp dist/*.tar.gz gs://b/v1/', 'gs://b/v1/'],
    ['gsutil -h "Cache-Control:no-cache" cp app.zip gs://b/', 'gs://b/'],
    ['gcloud storage cp dist/app.deb gs://b/pool/', 'gs://b/pool/'],
  ])('%s publishes release files', (line, subject) => {
    const pub = recs(line).filter((r) => r.kind === 'publish');
    expect(pub).toEqual([expect.objectContaining({ kind: 'publish', artifact: 'release files', artifactKind: 'blob', subject })]);
  });

  it.each([
    'aws s3 cp s3://cache/hugo.tar.gz hugo.tar.gz',
    'aws s3 sync public/ s3://docs-site/ --delete',
    'aws s3 cp s3://a/dist/x.zip s3://b/dist/x.zip',
    'gsutil cp gs://b/x.tar.gz .',
    'gsutil cp coverage.out gs://ci-logs/',
    'aws signer start-signing-job --source x',
  ])('%s publishes nothing', (line) => {
    expect(recs(line).filter((r) => r.kind === 'publish')).toEqual([]);
  });

  it('the aws word still signs with AWS Signer', () => {
    expect(recs('aws --profile release signer start-signing-job --profile-name p')).toEqual([expect.objectContaining({ kind: 'sign', tool: 'aws-signer' })]);
  });
});

describe('flux push artifact', () => {
  it('publishes an OCI artifact', () => {
    expect(recs('flux push artifact oci://ghcr.io/o/manifests:v1 --path="./deploy" --source=x --revision=y')).toEqual([
      expect.objectContaining({ kind: 'publish', tool: 'flux', artifact: 'OCI artifact', subject: 'oci://ghcr.io/o/manifests:v1' }),
    ]);
    expect(recs('flux pull artifact oci://ghcr.io/o/m:v1 --output ./x')).toEqual([]);
  });
});

describe('JavaScript release scripts', () => {
  it('node runs a script the resolver follows', () => {
    expect(recs('node scripts/release.mjs --tag latest')).toEqual([{ kind: 'call', call: { type: 'script', path: 'scripts/release.mjs' } }]);
    expect(recs('node -e "console.log(1)"')).toEqual([]);
    expect(recs('node --version')).toEqual([]);
  });

  it('reads the commands a script runs, at their lines', () => {
    const text = [
      "import { execSync, spawnSync } from 'node:child_process';",
      "import { $ } from 'zx';",
      "execSync('npm publish --access public', { stdio: 'inherit' });",
      "spawnSync('npm', ['publish', '--tag', tag], { stdio: 'inherit' });",
      'await $`npm publish --provenance ${dir}`;',
      "await execa('cosign', ['sign-blob', '--yes', 'dist/app.tgz']);",
      "console.log('npm publish done');",
    ].join('\n');
    expect(jsCommandLines(text)).toEqual([
      { text: 'npm publish --access public', line: 3 },
      { text: 'npm publish --tag', line: 4 },
      { text: 'npm publish --provenance $JS', line: 5 },
      { text: 'cosign sign-blob --yes dist/app.tgz', line: 6 },
    ]);
  });

  it('numbers the first and last lines too, CRLF and blank lines counted', () => {
    expect(jsCommandLines("execSync('make a')\r\n\n\nexec('make b')")).toEqual([
      { text: 'make a', line: 1 },
      { text: 'make b', line: 4 },
    ]);
  });
});

describe('attestation and signing outside cosign', () => {
  it.each([
    ['tejolote attest --artifacts gs://b/release/v1 gcb://p/123 --output p.json --sign', { kind: 'sign', tool: 'tejolote', keyless: true, attestation: 'provenance', artifact: 'blob' }],
    ['tejolote attest --artifacts oci://ghcr.io/o/app github://o/r/1 --sign', { kind: 'sign', tool: 'tejolote', artifact: 'container-image' }],
    ['krel sign images registry.k8s.io/pause:3.10', { kind: 'sign', tool: 'krel', artifact: 'container-image', keyless: true }],
    ['krel sign blobs gs://k8s-release/v1.31.0/bin/kubectl', { kind: 'sign', tool: 'krel', artifact: 'blob' }],
    ['krel sign attestation --in-place provenance.json', { kind: 'sign', tool: 'krel', attestation: 'provenance' }],
    ['witness run --step b --signer-vault-url https://vault:8200 -o a.json -- make', { kind: 'sign', tool: 'witness', key: { type: 'vault', uri: 'https://vault:8200' } }],
  ])('%s', (line, rec) => {
    expect(recs(line)[0]).toEqual(expect.objectContaining(rec));
  });

  it('tejolote without --sign writes an unsigned statement: nothing', () => {
    expect(recs('tejolote attest --artifacts gs://b/x gcb://p/1 --output p.json')).toEqual([]);
  });

  it('what witness and in-toto-run wrap after -- is recognised too', () => {
    expect(recs('witness run --step release --signer-fulcio-url https://fulcio.sigstore.dev -o a.json -- goreleaser release --clean').map((r) => r.kind)).toEqual(['sign', 'publish']);
    expect(recs('in-toto-run -n build -k k.pem -- python -m twine upload dist/*').map((r) => r.kind)).toEqual(['sign', 'publish']);
  });
});
