// A phone (390 × 844) and a laptop (1366 × 768): no horizontal page scroll, the
// verdict on the first screen after a paste, a legible 三公 chart with round
// ticks, rounding notices folded per table, and the 问题清单 exports (.docx,
// .xlsx) that parse back. Screenshots go to tests/e2e/screenshots/ (looked at by
// a person). Also: the wasm is fetched once (page and worker share the compiled
// module) and served compressed.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { corpusText, paste, open, shot } from './helpers.mjs';

const FINAL_2020 = 'tianhe-zwsjj-2020-final.txt';
// The README's planted cell: 2210201 住房公积金 基本支出 184.75 typed as 148.75.
const planted = () => corpusText(FINAL_2020).replace('184.75', '148.75');

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
];

/** Page wider than the window? (what makes a phone scroll sideways) */
const overflow = (page) =>
  page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));

/** Cells whose text is laid out (nearly) one character per line. */
const charPerLine = (page, selector) =>
  page.evaluate((sel) => {
    const bad = [];
    for (const el of document.querySelectorAll(sel)) {
      const text = el.textContent.trim();
      if ([...text].length < 3 || el.getClientRects().length === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      if (lines >= [...text].length - 1) bad.push(`${text} (${lines} lines)`);
    }
    return bad;
  }, selector);

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('no sideways scroll; the verdict on the first screen; a legible chart', async ({ page }) => {
      await open(page);
      let o = await overflow(page);
      expect(o.scroll, 'empty page fits the width').toBeLessThanOrEqual(o.inner);
      await shot(page, `${size.name}-empty`);

      await paste(page, planted());
      await page.evaluate(() => window.scrollTo(0, 0));
      o = await overflow(page);
      expect(o.scroll, 'the page with a report fits the width').toBeLessThanOrEqual(o.inner);

      // The verdict: counts and how much was checked, inside the first screen.
      const verdict = page.locator('.bl-verdict');
      await expect(verdict).toBeVisible();
      await expect(verdict).toContainText('错误 1');
      await expect(verdict).toContainText(/已核对 \d+ 张表、\d+ 行、\d+ 个数值/);
      const box = await verdict.boundingBox();
      expect(box.y + box.height, 'verdict inside the first screen').toBeLessThanOrEqual(size.height);
      await shot(page, `${size.name}-first-screen`);

      // The chart: horizontal bars on the phone, vertical on the laptop.
      const svg = page.locator('.bl-chart svg.sg-svg');
      await expect(svg).toHaveClass(size.width < 900 ? /sg-horizontal/ : /sg-vertical/);
      await svg.scrollIntoViewIfNeeded();
      const fonts = await svg.evaluate((s) =>
        [...s.querySelectorAll('text')].map((t) => ({
          text: t.textContent,
          css: parseFloat(getComputedStyle(t).fontSize),
          // As drawn: the CSS size times the SVG's scale on screen.
          drawn: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        })),
      );
      expect(fonts.length).toBeGreaterThan(10);
      for (const f of fonts) {
        expect(f.css, `"${f.text}" computed font size`).toBeGreaterThanOrEqual(11);
        expect(f.drawn, `"${f.text}" drawn size`).toBeGreaterThanOrEqual(10.5);
      }
      // Uses the width it has (at least 90 % of its section's content box).
      const widths = await svg.evaluate((s) => ({ svg: s.getBoundingClientRect().width, box: s.closest('section').clientWidth }));
      if (size.width >= 900) expect(widths.svg).toBeGreaterThan(widths.box * 0.9);
      // Round ticks: every one a whole number of one step of 1, 2 or 5 × 10ⁿ.
      const ticks = (await svg.locator('.sg-tick-label').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
      expect(ticks[0]).toBe(0);
      const step = ticks[1];
      const mant = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5], `step ${step}`).toContain(Math.round(mant * 1000) / 1000);
      ticks.forEach((t, i) => expect(Math.abs(t - i * step)).toBeLessThan(1e-9));
      await shot(page, `${size.name}-chart`);

      // Tables of figures never wrap one character per line.
      expect(await charPerLine(page, '.sg-data th, .sg-data td, .bl-sangong-table th, .bl-sangong-table td')).toEqual([]);
      expect(await charPerLine(page, '.bl-select-label, .bl-toolbar label')).toEqual([]);

      // Findings: the error first, the rounding notices of a table folded into one line.
      const first = page.locator('.bl-finding').first();
      await expect(first).toHaveClass(/sev-error/);
      const fold = page.locator('.bl-rounding > summary').first();
      await expect(fold).toHaveText(/\d+ 处.*尾差.*在四舍五入误差内/);
      await page.locator('#bl-findings-h').scrollIntoViewIfNeeded();
      await shot(page, `${size.name}-findings`);
      await fold.click();
      await expect(page.locator('.bl-rounding').first()).toHaveAttribute('open', '');
      o = await overflow(page);
      expect(o.scroll, 'unfolded findings fit the width').toBeLessThanOrEqual(o.inner);
    });
  });
}

test('the 问题清单 as .xlsx and .docx: files that unzip to OOXML holding every finding', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await open(page);
  await paste(page, planted());
  expect(requests.filter((p) => p.endsWith('/export.js') || p.includes('fflate')), 'not loaded with the page').toEqual([]);
  const message = await page.locator('.bl-finding.sev-error .bl-finding-msg').first().innerText();
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  for (const [button, ext, part] of [
    ['.bl-export-xlsx', 'xlsx', 'xl/worksheets/sheet1.xml'],
    ['.bl-export-docx', 'docx', 'word/document.xml'],
  ]) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.locator(button).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`问题清单\\.${ext}$`));
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)).toContain('[Content_Types].xml');
    const xml = strFromU8(files[part]);
    expect(xml, `${ext} holds the error's message`).toContain(escaped);
    for (const col of ['报表', '行', '列', '页', '报告数', '应为', '说明']) expect(xml).toContain(col);
    expect(xml).toContain('148.75');
    expect(xml).toContain('184.75');
    // Well-formed XML (the browser's own parser says so).
    const parsed = await page.evaluate((s) => {
      const d = new DOMParser().parseFromString(s, 'application/xml');
      return d.getElementsByTagName('parsererror').length === 0;
    }, xml);
    expect(parsed, `${part} is well-formed`).toBe(true);
    fs.writeFileSync(`target/playwright/export-sample.${ext}`, bytes);
  }
  // Loaded on demand, once, from the app's own files.
  expect(requests.filter((p) => p.endsWith('/export.js'))).toHaveLength(1);
  expect(requests.filter((p) => p.endsWith('/vendor/fflate.js'))).toHaveLength(1);
});

test('the wasm is fetched once (the worker gets the compiled module) and served compressed', async ({ page }) => {
  const wasm = [];
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push({ encoding: (await r.allHeaders())['content-encoding'] });
  });
  await open(page);
  // A paste over 512 KB goes through the worker: it must answer without a fetch of its own.
  const big = corpusText(FINAL_2020).repeat(12);
  await paste(page, big);
  await expect(page.locator('.bl-verdict')).toBeVisible();
  expect(wasm).toHaveLength(1);
  expect(['br', 'gzip']).toContain(wasm[0].encoding);
});

test('the embed adopts its stylesheet without @import (no console warning in the host)', async ({ page }) => {
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto('/embed-demo.html');
  await page.waitForFunction(() => {
    const el = document.querySelector('budget-lens');
    return el && el.shadowRoot && el.shadowRoot.adoptedStyleSheets.length > 0;
  });
  const imports = await page.evaluate(() =>
    [...document.querySelectorAll('budget-lens')].flatMap((el) =>
      el.shadowRoot.adoptedStyleSheets.flatMap((s) => [...s.cssRules].filter((r) => r instanceof CSSImportRule).map((r) => r.cssText)),
    ),
  );
  expect(imports).toEqual([]);
  expect(messages.filter((m) => /@import/.test(m))).toEqual([]);
});
