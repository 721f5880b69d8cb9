// Measure the built page (dist/): wasm + JS size raw and gzipped, cold load to
// first render, and edit → updated view on the largest corpus report, through
// the performance marks the app sets (bl-first-render, bl-update). Prints a
// Markdown table for BENCHMARKS.md. Measured, never asserted.
//   scripts/build && node scripts/bench-page.mjs
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// DIST=/path/to/another/build compares two builds side by side (same script, same machine).
const dist = process.env.DIST ? path.resolve(process.env.DIST) : path.join(ROOT, 'dist');
const size = (f) => {
  const b = fs.readFileSync(path.join(dist, f));
  return [b.length, zlib.gzipSync(b, { level: 9 }).length];
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const port = 4188;
const srv = spawn('node', [path.join(ROOT, 'scripts/serve.mjs'), '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext(); // fresh cache: a cold load
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => performance.getEntriesByName('bl-first-render').length > 0);
    loads.push(await page.evaluate(() => performance.getEntriesByName('bl-first-render')[0].startTime));
    await ctx.close();
  }
  const corpus = path.join(ROOT, 'tests/fixtures/corpus');
  const largest = fs.readdirSync(corpus).filter((f) => f.endsWith('.txt'))
    .map((f) => [f, fs.statSync(path.join(corpus, f)).size]).sort((a, b) => b[1] - a[1])[0];
  const text = fs.readFileSync(path.join(corpus, largest[0]), 'utf8');
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('.bl-app');
  const setText = (t) => page.locator('#bl-text').evaluate((el, v) => {
    el.value = v; el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, t);
  await setText(text);
  await page.waitForSelector('.bl-glance');
  const first = await page.evaluate(() => performance.getEntriesByName('bl-update').at(-1).duration);
  // Edit → the updated view painted: from the analysis's start to the end of the
  // browser frame after the `bl-update` measure (style, layout and paint included).
  await page.evaluate(() => {
    window.blPainted = [];
    const measure = performance.measure.bind(performance);
    performance.measure = (name, ...rest) => {
      const m = measure(name, ...rest);
      if (name === 'bl-update' && m) {
        requestAnimationFrame(() => setTimeout(() => window.blPainted.push(performance.now() - m.startTime), 0));
      }
      return m;
    };
  });
  // Edits: change one figure back and forth (a real edit changes the analysis).
  for (let i = 0; i < 20; i++) {
    await setText(i % 2 ? text : text.replace(/(\d)\.(\d\d)/, (m, a, b) => `${a}.${(Number(b) + 1) % 100}`.padEnd(m.length, '0')));
    await page.waitForTimeout(250);
  }
  const edits = await page.evaluate(() => performance.getEntriesByName('bl-update').slice(1).map((e) => e.duration));
  const analyses = await page.evaluate(() => performance.getEntriesByName('bl-analysis').slice(1).map((e) => e.duration));
  const paintedEdits = await page.evaluate(() => window.blPainted);
  const analyzeMs = await page.evaluate(async (t) => {
    const m = await import('/budgetlens.js');
    m.analyzeJson(t);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) m.analyze(t);
    return (performance.now() - t0) / 20;
  }, text);
  // Through the host API (no debounce): set_text → the next painted frame,
  // which includes the browser's style, layout and paint, unlike bl-update.
  const painted = await page.evaluate(async (t) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    for (let i = 0; i < 10; i++) {
      const edited = i % 2 ? t : t.replace(/(\d)\.(\d\d)/, (m, a, b) => `${a}.${String((Number(b) + 1) % 100).padStart(2, '0')}`);
      const t0 = performance.now();
      window.budgetLens.set_text(edited);
      await frame();
      out.push(performance.now() - t0);
    }
    return out;
  }, text);
  const [wr, wg] = size('budgetlens_bg.wasm');
  // JS the page loads: the wasm-bindgen glue, the entry, the embed's loader when present.
  const js = ['budgetlens.js', 'main.js', 'budget-lens.js'].filter((f) => fs.existsSync(path.join(dist, f)));
  const [jr, jg] = js.map(size).reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
  const [cr, cg] = size('app.css');
  console.log(`| what | measured |
| --- | --- |
| budgetlens_bg.wasm | ${kb(wr)} raw, ${kb(wg)} gzipped |
| JS (${js.join(' + ')}) | ${kb(jr)} raw, ${kb(jg)} gzipped |
| app.css | ${kb(cr)} raw, ${kb(cg)} gzipped |
| total shipped (wasm + JS) | ${kb(wr + jr)} raw, ${kb(wg + jg)} gzipped |
| cold load → first render (localhost, median of 5) | ${median(loads).toFixed(0)} ms |
| first analysis + full render of ${largest[0]} (${kb(largest[1])}) | ${first.toFixed(1)} ms |
| edit → updated view, same report (median of ${edits.length}, min ${Math.min(...edits).toFixed(1)}, max ${Math.max(...edits).toFixed(1)}) | ${median(edits).toFixed(1)} ms |
| of which the analysis (median) | ${median(analyses).toFixed(1)} ms |
| edit → updated view painted, same edits (median, incl. style, layout and paint) | ${median(paintedEdits).toFixed(1)} ms |
| set_text → next painted frame, same report (median of 10, incl. layout and paint) | ${median(painted).toFixed(1)} ms |
| JS API analyze() incl. conversion to JS objects, same report (mean of 20) | ${analyzeMs.toFixed(1)} ms |
| machine load while measuring (1-min load average, 2 cores) | ${(await import('node:os')).loadavg()[0].toFixed(1)} |`);
} finally {
  await browser.close();
  srv.kill();
}
