// The page's entry: load the wasm module and mount the app on #app.
// No inline script in index.html, so the page runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
import { mount } from './budgetlens.js';
// ready(): the wasm once, and the worker that takes pastes over 512 KB off the main thread.
import { ready, connectPdf } from './budget-lens.js';
import { loadMany } from './many-loader.js';

const root = document.getElementById('app');
try {
  const lang = new URLSearchParams(location.search).get('lang') || 'zh-CN';
  // #compare and #batch (many reports at once) are their own views, with their own
  // wasm (budgetlens_many: the single-report page's wasm does not carry them); the
  // rest of the page's hashes belong to the single-report view.
  const viewOf = (h) => (/^#(compare|batch)\b/.exec(h) || [])[1] || '';
  const view = viewOf(location.hash);
  if (view) {
    const many = await loadMany();
    // A report opened from the batch list may be replaced by a PDF there.
    connectPdf(many);
    performance.mark('bl-wasm-ready');
    root.replaceChildren();
    window.budgetLens = view === 'compare' ? many.mount_compare(root, lang) : many.mount_batch(root, lang);
  } else {
    await ready();
    performance.mark('bl-wasm-ready');
    root.replaceChildren();
    window.budgetLens = mount(root, lang, false, null);
  }
  document.querySelectorAll('.bl-nav a').forEach((a) => {
    if (viewOf(a.getAttribute('href')) === view) a.setAttribute('aria-current', 'page');
  });
  window.addEventListener('hashchange', () => {
    if (viewOf(location.hash) !== view) location.reload();
  });
} catch (e) {
  const p = document.createElement('p');
  p.className = 'bl-problem';
  p.setAttribute('role', 'alert');
  p.textContent =
    e.shown || '无法加载核验程序（浏览器需支持 WebAssembly）。Could not load BudgetLens (WebAssembly is needed): ' + e;
  root.replaceChildren(p);
}
