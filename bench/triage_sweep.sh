#!/bin/sh
# bench/triage_sweep.sh - the sweep that chose the must-not-miss thresholds
# (docs/evaluation.md, "Must-not-miss thresholds"):
#
#   bench/triage_sweep.sh [BINARY]
#
# For each pair of escalation thresholds (emergency/ambulance, urgent care)
# it replays the project's own vignettes (tests/vignettes, packs/anorectal;
# tests/vignettes/headache with packs/headache when that folder exists)
# and the DDXPlus validation patients (packs/ddxplus; DDXPLUS_DIR, default
# ../shared/data/ddxplus beside the repository, else the 300-patient sample
# in tests/data/ddxplus; also with interviews cut at 5 questions) and prints
# under- and over-triage and the emergencies given less than emergency care.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/symcheck}
sweep=$(dirname "$bin")/bench/bench_triage_sweep
data=${DDXPLUS_DIR:-$root/../shared/data/ddxplus}
threads=${THREADS:-$(nproc)}
echo "== own vignettes (tests/vignettes, packs/anorectal; true level = expect.min_level)"
"$sweep" --pack "$root/packs/anorectal" --vignettes "$root/tests/vignettes" --threads 1
if [ -d "$root/tests/vignettes/headache" ]; then
  echo "== headache vignettes (tests/vignettes/headache, packs/headache; true level = expect.min_level)"
  "$sweep" --pack "$root/packs/headache" --vignettes "$root/tests/vignettes/headache" --threads 1
fi
validate=$data/derived/release_validate_patients_ascii_subset_en.csv
if [ -f "$validate" ]; then
  echo "== DDXPlus validation patients ($validate, packs/ddxplus; true level = the condition's urgency)"
  "$sweep" --pack "$root/packs/ddxplus" --data "$data" --cases "$validate" --threads "$threads"
  echo "== the same, interviews cut at 5 questions (a stress test: the posterior stays spread)"
  "$sweep" --pack "$root/packs/ddxplus" --data "$data" --cases "$validate" --threads "$threads" \
    --max-questions 5
else
  echo "== DDXPlus data not found in $data: the 300-patient sample"
  "$sweep" --pack "$root/packs/ddxplus" --data "$root/tests/data/ddxplus" \
    --cases "$root/tests/data/ddxplus/patients_300.csv" --threads "$threads"
fi
