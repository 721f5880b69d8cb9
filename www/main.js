// The page's entry: load the wasm module and mount the app on #app.
// No inline script in index.html, so the page runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
import { mount } from './budgetlens.js';
// ready(): the wasm once, and the worker that takes pastes over 512 KB off the main thread.
import { ready } from './budget-lens.js';

const root = document.getElementById('app');
try {
  await ready();
  performance.mark('bl-wasm-ready');
  root.replaceChildren();
  const lang = new URLSearchParams(location.search).get('lang') || 'zh-CN';
  window.budgetLens = mount(root, lang, false, null);
} catch (e) {
  const p = document.createElement('p');
  p.className = 'bl-problem';
  p.setAttribute('role', 'alert');
  p.textContent = '无法加载核验程序（浏览器需支持 WebAssembly）。Could not load BudgetLens (WebAssembly is needed): ' + e;
  root.replaceChildren(p);
}
