/**
 * What a deploy-time policy demands of a signature, read from its YAML (field names from each
 * project's reference: Kyverno `verifyImages` and ImageValidatingPolicy, Sigstore policy-controller
 * `ClusterImagePolicy`, Flux `spec.verify`):
 *
 * - Kyverno: `attestors[].entries[].keyless.{subject,issuer}` are wildcards (`*`), `subjectRegExp` /
 *   `issuerRegExp` Go expressions; `failureAction` on the rule, else `spec.validationFailureAction`,
 *   else `Audit` (Kyverno's default): only `Enforce` refuses a pod.
 * - ImageValidatingPolicy: `attestors[].cosign.keyless.identities[]`; `validationActions: [Deny]` refuses.
 * - policy-controller: `authorities[].keyless.identities[]` (`subject`/`issuer` exact, `…RegExp` Go
 *   expressions); `mode: warn` only warns; a `static: {action: pass}` authority accepts anything.
 * - Flux `OCIRepository`/`HelmChart` `verify.provider: cosign`: `matchOIDCIdentity[]` of Go
 *   expressions; without it and without a key, any keyless signature passes. A failed check stops
 *   the source from reconciling: it enforces.
 */
import { get, getEntry, items, scalarString, str, type YamlFile } from '../ci/yaml-nodes.js';
import type { IdentityConstraint, IdentitySite, Matcher, VerifierExpectation, VerifierKind } from './model.js';

type SiteOf = (line: number) => IdentitySite;

function matcher(y: YamlFile, node: unknown, exact: string, regexp: string, exactHow: 'exact' | 'wildcard'): { subject?: Matcher; line?: number } {
  const e = getEntry(y, node, exact);
  const r = getEntry(y, node, regexp);
  const ev = e ? scalarString(y, e.value) : undefined;
  const rv = r ? scalarString(y, r.value) : undefined;
  if (rv) return { subject: { how: 'regexp', value: rv }, line: r!.line };
  if (ev) return { subject: { how: exactHow, value: ev }, line: e!.line };
  return {};
}

/** One keyless identity mapping (`subject`, `issuer`, `subjectRegExp`, `issuerRegExp`). */
function identity(y: YamlFile, node: unknown, how: 'exact' | 'wildcard', sites: number[]): IdentityConstraint {
  const subject = matcher(y, node, 'subject', 'subjectRegExp', how);
  const issuer = matcher(y, node, 'issuer', 'issuerRegExp', how);
  for (const l of [subject.line, issuer.line]) if (l !== undefined) sites.push(l);
  return { subject: subject.subject, issuer: issuer.subject };
}

function expectation(kind: VerifierKind, name: string, mode: 'enforce' | 'audit', identities: IdentityConstraint[], keys: boolean, appliesTo: string[], lines: number[], site: SiteOf): VerifierExpectation {
  return { kind, name, mode, identities, keys, appliesTo, sites: [...new Set(lines)].map(site), origin: 'policy' };
}

const scalars = (y: YamlFile, node: unknown): string[] => items(y, node).map((n) => scalarString(y, n) ?? str(y, n, 'glob') ?? '').filter(Boolean);

/** Kyverno `verifyImages` entries of one rule. */
export function kyvernoExpectations(y: YamlFile, root: unknown, rule: unknown, name: string, site: SiteOf): VerifierExpectation[] {
  const spec = get(y, root, 'spec');
  const specMode = getEntry(y, spec, 'validationFailureAction');
  const out: VerifierExpectation[] = [];
  for (const vi of items(y, get(y, rule, 'verifyImages'))) {
    const lines: number[] = [];
    const ruleMode = getEntry(y, vi, 'failureAction') ?? getEntry(y, vi, 'validationFailureAction') ?? specMode;
    const mode = /^enforce$/i.test((ruleMode && scalarString(y, ruleMode.value)) ?? 'Audit') ? 'enforce' : 'audit';
    const identities: IdentityConstraint[] = [];
    let keys = false;
    const attestors = [...items(y, get(y, vi, 'attestors')), ...items(y, get(y, vi, 'attestations')).flatMap((a) => items(y, get(y, a, 'attestors')))];
    for (const att of attestors) {
      for (const entry of items(y, get(y, att, 'entries'))) {
        const keyless = get(y, entry, 'keyless');
        if (keyless !== undefined) identities.push(identity(y, keyless, 'wildcard', lines));
        if (get(y, entry, 'keys') !== undefined || get(y, entry, 'certificates') !== undefined) keys = true;
      }
    }
    // Kyverno 1.6 form: subject/issuer/key on the entry itself
    if (getEntry(y, vi, 'subject') || getEntry(y, vi, 'issuer')) identities.push(identity(y, vi, 'wildcard', lines));
    if (getEntry(y, vi, 'key')) keys = true;
    if (ruleMode) lines.push(ruleMode.line);
    lines.push(y.lineOf(vi));
    const refs = scalars(y, get(y, vi, 'imageReferences'));
    const legacy = str(y, vi, 'image');
    out.push(expectation('kyverno', name, mode, identities, keys, refs.length > 0 ? refs : legacy ? [legacy] : [], lines, site));
  }
  return out;
}

/** Kyverno ImageValidatingPolicy (policies.kyverno.io). */
export function imageValidatingExpectation(y: YamlFile, root: unknown, name: string, site: SiteOf): VerifierExpectation {
  const spec = get(y, root, 'spec');
  if (spec === undefined) {
    // a partial document (a test's assertion on the policy's status): it demands nothing readable
    return { ...expectation('kyverno-image-validating-policy', name, 'enforce', [], false, [], [y.lineOf(root)], site), unresolved: 'the document has no spec (a partial policy)' };
  }
  const lines: number[] = [];
  const identities: IdentityConstraint[] = [];
  let keys = false;
  for (const att of items(y, get(y, spec, 'attestors'))) {
    const cosign = get(y, att, 'cosign');
    for (const id of items(y, get(y, get(y, cosign, 'keyless'), 'identities'))) identities.push(identity(y, id, 'exact', lines));
    if (get(y, cosign, 'key') !== undefined || get(y, cosign, 'certificate') !== undefined || get(y, att, 'notary') !== undefined) keys = true;
  }
  const actions = getEntry(y, spec, 'validationActions');
  const deny = actions ? scalars(y, actions.value).some((a) => /^deny$/i.test(a)) : true;
  if (actions) lines.push(actions.line);
  return expectation('kyverno-image-validating-policy', name, deny ? 'enforce' : 'audit', identities, keys, scalars(y, get(y, spec, 'matchImageReferences')), lines.length > 0 ? lines : [y.lineOf(root)], site);
}

/** Sigstore policy-controller ClusterImagePolicy. */
export function clusterImagePolicyExpectation(y: YamlFile, root: unknown, name: string, site: SiteOf): VerifierExpectation {
  const spec = get(y, root, 'spec');
  const lines: number[] = [];
  const identities: IdentityConstraint[] = [];
  let keys = false;
  for (const auth of items(y, get(y, spec, 'authorities'))) {
    const keyless = get(y, auth, 'keyless');
    if (keyless !== undefined) {
      const ids = items(y, get(y, keyless, 'identities'));
      for (const id of ids) identities.push(identity(y, id, 'exact', lines));
      // keyless with no identities: any Fulcio certificate passes
      if (ids.length === 0) identities.push({});
    }
    if (get(y, auth, 'key') !== undefined) keys = true;
    if (str(y, get(y, auth, 'static'), 'action') === 'pass') identities.push({});
  }
  const mode = getEntry(y, spec, 'mode');
  if (mode) lines.push(mode.line);
  const warn = mode !== undefined && scalarString(y, mode.value) === 'warn';
  return expectation('sigstore-policy-controller', name, warn ? 'audit' : 'enforce', identities, keys, scalars(y, get(y, spec, 'images')), lines.length > 0 ? lines : [getEntry(y, root, 'kind')?.line ?? 1], site);
}

/** Flux source `spec.verify` with the cosign provider; undefined for other providers (Notation) or none. */
export function fluxExpectation(y: YamlFile, root: unknown, name: string, site: SiteOf): VerifierExpectation | undefined {
  const spec = get(y, root, 'spec');
  const verify = getEntry(y, spec, 'verify');
  if (!verify || str(y, verify.value, 'provider') !== 'cosign') return undefined;
  const lines: number[] = [verify.line];
  const identities: IdentityConstraint[] = [];
  for (const id of items(y, get(y, verify.value, 'matchOIDCIdentity'))) {
    const subject = getEntry(y, id, 'subject');
    const issuer = getEntry(y, id, 'issuer');
    const sv = subject ? scalarString(y, subject.value) : undefined;
    const iv = issuer ? scalarString(y, issuer.value) : undefined;
    if (subject) lines.push(subject.line);
    identities.push({ subject: sv ? { how: 'regexp', value: sv } : undefined, issuer: iv ? { how: 'regexp', value: iv } : undefined });
  }
  const keys = get(y, verify.value, 'secretRef') !== undefined;
  // neither a key nor identities: Flux accepts any keyless signature
  if (!keys && identities.length === 0) identities.push({});
  const url = str(y, spec, 'url');
  return expectation('flux', name, 'enforce', identities, keys, url ? [url] : [], lines, site);
}
