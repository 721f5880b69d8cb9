// LEB128, the variable-length unsigned integers of the wasm binary format, and the
// walk over a module's sections, for the build's wasm rewriters
// (order-functions.mjs, short-imports.mjs).

/** The unsigned LEB128 at `pos` of `buf`: [value, position after it]. */
export function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

/** `n` as unsigned LEB128 bytes. */
export function encLeb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/**
 * Each section of a wasm module after its 8-byte preamble, in order:
 * `{ id, start, pos, end }` — the section's first byte, its contents' first byte,
 * and the byte after it.
 */
export function* sections(wasm) {
  for (let start = 8; start < wasm.length; ) {
    const [size, pos] = leb(wasm, start + 1);
    yield { id: wasm[start], start, pos, end: pos + size };
    start = pos + size;
  }
}
