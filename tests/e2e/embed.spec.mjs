// End-to-end tests of the embedding (issue #5): the <budget-lens> element on a
// hostile host page, under the strict CSP, with no network after load; the
// headless JS API; the single-file build from file:// offline; pasted markup
// shown as text; a 10 MB paste that keeps the page responsive.
//
// dist/ must be built first (scripts/build). The tests start their own server
// (tests/e2e/csp-server.mjs) that sends
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// on every file and logs every request it serves.
import { test, expect } from '@playwright/test';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCspServer } from './csp-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const CORPUS = ['tianhe-zwb-2017-final.txt', 'tianhe-zwsjj-2020-final.txt', 'tianhe-zwsjj-2024-budget.txt'];
const corpus = (name) => readFileSync(join(ROOT, 'tests/fixtures/corpus', name), 'utf8');
const REPORT = corpus('tianhe-zwsjj-2020-final.txt');

let server;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  if (!existsSync(join(DIST, 'budgetlens.js'))) throw new Error('dist/ is not built: run scripts/build first');
  mkdirSync(SHOTS, { recursive: true });
  server = await startCspServer({ root: DIST });
});

test.afterAll(async () => {
  await server?.close();
});

/** Record CSP violations (event and console) from the first script on. */
async function watchCsp(page) {
  const messages = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) messages.push(m.text());
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [...messages, ...(await page.evaluate(() => window.__csp))];
}

/** Open the demo host page and wait until both widgets are mounted and ready. */
async function openDemo(page) {
  await page.goto(`${server.url}/embed-demo.html`);
  await page.waitForFunction(() => customElements.get('budget-lens') !== undefined);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('budget-lens')].map((el) => el.ready)));
  await expect(page.locator('#lens-zh textarea')).toBeVisible();
  await expect(page.locator('#lens-en textarea')).toBeVisible();
}

test('headless API: analyze(text) is the budgetlens/1 contract object, equal to analyzeJson', async ({ page }) => {
  const check = await watchCsp(page);
  await page.goto(`${server.url}/__blank.html`);
  for (const name of CORPUS) {
    const out = await page.evaluate(async ({ url, text }) => {
      const { default: init, analyze, analyzeJson } = await import(url);
      await init();
      const obj = analyze(text);
      const fromJson = JSON.parse(analyzeJson(text));
      return {
        equal: JSON.stringify(obj) === JSON.stringify(fromJson),
        plain: Object.getPrototypeOf(obj) === Object.prototype && !(obj.meta instanceof Map),
        obj,
      };
    }, { url: `${server.url}/budgetlens.js`, text: corpus(name) });
    expect(out.equal, name).toBe(true);
    expect(out.plain, name).toBe(true);
    const r = out.obj;
    expect(r.schema).toBe('budgetlens/1');
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['schema', 'meta', 'tables', 'sangong', 'findings']));
    expect(['final', 'budget', 'performance', 'unknown']).toContain(r.meta.kind);
    expect(r.tables.length, name).toBeGreaterThan(3);
    for (const t of r.tables) {
      expect(t.id).toMatch(/^t\d+$/);
      for (const row of t.rows) for (const v of row.values) if (v !== null) expect(v).toMatch(/^-?\d+(\.\d+)?%?$/);
    }
    for (const f of r.findings) expect(['error', 'warning', 'notice']).toContain(f.severity);
  }
  // Bad input is an object with a reason, never an exception.
  const empty = await page.evaluate(async (url) => (await import(url)).analyze(''), `${server.url}/budgetlens.js`);
  expect(empty.input_problem.kind).toBe('empty');
  expect(await check()).toEqual([]);
});

test('demo host page: two instances under hostile CSS and strict CSP render and work independently', async ({ page }) => {
  const check = await watchCsp(page);
  await page.setViewportSize({ width: 1280, height: 1600 });
  await openDemo(page);

  const events = page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = {};
        document.addEventListener('budgetlens-analyzed', (e) => {
          seen[e.target.id] = { tables: e.detail.tables.length, kind: e.detail.meta.kind, composed: e.composed, bubbles: e.bubbles };
          if (seen['lens-zh'] && seen['lens-en']) resolve(seen);
        });
      }),
  );
  await page.evaluate(
    ([a, b]) => {
      document.getElementById('lens-zh').text = a;
      return document.getElementById('lens-en').analyze(b);
    },
    [REPORT, corpus('tianhe-zwsjj-2024-budget.txt')],
  );
  const seen = await events;
  expect(seen['lens-zh'].kind).toBe('final');
  expect(seen['lens-en'].kind).toBe('budget'); // each instance analysed its own text
  expect(seen['lens-zh'].bubbles && seen['lens-zh'].composed).toBe(true);
  await expect(page.locator('#status-zh')).toContainText('张表');
  await expect(page.locator('#status-en')).toContainText('tables');

  // The host's CSS is hostile outside...
  const hostTable = await page.locator('table.gov-info').evaluate((t) => getComputedStyle(t).display);
  expect(hostTable).toBe('none');
  // ...and reaches nothing inside: widget text is not 40px red, its tables and controls show.
  const inside = await page.locator('#lens-zh').evaluate((el) => {
    const root = el.shadowRoot;
    const ta = root.querySelector('textarea');
    const table = root.querySelector('table');
    const anyText = root.querySelector('.bl-boundary');
    const cs = (n) => n && getComputedStyle(n);
    return {
      textareaDisplay: cs(ta).display,
      tableDisplay: table ? cs(table).display : 'missing',
      fontSize: parseFloat(cs(anyText).fontSize),
      color: cs(anyText).color,
      tables: root.querySelectorAll('table').length,
      // app.css sizes headings in rem: 1.2rem must stay 19.2px whatever the host's html font-size.
      h2: parseFloat(cs(root.querySelector('.bl-h2')).fontSize),
    };
  });
  expect(inside.textareaDisplay).not.toBe('none');
  expect(inside.tableDisplay).not.toBe('none');
  expect(inside.tableDisplay).not.toBe('missing');
  expect(inside.fontSize).toBeLessThan(20);
  expect(inside.h2).toBeCloseTo(19.2, 1);
  expect(inside.color).not.toBe('rgb(255, 0, 0)');
  // The widget's CSS does not leak out: the host's own table stays hidden, host text stays 40px.
  const hostP = await page.locator('.gov-meta').evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(hostP).toBe(40);

  // The 三公 chart (chart.css) is styled inside the shadow root too.
  const chart = await page.locator('#lens-zh').evaluate((el) => {
    const svg = el.shadowRoot.querySelector('svg');
    return svg ? { display: getComputedStyle(svg).display, width: svg.getBoundingClientRect().width } : null;
  });
  expect(chart).not.toBe(null);
  expect(chart.display).not.toBe('none');
  expect(chart.width).toBeGreaterThan(100);

  // Language per instance.
  expect(await page.locator('#lens-en').evaluate((el) => el.shadowRoot.textContent)).toMatch(/[A-Za-z]{4,}/);

  // Viewport-sized shots (the widgets hold every table, the full page is ~35 000 px tall).
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, 'embed-demo-host.png') });
  for (const id of ['zh', 'en']) {
    await page.evaluate((id) => document.getElementById(`tool-${id}`).scrollIntoView(), id);
    await page.screenshot({ path: join(SHOTS, `embed-demo-${id}.png`) });
  }
  await page.locator('#lens-zh').evaluate((el) => el.shadowRoot.querySelector('svg').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(SHOTS, 'embed-demo-chart.png') });
  expect(await check()).toEqual([]);
});

test('no network request after load while pasting and analysing', async ({ page }) => {
  const check = await watchCsp(page);
  const browserRequests = [];
  page.on('request', (r) => browserRequests.push(r.url()));
  const servedBefore = server.requests.length;
  await openDemo(page);
  await page.waitForLoadState('networkidle');
  const servedAtLoad = server.requests.length;
  // Two instances and their shared worker, one wasm: fetched and compiled once,
  // the compiled module handed to the worker.
  const wasmFetches = server.requests.slice(servedBefore).filter((r) => r.path === '/budgetlens_bg.wasm').length;
  expect(wasmFetches).toBe(1);
  const seenAtLoad = browserRequests.length;

  // Type into the textarea like a user, paste a whole report, use the API, switch language.
  const ta = page.locator('#lens-zh textarea');
  await ta.fill(REPORT);
  await page.waitForFunction(() => document.getElementById('lens-zh').result?.tables.length > 0);
  await page.locator('#lens-en').evaluate((el, t) => el.analyze(t), corpus('tianhe-zwb-2017-final.txt'));
  await page.locator('#lens-zh').evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(page.locator('#lens-zh')).toContainText('Report text');
  await page.locator('#lens-en').evaluate((el) => el.removeAttribute('compact')); // re-mounts, keeps the text
  await expect(page.locator('#lens-en .bl-header')).toBeVisible();
  await ta.fill('');
  await ta.fill(REPORT.slice(0, 20000));
  await page.waitForTimeout(1500);

  expect(browserRequests.slice(seenAtLoad)).toEqual([]);
  expect(server.requests.slice(servedAtLoad)).toEqual([]);
  expect(await check()).toEqual([]);
});

test('a host page in another directory: the widget finds its own files (wasm, CSS, worker, samples)', async ({ page }) => {
  const check = await watchCsp(page);
  const before = server.requests.length;
  await page.goto(`${server.url}/elsewhere/deep/host.html`);
  await page.evaluate(() => document.getElementById('lens').ready);
  await page.locator('#lens select.bl-samples').selectOption({ index: 1 });
  await expect(page.locator('#lens textarea')).toHaveValue(/决算|预算/);
  await page.waitForFunction(() => document.getElementById('lens').result?.tables.length > 0);
  const paths = server.requests.slice(before).map((r) => r.path);
  expect(paths.filter((p) => p.startsWith('/elsewhere/') && p !== '/elsewhere/deep/host.html')).toEqual([]);
  expect(paths.some((p) => /^\/samples\/.+\.txt$/.test(p))).toBe(true);
  expect(await check()).toEqual([]);
});

test('pasted HTML, script and SVG are shown as text, never run', async ({ page }) => {
  const check = await watchCsp(page);
  await openDemo(page);
  const payloads = [
    '<img src=x onerror=window.__pwned=1>',
    '<script>window.__pwned=1</script>',
    '<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    `${REPORT.slice(0, 3000)}\n<img src=x onerror=window.__pwned=1>\n公务接待费<script>window.__pwned=1</script>\t1.00`,
  ];
  for (const p of payloads) {
    await page.locator('#lens-zh textarea').fill(p);
    await page.locator('#lens-en').evaluate((el, t) => el.analyze(t), p);
    await page.waitForTimeout(400);
  }
  const state = await page.evaluate(() => {
    const roots = [...document.querySelectorAll('budget-lens')].map((el) => el.shadowRoot);
    return {
      pwned: window.__pwned ?? null,
      injected: roots.reduce(
        (n, r) => n + r.querySelectorAll('img[src="x"], iframe, script, svg[onload], [onerror]').length,
        0,
      ),
    };
  });
  expect(state.pwned).toBe(null);
  expect(state.injected).toBe(0);
  // The text is still there, as text.
  await expect(page.locator('#lens-zh textarea')).toHaveValue(payloads.at(-1));
  await page.evaluate(() => document.getElementById('tool-zh').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'embed-xss.png') });
  expect(await check()).toEqual([]);
});

test('a 10 MB paste keeps the page responsive and ends in a result; over the limit a clear message', async ({ page }) => {
  const check = await watchCsp(page);
  await openDemo(page);
  // One real report followed by ten megabytes of prose, the shape of a very long report.
  const out = await page.locator('#lens-zh').evaluate(async (el, report) => {
    const prose = '本部门坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实各项决策部署，严格执行预算。\n';
    const enc = new TextEncoder();
    let big = report;
    while (enc.encode(big).length < 10.5 * 1024 * 1024) big += prose.repeat(2000);
    const t0 = performance.now();
    const ticks = [t0]; // the gaps before the first and after the last tick count too
    const timer = setInterval(() => ticks.push(performance.now()), 50);
    const r = await el.analyze(big);
    const t1 = performance.now();
    clearInterval(timer);
    ticks.push(t1);
    let maxGap = 0;
    for (let i = 1; i < ticks.length; i++) maxGap = Math.max(maxGap, ticks[i] - ticks[i - 1]);
    return { bytes: new TextEncoder().encode(big).length, ms: t1 - t0, ticks: ticks.length, maxGap, tables: r.tables.length, problem: r.input_problem?.kind ?? null };
  }, REPORT);
  console.log('10 MB paste:', JSON.stringify(out));
  expect(out.bytes).toBeGreaterThan(10 * 1024 * 1024);
  expect(out.problem === null ? out.tables > 0 : out.problem === 'too_large').toBe(true);
  // The timer kept firing while the worker analysed (not measured for speed:
  // only that the main thread was never blocked for seconds).
  expect(out.ticks).toBeGreaterThan(Math.floor(out.ms / 50 / 4));
  expect(out.maxGap).toBeLessThan(2000); // analysing 10 MB in place blocks for 3–5 s here

  // The box shows the beginning of the text, read-only, and says so.
  await expect(page.locator('#lens-zh .bl-big-note')).toContainText('MB');
  await expect(page.locator('#lens-zh textarea')).toHaveAttribute('readonly', /.*/);
  await page.evaluate(() => document.getElementById('tool-zh').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'embed-10mb.png') });

  // Over MAX_INPUT_BYTES (16 MB): the limit message, at once.
  const over = await page.locator('#lens-en').evaluate(async (el) => {
    const r = await el.analyze('预算'.repeat(3 * 1024 * 1024)); // 18 MB of UTF-8
    return r.input_problem;
  });
  expect(over.kind).toBe('too_large');
  await expect(page.locator('#lens-en')).toContainText(/too large|16 MB/i);
  await page.evaluate(() => document.getElementById('tool-en').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'embed-too-large.png') });

  // A big clipboard paste into the box is taken as the text without laying it out in the box.
  await page.locator('#lens-en').evaluate((el) => el.analyze('')); // clear
  const pasted = await page.locator('#lens-en textarea').evaluate(async (ta, report) => {
    const text = report + '本部门严格执行预算。\n'.repeat(100000); // ~3 MB
    const host = ta.getRootNode().host;
    const done = new Promise((resolve) => host.addEventListener('budgetlens-analyzed', (e) => resolve(e.detail), { once: true }));
    const data = new DataTransfer();
    data.setData('text/plain', text);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const r = await done;
    return { tables: r.tables.length, boxBytes: ta.value.length * 3, textBytes: text.length * 3 };
  }, REPORT);
  expect(pasted.tables).toBeGreaterThan(0);
  expect(pasted.boxBytes).toBeLessThan(pasted.textBytes / 10);
  await expect(page.locator('#lens-en .bl-big-note')).toContainText('MB');

  // Binary junk and an empty paste get clear messages.
  const junk = await page.locator('#lens-en').evaluate((el) =>
    el.analyze(Array.from({ length: 4000 }, (_, i) => String.fromCharCode(i % 32)).join('')),
  );
  expect(junk.input_problem.kind).toBe('binary');
  const empty = await page.locator('#lens-en').evaluate((el) => el.analyze('   '));
  expect(empty.input_problem.kind).toBe('empty');
  expect(await check()).toEqual([]);
});

test('worker failures: unavailable → analysed in place; crashed → a clear message, no second try on the page', async ({ page }) => {
  await openDemo(page);
  const out = await page.locator('#lens-en').evaluate(async (el, report) => {
    const wasm = await import(new URL('budgetlens.js', location.href).href);
    const big = report + '本部门严格执行预算。\n'.repeat(40000); // > 512 KB
    wasm.setLargeAnalyzer(() => Promise.reject(new Error('no worker')));
    const fallback = await el.analyze(big);
    wasm.setLargeAnalyzer(() => Promise.reject(Object.assign(new Error('trap'), { crashed: true })));
    const crashed = await el.analyze(big + ' ');
    return { fallbackTables: fallback.tables.length, crashed: crashed.input_problem };
  }, REPORT);
  expect(out.fallbackTables).toBeGreaterThan(0);
  expect(out.crashed.kind).toBe('internal');
  await expect(page.locator('#lens-en')).toContainText('analysis of this text failed');
});

test('the page itself (index.html) under the strict CSP: no violation, large texts go to the worker', async ({ page }) => {
  const check = await watchCsp(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${server.url}/index.html`);
  await expect(page.locator('textarea')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(workers.some((u) => u.endsWith('/worker.js'))).toBe(true);
  const served = server.requests.length;
  const out = await page.evaluate(async (report) => {
    let text = report;
    while (text.length < 2 * 1024 * 1024) text += '本部门严格执行预算，厉行节约。\n'.repeat(5000);
    window.budgetLens.set_text('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const t0 = performance.now();
    const ticks = [t0];
    const timer = setInterval(() => ticks.push(performance.now()), 50);
    window.budgetLens.set_text(text);
    await new Promise((resolve) => {
      const poll = setInterval(() => {
        if (document.querySelectorAll('table').length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    clearInterval(timer);
    ticks.push(performance.now());
    let maxGap = 0;
    for (let i = 1; i < ticks.length; i++) maxGap = Math.max(maxGap, ticks[i] - ticks[i - 1]);
    return { ms: performance.now() - t0, maxGap };
  }, REPORT);
  console.log('index.html 6 MB:', JSON.stringify(out));
  expect(out.maxGap).toBeLessThan(2000); // analysing 10 MB in place blocks for 3–5 s here
  expect(server.requests.slice(served)).toEqual([]);
  expect(await check()).toEqual([]);
});

test('single-file build works from file:// with the network off', async ({ browser }) => {
  const file = join(DIST, 'budgetlens-standalone.html');
  expect(existsSync(file)).toBe(true);
  const context = await browser.newContext();
  await context.setOffline(true);
  const requests = [];
  await context.route(/^(https?|wss?):/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  const ta = page.locator('textarea').first();
  await expect(ta).toBeVisible({ timeout: 20000 });
  await ta.fill(REPORT);
  await expect(page.locator('table').first()).toBeVisible({ timeout: 20000 });
  await page.screenshot({ path: join(SHOTS, 'standalone-offline.png'), fullPage: false });

  // The 问题清单 export is inside the file too (nothing to load from file://).
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.bl-export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/问题清单\.xlsx$/);
  expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');

  // The sample reports travel inside the file too.
  await page.locator('select.bl-samples').selectOption({ index: 2 });
  await expect(ta).not.toHaveValue(REPORT);
  await expect(ta).toHaveValue(/决算|预算/);
  await expect(page.locator('table').first()).toBeVisible();

  // A 10 MB text in the single file: the blob worker keeps the page responsive.
  const big = await page.evaluate(async (report) => {
    let text = report;
    while (text.length < 4 * 1024 * 1024) text += '本部门严格执行预算，厉行节约。\n'.repeat(5000);
    window.budgetLens.set_text(''); // no table on screen: the next tables are the big text's
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (document.querySelectorAll('table').length > 0) throw new Error('tables left after clearing');
    const t0 = performance.now();
    const ticks = [t0];
    const timer = setInterval(() => ticks.push(performance.now()), 50);
    window.budgetLens.set_text(text);
    await new Promise((resolve) => {
      const poll = setInterval(() => {
        if (document.querySelector('.bl-big-note') && document.querySelectorAll('table').length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    clearInterval(timer);
    ticks.push(performance.now());
    let maxGap = 0;
    for (let i = 1; i < ticks.length; i++) maxGap = Math.max(maxGap, ticks[i] - ticks[i - 1]);
    return { mb: new TextEncoder().encode(text).length / 1048576, ms: performance.now() - t0, ticks: ticks.length, maxGap };
  }, REPORT);
  console.log('standalone 10 MB:', JSON.stringify(big));
  expect(big.mb).toBeGreaterThan(10);
  expect(big.maxGap).toBeLessThan(2000);

  // #compare and #batch have their own wasm, which the single file does not carry:
  // it says so instead of failing silently.
  const other = await context.newPage();
  await other.goto(pathToFileURL(file).href + '#compare');
  await expect(other.locator('.bl-problem')).toContainText('单文件版只核验单份报告', { timeout: 20000 });
  await other.close();

  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
