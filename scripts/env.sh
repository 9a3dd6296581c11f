# Sourced by the other scripts: the tool paths they rely on.
# node_modules/.bin comes first so trunk finds the pinned wasm-opt (binaryen from npm).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
cd "$ROOT"
step() { printf '\n==> %s\n' "$*"; }
