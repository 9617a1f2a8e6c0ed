#!/usr/bin/env bash
# Whole `matcher match` runs (CSV in, CSV out) on generated rosters in each
# program shape, so that the shapes and the one-mentor program see the same
# machine:
#
#   benches/rosters/shapes.sh [MENTEESxMENTORS]     # default 10000x5000
#
# Variants: `one` (the generated rosters as they are: one mentor per mentee),
# `several` (mentee capacities 1, 2, 3, 1, 2, 3, …: up to three mentors each),
# and `pairs` (a peer roster of PEOPLE people, default 20000, each offering
# one generated mentor's skills and wanting one generated mentee's, paired
# with --pairs). Mentor capacities are the generator's spread, seed 1. Prints
# one Markdown row per variant: the median wall time and peak memory of RUNS
# runs (default 3).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-3}"
people="${PEOPLE:-20000}"
size="${1:-10000x5000}"
mentees="${size%x*}" mentors="${size#*x}"
cargo build --quiet --release --locked -p matcher-cli --manifest-path "$root/Cargo.toml"
matcher="${CARGO_TARGET_DIR:-$root/target}/release/matcher"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$matcher" generate --mentees "$mentees" --mentors "$mentors" --out "$work/g" > /dev/null
# A `capacity` column on the mentees: 1, 2, 3, 1, 2, 3, …
awk -F, -v OFS=, 'NR == 1 { print $0, "capacity"; next } { print $0, (NR - 2) % 3 + 1 }' \
  "$work/g/mentees.csv" > "$work/g/several.csv"
half=$((people / 2))
"$matcher" generate --mentees "$half" --mentors "$half" --out "$work/p" > /dev/null
# The peer roster: each generated mentor and mentee becomes one person whose
# `skills` are a mentor's and `learning` a mentee's.
python3 - "$work/p" "$work/people.csv" <<'PY'
import csv, sys
folder, out = sys.argv[1], sys.argv[2]
mentors = list(csv.DictReader(open(f"{folder}/mentors.csv", encoding="utf-8")))
mentees = list(csv.DictReader(open(f"{folder}/mentees.csv", encoding="utf-8")))
n = len(mentors)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "department", "gender", "location", "skills", "learning", "values", "goals"])
    for i in range(n):
        for k, person in enumerate((mentors[i], mentees[i])):
            w.writerow([f"P{2 * i + k:06d}", person["name"], person["department"], person["gender"],
                        person["location"], mentors[(i + k * n // 2) % n]["skills"], mentees[i]["skills"],
                        person["values"], person["goals"]])
PY

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| roster | variant | median wall time | peak memory |"
echo "|---|---|---|---|"
for name in one several pairs; do
  : > "$work/times"; : > "$work/memory"
  for _ in $(seq "$runs"); do
    case "$name" in
      one) args=(--mentors "$work/g/mentors.csv" --mentees "$work/g/mentees.csv") ;;
      several) args=(--mentors "$work/g/mentors.csv" --mentees "$work/g/several.csv") ;;
      pairs) args=(--people "$work/people.csv" --pairs) ;;
    esac
    /usr/bin/time -f '%e %M' -o "$work/time" "$matcher" match --quiet "${args[@]}" --out "$work/out.csv"
    read -r seconds kilobytes < "$work/time"
    echo "$seconds" >> "$work/times"
    echo "$kilobytes" >> "$work/memory"
  done
  roster="$mentees × $mentors"; [[ $name == pairs ]] && roster="$people people"
  seconds="$(median < "$work/times")"
  megabytes="$(median < "$work/memory" | awk '{ printf "%.0f", $1 / 1024 }')"
  echo "| $roster | $name | $seconds s | $megabytes MB |"
done
