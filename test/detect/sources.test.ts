/**
 * Non-CI sources and judging, against in-memory repositories: goreleaser, package manifests,
 * build files, verification policies, committed and test keys; facts folding and evidence ids.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanRepository } from '../../src/detect/scan.js';
import type { Facts, ScanResult } from '../../src/detect/types.js';

const scan = (files: Record<string, string>): ScanResult => scanRepository(createMemoryReader(files));
const lines = (...l: string[]): string => l.join('\n') + '\n';
const GHA = (run: string, extra = ''): string => lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    steps:', `      - run: ${run}`) + extra;

const RSA = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu', '-----END RSA PRIVATE KEY-----'].join('\n');
const OPENSSH = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', '-----END OPENSSH PRIVATE KEY-----'].join('\n');

interface Case {
  name: string;
  files: Record<string, string>;
  facts: Partial<Facts>;
  evidence?: Array<[keyof Facts, string]>;
  published?: [number, number];
  testKeys?: number;
  limits?: number;
}

const cases: Case[] = [
  {
    name: 'goreleaser: signs default to gpg; docker_signs default to a cosign key file; artifacts: none signs nothing',
    files: {
      '.github/workflows/release.yml': GHA('goreleaser release --clean'),
      '.goreleaser.yml': lines('signs:', '  - artifacts: checksum', '  - id: none', '    artifacts: none', 'dockers:', '  - image_templates: [x]', 'docker_signs:', '  - artifacts: all'),
    },
    facts: { signs: true, tools: ['goreleaser', 'gpg', 'cosign'], artifactsSigned: ['checksums', 'container-image'] },
    evidence: [['artifactsSigned', '.goreleaser.yml:2'], ['artifactsSigned', '.goreleaser.yml:8']],
    published: [2, 2],
  },
  {
    name: 'goreleaser: (v1) dockers images are not signed by docker_signs artifacts: manifests when there is no docker_manifests',
    files: {
      '.github/workflows/release.yml': GHA('goreleaser release --clean'),
      '.goreleaser.yml': lines('signs:', '  - artifacts: checksum', 'dockers:', '  - image_templates: [ghcr.io/a/b]', 'docker_signs:', '  - artifacts: manifests'),
    },
    facts: { signs: true, tools: ['goreleaser', 'gpg'], artifactsSigned: ['checksums'] },
    published: [2, 1],
  },
  {
    name: 'goreleaser: docker_signs with no artifacts does not sign (v1) dockers images',
    files: {
      '.github/workflows/release.yml': GHA('goreleaser release --clean'),
      '.goreleaser.yml': lines('dockers:', '  - image_templates: [ghcr.io/a/b]', 'docker_signs:', '  - args: [sign, --yes, "${artifact}"]'),
    },
    facts: { signs: false },
    published: [2, 0],
    limits: 1,
  },
  {
    name: 'goreleaser: SBOMs signed by a signs entry (artifacts: sbom) are an SBOM attestation; unsigned sboms are not',
    files: {
      '.github/workflows/release.yml': GHA('goreleaser release --clean'),
      '.goreleaser.yml': lines('sboms:', '  - artifacts: archive', 'signs:', '  - artifacts: sbom', '    cmd: cosign', '    args: [sign-blob, --yes, "--bundle=${signature}", "${artifact}"]'),
    },
    facts: { signs: true, attestations: ['sbom'], artifactsSigned: ['blob'] },
    evidence: [['attestations', '.goreleaser.yml:6']],
  },
  {
    name: 'goreleaser: sboms next to signed checksums are generated files, not an attestation',
    files: {
      '.github/workflows/release.yml': GHA('goreleaser release --clean'),
      '.goreleaser.yml': lines('sboms:', '  - artifacts: archive', 'signs:', '  - artifacts: checksum'),
    },
    facts: { signs: true, attestations: [], artifactsSigned: ['checksums'] },
  },
  {
    name: 'goreleaser: no signs while releasing is unsigned and a limit',
    files: { '.github/workflows/release.yml': GHA('goreleaser release'), '.goreleaser.yaml': lines('builds:', '  - main: .') },
    facts: { signs: false },
    published: [1, 0],
    limits: 1,
  },
  {
    name: 'npm: publishConfig.provenance signs a plain npm publish',
    files: { '.github/workflows/p.yml': GHA('npm publish'), 'package.json': JSON.stringify({ name: 'x', publishConfig: { provenance: true } }, null, 2) },
    facts: { signs: true, tools: ['npm-provenance'], keyless: true, attestations: ['provenance'] },
    evidence: [['tools', 'package.json:4']],
    published: [1, 1],
  },
  {
    name: 'npm: NPM_CONFIG_PROVENANCE in the workflow env',
    files: { '.github/workflows/p.yml': lines('on: push', 'env:', '  NPM_CONFIG_PROVENANCE: true', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - run: npm publish') },
    facts: { signs: true, tools: ['npm-provenance'], keyless: true },
    evidence: [['tools', '.github/workflows/p.yml:3']],
    published: [1, 1],
  },
  {
    name: 'Docker Content Trust exported in a script signs the push',
    files: { '.github/workflows/p.yml': GHA('./release.sh'), 'release.sh': lines('export DOCKER_CONTENT_TRUST=1', 'docker push img:1') },
    facts: { signs: true, tools: ['docker-content-trust'], artifactsSigned: ['container-image'], keyCustody: ['unknown'] },
    evidence: [['tools', 'release.sh:1'], ['tools', 'release.sh:2']],
    published: [1, 1],
  },
  {
    name: 'Maven: maven-gpg-plugin with a key imported by setup-java; -Dgpg.skip publishes unsigned',
    files: {
      '.github/workflows/r.yml': lines('on: push', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - uses: actions/setup-java@v4', '        with:', '          gpg-private-key: ${{ secrets.GPG }}', '      - run: mvn deploy', '      - run: mvn deploy -Dgpg.skip'),
      'pom.xml': lines('<project>', '<build><plugins><plugin>', '  <artifactId>maven-gpg-plugin</artifactId>', '  <executions><execution><goals><goal>sign</goal></goals></execution></executions>', '</plugin></plugins></build>', '</project>'),
    },
    facts: { signs: true, tools: ['maven-gpg'], keyCustody: ['ci-secret'], artifactsSigned: ['package'] },
    evidence: [['tools', 'pom.xml:3'], ['keyCustody', '.github/workflows/r.yml:8']],
    published: [2, 1],
  },
  {
    name: 'Gradle: signing plugin with in-memory keys',
    files: { 'build.gradle': lines('plugins { id "signing" }', 'signing {', '  useInMemoryPgpKeys(findProperty("k"), findProperty("p"))', '  sign publishing.publications', '}') },
    facts: { signs: true, tools: ['gradle-signing'], keyCustody: ['ci-secret'] },
    evidence: [['keyCustody', 'build.gradle:3']],
    // signing is configured but nothing here publishes the artifacts: where it runs is a limit
    limits: 1,
  },
  {
    name: 'Kyverno verifyImages, Ratify and Connaisseur are verification',
    files: {
      'policy/kyverno.yaml': lines('apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'metadata:', '  name: v', 'spec:', '  rules:', '    - name: r', '      verifyImages:', '        - imageReferences: ["*"]'),
      'policy/ratify.yaml': lines('apiVersion: config.ratify.deislabs.io/v1beta1', 'kind: Verifier', 'metadata:', '  name: notation'),
      'deploy/connaisseur/values.yaml': lines('application:', '  validators:', '    - name: cosign', '  policy:', '    - pattern: "*:*"'),
      'policy/other.yaml': lines('apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'spec:', '  rules:', '    - validate: {}'),
    },
    facts: { verifies: true, signs: false },
    evidence: [['verifies', 'policy/kyverno.yaml:8'], ['verifies', 'policy/ratify.yaml:2'], ['verifies', 'deploy/connaisseur/values.yaml:2']],
  },
  {
    name: 'keys: committed keys are reported by path and kind; test fixtures apart',
    files: {
      'deploy/release.pem': RSA,
      'keys/id_ed25519': OPENSSH,
      'test/fixtures/signing.key': RSA,
      'examples/demo.key': RSA,
      'docs/keys.md': RSA,
      'cosign.pub': '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n',
    },
    facts: { committedPrivateKeys: [{ path: 'deploy/release.pem', kind: 'pem-rsa' }, { path: 'keys/id_ed25519', kind: 'openssh' }], keyCustody: ['file-in-repo'] },
    evidence: [['committedPrivateKeys', 'deploy/release.pem:1']],
    testKeys: 2,
  },
  {
    name: 'a Dockerfile gpg --verify of a downloaded tool is not verification, nor signing',
    files: { Dockerfile: lines('FROM debian', 'RUN gpg --verify tool.tar.gz.asc tool.tar.gz && cosign sign x') },
    facts: { verifies: false, signs: false },
  },
];

describe('non-CI sources', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = scan(c.files);
    for (const [key, value] of Object.entries(c.facts)) {
      const got = r.facts[key as keyof Facts];
      const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v);
      expect(norm(got), key).toEqual(norm(value));
    }
    for (const [fact, at] of c.evidence ?? []) {
      const ids = new Set(r.findings.filter((f) => f.fact === fact).flatMap((f) => f.evidence));
      expect(r.evidence.filter((e) => ids.has(e.id)).map((e) => `${e.file}:${e.line}`), `${fact} at ${at}`).toContain(at);
    }
    if (c.published) expect([r.published.length, r.published.filter((p) => p.signed).length], 'published').toEqual(c.published);
    expect(r.testKeys.length, 'testKeys').toBe(c.testKeys ?? 0);
    expect(r.warnings.filter((w) => w.kind === 'limit').length, 'limits').toBe(c.limits ?? 0);
  });

  it('key content never appears in the result', () => {
    const r = scan({ 'deploy/release.pem': RSA, '.github/workflows/r.yml': GHA('cosign sign --key deploy/release.pem img') });
    const text = JSON.stringify(r);
    expect(text).not.toContain('MIIBOgIBAAJBAKj34');
    expect(r.facts.keyCustody).toEqual(['file-in-repo']);
  });
});

describe('judging', () => {
  const files = {
    '.github/workflows/release.yml': lines('on: push', 'permissions:', '  id-token: write', 'jobs:', '  r:', '    runs-on: x', '    steps:', '      - uses: sigstore/cosign-installer@v3', '      - run: docker push img', '      - run: cosign sign --yes img', '      - run: npm publish'),
  };

  it('evidence ids are E1..En in file/line order and stable', () => {
    const a = scan(files);
    const b = scan(files);
    expect(a.evidence.map((e) => e.id)).toEqual(a.evidence.map((_, i) => `E${i + 1}`));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const order = a.evidence.map((e) => [e.file, e.line] as const);
    expect([...order].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]))).toEqual(order);
    for (const f of a.findings) for (const id of f.evidence) expect(a.evidence.some((e) => e.id === id)).toBe(true);
  });

  it('coverage names what is unsigned; pinning is advisory and sets no fact', () => {
    const r = scan(files);
    expect(r.published.map((p) => [p.artifact, p.line, p.signed])).toEqual([['container image', 9, true], ['npm package', 11, false]]);
    expect(r.findings.some((f) => f.detector === 'signingToolsArePinned')).toBe(true);
    expect(r.facts.tools).toEqual(['cosign']);
    expect(r.facts.keyless).toBe(true);
  });

  it('every detector has metadata and a unique camelCase id', () => {
    const r = scan({});
    const ids = r.detectors.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of r.detectors) {
      expect(d.id).toMatch(/^[a-z][a-zA-Z]+$/);
      expect(d.looksFor.length).toBeGreaterThan(10);
      expect(d.why.length).toBeGreaterThan(10);
    }
  });

  it('an empty repository has empty facts', () => {
    const r = scan({});
    expect(r.facts).toEqual({ ci: [], signs: false, tools: [], keyless: false, keyCustody: [], kmsProviders: [], artifactsSigned: [], attestations: [], verifies: false, committedPrivateKeys: [], verificationDocumented: false });
  });
});
