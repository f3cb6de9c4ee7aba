#!/bin/sh
# bench/semigran.sh - the 45 Semigran 2015 vignettes (tests/vignettes/semigran2015, written blind
# from the published case texts) replayed with every pack under packs/ (make bench).
#
#   bench/semigran.sh [BINARY]
#
# Prints symcheck's figures beside the project's goals (issues 9 and 10) and the published average
# of 23 symptom checkers on the same vignettes (Semigran et al., BMJ 2015;351:h3480). A goal not
# met is printed as MISSED; it never fails the bench. Each file counts as a case (a case that reads
# two ways has two files), so the figures are over files, not over the 45 cases.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/symcheck}
cases="$root/tests/vignettes/semigran2015"
set --
for pack in "$root"/packs/*/; do
  [ -f "$pack/pack.yaml" ] && set -- "$@" --pack "${pack%/}"
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$bin" eval --format vignettes --cases "$cases" "$@" --json >"$out"; then
  echo "MISSED: the Semigran set did not run (the error above names the fix); no figures"
  exit 0
fi
python3 - "$out" <<'EOF'
import json, sys

report = json.load(open(sys.argv[1]))
s = report["all"]
r = s["rates"]

def pct(x):
    return "   n/a" if x is None else f"{100 * x:5.1f}%"

em_ok = s["emergencies"] - s["emergencies_missed"]
rows = [
    # figure, symcheck, count, goal text, goal met (None: no goal), published
    ("emergencies sent to emergency", r["emergencies_caught"], f"{em_ok}/{s['emergencies']}",
     "all (none under-triaged)", s["emergencies_missed"] == 0 and s["emergencies"] > 0, "80%"),
    ("appropriate triage (same class)", r["appropriate"], f"{s['appropriate']}/{s['cases']}",
     ">= 80%", r["appropriate"] is not None and r["appropriate"] >= 0.80, "57%"),
    ("self-care cases to self-care", r["self_care_to_self_care"],
     f"{s['self_care_to_self_care']}/{s['self_care']}", ">= 50%",
     r["self_care_to_self_care"] is not None and r["self_care_to_self_care"] >= 0.50, "33%"),
    ("safe triage", r["safe"], f"{s['safe']}/{s['cases']}", "", None, "-"),
    ("top-1 diagnosis (all cases)", r["top1_all"], f"{s['top1']}/{s['cases']}", "", None, "34%"),
    ("top-3 diagnosis (all cases)", r["top3_all"], f"{s['top3']}/{s['cases']}", ">= 51%",
     r["top3_all"] is not None and r["top3_all"] >= 0.51, "51%"),
    ("complaint fits", r["complaint_fits"], f"{s['complaint_fits']}/{s['cases']}",
     ">= 95%", r["complaint_fits"] is not None and r["complaint_fits"] >= 0.95, "-"),
    ("diagnosis known to a pack", r["diagnosis_known"], f"{s['known_diagnosis']}/{s['cases']}",
     "", None, "-"),
]
print(f"Semigran 2015: {s['cases']} files ({s['emergencies']} emergencies, "
      f"{s['self_care']} self-care); packs: "
      + ", ".join(sorted({c['pack'] for c in report['cases']})))
print(f"{'figure':34} {'symcheck':>8} {'count':>7}  {'goal':26} {'23 checkers':>11}")
for name, value, count, goal, met, published in rows:
    mark = "" if met is None else ("met" if met else "MISSED")
    print(f"{name:34} {pct(value):>8} {count:>7}  {goal:26} {published:>11}  {mark}")
print(f"questions per case {s['questions_mean']:.1f}, of them screen {s['screen_questions_mean']:.1f}")
if report.get("unused_packs"):
    print("packs no case used: " + ", ".join(report["unused_packs"]))
EOF
