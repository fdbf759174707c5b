/**
 * goreleaser configuration: `signs`, `binary_signs`, `docker_signs` (what is signed, with which
 * command and key), `notarize.macos[].sign` (code signing of macOS binaries), `nfpms[].*.signature`
 * (OpenPGP-signed packages), and whether images are published (`dockers`, `docker_manifests`, `kos`,
 * `dockers_v2`). A `docker_signs` entry signs images only when a section its `artifacts:` covers is
 * configured (no value: only the `dockers_v2` images, goreleaser ≥ 2.12; `images`: `dockers` and
 * `dockers_v2`; `manifests`: `docker_manifests` and `dockers_v2`; `all`), as goreleaser's sign_docker.go filters.
 * `sboms` only generates SBOM files: an attestation only when a `signs` entry signs them.
 */
import type { ParseContext } from '../ci/model.js';
import { keyRefOf, recogniseLine, type Recognised } from '../commands.js';
import type { ArtifactKind } from '../types.js';
import { entries, get, getEntry, items, scalarString, str } from '../ci/yaml-nodes.js';

export const GORELEASER_FILES = ['.goreleaser.yaml', '.goreleaser.yml', 'goreleaser.yaml', 'goreleaser.yml'];

export interface GoreleaserSign {
  rec: Extract<Recognised, { kind: 'sign' }>;
  line: number;        // the args line (where the signing command is), else the entry
  section: string;
}

export interface GoreleaserConfig {
  file: string;
  signs: GoreleaserSign[];
  publishesImages: boolean;
  imagesLine?: number;
  releaseDisabled: boolean;
}

/** Image sections goreleaser publishes, and which of them a `docker_signs` `artifacts:` value signs. */
const IMAGE_SECTIONS = ['dockers', 'docker_manifests', 'kos', 'dockers_v2'] as const;
type ImageSection = (typeof IMAGE_SECTIONS)[number];
/** As goreleaser's sign_docker.go filters artifact types (dockers_v2 builds DockerImageV2). */
const DOCKER_SIGNS_COVER: Record<string, readonly ImageSection[]> = {
  // goreleaser ≥ 2.12: no value (or '') signs the images dockers_v2 builds; before it, 'none'
  '': ['dockers_v2'],
  images: ['dockers', 'dockers_v2', 'kos'],
  manifests: ['docker_manifests', 'dockers_v2', 'kos'],
  all: IMAGE_SECTIONS,
  none: [],
};

function artifactsOf(value: string, section: string, images: ReadonlySet<ImageSection>): ArtifactKind[] {
  const v = value.toLowerCase();
  if (section === 'docker_signs') {
    // an entry signs images only when one of the sections it covers is configured
    const covers = DOCKER_SIGNS_COVER[v] ?? IMAGE_SECTIONS;
    return covers.some((c) => images.has(c)) ? ['container-image'] : [];
  }
  switch (v) {
    case 'none': return [];
    case 'checksum': return ['checksums'];
    case 'all': return ['blob', 'checksums'];
    case 'package': return ['package'];
    default: return ['blob']; // archive, binary, source, sbom, installer, diskimage
  }
}

const DEFAULT_ARGS: Record<string, string> = {
  signs: '--output ${signature} --detach-sig ${artifact}',
  binary_signs: '--output ${signature} --detach-sig ${artifact}',
  docker_signs: 'sign --key=cosign.key ${artifact}@${digest} --yes',
};

export function parseGoreleaser(ctx: ParseContext, path: string): GoreleaserConfig | undefined {
  const y = ctx.readYaml(path);
  if (!y) return undefined;
  const root = y.doc.contents;
  const cfg: GoreleaserConfig = { file: path, signs: [], publishesImages: false, releaseDisabled: false };
  const images = new Set<ImageSection>();
  for (const section of IMAGE_SECTIONS) {
    const e = getEntry(y, root, section);
    if (e && items(y, e.value).length > 0) {
      images.add(section);
      cfg.publishesImages = true;
      cfg.imagesLine ??= e.line;
    }
  }
  // sboms: generated files, uploaded with the release; an SBOM attestation only when a `signs`
  // entry signs them (artifacts: sbom or all)
  const sboms = items(y, get(y, root, 'sboms')).some((e) => !/^(none|false)$/i.test(str(y, e, 'artifacts') ?? ''));
  for (const section of ['signs', 'binary_signs', 'docker_signs']) {
    for (const s of items(y, get(y, root, section))) {
      const artifactsEntry = getEntry(y, s, 'artifacts');
      const artifactsValue = artifactsEntry ? scalarString(y, artifactsEntry.value) ?? 'none' : section === 'binary_signs' ? 'binary' : section === 'docker_signs' ? '' : 'none';
      const artifacts = artifactsOf(artifactsValue, section, images);
      if (artifacts.length === 0) continue;
      const cmd = str(y, s, 'cmd') ?? (section === 'docker_signs' ? 'cosign' : 'gpg');
      const argsEntry = getEntry(y, s, 'args');
      const argList = argsEntry ? items(y, argsEntry.value).map((a) => scalarString(y, a) ?? '') : [];
      const argText = argsEntry ? (argList.length ? argList.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ') : scalarString(y, argsEntry.value) ?? '') : DEFAULT_ARGS[section]!;
      const recognised = recogniseLine(`${cmd} ${argText}`).map((r) => r.rec).find((r) => r.kind === 'sign');
      // cite the line an auditor can read: `args: ["sign-blob", "--key", "gcpkms://…"]` when the
      // arguments are on it, else `cmd: cosign` (a bare `args:` line above a list says nothing)
      const argsLine = argsEntry ? y.text.split(/\r?\n/, argsEntry.line)[argsEntry.line - 1] ?? '' : '';
      const line = argsEntry && /args:\s*[^\s#]/.test(argsLine) ? argsEntry.line : getEntry(y, s, 'cmd')?.line ?? argsEntry?.line ?? y.lineOf(s);
      for (const artifact of artifacts) {
        if (recognised && recognised.kind === 'sign') {
          cfg.signs.push({ rec: { ...recognised, artifact }, line, section });
        }
      }
      if (recognised && section === 'signs' && sboms && /^(sbom|all)$/i.test(artifactsValue)) {
        cfg.signs.push({ rec: { ...recognised, artifact: 'blob', attestation: recognised.attestation ?? 'sbom' }, line, section });
      }
    }
  }
  // notarize.macos[].sign: goreleaser code-signs the macOS binaries itself, with the .p12 the
  // certificate template names (usually {{.Env.MACOS_SIGN_P12}}, a CI secret)
  for (const n of items(y, get(y, get(y, root, 'notarize'), 'macos'))) {
    const sign = get(y, n, 'sign');
    const cert = getEntry(y, sign, 'certificate');
    if (!cert) continue;
    const template = scalarString(y, cert.value) ?? '';
    const env = /\.Env\.(\w+)/.exec(template)?.[1];
    cfg.signs.push({ rec: { kind: 'sign', tool: 'codesign', artifact: 'blob', keyless: false, key: env ? { type: 'variable', name: env } : keyRefOf(template) }, line: cert.line, section: 'notarize' });
  }
  // nfpms[].{rpm,deb,apk}.signature.key_file: nfpm signs the packages with that OpenPGP key file
  for (const n of items(y, get(y, root, 'nfpms'))) {
    for (const format of ['rpm', 'deb', 'apk']) {
      const keyFile = getEntry(y, get(y, get(y, n, format), 'signature'), 'key_file');
      if (!keyFile) continue;
      const env = /\.Env\.(\w+)/.exec(scalarString(y, keyFile.value) ?? '')?.[1];
      cfg.signs.push({ rec: { kind: 'sign', tool: 'gpg', artifact: 'package', keyless: false, key: env ? { type: 'variable', name: env } : keyRefOf(scalarString(y, keyFile.value) ?? '') }, line: keyFile.line, section: 'nfpms' });
    }
  }
  const release = get(y, root, 'release');
  cfg.releaseDisabled = str(y, release, 'disable') === 'true' || entries(y, release).some((e) => e.key === 'skip_upload' && scalarString(y, e.value) === 'true');
  return cfg;
}
