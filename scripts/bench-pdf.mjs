// Measure a PDF opened in the built page (dist/): from choosing the file to its
// findings shown, the first PDF (which also loads the PDF worker and its wasm) and
// the others with the worker warm, for the three largest PDFs of ../shared/corpus/real
// (or the project's own two fixture PDFs). Prints a Markdown table for BENCHMARKS.md.
// Measured, never asserted.
//   scripts/build && node scripts/bench-pdf.mjs
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(ROOT, 'dist');
const real = path.join(ROOT, '../shared/corpus/real');
const pdfs = fs.existsSync(real)
  ? fs.readdirSync(real).filter((f) => f.endsWith('.pdf')).map((f) => path.join(real, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size).slice(0, 3)
  : ['tianhe-2020-final-planted.pdf', 'tianhe-2020-final.pdf'].map((f) => path.join(ROOT, 'tests/fixtures/pdf', f));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const port = 4189;
const srv = spawn('node', [path.join(ROOT, 'scripts/serve.mjs'), '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // One page: the first PDF also starts the PDF worker and compiles its wasm; the
  // others (each opened twice, in turn) find it warm.
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('.bl-app');
  const open = async (file) => {
    const before = Number(await page.locator('.bl-app').getAttribute('data-analyses'));
    const t0 = Date.now();
    await page.locator('input.bl-file-input').setInputFiles(file);
    await page.waitForFunction((n) => Number(document.querySelector('.bl-app').dataset.analyses) > n, before, { timeout: 60_000 });
    await page.waitForSelector('.bl-glance');
    return Date.now() - t0;
  };
  const times = new Map(pdfs.map((f) => [f, []]));
  const cold = await open(pdfs[0]);
  for (let round = 0; round < 3; round++) {
    for (const f of [...pdfs.slice(1), pdfs[0]]) times.get(f).push(await open(f));
  }
  console.log(`first PDF opened, worker cold: ${path.basename(pdfs[0])} ${cold} ms`);
  console.log('| PDF | size | chosen → findings shown (worker warm, median of 3) |');
  console.log('| --- | ---: | ---: |');
  for (const f of pdfs) {
    console.log(`| ${path.basename(f)} | ${(fs.statSync(f).size / 1024).toFixed(0)} KB | ${median(times.get(f))} ms |`);
  }
} finally {
  await browser.close();
  srv.kill();
}
