#!/usr/bin/env bash
# matcher beside every Python peer on the same matrices, in one table with
# ratios (peer time / matcher time) and a check that all objectives agree.
#
#   benches/peers/compare.sh
#
# Environment: RUNS (timed runs per solver and matrix, default 5; after MIN_RUNS
# runs, default 3, only while under BUDGET seconds, default 10), SOLVERS (the
# peers to time, default all; see run.sh), SHAPES
# (default 1000,2000,4000,2000x4000), KINDS (default uniform,integer,roster;
# `all` for every family of benches/src/matrix.rs), ENGINES (matcher's
# engines, default auto; auto,dense adds the dense engine alone, interleaved),
# REWRITE=1 to regenerate the matrices,
# DATA (matrix directory, default benches/peers/data), RESULTS (output directory,
# default benches/peers/results).
# Writes RESULTS/{matcher,peers-main,peers-lapx,compare}.json and compare.md;
# exits 1 if an objective differs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${DATA:-$here/data}"
results="${RESULTS:-$here/results}"
runs="${RUNS:-5}"
mkdir -p "$results"
cd "$here/../.."

compare() { cargo run --release --quiet -p matcher-benches --bin compare -- "$@"; }

if [ -n "${REWRITE:-}" ] || ! compgen -G "$data/*.f64" >/dev/null; then
  rm -f "$data"/*.f64
  compare write "$data" --shapes "${SHAPES:-1000,2000,4000,2000x4000}" ${KINDS:+--kinds "$KINDS"}
fi
compare solve "$data" --runs "$runs" --min-runs "${MIN_RUNS:-3}" --budget "${BUDGET:-10}" \
  --engines "${ENGINES:-auto}" --out "$results/matcher.json"
DATA="$data" RESULTS="$results" RUNS="$runs" "$here/run.sh" --no-table
"$here/.venv-main/bin/python" "$here/peers.py" table \
  "$results/matcher.json" "$results/peers-main.json" "$results/peers-lapx.json" \
  --out "$results/compare.json" --markdown "$results/compare.md"
