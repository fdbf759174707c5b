#!/usr/bin/env bash
# Make HashiCorp Vault the central signing service: a non-exportable transit key,
# an audit device that logs every signing request, a policy that allows signing and
# nothing else, and a JWT role that only the release pipeline's OIDC token can use.
#
#   CI=gitlab GITLAB_PROJECT_PATH=GROUP/PROJECT ./vault-transit-setup.sh
#   CI=github GITHUB_REPOSITORY=OWNER/REPO ./vault-transit-setup.sh
#
# Needs the vault CLI logged in as an administrator (VAULT_ADDR, VAULT_TOKEN).
set -euo pipefail

CI="${CI:?set CI=gitlab or CI=github}"
: "${VAULT_ADDR:?set VAULT_ADDR}"
KEY_NAME="${KEY_NAME:-release-signing}"
ROLE_NAME="${ROLE_NAME:-release-signer}"
AUDIENCE="${AUDIENCE:-$VAULT_ADDR}" # must match the aud of the CI job's ID token

# 1. Audit every request (who, when, which key) before anything else is enabled.
#    Ship this log to your SIEM; it is the central trail of signing operations.
vault audit enable file file_path=/var/log/vault/audit.log || vault audit list | grep -q '^file/'

# 2. Transit key: generated inside Vault, never exportable.
vault secrets enable transit || vault secrets list | grep -q '^transit/'
vault write -f "transit/keys/${KEY_NAME}" type=ecdsa-p256 exportable=false allow_plaintext_backup=false

# 3. Policy: read the public key and sign with this key; no export, no delete, no rotate.
vault policy write "$ROLE_NAME" - <<POLICY
path "transit/keys/${KEY_NAME}" {
  capabilities = ["read"]
}
path "transit/sign/${KEY_NAME}" {
  capabilities = ["update"]
}
path "transit/sign/${KEY_NAME}/*" {
  capabilities = ["update"]
}
POLICY

# 4. JWT auth bound to the release pipeline only (protected tags of one project).
vault auth enable jwt || vault auth list | grep -q '^jwt/'
case "$CI" in
  gitlab)
    GITLAB_PROJECT_PATH="${GITLAB_PROJECT_PATH:?set GITLAB_PROJECT_PATH=GROUP/PROJECT}"
    GITLAB_URL="${GITLAB_URL:-https://gitlab.com}"
    vault write auth/jwt/config oidc_discovery_url="$GITLAB_URL" bound_issuer="$GITLAB_URL"
    vault write "auth/jwt/role/${ROLE_NAME}" - <<ROLE
{
  "role_type": "jwt",
  "user_claim": "user_login",
  "bound_audiences": ["${AUDIENCE}"],
  "bound_claims": {
    "project_path": "${GITLAB_PROJECT_PATH}",
    "ref_type": "tag",
    "ref_protected": "true"
  },
  "token_policies": ["${ROLE_NAME}"],
  "token_ttl": "10m",
  "token_max_ttl": "15m"
}
ROLE
    ;;
  github)
    GITHUB_REPOSITORY="${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY=OWNER/REPO}"
    vault write auth/jwt/config oidc_discovery_url="https://token.actions.githubusercontent.com" bound_issuer="https://token.actions.githubusercontent.com"
    vault write "auth/jwt/role/${ROLE_NAME}" - <<ROLE
{
  "role_type": "jwt",
  "user_claim": "job_workflow_ref",
  "bound_audiences": ["${AUDIENCE}"],
  "bound_claims_type": "glob",
  "bound_claims": {
    "repository": "${GITHUB_REPOSITORY}",
    "job_workflow_ref": "${GITHUB_REPOSITORY}/.github/workflows/release.yml@refs/tags/v*"
  },
  "token_policies": ["${ROLE_NAME}"],
  "token_ttl": "10m",
  "token_max_ttl": "15m"
}
ROLE
    ;;
  *)
    echo "CI must be gitlab or github" >&2
    exit 2
    ;;
esac

# 5. Publish the public key so anyone can verify without access to Vault.
cosign public-key --key "hashivault://${KEY_NAME}" > cosign.pub
echo "done: sign in CI with cosign sign --yes --key hashivault://${KEY_NAME} IMAGE@DIGEST"
