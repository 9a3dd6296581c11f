#!/bin/sh
# Trunk post-build hook: in release builds, minifies the JS that ships (the wasm-bindgen glue
# and embed.js) with terser from node_modules. Measured: 7.4 -> 5.4 KB and 1.0 -> 0.6 KB brotli.
# Before that, the Wasm's import and export names are shortened in both files.
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
cd "$(dirname "$0")/.."
# First the Wasm's import and export names, which the glue spells out (minify-wasm-names.mjs).
node scripts/minify-wasm-names.mjs "$TRUNK_STAGING_DIR"
for f in article-widget.js embed.js; do
  node_modules/.bin/terser "$TRUNK_STAGING_DIR/$f" --module --compress --mangle --output "$TRUNK_STAGING_DIR/$f"
done
