/**
 * Precision items of issue 10 that live in the tool registry and custody: ad-hoc codesign is not
 * signing; custody comes only from the signing step's own secrets and key references; verifying with
 * cosign names cosign among the tools without counting as signing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseLine } from '../../src/detect/commands.js';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanDirectory, scanRepository } from '../../src/detect/scan.js';

const repo = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'repos', name);

describe('ad-hoc codesign', () => {
  it.each([
    ['codesign --force -s - tools/protoc/bin/protoc'],
    ['codesign -s - --deep build/helper.app'],
    ['codesign --sign - ./bin/tool'],
  ])('%s signs nothing', (line) => {
    expect(recogniseLine(line).map((r) => r.rec.kind)).toEqual([]);
  });

  it('a real identity still signs', () => {
    expect(recogniseLine('codesign --force -s "$APPLE_ID" --options runtime dist/app').map((r) => r.rec)).toMatchObject([{ kind: 'sign', tool: 'codesign' }]);
  });

  it('a keyless release with an ad-hoc signed build tool and a tunnel certificate stays keyless', async () => {
    const r = await scanDirectory(repo('codesign-adhoc-keyless'));
    expect(r.facts.tools).toEqual(['cosign']);
    expect(r.facts.keyCustody).toEqual(['keyless']);
    expect(r.evidence.filter((e) => e.line === 20 || e.line === 24)).toEqual([]);
  });
});

describe('custody from the signing step only', () => {
  it('a secret in another step of the job is not the signing key', async () => {
    const r = await scanDirectory(repo('custody-own-step'));
    expect(r.facts.keyCustody).toEqual(['unknown']);
    expect(r.evidence.filter((e) => e.line === 21)).toEqual([]);
  });

  it('a key path exported through $GITHUB_ENV by the step that decodes the secret keeps its custody', async () => {
    const r = await scanDirectory(repo('windows-macos-signing'));
    expect(r.facts.keyCustody).toEqual(['ci-secret']);
    expect(r.evidence.some((e) => e.line === 25 && e.detector === 'signingKeyIsInCiSecret')).toBe(true);
  });
});

describe('verification only', () => {
  it('cosign-installer and cosign verify: verification with cosign among the tools, not signing', async () => {
    const r = await scanDirectory(repo('verify-only-kyverno'));
    expect(r.facts).toMatchObject({ signs: false, verifies: true, tools: ['cosign'], artifactsSigned: [], keyCustody: [] });
  });
});

describe('Jenkins pipelines kept as *.groovy files', () => {
  const scan = (files: Record<string, string>) => scanRepository(createMemoryReader(files));
  const pipeline = "pipeline {\n  agent any\n  stages {\n    stage('Sign') {\n      steps {\n        sh 'gpg --batch --detach-sign dist/app.tar.gz'\n      }\n    }\n  }\n}\n";

  it.each([
    ['jenkins/release.groovy', pipeline, true],
    ['.ci/sign.groovy', "node('linux') {\n  sh 'gpg --batch --detach-sign dist/app.tar.gz'\n}\n", true],
    // Groovy that holds no pipeline, and a shared library's steps and classes, are not this repository's CI
    ['ci/helpers.groovy', "def sign(String f) {\n  sh \"gpg --detach-sign ${f}\"\n}\n", false],
    ['vars/signArtifact.groovy', pipeline, false],
    ['src/org/example/Release.groovy', pipeline, false],
  ])('%s is a pipeline: %s', (path, text, isPipeline) => {
    const r = scan({ [path]: text });
    expect(r.facts.ci).toEqual(isPipeline ? ['jenkins'] : []);
    expect(r.facts.tools).toEqual(isPipeline ? ['gpg'] : []);
  });
});

describe('documented verification', () => {
  const lines = (...l: string[]): string => l.join('\n') + '\n';
  const release = lines('on: push', 'permissions:', '  id-token: write', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - uses: sigstore/cosign-installer@v3', '      - run: cosign sign-blob --yes --bundle dist/app.sigstore.json dist/app.tar.gz');
  const evidenceOf = (r: ReturnType<typeof scanRepository>) =>
    r.findings.filter((f) => f.fact === 'verificationDocumented').flatMap((f) => f.evidence).map((id) => r.evidence.find((e) => e.id === id)).map((e) => `${e?.file}:${e?.line}`);

  it('a verify command in a fenced block of the README or docs/ tells users how to verify, and is not verification', () => {
    const r = scanRepository(createMemoryReader({
      '.github/workflows/release.yml': release,
      'README.md': lines('# app', '', 'Run `cosign verify-blob` to check a download (prose: not counted).', '', '```console', '$ cosign verify-blob dist/app.tar.gz \\', '    --bundle dist/app.sigstore.json \\', "    --certificate-identity-regexp '^https://github.com/o/app/'", '```'),
      'docs/install/verify.md': lines('~~~sh', 'gh attestation verify app.tar.gz --repo o/app', '~~~', '', '    slsa-verifier verify-artifact app.tar.gz (indented, not fenced)'),
      'examples/README.md': lines('```sh', 'cosign verify ghcr.io/o/app:1', '```'),
    }));
    expect(r.facts.verificationDocumented).toBe(true);
    expect(r.facts.verifies).toBe(false);
    expect(r.facts.tools).toEqual(['cosign']);
    expect(evidenceOf(r).sort()).toEqual(['README.md:6', 'docs/install/verify.md:2']);
  });

  it('a repository that signs nothing is not documenting verification of its signatures (a plan, or signing elsewhere)', () => {
    const r = scanRepository(createMemoryReader({ 'README.md': lines('```sh', 'cosign verify ghcr.io/o/app:1', '```') }));
    expect(r.facts.verificationDocumented).toBe(false);
  });
});

describe('Tekton definitions a run here reaches', () => {
  const task = (name: string, run: string): string => ['apiVersion: tekton.dev/v1', 'kind: Task', 'metadata:', `  name: ${name}`, 'spec:', '  steps:', '    - name: s', '      image: x', '      script: |', `        ${run}`].join('\n') + '\n';
  const pipeline = ['apiVersion: tekton.dev/v1', 'kind: Pipeline', 'metadata:', '  name: release', 'spec:', '  tasks:', '    - name: sign', '      taskRef:', '        name: sign-image'].join('\n') + '\n';
  const trigger = ['apiVersion: triggers.tekton.dev/v1beta1', 'kind: TriggerTemplate', 'metadata:', '  name: on-tag', 'spec:', '  resourcetemplates:', '    - apiVersion: tekton.dev/v1', '      kind: PipelineRun', '      metadata:', '        generateName: release-', '      spec:', '        pipelineRef:', '          name: release'].join('\n') + '\n';

  it('a Task reached from a TriggerTemplate through its Pipeline is the repository\'s CI; one nothing runs is not', () => {
    const r = scanRepository(createMemoryReader({
      'tekton/pipeline.yaml': pipeline,
      'tekton/trigger.yaml': trigger,
      'tekton/tasks/sign-image.yaml': task('sign-image', 'cosign sign --yes --key k8s://ci/cosign "$(params.IMAGE)"'),
      'catalog/notation-sign.yaml': task('notation-sign', 'notation sign --key release "$(params.IMAGE)"'),
    }));
    expect(r.facts.ci).toEqual(['tekton']);
    expect(r.facts.tools).toEqual(['cosign']);
    expect(r.evidence.filter((e) => e.file === 'catalog/notation-sign.yaml')).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'tekton-definitions').map((w) => w.file)).toEqual(['catalog/notation-sign.yaml']);
  });
});

describe('signing driven from Ant and Maven build files', () => {
  const signLines = async (name: string, file: string) => {
    const r = await scanDirectory(repo(name));
    return [...new Set(r.evidence.filter((e) => e.file === file && e.detector !== 'publishedArtifactsAreSigned').map((e) => e.line))].sort((a, b) => a - b);
  };

  it('mvn -P release package runs the release profile\'s package-bound exec, not its deploy-bound one nor another profile\'s', async () => {
    expect(await signLines('maven-exec-codesign', 'pom.xml')).toEqual([63]);
  });

  it('ant sign-mac and ant sign-windows reach the codesign and signtool execs of their targets', async () => {
    expect(await signLines('ant-codesign-signtool', 'build.xml')).toEqual([30, 47]);
  });

  it.each([
    ['ant -f build/release.xml -Dversion=1.2 sign', { type: 'ant', targets: ['sign'], file: 'build/release.xml' }],
    ['mvn -B -Prelease,mac package', { type: 'maven', goals: ['package'], profiles: ['release', 'mac'] }],
    ['./mvnw -P release -DskipTests verify', { type: 'maven', goals: ['verify'], profiles: ['release'] }],
  ])('%s is a call into the build file', (line, call) => {
    expect(recogniseLine(line).map((r) => r.rec).filter((r) => r.kind === 'call')).toMatchObject([{ kind: 'call', call }]);
  });

  it('xcrun runs the tool it names; notarytool signs nothing of the project\'s', () => {
    expect(recogniseLine('xcrun codesign --sign "$IDENTITY" dist/App.app').map((r) => r.rec)).toMatchObject([{ kind: 'sign', tool: 'codesign' }]);
    expect(recogniseLine('xcrun notarytool submit dist/App.dmg --keychain-profile ci --wait').map((r) => r.rec)).toEqual([]);
  });
});
