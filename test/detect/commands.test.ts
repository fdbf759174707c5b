import { describe, expect, it } from 'vitest';
import { recogniseLine, type Recognised } from '../../src/detect/commands.js';
import { joinContinuations, splitLines } from '../../src/detect/shell.js';

type Expect = Partial<Recognised> & { kind: Recognised['kind'] };

const cases: Array<[string, Expect[]]> = [
  // cosign
  ['cosign sign --yes ghcr.io/o/app@${DIGEST}', [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless: true }]],
  ['cosign sign --key env://COSIGN_PRIVATE_KEY $IMAGE', [{ kind: 'sign', tool: 'cosign', keyless: false, key: { type: 'env', name: 'COSIGN_PRIVATE_KEY' } }]],
  ['cosign sign --key cosign.key img', [{ kind: 'sign', key: { type: 'file', path: 'cosign.key' } }]],
  ['cosign sign --key=awskms:///alias/release img', [{ kind: 'sign', key: { type: 'kms', provider: 'aws', uri: 'awskms:///alias/release' } }]],
  ['cosign sign --key gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k img', [{ kind: 'sign', key: { type: 'kms', provider: 'gcp', uri: 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k' } }]],
  ['cosign sign --key azurekms://v.vault.azure.net/k img', [{ kind: 'sign', key: { type: 'kms', provider: 'azure', uri: 'azurekms://v.vault.azure.net/k' } }]],
  ['cosign sign --key hashivault://release img', [{ kind: 'sign', key: { type: 'vault', uri: 'hashivault://release' } }]],
  ['cosign sign --key k8s://ns/cosign img', [{ kind: 'sign', key: { type: 'k8s', uri: 'k8s://ns/cosign' } }]],
  ['cosign sign --key "pkcs11:token=t;slot-id=0" img', [{ kind: 'sign', key: { type: 'hsm', uri: 'pkcs11:token=t;slot-id=0' } }]],
  ['cosign sign --sk img', [{ kind: 'sign', keyless: false, key: { type: 'hsm', uri: '--sk' } }]],
  ['cosign sign --key "$COSIGN_KEY" img', [{ kind: 'sign', key: { type: 'variable', name: 'COSIGN_KEY' } }]],
  ['cosign sign-blob --yes --bundle x.bundle dist/app.tar.gz', [{ kind: 'sign', artifact: 'blob', keyless: true, subject: 'dist/app.tar.gz' }]],
  ['cosign sign-blob --output-signature checksums.txt.sig checksums.txt', [{ kind: 'sign', artifact: 'checksums' }]],
  ['cosign attest --yes --predicate prov.json --type slsaprovenance img', [{ kind: 'sign', attestation: 'provenance', artifact: 'container-image' }]],
  ['cosign attest --predicate sbom.json --type cyclonedx img', [{ kind: 'sign', attestation: 'sbom' }]],
  ['cosign attest-blob --predicate x --type vuln f', [{ kind: 'sign', attestation: 'vuln-scan', artifact: 'blob' }]],
  ['cosign verify --certificate-identity x img', [{ kind: 'verify', tool: 'cosign' }]],
  ['cosign verify-blob --bundle b f', [{ kind: 'verify' }]],
  ['cosign verify-attestation --type slsaprovenance img', [{ kind: 'verify' }]],
  ['/usr/local/bin/cosign sign img', [{ kind: 'sign', tool: 'cosign' }]],
  ['sudo -E cosign sign img', [{ kind: 'sign', tool: 'cosign' }]],
  ['COSIGN_EXPERIMENTAL=1 cosign sign img && echo done', [{ kind: 'sign', tool: 'cosign' }]],
  ['make build; cosign sign img | tee log', [{ kind: 'call' }, { kind: 'sign' }]],
  ['$(COSIGN) sign --key $(KEY) $(IMG)', [{ kind: 'sign', tool: 'cosign', key: { type: 'variable', name: 'KEY' } }]],
  // notation
  ['notation sign --plugin azure-kv --id $KEY_ID $IMAGE', [{ kind: 'sign', tool: 'notation', key: { type: 'kms', provider: 'azure', uri: 'plugin:azure-kv' } }]],
  ['notation sign --plugin com.amazonaws.signer.notation.plugin --id arn $IMAGE', [{ kind: 'sign', key: { type: 'kms', provider: 'aws', uri: 'plugin:com.amazonaws.signer.notation.plugin' } }]],
  ['notation sign --key mykey img', [{ kind: 'sign', key: { type: 'named', name: 'mykey' } }]],
  ['notation verify img', [{ kind: 'verify', tool: 'notation' }]],
  // gpg
  ['gpg --batch --detach-sign --armor -o app.sig app.tar.gz', [{ kind: 'sign', tool: 'gpg', artifact: 'blob' }]],
  ['gpg -ab SHA256SUMS', [{ kind: 'sign', tool: 'gpg', artifact: 'checksums' }]],
  ['gpg2 --clearsign release.txt', [{ kind: 'sign', tool: 'gpg' }]],
  ['gpg --armor --detach-sig dist/x', [{ kind: 'sign', tool: 'gpg' }]],
  ['gpg -s file', [{ kind: 'sign' }]],
  ['gpg --verify app.sig app', [{ kind: 'verify', tool: 'gpg' }]],
  ['gpg --recv-keys ABCDEF', []],
  ['gpg --import KEYS', []],
  ['echo "$GPG_PRIVATE_KEY" | base64 -d | gpg --batch --import', [{ kind: 'key-import', fromSecret: true }]],
  ['echo "${{ secrets.GPG_KEY }}" | gpg --import', [{ kind: 'key-import', fromSecret: true }]],
  // others
  ['minisign -S -s minisign.key -m dist/app', [{ kind: 'sign', tool: 'minisign', key: { type: 'file', path: 'minisign.key' } }]],
  ['minisign -Vm app -p pub', [{ kind: 'verify' }]],
  ['signify -S -s key.sec -m SHA256', [{ kind: 'sign', tool: 'signify' }]],
  ['jarsigner -keystore ks.jks app.jar alias', [{ kind: 'sign', tool: 'jarsigner', artifact: 'package' }]],
  ['jarsigner -verify app.jar', [{ kind: 'verify' }]],
  ['signtool sign /f cert.pfx /p pw app.exe', [{ kind: 'sign', tool: 'signtool' }]],
  ['signtool.exe sign /dlib Azure.CodeSigning.Dlib.dll /dmdf m.json app.exe', [{ kind: 'sign', tool: 'azure-trusted-signing' }]],
  ['codesign --force --sign "$IDENTITY" App.app', [{ kind: 'sign', tool: 'codesign' }]],
  ['codesign --verify App.app', [{ kind: 'verify' }]],
  ['apksigner sign --ks release.jks app.apk', [{ kind: 'sign', tool: 'apksigner', artifact: 'package' }]],
  ['rpmsign --addsign x.rpm', [{ kind: 'sign', tool: 'rpm-sign' }]],
  ['rpm --resign x.rpm', [{ kind: 'sign', tool: 'rpm-sign' }]],
  ['docker trust sign repo/img:1', [{ kind: 'publish', artifactKind: 'container-image' }, { kind: 'sign', tool: 'docker-content-trust' }]],
  ['DOCKER_CONTENT_TRUST=1 docker push repo/img:1', [{ kind: 'publish', artifactKind: 'container-image' }, { kind: 'sign', tool: 'docker-content-trust' }]],
  ['export DOCKER_CONTENT_TRUST=1', [{ kind: 'setting', name: 'docker-content-trust' }]],
  ['aws signer start-signing-job --source x', [{ kind: 'sign', tool: 'aws-signer' }]],
  ['Invoke-TrustedSigning -Endpoint x', [{ kind: 'sign', tool: 'azure-trusted-signing' }]],
  ['npm publish --provenance --access public', [{ kind: 'publish', artifact: 'npm package' }, { kind: 'sign', tool: 'npm-provenance', keyless: true }]],
  ['NPM_CONFIG_PROVENANCE=true npm publish', [{ kind: 'publish' }, { kind: 'sign', tool: 'npm-provenance' }]],
  ['npm publish', [{ kind: 'publish', artifact: 'npm package' }]],
  ['npm publish --dry-run', []],
  ['pnpm publish --no-git-checks', [{ kind: 'publish' }]],
  ['yarn npm publish', [{ kind: 'publish' }]],
  ['python -m sigstore sign dist/*', [{ kind: 'sign', tool: 'sigstore-python', keyless: true }]],
  ['sigstore sign dist/x.whl', [{ kind: 'sign', tool: 'sigstore-python' }]],
  ['slsa-verifier verify-artifact x --provenance-path p', [{ kind: 'verify' }]],
  ['gh attestation verify x --owner o', [{ kind: 'verify' }]],
  // what the wrapper runs after `--` is recognised too (here a make call)
  ['in-toto-run --step-name build --signing-key k -- make', [{ kind: 'sign', tool: 'in-toto' }, { kind: 'call' }]],
  ['witness run --step build -k key.pem -- make', [{ kind: 'sign', tool: 'witness' }, { kind: 'call' }]],
  // publishing
  ['docker push ghcr.io/o/app:1', [{ kind: 'publish', artifactKind: 'container-image' }]],
  ['docker buildx build --push -t ghcr.io/o/app .', [{ kind: 'publish', artifactKind: 'container-image' }]],
  ['docker buildx build -t x .', []],
  ['crane push img.tar ghcr.io/o/app', [{ kind: 'publish' }]],
  ['ko build ./cmd/app', [{ kind: 'publish' }]],
  ['goreleaser release --clean', [{ kind: 'publish', tool: 'goreleaser' }]],
  ['goreleaser release --snapshot --clean', []],
  // goreleaser run from its module path is goreleaser; a program of the repository is not a tool
  ['go run github.com/goreleaser/goreleaser/v2@v2.5.1 release --clean', [{ kind: 'publish', tool: 'goreleaser' }]],
  ['go run -mod=mod github.com/goreleaser/goreleaser/v2@latest release --snapshot --clean', []],
  ['go run ./hack/goreleaser release --clean', []],
  ['go run github.com/sigstore/cosign/v2/cmd/cosign@v2.4.1 sign-blob --yes dist/checksums.txt', [{ kind: 'sign', tool: 'cosign', artifact: 'checksums', keyless: true }]],
  ['twine upload dist/*', [{ kind: 'publish', artifact: 'Python package' }]],
  ['python -m twine upload --repository pypi dist/*', [{ kind: 'publish' }]],
  ['gh release upload v1 dist/*.tar.gz', [{ kind: 'publish', artifact: 'GitHub release assets' }]],
  ['gh release create v1 --notes x', []],
  ['gh release create "$TAG" dist/* --title x', [{ kind: 'publish' }]],
  // publishing, and a call into pom.xml for the exec-maven-plugin executions the phases reach
  ['mvn -B deploy -P release', [{ kind: 'publish', artifact: 'Maven artifacts' }, { kind: 'call', call: { type: 'maven', goals: ['deploy'], profiles: ['release'] } }]],
  ['./mvnw deploy -Dgpg.skip', [{ kind: 'publish', unsignedReason: '-Dgpg.skip' }, { kind: 'call', call: { type: 'maven', goals: ['deploy'], profiles: [] } }]],
  ['./gradlew publishToSonatype closeAndReleaseSonatypeStagingRepository', [{ kind: 'publish' }]],
  ['./gradlew publishToMavenLocal', []],
  ['gradle publish', [{ kind: 'publish' }]],
  ['helm push chart.tgz oci://ghcr.io/o/charts', [{ kind: 'publish', artifact: 'Helm chart' }]],
  ['cargo publish', [{ kind: 'publish', artifact: 'Rust crate' }]],
  ['oras push ghcr.io/o/a:1 file', [{ kind: 'publish' }]],
  // calls
  ['make release', [{ kind: 'call', call: { type: 'make', targets: ['release'], file: undefined, dir: undefined } }]],
  ['./scripts/sign.sh v1', [{ kind: 'call', call: { type: 'script', path: './scripts/sign.sh' } }]],
  ['bash scripts/release.sh', [{ kind: 'call', call: { type: 'script', path: 'scripts/release.sh' } }]],
  ['npm run release', [{ kind: 'call', call: { type: 'npm-run', script: 'release' } }]],
  // must not count
  ['# TODO: sign with cosign', []],
  ['echo "run cosign sign"', []],
  ['echo cosign sign img', []],
  ['printf "cosign sign %s" x', []],
  ['./configure --with-design --enable-signal', [{ kind: 'call' }]],
  ['assign-owner --sign-up', []],
  ['echo "design signal assign sign up signature"', []],
  ['git commit -S -m "signed commit"', []],
  ['cat cosign.pub', []],
];

describe('recogniseLine', () => {
  it.each(cases)('%s', (line, expected) => {
    const got = recogniseLine(line).map((r) => r.rec);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });
});

describe('joinContinuations', () => {
  it('joins backslash-continued lines and keeps the starting line number', () => {
    const lines = joinContinuations(splitLines('echo a\ncosign sign \\\n  --key env://K \\\n  img\necho b', 10));
    expect(lines.map((l) => l.line)).toEqual([10, 11, 14]);
    expect(recogniseLine(lines[1]!.text)[0]!.rec).toMatchObject({ kind: 'sign', key: { type: 'env', name: 'K' } });
  });
});

describe('more recogniser cases', () => {
  const more: Array<[string, Expect[]]> = [
    ['security import "$RUNNER_TEMP/cert.p12" -P "$MACOS_CERT_PASSWORD" -k k', [{ kind: 'key-import', tool: 'codesign', fromSecret: true }]],
    ['/kaniko/executor --context . --destination=gcr.io/p/app:1', [{ kind: 'publish', artifactKind: 'container-image' }]],
    ['executor --no-push --destination x', []],
    ['signtool sign /f $env:CERT_PATH /p $env:CERT_PASSWORD app.exe', [{ kind: 'sign', key: { type: 'variable', name: 'CERT_PATH' } }]],
    ['notation key add --plugin azure-kv --id $ID --default release', [{ kind: 'key-config', name: 'release', key: { type: 'kms', provider: 'azure', uri: 'plugin:azure-kv' } }]],
    ['twine upload --attestations dist/*', [{ kind: 'publish' }, { kind: 'sign', tool: 'pypi-attestations' }]],
    ['cosign attest --type https://example.org/custom/v1 --predicate p img', [{ kind: 'sign', attestation: 'custom' }]],
    ['docker buildx build --output type=registry -t x .', [{ kind: 'publish' }]],
    ['if cosign verify img; then echo ok; fi', [{ kind: 'verify' }]],
    ["bash -c 'cosign sign --yes img'", [{ kind: 'sign', tool: 'cosign' }]],
    ['sh -c "echo cosign sign"', []],
    ['IMG=$(ko build ./cmd/app --bare)', [{ kind: 'publish', tool: 'ko' }]],
    ['echo "digest: $(crane push img.tar ghcr.io/o/a)"', [{ kind: 'publish', tool: 'crane' }]],
    ['echo $((1 + 2)) "$(date)"', []],
  ];
  it.each(more)('%s', (line, expected) => {
    const got = recogniseLine(line).map((r) => r.rec);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });
});
