// The comparison view (#compare): the corpus side by side (years and 三公 by
// year from EXPECTED.md), a 比上年 claim contradicted by the prior report, the
// chart's bars, accessibility. Screenshots in tests/e2e/screenshots/.
import { test, expect } from '@playwright/test';
import { corpusFiles, corpusText, expected, shot, axeSerious } from './helpers.mjs';

const EXPECTED = expected();

async function openCompare(page) {
  await page.goto('/#compare');
  await page.waitForSelector('.cmp-app');
}

function smallFinal(year, actualTotal, narrative) {
  return `${year} 年 测试市示例局\n部门决算\n\n一般公共预算财政拨款“三公”经费支出决算表\n\n部门：测试市示例局\n\n单位：万元\n\n`
    + '预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n'
    + '合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n'
    + '\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n'
    + `6.00\t0.00\t4.00\t0.00\t4.00\t2.00\t${actualTotal}\t0.00\t${actualTotal}\t0.00\t${actualTotal}\t0.00\n\n`
    + `第三部分 情况说明\n\n${narrative}\n`;
}

test('corpus reports side by side: years and 三公 by year', async ({ page }) => {
  await openCompare(page);
  const files = corpusFiles().map((f) => ({ name: f, mimeType: 'text/plain', buffer: Buffer.from(corpusText(f)) }));
  await page.locator('.cmp-files').setInputFiles(files);
  await expect(page.locator('.cmp-app')).toHaveAttribute('data-reports', String(files.length));
  await expect(page.locator('.cmp-years')).toContainText('2017、2020、2024');
  for (const f of corpusFiles()) {
    const exp = EXPECTED[f];
    const year = f.match(/(\d{4})/)[1];
    const row = page.locator(`.cmp-sangong tr[data-year="${year}"]`);
    await expect(row.locator('td[data-col="budget"]')).toHaveText(exp.budget.total);
    await expect(row.locator('td[data-col="actual"]')).toHaveText(exp.actual ? exp.actual.total : '—');
  }
  // 2020 final + 2024 budget: one department, three bars (budget, actual, budget).
  const dept = page.locator('.cmp-dept', { hasText: '政务服务数据管理局' });
  await expect(dept.locator('svg.sg-years g.sg-bar[tabindex]')).toHaveCount(3);
  await expect(dept.locator('svg.sg-years g.sg-bar[data-series="actual"]')).toHaveAttribute('data-value', '1.02');
  await expect(page.locator('.cmp-ok')).toBeVisible();
  await shot(page, 'compare-corpus', { fullPage: true });
  expect(await axeSerious(page)).toEqual([]);
});

test('a 比上年 claim contradicted by the prior report is reported', async ({ page }) => {
  await openCompare(page);
  const add = async (text) => {
    await page.locator('#cmp-text').fill(text);
    await page.locator('.cmp-add').click();
  };
  await add(smallFinal(2020, '5.00', '无。'));
  await add(smallFinal(2021, '4.00', '2021 年度“三公”经费财政拨款支出决算为 4 万元，比上年增加 1 万元，增长 25%。'));
  await expect(page.locator('.cmp-app')).toHaveAttribute('data-reports', '2');
  const f = page.locator('.cmp-finding[data-rule="yoy_claim_vs_prior_report"]');
  await expect(f).toHaveCount(1);
  await expect(f).toContainText('粘贴的报告 1');
  await expect(page.locator('svg.sg-years g.sg-bar.actual[tabindex]')).toHaveCount(2);
  await shot(page, 'compare-yoy', { fullPage: true });
  // Removing the earlier report removes the contradiction.
  await page.locator('.cmp-remove').first().click();
  await expect(page.locator('.cmp-finding')).toHaveCount(0);
});
