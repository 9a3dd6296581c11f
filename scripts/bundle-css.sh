#!/bin/sh
# Bundles styles/ into the one stylesheet the widget ships (target/article-widget.css), tokens
# first. Run by trunk as a pre-build hook; one file means one request for the host page.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
out=target/article-widget.css
tmp="$out.tmp"
# Comments and indentation are dropped (perl is in every Debian base system): the readable
# source is styles/, and every byte here ships to every reader.
# The components sit in the cascade layer `article-widget`: unlayered rules beat layered ones
# whatever their specificity or order, so the host's own CSS wins wherever the widget's
# stylesheet link stands (first in <head> from embed.js, or in the body from a server-rendered
# fragment). guard.css stays unlayered: it keeps host rules for bare elements out (see there).
minify() { perl -0pe 's{/\*.*?\*/}{}gs; s/^\s+//gm; s/\s*\n\s*/\n/g; s/\s*([{};,>])\s*/$1/g; s/;}/}/g'; }
{
  echo "/* article-widget stylesheet, generated from styles/ (see the project README) */"
  echo "@layer article-widget{"
  for f in tokens widget article text-size figure body reactions related boxes error; do
    cat "styles/$f.css"
  done | minify
  echo "}"
  minify < styles/guard.css
} > "$tmp"
mv "$tmp" "$out"
# Every stylesheet in styles/ must be in the list above.
for f in styles/*.css; do
  name=$(basename "$f" .css)
  grep -q "styles/$name.css\|$name" "$0" || { echo "bundle-css: $f is not bundled" >&2; exit 1; }
done
