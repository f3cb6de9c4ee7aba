#!/bin/sh
# bench/search.sh - top-1 and top-3 hit rates of the complaint search on the
# lay queries of tests/search/queries.tsv, across every pack under packs/
# (make bench; bench/search.c does the counting).
#
#   bench/search.sh [BINARY]   (bench_search is found beside it, in bench/)
#
# A rate under the goal prints MISSED; it never fails the bench.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/symcheck}
set --
for pack in "$root"/packs/*/; do
  [ -f "$pack/pack.yaml" ] && set -- "$@" "${pack%/}"
done
"$(dirname "$bin")/bench/bench_search" "$root/tests/search/queries.tsv" "$@"
