#!/usr/bin/env bash
# Builds the npm package into pkg/ (pkg/web for browsers and bundlers,
# pkg/web-threads the same on Web Workers for cross-origin isolated pages
# (scripts/build-threads.sh), pkg/node for Node, pkg/web-workbook and
# pkg/node-workbook the workbook reader loaded on demand, pkg/web-peers and
# pkg/node-peers the same API with peer rosters, loaded on demand, pkg/worker
# for the Worker-backed API over them) and the admin page's copies: www/pkg/ and the
# sample rosters in www/sample/. Installs missing tools first (scripts/setup.sh). Idempotent:
# wasm-bindgen and wasm-opt run again only when the compiled wasm changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

bash "$here/scripts/setup.sh"

# Small: whole-program LTO in one codegen unit, no debug info, optimised
# for size. "z" is 6 % smaller gzipped than "s" (356 against 378 KB before
# spreadsheets and time zones) and leaves 2 000 x 500 well inside its 250 ms
# target; -O3 is faster again but 21 KiB larger. The size budget is 400 KiB
# gzipped. Kept here rather than in the workspace manifest, as only this build
# uses it; the threaded build, where speed is the point, stays at -O3.
profile=(
  --profile wasm-release
  --config 'profile.wasm-release.inherits="release"'
  --config 'profile.wasm-release.lto=true'
  --config 'profile.wasm-release.codegen-units=1'
  --config 'profile.wasm-release.debug=false'
  --config 'profile.wasm-release.opt-level="z"'
)
# 128-bit SIMD, which every current browser and Node runs: the scoring loops
# vectorise. The workbook reader (matcher-wasm/workbook) is a module of its
# own, loaded only when a roster is a workbook: in the main module it would
# add about 270 KiB gzipped, far over its 400 KiB budget.
# The main module is built on nightly with the standard library rebuilt for
# size and panics that abort at once, with no message formatting (and no
# panic hook: `--no-default-features`) and no source locations: 22 KiB
# smaller gzipped than stable's prebuilt standard library. Nightly is installed for the threaded build too.
# main_build DIR [FEATURES]: that build of the main crate in the target
# directory DIR.
main_build() {
  (cd "$root" && RUSTFLAGS="-C target-feature=+simd128 -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    CARGO_TARGET_DIR="$1" cargo +nightly build -p matcher-wasm --no-default-features ${2:+--features "$2"} \
    --target wasm32-unknown-unknown -Z build-std=std,panic_abort "${profile[@]}")
}
main_build "$CARGO_TARGET_DIR"
# Peer rosters (`Matcher.fromPeople`, `BuddyMatcher`, `pairPeople`, `pairsCsv`) would take the
# main module over its budget: they are in a second build of it, the same
# API with the `peers` feature, loaded only when a peer roster is matched. A
# target directory of its own: the two builds' .wasm files have one name,
# and cargo would take either for the other.
main_build "$CARGO_TARGET_DIR/wasm-peers" peers
(cd "$root" && RUSTFLAGS="-C target-feature=+simd128" \
  cargo build -p matcher-wasm-workbook --target wasm32-unknown-unknown "${profile[@]}")

# wasm-opt from npm's binaryen: Debian's (108) produces crashing -Oz output.
# -Os to a fixed point, with the first KiB of memory known unused (Rust's
# stack grows down from 1 MiB towards it, so only an overflow could reach
# it): 6 KiB smaller gzipped than -O3 (411 978 → 405 884 bytes for the main
# module), and 2 000 x 500 as fast under Node (208 against 205 ms).
wasm_opt=("$here/node_modules/.bin/wasm-opt" -Os --converge --low-memory-unused --enable-simd --strip-debug --strip-producers)

# bindgen NAME SUFFIX [TARGET_DIR]: pkg/web$SUFFIX and pkg/node$SUFFIX from
# NAME.wasm compiled in TARGET_DIR (CARGO_TARGET_DIR by default), again only
# when it changed.
bindgen() {
  local wasm="${3:-$CARGO_TARGET_DIR}/wasm32-unknown-unknown/wasm-release/$1.wasm" suffix="$2"
  local stamp="$here/pkg/.built-from$suffix"
  local fingerprint
  fingerprint="$(sha256sum "$wasm" | cut -d' ' -f1) $(wasm-bindgen --version) ${wasm_opt[*]:1}"
  [[ "$(cat "$stamp" 2>/dev/null)" == "$fingerprint" ]] && return
  local pids=() target
  for target in web node; do
    rm -rf "$here/pkg/$target$suffix"
    wasm-bindgen --target "$( [[ $target == node ]] && echo nodejs || echo web )" \
      --out-dir "$here/pkg/$target$suffix" "$wasm"
    "${wasm_opt[@]}" "$here/pkg/$target$suffix/$1_bg.wasm" \
      -o "$here/pkg/$target$suffix/$1_bg.wasm" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  # The node build is CommonJS, the web build an ES module.
  echo '{ "type": "commonjs" }' > "$here/pkg/node$suffix/package.json"
  echo '{ "type": "module" }' > "$here/pkg/web$suffix/package.json"
  echo "$fingerprint" > "$stamp"
}
mkdir -p "$here/pkg"
bindgen matcher_wasm ""
bindgen matcher_wasm_workbook "-workbook"
bindgen matcher_wasm "-peers" "$CARGO_TARGET_DIR/wasm-peers"

bash "$here/scripts/build-threads.sh"

# The published package.json: npm/package.json with the crate's version.
version="$(cd "$root" && cargo metadata --format-version 1 --no-deps |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(m.packages.find((p) => p.name === "matcher-wasm").version)')"
node -e 'const [from, to, version] = process.argv.slice(1); const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync(from, "utf8"));
  fs.writeFileSync(to, JSON.stringify({ ...pkg, version }, null, 2) + "\n")' \
  "$here/npm/package.json" "$here/pkg/package.json" "$version"
cp "$here/npm/README.md" "$here/pkg/README.md"

# The Worker-backed API (js/): platform-neutral ES modules beside the builds.
mkdir -p "$here/pkg/worker"
cp "$here"/js/*.js "$here"/js/*.d.ts "$here/pkg/worker/"
echo '{ "type": "module" }' > "$here/pkg/worker/package.json"

# The admin page loads the package's browser half, laid out as in pkg/, and
# the sample rosters from its own folder.
rm -rf "$here/www/pkg"
mkdir -p "$here/www/pkg" "$here/www/sample"
cp -r "$here/pkg/web" "$here/pkg/web-threads" "$here/pkg/web-workbook" "$here/pkg/web-peers" "$here/pkg/worker" \
  "$here/www/pkg/"
cp "$root/data/mentors.csv" "$root/data/mentees.csv" "$here/www/sample/"
cp "$root/data/peers/people.csv" "$here/www/sample/"
# The page reads a loaded config.toml with smol-toml (ES modules, no dependencies).
rm -rf "$here/www/vendor"
mkdir -p "$here/www/vendor/smol-toml"
cp "$here"/node_modules/smol-toml/dist/*.js "$here"/node_modules/smol-toml/LICENSE "$here/www/vendor/smol-toml/"
toml_to_json() {
  python3 -c 'import json, sys, tomllib; json.dump(tomllib.load(open(sys.argv[1], "rb")), sys.stdout, indent=2)' "$1"
}
toml_to_json "$root/data/config.toml" > "$here/www/sample/config.json"
toml_to_json "$root/data/peers/config.toml" > "$here/www/sample/peers-config.json"

for wasm in web/matcher_wasm web-threads/matcher_wasm web-workbook/matcher_wasm_workbook web-peers/matcher_wasm; do
  size="$(stat -c %s "$here/pkg/${wasm}_bg.wasm")"
  gzipped="$(gzip -9 -c "$here/pkg/${wasm}_bg.wasm" | wc -c)"
  echo "${wasm}_bg.wasm: $((size / 1024)) KiB raw, $((gzipped / 1024)) KiB gzipped"
done
