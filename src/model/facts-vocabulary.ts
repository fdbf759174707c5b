/**
 * The names of the detector facts (DESIGN section 4) a bank's prefill rules may test. Kept beside
 * the model rather than imported from detect/ so that loading a bank never loads the detectors.
 */
import type { Facts } from '../detect/types.js';

const names: Record<keyof Facts, true> = {
  ci: true, signs: true, tools: true, keyless: true, keyCustody: true, kmsProviders: true,
  artifactsSigned: true, attestations: true, verifies: true, committedPrivateKeys: true,
};
export const FACT_NAMES: ReadonlySet<string> = new Set(Object.keys(names));
