#!/usr/bin/env bash
# Makes sure pnpm and the dependencies are there. Needs only Node >= 20.19 and npm.
# Every problem it can foresee ends in one sentence saying what to do, and a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=12.21.0
die() { printf '\033[31m✗ %s\033[0m\n' "$1" >&2; exit 1; }
command -v node >/dev/null || die "Baton needs Node.js 20.19 or newer and none is installed: install it (https://nodejs.org/en/download) and run this again."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Baton needs Node.js 20.19 or newer and this is $(node --version): install a current Node.js (https://nodejs.org/en/download) and run this again."
command -v npm >/dev/null || die "Baton needs npm (it comes with Node.js) to install pnpm: install Node.js from https://nodejs.org/en/download and run this again."
free_kb=$(df -Pk . 2>/dev/null | awk 'NR==2 {print $4}')
if [ -n "${free_kb:-}" ] && [ "$free_kb" -lt 1048576 ]; then
  die "Only $((free_kb / 1024)) MB are free on the disk holding $(pwd); Baton needs about 1 GB for its dependencies, build and data: free some space and run this again."
fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ "$(id -u)" = 0 ] || [ -w "$(npm prefix -g 2>/dev/null)/lib" ]; then
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION" \
      || die "Installing pnpm $PNPM_VERSION with npm failed (output above): check that the npm registry is reachable and run this again."
  else
    # No global install rights: a user-local prefix.
    npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null \
      || die "Installing pnpm $PNPM_VERSION into ~/.local with npm failed (output above): check that the npm registry is reachable and run this again."
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi
pnpm install --frozen-lockfile --reporter=silent \
  || die "Installing the dependencies failed (pnpm's output is above): check that the npm registry is reachable and that the disk has space, then run this again."
