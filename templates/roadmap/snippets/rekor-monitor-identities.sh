#!/usr/bin/env bash
# Transparency-log monitor for any CI scheduler (run hourly). Verifies that the Rekor
# log is append-only since the previous run and lists new entries whose certificate
# was issued to one of your signing identities. Exit code 3 means "new signatures
# found": route it to the team's alert channel and match each one to a release.
#
#   CHECKPOINT_FILE=/persistent/rekor-checkpoint.txt \
#   CERT_SUBJECT_REGEXP='https://gitlab\.com/GROUP/PROJECT//.*' \
#   CERT_ISSUER_REGEXP='https://gitlab\.com' ./rekor-monitor-identities.sh
#
# Keep CHECKPOINT_FILE between runs (CI cache or artifact); the first run only records
# a checkpoint. Needs Go >= 1.25.
set -euo pipefail

# sigstore/rekor-monitor has no release tags: pin a reviewed commit of main.
REKOR_MONITOR_COMMIT="${REKOR_MONITOR_COMMIT:-564014c8c3a232791202f911e96c8c6200b76f28}"
# cosign v3 logs to Rekor v2; update when the Sigstore signing config moves to a new shard.
REKOR_URL="${REKOR_URL:-https://log2025-1.rekor.sigstore.dev}"
CHECKPOINT_FILE="${CHECKPOINT_FILE:?set CHECKPOINT_FILE to a path kept between runs}"
CERT_SUBJECT_REGEXP="${CERT_SUBJECT_REGEXP:?set CERT_SUBJECT_REGEXP}"
CERT_ISSUER_REGEXP="${CERT_ISSUER_REGEXP:?set CERT_ISSUER_REGEXP}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

cat > "$workdir/config.yaml" <<CONFIG
monitoredValues:
  certIdentities:
    - certSubject: '${CERT_SUBJECT_REGEXP}'
      issuers:
        - '${CERT_ISSUER_REGEXP}'
outputIdentities: ${workdir}/identities.txt
CONFIG

go run "github.com/sigstore/rekor-monitor/cmd/rekor_monitor@${REKOR_MONITOR_COMMIT}" \
  --once=true \
  --url "$REKOR_URL" \
  --file "$CHECKPOINT_FILE" \
  --config-file "$workdir/config.yaml"

if [ -s "$workdir/identities.txt" ]; then
  echo "New Rekor entries for the monitored identities:"
  cat "$workdir/identities.txt"
  exit 3
fi
echo "log consistent; no new entries for the monitored identities"
