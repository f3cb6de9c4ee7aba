#!/bin/sh
# bench/ddxplus.sh - the DDXPlus evaluation on every patient we have (make bench).
#
#   bench/ddxplus.sh [BINARY]
#
# 1. 5-fold cross-validation on the 2,611-patient subset of the test split (49 pathologies):
#    each fold is diagnosed by a pack fitted on the other four.
# 2. The committed pack (fitted on those 2,611) on the 6,933- and 6,763-patient ASCII subsets
#    of the test and validate splits (19 pathologies, other patients; 128 of the test rows are
#    also in the 2,611, see docs/evaluation.md).
# Each prints its figures and interviews per second per core. DDXPLUS_DIR points at the data
# (default: ../shared/data/ddxplus beside the repository); without it, the fixed 300-patient
# sample in tests/data/ddxplus is used.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/symcheck}
data=${DDXPLUS_DIR:-$root/../shared/data/ddxplus}
threads=${THREADS:-$(nproc)}
clinical=$root/packs/ddxplus/clinical.yaml # each fold's pack takes its urgencies from here
if [ ! -f "$data/release_evidences.json" ]; then
  echo "DDXPlus data not found in $data; using the 300-patient sample"
  "$bin" eval --cases "$root/tests/data/ddxplus/patients_300.csv" --folds 5 --threads "$threads" \
    --clinical "$clinical"
  exit 0
fi
echo "== 5-fold cross-validation, 2,611 patients (test split subset, 49 pathologies)"
"$bin" eval --cases "$data/release_test_patients_mini_version.txt" --folds 5 --threads "$threads" \
  --clinical "$clinical"
for split in test validate; do
  file="$data/derived/release_${split}_patients_ascii_subset_en.csv"
  [ -f "$file" ] || continue
  echo "== packs/ddxplus on the $split ASCII subset ($file)"
  "$bin" eval --pack "$root/packs/ddxplus" --data "$data" --cases "$file" --threads "$threads"
done
