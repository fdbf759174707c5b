/** Every `uses:` in a workflow or composite action, and whether each is pinned by a full commit SHA. */
export function usesOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => usesOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'uses' && typeof v === 'string') out.push(v);
      else usesOf(v, out);
    }
  }
  return out;
}

/** owner/repo[/path]@<40 hex>: a local action (./) or a docker:// image is not a pin question. */
export function isPinned(uses: string): boolean {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return true;
  return /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/.test(uses);
}
