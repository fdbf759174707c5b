#!/usr/bin/env bash
# Audit who used the release signing key (AWS KMS, from CloudTrail) and fail when any
# principal other than the release pipeline's role called kms:Sign. Run it on a
# schedule (daily) and send failures to the team's alert channel.
#
#   KEY_ARN=arn:aws:kms:eu-west-1:111122223333:key/KEY-ID \
#   ALLOWED_ROLE=release-signer DAYS=7 ./kms-signing-audit-log.sh
#
# Needs: aws CLI with cloudtrail:LookupEvents in the key's region, jq.
set -euo pipefail

KEY_ARN="${KEY_ARN:?set KEY_ARN to the key ARN (not the alias)}"
ALLOWED_ROLE="${ALLOWED_ROLE:?set ALLOWED_ROLE to the signing role name}"
DAYS="${DAYS:-7}"
start="$(date -u -d "-${DAYS} days" +%Y-%m-%dT%H:%M:%SZ)"

aws cloudtrail lookup-events \
  --lookup-attributes AttributeKey=EventName,AttributeValue=Sign \
  --start-time "$start" --output json \
  | jq --arg key "$KEY_ARN" '[.Events[]
      | select(any(.Resources[]?; .ResourceName == $key))
      | .CloudTrailEvent | fromjson
      | {time: .eventTime, principal: .userIdentity.arn, source: .sourceIPAddress, error: .errorCode}]' \
  > kms-sign-events.json

total="$(jq 'length' kms-sign-events.json)"
unexpected="$(jq --arg role "assumed-role/${ALLOWED_ROLE}/" \
  '[.[] | select((.principal // "") | contains($role) | not)]' kms-sign-events.json)"

echo "kms:Sign calls on ${KEY_ARN} since ${start}: ${total} (details in kms-sign-events.json)"
if [ "$(jq 'length' <<<"$unexpected")" -gt 0 ]; then
  echo "Sign calls by principals other than ${ALLOWED_ROLE}:" >&2
  jq -r '.[] | "\(.time) \(.principal) \(.source) \(.error // "ok")"' <<<"$unexpected" >&2
  exit 1
fi
