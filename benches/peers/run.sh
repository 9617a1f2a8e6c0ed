#!/usr/bin/env bash
# Times the Python assignment solvers (SciPy, lap, lapjv, lapx) on the matrices
# in benches/peers/data and prints a table of the peers alone.
#
#   benches/peers/run.sh [--setup-only | --no-table]
#
# Environment: RUNS (timed runs per solver and matrix, default 5; after MIN_RUNS
# runs, default 3, only while under BUDGET seconds, default 10), SOLVERS (a
# comma-separated list of the solvers to time, such as scipy,lapx.lapjvr;
# default all),
# PYTHON (interpreter for the venvs, default python3), DATA (matrix directory,
# default benches/peers/data), RESULTS (output directory, default benches/peers/results).
#
# Two venvs, because lapx installs a module also named `lap`:
#   .venv-main: numpy, scipy, lap, lapjv      .venv-lapx: numpy, lapx
# A package that fails to install is logged to RESULTS/install.log; its peer is
# then reported as "not installed" and the others still run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
results="${RESULTS:-$here/results}"
mkdir -p "$results"

# venv NAME PACKAGE...: creates .venv-NAME once, installs each package on its own.
venv() {
  local dir="$here/.venv-$1"
  shift
  if [ ! -x "$dir/bin/python" ]; then
    "$python" -m venv "$dir"
    "$dir/bin/pip" install --quiet --upgrade pip
  fi
  for package in "$@"; do
    if ! "$dir/bin/pip" install --quiet "$package" >>"$results/install.log" 2>&1; then
      echo "warning: pip install $package failed in $(basename "$dir"), see $results/install.log" >&2
    fi
  done
}

venv main numpy scipy lap lapjv
venv lapx numpy lapx
[ "${1:-}" = "--setup-only" ] && exit 0

data="${DATA:-$here/data}"
if ! compgen -G "$data/*.f64" >/dev/null; then
  echo "no matrices in $data: run benches/peers/compare.sh, or" >&2
  echo "  cargo run --release -p matcher-benches --bin compare -- write $data" >&2
  exit 2
fi
runs="${RUNS:-5}"
limits=(--runs "$runs" --min-runs "${MIN_RUNS:-3}" --budget "${BUDGET:-10}" ${SOLVERS:+--solvers "$SOLVERS"})
"$here/.venv-main/bin/python" "$here/peers.py" run --data "$data" "${limits[@]}" \
  --peers scipy,lap,lapjv --out "$results/peers-main.json"
"$here/.venv-lapx/bin/python" "$here/peers.py" run --data "$data" "${limits[@]}" \
  --peers lapx --out "$results/peers-lapx.json"
[ "${1:-}" = "--no-table" ] && exit 0
"$here/.venv-main/bin/python" "$here/peers.py" table \
  "$results/peers-main.json" "$results/peers-lapx.json" --out "$results/peers.json"
