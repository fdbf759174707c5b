/**
 * Verification and signing count only for this repository's own deliverables.
 *
 * - `cosign verify cgr.dev/chainguard/static` or `notation verify gcr.io/distroless/static` in a build
 *   workflow checks a base or builder image pulled from elsewhere: the image's repository is none this
 *   repository publishes or signs. It is marked `foreign`: no `verifies`, no tool. Verification of an
 *   image the repository pushes or signs (tag and digest aside; ko's `$KO_DOCKER_REPO` as a prefix), of
 *   an image a variable hides (a deploy repository verifying `$image` from its manifests), and admission
 *   policies still count. When no image of the repository is named plainly, only well-known base-image
 *   publishers (Chainguard, distroless, Docker official images, …) are taken as foreign.
 * - An end-to-end test that signs and verifies a scratch file (the README, a file the job writes with
 *   `echo`/`head -c … /dev/urandom`/`touch`, a file under a test folder or named as test material:
 *   `test-blob.txt`, `dummy.bin`) tests the signing tool, not a deliverable: the operations are marked
 *   `scratch` and `isTestOfSigning` leaves them out, as it does throwaway registries and test keys.
 * - Two more cases are marked `foreign` later, by the verification map (identity/collect-identities.ts),
 *   because only it has read what a verify demands: a verify outside a deploy job whose identity names
 *   only another owner's projects (a builder image's signature), and `npm audit signatures` (the
 *   installed dependencies' registry signatures).
 */
import { imageRepository } from '../coverage.js';
import { isTestKeyName, isTestPath } from '../sources/keys.js';
import type { Op } from '../ops.js';
import type { CollectStep } from './state.js';
import { escapeRegExp } from '../identity/patterns.js';

/** Publishers of base and builder images nobody ships as their own release. */
const BASE_IMAGE_PUBLISHERS = /^(cgr\.dev\/chainguard|gcr\.io\/distroless|docker\.io\/library|public\.ecr\.aws\/docker\/library|registry\.access\.redhat\.com|mcr\.microsoft\.com\/(dotnet|windows|cbl-mariner|azurelinux))\//;

/** Is the operation a verification of an image (not of a blob)? The line names the verb. */
function verifiesImage(op: Op): boolean {
  if (op.rec.kind !== 'verify' || op.rec.subject === undefined) return false;
  if (op.rec.tool === 'notation') return true;
  return op.rec.tool === 'cosign' && !/\bverify-blob/.test(op.at.text);
}

/** The image repositories this repository pushes or signs, as far as they are named plainly. */
function ownImages(ops: readonly Op[]): Array<{ repo: string; prefix: boolean }> {
  const out: Array<{ repo: string; prefix: boolean }> = [];
  for (const op of ops) {
    const r = op.rec;
    const image = (r.kind === 'publish' && r.artifactKind === 'container-image') || (r.kind === 'sign' && r.artifact === 'container-image');
    if (!image || op.throwaway !== undefined || op.testKey !== undefined) continue;
    const repo = imageRepository(op.image ?? r.subject);
    if (repo) out.push({ repo, prefix: r.tool === 'ko' });
  }
  return out;
}

export function isForeignImage(image: string | undefined, own: ReadonlyArray<{ repo: string; prefix: boolean }>): boolean {
  const repo = imageRepository(image);
  if (!repo) return false;
  if (own.some((o) => o.repo === repo || (o.prefix && repo.startsWith(`${o.repo}/`)))) return false;
  return own.length > 0 || BASE_IMAGE_PUBLISHERS.test(repo);
}

const DOC_FILE = /^(readme|license|licence|copying|changelog|contributing|notice|authors|code_of_conduct|security)(\.[a-z]+)?$/i;
const SCRATCH_WORD = /^(scratch|random|rand|tmp|temp|hello|foo|bar|blob|myblob|testblob|testfile|payload)$/;

/** The lines around an operation: its script or run block, and the earlier steps of its job. */
function linesAround(op: Op): string[] {
  const lines = (op.siblings?.lines ?? []).map((l) => l.text);
  for (const step of op.job?.steps ?? []) for (const l of step.run) lines.push(l.text);
  return lines;
}

/** A file the job makes from nothing: `echo … > f`, `head -c 64 /dev/urandom > f`, `touch f`, `dd of=f`. */
function writtenFromNothing(file: string, lines: readonly string[]): boolean {
  const f = escapeRegExp(file);
  const target = `["']?(?:\\./)?${f}["']?(\\s|$|;|&)`;
  const made = new RegExp(`(^|[\\s;&|(])((echo|printf|date|head|openssl\\s+rand|uuidgen|seq|yes)\\b[^>]*>>?\\s*${target}|touch\\s+(\\S+\\s+)*${target}|dd\\s[^#]*\\bof=${target}|openssl\\s+rand\\s[^#]*-out\\s+${target})`);
  return lines.some((l) => made.test(l));
}

/** A scratch file: documentation, test material, or a file the job writes from nothing. */
export function isScratchFile(subject: string, lines: readonly string[]): boolean {
  const path = subject.replace(/^["']|["']$/g, '').replace(/^\.\//, '');
  if (!path || /[$({}*]/.test(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (DOC_FILE.test(base) || isTestPath(path) || isTestKeyName(path)) return true;
  const parts = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return parts.some((p) => SCRATCH_WORD.test(p)) || writtenFromNothing(path, lines);
}

/** Blob signing or verification (not of an image, not a package): the kind a scratch file gets. */
function blobSubject(op: Op): string | undefined {
  const r = op.rec;
  if (r.kind === 'sign' && (r.artifact === 'blob' || r.artifact === 'checksums')) return r.subject;
  if (r.kind === 'verify' && !verifiesImage(op)) return r.subject;
  return undefined;
}

export const ownDeliverables: CollectStep = {
  kind: 'enricher',
  name: 'own-deliverables',
  run({ ops }) {
    const own = ownImages(ops);
    for (const op of ops) {
      const image = op.rec.kind === 'verify' ? op.image ?? op.rec.subject : undefined;
      if (verifiesImage(op) && op.throwaway === undefined && isForeignImage(image, own)) {
        op.foreign = imageRepository(image);
        continue;
      }
      const subject = blobSubject(op);
      if (subject !== undefined && isScratchFile(subject, linesAround(op))) op.scratch = subject;
    }
    // a verification naming no file (`sigstore verify identity`, an action) in a job that signs only
    // scratch files verifies them
    for (const op of ops) {
      if (op.rec.kind !== 'verify' || op.rec.subject !== undefined || op.job === undefined) continue;
      const signs = ops.filter((o) => o.rec.kind === 'sign' && o.job === op.job);
      const scratch = signs.find((o) => o.scratch !== undefined);
      if (scratch && signs.every((o) => o.scratch !== undefined)) op.scratch = scratch.scratch;
    }
  },
};
