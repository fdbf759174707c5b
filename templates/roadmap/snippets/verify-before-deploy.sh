#!/usr/bin/env bash
# Deployment gate for any CI system: verify the image signature against the pinned
# signer identity and issuer, then deploy exactly that digest. Exit non-zero (and
# deploy nothing) when the signature is missing or was made by anyone else.
#
#   ./verify-before-deploy.sh ghcr.io/OWNER/IMAGE sha256:<64 hex>
#
# Keyless signatures: set SIGNER_IDENTITY_REGEXP and SIGNER_ISSUER (defaults below are
# placeholders for a GitHub Actions release workflow). Key-based signatures: set
# COSIGN_KEY_REF (cosign.pub or a KMS URI) instead.
set -euo pipefail

IMAGE_REPO="${1:?usage: $0 IMAGE_REPOSITORY sha256:DIGEST}"
IMAGE_DIGEST="${2:?usage: $0 IMAGE_REPOSITORY sha256:DIGEST}"
SIGNER_IDENTITY_REGEXP="${SIGNER_IDENTITY_REGEXP:-^https://github\.com/OWNER/REPO/\.github/workflows/release\.yml@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+$}"
SIGNER_ISSUER="${SIGNER_ISSUER:-https://token.actions.githubusercontent.com}"
COSIGN_KEY_REF="${COSIGN_KEY_REF:-}"
DEPLOYMENT="${DEPLOYMENT:-app}"
CONTAINER="${CONTAINER:-app}"

if [[ ! "$IMAGE_DIGEST" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "refusing: '$IMAGE_DIGEST' is not a sha256 digest (never deploy by tag)" >&2
  exit 2
fi

if [ -n "$COSIGN_KEY_REF" ]; then
  cosign verify --key "$COSIGN_KEY_REF" "${IMAGE_REPO}@${IMAGE_DIGEST}" >/dev/null
else
  cosign verify \
    --certificate-identity-regexp "$SIGNER_IDENTITY_REGEXP" \
    --certificate-oidc-issuer "$SIGNER_ISSUER" \
    "${IMAGE_REPO}@${IMAGE_DIGEST}" >/dev/null
fi
echo "signature verified for ${IMAGE_REPO}@${IMAGE_DIGEST}"

kubectl set image "deployment/${DEPLOYMENT}" "${CONTAINER}=${IMAGE_REPO}@${IMAGE_DIGEST}"
