#!/usr/bin/env bash
# Quick start: runs Baton with demo data (web on :3000, worker, Postgres, Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec node scripts/dev.mjs
