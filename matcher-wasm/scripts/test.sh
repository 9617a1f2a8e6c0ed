#!/usr/bin/env bash
# Everything matcher-wasm promises, from a fresh machine: installs what is
# missing (scripts/setup.sh --browser), builds (scripts/build.sh), lints the
# crate for the wasm target (its threaded build too), type-checks the .d.ts, then runs the Node and
# browser tests in one `node --test` run, whose summary closes the output.
# Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

bash "$here/scripts/setup.sh" --browser
bash "$here/scripts/build.sh"

cd "$root"
cargo fmt -p matcher-wasm -- --check
cargo clippy -p matcher-wasm --target wasm32-unknown-unknown -- -D warnings
bash "$here/scripts/build-threads.sh" --clippy

cd "$here"
node_modules/.bin/tsc -p tests/types/tsconfig.json
node --test tests/node/ tests/browser/
