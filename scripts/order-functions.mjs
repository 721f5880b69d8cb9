// Name a wasm's functions so that `wasm-opt --reorder-functions-by-name` lays
// similar function bodies side by side, for gzip.
//
//   node scripts/order-functions.mjs IN.wasm OUT.wasm
//
// Why: gzip (deflate) finds repeats only within the last 32 KB, and the order in
// which LLVM and wasm-opt leave a Rust wasm's 4,000 functions puts the many
// near-copies of one generic (every `Vec<T>::extend`, every iterator fold) far
// apart. Measured on the page's wasm (BENCHMARKS.md, "function order"): the
// same code section, bodies chained by likeness, is ≈ 10 KB smaller gzipped; a
// random order is 5 KB larger. The code itself is unchanged: reordering functions
// only renumbers them (wasm-opt rewrites every call and table entry).
//
// How: each body's set of 4-byte substrings; starting from the body first in byte
// order, the next body is the unvisited one sharing the largest fraction of
// substrings with the current one (Jaccard); when none shares any, the next body
// in byte order instead. The new order is written as the function names `f00000`,
// `f00001`, … in a fresh `name` section (the old one, if any, dropped); the caller
// runs wasm-opt to sort by them and drops the names when it writes the final file.
// Deterministic: the same wasm gives the same order.
import { readFileSync, writeFileSync } from "node:fs";
import { encLeb, leb, sections } from "./wasm-leb.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/order-functions.mjs IN.wasm OUT.wasm");
  process.exit(2);
}
const wasm = readFileSync(input);


// Sections: keep every one but the old `name`; find the imported functions
// (they come first in the index space and are not reordered) and the bodies.
const kept = [wasm.subarray(0, 8)];
let importedFunctions = 0;
const bodies = [];
for (const { id, start, pos, end } of sections(wasm)) {
  let keep = true;
  if (id === 0) {
    const [len, p] = leb(wasm, pos);
    if (wasm.subarray(p, p + len).toString() === "name") keep = false;
  } else if (id === 2) {
    let [count, p] = leb(wasm, pos);
    for (let i = 0; i < count; i++) {
      for (let s = 0; s < 2; s++) {
        let len;
        [len, p] = leb(wasm, p);
        p += len;
      }
      const kind = wasm[p++];
      let flags;
      if (kind === 0) {
        [, p] = leb(wasm, p);
        importedFunctions++;
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) p++; // table element type
        [flags, p] = leb(wasm, p);
        [, p] = leb(wasm, p);
        if (flags & 1) [, p] = leb(wasm, p);
      } else if (kind === 3) {
        p += 2; // global: value type, mutability
      } else {
        throw new Error(`import kind ${kind} not understood`);
      }
    }
  } else if (id === 10) {
    let [count, p] = leb(wasm, pos);
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(wasm, p);
      bodies.push(wasm.subarray(p, p + len));
      p += len;
    }
  }
  if (keep) kept.push(wasm.subarray(start, end));
}

const n = bodies.length;
const compareBytes = (a, b) => Buffer.compare(bodies[a], bodies[b]);
const byBytes = [...Array(n).keys()].sort((a, b) => compareBytes(a, b) || a - b);

// Each body's distinct 4-byte substrings, and for each substring the bodies holding it.
const shingles = bodies.map((b) => {
  const set = new Set();
  for (let i = 0; i + 4 <= b.length; i++) set.add(b.readUInt32LE(i));
  return [...set];
});
const holders = new Map();
shingles.forEach((set, f) => {
  for (const s of set) {
    let list = holders.get(s);
    if (!list) holders.set(s, (list = []));
    list.push(f);
  }
});

const visited = new Uint8Array(n);
const shared = new Int32Array(n);
const order = [];
let nextByBytes = 0;
let current = byBytes[0];
while (true) {
  visited[current] = 1;
  order.push(current);
  if (order.length === n) break;
  const touched = [];
  for (const s of shingles[current]) {
    for (const f of holders.get(s)) {
      if (visited[f]) continue;
      if (shared[f] === 0) touched.push(f);
      shared[f]++;
    }
  }
  let best = -1, bestScore = 0;
  const mine = shingles[current].length;
  for (const f of touched) {
    const c = shared[f];
    const score = c / (mine + shingles[f].length - c + 1);
    if (score > bestScore) {
      bestScore = score;
      best = f;
    }
    shared[f] = 0;
  }
  if (best < 0) {
    while (visited[byBytes[nextByBytes]]) nextByBytes++;
    best = byBytes[nextByBytes];
  }
  current = best;
}

// A `name` section with function names only: imports keep their place (`i00000`…),
// each defined function is named by its place in the new order.
const rank = new Int32Array(n);
order.forEach((f, r) => (rank[f] = r));
const pad = (k) => String(k).padStart(5, "0");
const entries = [...encLeb(importedFunctions + n)];
const entry = (index, name) => entries.push(...encLeb(index), ...encLeb(name.length), ...Buffer.from(name));
for (let i = 0; i < importedFunctions; i++) entry(i, `i${pad(i)}`);
for (let f = 0; f < n; f++) entry(importedFunctions + f, `f${pad(rank[f])}`);
const subsection = [1, ...encLeb(entries.length), ...entries];
const payload = [...encLeb(4), ...Buffer.from("name"), ...subsection];
kept.push(Buffer.from([0, ...encLeb(payload.length), ...payload]));
writeFileSync(output, Buffer.concat(kept));
