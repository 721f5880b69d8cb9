// Opening a PDF in the page (issue 10): the PDF is read in its own worker
// (www/pdf-worker.js, its own wasm), loaded only when a PDF is opened, from the app's
// own files, never uploaded; its text comes back with its pages; a planted cell shows
// as an error; a broken PDF gets its reason.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, open, shot } from './helpers.mjs';

const PLANTED = path.join(ROOT, 'tests/fixtures/pdf/tianhe-2020-final-planted.pdf');

test('a PDF opened in the page is read in its worker, with its pages and its planted error', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  await open(page);
  const before = requests.length;
  expect(requests.some((r) => /pdf-worker|budgetlens_pdf/.test(r.url)), 'no PDF code on the first load').toBe(false);

  await page.locator('input.bl-file-input').setInputFiles(PLANTED);
  await expect(page.locator('.bl-dept')).toHaveText('广州市天河区政务服务数据管理局', { timeout: 30_000 });
  const text = await page.locator('#bl-text').inputValue();
  expect(text).toContain('\f');
  // 三公 figures as the PDF prints them.
  const table = page.locator('.bl-sangong-table');
  await expect(table.locator('tr[data-item="total"] td[data-col="budget"]')).toHaveText('4.00');
  await expect(table.locator('tr[data-item="total"] td[data-col="actual"]')).toHaveText('1.02');
  // The planted cell.
  await expect(page.locator('.bl-finding.sev-error').first()).toContainText('148.75');

  const after = requests.slice(before);
  expect(after.some((r) => /pdf-worker\.js$/.test(r.url))).toBe(true);
  const origin = new URL(page.url()).origin;
  for (const r of after) {
    expect(r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'), r.url).toBe(true);
    expect(r.method, r.url).toBe('GET');
  }
  await shot(page, 'pdf-opened');
});

test('a broken PDF gets its reason, the page goes on', async ({ page }) => {
  await open(page);
  await page.locator('input.bl-file-input').setInputFiles({
    name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nnot really a pdf'),
  });
  await expect(page.locator('.bl-notice')).toContainText('broken.pdf', { timeout: 30_000 });
  await expect(page.locator('.bl-notice')).toContainText('PDF');
});

// A real published report, where ../shared is beside the project (never copied in).
const REAL = path.join(ROOT, '../shared/corpus/real/sh-putuo-zfb-2025-budget-dept.pdf');

test('a real report PDF: 三公 as published, blank cells blank', async ({ page }) => {
  test.skip(!fs.existsSync(REAL), 'skipped: no ../shared/corpus/real');
  await open(page);
  await page.locator('input.bl-file-input').setInputFiles(REAL);
  // (the department line reads as the cover prints it: 预算主管部门：…)
  await expect(page.locator('.bl-dept')).toContainText('上海市普陀区人民政府办公室', { timeout: 30_000 });
  const table = page.locator('.bl-sangong-table');
  await expect(table.locator('tr[data-item="total"] td[data-col="budget"]')).toHaveText('867.50');
  await expect(table.locator('tr[data-item="outbound"] td[data-col="budget"]')).toHaveText('839.00');
  await expect(table.locator('tr[data-item="reception"] td[data-col="budget"]')).toHaveText('28.50');
  await expect(page.locator('.bl-finding.sev-error')).toHaveCount(0);
  await shot(page, 'pdf-real-report');
});
