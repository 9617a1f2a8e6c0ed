#!/usr/bin/env bash
# Runs every test layer: the Rust workspace (core + CLI, unit, integration,
# property and doc tests), then the WebAssembly package under Node and the
# admin page in headless Chromium. Installs what the wasm layers need.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --exclude matcher-wasm --locked

if [ -x matcher-wasm/scripts/test.sh ]; then
  matcher-wasm/scripts/test.sh
fi
