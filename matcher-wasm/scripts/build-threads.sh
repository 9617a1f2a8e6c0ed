#!/usr/bin/env bash
# Builds the threaded browser build into pkg/web-threads: the crate with its
# `threads` feature (wasm-bindgen-rayon), on nightly, with the standard library
# rebuilt for atomics and a shared memory. Called by scripts/build.sh after
# scripts/setup.sh. Idempotent like it: wasm-bindgen and wasm-opt run again
# only when the compiled wasm changed. `--clippy` lints the `threads` feature
# with the same flags instead (scripts/test.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(dirname "$here")"
# A target directory of its own: other flags and toolchain, and the stable
# build's cache left alone.
target_dir="${CARGO_TARGET_DIR:-$root/target}/wasm-threads"

# Shared memory for the Web Workers' threads, the thread-local storage
# exports wasm-bindgen needs to start them, and SIMD as in the other build.
flags=(
  -C target-feature=+atomics,+bulk-memory,+simd128
  -C link-arg=--shared-memory
  -C link-arg=--max-memory=2147483648
  -C link-arg=--import-memory
  -C link-arg=--export=__wasm_init_tls
  -C link-arg=--export=__tls_size
  -C link-arg=--export=__tls_align
  -C link-arg=--export=__tls_base
)
# Speed over size: this build is for big rosters, and the page falls back to
# the small single-threaded build where threads are unavailable.
profile=(
  --profile wasm-threads
  --config 'profile.wasm-threads.inherits="release"'
  --config 'profile.wasm-threads.lto=true'
  --config 'profile.wasm-threads.codegen-units=1'
  --config 'profile.wasm-threads.debug=false'
  --config 'profile.wasm-threads.opt-level=3'
)
nightly=(env RUSTFLAGS="${flags[*]}" CARGO_TARGET_DIR="$target_dir" cargo +nightly)
std=(--target wasm32-unknown-unknown -Z build-std=panic_abort,std)
if [[ "${1:-}" == "--clippy" ]]; then
  (cd "$root" && "${nightly[@]}" clippy -p matcher-wasm --features threads "${std[@]}" -- -D warnings)
  exit
fi

(cd "$root" && "${nightly[@]}" build -p matcher-wasm --features threads "${std[@]}" "${profile[@]}")
wasm="$target_dir/wasm32-unknown-unknown/wasm-threads/matcher_wasm.wasm"

out="$here/pkg/web-threads"
wasm_opt=("$here/node_modules/.bin/wasm-opt" -O3 --enable-threads --enable-bulk-memory --enable-simd
  --strip-debug --strip-producers)
stamp="$out/.built-from"
fingerprint="$(sha256sum "$wasm" | cut -d' ' -f1) $(wasm-bindgen --version) ${wasm_opt[*]:1}"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]]; then
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" "$wasm"
  "${wasm_opt[@]}" "$out/matcher_wasm_bg.wasm" -o "$out/matcher_wasm_bg.wasm"
  # wasm-bindgen-rayon's worker script imports the package as `../../..`, a
  # directory only bundlers resolve; browsers need the module's file.
  helpers=("$out"/snippets/wasm-bindgen-rayon-*/src/workerHelpers.js)
  [[ -f "${helpers[0]}" ]] || { echo "build-threads.sh: no workerHelpers.js in $out/snippets" >&2; exit 1; }
  sed -i "s|import('../../..')|import('../../../matcher_wasm.js')|" "${helpers[@]}"
  grep -q "import('../../../matcher_wasm.js')" "${helpers[@]}" ||
    { echo "build-threads.sh: workerHelpers.js's import was not rewritten" >&2; exit 1; }
  echo '{ "type": "module" }' > "$out/package.json"
  echo "$fingerprint" > "$stamp"
fi
