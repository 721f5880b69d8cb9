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
const dist = path.join(ROOT, 'dist');
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
  // Edits: change one figure back and forth (a real edit changes the analysis).
  for (let i = 0; i < 20; i++) {
    await setText(i % 2 ? text : text.replace(/(\d)\.(\d\d)/, (m, a, b) => `${a}.${(Number(b) + 1) % 100}`.padEnd(m.length, '0')));
    await page.waitForTimeout(250);
  }
  const edits = await page.evaluate(() => performance.getEntriesByName('bl-update').slice(1).map((e) => e.duration));
  const analyzeMs = await page.evaluate(async (t) => {
    const m = await import('/budgetlens.js');
    m.analyzeJson(t);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) m.analyze(t);
    return (performance.now() - t0) / 20;
  }, text);
  const [wr, wg] = size('budgetlens_bg.wasm');
  const [jr, jg] = size('budgetlens.js');
  const [cr, cg] = size('app.css');
  console.log(`| what | measured |
| --- | --- |
| budgetlens_bg.wasm | ${kb(wr)} raw, ${kb(wg)} gzipped |
| budgetlens.js (glue) + main.js | ${kb(jr + size('main.js')[0])} raw, ${kb(jg + size('main.js')[1])} gzipped |
| app.css | ${kb(cr)} raw, ${kb(cg)} gzipped |
| total shipped (wasm + JS) | ${kb(wr + jr)} raw, ${kb(wg + jg)} gzipped |
| cold load → first render (localhost, median of 5) | ${median(loads).toFixed(0)} ms |
| first analysis + full render of ${largest[0]} (${kb(largest[1])}) | ${first.toFixed(1)} ms |
| edit → updated view, same report (median of ${edits.length}, min ${Math.min(...edits).toFixed(1)}, max ${Math.max(...edits).toFixed(1)}) | ${median(edits).toFixed(1)} ms |
| analyze() alone in wasm, same report (mean of 20) | ${analyzeMs.toFixed(1)} ms |`);
} finally {
  await browser.close();
  srv.kill();
}
