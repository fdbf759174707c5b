/** Every detector, in the order they run (and appear in the report). */
import type { Detector } from './helpers.js';
import { ciIsConfigured } from './ci.js';
import { blobsAreSigned, blobsAreSignedKeylessly, imagesAreSigned, imagesAreSignedKeylessly, packagesAreSigned, packagesAreSignedKeylessly } from './signing.js';
import { customAttestationsAreSigned, packagesHaveProvenance, releasesHaveProvenanceAttestations, sbomsAreAttested, vulnerabilityScansAreAttested } from './attestations.js';
import { signingKeyCustodyIsUnknown, signingKeyIsInCiSecret, signingKeyIsInHsm, signingKeyIsInKms, signingKeyIsInRepository, signingKeyIsInVault } from './custody.js';
import { admissionPolicyVerifiesImages, signaturesAreVerified, verificationIsDocumented } from './verification.js';
import { privateKeysAreCommitted } from './keys.js';
import { signingToolsArePinned } from './pinning.js';

export const DETECTORS: readonly Detector[] = [
  ciIsConfigured,
  imagesAreSigned,
  blobsAreSigned,
  packagesAreSigned,
  imagesAreSignedKeylessly,
  blobsAreSignedKeylessly,
  packagesAreSignedKeylessly,
  packagesHaveProvenance,
  releasesHaveProvenanceAttestations,
  sbomsAreAttested,
  vulnerabilityScansAreAttested,
  customAttestationsAreSigned,
  signingKeyIsInCiSecret,
  signingKeyIsInKms,
  signingKeyIsInVault,
  signingKeyIsInHsm,
  signingKeyIsInRepository,
  signingKeyCustodyIsUnknown,
  signaturesAreVerified,
  admissionPolicyVerifiesImages,
  verificationIsDocumented,
  privateKeysAreCommitted,
  signingToolsArePinned,
];

export type { Detector, SigningProblem } from './helpers.js';

const PROBLEMS = new Map(DETECTORS.filter((d) => d.problem).map((d) => [d.meta.id, d.problem!]));

/** The signing problem a detector's findings (and evidence) locate, if any. */
export function problemOf(detector: string): import('./helpers.js').SigningProblem | undefined {
  return PROBLEMS.get(detector);
}
