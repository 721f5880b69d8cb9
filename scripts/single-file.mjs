#!/usr/bin/env node
// Build dist/budgetlens-standalone.html: the page as ONE file, wasm and JS
// inlined, that works opened from file:// with no server and no network (an
// auditor's laptop, a USB stick, an intranet without the site).
//
//   node scripts/single-file.mjs [dist]        (run at the end of scripts/build)
//
// How:
// - every <link rel="stylesheet"> of dist/index.html becomes a <style>;
// - every <script type="module" src> becomes one inline module: the modules it
//   imports from dist/ (budgetlens.js, budget-lens.js, …) are bundled in
//   dependency order, each in its own async function scope, with `import`
//   rewritten to reads from a small module table and `export` collected into it;
// - the wasm travels as base64; `init()` of budgetlens.js is wrapped so every
//   caller gets the inlined bytes instead of a fetch;
// - a Web Worker for large pastes is built from a Blob (wasm-bindgen glue +
//   worker.js) and receives the compiled WebAssembly.Module by postMessage, so
//   the 10 MB path stays off the main thread here too where the browser allows
//   blob workers; otherwise analysis stays on the main thread.
// A file opened from file:// has no CSP header; the inline script and styles
// are fine there. (A host serving this file over HTTP would need
// script-src 'unsafe-inline': use the multi-file build for that, see EMBEDDING.md.)
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve, posix } from 'node:path';

const DIST = resolve(process.argv[2] || 'dist');
/**
 * A JS string literal that is safe inside an inline <script>: with every `<`
 * escaped, no `</script` and no `<!--` (which would switch the HTML tokenizer
 * into its escaped state) can appear, whatever the text (samples, CSS, code).
 */
const jsString = (text) => JSON.stringify(text).replaceAll('<', '\\u003c');
const OUT = join(DIST, 'budgetlens-standalone.html');
const read = (rel) => readFileSync(join(DIST, rel), 'utf8');

// ---------------------------------------------------------------------------
// A deliberately small ES-module bundler for the modules we write ourselves and
// the glue wasm-bindgen generates (static imports/exports only; it fails loudly
// on anything else rather than emitting a broken file).

const IMPORT_RE = /^\s*import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s+as\s+([\w$]+)\s*)?(?:\{([^}]*)\}\s*)?from\s*['"](\.[^'"]+)['"]\s*;?/gm;
const BARE_IMPORT_RE = /^\s*import\s*['"](\.[^'"]+)['"]\s*;?/gm;

function normalizeDep(from, spec) {
  return posix.normalize(posix.join(posix.dirname(from), spec));
}

function depsOf(file, src) {
  const deps = [];
  for (const m of src.matchAll(IMPORT_RE)) deps.push(normalizeDep(file, m[4]));
  for (const m of src.matchAll(BARE_IMPORT_RE)) deps.push(normalizeDep(file, m[1]));
  return deps;
}

/** Turn one module's source into the body of an async function returning its exports. */
function transform(file, src) {
  const exported = [];
  let body = src.replace(IMPORT_RE, (_, def, ns, named, spec) => {
    const key = JSON.stringify(normalizeDep(file, spec));
    const lines = [];
    if (def) lines.push(`const ${def} = __mods[${key}].default;`);
    if (ns) lines.push(`const ${ns} = __mods[${key}];`);
    if (named) {
      const parts = named
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => p.replace(/\s+as\s+/, ': '));
      lines.push(`const { ${parts.join(', ')} } = __mods[${key}];`);
    }
    return lines.join(' ');
  });
  body = body.replace(BARE_IMPORT_RE, '');
  body = body.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([\w$]+)/gm, (_, kw, name) => {
    exported.push([name, name]);
    return `${kw} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\}\s*;?/gm, (_, list) => {
    for (const p of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, as] = p.split(/\s+as\s+/);
      exported.push([local, as || local]);
    }
    return '';
  });
  body = body.replace(/^export\s+default\s+/gm, () => {
    exported.push(['__default', 'default']);
    return 'const __default = ';
  });
  if (/^\s*(import|export)\b/m.test(body) || /\bimport\s*\(/.test(body)) {
    throw new Error(`single-file: ${file} has an import/export form this bundler does not handle`);
  }
  // Relative URLs resolve against the standalone file itself.
  body = body.replaceAll('import.meta.url', `new URL(${JSON.stringify(file)}, location.href).href`);
  const ret = exported.map(([local, as]) => `${JSON.stringify(as)}: ${local}`).join(', ');
  return `${body}\nreturn { ${ret} };`;
}

/** Bundle `entries` (paths relative to dist/) and their relative imports into one module's source. */
function bundle(entries, overrides = {}) {
  const order = [];
  const seen = new Set();
  const visit = (file, stack = []) => {
    if (seen.has(file)) return;
    if (stack.includes(file)) throw new Error(`single-file: import cycle through ${file}`);
    const src = overrides[file] ?? read(file);
    for (const d of depsOf(file, src)) visit(d, [...stack, file]);
    seen.add(file);
    order.push([file, src]);
  };
  for (const e of entries) visit(e);
  return order
    .map(([file, src]) => `__mods[${JSON.stringify(file)}] = await (async () => {\n${transform(file, src)}\n})();`)
    .join('\n');
}

// ---------------------------------------------------------------------------

for (const f of ['index.html', 'budgetlens.js', 'budgetlens_bg.wasm']) {
  if (!existsSync(join(DIST, f))) throw new Error(`single-file: dist/${f} missing (run scripts/build)`);
}
let html = read('index.html');
const wasmB64 = readFileSync(join(DIST, 'budgetlens_bg.wasm')).toString('base64');
const glue = read('budgetlens.js');

const glueNames = [...glue.matchAll(/^export (?:function|class) ([\w$]+)/gm)].map((m) => m[1]).concat('initSync');
// The glue with `init` bound to the inlined wasm: whatever a caller passes, the
// bytes come from this file; nothing is fetched.
const GLUE_WRAPPER = `
import __realInit, * as __glue from './budgetlens.js.orig';
const __bytes = Uint8Array.from(atob(globalThis.__budgetlensWasmB64), (c) => c.charCodeAt(0));
let __module = null;
export async function compiledModule() {
  if (!__module) __module = await WebAssembly.compile(__bytes);
  return __module;
}
export default async function init() {
  return __realInit({ module_or_path: await compiledModule() });
}
const { ${glueNames.join(', ')} } = __glue;
export { ${glueNames.join(', ')} };
`;
const overrides = { 'budgetlens.js': GLUE_WRAPPER, 'budgetlens.js.orig': glue };
// The .docx / .xlsx writer: loaded on demand by the multi-file page, inlined here
// (a file:// page has nothing to load it from).
if (existsSync(join(DIST, 'export.js'))) {
  overrides['export-loader.js'] = `import * as __exporter from './export.js';
export function loadExporter() { return Promise.resolve(__exporter); }
`;
}

// #compare and #batch run on their own wasm, which the single file does not carry.
overrides['many-loader.js'] = `export function loadMany() {
  return Promise.reject(Object.assign(new Error('single file'), { shown:
    '单文件版只核验单份报告；多份对比与批量核验请使用完整版页面。The single-file page checks one report at a time: compare and batch need the full page.' }));
}
`;

// The blob worker: the glue and worker.js (which takes the Module sent in its
// first message: compiled once on the main thread, never fetched).
let workerSrc = '';
if (existsSync(join(DIST, 'worker.js'))) {
  const WORKER_GLUE = `
import __realInit, * as __glue from './budgetlens.js.orig';
export default __realInit;
export const analyzeJson = __glue.analyzeJson;
`;
  // A classic script (an async function around the bundle): Chromium refuses
  // module workers from blob: URLs of a file:// page, classic ones load.
  workerSrc = `(async () => {\nconst __mods = {};\n${bundle(['worker.js'], { ...overrides, 'budgetlens.js': WORKER_GLUE })}\n})();`;
}

// Stylesheets → <style> (and the same CSS for <budget-lens>, which adopts it in
// its shadow root instead of fetching app.css).
const sheets = [];
html = html.replace(/<link\b[^>]*rel=["']?stylesheet["']?[^>]*>/gi, (tag) => {
  const href = /href=["']?([^"'\s>]+)/i.exec(tag)?.[1];
  if (!href || /^[a-z]+:/i.test(href) || !existsSync(join(DIST, href))) return tag;
  sheets.push(read(href));
  return `<style>\n${read(href).replaceAll('</style', '<\\/style')}\n</style>`;
});

// The sample reports (dist/samples/, fetched by the page on demand) travel
// inside the file: a file:// page cannot fetch, so `fetch('samples/…')` is
// answered from here; every other fetch is left alone.
let samplesShim = '';
if (existsSync(join(DIST, 'samples'))) {
  const samples = Object.fromEntries(
    readdirSync(join(DIST, 'samples'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [f, read(join('samples', f))]),
  );
  samplesShim = `{
  const samples = Object.fromEntries(${jsString(Object.entries(samples))});
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input, init) => {
    const url = String(input && input.url ? input.url : input);
    const m = /(?:^|\\/)samples\\/([^/?#]+)$/.exec(url);
    if (m && Object.hasOwn(samples, decodeURIComponent(m[1]))) {
      return Promise.resolve(new Response(samples[decodeURIComponent(m[1])], { headers: { 'Content-Type': 'text/plain; charset=utf-8' } }));
    }
    return realFetch(input, init);
  };
}`;
}
// Icons and other linked files would be requests from file://: drop them.
html = html.replace(/<link\b[^>]*rel=["']?(icon|manifest|preload|modulepreload)["']?[^>]*>/gi, '');

// Module scripts → one inline module.
const entries = [];
html = html.replace(/<script\b[^>]*type=["']?module["']?[^>]*src=["']?([^"'\s>]+)["']?[^>]*>\s*<\/script>/gi, (_, src) => {
  entries.push(posix.normalize(src.replace(/^\.\//, '')));
  return '';
});
if (entries.length === 0) entries.push('budgetlens.js');

const boot = `
globalThis.__budgetlensWasmB64 = ${jsString(wasmB64)};
globalThis.__budgetlensCss = ${jsString(sheets.join('\n'))};
${samplesShim}
${workerSrc ? `globalThis.__budgetlensWorkerSource = ${jsString(workerSrc)};` : ''}
const __mods = {};
${bundle(entries, overrides)}
`.replaceAll('</script', '<\\/script'); // in our own code (strings are escaped above)

html = html.replace(/<\/body>/i, `<script type="module">\n${boot}\n</script>\n</body>`);
writeFileSync(OUT, html);
console.log(`${OUT}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB (wasm ${(wasmB64.length / 1024).toFixed(0)} KB as base64)`);
