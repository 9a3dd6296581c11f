#!/bin/sh
# Bundles styles/ into the one stylesheet the widget ships (target/article-widget.css), tokens
# first. Run by trunk as a pre-build hook; one file means one request for the host page.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
out=target/article-widget.css
tmp="$out.tmp"
{
  echo "/* article-widget stylesheet: generated from styles/ by scripts/bundle-css.sh */"
  for f in tokens widget article text-size figure body reactions related error; do
    cat "styles/$f.css"
  done
} > "$tmp"
mv "$tmp" "$out"
# Every stylesheet in styles/ must be in the list above.
for f in styles/*.css; do
  name=$(basename "$f" .css)
  grep -q "styles/$name.css\|$name" "$0" || { echo "bundle-css: $f is not bundled" >&2; exit 1; }
done
