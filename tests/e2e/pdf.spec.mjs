// Opening a PDF in the page (issue 10): the PDF is read in its own worker
// (www/pdf-worker.js, its own wasm), loaded only when a PDF is opened, from the app's
// own files, never uploaded; its text comes back with its pages; a planted cell shows
// as an error; a broken PDF gets its reason.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, open, shot, serveWith, STRICT_CSP } from './helpers.mjs';

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

// 在原文中查看 (issue 10): a finding of a PDF shown on its page, redrawn as SVG from the
// PDF's text runs and rules, the planted cell boxed in red with its expected value; under
// the strict CSP; a dialog that Escape closes, focus back on its button; on a phone the
// drawing scrolls inside the panel, never the page.
for (const [w, h, name] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
  test(`在原文中查看 shows the planted cell boxed on its page (${name} ${w}×${h})`, async ({ browser }) => {
    const srv = await serveWith({ 'Content-Security-Policy': STRICT_CSP }, 4297 + (name === 'phone' ? 1 : 0));
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    try {
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await open(page, srv.url);
      await page.locator('input.bl-file-input').setInputFiles(PLANTED);
      const error = page.locator('.bl-finding.sev-error').filter({ hasText: '148.75' }).first();
      await expect(error).toBeVisible({ timeout: 30_000 });

      // The page of the planted line, as the text the PDF was read into says (form feeds).
      const text = await page.locator('#bl-text').inputValue();
      const lines = text.split('\n');
      const at = lines.findIndex((l) => l.startsWith('2210201\t') && l.includes('148.75'));
      expect(at).toBeGreaterThan(0);
      const pageNo = lines.slice(0, at).filter((l) => l.includes('\f')).length + 1;

      const button = error.locator(':scope > .bl-finding-detail .bl-view-src');
      await expect(button).toHaveText('在原文中查看');
      if (name === 'phone') {
        await page.locator('.bl-lang').first().click();
        await expect(button).toHaveText('View in the PDF');
        await page.locator('.bl-lang').first().click();
        await expect(button).toHaveText('在原文中查看');
      }
      // Every related finding with a line has its own.
      const related = error.locator('.bl-related li');
      const nRelated = await related.count();
      if (nRelated > 0) await expect(error.locator('.bl-related .bl-view-src')).toHaveCount(nRelated);
      await button.click();

      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('aria-label', `第 ${pageNo} 页（按 PDF 中文字与表格线的位置重绘）`);
      await expect(dialog.locator('.bl-src-title')).toHaveText(`第 ${pageNo} 页（按 PDF 中文字与表格线的位置重绘）`);
      await expect(dialog).toBeFocused();
      const svg = dialog.locator('svg.bl-src-page');
      await expect(svg).toBeVisible({ timeout: 30_000 });
      await expect(dialog.locator('.bl-src-note-text')).toHaveText('应为 184.75');
      await expect(dialog.locator('.bl-src-expected')).toHaveText('应为 184.75');

      // The red box stands around the planted figure as the page draws it.
      const geo = await svg.evaluate((el) => {
        const box = el.querySelector('rect.bl-src-box');
        const run = [...el.querySelectorAll('.bl-src-text text')].find((t) => t.textContent === '148.75');
        const n = (a) => Number(box.getAttribute(a));
        return {
          box: { x: n('x'), y: n('y'), w: n('width'), h: n('height') },
          run: run && { x: Number(run.getAttribute('x')), y: Number(run.getAttribute('y')), len: Number(run.getAttribute('textLength')) },
          stroke: getComputedStyle(box).stroke,
          rules: el.querySelectorAll('.bl-src-rules line').length,
          runs: el.querySelectorAll('.bl-src-text text').length,
        };
      });
      expect(geo.run, 'the planted run is drawn').toBeTruthy();
      expect(geo.stroke).toBe('rgb(208, 2, 27)');
      expect(Math.abs(geo.box.x - geo.run.x)).toBeLessThan(4);
      expect(Math.abs(geo.box.x + geo.box.w - (geo.run.x + geo.run.len))).toBeLessThan(4);
      expect(geo.box.y).toBeLessThan(geo.run.y);
      expect(geo.box.y + geo.box.h).toBeGreaterThan(geo.run.y);
      expect(geo.box.h).toBeLessThan(20);
      expect(geo.rules).toBeGreaterThan(10);
      expect(geo.runs).toBeGreaterThan(30);

      // Scrolled to the box: it is inside the panel's visible area.
      const inView = await page.evaluate(() => {
        const s = document.querySelector('#bl-src-scroll').getBoundingClientRect();
        const b = document.querySelector('#bl-src-box').getBoundingClientRect();
        return b.left >= s.left - 1 && b.right <= s.right + 1 && b.top >= s.top - 1 && b.bottom <= s.bottom + 1;
      });
      expect(inView, 'the box is scrolled into the panel').toBe(true);
      // The page itself never scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `pdf-view-in-source-${name}`);

      // Keyboard: Tab stays in the dialog (the page behind is inert).
      for (let k = 0; k < 6; k++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
      }
      // The whole page, fitted to the panel's width.
      await dialog.locator('.bl-src-fit-btn').click();
      await expect(dialog.locator('.bl-src-fit-btn')).toHaveAttribute('aria-pressed', 'true');
      const fit = await page.evaluate(() => {
        const s = document.querySelector('#bl-src-scroll');
        return document.querySelector('svg.bl-src-page').getBoundingClientRect().width - s.clientWidth;
      });
      expect(fit).toBeLessThanOrEqual(1);
      await shot(page, `pdf-view-in-source-${name}-whole-page`);
      await dialog.locator('.bl-src-fit-btn').click();

      // Printed while open: the panel alone.
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.bl-main')).toBeHidden();
      await expect(svg).toBeVisible();
      if (name === 'desktop') await shot(page, 'pdf-view-in-source-print', { fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await dialog.focus();

      // Escape closes; focus goes back to the button.
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(button).toBeFocused();
      expect(await page.evaluate(() => window.__csp)).toEqual([]);

      // Edited text is no longer the PDF's: no button then.
      await page.locator('#bl-text').evaluate((el) => {
        el.value = el.value + '\n';
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      });
      await expect(page.locator('.bl-view-src')).toHaveCount(0, { timeout: 10_000 });
    } finally {
      await context.close();
      srv.close();
    }
  });
}

test('a PDF being read says so and can be cancelled; the next one is read', async ({ page }) => {
  await open(page);
  // Hold the PDF reader's wasm back, as a slow machine or a 200-page file would.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/budgetlens_pdf_bg\.wasm$/, async (route) => {
    await held;
    await route.continue().catch(() => {}); // the worker that asked is gone by then
  });
  await page.locator('input.bl-file-input').setInputFiles(PLANTED);
  const status = page.locator('.bl-pdf-status');
  await expect(status).toContainText('正在本机读取 PDF');
  await shot(page, 'pdf-reading');
  await status.locator('.bl-pdf-cancel').click();
  await expect(status).toHaveCount(0);
  await expect(page.locator('.bl-notice')).toContainText('已取消');
  await expect(page.locator('#bl-text')).toHaveValue('');
  // The next PDF starts a new reader and is read.
  await page.unroute(/budgetlens_pdf_bg\.wasm$/);
  release();
  await page.locator('input.bl-file-input').setInputFiles(path.join(ROOT, 'tests/fixtures/pdf/tianhe-2020-final.pdf'));
  await expect(page.locator('.bl-dept')).toHaveText('广州市天河区政务服务数据管理局', { timeout: 30_000 });
  await expect(page.locator('.bl-pdf-status')).toHaveCount(0);
});

// The page and the command line read a PDF with the same Rust reader: the same file
// gives the same analysis object at both doors (the contract's "one object").
const CLI = path.join(ROOT, 'target/debug/budgetlens');
const SAME_DOOR = [
  path.join(ROOT, 'tests/fixtures/pdf/tianhe-2020-final-planted.pdf'),
  ...['sh-putuo-czj-2024-final-dept', 'gd-shenzhen-kab-2026-budget-dept', 'js-suzhou-zrzyghj-2026-budget-unit', 'zj-huzhou-jtysj-2026-budget-dept']
    .map((id) => path.join(ROOT, `../shared/corpus/real/${id}.pdf`)),
];

for (const file of SAME_DOOR) {
  test(`the page and the CLI give the same analysis of ${path.basename(file)}`, async ({ page }) => {
    test.skip(!fs.existsSync(file), 'skipped: no ../shared/corpus/real');
    test.skip(!fs.existsSync(CLI), 'skipped: no target/debug/budgetlens (cargo test builds it)');
    let cli;
    try {
      cli = execFileSync(CLI, ['check', '--json', file], { maxBuffer: 64 << 20 }).toString();
    } catch (e) {
      cli = e.stdout.toString(); // exit 1: the report has errors
    }
    await open(page);
    await page.locator('input.bl-file-input').setInputFiles(file);
    await expect(page.locator('.bl-dept')).not.toHaveText('', { timeout: 60_000 });
    await expect(page.locator('.bl-pdf-status')).toHaveCount(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 JSON' }).click(),
    ]);
    const fromPage = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const fromCli = JSON.parse(cli);
    for (const key of ['meta', 'tables', 'sangong', 'findings']) {
      expect(fromPage[key], key).toEqual(fromCli[key]);
    }
  });
}
