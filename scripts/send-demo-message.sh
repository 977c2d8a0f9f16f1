#!/usr/bin/env bash
# Posts a customer message to the demo channel with the demo API key (see .data/demo.env),
# through the typed API client (scripts/send-demo-message.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
set -a
source "${BATON_DATA_DIR:-.data}/demo.env"
set +a
exec ./node_modules/.bin/tsx scripts/send-demo-message.ts "$@"
