// Release post-build step (scripts/minify-js.sh, before terser): gives the Wasm's imports,
// exports and import module one- or two-letter names, and renames them to match in the
// wasm-bindgen glue. wasm-bindgen names every import after the JS function plus a 16-digit hash
// (`__wbg_set_textContent_0177b2a6d9293c2c`), and both files carry every name: ~190 hashes that
// brotli cannot fold. Fails the build, rather than ship a glue that no longer fits its Wasm,
// when a name is not where it is expected.
//
//   node scripts/minify-wasm-names.mjs DIR   (DIR holds article-widget_bg.wasm and article-widget.js)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const wasm = join(dir, 'article-widget_bg.wasm');
const glue = join(dir, 'article-widget.js');
const wasmOpt = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;

// The features the release build uses (trunk's wasm-opt run stripped the section naming them).
const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'reference-types', 'multivalue', 'mutable-globals']
  .map((f) => `--enable-${f}`);
const mapping = JSON.parse(execFileSync(wasmOpt, ['--minify-imports-and-exports-and-modules', ...features, wasm, '-o', wasm], { encoding: 'utf8' }));

const escape = (s) => s.replace(/[$]/g, '\\$&');
let text = readFileSync(glue, 'utf8');
const fail = (why) => {
  console.error(`minify-wasm-names: ${why}`);
  process.exit(1);
};

// Imports: the keys of the object that `__wbg_get_imports` hands to the instance, and the
// module name it files them under (binaryen calls every import module "a").
const modules = new Set();
for (const [module, name, short] of mapping.imports) {
  const key = new RegExp(`(?<=[\\s{,])${escape(name)}(?=\\s*:)`, 'g');
  const found = text.match(key)?.length ?? 0;
  if (found !== 1) fail(`import ${name} found ${found} times in the glue`);
  text = text.replace(key, () => short);
  modules.add(module);
}
for (const module of modules) {
  const key = `${JSON.stringify(module)}:`;
  if (!text.includes(key)) fail(`import module ${module} not in the glue`);
  text = text.replaceAll(key, '"a":');
}

// Exports: every use is a member of the instance's exports, `wasm.name`.
for (const [name, short] of mapping.exports) {
  text = text.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), () => `wasm.${short}`);
}
writeFileSync(glue, text);
