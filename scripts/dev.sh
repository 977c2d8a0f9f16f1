#!/usr/bin/env bash
# Quick start: runs Baton with demo data at production speed (web on :3000, worker,
# Postgres, Redis). Builds the web app on the first run and when its sources change.
# For hot reload while changing the code, use `pnpm dev` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec node scripts/dev.mjs "$@"
