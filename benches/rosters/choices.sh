#!/usr/bin/env bash
# Whole `matcher match` runs (CSV in, CSV out) on generated rosters with and
# without participants' picks, interleaved so that both see the same machine:
#
#   benches/rosters/choices.sh [SIZE...]      # SIZE is MENTEESxMENTORS, default 10000x2500
#
# Variants: `plain` (no picks), `bonus` (picks, the default mode), and the ones
# named in VARIANTS (comma-separated, default plain,bonus; also rank, only,
# stable). Every mentor has capacity 4, seed 1. Prints one Markdown row per
# size and variant: the median wall time and peak memory of RUNS runs (default
# 5), and the ratio of the medians to `plain`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-5}"
variants="${VARIANTS:-plain,bonus}"
sizes=("${@:-10000x2500}")
cargo build --quiet --release --locked -p matcher-cli --manifest-path "$root/Cargo.toml"
matcher="${CARGO_TARGET_DIR:-$root/target}/release/matcher"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# config VARIANT: the config file a variant runs with.
config() {
  case "$1" in
    plain | bonus) printf '' ;;
    rank | only) printf '[preferences]\nmode = "%s"\n' "$1" ;;
    stable) printf '[solver]\nobjective = "stable"\n' ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac > "$work/$1.toml"
  echo "$work/$1.toml"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| roster | variant | median wall time | peak memory | vs plain |"
echo "|---|---|---|---|---|"
for size in "${sizes[@]}"; do
  mentees="${size%x*}" mentors="${size#*x}"
  "$matcher" generate --mentees "$mentees" --mentors "$mentors" --capacity 4 --out "$work/plain" > /dev/null
  "$matcher" generate --mentees "$mentees" --mentors "$mentors" --capacity 4 --picks --out "$work/picks" > /dev/null
  IFS=, read -ra names <<< "$variants"
  for name in "${names[@]}"; do : > "$work/$name.times"; : > "$work/$name.memory"; done
  for _ in $(seq "$runs"); do
    for name in "${names[@]}"; do
      rosters="$work/picks"; [[ $name == plain ]] && rosters="$work/plain"
      /usr/bin/time -f '%e %M' -o "$work/time" "$matcher" match --quiet \
        --mentors "$rosters/mentors.csv" --mentees "$rosters/mentees.csv" \
        --config "$(config "$name")" --out "$work/$name.csv"
      read -r seconds kilobytes < "$work/time"
      echo "$seconds" >> "$work/$name.times"
      echo "$kilobytes" >> "$work/$name.memory"
    done
  done
  plain="$(median < "$work/plain.times" 2>/dev/null || true)"
  for name in "${names[@]}"; do
    seconds="$(median < "$work/$name.times")"
    megabytes="$(median < "$work/$name.memory" | awk '{ printf "%.0f", $1 / 1024 }')"
    ratio="$(awk -v a="$seconds" -v b="${plain:-0}" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "—" }')"
    echo "| $mentees × $mentors | $name | $seconds s | $megabytes MB | $ratio |"
  done
done
