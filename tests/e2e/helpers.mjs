// Shared helpers for the e2e specs: corpus files, EXPECTED.md figures, the CLI's
// JSON, pasting and waiting for an analysis, axe-core, a second server with
// extra headers (CSP), screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = path.join(ROOT, 'tests/fixtures/corpus');
export const SHOTS = path.join(ROOT, 'tests/e2e/screenshots');

export function corpusFiles() {
  return fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
}
export function corpusText(name) {
  return fs.readFileSync(path.join(CORPUS, name), 'utf8');
}

/** EXPECTED.md, read as data: per file, the 三公 figures and the standard table kinds. */
export function expected() {
  const md = fs.readFileSync(path.join(CORPUS, 'EXPECTED.md'), 'utf8');
  const out = {};
  const keys = ['total', 'outbound', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'reception'];
  for (const sec of md.split(/^## /m).slice(1)) {
    const file = sec.split('\n')[0].trim();
    const figs = (label) => {
      const m = sec.match(new RegExp(`${label}\\s+([\\d.]+(?:\\s*/\\s*[\\d.]+){5})`));
      if (!m) return null;
      const v = m[1].split('/').map((s) => s.trim());
      return Object.fromEntries(keys.map((k, i) => [k, v[i]]));
    };
    const tablesPart = (sec.match(/tables \([^)]*\)[^:]*:([\s\S]*?)(?:;|\n- )/) || [])[1] || '';
    const kinds = [...tablesPart.matchAll(/\b((?:final|budget)\.[a-z_]+)/g)].map((m) => m[1]);
    out[file] = { budget: figs('三公 budget'), actual: figs('actual'), kinds };
  }
  return out;
}

/** `budgetlens check --json` of a text, as the CLI prints it (one line). */
const cliCache = new Map();
export function cliJson(text) {
  if (cliCache.has(text)) return cliCache.get(text);
  const r = spawnSync('cargo', ['run', '-q', '--', 'check', '--json', '-'], {
    cwd: ROOT, input: text, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`cli failed: ${r.stderr}`);
  const out = r.stdout.trim();
  cliCache.set(text, out);
  return out;
}

/** Put `text` into the report box as a paste would, and wait for its analysis. */
export async function paste(page, text) {
  const before = Number(await page.locator('.bl-app').getAttribute('data-analyses'));
  // One input event with the whole text, as a paste gives (Playwright's fill
  // inserts a 60 KB text far slower than a real paste).
  await page.locator('#bl-text').evaluate((el, t) => {
    el.focus();
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.waitForFunction(
    (n) => Number(document.querySelector('.bl-app')?.getAttribute('data-analyses')) > n, before,
  );
}

export async function open(page, url = '/') {
  await page.goto(url);
  await page.waitForSelector('.bl-app');
}

export async function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...opts });
  return file;
}

/** axe-core violations of impact serious or critical. */
export async function axeSerious(page) {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** A second static server over dist/ with extra response headers; returns {url, close}. */
export async function serveWith(headers, port) {
  const args = [path.join(ROOT, 'scripts/serve.mjs'), '--dir', path.join(ROOT, 'dist'), '--port', String(port)];
  for (const [k, v] of Object.entries(headers)) args.push('--header', `${k}: ${v}`);
  const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = String(d).match(/at (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { url, close: () => child.kill() };
}

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
