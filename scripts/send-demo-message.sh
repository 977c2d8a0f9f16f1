#!/usr/bin/env bash
# Posts a customer message to the demo channel with the demo API key (see .data/demo.env).
set -euo pipefail
cd "$(dirname "$0")/.."
source .data/demo.env
text="${1:-Hello, is anyone there?}"
contact="${2:-demo-$(date +%s)}"
curl -sS -X POST "$BATON_URL/api/v1/channels/$BATON_CHANNEL_ID/messages" \
  -H "Authorization: Bearer $BATON_API_KEY" -H 'Content-Type: application/json' \
  -d "{\"contact\":{\"externalId\":\"$contact\",\"name\":\"Demo Customer\"},\"text\":\"$text\"}"
echo
