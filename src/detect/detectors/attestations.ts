/** Signed attestations: provenance for packages and releases, SBOMs, vulnerability scans, custom predicates. */
import type { AttestationKind } from '../types.js';
import type { Detector, SignRec } from './helpers.js';
import { signingDetector } from './helpers.js';
import { PACKAGE_PROVENANCE } from '../tools/index.js';

function attested(id: string, kind: AttestationKind, pred: (rec: SignRec) => boolean, looksFor: string, why: string): Detector {
  return signingDetector({ id, looksFor, why }, (rec) => rec.attestation === kind && pred(rec), () => ({ facts: [['attestations', kind]] }));
}

export const packagesHaveProvenance = attested('packagesHaveProvenance', 'provenance', (r) => PACKAGE_PROVENANCE.has(r.tool),
  'npm publish --provenance, publishConfig.provenance, NPM_CONFIG_PROVENANCE, PyPI trusted-publishing attestations.',
  'Registry-verified provenance ties a package to the source commit and workflow that built it.');
export const releasesHaveProvenanceAttestations = attested('releasesHaveProvenanceAttestations', 'provenance', (r) => !PACKAGE_PROVENANCE.has(r.tool),
  'actions/attest-build-provenance, slsa-github-generator, cosign attest --type slsaprovenance, in-toto, witness.',
  'Signed provenance records how and where a release was built (SLSA), beyond who signed it.');
export const sbomsAreAttested = attested('sbomsAreAttested', 'sbom', () => true,
  'cosign attest --type spdx/cyclonedx, actions/attest-sbom.',
  'A signed SBOM attestation binds the component list to the exact artifact digest.');
export const vulnerabilityScansAreAttested = attested('vulnerabilityScansAreAttested', 'vuln-scan', () => true,
  'cosign attest --type vuln.', 'A signed scan result can be required by admission policies.');
export const customAttestationsAreSigned = attested('customAttestationsAreSigned', 'custom', () => true,
  'cosign attest with a custom predicate, actions/attest with another predicate type.', 'Custom attestations carry signed build facts that policies can check.');
