#!/bin/sh
# Trunk post-build hook: the server-rendered demo pages beside the client-rendered ones
# (scripts/render-demo.mjs), rendered by this build's `article-widget render`.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --offline --quiet --bin article-widget
node scripts/render-demo.mjs "$TRUNK_STAGING_DIR" target/release/article-widget
