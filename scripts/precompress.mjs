#!/usr/bin/env node
// Write a .br (brotli, quality 11) and a .gz beside every compressible file of a
// build, as nginx's brotli_static / gzip_static and most static hosts serve them;
// scripts/serve.mjs sends them when the request's Accept-Encoding allows. Brotli 11
// is too slow to run per request (≈ 2 s for the wasm), fine once per build.
// The .gz is written by zopfli (Google's deflate encoder, Debian's `zopfli`, installed
// by scripts/setup --build) when it is on PATH: an ordinary gzip file that every
// browser inflates, 4 % smaller than gzip -9 on the wasm (331 → 318 KB), for
// ≈ 2 s per megabyte once per build. Without it, zlib at level 9.
//   node scripts/precompress.mjs DIR
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const zopfli = spawnSync('zopfli', ['-h'], { stdio: 'ignore' }).error ? null : 'zopfli';
function gzip(file, data) {
  if (zopfli) {
    const out = spawnSync(zopfli, ['-c', file], { maxBuffer: 64 << 20 });
    if (out.status === 0 && out.stdout.length > 0) return out.stdout;
  }
  return zlib.gzipSync(data, { level: 9 });
}

const dir = path.resolve(process.argv[2] || 'dist');
const EXT = /\.(wasm|js|mjs|css|html|svg|json|txt)$/;
let raw = 0;
let br = 0;
for (const entry of fs.readdirSync(dir, { recursive: true })) {
  const file = path.join(dir, String(entry));
  if (!EXT.test(file) || !fs.statSync(file).isFile()) continue;
  const data = fs.readFileSync(file);
  if (data.length < 1024) continue;
  const b = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  fs.writeFileSync(`${file}.br`, b);
  fs.writeFileSync(`${file}.gz`, gzip(file, data));
  raw += data.length;
  br += b.length;
}
console.log(`precompressed ${path.basename(dir)}/: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli, .gz by ${zopfli ? 'zopfli' : 'zlib -9'}`);
