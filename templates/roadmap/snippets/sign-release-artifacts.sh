#!/usr/bin/env bash
# Sign release files with cosign and verify each signature right away.
#
#   ./sign-release-artifacts.sh dist/app-linux-amd64 dist/app-darwin-arm64 ...
#
# Writes <file>.sigstore.json next to each file (signature + certificate or key
# reference + transparency-log proof). Publish the bundle with the file.
#
# Two modes:
#  - keyless (default): cosign obtains a short-lived certificate for your identity
#    (browser login on a workstation, the ambient OIDC token in CI). Set SIGNER_IDENTITY
#    and SIGNER_ISSUER to the identity that must appear in the certificate.
#  - managed key: set COSIGN_KEY_REF to a KMS URI (awskms:///alias/release-signing,
#    gcpkms://projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY,
#    hashivault://release-signing). Never a key file on a laptop.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
command -v cosign >/dev/null || { echo "cosign is not installed" >&2; exit 2; }

COSIGN_KEY_REF="${COSIGN_KEY_REF:-}"
SIGNER_IDENTITY="${SIGNER_IDENTITY:-}"
SIGNER_ISSUER="${SIGNER_ISSUER:-}"

if [ -z "$COSIGN_KEY_REF" ] && { [ -z "$SIGNER_IDENTITY" ] || [ -z "$SIGNER_ISSUER" ]; }; then
  echo "keyless mode needs SIGNER_IDENTITY (e.g. release-manager@example.com) and" >&2
  echo "SIGNER_ISSUER (e.g. https://accounts.google.com), or set COSIGN_KEY_REF" >&2
  exit 2
fi

for f in "$@"; do
  [ -f "$f" ] || { echo "not a file: $f" >&2; exit 2; }
  bundle="${f}.sigstore.json"
  if [ -n "$COSIGN_KEY_REF" ]; then
    cosign sign-blob --yes --key "$COSIGN_KEY_REF" --bundle "$bundle" "$f"
    cosign verify-blob --key "$COSIGN_KEY_REF" --bundle "$bundle" "$f"
  else
    cosign sign-blob --yes --bundle "$bundle" "$f"
    cosign verify-blob --bundle "$bundle" \
      --certificate-identity "$SIGNER_IDENTITY" \
      --certificate-oidc-issuer "$SIGNER_ISSUER" \
      "$f"
  fi
  echo "signed and verified: $f -> $bundle"
done
