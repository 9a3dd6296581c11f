#!/usr/bin/env python3
"""Where the Wasm's bytes go: the largest items and a breakdown by crate, from twiggy's CSV of
the shipped build with its names kept (scripts/bench: wasm-bindgen, then wasm-opt with the
release passes and -g). Sizes are raw code and data bytes; custom sections (names, debug
information) are left out, and so are wasm-bindgen's describe functions if WASM is the cargo
build itself (its CLI removes them). Generic code counts for the crate that defines it
(`core::iter::…::fold` made for a widget type is `core`'s). Usage:
size-report.py WASM [TOP]"""
import collections
import csv
import re
import subprocess
import sys

wasm = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rows = csv.DictReader(subprocess.run(
    ["twiggy", "top", wasm, "-n", "1000000", "-f", "csv"], check=True, capture_output=True, text=True
).stdout.splitlines())
items = []
for row in rows:
    name, size = row["Name"], int(row["ShallowSize"])
    # Custom sections, and wasm-bindgen's describe functions, which its CLI removes.
    if ("custom section" in name or " names\" subsection" in name or "__wbindgen_describe" in name
            or "WasmDescribe>::describe" in name):
        continue
    items.append((size, re.sub(r"::h[0-9a-f]{16}$", "", name)))


def crate(name):
    if name.startswith(("data segment", "data[")):
        return "(data: strings and tables)"
    if name.startswith(("import ", "export ", "table", "elem", "type", "global", "memory")) or " shim" in name:
        return "(wasm-bindgen imports and exports)"
    if name.startswith("code["):
        return "(functions without a name)"
    # The first path segment, looking through `<T as Trait>` to the type's crate.
    m = re.match(r"[<&\s]*(?:dyn\s+)?([A-Za-z_][A-Za-z0-9_]*)", name)
    return re.sub(r"\[[0-9a-f]+\]$", "", m.group(1)) if m else "(other)"


total = sum(size for size, _ in items)
by_crate = collections.Counter()
for size, name in items:
    by_crate[crate(name)] += size
print(f"{'bytes':>9} {'share':>6}  crate ({total:,} bytes of code and data)")
for name, size in by_crate.most_common(15):
    print(f"{size:>9,} {100 * size / total:5.1f}%  {name}")
print(f"\n{'bytes':>9}  largest items")
for size, name in sorted(items, reverse=True)[:top]:
    print(f"{size:>9,}  {name[:110]}")
