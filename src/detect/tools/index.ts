/**
 * The tool registry: every tool sigmature recognises, one descriptor each (see README.md, "Adding a
 * signing tool"). The `tools` fact vocabulary, the command table, the action table, the pinning
 * prefixes and the variable names are all derived from this list, so a tool is known everywhere or
 * nowhere. `facts-vocabulary.ts` spells the vocabulary out as a `Record<SigningTool, true>`: the
 * compiler fails when it and this list disagree.
 */
import type { ActionEntry, Covers, Handler, ToolDescriptor } from './kit.js';
import { cosign } from './cosign.js';
import { notation } from './notation.js';
import { gpg } from './gpg.js';
import { minisign, signify } from './minisign.js';
import { sigstoreJs, sigstorePythonTool } from './sigstore.js';
import { npmProvenance } from './npm-provenance.js';
import { pypiAttestations } from './pypi-attestations.js';
import { goreleaser } from './goreleaser.js';
import { slsaGithubGenerator, slsaVerifier } from './slsa.js';
import { attestBuildProvenance } from './attest.js';
import { gradleSigning, jarsigner, mavenGpg } from './java.js';
import { osslsigncode, signtool } from './windows.js';
import { codesign, rcodesign } from './apple.js';
import { apksigner, rpmSign } from './packages.js';
import { dockerContentTrust } from './docker.js';
import { awsSigner, inToto, tektonChains, witness } from './attestors.js';
import { azureTrustedSigning } from './azure-trusted-signing.js';
import { krelSign, tejoloteAttest } from './k8s-release.js';
import { publishers } from './publishers.js';
import { calls } from './calls.js';

export const TOOLS = [
  cosign, notation, gpg, minisign, signify, sigstorePythonTool, sigstoreJs, npmProvenance, pypiAttestations, goreleaser,
  slsaGithubGenerator, attestBuildProvenance, mavenGpg, gradleSigning, jarsigner, signtool, codesign, apksigner, rpmSign,
  dockerContentTrust, awsSigner, azureTrustedSigning, inToto, witness,
  tektonChains, osslsigncode, rcodesign, krelSign, tejoloteAttest,
  slsaVerifier, publishers, calls,
] as const;

type Registered = (typeof TOOLS)[number];
/** The `tools` fact vocabulary (DESIGN section 4). */
export type VocabularyTool = Extract<Registered, { fact: 'vocabulary' }>['id'];
/** Everything a `sign` record may name: the vocabulary and the signers outside it. */
export type Signer = Extract<Registered, { fact: 'vocabulary' | 'signer' }>['id'];

const vocabularyIds: VocabularyTool[] = TOOLS.filter((t): t is Extract<Registered, { fact: 'vocabulary' }> => t.fact === 'vocabulary').map((t) => t.id);
export const VOCABULARY: ReadonlySet<string> = new Set(vocabularyIds);

function byId(): ReadonlyMap<string, ToolDescriptor> {
  return new Map(TOOLS.map((t) => [t.id, t as ToolDescriptor]));
}
export const TOOL_BY_ID = byId();

/**
 * Command word → recogniser. A word several descriptors claim (`aws`: AWS Signer's `aws signer`,
 * the publishers' `aws s3 cp`) runs each of their recognisers, in registry order, and keeps every record.
 */
export const HANDLERS: Readonly<Record<string, Handler>> = (() => {
  const out: Record<string, Handler> = Object.create(null);
  for (const t of TOOLS as readonly ToolDescriptor[]) {
    for (const [word, h] of Object.entries(t.commands ?? {})) {
      const earlier = out[word];
      out[word] = earlier ? (...a) => [...earlier(...a), ...h(...a)] : h;
    }
  }
  return out;
})();

/** Action references with the tool they concern, longest prefix first so the most specific wins. */
export const ACTIONS: ReadonlyArray<ActionEntry & { tool: string }> = (TOOLS as readonly ToolDescriptor[])
  .flatMap((t) => (t.actions ?? []).map((a) => ({ ...a, tool: t.id })))
  .sort((a, b) => b.prefix.length - a.prefix.length);

/** Action name prefixes whose version matters for signing, with the tool they concern. */
export const PIN_RELEVANT: ReadonlyArray<{ prefix: string; tool: string }> = (TOOLS as readonly ToolDescriptor[])
  .flatMap((t) => (t.pinPrefixes ?? []).map((prefix) => ({ prefix, tool: t.id })));

/** Variable-name parts that stand for a command: `$(COSIGN)` → cosign. */
export const VARIABLE_TOOLS: readonly string[] = (TOOLS as readonly ToolDescriptor[]).flatMap((t) => t.variables ?? []);

/** Tools whose signature is the package registry's own provenance (npm, PyPI). */
export const PACKAGE_PROVENANCE: ReadonlySet<string> = new Set((TOOLS as readonly ToolDescriptor[]).filter((t) => t.packageProvenance).map((t) => t.id));

/** A descriptor's coverage hint with the tool it belongs to. */
export type Coverer = Covers & { tool: string };

/** Coverage hints by published artifact name or kind: the tools whose signature counts for it (coverage.ts). */
export const COVERS: ReadonlyMap<string, readonly Coverer[]> = (() => {
  const out = new Map<string, Coverer[]>();
  for (const t of TOOLS as readonly ToolDescriptor[]) {
    for (const artifact of t.covers?.artifacts ?? []) out.set(artifact, [...(out.get(artifact) ?? []), { ...t.covers!, tool: t.id }]);
  }
  return out;
})();
