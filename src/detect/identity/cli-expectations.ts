/**
 * What a verify command in a pipeline or script demands of the signer, from its options:
 *
 * - `cosign verify*`: `--certificate-identity` (exact) / `--certificate-identity-regexp` (Go, searched
 *   anywhere), the same pair for the OIDC issuer, and `--certificate-github-workflow-*` (exact, against
 *   the certificate's GitHub extensions); `--key` / `--certificate` check a key instead.
 * - `gh attestation verify`: `--cert-identity` / `--cert-identity-regex`, else `--signer-workflow`,
 *   `--signer-repo`, `--repo` or `--owner`, each a prefix of the certificate's SAN; the issuer defaults to
 *   GitHub's (`--cert-oidc-issuer`).
 * - `slsa-verifier verify-*`: `--source-uri` names the source repository, `--source-tag` /
 *   `--source-branch` its ref; only SLSA provenance (the slsa-github-generator) can pass it.
 *
 * Variables are resolved as the scan resolves them elsewhere (collect/variables.ts); GitHub's own
 * context (`${{ github.repository }}`, `$GITHUB_REPOSITORY`) stays a placeholder that the repository's
 * address fills in later. Anything else left as a variable makes the verifier undetermined.
 * A command followed by `|| true` cannot fail its job: it only reports.
 */
import type { Op } from '../ops.js';
import { resolveVariable } from '../collect/variables.js';
import type { IdentityConstraint, IdentitySite, Matcher, VerifierExpectation } from './model.js';
import { GITHUB_ISSUER } from './identities.js';

/** Placeholders for the repository's own GitHub context, filled by `withRepository`. */
export const REPOSITORY = '{github.repository}';
export const OWNER = '{github.repository_owner}';
/** The ref of the run that verifies: in a release workflow that verifies what it just signed, the signer's own ref. */
export const RUN_REF = '{github.ref}';

function resolve(value: string, op: Op, workflow: string | undefined): { value: string; unresolved?: string } {
  let v = value.replace(/^["']|["']$/g, '');
  v = v
    .replace(/\$\{\{\s*github\.workflow_ref\s*\}\}|\$\{?GITHUB_WORKFLOW_REF\}?/g, workflow ? `${REPOSITORY}/${workflow}@${RUN_REF}` : '$GITHUB_WORKFLOW_REF')
    .replace(/\$\{\{\s*github\.ref\s*\}\}|\$\{?GITHUB_REF\}?(?!_)/g, RUN_REF)
    .replace(/\$\{\{\s*github\.repository\s*\}\}|\$\{?GITHUB_REPOSITORY\}?(?!_)/g, REPOSITORY)
    .replace(/\$\{\{\s*github\.repository_owner\s*\}\}|\$\{?GITHUB_REPOSITORY_OWNER\}?/g, OWNER)
    .replace(/\$\{\{\s*github\.server_url\s*\}\}|\$\{?GITHUB_SERVER_URL\}?/g, 'https://github.com');
  // each `$VAR`, `${VAR}`, `${{ env.VAR }}` as the project resolves variables elsewhere (collect/variables.ts:
  // the last assignment before the command in its script or job, else the environment)
  v = v.replace(/\$\{\{\s*env\.(\w+)\s*\}\}|\$\{(\w+)\}|\$(\w+)/g, (all, a, b, c) => {
    const resolved = resolveVariable(op, `\${${(a ?? b ?? c) as string}}`);
    return resolved.startsWith('$') ? all : resolved.replace(/^["']|["']$/g, '');
  });
  const left = /\$\{\{[^}]*\}\}|\$\{?\w+\}?/.exec(v);
  return left ? { value: v, unresolved: left[0] } : { value: v };
}

export function cliExpectation(op: Op, site: (file: string, line: number) => IdentitySite): VerifierExpectation | undefined {
  if (op.rec.kind !== 'verify') return undefined;
  const { tool } = op.rec;
  const opts = op.rec.options ?? {};
  let unresolved: string | undefined;
  const val = (name: string): string | undefined => {
    const raw = opts[name];
    if (raw === undefined) return undefined;
    const r = resolve(raw, op, op.system === 'github-actions' ? op.pipeline : undefined);
    if (r.unresolved) unresolved ??= `${name} ${r.unresolved} is a variable the files do not set`;
    return r.value;
  };
  const m = (how: Matcher['how'], value: string | undefined): Matcher | undefined => (value === undefined ? undefined : { how, value });
  const base = {
    // the command as written on its first line, without the continuation backslash
    name: op.at.text.trim().replace(/^-?\s*run:\s*\|?\s*/, '').replace(/\s*\\$/, '').slice(0, 120),
    mode: /\|\|\s*(true|:|echo\b|exit 0)/.test(op.at.text) ? ('audit' as const) : ('enforce' as const),
    appliesTo: op.rec.subject ? [op.rec.subject] : [],
    sites: [site(op.at.file, op.at.line), ...op.via.map((v) => site(v.file, v.line))],
    origin: 'ci' as const,
  };
  let c: IdentityConstraint = {};
  let keys = false;
  if (tool === 'cosign') {
    keys = opts['--key'] !== undefined || opts['--certificate'] !== undefined || opts['--ca-roots'] !== undefined;
    c = {
      subject: m('regexp', val('--certificate-identity-regexp')) ?? m('exact', val('--certificate-identity')),
      issuer: m('regexp', val('--certificate-oidc-issuer-regexp')) ?? m('exact', val('--certificate-oidc-issuer')),
      githubRepository: m('exact', val('--certificate-github-workflow-repository')),
      githubName: m('exact', val('--certificate-github-workflow-name')),
      githubTrigger: m('exact', val('--certificate-github-workflow-trigger')),
      githubRef: m('exact', val('--certificate-github-workflow-ref')),
    };
    if (keys) return { kind: 'cosign', ...base, identities: [], keys, unresolved };
    // keyless verification without an identity is refused by cosign 2; what it would accept is anyone
    return { kind: 'cosign', ...base, identities: [c], keys, unresolved };
  }
  if (tool === 'gh-attestation') {
    const host = (v: string): string => (/^[\w.-]+\.\w+\//.test(v) ? v : `github.com/${v}`);
    const workflow = val('--signer-workflow');
    const signerRepo = val('--signer-repo');
    const repo = val('--repo') ?? val('-R');
    const owner = val('--owner') ?? val('-o');
    const subject =
      m('regexp', val('--cert-identity-regex')) ??
      m('exact', val('--cert-identity')) ??
      (workflow ? m('prefix', `https://${host(workflow)}`) : undefined) ??
      (signerRepo ? m('prefix', `https://${host(signerRepo)}/`) : undefined) ??
      (repo ? m('prefix', `https://${host(repo)}/`) : undefined) ??
      (owner ? m('prefix', `https://github.com/${owner}/`) : undefined);
    c = { subject, issuer: { how: 'exact', value: val('--cert-oidc-issuer') ?? GITHUB_ISSUER }, sourceRepository: repo ? m('exact', host(repo)) : undefined };
    return { kind: 'gh-attestation', ...base, identities: [c], keys: false, unresolved, signedBy: ['attest-build-provenance'] };
  }
  if (tool === 'slsa-verifier') {
    const uri = val('--source-uri')?.replace(/^https?:\/\//, '');
    const tag = val('--source-tag');
    const branch = val('--source-branch');
    c = { sourceRepository: m('exact', uri), sourceRef: tag ? { how: 'exact', value: `refs/tags/${tag}` } : branch ? { how: 'exact', value: `refs/heads/${branch}` } : undefined };
    if (uri === undefined) unresolved ??= '--source-uri is not given';
    return { kind: 'slsa-verifier', ...base, identities: [c], keys: false, unresolved, signedBy: ['slsa-github-generator'] };
  }
  return undefined;
}
