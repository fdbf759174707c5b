/**
 * Coverage: every publishing step is matched against signing of the same artifact kind in the same
 * pipeline, so a report can say "3 of 4 published artifacts are signed; unsigned: npm package
 * (publish.yml:31)". Which tool's signature counts for which published artifact is the tools' own
 * knowledge (`covers` in each descriptor, tools/kit.ts): npm provenance for an npm package, maven-gpg
 * or Gradle signing (else gpg, jarsigner) for Maven artifacts, goreleaser `signs` for its release.
 * The rules here are the artifacts': a signature at the publishing line first, then one in the same
 * pipeline (same job first), then a truthy environment variable or exported setting, then a build
 * file's configuration no pipeline runs; a Helm chart or OCI artifact must itself be signed (same job
 * or its pushed reference); a container image matches image signing of the same repository; release
 * files match blob, checksum or package signing; Rust crates cannot be signed on crates.io.
 * Not counted (each with a limit): developer tooling no pipeline runs, and uploads of files a job
 * downloads rather than builds. Signing configured in a build file that nothing publishes is a limit.
 */
import type { ArtifactKind, DetectorMeta, PublishStep, ScanWarning, SigningTool } from './types.js';
import { limitWarning } from '../i18n/limit-messages.js';
import type { Op } from './ops.js';
import type { DetectorContext, SignOp } from './detectors/helpers.js';
import { signOps } from './detectors/helpers.js';
import { COVERS, PACKAGE_PROVENANCE, type Coverer } from './tools/index.js';

export const publishedArtifactsAreSigned: DetectorMeta = {
  id: 'publishedArtifactsAreSigned',
  looksFor: 'Publishing steps (docker push, build-push-action push: true, npm publish, twine upload, goreleaser release, gh release upload, mvn deploy, helm push, …) and signing of the same artifact in the same pipeline.',
  why: 'REL-001 level 3 requires that nothing ships unsigned: every published artifact needs a signature.',
};

type PublishOp = Op & { rec: Extract<Op['rec'], { kind: 'publish' }> };

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true)$/i.test(v.trim());

/**
 * The repository an image reference names (`ghcr.io/o/app:v1`, `ghcr.io/o/app@sha256:…` →
 * `ghcr.io/o/app`; Docker Hub names in full), or undefined when a variable or expression hides it.
 */
export function imageRepository(ref: string | undefined): string | undefined {
  const first = ref?.trim().split(/[\s,]+/)[0]?.replace(/^["']|["']$/g, '').replace(/^(docker|oci):\/\//, '');
  if (!first) return undefined;
  const noDigest = first.replace(/@sha256:.*$/, '').replace(/@\$.*$/, '');
  const slash = noDigest.lastIndexOf('/');
  const repo = noDigest.slice(0, slash + 1) + noDigest.slice(slash + 1).replace(/:.*$/, '');
  if (!repo || /[$({}]/.test(repo)) return undefined;
  const parts = repo.toLowerCase().split('/');
  if (parts.length === 1) return `docker.io/library/${parts[0]}`;
  return /[.:]|^localhost$/.test(parts[0]!) ? parts.join('/') : `docker.io/${parts.join('/')}`;
}

/**
 * Does the signature concern the pushed image? When both name their image plainly they must name the
 * same repository (a release pushing api and worker but signing only api leaves worker unsigned);
 * when either hides it (`${{ steps.build.outputs.digest }}`, `$(cat imagerefs)`), the kind decides.
 */
function sameImage(pub: PublishOp, sign: SignOp): boolean {
  const a = imageRepository(pub.image ?? pub.rec.subject);
  const b = imageRepository(sign.image ?? sign.rec.subject);
  // ko pushes under $KO_DOCKER_REPO, adding the import path unless --bare: a prefix is enough
  return a === undefined || b === undefined || a === b || (pub.rec.tool === 'ko' && b.startsWith(`${a}/`));
}

/** Is the signature one of these tools' (its own record, or a configuration it reads: goreleaser's `signs`)? */
function signedBy(tools: readonly Coverer[]): (s: SignOp) => boolean {
  return (s) => tools.some((t) => (s.rec.tool === t.tool || (s.extraTools?.includes(t.tool as SigningTool) ?? false)) && (!t.kinds || t.kinds.includes(s.rec.artifact)));
}

/**
 * A signature whose subjects are another job's outputs (the SLSA generator's `needs.build.outputs.hashes`)
 * covers what that job publishes, or what a job that needs it publishes after downloading its
 * artifacts (`actions/download-artifact`: the release job of the generator's documented layout), not
 * a neighbouring upload of files the hashing job never saw (an installer another job builds). Jobs of
 * a local reusable workflow are `caller/job`: the named job is looked up beside the signing one.
 */
function ofSubjectJob(s: SignOp, pub: PublishOp): boolean {
  const named = s.rec.subjectJob;
  if (named === undefined || s.job === undefined) return true;
  const scope = s.job.id.includes('/') ? s.job.id.slice(0, s.job.id.lastIndexOf('/') + 1) : '';
  const job = pub.job;
  if (!job) return false;
  return job.id === scope + named
    || ((job.needs ?? []).includes(named) && job.steps.some((st) => /^actions\/download-artifact@/i.test(st.uses ?? '')));
}

/** Charts and OCI artifacts: the pushed thing itself must be signed (same job or its reference), not any image. */
const SIGNED_ITSELF = new Set(['Helm chart', 'OCI artifact']);

function signerFor(pub: PublishOp, signs: SignOp[], all: Op[]): SignOp | Op | undefined {
  const r = pub.rec;
  if (r.unsignedReason || r.artifact === 'Rust crate') return undefined; // crates.io cannot carry a signature
  const coverers = COVERS.get(r.artifact) ?? COVERS.get(r.artifactKind) ?? [];
  // the signer cited is the nearest: same job first (the attestation beside the upload, not a
  // signing script of another job), then the rest of the pipeline; a tool signing what any pipeline
  // of its CI system publishes (Tekton Chains) is in every one of them
  const near = (s: SignOp): number => (s.job !== undefined && s.job === pub.job ? 0 : 1);
  const bySystem = (s: SignOp): boolean => pub.system !== undefined && coverers.some((c) => c.tool === s.rec.tool && c.system === pub.system);
  const same = signs.filter((s) => s.pipeline === pub.pipeline || bySystem(s)).sort((a, b) => near(a) - near(b));
  const sameJob = (s: SignOp): boolean => s.pipeline === pub.pipeline && s.job !== undefined && s.job === pub.job;
  const atSite = (s: SignOp): boolean => s.at.file === pub.at.file && s.at.line === pub.at.line;
  // an environment variable on the publishing step (NPM_CONFIG_PROVENANCE=true) or a setting exported in its pipeline
  const byEnvOrSetting = (): Op | undefined => (coverers.some((c) => c.env?.some((v) => truthy(pub.env[v]?.value))) ? pub : undefined)
    ?? all.find((o) => o.pipeline === pub.pipeline && coverers.some((c) => o.rec.kind === 'setting' && c.tool === o.rec.name));
  if (COVERS.has(r.artifact)) {
    const primary = coverers.filter((c) => !c.fallback);
    if (SIGNED_ITSELF.has(r.artifact)) {
      const dest = (r.subject ?? '').replace(/^oci:\/\//, '');
      return same.find((s) => signedBy(primary)(s) && (sameJob(s) || (dest !== '' && (s.rec.subject ?? '').includes(dest))));
    }
    return same.find((s) => signedBy(coverers)(s) && atSite(s))
      ?? same.find(signedBy(primary))
      ?? same.find(signedBy(coverers.filter((c) => c.fallback)))
      ?? byEnvOrSetting()
      // a build file's signing configuration that no pipeline runs here (it signs wherever the publish runs)
      ?? signs.find((s) => s.pipeline === undefined && signedBy(primary.filter((c) => c.configured))(s));
  }
  switch (r.artifactKind) {
    case 'container-image':
      return same.find((s) => s.rec.artifact === 'container-image' && sameImage(pub, s)) ?? byEnvOrSetting();
    case 'blob':
    case 'checksums':
      // release files: signed files, signed checksums, or signed packages (APK, RPM, JAR) uploaded as assets
      return same.find((s) => (s.rec.artifact === 'blob' || s.rec.artifact === 'checksums') && ofSubjectJob(s, pub))
        ?? same.find((s) => s.rec.artifact === 'package' && !PACKAGE_PROVENANCE.has(s.rec.tool) && s.origin !== 'config');
    case 'package':
      return same.find((s) => s.rec.artifact === 'package');
  }
}

/** Run by hand: a script or Makefile target that no pipeline reaches (its own `local:` pipeline). */
function isHandRun(op: Op): boolean {
  return op.system === undefined && (op.pipeline?.startsWith('local:') ?? false);
}

/** A script whose path says it releases: `hack/release/push-node.sh`, `scripts/publish-image.sh`. */
const RELEASE_SCRIPT = /(^|\/)(release|releasing|publish)[^/]*\/|(release|publish)[^/]*\.(sh|bash)$/i;

/**
 * Is hand-run publishing part of the release? When it signs too (the same script or Makefile signs:
 * a release procedure), when no pipeline publishes at all (it is the only release path shown), or
 * when it is a script named as release tooling. Otherwise it is a developer convenience beside the CI
 * release (kubebuilder's `make docker-push` to one's own registry), and counting it would claim
 * unsigned releases the project does not make.
 */
function handRunIsRelease(pub: PublishOp, signs: SignOp[], all: Op[]): boolean {
  return signs.some((s) => s.pipeline === pub.pipeline)
    || !all.some((o) => o.rec.kind === 'publish' && !isHandRun(o))
    || (/\.(sh|bash)$/.test(pub.at.file) && RELEASE_SCRIPT.test(pub.at.file));
}

/**
 * A GitHub job that neither checks out the repository (nor clones it) nor downloads an earlier job's
 * artifacts, but fetches files from the web, uploads what was built elsewhere: jenkinsci/jenkins
 * attaches the war and packages from get.jenkins.io, built and signed by its release repository.
 */
function republishes(pub: PublishOp): boolean {
  const job = pub.job;
  if (pub.system !== 'github-actions' || !job) return false;
  if (job.steps.some((s) => /^actions\/(checkout|download-artifact)@|download-artifact/i.test(s.uses ?? ''))) return false;
  const lines = job.steps.flatMap((s) => s.run.map((l) => l.text));
  return !lines.some((t) => /\bgit\s+clone\b/.test(t)) && lines.some((t) => /(^|[\s;&|(])(wget|curl)\s[^|]*https?:\/\//.test(t));
}

/** Why a publishing step is not counted as this repository's deliverable; each reason is one limit. */
type NotCounted = 'dev-tooling' | 'republished';

function notCounted(pub: PublishOp, signs: SignOp[], all: Op[]): NotCounted | undefined {
  if (isHandRun(pub) && !handRunIsRelease(pub, signs, all)) return 'dev-tooling';
  if (republishes(pub)) return 'republished';
  return undefined;
}

/**
 * Signing configured in a build or release file (pom.xml, build.gradle, .goreleaser.yaml,
 * publishConfig.provenance) that no pipeline or script runs: no step publishes what it signs. The
 * configuration shows a procedure, but where it runs (and with which key) the repository cannot show.
 */
function unpublishedConfiguredSigning(signs: SignOp[], all: Op[]): Array<[string, Op['at'], ArtifactKind]> {
  const out: Array<[string, Op['at'], ArtifactKind]> = [];
  for (const [artifact, coverers] of COVERS) {
    for (const c of coverers) {
      if (!c.configured || artifact !== c.artifacts[0] || out.some(([a]) => a === artifact)) continue;
      const configured = signs.find((s) => s.origin === 'config' && s.pipeline === undefined && signedBy([c])(s));
      if (configured && !all.some((o) => o.rec.kind === 'publish' && o.rec.artifact === artifact)) out.push([artifact, configured.at, c.configured]);
    }
  }
  return out;
}

export function coverage(ctx: DetectorContext): { published: PublishStep[]; warnings: ScanWarning[] } {
  const all = ctx.raw.ops;
  const signs = signOps(ctx.raw);
  const published: PublishStep[] = [];
  const seen = new Map<string, PublishStep>();
  const id = publishedArtifactsAreSigned.id;
  const uncounted = new Map<NotCounted, PublishOp[]>();
  for (const op of all) {
    if (op.rec.kind !== 'publish') continue;
    const pub = op as PublishOp;
    const reason = notCounted(pub, signs, all);
    if (reason) {
      uncounted.set(reason, [...(uncounted.get(reason) ?? []), pub]);
      continue;
    }
    const key = `${pub.at.file}:${pub.at.line}:${pub.rec.artifact}`;
    const signer = signerFor(pub, signs, all);
    const prev = seen.get(key);
    if (prev) {
      if (!prev.signed && signer) {
        prev.signed = true;
        prev.evidence.push(ctx.evidence.add(signer.at, id, 'medium'));
      }
      continue;
    }
    const step: PublishStep = {
      artifact: pub.rec.artifact,
      kind: pub.rec.artifactKind,
      file: pub.at.file,
      line: pub.at.line,
      signed: signer !== undefined,
      evidence: [ctx.evidence.add(pub.at, id, 'high')],
    };
    if (signer && signer !== pub) step.evidence.push(ctx.evidence.add(signer.at, id, 'medium'));
    seen.set(key, step);
    published.push(step);
  }
  const warnings: ScanWarning[] = [];
  if (published.length > 0 && signs.length === 0) {
    const first = published[0]!;
    warnings.push(limitWarning('publishing-without-signing', first.file, {
      count: String(published.length), artifact: first.artifact, artifactKind: first.kind, at: `${first.file}:${first.line}`,
    }));
  }
  for (const [what, site, kind] of unpublishedConfiguredSigning(signs, all)) {
    warnings.push(limitWarning('signing-configured-not-published', site.file, { artifact: what, artifactKind: kind, at: `${site.file}:${site.line}` }));
  }
  for (const [reason, ops] of uncounted) {
    const first = ops[0]!;
    const places = new Set(ops.map((u) => `${u.at.file}:${u.at.line}`));
    warnings.push(limitWarning(reason, first.at.file, {
      count: String(places.size), artifact: first.rec.artifact, artifactKind: first.rec.artifactKind, at: `${first.at.file}:${first.at.line}`,
    }));
  }
  return { published, warnings };
}
