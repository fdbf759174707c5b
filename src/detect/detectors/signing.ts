/** Which deliverables are signed, and which of them keylessly: one detector per artifact family. */
import type { ArtifactKind } from '../types.js';
import type { Detector, FactValue, SignOp } from './helpers.js';
import { signingDetector } from './helpers.js';
import { VOCABULARY } from '../tools/index.js';


/** Tools of the vocabulary only: a signer outside it (Tekton Chains in the cluster) names no tool. */
function toolsOf(op: SignOp): FactValue[] {
  return [op.rec.tool, ...(op.extraTools ?? [])].filter((t) => VOCABULARY.has(t)).map((t) => ['tools', t] as const);
}

function signedBy(id: string, kinds: ArtifactKind[], what: string, why: string): Detector {
  return signingDetector(
    { id, looksFor: `Signing (signatures or signed attestations) of ${what} in CI steps, scripts they call, and release/build configuration.`, why },
    (rec) => kinds.includes(rec.artifact),
    (op) => ({ facts: [['signs', true], ...toolsOf(op), ['artifactsSigned', op.rec.artifact]] }),
  );
}

function keylessBy(id: string, kinds: ArtifactKind[], what: string): Detector {
  return signingDetector(
    { id, looksFor: `Signing of ${what} without a long-lived key (Sigstore keyless/OIDC: cosign without --key, npm provenance, PyPI attestations, GitHub attestations), with the job's OIDC grant.`, why: 'Keyless signing removes long-lived keys that can leak; REL-001 names it typical of level 3.' },
    (rec) => rec.keyless && kinds.includes(rec.artifact),
    (op, ctx) => ({
      facts: [['keyless', true], ['keyCustody', 'keyless']],
      extraSites: op.idToken ? [{ ...op.idToken, text: ctx.raw.lineText(op.idToken.file, op.idToken.line) }] : [],
    }),
  );
}

export const imagesAreSigned = signedBy('imagesAreSigned', ['container-image'], 'container images (cosign sign/attest, notation, Docker Content Trust, goreleaser docker_signs)', 'A signed image lets a cluster refuse images that were not built by you.');
export const blobsAreSigned = signedBy('blobsAreSigned', ['blob', 'checksums'], 'release files and checksum files (cosign sign-blob, gpg, minisign, signify, goreleaser signs, code signing)', 'Users of downloaded binaries can only check them if the files or their checksums are signed.');
export const packagesAreSigned = signedBy('packagesAreSigned', ['package'], 'packages (npm provenance, PyPI attestations, maven-gpg, Gradle signing, jarsigner, apksigner, rpmsign)', 'Registries and package managers can verify signed packages and provenance on install.');

export const imagesAreSignedKeylessly = keylessBy('imagesAreSignedKeylessly', ['container-image'], 'container images');
export const blobsAreSignedKeylessly = keylessBy('blobsAreSignedKeylessly', ['blob', 'checksums'], 'release files and checksums');
export const packagesAreSignedKeylessly = keylessBy('packagesAreSignedKeylessly', ['package'], 'packages');
