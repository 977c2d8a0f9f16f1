#!/usr/bin/env bash
# Quick start: runs every test (lint, typecheck, unit, integration, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec node scripts/test-all.mjs "$@"
