/**
 * A raw signer plus the repository's address (its `origin` remote, or `--repo-url`) is the identity
 * its certificates carry (formats in model.ts). Parts the files and the checkout do not show stay
 * unknown and are named, never filled in with a likely value.
 */
import type { SignerIdentity } from './model.js';
import { DEFAULT_BRANCH, REMOTE_WORKFLOW, type RawSigner } from './signers.js';
import { escapeRegExp as escape, githubGlobSource, sampleOfGlob } from './patterns.js';

/** Where the repository lives: `github.com` + `acme/app`, `gitlab.example.com` + `group/sub/project`. */
export interface RepositoryAddress {
  host: string;
  path: string;
  defaultBranch?: string;
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** A ref set: its pattern (anchored body) and representative refs. */
function refSet(refs: readonly string[], defaultBranch: string | undefined): { source: string; samples: string[]; unknown: boolean } {
  let unknown = false;
  const bodies: string[] = [];
  const samples: string[] = [];
  for (const r of refs) {
    let ref = r;
    if (r === DEFAULT_BRANCH) {
      if (defaultBranch === undefined) {
        unknown = true;
        ref = 'refs/heads/main';
      } else ref = `refs/heads/${defaultBranch}`;
    }
    bodies.push(githubGlobSource(ref));
    // "any branch" holds the default branch; "any tag" a version tag
    const any = /^refs\/(heads|tags)\/\*\*?$/.exec(ref);
    samples.push(any ? (any[1] === 'heads' ? `refs/heads/${defaultBranch ?? 'main'}` : 'refs/tags/v1.0.0') : sampleOfGlob(ref));
  }
  return { source: bodies.length > 0 ? `(?:${bodies.join('|')})` : '.+', samples: samples.length > 0 ? samples : ['refs/heads/main'], unknown };
}

/** A full ref for a reusable workflow's `@ref`: a commit SHA as is, a version a tag, else a branch. */
function remoteRef(ref: string): string {
  if (/^[0-9a-f]{40}$/.test(ref) || ref.startsWith('refs/')) return ref;
  return /^v?\d/.test(ref) ? `refs/tags/${ref}` : `refs/heads/${ref}`;
}

function isGitHub(host: string | undefined): boolean {
  return host === 'github.com' || host?.startsWith('github.') === true;
}

export function identityOf(s: RawSigner, repo: RepositoryAddress | undefined): SignerIdentity {
  const unknown: string[] = [];
  const base = { ci: s.ci, tool: s.tool, sites: s.sites };
  if (s.ci === 'github-actions') {
    const refs = refSet(s.refs, repo?.defaultBranch);
    if (refs.unknown) unknown.push('default branch');
    if (s.refs.length === 0) unknown.push('triggers');
    const known = repo !== undefined && isGitHub(repo.host);
    if (!known) unknown.push('repository URL');
    const host = known ? repo.host : 'github.com';
    const path = known ? repo.path : '{owner}/{repo}';
    const issuer = host === 'github.com' ? GITHUB_ISSUER : `https://${host}/_services/token`;
    const remote = s.remoteWorkflow ? REMOTE_WORKFLOW.exec(s.remoteWorkflow) : null;
    // a reusable workflow of another repository: the certificate names it, at the ref the caller pinned
    const prefix = remote ? `https://github.com/${remote[1]}` : `https://${host}/${path}/${s.workflow}`;
    const subjectRefs = remote ? { source: escape(remoteRef(remote[2]!)), samples: [remoteRef(remote[2]!)] } : refs;
    return {
      ...base,
      subject: `${prefix}@${remote ? remoteRef(remote[2]!) : s.refs.join(' | ') || '{ref}'}`,
      issuer,
      refs: s.refs,
      subjectPattern: new RegExp(`^${escape(prefix)}@${subjectRefs.source}$`),
      samples: subjectRefs.samples.map((r) => `${prefix}@${r}`),
      refPattern: new RegExp(`^${refs.source}$`),
      refSamples: refs.samples,
      github: { repository: known ? repo.path : undefined, name: s.workflowName, triggers: s.triggers },
      sourceRepository: known ? `${repo.host}/${repo.path}` : undefined,
      unknown,
    };
  }
  if (s.ci === 'gitlab-ci') {
    const refs = refSet(s.refs, repo?.defaultBranch);
    if (refs.unknown) unknown.push('default branch');
    const known = repo !== undefined && !isGitHub(repo.host);
    if (!known) unknown.push('repository URL');
    const host = known ? repo.host : 'gitlab.com';
    const prefix = `https://${host}/${known ? repo.path : '{group}/{project}'}//${s.configPath ?? '.gitlab-ci.yml'}`;
    return {
      ...base,
      subject: `${prefix}@${s.refs.join(' | ')}`,
      issuer: known ? `https://${host}` : undefined,
      refs: s.refs,
      subjectPattern: new RegExp(`^${escape(prefix)}@${refs.source}$`),
      samples: refs.samples.map((r) => `${prefix}@${r}`),
      refPattern: new RegExp(`^${refs.source}$`),
      refSamples: refs.samples,
      sourceRepository: known ? `${repo.host}/${repo.path}` : undefined,
      unknown,
    };
  }
  if (s.ci === 'cloud-build' && s.serviceAccount) {
    return { ...base, subject: s.serviceAccount, issuer: 'https://accounts.google.com', refs: [], subjectPattern: new RegExp(`^${escape(s.serviceAccount)}$`), samples: [s.serviceAccount], refPattern: /^$/, refSamples: [], unknown };
  }
  unknown.push(s.ci === 'cloud-build' ? 'service account' : 'signing identity');
  return { ...base, subject: '{unknown}', refs: [], subjectPattern: /^\u0000$/, samples: [], refPattern: /^$/, refSamples: [], unknown };
}
