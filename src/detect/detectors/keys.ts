/** Private keys committed outside test fixtures: path and kind only, never the content. */
import type { Detector, Observation } from './helpers.js';
import { toFindings } from './helpers.js';

export const privateKeysAreCommitted: Detector = {
  problem: 'committed-private-key',
  meta: {
    id: 'privateKeysAreCommitted',
    looksFor: 'Private-key blocks (PEM, OpenSSH, PGP, cosign/Sigstore, PuTTY) in key-like files outside test fixtures.',
    why: 'A committed private key is readable by everyone with repository access and lives on in git history.',
  },
  run(ctx) {
    const obs: Observation[] = ctx.raw.keys
      .filter((k) => !k.test)
      .map((k) => ({
        sites: [{ file: k.path, line: k.line, text: `${k.kind} private key` }],
        facts: [['committedPrivateKeys', k.path], ['keyCustody', 'file-in-repo']],
        confidence: 'high',
      }));
    return toFindings(ctx, this.meta.id, obs);
  },
};
