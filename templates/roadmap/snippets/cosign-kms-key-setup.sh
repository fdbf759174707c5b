#!/usr/bin/env bash
# Create a signing key inside a cloud KMS and publish its public key.
# The private key is generated in the KMS and can never be exported; signing is a
# KMS API call that the KMS logs (AWS CloudTrail / Google Cloud Audit Logs / Azure
# Key Vault diagnostic logs).
#
#   PROVIDER=aws ./cosign-kms-key-setup.sh
#   PROVIDER=gcp GCP_PROJECT=my-project GCP_LOCATION=europe-west1 ./cosign-kms-key-setup.sh
#   PROVIDER=azure AZURE_VAULT=my-vault ./cosign-kms-key-setup.sh
#
# Run it once, as an administrator, from a trusted machine or an admin pipeline.
set -euo pipefail

PROVIDER="${PROVIDER:?set PROVIDER=aws, gcp or azure}"
KEY_NAME="${KEY_NAME:-release-signing}"

case "$PROVIDER" in
  aws)
    key_id="$(aws kms create-key \
      --key-spec ECC_NIST_P256 \
      --key-usage SIGN_VERIFY \
      --description "Release signing key (cosign)" \
      --query KeyMetadata.KeyId --output text)"
    aws kms create-alias --alias-name "alias/${KEY_NAME}" --target-key-id "$key_id"
    key_ref="awskms:///alias/${KEY_NAME}"
    ;;
  gcp)
    GCP_PROJECT="${GCP_PROJECT:?set GCP_PROJECT}"
    GCP_LOCATION="${GCP_LOCATION:?set GCP_LOCATION}"
    GCP_KEYRING="${GCP_KEYRING:-release}"
    gcloud kms keyrings create "$GCP_KEYRING" \
      --project "$GCP_PROJECT" --location "$GCP_LOCATION"
    gcloud kms keys create "$KEY_NAME" \
      --project "$GCP_PROJECT" --location "$GCP_LOCATION" --keyring "$GCP_KEYRING" \
      --purpose asymmetric-signing --default-algorithm ec-sign-p256-sha256 \
      --protection-level hsm
    key_ref="gcpkms://projects/${GCP_PROJECT}/locations/${GCP_LOCATION}/keyRings/${GCP_KEYRING}/cryptoKeys/${KEY_NAME}"
    ;;
  azure)
    AZURE_VAULT="${AZURE_VAULT:?set AZURE_VAULT (a Premium key vault, for HSM-backed keys)}"
    az keyvault key create --vault-name "$AZURE_VAULT" --name "$KEY_NAME" \
      --kty EC-HSM --curve P-256 --ops sign verify
    key_ref="azurekms://${AZURE_VAULT}.vault.azure.net/${KEY_NAME}"
    ;;
  *)
    echo "PROVIDER must be aws, gcp or azure" >&2
    exit 2
    ;;
esac

# The public key is not secret: commit it so that anyone can verify offline.
cosign public-key --key "$key_ref" > cosign.pub
echo "key reference: $key_ref"
echo "public key written to cosign.pub; sign with: cosign sign --yes --key $key_ref IMAGE@DIGEST"
