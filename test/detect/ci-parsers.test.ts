/**
 * Parsers per CI system and the following of calls, against in-memory repositories: each case
 * says which facts and which evidence lines (file:line) a small pipeline must produce.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanRepository } from '../../src/detect/scan.js';
import type { Facts, ScanResult } from '../../src/detect/types.js';

function scan(files: Record<string, string>): ScanResult {
  return scanRepository(createMemoryReader(files));
}

/** file:line of evidence supporting a fact. */
function evidenceFor(r: ScanResult, fact: keyof Facts, value?: string | boolean): string[] {
  const ids = new Set(r.findings.filter((f) => f.fact === fact && (value === undefined || f.value === value)).flatMap((f) => f.evidence));
  return r.evidence.filter((e) => ids.has(e.id)).map((e) => `${e.file}:${e.line}`);
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

interface Case {
  name: string;
  files: Record<string, string>;
  facts: Partial<Facts>;
  evidence?: Array<[keyof Facts, string]>;
  limits?: number;
  published?: [number, number];
}

const cases: Case[] = [
  {
    name: 'GitHub: run block lines keep their own numbers; id-token grant is keyless evidence',
    files: {
      '.github/workflows/release.yml': lines(
        'on: push', //1
        'permissions:', //2
        '  id-token: write', //3
        'jobs:', //4
        '  sign:', //5
        '    runs-on: ubuntu-latest', //6
        '    steps:', //7
        '      - run: |', //8
        '          echo building', //9
        '          docker push ghcr.io/o/a:1', //10
        '          cosign sign --yes \\', //11
        '            ghcr.io/o/a:1', //12
      ),
    },
    facts: { ci: ['github-actions'], signs: true, keyless: true, tools: ['cosign'], artifactsSigned: ['container-image'] },
    evidence: [['keyless', '.github/workflows/release.yml:11'], ['keyless', '.github/workflows/release.yml:3']],
    published: [1, 1],
  },
  {
    name: 'GitHub: local composite action and local reusable workflow are followed; another repository\'s is a limit',
    files: {
      '.github/workflows/release.yml': lines(
        'on: push',
        'jobs:',
        '  build:',
        '    uses: ./.github/workflows/build.yml',
        '  external:',
        '    uses: acme/shared/.github/workflows/sign.yml@v1',
      ),
      '.github/workflows/build.yml': lines(
        'on: workflow_call',
        'jobs:',
        '  b:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: ./.github/actions/sign',
      ),
      '.github/actions/sign/action.yml': lines(
        'runs:',
        '  using: composite',
        '  steps:',
        '    - shell: bash',
        '      run: cosign sign-blob --key env://COSIGN_KEY dist/app.tar.gz',
      ),
    },
    facts: { signs: true, artifactsSigned: ['blob'], keyCustody: ['ci-secret'] },
    evidence: [['signs', '.github/actions/sign/action.yml:5'], ['signs', '.github/workflows/build.yml:6']],
    limits: 1,
  },
  {
    name: 'GitLab: include forms, id_tokens, remote/project/template includes are limits',
    files: {
      '.gitlab-ci.yml': lines(
        'include:',
        "  - local: ci/sign.yml",
        "  - 'ci/verify.yml'",
        '  - remote: https://example.org/x.yml',
        '  - project: group/proj',
        '    file: /t.yml',
        '  - template: Security/SAST.gitlab-ci.yml',
        'push:',
        '  script:',
        '    - docker push $IMAGE',
      ),
      'ci/sign.yml': lines(
        'sign:',
        '  id_tokens:',
        '    SIGSTORE_ID_TOKEN:',
        '      aud: sigstore',
        '  before_script:',
        '    - echo hi',
        '  script:',
        '    - cosign sign --yes $IMAGE',
      ),
      'ci/verify.yml': lines('verify:', '  script:', '    - cosign verify --certificate-identity x $IMAGE'),
    },
    facts: { ci: ['gitlab-ci'], signs: true, keyless: true, verifies: true },
    evidence: [['keyless', 'ci/sign.yml:8'], ['keyless', 'ci/sign.yml:3'], ['verifies', 'ci/verify.yml:3']],
    limits: 3,
    published: [1, 1],
  },
  {
    name: 'GitLab: a string include',
    files: { '.gitlab-ci.yml': lines("include: 'ci/release.yml'"), 'ci/release.yml': lines('rel:', '  script:', '    - gpg --batch --detach-sign -a dist/x.tgz') },
    facts: { signs: true, tools: ['gpg'], keyCustody: ['unknown'] },
    evidence: [['tools', 'ci/release.yml:3']],
  },
  {
    name: 'Jenkins: sh forms and withCredentials',
    files: {
      Jenkinsfile: lines(
        "@Library('release-lib@v2') _ pipeline {", //1
        '  stages {', //2
        "    stage('Sign') {", //3
        '      steps {', //4
        "        withCredentials([file(credentialsId: 'k', variable: 'KEYFILE')]) {", //5
        "          sh 'gpg --batch --import \"$KEYFILE\"'", //6
        '          sh """', //7
        '            gpg --detach-sign --armor dist/a.tgz', //8
        '          """', //9
        "          sh(script: 'cosign verify-blob --key cosign.pub --signature s f')", //10
        '        }', //11
        '      }', //12
        '    }', //13
        '  }', //14
        '}', //15
      ),
    },
    // cosign verify-blob names cosign among the tools (verification), gpg signs
    facts: { ci: ['jenkins'], signs: true, tools: ['gpg', 'cosign'], keyCustody: ['ci-secret'], verifies: true },
    evidence: [['tools', 'Jenkinsfile:8'], ['keyCustody', 'Jenkinsfile:5'], ['verifies', 'Jenkinsfile:10'], ['tools', 'Jenkinsfile:10']],
    limits: 1,
  },
  {
    name: 'CircleCI: run string and run map',
    files: {
      '.circleci/config.yml': lines(
        'version: 2.1',
        'jobs:',
        '  release:',
        '    docker: [{image: cimg/base:current}]',
        '    steps:',
        '      - checkout',
        '      - run: docker push org/app:1',
        '      - run:',
        '          name: sign',
        '          command: |',
        '            cosign sign --key awskms:///alias/rel org/app:1',
      ),
    },
    facts: { ci: ['circleci'], signs: true, keyCustody: ['kms'], kmsProviders: ['aws'] },
    evidence: [['kmsProviders', '.circleci/config.yml:11']],
    published: [1, 1],
  },
  {
    name: 'Azure Pipelines: script, bash, task inputs and local templates',
    files: {
      'azure-pipelines.yml': lines(
        'stages:',
        '  - stage: release',
        '    jobs:',
        '      - job: sign',
        '        steps:',
        '          - task: Docker@2',
        '            inputs:',
        '              command: push',
        '          - bash: |',
        '              notation sign --plugin azure-kv --id $KEY_ID $IMAGE',
        '          - template: templates/verify.yml',
      ),
      'templates/verify.yml': lines('steps:', '  - script: notation verify $IMAGE'),
    },
    facts: { ci: ['azure-pipelines'], signs: true, tools: ['notation'], keyCustody: ['kms'], kmsProviders: ['azure'], verifies: true },
    evidence: [['tools', 'azure-pipelines.yml:10'], ['verifies', 'templates/verify.yml:2']],
    published: [1, 1],
  },
  {
    name: 'Bitbucket: steps in branches and parallel',
    files: {
      'bitbucket-pipelines.yml': lines(
        'pipelines:',
        '  tags:',
        "    'v*':",
        '      - parallel:',
        '          - step:',
        '              name: sign',
        '              script:',
        '                - minisign -S -s $MINISIGN_KEY_FILE -m dist/app',
      ),
    },
    facts: { ci: ['bitbucket-pipelines'], signs: true, tools: ['minisign'], keyCustody: ['ci-secret'] },
    evidence: [['tools', 'bitbucket-pipelines.yml:8']],
  },
  {
    name: 'Tekton: Task script lines; Chains config is a limit',
    files: {
      'deploy/tekton/sign-task.yaml': lines(
        'apiVersion: tekton.dev/v1',
        'kind: Task',
        'metadata:',
        '  name: sign',
        'spec:',
        '  steps:',
        '    - name: sign',
        '      image: cgr.dev/chainguard/cosign',
        '      script: |',
        '        #!/bin/sh',
        '        cosign sign --key k8s://tekton/cosign $(params.IMAGE)',
      ),
      'deploy/chains.yaml': lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: chains-config', 'data:', '  artifacts.oci.signer: kms', '  signers.kms.kmsref: gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k'),
    },
    facts: { ci: ['tekton'], signs: true, tools: ['cosign'], keyCustody: ['ci-secret', 'kms'], kmsProviders: ['gcp'] },
    evidence: [['tools', 'deploy/tekton/sign-task.yaml:11']],
    limits: 1,
  },
  {
    name: 'Buildkite: command and commands',
    files: {
      '.buildkite/pipeline.yml': lines('steps:', '  - label: sign', '    commands:', '      - cosign sign-blob --yes checksums.txt', '  - command: gh attestation verify x --owner o'),
    },
    facts: { ci: ['buildkite'], signs: true, keyless: true, artifactsSigned: ['checksums'], verifies: true },
    evidence: [['artifactsSigned', '.buildkite/pipeline.yml:4']],
  },
  {
    name: 'Travis, Drone, Cloud Build and CodeBuild are recognised',
    files: {
      '.travis.yml': lines('language: go', 'script:', '  - go test ./...'),
      '.drone.yml': lines('kind: pipeline', 'steps:', '  - name: t', '    image: golang', '    commands:', '      - go test'),
      'cloudbuild.yaml': lines('steps:', "  - name: gcr.io/cloud-builders/docker", "    args: ['push', 'gcr.io/p/app']"),
      'buildspec.yml': lines('version: 0.2', 'phases:', '  build:', '    commands:', '      - make'),
    },
    facts: { ci: ['travis', 'drone', 'cloud-build', 'codebuild'], signs: false },
    published: [1, 0],
    limits: 1, // published, nothing signed: signing may happen where the scan cannot see
  },
  {
    name: 'following calls: make target → script → the signing line, with the CI step as second evidence',
    files: {
      '.github/workflows/release.yml': lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - run: make release'),
      Makefile: lines('release: push sign', '', 'push:', '\tdocker push $(IMAGE)', '', 'sign:', '\t@./scripts/sign.sh $(IMAGE)'),
      'scripts/sign.sh': lines('#!/bin/sh', 'set -eu', 'cosign sign --key hashivault://release "$1"'),
    },
    facts: { signs: true, keyCustody: ['vault'], kmsProviders: ['hashicorp-vault'] },
    evidence: [['keyCustody', 'scripts/sign.sh:3'], ['keyCustody', '.github/workflows/release.yml:6'], ['keyCustody', 'Makefile:7']],
    published: [1, 1],
  },
  {
    name: 'following calls: npm run → package.json script',
    files: {
      '.github/workflows/release.yml': lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    permissions: {id-token: write}', '    steps:', '      - run: npm run release'),
      'package.json': JSON.stringify({ name: 'x', scripts: { release: 'npm publish --provenance' } }, null, 2),
    },
    facts: { signs: true, tools: ['npm-provenance'], attestations: ['provenance'], keyless: true },
    evidence: [['tools', 'package.json:4']],
    published: [1, 1],
  },
  {
    name: 'following calls: working-directory decides where scripts and package.json are found',
    files: {
      '.github/workflows/release.yml': lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    defaults:', '      run:', '        working-directory: packages/sdk', '    steps:', '      - run: npm run release', '      - run: ./sign.sh', '        working-directory: tools'),
      'packages/sdk/package.json': JSON.stringify({ name: 'sdk', scripts: { release: 'npm publish --provenance' } }, null, 2),
      'tools/sign.sh': lines('#!/bin/sh', 'minisign -S -s "$KEY_FILE" -m dist/app'),
    },
    facts: { signs: true, tools: ['npm-provenance', 'minisign'] },
    evidence: [['tools', 'packages/sdk/package.json:4'], ['tools', 'tools/sign.sh:2']],
    published: [1, 1],
  },
  {
    name: 'no signing: prose and comments with sign-like words',
    files: {
      '.github/workflows/ci.yml': lines('on: push', 'jobs:', '  t:', '    runs-on: x', '    steps:', '      # TODO: sign with cosign', '      - run: echo "run cosign sign later; design signal assign"'),
      'README.md': 'cosign sign --key cosign.key img\n',
      'docs/release.sh.md': 'cosign sign img\n',
    },
    facts: { signs: false, tools: [], verifies: false },
  },
  {
    name: 'GitHub: working-directory and local actions are workspace paths, mapped through the checkout path; another repository checked out is not this one',
    files: {
      '.github/workflows/release.yml': lines(
        'on: push', //1
        'jobs:', //2
        '  release:', //3
        '    runs-on: ubuntu-latest', //4
        '    steps:', //5
        '      - uses: actions/checkout@v4', //6
        '        with:', //7
        '          path: src/app', //8
        '      - uses: actions/checkout@v4', //9
        '        with:', //10
        '          repository: acme/release-tools', //11
        '          path: tools', //12
        '      - uses: ./tools/.github/actions/sign', //13
        '      - working-directory: src/app', //14
        '        run: ./scripts/sign.sh', //15
      ),
      'scripts/sign.sh': lines('#!/bin/sh', 'gpg --batch --detach-sign --armor dist/app.tar.gz'),
      // not what the step runs: that action is in acme/release-tools, checked out into tools/
      'tools/.github/actions/sign/action.yml': lines('runs:', '  using: composite', '  steps:', '    - run: cosign sign-blob --yes x', '      shell: bash'),
    },
    facts: { signs: true, tools: ['gpg'] },
    evidence: [['signs', 'scripts/sign.sh:2']],
  },
  {
    name: 'GitHub: make runs in the step working-directory (and -C is relative to it): the release is made in CI, no "made elsewhere" limit',
    files: {
      '.github/workflows/release.yml': lines(
        'on: push', //1
        'permissions:', //2
        '  id-token: write', //3
        'jobs:', //4
        '  cli:', //5
        '    runs-on: x', //6
        '    defaults:', //7
        '      run:', //8
        '        working-directory: cli', //9
        '    steps:', //10
        '      - run: make release', //11
        '  docs:', //12
        '    runs-on: x', //13
        '    steps:', //14
        '      - working-directory: site', //15
        '        run: make -C ../charts push', //16
      ),
      'cli/Makefile': 'release:\n\tgoreleaser release --clean\n',
      'charts/Makefile': 'push:\n\thelm push relay-1.0.0.tgz oci://ghcr.io/acme/charts\n',
      'cli/.goreleaser.yaml': lines('signs:', '  - cmd: cosign', '    args: ["sign-blob", "--yes", "--bundle=${signature}", "${artifact}"]', '    artifacts: checksum'),
    },
    facts: { signs: true, keyless: true, tools: ['cosign', 'goreleaser'] },
    evidence: [['signs', 'cli/Makefile:2']],
    published: [2, 1],
  },
];

describe('CI parsers and call following', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = scan(c.files);
    for (const [key, value] of Object.entries(c.facts)) {
      const got = r.facts[key as keyof Facts];
      expect(Array.isArray(got) ? [...got].sort() : got, key).toEqual(Array.isArray(value) ? [...value].sort() : value);
    }
    for (const [fact, at] of c.evidence ?? []) expect(evidenceFor(r, fact), `${fact} at ${at}`).toContain(at);
    expect(r.warnings.filter((w) => w.kind === 'limit').length, 'limits').toBe(c.limits ?? 0);
    if (c.published) expect([r.published.length, r.published.filter((p) => p.signed).length], 'published').toEqual(c.published);
  });
});
