// The page end to end: paste each corpus report and see what EXPECTED.md says,
// planted errors pinned to their cell, export equal to the CLI, bad input,
// language switch, keyboard, strict CSP, accessibility. Screenshots go to
// tests/e2e/screenshots/ (looked at by a person, not compared by pixels).
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, CORPUS, corpusFiles, corpusText, expected, cliJson, paste, open, shot, axeSerious, serveWith, STRICT_CSP,
} from './helpers.mjs';

const EXPECTED = expected();
const stem = (f) => f.replace(/\.txt$/, '');

test('empty page invites a paste and is accessible', async ({ page }) => {
  await open(page);
  await expect(page.locator('.bl-problem-empty')).toBeVisible();
  await expect(page.locator('h1')).toContainText('预决算核验');
  await shot(page, 'empty');
  expect(await axeSerious(page)).toEqual([]);
});

for (const file of corpusFiles()) {
  test(`${file}: 三公 figures, tables, export equal to the CLI`, async ({ page }) => {
    test.setTimeout(180_000); // the CLI runs through cargo, which may wait for a build lock
    const exp = EXPECTED[file];
    expect(exp, `EXPECTED.md has a section for ${file}`).toBeTruthy();
    const text = corpusText(file);
    await open(page);
    await paste(page, text);

    // 三公 figures of EXPECTED.md, budget and (for final accounts) actual.
    const table = page.locator('.bl-sangong-table');
    for (const [col, figs] of [['budget', exp.budget], ['actual', exp.actual]]) {
      if (!figs) {
        await expect(table.locator(`td[data-col="${col}"]`)).toHaveCount(0);
        continue;
      }
      for (const [item, value] of Object.entries(figs)) {
        await expect(table.locator(`tr[data-item="${item}"] td[data-col="${col}"]`), `${col} ${item}`).toHaveText(value);
      }
    }

    // Every standard table EXPECTED.md lists is shown, and as many tables as the CLI reads.
    const cli = JSON.parse(cliJson(text));
    await expect(page.locator('section.bl-table')).toHaveCount(cli.tables.length);
    for (const kind of exp.kinds) {
      await expect(page.locator(`section.bl-table[data-kind="${kind}"]`), kind).toHaveCount(1);
    }
    await expect(page.locator('.bl-dept')).toHaveText(cli.meta.department);

    // Export JSON: byte for byte what `budgetlens check --json` prints.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.getByRole('button', { name: '导出 JSON' }).click(),
    ]);
    const exported = fs.readFileSync(await download.path(), 'utf8');
    expect(exported).toEqual(cliJson(text));

    // CSV of one table: BOM, header, one record per row.
    const first = page.locator('section.bl-table').filter({ has: page.locator('table') }).first();
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      first.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    expect(csvText.startsWith('\ufeff')).toBe(true);

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `${stem(file)}-top`);
    await page.locator('#bl-chart-h').scrollIntoViewIfNeeded();
    await shot(page, `${stem(file)}-chart`);
    await page.locator('#bl-findings-h').scrollIntoViewIfNeeded();
    await shot(page, `${stem(file)}-findings`);
    await page.locator('#bl-tables-h').scrollIntoViewIfNeeded();
    await shot(page, `${stem(file)}-tables`);
    await shot(page, `${stem(file)}-full`, { fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
  });
}

const group = (v) => {
  const [int, frac] = v.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
};

/** Change the first value of a 合计 row by +100 in the text: a planted error. */
function plantError(text) {
  const a = JSON.parse(cliJson(text));
  const lines = text.split('\n');
  for (const t of a.tables) {
    for (const r of t.rows) {
      const v = r.values[0];
      if (r.code || !/合计$/.test(r.label.replace(/\s/g, '')) || !v || Number(v) === 0 || v.endsWith('%')) continue;
      const line = lines[r.line - 1];
      const grouped = group(v);
      const printed = line.includes(grouped) ? grouped : line.includes(v) ? v : null;
      if (!printed) continue;
      const scale = (v.split('.')[1] || '').length;
      const bumped = (Number(v) + 100).toFixed(scale);
      lines[r.line - 1] = line.replace(printed, printed.includes(',') ? group(bumped) : bumped);
      return { text: lines.join('\n'), table: t.id, line: r.line };
    }
  }
  return null;
}

test('a planted error shows as an error finding and clicking it highlights its cell', async ({ page }) => {
  test.setTimeout(180_000);
  const file = corpusFiles().find((f) => f.includes('2020-final')) || corpusFiles()[0];
  const planted = plantError(corpusText(file));
  expect(planted, 'a 合计 row to change').toBeTruthy();
  const cli = JSON.parse(cliJson(planted.text));
  const errors = cli.findings.filter((f) => f.severity === 'error');
  test.skip(errors.length === 0, 'the checks do not report this planted error yet (no error-level rule on this branch)');

  await open(page);
  await paste(page, planted.text);
  await expect(page.locator('.bl-count-n[data-severity="error"]')).toHaveText(String(errors.length));
  const withCell = cli.findings.findIndex((f) => f.severity === 'error' && f.cell && f.table);
  expect(withCell, 'an error finding pinned to a cell').toBeGreaterThanOrEqual(0);
  const f = cli.findings[withCell];
  await page.locator(`#finding-${withCell}`).evaluate((li) => { const d = li.closest('details'); if (d) d.open = true; }); // a folded rounding notice: unfold it first
  await page.locator(`#finding-${withCell} button.bl-finding-msg`).click();
  const cell = page.locator(`#cell-${f.table}-${f.cell.row}-${f.cell.col}`);
  await expect(cell).toHaveClass(/bl-hl/);
  await expect(cell).toBeFocused();
  await expect(cell).toBeInViewport();
  // Hover and focus explain it (a cell may carry several findings: all are listed).
  expect(await cell.getAttribute('title')).toContain(f.message_zh);
  const tip = await cell.getAttribute('aria-describedby');
  await expect(page.locator(`#${tip}`)).toContainText(f.message_zh);
  await expect(page.locator(`#${tip}`)).toBeVisible();
  await shot(page, 'planted-error-highlight');
});

test('bad input gets a clear message, pasted HTML stays text', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await open(page);
  const cases = [
    ['html', '<html><body><script>alert(1)</script><img src=x onerror=alert(2)><h1>收入支出决算总表</h1></body></html>'],
    ['junk', 'hello world\nthis is not a budget report at all\n1 2 3'],
    ['binary', '\u0000\u0001\u0002\u0003PK\u0003\u0004\u0000\u0000\u0000\u0008\u0000'.repeat(50)],
  ];
  for (const [name, text] of cases) {
    await paste(page, text);
    const problem = page.locator('.bl-problem');
    await expect(problem).toBeVisible();
    expect((await problem.innerText()).length).toBeGreaterThan(5);
    await shot(page, `bad-input-${name}`);
  }
  expect(await page.locator('.bl-app img').count()).toBe(0);
  await paste(page, '');
  await expect(page.locator('.bl-problem-empty')).toBeVisible();
  expect(errors).toEqual([]);
});

test('English switch, severity filter, keyboard fold and sort', async ({ page }) => {
  const file = corpusFiles().find((f) => f.includes('2020-final')) || corpusFiles()[0];
  await open(page);
  await paste(page, corpusText(file));
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('.bl-app')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#bl-glance-h')).toHaveText('At a glance');
  await shot(page, 'english');

  // Severity filter: turning notices off hides them, the button says so.
  const noticeBtn = page.locator('.bl-sev-btn.sev-notice');
  const notices = page.locator('.bl-finding.sev-notice');
  const shownBefore = await notices.count();
  expect(shownBefore, 'the 2020 report has rounding notices').toBeGreaterThan(0);
  await noticeBtn.click();
  await expect(noticeBtn).toHaveAttribute('aria-pressed', 'false');
  await expect(notices).toHaveCount(0);
  await noticeBtn.click();
  await expect(notices).toHaveCount(shownBefore);

  // A table with a code hierarchy: fold a class with the keyboard.
  const tableId = await page.locator('button.bl-toggle[aria-expanded="true"]').first().evaluate((b) => b.closest('table').id);
  const tableEl = page.locator(`#${tableId}`);
  const toggle = tableEl.locator('button.bl-toggle').first();
  const before = await tableEl.locator('tbody tr:not([hidden])').count();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(tableEl.locator('button.bl-toggle').first()).toHaveAttribute('aria-expanded', 'false');
  expect(await tableEl.locator('tbody tr:not([hidden])').count()).toBeLessThan(before);
  await page.keyboard.press('Enter');
  await expect(tableEl.locator('tbody tr:not([hidden])')).toHaveCount(before);

  // Sort a value column from the keyboard: descending among siblings.
  const th = tableEl.locator('thead th[aria-sort]').first();
  await th.locator('button').focus();
  // Keyboard focus is visible (an outline, not the browser default turned off).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await th.locator('button').evaluate((b) => getComputedStyle(b).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(th).toHaveAttribute('aria-sort', 'descending');
  await shot(page, 'sorted-folded');

  // Filter box narrows rows.
  const section = page.locator('section.bl-table').filter({ has: tableEl });
  await section.locator('input.bl-filter').fill('zzzz-no-such-row');
  await expect(section.locator('.bl-no-match').first()).toBeVisible();
});

test('runs under a strict CSP (no inline script or style)', async ({ page }) => {
  const srv = await serveWith({ 'Content-Security-Policy': STRICT_CSP }, 4199);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  try {
    await open(page, srv.url);
    await paste(page, corpusText(corpusFiles()[0]));
    await expect(page.locator('.bl-glance')).toBeVisible();
    expect(violations).toEqual([]);
  } finally {
    srv.close();
  }
});

test('print stylesheet hides the controls', async ({ page }) => {
  await open(page);
  await paste(page, corpusText(corpusFiles()[0]));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.bl-input')).toBeHidden();
  await expect(page.locator('.bl-findings')).toBeVisible();
  await shot(page, 'print', { fullPage: true });
});

test('a bundled sample report loads from the picker', async ({ page }) => {
  await open(page);
  await page.locator('select.bl-samples').selectOption({ index: 1 });
  await expect(page.locator('.bl-dept')).not.toBeEmpty();
  await expect(page.locator('section.bl-table').first()).toBeVisible();
  expect((await page.locator('#bl-text').inputValue()).length).toBeGreaterThan(1000);
});

test('a narrative finding selects its line in the text box', async ({ page }) => {
  test.setTimeout(180_000);
  for (const file of corpusFiles()) {
    const text = corpusText(file);
    const cli = JSON.parse(cliJson(text));
    const i = cli.findings.findIndex((f) => !f.table && f.line);
    if (i < 0) continue;
    await open(page);
    await paste(page, text);
    await page.locator(`#finding-${i}`).evaluate((li) => { const d = li.closest('details'); if (d) d.open = true; }); // a folded rounding notice: unfold it first
    await page.locator(`#finding-${i} button.bl-finding-msg`).click();
    const sel = await page.locator('#bl-text').evaluate((el) => {
      const before = el.value.slice(0, el.selectionStart);
      return { line: before.split('\n').length, focused: document.activeElement === el, len: el.selectionEnd - el.selectionStart };
    });
    expect(sel.focused).toBe(true);
    expect(sel.line).toBe(cli.findings[i].line);
    expect(sel.len).toBeGreaterThan(0);
    await shot(page, 'narrative-finding-line');
    return;
  }
  test.skip(true, 'no narrative finding in the corpus');
});

test('opening several .txt files, one of them GBK-encoded, reads each in its own encoding', async ({ page }) => {
  await open(page);
  const gbk = path.join(ROOT, 'tests/fixtures/web/budget-2024-gb18030.txt');
  const utf8 = path.join(CORPUS, corpusFiles().find((f) => f.includes('2020-final')));
  await page.locator('input.bl-file-input').setInputFiles([utf8, gbk]);
  // Files are listed by name; the GBK budget sorts first and is shown first.
  const picker = page.locator('select.bl-files');
  await expect(picker.locator('option')).toHaveCount(2);
  await expect(page.locator('.bl-dept')).toHaveText('广州市天河区政务服务数据管理局');
  await expect(page.locator('.bl-kind')).toHaveText('部门预算');
  await picker.selectOption({ index: 1 });
  await expect(page.locator('.bl-kind')).toHaveText('部门决算');
  await shot(page, 'opened-files');
});

test('dropping a .txt file onto the input analyses it', async ({ page }) => {
  await open(page);
  const text = corpusText(corpusFiles().find((f) => f.includes('2024-budget')));
  await page.locator('section.bl-input').evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.locator('.bl-kind')).toHaveText('部门预算');
  expect(await page.locator('#bl-text').inputValue()).toBe(text);
});

test('a finding about a whole row marks the row and leads to it', async ({ page }) => {
  test.setTimeout(180_000);
  for (const file of corpusFiles()) {
    const text = corpusText(file);
    const cli = JSON.parse(cliJson(text));
    const i = cli.findings.findIndex((f) => f.table && !f.cell && f.line);
    if (i < 0) continue;
    const f = cli.findings[i];
    const table = cli.tables.find((t) => t.id === f.table);
    const r = table.rows.findIndex((row) => row.line === f.line);
    expect(r).toBeGreaterThanOrEqual(0);
    await open(page);
    await paste(page, text);
    const row = page.locator(`#row-${f.table}-${r}`);
    await expect(row.locator('.bl-row-flag')).toHaveAttribute('title', new RegExp(f.message_zh.slice(0, 10).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.locator(`#finding-${i}`).evaluate((li) => { const d = li.closest('details'); if (d) d.open = true; }); // a folded rounding notice: unfold it first
    await page.locator(`#finding-${i} button.bl-finding-msg`).click();
    await expect(row).toHaveClass(/bl-hl-row/);
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await shot(page, 'row-finding');
    return;
  }
  test.skip(true, 'no row-level finding in the corpus');
});

test('keyboard: the first Tab offers a skip link to the findings', async ({ page }) => {
  await open(page);
  await paste(page, corpusText(corpusFiles()[0]));
  // Start sequential focus navigation from the top of the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(2, 2);
  // The page's own view nav comes first, then the skip links.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('bl-skip'))) break;
  }
  const skip = page.locator('.bl-skip').first();
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await shot(page, 'skip-link');
  await page.keyboard.press('Enter');
  await expect(page.locator('#bl-findings-h')).toBeFocused();
});
