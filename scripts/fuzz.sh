#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang, ASan and
# UBSan, and runs each for SECONDS on a copy of its committed seed corpus.
# A crash leaves the input in BUILD_DIR/findings/ and fails the run.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
build=${1:-build/fuzz}
seconds=${2:-60}
cd "$(dirname "$0")/.."
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
  -DSYMCHECK_SANITIZE=ON -DSYMCHECK_FUZZ=ON >/dev/null
targets=$(find tests/fuzz -maxdepth 1 -name 'fuzz_*.c' -exec basename {} .c \; | sort)
# shellcheck disable=SC2086
cmake --build "$build" -j "$(nproc)" --target $targets
mkdir -p "$build/findings"
for t in $targets; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  if [ -d "tests/fuzz/corpus/$t" ]; then cp -n "tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true; fi
  echo "fuzz: $t for ${seconds}s"
  # -timeout: an input that takes 10 s is a hang; fail at once, not after
  # libFuzzer's default 20 minutes.
  ASAN_OPTIONS=detect_leaks=1 "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 \
    -artifact_prefix="$build/findings/$t-" -print_final_stats=1 "$corpus" 2>"$build/$t.log" ||
    { tail -40 "$build/$t.log" >&2; echo "fuzz: $t failed; input saved under $build/findings/" >&2; exit 1; }
  grep -E '^(stat::number_of_executed_units|Done)' "$build/$t.log" | sed "s/^/fuzz: $t: /" || true
done
