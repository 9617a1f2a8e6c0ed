#!/usr/bin/env bash
# Installs what building and testing matcher-wasm needs, skipping whatever is
# already there: the wasm32 Rust target (and, for the threaded build, nightly
# with its wasm32 target and the standard library's source), wasm-bindgen-cli
# at the exact version the crate pins, the npm dev tools (package-lock.json)
# and, with --browser, Debian's Chromium. Nothing is downloaded outside crates.io, npm and apt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The threaded build rebuilds the standard library with atomics (and test.sh
# lints it), on nightly.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
for component in rust-src clippy; do
  if ! rustup +nightly component list --installed | grep -q "^$component"; then
    rustup +nightly component add "$component"
  fi
done
if ! rustup +nightly target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup +nightly target add wasm32-unknown-unknown
fi

# The CLI must match the crate's `wasm-bindgen = "=X"` pin exactly.
wbg_version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$here/Cargo.toml")"
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg_version" ]]; then
  # `--locked` fails for this version; a target dir of its own keeps the
  # workspace's clean.
  env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

if [[ ! "$here/node_modules/.package-lock.json" -nt "$here/package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

if [[ "${1:-}" == "--browser" && ! -x /usr/bin/chromium ]]; then
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y chromium
fi
