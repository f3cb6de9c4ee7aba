#!/usr/bin/env bash
# Runs the browser tests (tests/browser/*.test.mjs) against the real
# `symcheck serve`: installs the pinned npm packages from package-lock.json
# (npm ci), then node's test runner drives Debian's chromium through
# playwright-core. Screenshots of every
# page land in build/screenshots/.
#
# Usage: scripts/browser-tests.sh [BUILD_DIR]   (default build; the symcheck
#        binary is BUILD_DIR/symcheck, or $SYMCHECK_BIN)
# Needs: scripts/install-deps.sh web (nodejs, npm, chromium).
set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-build}
export SYMCHECK_BIN=${SYMCHECK_BIN:-$build/symcheck}
if [ ! -x "$SYMCHECK_BIN" ]; then
  echo "browser-tests: $SYMCHECK_BIN is missing: build symcheck first (make build)" >&2
  exit 2
fi
for tool in node npm /usr/bin/chromium; do
  if ! command -v "$tool" >/dev/null; then
    echo "browser-tests: $tool is missing: run scripts/install-deps.sh web" >&2
    exit 2
  fi
done
npm ci --no-audit --no-fund --loglevel=error
mkdir -p build/screenshots
node --test --test-concurrency=1 tests/browser/
