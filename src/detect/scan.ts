/**
 * The scan: collect → judge → facts (OpenSSF Scorecard's raw → probes → evaluation).
 * `scanRepository` is pure given the reader; `scanDirectory` opens a local checkout through the
 * limit-enforcing reader. Nothing from the repository is executed and the network is never used.
 */
import type { CommittedKey, Finding, RepoReader, ScanResult, ScanWarning } from './types.js';
import { collect, isIncidental } from './collect.js';
import { EvidenceSink } from './evidence.js';
import { DETECTORS } from './detectors/index.js';
import { coverage, publishedArtifactsAreSigned } from './coverage.js';
import { foldFacts } from './facts.js';
import { signingToolReferences, toolPins } from './detectors/pinning.js';
import { sanitizeLine } from './sanitize.js';
import { openLocalRepository } from './reader/local-reader.js';
import { matchVerification } from './identity/match.js';
import { remapVerification, verificationJson } from './identity/report.js';
import { repositoryAddress } from './identity/origin.js';
import type { RepositoryAddress } from './identity/identities.js';

function sanitiseWarning(w: ScanWarning): ScanWarning {
  const out: ScanWarning = { kind: w.kind, message: sanitizeLine(w.message) };
  if (w.file !== undefined) out.file = sanitizeLine(w.file);
  if (w.code !== undefined) out.code = w.code;
  if (w.vars !== undefined) out.vars = Object.fromEntries(Object.entries(w.vars).map(([k, v]) => [k, sanitizeLine(v)]));
  return out;
}

export interface ScanOptions {
  /** Where the repository lives (`--repo-url`); else the reader's `origin` remote. Completes signer identities. */
  repository?: RepositoryAddress;
}

export function scanRepository(reader: RepoReader, options: ScanOptions = {}): ScanResult {
  const repository = options.repository ?? repositoryAddress(reader.origin);
  const raw = collect(reader, repository);
  const evidence = new EvidenceSink();
  const ctx = { raw, evidence };
  const factFindings: Finding[] = [];
  const advisory: Finding[] = [];
  for (const d of DETECTORS) (d.advisory ? advisory : factFindings).push(...d.run(ctx));
  const cov = coverage(ctx);
  const pins = toolPins(ctx);
  const matched = matchVerification({ signers: raw.signers, verifiers: raw.verifiers, repo: repository });
  const verification = verificationJson(matched, repository, evidence);
  const done = evidence.finish();
  const remap = (ids: string[]): string[] => ids.map(done.map);
  const findings = [...factFindings, ...advisory].map((f) => ({ ...f, evidence: remap(f.evidence) }));
  const published = cov.published.map((p) => ({ ...p, evidence: remap(p.evidence) }));
  const pinned = pins.map((p) => ({ ...p, evidence: remap(p.evidence) }));
  const committed: CommittedKey[] = raw.keys.filter((k) => !k.test).map((k) => ({ path: k.path, kind: k.kind }));
  const testKeys: CommittedKey[] = raw.keys.filter((k) => k.test).map((k) => ({ path: k.path, kind: k.kind }));
  // only warnings about files the scan needs: not a binary keyring under testdata/, not a broken link
  // among packaging files; a link leaving the root always
  const readerWarnings = reader.warnings().filter((w) => w.file === undefined || w.kind === 'outside-root' || !isIncidental(w.file));
  const warnings = [...readerWarnings, ...raw.warnings, ...cov.warnings].map(sanitiseWarning);
  const scanned: ScanResult['repository'] = { root: reader.root };
  if (reader.commit !== undefined) scanned.commit = reader.commit;
  return {
    repository: scanned,
    facts: foldFacts(factFindings, committed),
    evidence: done.evidence,
    findings,
    published,
    toolPins: pinned,
    verification: remapVerification(verification, done.map),
    testKeys,
    warnings,
    detectors: [...DETECTORS.map((d) => d.meta), publishedArtifactsAreSigned, signingToolReferences],
  };
}

/** Scans a checkout; the repository's address is `repoUrl` when given, else its `origin` remote. */
export async function scanDirectory(root: string, options: { repoUrl?: string } = {}): Promise<ScanResult> {
  const reader = await openLocalRepository(root);
  return scanRepository(reader, { repository: repositoryAddress(reader.origin, options.repoUrl) });
}
