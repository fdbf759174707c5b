/**
 * GitHub artifact attestations: actions/attest (v2+ absorbed attest-build-provenance and attest-sbom),
 * keyless through the job's OIDC token; `gh attestation verify` checks them.
 */
import type { ArtifactKind } from '../types.js';
import { attestationOfType, CHECKSUM_INPUT, type Inputs, type Recognised, type ToolDescriptor } from './kit.js';

/** With neither a predicate nor an SBOM actions/attest generates SLSA build provenance (goreleaser, trivy). */
function attestKind(i: Inputs): ReturnType<typeof attestationOfType> {
  if (i['predicate-type']) return attestationOfType(i['predicate-type']);
  if (i['sbom-path']) return 'sbom';
  return i['predicate'] || i['predicate-path'] ? 'custom' : 'provenance';
}

function attestedArtifact(i: Inputs): 'container-image' | 'checksums' | 'blob' {
  if (i['subject-name']) return 'container-image';
  return i['subject-checksums'] || CHECKSUM_INPUT.test(i['subject-path'] ?? '') ? 'checksums' : 'blob';
}

const attest = (artifact: ArtifactKind, attestation: ReturnType<typeof attestationOfType>, subject: string | undefined): Recognised =>
  ({ kind: 'sign', tool: 'attest-build-provenance', artifact, keyless: true, attestation, subject });

export const attestBuildProvenance: ToolDescriptor<'attest-build-provenance', 'vocabulary'> = {
  id: 'attest-build-provenance',
  fact: 'vocabulary',
  actions: [
    { prefix: 'actions/attest-build-provenance', run: (i) => [attest(i['subject-name'] ? 'container-image' : CHECKSUM_INPUT.test(i['subject-path'] ?? '') ? 'checksums' : 'blob', 'provenance', i['subject-name'] ?? i['subject-path'])] },
    { prefix: 'actions/attest-sbom', run: (i) => [attest(i['subject-name'] ? 'container-image' : 'blob', 'sbom', i['subject-name'] ?? i['subject-path'])] },
    { prefix: 'actions/attest', run: (i) => [attest(attestedArtifact(i), attestKind(i), i['subject-name'] ?? i['subject-path'] ?? i['subject-checksums'])] },
  ],
  pinPrefixes: ['actions/attest'],
};
