// The batch view (#batch): 1,000 report files (the corpus reports with varied
// departments and years) dropped at once. Every file gets a row; the table
// sorts; a row opens the report's full view; the page stays responsive. The
// time to check all of them is recorded (target/playwright/batch-timing.json,
// copied into BENCHMARKS.md), never asserted.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { corpusFiles, corpusText, shot, ROOT, serveWith, STRICT_CSP } from './helpers.mjs';

const N = Number(process.env.BATCH_N || 1000);
const DISTRICTS = ['天河', '越秀', '海珠', '荔湾', '白云', '黄埔', '番禺', '花都', '南沙', '从化', '增城'];

function batchFiles(n) {
  const sources = corpusFiles().map((f) => {
    const text = corpusText(f);
    const year = Number(f.match(/(\d{4})/)[1]);
    const dept = f.includes('zwb') ? '广州市天河区人民政府政务管理办公室' : '广州市天河区政务服务数据管理局';
    return { f, text, year, dept };
  });
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = sources[i % sources.length];
    const d = DISTRICTS[Math.floor(i / 3) % DISTRICTS.length];
    const no = Math.floor(i / 3 / DISTRICTS.length) % 30;
    const dept = s.dept.replace('天河', d + (no ? `第${no}` : ''));
    const year = s.year - 3 + (Math.floor(i / 3) % 7);
    const text = s.text.split(s.dept).join(dept).split(String(s.year)).join(String(year));
    out.push({ name: `${String(i + 1).padStart(4, '0')}-${d}-${year}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) });
  }
  return out;
}

test(`${N} reports at once: every file a row, sortable, each opens its full view`, async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#batch');
  await page.waitForSelector('.batch-app');
  // Longest main-thread task while the batch runs: the page must keep answering.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__longest = Math.max(window.__longest, e.duration); }))
      .observe({ type: 'longtask', buffered: false });
  });
  // Over 50 MB in all: Playwright wants paths, not buffers.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budgetlens-batch-'));
  const files = batchFiles(N).map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.buffer);
    return p;
  });
  const t0 = Date.now();
  await page.locator('.batch-files').setInputFiles(files);
  await expect(page.locator('.batch-app')).toHaveAttribute('data-total', String(N));
  await expect(page.locator('.batch-app')).toHaveAttribute('data-done', String(N), { timeout: 280_000 });
  await expect(page.locator('.batch-app')).not.toHaveAttribute('data-elapsed-ms', '');
  const wall = Date.now() - t0;
  const elapsed = Number(await page.locator('.batch-app').getAttribute('data-elapsed-ms'));
  const analyse = Number(await page.locator('.batch-app').getAttribute('data-analyse-ms'));
  const workers = Number(await page.locator('.batch-app').getAttribute('data-workers'));
  const longest = await page.evaluate(() => window.__longest);
  const timing = {
    reports: N, workers, elapsed_ms_in_page: elapsed, analyse_ms_in_page: analyse, wall_ms_with_upload: wall, longest_task_ms: Math.round(longest),
  };
  console.log('batch timing', JSON.stringify(timing));
  fs.mkdirSync(path.join(ROOT, 'target/playwright'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'target/playwright/batch-timing.json'), JSON.stringify(timing, null, 2));

  await expect(page.locator('.batch-table tbody tr')).toHaveCount(N);
  await expect(page.locator('.batch-table tbody tr.not-report')).toHaveCount(0);
  await shot(page, 'batch-1000');

  // Sort by year, then descending: the first row's year is the largest.
  const yearHeader = page.locator('.batch-table th', { hasText: '年度' });
  await yearHeader.locator('button').click();
  await expect(yearHeader).toHaveAttribute('aria-sort', 'ascending');
  await yearHeader.locator('button').click();
  await expect(yearHeader).toHaveAttribute('aria-sort', 'descending');
  const years = await page.locator('.batch-table tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((t) => Number(t.textContent)));
  expect(years[0]).toBe(Math.max(...years));
  expect(years.every((y, i) => i === 0 || years[i - 1] >= y)).toBe(true);

  // A row opens the full single-report view, and back.
  const first = page.locator('.batch-open').first();
  const name = await first.textContent();
  await first.click();
  await expect(page.locator('.batch-detail .bl-app')).toBeVisible();
  await expect(page.locator('.batch-detail-name')).toHaveText(name);
  await expect(page.locator('.batch-detail .sg-chart')).toBeVisible();
  await shot(page, 'batch-detail');
  // The batch view runs on its own wasm: a PDF opened in the detail view is still
  // read (the PDF worker is connected to it too).
  await page.locator('.batch-detail input.bl-file-input').setInputFiles(
    path.join(ROOT, 'tests/fixtures/pdf/tianhe-2020-final-planted.pdf'),
  );
  await expect(page.locator('.batch-detail .bl-dept')).toHaveText('广州市天河区政务服务数据管理局', { timeout: 30_000 });
  await expect(page.locator('.batch-detail .bl-finding.sev-error').first()).toContainText('148.75');
  await page.locator('.batch-back button').click();
  await expect(page.locator('.batch-table tbody tr')).toHaveCount(N);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('under a strict CSP the batch workers start and a few reports check off the main thread', async ({ page }) => {
  const srv = await serveWith({ 'Content-Security-Policy': STRICT_CSP }, 4198);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  try {
    await page.goto(`${srv.url}#batch`);
    await page.waitForSelector('.batch-app');
    const files = batchFiles(6);
    // one file that is no report at all: a row that says so, not a failure
    files.push({ name: 'junk.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not a report') });
    await page.locator('.batch-files').setInputFiles(files);
    await expect(page.locator('.batch-app')).toHaveAttribute('data-done', '7', { timeout: 60_000 });
    expect(Number(await page.locator('.batch-app').getAttribute('data-workers'))).toBeGreaterThan(0);
    await expect(page.locator('.batch-table tbody tr')).toHaveCount(7);
    await expect(page.locator('.batch-table tbody tr.not-report')).toHaveCount(1);
    expect(violations).toEqual([]);
  } finally {
    srv.close();
  }
});
