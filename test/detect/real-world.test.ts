/**
 * Patterns met on real repositories (sigstore/cosign, goreleaser, kyverno, kubernetes-sigs/kind,
 * kubebuilder scaffolds), reduced to small in-memory repositories and pure units: test-key names,
 * Helm templates and CRDs, composite-action inputs, Makefile includes and variables, throwaway
 * registries, hand-run publishing, Cloud Build steps and evidence lines in continued commands.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanRepository } from '../../src/detect/scan.js';
import { isTestKey, isTestKeyName } from '../../src/detect/sources/keys.js';
import { expand, parseMakefile } from '../../src/detect/follow.js';
import { isThrowawayRegistry, recogniseLine } from '../../src/detect/commands.js';
import { commandName } from '../../src/detect/shell.js';
import { mayBePolicy, policiesInTemplate } from '../../src/detect/sources/policies.js';
import { imageRepository } from '../../src/detect/coverage.js';
import type { ScanResult } from '../../src/detect/types.js';

const scan = (files: Record<string, string>): ScanResult => scanRepository(createMemoryReader(files));
const lines = (...l: string[]): string => l.join('\n') + '\n';
const workflow = (...steps: string[]): string =>
  lines('on: push', 'permissions:', '  id-token: write', 'jobs:', '  r:', '    runs-on: x', '    steps:', ...steps);
const at = (r: ScanResult, detector: string): string[] => r.evidence.filter((e) => e.detector === detector).map((e) => `${e.file}:${e.line}`);
const published = (r: ScanResult): string[] => r.published.map((p) => `${p.file}:${p.line}:${p.signed ? 'signed' : 'unsigned'}`);
const limits = (r: ScanResult): string[] => r.warnings.filter((w) => w.kind === 'limit').map((w) => w.message);

const KEY = ['-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----', 'eyJrZGYiOnsibmFtZSI6InNjcnlwdCJ9fQ==', '-----END ENCRYPTED SIGSTORE PRIVATE KEY-----'].join('\n');

describe('test keys by name', () => {
  it.each([
    ['.github/workflows/cosign-test.key', true],
    ['internal/http/testkey.pem', true],
    ['example.key', true],
    ['deploy/dummy_rsa.pem', true],
    ['certs/fakeKey.pem', true],
    ['keys/test1.pem', true],
    ['demo-signing.key', true],
    ['cosign.key', false],
    ['latest.key', false],
    ['attestor.key', false],
    ['contest.pem', false],
    ['release-signing.key', false],
  ])('%s → %s', (path, test) => {
    expect(isTestKeyName(path)).toBe(test);
  });

  it.each(['test/fixtures/a.key', 'pkg/archive/testdata/k.pem', 'cmd/cli/_testdata/k.pem', 'e2e/keys/k.pem', 'integration/data/certs/key.pem'])('%s is under a test folder', (path) => {
    expect(isTestKey(path)).toBe(true);
  });

  it('a test key signing CI snapshots is neither signing nor custody; a root cosign.key is still committed', () => {
    const r = scan({
      '.github/workflows/ci.yml': workflow('      - run: cosign sign --yes --key .github/workflows/cosign-test.key ghcr.io/o/app/ci:${{ github.sha }}'),
      '.github/workflows/cosign-test.key': KEY,
      'cosign.key': KEY,
    });
    expect(r.facts.signs).toBe(false);
    expect(r.facts.committedPrivateKeys).toEqual([{ path: 'cosign.key', kind: 'sigstore-encrypted' }]);
    expect(r.testKeys).toEqual([{ path: '.github/workflows/cosign-test.key', kind: 'sigstore-encrypted' }]);
    expect(limits(r)).toEqual([expect.stringContaining('use a test key committed to the repository (first: .github/workflows/ci.yml:8 with .github/workflows/cosign-test.key)')]);
  });

  it('--key cosign.key names the root key, not a test key that ends with the same name', () => {
    const r = scan({ 'scripts/release.sh': 'cosign sign --key cosign.key img\n', 'cosign.key': KEY, 'testdata/cosign.key': KEY });
    expect(r.facts.keyCustody).toEqual(['file-in-repo']);
    expect(at(r, 'signingKeyIsInRepository')).toContain('cosign.key:1');
  });
});

describe('policies in Helm charts and CRDs', () => {
  const template = lines(
    '{{- if .Values.enabled }}',
    'apiVersion: kyverno.io/v1',
    'kind: ClusterPolicy',
    'metadata:',
    '  name: verify-images',
    '  labels: {{ include "labels" . | nindent 4 }}',
    'spec:',
    '  rules:',
    '    - name: r',
    '      verifyImages:',
    '        - imageReferences: ["ghcr.io/o/*"]',
    '{{- end }}',
  );

  it('reads a templated policy line by line, one document at a time', () => {
    expect(policiesInTemplate(template)).toEqual([{ rec: { kind: 'policy', engine: 'kyverno', name: 'verify-images' }, line: 10 }]);
    const two = lines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  verifyImages: "x"', '---', 'apiVersion: policy.sigstore.dev/v1beta1', 'kind: ClusterImagePolicy', 'metadata:', '  name: {{ .Release.Name }}');
    expect(policiesInTemplate(two)).toEqual([{ rec: { kind: 'policy', engine: 'sigstore-policy-controller', name: 'ClusterImagePolicy' }, line: 7 }]);
  });

  it('the marker is what the parser needs: kyverno.io alone is not enough, and a CRD is skipped', () => {
    expect(mayBePolicy(lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'rules:', '  - apiGroups: [kyverno.io]'))).toBe(false);
    expect(mayBePolicy(lines('apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'spec:', '  verifyImages: {}'))).toBe(false);
    expect(mayBePolicy(template)).toBe(true);
  });

  it('chart templates give evidence and no parse warnings; a CRD and _testdata give neither', () => {
    const r = scan({
      'charts/app/Chart.yaml': 'name: app\n',
      'charts/app/templates/policy.yaml': template,
      'charts/app/templates/rbac.yaml': lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'rules:', '  - apiGroups: [kyverno.io]', '    resources: {{ toYaml .Values.r | nindent 6 }}'),
      'config/crds/policies.yaml': lines('apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'spec:', '  x: {verifyImages: {}}'),
      'cmd/cli/_testdata/policy.yaml': lines('apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'spec:', '  rules:', '    - verifyImages: []'),
    });
    expect(r.facts.verifies).toBe(true);
    expect(at(r, 'admissionPolicyVerifiesImages')).toEqual(['charts/app/templates/policy.yaml:10']);
    expect(r.warnings).toEqual([]);
  });
});

describe('composite actions: inputs become the caller\'s values', () => {
  const action = lines(
    'inputs:',
    '  target: {required: true}',
    '  sign: {default: "yes"}',
    'runs:',
    '  using: composite',
    '  steps:',
    '    - run: echo "digest=$(make ${{ inputs.target }})" >> $GITHUB_OUTPUT',
    '      shell: bash',
    '    - run: cosign sign --yes ${{ steps.x.outputs.digest }} # ${{ inputs.sign }}',
    '      shell: bash',
  );
  it('make ${{ inputs.target }} follows the target named in with:', () => {
    const r = scan({
      '.github/actions/publish/action.yml': action,
      '.github/workflows/images.yml': workflow('      - uses: ./.github/actions/publish', '        with:', '          target: push-api'),
      Makefile: lines('push-api:', '\tko build ./cmd/api', '', 'push-dev:', '\tdocker push dev/api'),
    });
    expect(published(r)).toEqual(['Makefile:2:signed']);
    expect(limits(r)).toEqual([expect.stringContaining('1 publishing step(s) in Makefile targets or scripts that no pipeline runs (first: container image at Makefile:5)')]);
  });
});

describe('Makefiles', () => {
  const files: Record<string, string> = {
    'images/base/Makefile': 'include $(CURDIR)/../common.mk\n',
    'images/common.mk': lines('OUTPUT?=', 'IMAGE?=gcr.io/o/$(notdir $(CURDIR))', 'build:', '\tdocker buildx build $(OUTPUT) -t ${IMAGE} .', 'push: OUTPUT=--push', 'push: build', 'quick: OUTPUT=--load', 'quick: build'),
  };
  const read = (p: string): string | undefined => files[p];

  it('include, variables, target-specific variables inherited by prerequisites', () => {
    const mk = parseMakefile(files['images/base/Makefile']!, 'images/base/Makefile', read, 'images/base');
    const build = mk.targets.get('build')!;
    expect(build.recipe[0]).toMatchObject({ file: 'images/common.mk', line: 4 });
    expect(expand(build.recipe[0]!.text, mk.vars, mk.targets.get('push')!.vars)).toBe('docker buildx build --push -t gcr.io/o/$(notdir $(CURDIR)) .');
  });

  it('expansion: $$ is the shell\'s $, functions and unknown names stay, $(MAKE) is make, output is bounded', () => {
    const vars = new Map([['KO', '$(TOOLS)/ko'], ['TOOLS', '.tools'], ['MAKE', 'make'], ['A', '$(B)$(B)'], ['B', '$(C)$(C)'], ['C', 'x'.repeat(40_000)]]);
    expect(expand('$(KO) build $$(cat refs) $(shell date) $(UNKNOWN) ${TOOLS}', vars)).toBe('.tools/ko build $(cat refs) $(shell date) $(UNKNOWN) .tools');
    expect(expand('$(MAKE) -C sub release', vars)).toBe('make -C sub release');
    expect(expand('$(A)', vars).length).toBeLessThanOrEqual(64 * 1024);
  });

  it('define … endef bodies are not targets; conditionals keep the last assignment', () => {
    const mk = parseMakefile(lines('define HELP', 'push: not a target', 'endef', 'ifdef V', 'R := a', 'else', 'R := b', 'endif', 'all:', '\techo $(R)'));
    expect([...mk.targets.keys()]).toEqual(['all']);
    expect(mk.vars.get('R')).toBe('b');
  });

  it('a recursive $(MAKE) call is followed, and Cloud Build reaches a target-specific --push', () => {
    const r = scan({
      ...files,
      'images/base/cloudbuild.yaml': lines('steps:', '- name: gcr.io/x/gcb-docker-gcloud', '  entrypoint: make', "  args: ['-C', 'images/base', 'push']"),
      '.github/workflows/e2e.yml': workflow('      - run: make -C images/base quick'),
      Makefile: lines('release:', '\t$(MAKE) sign', 'sign:', '\tcosign sign-blob --yes dist/app.tar.gz'),
      '.github/workflows/release.yml': workflow('      - run: make release'),
    });
    expect(published(r)).toEqual(['images/common.mk:4:unsigned']);
    expect(at(r, 'blobsAreSigned')).toContain('Makefile:4');
  });
});

describe('throwaway registries publish nothing', () => {
  it.each([
    ['ko.local', true], ['kind.local/app', true], ['localhost:5000/app', true], ['127.0.0.1:5000/a', true],
    ['ttl.sh/abc:1h', true], ['registry.local:5000/x', true], ['"kind-registry:5000/x"', true],
    ['ghcr.io/o/app', false], ['localhost.example.com/app', false], ['$KO_DOCKER_REPO', false],
  ])('%s → %s', (ref, throwaway) => {
    expect(isThrowawayRegistry(ref)).toBe(throwaway);
  });

  it('ko to ko.local is a local build, not a publish', () => {
    expect(recogniseLine('KO_DOCKER_REPO=ko.local ko build ./cmd/app')).toEqual([]);
    expect(recogniseLine('KO_DOCKER_REPO=ghcr.io/o ko build ./cmd/app')[0]!.rec).toMatchObject({ kind: 'publish', subject: 'ghcr.io/o' });
  });

  it('an e2e test pushing to ttl.sh (a variable set just before) or a job-level local KO_DOCKER_REPO publishes and signs nothing', () => {
    const r = scan({
      '.github/workflows/e2e.yml': lines(
        'on: push', 'jobs:', '  e2e:', '    runs-on: x', '    env:', '      KO_DOCKER_REPO: registry.local:5000/app', '    steps:',
        '      - run: |', '          URL=ttl.sh/$(uuidgen):1h', '          crane copy cgr.dev/chainguard/static $URL', '          cosign sign --yes $URL',
        '      - run: |', '          demo=$(ko publish --insecure-registry ./cmd/demo)', '          ./cosign sign --yes --allow-http-registry ${demo}',
      ),
    });
    expect(r.published).toEqual([]);
    // signing those test images is a test of signing: no signing fact, no evidence
    expect(r.facts.signs).toBe(false);
    expect(r.evidence).toEqual([]);
    expect(limits(r)).toEqual([]);
  });
});

describe('throwaway images across steps', () => {
  it('an image exported to $GITHUB_ENV in one step and signed, attested and verified in later ones is a test', () => {
    const r = scan({
      '.github/workflows/e2e.yml': lines(
        'on: push', 'jobs:', '  e2e:', '    runs-on: x', '    env:', '      KO_DOCKER_REPO: registry.local:5000/demo', '    steps:',
        '      - run: |', '          demoimage=$(ko publish -B example.com/demo)', '          echo "demoimage=$demoimage" >> $GITHUB_ENV',
        '      - run: ./cosign sign --yes --allow-http-registry ${demoimage}',
        '      - run: ./cosign attest --type vuln --predicate p.json --yes ${demoimage}',
        '      - run: ./cosign verify --certificate-identity x ${demoimage}',
      ),
    });
    expect(r.facts).toMatchObject({ signs: false, verifies: false, attestations: [] });
    expect(r.published).toEqual([]);
  });
});

describe('hand-run publishing', () => {
  it('counts when nothing in CI publishes, or when the script is named as release tooling', () => {
    const onlyByHand = scan({ 'scripts/push.sh': 'docker push ghcr.io/o/app\n', '.github/workflows/ci.yml': workflow('      - run: go test ./...') });
    expect(published(onlyByHand)).toEqual(['scripts/push.sh:1:unsigned']);
    const besideCi = scan({
      'hack/release/push-node.sh': 'docker push docker.io/o/node:v1\n',
      'hack/dev-push.sh': 'docker push docker.io/me/node:dev\n',
      '.github/workflows/release.yml': workflow('      - run: docker push ghcr.io/o/app', '      - run: cosign sign --yes ghcr.io/o/app'),
    });
    expect(published(besideCi)).toEqual(['.github/workflows/release.yml:8:signed', 'hack/release/push-node.sh:1:unsigned']);
    expect(limits(besideCi)).toEqual([expect.stringContaining('(first: container image at hack/dev-push.sh:1)')]);
  });
});

describe('Cloud Build and evidence lines', () => {
  it('/bin/sh -c scripts are read; the evidence is the physical line of the command in a continued line', () => {
    const r = scan({
      'release/cloudbuild.yaml': lines(
        'steps:',
        "  - name: 'ghcr.io/o/builder:v1'",
        '    entrypoint: /bin/sh',
        '    env:',
        '      - KEY_NAME=release',
        '    args:',
        "      - '-c'",
        '      - |',
        '        gcloud auth configure-docker \\',
        '        && make release',
        "  - name: 'ghcr.io/oras-project/oras:v1'",
        "    args: ['copy', '-r', 'gcr.io/p/app:v1', 'ghcr.io/o/app:v1']",
      ),
      Makefile: lines('release:', '\tKO_DOCKER_REPO=gcr.io/p \\', '\t  ko build ./cmd/app > refs', '\tcosign sign --yes \\', '\t  --key gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/$(KEY_NAME) $$(cat refs)'),
    });
    // oras's arguments are on one `args: [...]` line: that line says what runs
    expect(published(r)).toEqual(['Makefile:3:signed', 'release/cloudbuild.yaml:12:signed']);
    expect(at(r, 'signingKeyIsInKms')).toEqual(['Makefile:4', 'release/cloudbuild.yaml:10']);
    expect(r.facts.kmsProviders).toEqual(['gcp']);
  });

  it('python -m \\ + sigstore sign: the line naming the verb is cited', () => {
    const r = scan({ '.github/workflows/r.yml': workflow('      - run: |', '          ./env/bin/python -m \\', '            sigstore sign "${dist}" \\', '            --bundle x.sigstore') });
    expect(at(r, 'blobsAreSigned')).toEqual(['.github/workflows/r.yml:10']);
  });

  it('a platform-named release binary is still the tool', () => {
    expect(commandName('./dist/cosign-linux-amd64')).toBe('cosign');
    expect(commandName('bin/notation_darwin_arm64')).toBe('notation');
    expect(commandName('docker-credential-gcr')).toBe('docker-credential-gcr');
  });
});

describe('recogniser cases from real release pipelines', () => {
  it.each([
    ['ls dist/* | xargs $guard gh release create "$TAG" --title x --', [{ kind: 'publish', tool: 'gh', artifact: 'GitHub release assets' }]],
    ['find dist -name "*.tar.gz" | xargs -n1 cosign sign-blob --yes', [{ kind: 'sign', tool: 'cosign', artifact: 'blob' }]],
    ['find . -name "*.tmp" | xargs rm -f', []],
    ['script/release --local v1 --platform linux', [{ kind: 'call', call: { type: 'script', path: 'script/release' } }]],
    ['scripts/sign-windows-binaries', [{ kind: 'call', call: { type: 'script', path: 'scripts/sign-windows-binaries' } }]],
    ['docs/index.md', []],
    ['codesign --timestamp --options=runtime -s "$ID" -v "$1"', [{ kind: 'sign', tool: 'codesign' }]],
    ['codesign -v --strict App.app', [{ kind: 'verify', tool: 'codesign' }]],
    ['osslsigncode sign -pkcs11engine "$E" -pkcs11module "$M" -key "$K" -in a.exe -out b.exe', [{ kind: 'sign', tool: 'osslsigncode', key: { type: 'hsm', uri: 'pkcs11' } }]],
    ['osslsigncode sign -pkcs12 cert.p12 -readpass pw -in a.exe -out b.exe', [{ kind: 'sign', tool: 'osslsigncode', key: { type: 'file', path: 'cert.p12' } }]],
    ['rcodesign sign --pkcs11-library "$LIB" --pkcs11-key-label k in out', [{ kind: 'sign', tool: 'rcodesign', key: { type: 'hsm', uri: 'pkcs11' } }]],
    ['oras copy -r gcr.io/p/app:v1 ghcr.io/o/app:v1', [{ kind: 'publish', tool: 'oras', artifactKind: 'container-image', subject: 'ghcr.io/o/app:v1' }]],
  ])('%s', (line, expected) => {
    const got = recogniseLine(line).map((r) => r.rec);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });

  it('osslsigncode and rcodesign sign (HSM custody) but name no tool of the vocabulary', () => {
    const r = scan({ '.gitlab-ci.yml': lines('sign:', '  script:', '    - osslsigncode sign -pkcs11module "$M" -key "$K" -in a.exe -out b.exe') });
    expect(r.facts).toMatchObject({ signs: true, tools: [], keyCustody: ['hsm'], kmsProviders: ['pkcs11'], artifactsSigned: ['blob'] });
  });
});

describe('GitHub actions seen on real repositories', () => {
  it('actions/attest without a predicate is build provenance; subject-checksums attest checksums', () => {
    const r = scan({ '.github/workflows/r.yml': workflow('      - uses: actions/attest@v4', '        with:', '          subject-checksums: ./dist/checksums.txt', '      - uses: actions/attest@v4', '        with:', '          subject-path: dist/app', '          sbom-path: sbom.spdx.json') });
    expect(r.facts.attestations).toEqual(['provenance', 'sbom']);
    expect(r.facts.artifactsSigned).toEqual(['blob', 'checksums']);
  });

  it('goreleaser-action with install-only runs nothing', () => {
    const r = scan({ '.github/workflows/r.yml': workflow('      - uses: goreleaser/goreleaser-action@v6', '        with:', '          install-only: true') });
    expect(r.published).toEqual([]);
  });

  it('jobs calling the same remote reusable workflow make one limit', () => {
    const job = (name: string): string[] => [`  ${name}:`, '    uses: slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@v2.1.0'];
    const r = scan({ '.github/workflows/r.yml': lines('on: push', 'jobs:', ...job('a'), ...job('b'), ...job('c')) });
    expect(limits(r)).toEqual([expect.stringMatching(/^3 jobs \("a", "b", "c"\) call another repository's reusable workflow \(slsa-framework/)]);
  });
});

describe('warnings an auditor can use', () => {
  it('a binary keyring under testdata/ is read only to list test keys: no unreadable warning', () => {
    const r = scanRepository(createMemoryReader({ 'internal/sign/testdata/secring.gpg': new Uint8Array([0x95, 0x01, 0x00, 0x00, 0xff, 0x00]), 'keys/release.gpg': new Uint8Array([0x95, 0x00, 0x01]) }));
    expect(r.warnings.map((w) => w.file)).toEqual(['keys/release.gpg']);
  });
});

describe('goreleaser notarize', () => {
  it('notarize.macos[].sign code-signs with the certificate from a CI secret', () => {
    const r = scan({
      '.goreleaser.yaml': lines('notarize:', '  macos:', "    - enabled: '{{ isEnvSet \"MACOS_SIGN_P12\" }}'", '      sign:', '        certificate: "{{.Env.MACOS_SIGN_P12}}"', '        password: "{{.Env.MACOS_SIGN_PASSWORD}}"'),
      '.github/workflows/release.yml': lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - uses: goreleaser/goreleaser-action@v6', '        with:', '          args: release --clean', '        env:', '          MACOS_SIGN_P12: ${{ secrets.MACOS_SIGN_P12 }}'),
    });
    expect(r.facts).toMatchObject({ signs: true, tools: ['codesign', 'goreleaser'], keyCustody: ['ci-secret'], artifactsSigned: ['blob'] });
    expect(at(r, 'signingKeyIsInCiSecret')).toEqual(expect.arrayContaining(['.goreleaser.yaml:5', '.github/workflows/release.yml:10']));
    expect(published(r)).toEqual(['.github/workflows/release.yml:6:signed']);
  });
});

describe('local reusable workflows run with their callers\' inputs', () => {
  const reusable = lines(
    'on:',
    '  workflow_call:',
    '    inputs:',
    '      config: {type: string, required: true}',
    '      options: {type: string, default: ""}',
    'jobs:',
    '  release:',
    '    runs-on: x',
    '    steps:',
    '      - uses: goreleaser/goreleaser-action@v6',
    '        with:',
    '          args: release -f=${{ inputs.config }} ${{ inputs.options }}',
    '      - if: ${{ inputs.config == \'canary.yml\' }}',
    '        run: docker push ghcr.io/o/app:canary',
  );
  it('inputs reach the steps, a literal if: decides, and the called file is no pipeline of its own', () => {
    const r = scan({
      '.github/workflows/reusable-release.yaml': reusable,
      '.github/workflows/canary.yaml': lines('on: push', 'jobs:', '  build:', '    uses: ./.github/workflows/reusable-release.yaml', '    with:', '      config: canary.yml', '      options: --snapshot'),
      '.github/workflows/release.yaml': lines('on: push', 'jobs:', '  release:', '    uses: ./.github/workflows/reusable-release.yaml', '    with:', '      config: .goreleaser.yml'),
      '.goreleaser.yml': lines('signs:', '  - cmd: cosign', '    args: ["sign-blob", "--yes", "--bundle=${signature}", "${artifact}"]', '    artifacts: checksum', 'dockers:', '  - image_templates: [ghcr.io/o/app]', 'docker_signs:', '  - cmd: cosign', '    artifacts: images', '    args: ["sign", "${artifact}@${digest}", "--yes"]'),
    });
    // canary: goreleaser --snapshot publishes nothing and its docker push is unsigned; release: the
    // goreleaser release and images are signed, and its `if:` drops the canary push
    expect(published(r)).toEqual(['.github/workflows/reusable-release.yaml:14:unsigned', '.github/workflows/reusable-release.yaml:10:signed', '.github/workflows/reusable-release.yaml:10:signed']);
    expect(r.findings.find((f) => f.fact === 'ci')!.evidence.length).toBe(1);
  });
});

describe('GitLab downstream pipelines', () => {
  it('a trigger of another project, or a child pipeline from another project, is a limit', () => {
    const r = scan({
      '.gitlab-ci.yml': lines(
        'ubi images:', '  stage: postrelease', '  trigger:', '    strategy: depend', '    project: acme/ci-cd/runner-ubi-images',
        'deploy:', '  trigger: acme/infra/deployer',
        'child:', '  trigger:', '    include:', '      - project: acme/templates', '        file: release.yml', '      - local: ci/child.yml',
      ),
      'ci/child.yml': lines('sign:', '  script:', '    - cosign sign-blob --yes dist/app'),
    });
    expect(limits(r)).toEqual([
      expect.stringContaining('.gitlab-ci.yml:3: job "ubi images" triggers a pipeline of project acme/ci-cd/runner-ubi-images'),
      expect.stringContaining('.gitlab-ci.yml:7: job "deploy" triggers a pipeline of project acme/infra/deployer'),
      expect.stringContaining('.gitlab-ci.yml:11: child pipeline project include acme/templates'),
    ]);
    expect(r.facts.signs).toBe(true);
  });
});

describe('reader warnings the scan needs', () => {
  it('a broken link among packaging files is not reported; one named like a workflow is', async () => {
    const { mkdtempSync, mkdirSync, symlinkSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { scanDirectory } = await import('../../src/detect/scan.js');
    const root = mkdtempSync(join(tmpdir(), 'sigmature-links-'));
    try {
      mkdirSync(join(root, 'packaging/usr/bin'), { recursive: true });
      mkdirSync(join(root, '.github/workflows'), { recursive: true });
      symlinkSync('missing-binary', join(root, 'packaging/usr/bin/runner'));
      symlinkSync('missing.yml', join(root, '.github/workflows/release.yml'));
      const r = await scanDirectory(root);
      expect(r.warnings.map((w) => w.file)).toEqual(['.github/workflows/release.yml']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('signing in the same workflow must concern the same image', () => {
  it('api pushed and signed, worker pushed but not signed; hidden references match by kind', () => {
    const r = scan({
      '.github/workflows/release.yml': workflow(
        '      - run: docker push ghcr.io/o/api:${{ github.ref_name }}',
        '      - run: docker push ghcr.io/o/worker:${{ github.ref_name }}',
        '      - run: cosign sign --yes ghcr.io/o/api@${DIGEST}',
        '      - id: build',
        '        uses: docker/build-push-action@v6',
        '        with:',
        '          push: true',
        '          tags: ${{ env.IMAGE }}:latest',
        '      - run: KO_DOCKER_REPO=ghcr.io/o ko build --base-import-paths ./cmd/tool',
        '      - run: cosign sign --yes ghcr.io/o/tool@${DIGEST}',
      ),
    });
    expect(published(r)).toEqual(['.github/workflows/release.yml:8:signed', '.github/workflows/release.yml:9:unsigned', '.github/workflows/release.yml:12:signed', '.github/workflows/release.yml:16:signed']);
  });

  it.each([
    ['ghcr.io/o/app:v1', 'ghcr.io/o/app'], ['ghcr.io/o/app@sha256:abc', 'ghcr.io/o/app'], ['ghcr.io/o/app@${{ steps.b.outputs.digest }}', 'ghcr.io/o/app'],
    ['acme/app:1.0', 'docker.io/acme/app'], ['nginx', 'docker.io/library/nginx'], ['localhost:5000/x:1', 'localhost:5000/x'],
    ['"ghcr.io/o/app:v1,ghcr.io/o/app:latest"', 'ghcr.io/o/app'], ['${{ env.IMAGE }}:v1', undefined], ['$(cat refs)', undefined],
  ])('%s → %s', (ref, repo) => {
    expect(imageRepository(ref)).toBe(repo);
  });
});
