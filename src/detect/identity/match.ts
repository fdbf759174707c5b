/**
 * Does each verifier accept what the real release signs? Pure: signer identities and verifier
 * expectations in, a verdict per verifier and per signer out.
 *
 * A verifier accepts a signer when one of its identity alternatives holds for the signer's
 * certificate: subject, issuer and the GitHub extensions each evaluated as the verifier evaluates
 * them (patterns.ts). It is *too broad* when it would also accept a certificate no release of this
 * repository makes: a workflow of another repository of the same owner, or of anyone (probes below).
 */
import type { IdentityConstraint, Matcher, SignerIdentity, SignerVerdict, VerifierExpectation, VerifierMatch } from './model.js';
import { accepts, acceptsAnyOf, escapeRegExp } from './patterns.js';
import { GITHUB_ISSUER, identityOf, type RepositoryAddress } from './identities.js';
import type { RawSigner } from './signers.js';
import { OWNER, REPOSITORY, RUN_REF } from './cli-expectations.js';

type Tri = boolean | undefined;

function all(results: readonly Tri[]): Tri {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function one(m: Matcher | undefined, value: string | undefined): Tri {
  if (m === undefined) return true;
  return value === undefined ? undefined : accepts(m, value);
}

function anyOf(m: Matcher | undefined, values: readonly string[], pattern?: RegExp): Tri {
  if (m === undefined) return true;
  return values.length === 0 ? undefined : acceptsAnyOf(m, values, pattern);
}

/** Does one alternative of a verifier hold for a signer? undefined when the files leave it open. */
export function constraintAccepts(c: IdentityConstraint, s: SignerIdentity): Tri {
  return all([
    anyOf(c.subject, s.samples, s.subjectPattern),
    one(c.issuer, s.issuer),
    one(c.githubRepository, s.github?.repository),
    one(c.githubName, s.github?.name),
    c.githubTrigger === undefined ? true : s.github === undefined ? false : s.github.triggers.some((t) => accepts(c.githubTrigger!, t) === true),
    anyOf(c.githubRef, s.refSamples, s.refPattern),
    one(c.sourceRepository, s.sourceRepository),
    anyOf(c.sourceRef, s.refSamples, s.refPattern),
  ]);
}

function verifierAccepts(v: VerifierExpectation, s: SignerIdentity): Tri {
  if (v.signedBy && !v.signedBy.includes(s.tool)) return false;
  let open = false;
  for (const c of v.identities) {
    const r = constraintAccepts(c, s);
    if (r === true) return true;
    if (r === undefined) open = true;
  }
  return open ? undefined : false;
}

/** What a too-broad verifier's `alsoAccepts` probe stands for: anyone, any repository of an owner, or look-alike names. */
export type Breadth = { kind: 'anyone' } | { kind: 'owner'; owner: string } | { kind: 'look-alike'; repository: string };

export function breadthOf(alsoAccepts: string): Breadth {
  const m = /^https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\//.exec(alsoAccepts);
  if (!m || m[1] === 'sigmature-probe') return { kind: 'anyone' };
  if (m[2] === 'sigmature-probe') return { kind: 'owner', owner: m[1]! };
  return { kind: 'look-alike', repository: `${m[1]}/${m[2]!.replace(/-sigmature-probe$/, '')}` };
}

/** A GitHub release workflow of `owner/repo` (the shape no verifier of ours should accept from a stranger). */
function probe(owner: string, repo: string): SignerIdentity {
  const prefix = `https://github.com/${owner}/${repo}/.github/workflows/release.yml`;
  return {
    ci: 'github-actions', tool: 'cosign', subject: `${prefix}@refs/tags/v1.0.0`, issuer: GITHUB_ISSUER, refs: ['refs/tags/v1.0.0'],
    subjectPattern: new RegExp(`^${escapeRegExp(prefix)}@refs/tags/v1\\.0\\.0$`),
    samples: [`${prefix}@refs/tags/v1.0.0`], refPattern: /^refs\/tags\/v1\.0\.0$/, refSamples: ['refs/tags/v1.0.0'],
    github: { repository: `${owner}/${repo}`, name: 'release', triggers: ['push'] }, sourceRepository: `github.com/${owner}/${repo}`, unknown: [], sites: [],
  };
}

const STRANGERS: readonly SignerIdentity[] = [
  probe('sigmature-probe', 'unrelated'),
  { ...probe('sigmature-probe', 'unrelated'), ci: 'gitlab-ci', subject: 'https://gitlab.com/sigmature-probe/unrelated//.gitlab-ci.yml@refs/heads/main', samples: ['https://gitlab.com/sigmature-probe/unrelated//.gitlab-ci.yml@refs/heads/main'], subjectPattern: /^$/, issuer: 'https://gitlab.com', github: undefined, sourceRepository: 'gitlab.com/sigmature-probe/unrelated' },
  { ...probe('sigmature-probe', 'unrelated'), ci: 'other', subject: 'someone@example.com', samples: ['someone@example.com'], subjectPattern: /^$/, issuer: 'https://accounts.google.com', github: undefined, sourceRepository: undefined },
];

/** The owners a verifier could be too broad within: this repository's, and those its signers name. */
function owners(signers: readonly SignerIdentity[], repo: RepositoryAddress | undefined): string[] {
  const out = new Set<string>();
  if (repo && repo.host === 'github.com') out.add(repo.path.split('/')[0]!);
  for (const s of signers) if (s.github?.repository) out.add(s.github.repository.split('/')[0]!);
  return [...out];
}

/**
 * A repository of the same owner whose name extends this one's (`acme/app-fork` for `acme/app`): an
 * unanchored `github.com/acme/app` accepts its workflows too.
 */
function lookAlikes(signers: readonly SignerIdentity[], repo: RepositoryAddress | undefined): SignerIdentity[] {
  const paths = new Set<string>();
  if (repo && repo.host === 'github.com') paths.add(repo.path);
  for (const s of signers) if (s.github?.repository) paths.add(s.github.repository);
  return [...paths].map((p) => probe(p.split('/')[0]!, `${p.split('/')[1]}-sigmature-probe`));
}

/** GitHub owners a verifier names (`https://github.com/fluxcd/*` → fluxcd): it may accept all of their repositories. */
function ownersNamed(v: VerifierExpectation): string[] {
  const out = new Set<string>();
  for (const c of v.identities) {
    for (const m of [c.subject, c.sourceRepository, c.githubRepository]) {
      const owner = m ? /github\.com\/([\w-]+)\//.exec(m.value.replace(/\\([./-])/g, '$1'))?.[1] : undefined;
      if (owner) out.add(owner);
    }
  }
  return [...out];
}

/** Repository paths a verifier names literally (`https://github.com/acme/app/…`): what an unknown URL may be. */
export function namedRepositories(v: VerifierExpectation): Array<{ host: string; path: string }> {
  const out = new Map<string, { host: string; path: string }>();
  for (const c of v.identities) {
    for (const m of [c.subject, c.sourceRepository, c.githubRepository]) {
      if (!m) continue;
      const text = m.value.replace(/\\([./-])/g, '$1');
      const url = /(?:https:\/\/)?(github\.com|gitlab\.[\w.-]+)\/([\w.-]+\/[\w.-]+)/.exec(text) ?? (m === c.githubRepository ? /^()([\w.-]+\/[\w.-]+)$/.exec(text) : null);
      if (url) out.set(`${url[1] || 'github.com'}/${url[2]}`, { host: url[1] || 'github.com', path: url[2]! });
    }
  }
  return [...out.values()];
}

export interface VerificationInput {
  signers: readonly RawSigner[];
  verifiers: readonly VerifierExpectation[];
  repo?: RepositoryAddress;
  /** Signers of other repositories (portfolio): a deploy repository's policy may accept them. */
  elsewhere?: readonly SignerIdentity[];
}

export interface VerificationResult {
  signers: SignerIdentity[];
  verifiers: VerifierMatch[];
  signerVerdicts: SignerVerdict[];
}

/**
 * A verify step's `${{ github.repository }}` is the repository it runs in: its address when known,
 * else the same hole the repository's own signers have (`{owner}/{repo}`), so the two still line up.
 */
function withRepository(v: VerifierExpectation, repo: RepositoryAddress | undefined): VerifierExpectation {
  const path = repo && repo.host === 'github.com' ? repo.path : '{owner}/{repo}';
  const fill = (m: Matcher | undefined): Matcher | undefined => {
    if (!m || (!m.value.includes(REPOSITORY) && !m.value.includes(OWNER) && !m.value.includes(RUN_REF))) return m;
    const text = (t: string): string => (m.how === 'regexp' ? escapeRegExp(t) : t);
    const value = m.value.split(REPOSITORY).join(text(path)).split(OWNER).join(text(path.split('/')[0]!));
    if (!value.includes(RUN_REF)) return { ...m, value };
    // the verifying run's own ref: any ref (the verifier runs where the signer ran)
    if (m.how === 'regexp') return { ...m, value: value.split(RUN_REF).join('refs/.+') };
    return { how: 'wildcard', value: value.split(RUN_REF).join('refs/*') };
  };
  const identities = v.identities.map((c) => Object.fromEntries(Object.entries(c).map(([k, m]) => [k, fill(m as Matcher)])) as IdentityConstraint);
  return { ...v, identities };
}

export function matchVerification(input: VerificationInput): VerificationResult {
  const own = input.signers.map((s) => identityOf(s, input.repo));
  const signers = [...own, ...(input.elsewhere ?? [])];
  const raws: Array<RawSigner | undefined> = signers.map((_, i) => input.signers[i]);
  const matches = input.verifiers.map((v) => ({ ...judge(withRepository(v, input.repo), signers, raws, input), verifier: v }));
  const signerVerdicts = signers.map((signer, i) => ({ signer, acceptedBy: matches.flatMap((m, j) => (m.accepts.includes(i) ? [j] : [])) }));
  return { signers, verifiers: matches, signerVerdicts };
}

interface Verdict {
  result: Tri;
  condition?: string;
}

/**
 * A verifier against one signer. Where the signer's identity has a hole (no remote, so no
 * repository URL; no default branch), the answer must not depend on what fills it: the repositories
 * the verifier names are tried in the hole, and a branch name nobody uses, and an answer that changes
 * is reported as a condition, not as a match.
 */
function against(v: VerifierExpectation, named: ReadonlyArray<{ host: string; path: string }>, s: SignerIdentity, raw: RawSigner | undefined, input: VerificationInput): Verdict {
  if (raw && s.unknown.includes('repository URL')) {
    for (const repo of named) {
      if (verifierAccepts(v, identityOf(raw, { ...repo, defaultBranch: input.repo?.defaultBranch })) === true) {
        return { result: undefined, condition: `accepts this repository's signing only if it is ${repo.host}/${repo.path} (no origin remote: pass --repo-url)` };
      }
    }
    if (named.length > 0) return { result: false };
  }
  const result = verifierAccepts(v, s);
  if (result === true && raw && s.unknown.includes('default branch')) {
    const other = identityOf(raw, { host: input.repo?.host ?? 'github.com', path: input.repo?.path ?? '{owner}/{repo}', defaultBranch: 'sigmature-probe-branch' });
    if (verifierAccepts(v, other) !== true) return { result: undefined, condition: 'accepts this repository\'s signing only if its default branch is "main" (the checkout does not say)' };
  }
  return { result };
}

/** What leaves a signer's identity open: its CI, where it signs, and the unknown parts. */
function holes(s: SignerIdentity): string {
  const at = s.sites[0] ? ` at ${s.sites[0].file}:${s.sites[0].line}` : '';
  return `the identity of the ${s.ci} signer${at} is not in the files (${s.unknown.join(', ') || 'unknown'})`;
}

/**
 * A verifier naming only repositories that are neither this one nor any signer's in scope checks
 * another project's artifacts (a builder image's signature): not inert, not this repository's check.
 * What it names, or undefined when it names this repository, a signer's, or none.
 */
function elsewhereOnly(named: ReadonlyArray<{ host: string; path: string }>, signers: readonly SignerIdentity[], repo: RepositoryAddress | undefined): string | undefined {
  if (named.length === 0) return undefined;
  // by owner/name, whatever the host: a GitHub-style identity for this GitLab project still means this project
  const pathOf = (hostAndPath: string): string => hostAndPath.split('/').slice(1).join('/');
  const inScope = new Set(signers.flatMap((s) => (s.sourceRepository ? [pathOf(s.sourceRepository)] : s.github?.repository ? [s.github.repository] : [])));
  if (repo) inScope.add(repo.path);
  if (!repo && signers.some((s) => s.unknown.includes('repository URL'))) return undefined;
  const names = named.map((n) => `${n.host}/${n.path}`);
  if (named.some((n) => inScope.has(n.path))) return undefined;
  return `names ${names.join(', ')}: signatures of another repository, none of whose signers is in scope`;
}

function judge(v: VerifierExpectation, signers: readonly SignerIdentity[], raws: ReadonlyArray<RawSigner | undefined>, input: VerificationInput): VerifierMatch {
  if (v.unresolved !== undefined) return { verifier: v, status: 'undetermined', accepts: [], condition: v.unresolved };
  if (v.identities.length === 0) return { verifier: v, status: v.keys ? 'key-based' : 'too-broad', accepts: [], alsoAccepts: v.keys ? undefined : STRANGERS[0]!.subject };
  const named = namedRepositories(v);
  const verdicts = signers.map((s, i) => against(v, named, s, raws[i], input));
  const acceptsIdx = verdicts.flatMap((r, i) => (r.result === true ? [i] : []));
  const stranger = STRANGERS.find((p) => verifierAccepts(v, p) === true);
  const ownersInScope = [...new Set([...owners(signers, input.repo), ...ownersNamed(v)])];
  const sameOwner = [...ownersInScope.map((o) => probe(o, 'sigmature-probe')), ...lookAlikes(signers, input.repo)].find((p) => verifierAccepts(v, p) === true);
  if (acceptsIdx.length === 0) {
    if (stranger) return { verifier: v, status: 'too-broad', accepts: [], alsoAccepts: stranger.subject };
    if (signers.length === 0) return sameOwner ? { verifier: v, status: 'too-broad', accepts: [], alsoAccepts: sameOwner.subject } : { verifier: v, status: 'no-signer-known', accepts: [] };
    const foreign = elsewhereOnly(named, signers, input.repo);
    if (foreign) return { verifier: v, status: 'other-repository', accepts: [], condition: foreign };
    const openAt = verdicts.findIndex((r) => r.result === undefined);
    if (openAt >= 0) return { verifier: v, status: 'undetermined', accepts: [], condition: verdicts[openAt]!.condition ?? holes(signers[openAt]!) };
    return { verifier: v, status: 'inert', accepts: [] };
  }
  const broad = stranger ?? sameOwner;
  if (broad) return { verifier: v, status: 'too-broad', accepts: acceptsIdx, alsoAccepts: broad.subject };
  return { verifier: v, status: v.mode === 'audit' ? 'audit-only' : 'ok', accepts: acceptsIdx };
}
