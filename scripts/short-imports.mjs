// Give a wasm-bindgen module's imports one- and two-letter names, in the wasm and
// in its JS glue alike.
//
//   node scripts/short-imports.mjs NAME_bg.wasm NAME.js
//
// Why: wasm-bindgen names each import `__wbg_<method>_<16 hex digits>` under the
// module `./NAME_bg.js`; the page's wasm has ≈ 180 of them, 9 KB of names whose hex
// digits gzip cannot shrink (3.6 KB gzipped). The names are private to the pair of
// files — the glue builds the import object, the wasm reads it — so renaming both
// sides changes nothing else (BENCHMARKS.md, "function order": −3 KB gzipped).
//
// Safe by construction: every import must be a function of the one module and
// its name must occur exactly once in the glue, as the key `NAME:` of that
// module's import object, and the module's key `"./NAME_bg.js": ` exactly once;
// otherwise (another wasm-bindgen's glue) both files are left as they are and the
// script says so — a larger file, never a broken one.
import { readFileSync, writeFileSync } from "node:fs";
import { encLeb, leb, sections } from "./wasm-leb.mjs";

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) {
  console.error("usage: node scripts/short-imports.mjs NAME_bg.wasm NAME.js");
  process.exit(2);
}
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function shortName(k) {
  let s = "";
  for (;;) {
    s = ALPHABET[k % ALPHABET.length] + s;
    k = Math.floor(k / ALPHABET.length);
    if (k === 0) return s;
    k -= 1;
  }
}
const count = (hay, needle) => hay.split(needle).length - 1;
function leave(why) {
  console.error(`short-imports: ${jsPath}: ${why}; import names left as wasm-bindgen wrote them`);
  process.exit(0);
}

const parts = [wasm.subarray(0, 8)];
let renamed = 0;
for (const { id, start, pos, end } of sections(wasm)) {
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    continue;
  }
  let [n, p] = leb(wasm, pos);
  const section = [...encLeb(n)];
  let module = null;
  for (let k = 0; k < n; k++) {
    let len;
    [len, p] = leb(wasm, p);
    const mod = wasm.subarray(p, p + len).toString();
    p += len;
    [len, p] = leb(wasm, p);
    const name = wasm.subarray(p, p + len).toString();
    p += len;
    const descStart = p;
    if (wasm[p++] !== 0) leave(`import ${name} is not a function`);
    [, p] = leb(wasm, p);
    if (module === null) module = mod;
    if (mod !== module) leave(`imports from two modules (${module}, ${mod})`);
    if (count(js, `${name}:`) !== 1 || count(js, name) !== 1) leave(`${name} is not once a key of the glue`);
    const short = shortName(k);
    js = js.replace(`${name}:`, `${short}:`);
    const m = Buffer.from("w"), s = Buffer.from(short);
    section.push(...encLeb(m.length), ...m, ...encLeb(s.length), ...s, ...wasm.subarray(descStart, p));
    renamed++;
  }
  const moduleKey = JSON.stringify(module) + ":";
  if (module === null || count(js, moduleKey) !== 1) leave(`the module key ${moduleKey} is not once in the glue`);
  js = js.replace(moduleKey, `"w":`);
  parts.push(Buffer.from([2, ...encLeb(section.length)]), Buffer.from(section));
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.error(`short-imports: ${renamed} imports of ${wasmPath} renamed`);
