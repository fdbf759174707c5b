/**
 * Deploy-time verification policies: Kyverno (`verifyImages` rules, ImageValidatingPolicy),
 * Sigstore policy-controller `ClusterImagePolicy`, Ratify (`config.ratify.deislabs.io`) and
 * Connaisseur. Found in any YAML file whose text carries one of their markers.
 */
import type { ParseContext } from '../ci/model.js';
import { entries, get, getEntry, items, str } from '../ci/yaml-nodes.js';
import type { PolicyRec } from '../ops.js';

export function mayBePolicy(text: string, path = ''): boolean {
  return /kyverno\.io|policy\.sigstore\.dev|ratify|connaisseur|verifyImages/i.test(text) || /connaisseur/i.test(path);
}

export function parsePolicies(ctx: ParseContext, path: string): Array<{ rec: PolicyRec; line: number }> {
  const out: Array<{ rec: PolicyRec; line: number }> = [];
  for (const y of ctx.readYamlDocs(path)) {
    const root = y.doc.contents;
    const api = str(y, root, 'apiVersion') ?? '';
    const kind = str(y, root, 'kind') ?? '';
    const name = str(y, get(y, root, 'metadata'), 'name') ?? kind;
    if (/kyverno\.io\//.test(api) && /^(Cluster)?Policy$/.test(kind)) {
      for (const rule of items(y, get(y, get(y, root, 'spec'), 'rules'))) {
        const v = getEntry(y, rule, 'verifyImages');
        if (v) out.push({ rec: { kind: 'policy', engine: 'kyverno', name }, line: v.line });
      }
    } else if (/kyverno\.io\//.test(api) && /ImageValidatingPolicy|ImageVerificationPolicy/.test(kind)) {
      out.push({ rec: { kind: 'policy', engine: 'kyverno', name }, line: y.lineOf(getEntry(y, root, 'kind')?.value ?? root) });
    } else if (/^policy\.sigstore\.dev\//.test(api) && kind === 'ClusterImagePolicy') {
      out.push({ rec: { kind: 'policy', engine: 'sigstore-policy-controller', name }, line: getEntry(y, root, 'kind')?.line ?? 1 });
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
