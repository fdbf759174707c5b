/**
 * Verification across repositories: a deploy repository's admission policy or verify step is meant
 * for images other repositories sign. Each repository's verifiers (from its scan JSON) are matched
 * against the keyless signers of every repository in the portfolio, with the same rules as a single
 * scan (src/detect/identity/match.ts); a verifier that matched nothing in its own repository may
 * match a release repository here, and one that matches nothing anywhere is inert across the whole
 * portfolio.
 */
import { matchVerification } from '../detect/identity/match.js';
import type { VerifierStatus } from '../detect/identity/model.js';
import { signerFromJson, verifierFromJson, type VerificationJson } from '../detect/identity/report.js';

export interface CrossVerdict {
  /** The repository whose file holds the verifier, and the verifier's id in its scan. */
  repository: string;
  verifier: string;
  kind: string;
  name: string;
  status: VerifierStatus;
  /** `repository:S1` of each signer it accepts. */
  accepts: string[];
  alsoAccepts?: string;
  condition?: string;
}

export interface CrossVerification {
  verifiers: CrossVerdict[];
  /** Keyless signers no verifier of any repository here accepts (in any mode). */
  unverifiedSigners: Array<{ repository: string; signer: string; subject: string }>;
}

/**
 * A repository's `verification` from its JSON (untrusted input: a shard's file, an old result), or
 * undefined when it is missing or malformed: each pattern must compile, each list be a list.
 */
export function verificationOf(value: unknown): VerificationJson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<VerificationJson>;
  if (!Array.isArray(v.signers) || !Array.isArray(v.verifiers)) return undefined;
  const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');
  const compiles = (p: unknown): boolean => {
    if (typeof p !== 'string' || p.length > 4096) return false;
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  };
  const signersOk = v.signers.every((s) => typeof s === 'object' && s !== null && typeof s.id === 'string' && typeof s.subject === 'string' && compiles(s.pattern) && compiles(s.refPattern) && strings(s.samples) && strings(s.refSamples) && strings(s.unknown));
  const verifiersOk = v.verifiers.every((x) => typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.status === 'string' && Array.isArray(x.identities) && strings(x.accepts));
  return signersOk && verifiersOk ? (v as VerificationJson) : undefined;
}

export function crossVerify(repos: ReadonlyArray<{ name: string; verification?: VerificationJson }>): CrossVerification {
  const signers = repos.flatMap((r) => (r.verification?.signers ?? []).map((s) => signerFromJson(s, r.name)));
  const out: CrossVerdict[] = [];
  for (const r of repos) {
    const verifiers = r.verification?.verifiers ?? [];
    if (verifiers.length === 0) continue;
    const result = matchVerification({ signers: [], verifiers: verifiers.map(verifierFromJson), repo: r.verification?.repository, elsewhere: signers });
    result.verifiers.forEach((m, i) => {
      const v = verifiers[i]!;
      // a verdict that needs the repository's own holes filled (no remote) stays as its scan said
      const status = v.status === 'undetermined' || v.status === 'key-based' ? v.status : m.status;
      out.push({
        repository: r.name, verifier: v.id, kind: v.kind, name: v.name, status,
        accepts: m.accepts.map((j) => `${signers[j]!.repository}:${signers[j]!.id}`),
        ...(m.alsoAccepts ? { alsoAccepts: m.alsoAccepts } : {}),
        ...(v.condition && status === 'undetermined' ? { condition: v.condition } : {}),
      });
    });
  }
  const accepted = new Set(out.flatMap((v) => v.accepts));
  const unverifiedSigners = signers.filter((s) => !accepted.has(`${s.repository}:${s.id}`)).map((s) => ({ repository: s.repository!, signer: s.id!, subject: s.subject }));
  return { verifiers: out, unverifiedSigners };
}
