// BudgetLens analysis worker: runs the same wasm `analyzeJson` off the main
// thread, so a 10 MB paste never freezes the page (see EMBEDDING.md).
//
// Started as a module worker by budget-lens.js (and by the page), from the same
// directory as budgetlens.js:
//   new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
// Protocol:
//   → { id, text }                 analyse `text`
//   ← { ready: true }              once, when the wasm is initialised
//   ← { id, json }                 analyzeJson(text), the budgetlens/1 contract
//   ← { id, error }                the analysis threw (the caller falls back)
//   ← { ready: false, error }      the wasm could not be initialised
// The worker makes no request after its own start: the text stays in the page.
import init, { analyzeJson } from './budgetlens.js';

const ready = init().then(
  () => {
    self.postMessage({ ready: true });
    return true;
  },
  (err) => {
    self.postMessage({ ready: false, error: String(err) });
    return false;
  },
);

self.onmessage = async (event) => {
  const { id, text } = event.data || {};
  if (typeof text !== 'string') return;
  if (!(await ready)) {
    self.postMessage({ id, error: 'wasm not initialised' });
    return;
  }
  try {
    self.postMessage({ id, json: analyzeJson(text) });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
