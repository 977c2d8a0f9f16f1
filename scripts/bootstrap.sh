#!/usr/bin/env bash
# Makes sure pnpm and the dependencies are there. Needs only Node >= 20.19 and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.21.0
if ! command -v node >/dev/null; then
  echo "Baton needs Node.js >= 20.19 (https://nodejs.org)." >&2
  exit 1
fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ "$(id -u)" = 0 ] || [ -w "$(npm prefix -g 2>/dev/null)/lib" ]; then
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION"
  else
    # No global install rights: a user-local prefix.
    npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi
pnpm install --frozen-lockfile --reporter=silent
