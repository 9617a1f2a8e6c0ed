#!/usr/bin/env bash
# Runs every fuzz target (or those named) one after another for SECONDS each
# (default 600), niced and single-job so the machine stays usable; optimised, with
# debug assertions and overflow checks on (-O -a). Seeds empty corpora from the
# sample program; writes each run's log to fuzz/logs/.
# Needs nightly and cargo-fuzz: rustup toolchain install nightly; cargo install cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${SECONDS_PER_TARGET:-600}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(roster config solve pipeline outcomes rounds buddies)
data=../data
mkdir -p logs
seed() {
  local dir="corpus/$1"
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return
  mkdir -p "$dir"
  case "$1" in
    roster)
      { printf '\0'; cat "$data/mentors.csv"; } >"$dir/mentors"
      { printf '\1'; cat "$data/mentees.csv"; } >"$dir/mentees"
      # Spreadsheet exports: a byte-order mark, semicolons, UTF-16, Windows-1252.
      for export in semicolons utf16 windows_1252; do
        { printf '\1'; cat "../matcher/tests/fixtures/bad/mentees_$export.csv"; } >"$dir/$export"
      done
      # Workbooks (.xlsx, .ods), read by content.
      { printf '\1'; cat ../matcher/tests/fixtures/bad/mentees_workbook_bad_level.xlsx; } >"$dir/xlsx"
      { printf '\0'; cat "$data/forms/mentors.ods"; } >"$dir/ods" ;;
    config)
      cp "$data/config.toml" "$dir/sample"
      cp "$data/forms/config.toml" "$dir/forms"
      cp ../matcher/src/default_config.toml "$dir/default" ;;
    solve)
      printf '\3\3\0\1\1\1\12\40\77\5\6\7\10\11' >"$dir/three" ;;
    pipeline)
      { head -c 2000 "$data/mentors.csv"; printf '\036'; head -c 3000 "$data/mentees.csv";
        printf '\036'; cat "$data/config.toml"; } >"$dir/sample"
      # A form export with its [columns] and the sample vocabulary file.
      { head -c 2500 "$data/forms/mentors.csv"; printf '\036'; head -c 3000 "$data/forms/mentees.csv";
        printf '\036'; cat "$data/forms/config.toml"; printf '\036'; cat "$data/vocabulary.csv"; } >"$dir/forms"
      # The sample with the vocabulary file and its own pair scores.
      { head -c 2000 "$data/mentors.csv"; printf '\036'; head -c 3000 "$data/mentees.csv";
        printf '\036'; cat "$data/config.toml"; printf '\036'; cat "$data/vocabulary.csv";
        printf '\036'; cat "$data/pair-scores.csv"; } >"$dir/pair_scores"
      # Time zones and weekly slots; skill parents and a list attribute.
      for program in availability related; do
        { cat "$data/$program/mentors.csv"; printf '\036'; cat "$data/$program/mentees.csv";
          printf '\036'; cat "$data/$program/config.toml"; } >"$dir/$program"
      done ;;
    outcomes)
      { head -c 2000 "$data/mentors.csv"; printf '\036'; head -c 3000 "$data/mentees.csv";
        printf '\036'; head -c 2500 "$data/outcomes.csv"; } >"$dir/sample" ;;
    rounds)
      # The sample's second round, and several locks per mentee.
      { head -c 2000 "$data/mentors.csv"; printf '\036'; head -c 3000 "$data/mentees.csv";
        printf '\036'; cat "$data/config.toml"; printf '\036'; head -c 60 "$data/locked.csv";
        printf '\036'; cat "$data/history.csv"; } >"$dir/sample"
      { head -c 2500 "$data/shapes/mentors.csv"; printf '\036'; head -c 3000 "$data/shapes/mentees.csv";
        printf '\036'; cat "$data/shapes/config.toml"; printf '\036'; head -c 40 "$data/shapes/locked.csv";
      } >"$dir/shapes" ;;
    buddies)
      { head -c 4000 "$data/peers/people.csv"; printf '\036'; cat "$data/peers/config.toml";
        printf '\036'; cat "$data/peers/locked.csv"; printf '\036'; cat "$data/peers/history.csv"; } >"$dir/peers" ;;
  esac
}
for target in "${targets[@]}"; do
  seed "$target"
  echo "== $target: ${seconds}s"
  RAYON_NUM_THREADS=1 nice -n 19 cargo +nightly fuzz run -O -a "$target" "corpus/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 2>&1 | tee "logs/$target.log" | grep -E '^(stat::|==|SUMMARY|artifact_prefix|Test unit written)' || true
done
