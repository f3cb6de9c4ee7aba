#!/usr/bin/env bash
# Runs every benchmark: the engine (bench/engine.c) and each bench/*.sh or
# bench/*/run.sh script, which is given the symcheck binary as its argument.
# Each prints ratios against a baseline measured in the same run on this
# machine.
# Usage: scripts/bench.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
"$build/bench/bench_engine" packs/anorectal
for script in bench/*.sh bench/*/run.sh; do
  [ -f "$script" ] || continue
  echo
  echo "== $script"
  bash "$script" "$build/symcheck"
done
