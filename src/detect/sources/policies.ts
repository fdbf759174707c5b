/**
 * Deploy-time verification policies: Kyverno (`verifyImages` rules, ImageValidatingPolicy),
 * Sigstore policy-controller `ClusterImagePolicy`, Ratify (`config.ratify.deislabs.io`) and
 * Connaisseur. Found in any YAML file whose text carries one of their markers.
 *
 * The markers are what the parser below needs, not the engines' API groups: a Kyverno repository or
 * chart mentions `kyverno.io` in hundreds of files (RBAC, CRDs, pod-security policies) that can never
 * hold an image-verification rule, and parsing them all cost seconds. A CustomResourceDefinition
 * names `verifyImages` in its schema but is not a policy, so it is skipped without parsing.
 */
import type { ParseContext } from '../ci/model.js';
import { entries, get, getEntry, items, str } from '../ci/yaml-nodes.js';
import type { PolicyRec } from '../ops.js';
import { clusterImagePolicyExpectation, fluxExpectation, imageValidatingExpectation, kyvernoExpectations } from '../identity/policy-expectations.js';

const POLICY_MARKER = /verifyImages|Image(Validating|Verification)Policy|ClusterImagePolicy|ratify|connaisseur|matchOIDCIdentity|provider:\s*cosign/i;

export function mayBePolicy(text: string, path = ''): boolean {
  return (POLICY_MARKER.test(text) || /connaisseur/i.test(path)) && !onlyCrds(text);
}

/** Every document of the file is a CRD (a schema, not a resource): nothing to read. */
function onlyCrds(text: string): boolean {
  const kinds = text.match(/^kind:[ \t]*["']?\w+/gm);
  return kinds !== null && kinds.every((k) => /CustomResourceDefinition$/.test(k));
}

/**
 * Helm (Go) templates are not YAML until rendered: `{{- if … }}` lines break the parser. They are
 * searched line by line instead, one `---` document at a time, for the same markers.
 */
export function isTemplated(text: string): boolean {
  // Go-template syntax (`{{ .Values…}}`, `{{- if`, `{{ include`), not Kyverno's JMESPath variables
  // (`"{{ request.object… }}"`, `{{ keys.data.production }}`), which are plain YAML strings
  return /(^|[^$]){{(-|\s*(\.|\$|\/\*|(if|else|end|range|include|template|define|with|toYaml|tpl|required|default|quote)\b))/.test(text);
}

export function policiesInTemplate(text: string): Array<{ rec: PolicyRec; line: number }> {
  const out: Array<{ rec: PolicyRec; line: number }> = [];
  const lines = text.split(/\r?\n/);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !/^---/.test(lines[i]!)) continue;
    out.push(...templateDocument(lines, start, i));
    start = i + 1;
  }
  return out;
}

function templateDocument(lines: readonly string[], from: number, to: number): Array<{ rec: PolicyRec; line: number }> {
  let api = '';
  let kind = '';
  let kindLine = 0;
  let name = '';
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    const top = /^(apiVersion|kind):\s*["']?([^"'\s#]+)/.exec(l);
    if (top?.[1] === 'apiVersion') api = top[2]!;
    if (top?.[1] === 'kind') {
      kind = top[2]!;
      kindLine = i + 1;
    }
    const n = /^ {2}name:\s*["']?([\w.-]+)["']?\s*$/.exec(l);
    if (n && !name) name = n[1]!;
  }
  const rec = (engine: PolicyRec['engine']): PolicyRec => ({ kind: 'policy', engine, name: name || kind });
  if (/kyverno\.io\//.test(api) && /^(Cluster)?Policy$/.test(kind)) {
    const out: Array<{ rec: PolicyRec; line: number }> = [];
    for (let i = from; i < to; i++) if (/^\s*(-\s+)?verifyImages:/.test(lines[i]!)) out.push({ rec: rec('kyverno'), line: i + 1 });
    return out;
  }
  if (/kyverno\.io\//.test(api) && /ImageValidatingPolicy|ImageVerificationPolicy/.test(kind)) return [{ rec: rec('kyverno'), line: kindLine }];
  if (/^policy\.sigstore\.dev\//.test(api) && kind === 'ClusterImagePolicy') return [{ rec: rec('sigstore-policy-controller'), line: kindLine }];
  if (/^config\.ratify\.deislabs\.io\//.test(api) && /Verifier|Policy/.test(kind)) return [{ rec: rec('ratify'), line: kindLine }];
  if (/^connaisseur\./.test(api)) return [{ rec: rec('connaisseur'), line: kindLine }];
  return [];
}

export function parsePolicies(ctx: ParseContext, path: string): Array<{ rec: PolicyRec; line: number }> {
  const out: Array<{ rec: PolicyRec; line: number }> = [];
  const site = (line: number): { file: string; line: number; text: string } => ({ file: path, line, text: ctx.lineText(path, line) });
  for (const y of ctx.readYamlDocs(path)) {
    const root = y.doc.contents;
    const api = str(y, root, 'apiVersion') ?? '';
    const kind = str(y, root, 'kind') ?? '';
    const name = str(y, get(y, root, 'metadata'), 'name') ?? kind;
    if (/kyverno\.io\//.test(api) && /^(Cluster)?Policy$/.test(kind)) {
      for (const rule of items(y, get(y, get(y, root, 'spec'), 'rules'))) {
        const v = getEntry(y, rule, 'verifyImages');
        if (v) out.push({ rec: { kind: 'policy', engine: 'kyverno', name, expects: kyvernoExpectations(y, root, rule, name, site) }, line: v.line });
      }
    } else if (/kyverno\.io\//.test(api) && /ImageValidatingPolicy|ImageVerificationPolicy/.test(kind)) {
      out.push({ rec: { kind: 'policy', engine: 'kyverno', name, expects: [imageValidatingExpectation(y, root, name, site)] }, line: y.lineOf(getEntry(y, root, 'kind')?.value ?? root) });
    } else if (/^policy\.sigstore\.dev\//.test(api) && kind === 'ClusterImagePolicy') {
      out.push({ rec: { kind: 'policy', engine: 'sigstore-policy-controller', name, expects: [clusterImagePolicyExpectation(y, root, name, site)] }, line: getEntry(y, root, 'kind')?.line ?? 1 });
    } else if (/^source\.toolkit\.fluxcd\.io\//.test(api) && /^(OCIRepository|HelmChart)$/.test(kind)) {
      const expects = fluxExpectation(y, root, name, site);
      if (expects) out.push({ rec: { kind: 'policy', engine: 'flux', name, expects: [expects] }, line: expects.sites[0]!.line });
    } else if (/^config\.ratify\.deislabs\.io\//.test(api) && /Verifier|Policy/.test(kind)) {
      out.push({ rec: { kind: 'policy', engine: 'ratify', name }, line: getEntry(y, root, 'kind')?.line ?? 1 });
    } else if (/^connaisseur\./.test(api)) {
      out.push({ rec: { kind: 'policy', engine: 'connaisseur', name }, line: getEntry(y, root, 'kind')?.line ?? 1 });
    } else if (/connaisseur/i.test(path) || get(y, root, 'connaisseur') !== undefined) {
      // Connaisseur Helm values: validators + policy
      const base = get(y, root, 'connaisseur') ?? root;
      const validators = getEntry(y, base, 'validators') ?? getEntry(y, get(y, base, 'application'), 'validators');
      if (validators && entries(y, base).some((e) => e.key === 'policy') || validators && get(y, get(y, base, 'application'), 'policy') !== undefined) {
        out.push({ rec: { kind: 'policy', engine: 'connaisseur', name: 'connaisseur' }, line: validators!.line });
      }
    } else if (/constraints\.gatekeeper\.sh/.test(api) && /ratify/i.test(kind)) {
      out.push({ rec: { kind: 'policy', engine: 'ratify', name }, line: getEntry(y, root, 'kind')?.line ?? 1 });
    }
  }
  return out;
}
