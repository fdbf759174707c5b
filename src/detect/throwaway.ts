/**
 * Registries no deliverable is published to: the local daemon (`ko.local`), a test cluster's
 * registry (`localhost:5000`, `kind-registry`, `registry.local`), the anonymous expiring `ttl.sh`.
 * An end-to-end test pushing there ships nothing.
 */
export function isThrowawayRegistry(ref: string): boolean {
  return /^(ko\.local|kind\.local|localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|ttl\.sh|registry\.local|kind-registry|local-registry)([:/]|$)/i.test(ref.replace(/^["']|["']$/g, '').replace(/^(docker|oci):\/\//, ''));
}
