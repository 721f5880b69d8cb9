#!/usr/bin/env node
// Write a .br (brotli, quality 11) and a .gz (gzip -9) beside every compressible
// file of a build, as nginx's brotli_static / gzip_static and most static hosts
// serve them; scripts/serve.mjs sends them when the request's Accept-Encoding
// allows. Brotli 11 is too slow to run per request (≈ 2 s for the wasm), fine once
// per build.   node scripts/precompress.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

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
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  raw += data.length;
  br += b.length;
}
console.log(`precompressed ${path.basename(dir)}/: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
