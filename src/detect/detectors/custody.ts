/** Where signing keys live, one detector per custody kind, all judged by `custodyOf`. */
import type { KeyCustody } from '../types.js';
import { custodyOf } from '../custody.js';
import type { Detector, FactValue } from './helpers.js';
import { signingDetector } from './helpers.js';

function custodyDetector(id: string, custody: KeyCustody, looksFor: string, why: string): Detector {
  return signingDetector({ id, looksFor, why }, (rec) => !rec.keyless, (op, ctx) => {
    const c = custodyOf(op, ctx.raw);
    if (c.custody !== custody) return undefined;
    const facts: FactValue[] = [['keyCustody', custody]];
    if (c.provider) facts.push(['kmsProviders', c.provider]);
    // custody told by a heuristic (no key on the command line) or not told at all is less certain
    const confidence = custody === 'unknown' || (!op.rec.key && custody === 'ci-secret') ? 'low' : undefined;
    return { facts, extraSites: c.sites, confidence };
  });
}

export const signingKeyIsInCiSecret: Detector = {
  ...custodyDetector('signingKeyIsInCiSecret', 'ci-secret',
    'Keys passed as env://VAR, CI variables or credentials, key files written from secrets, gpg keys imported from secrets.',
    'A long-lived key in CI secrets can be exfiltrated by any job that can read it; keyless or KMS signing avoids that.'),
  problem: 'long-lived-key-in-ci-secret',
};
export const signingKeyIsInKms = custodyDetector('signingKeyIsInKms', 'kms',
  'awskms://, gcpkms://, azurekms:// keys, notation KMS plugins, AWS Signer, Azure Trusted Signing.',
  'A key that never leaves a managed key service cannot be copied; REL-001 level 2 asks for it.');
export const signingKeyIsInVault = custodyDetector('signingKeyIsInVault', 'vault',
  'hashivault:// keys and Vault-backed notation plugins.', 'Vault transit keys are used in place, with access policies and an audit log.');
export const signingKeyIsInHsm = custodyDetector('signingKeyIsInHsm', 'hsm',
  'pkcs11: key URIs, cosign --sk, PKCS#11 keystores.', 'Hardware keys cannot be exported.');
export const signingKeyIsInRepository = custodyDetector('signingKeyIsInRepository', 'file-in-repo',
  'Signing commands whose --key file is a private key committed to the repository.', 'Anyone with read access to the repository holds the key.');
export const signingKeyCustodyIsUnknown = custodyDetector('signingKeyCustodyIsUnknown', 'unknown',
  'Key-based signing whose key source the repository does not show (a local gpg keyring, a named key).',
  'Custody must then be stated by the team: the scan cannot tell where the key lives.');
