// BudgetLens analysis worker: runs the same wasm `analyzeJson` off the main
// thread, so a 10 MB paste never freezes the page (see EMBEDDING.md).
//
// Started as a module worker by budget-lens.js (and by the page), from the same
// directory as budgetlens.js:
//   new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
// Protocol:
//   → { module }                   first: the compiled WebAssembly.Module (the page
//                                  compiled it once; the worker then fetches nothing)
//   → { init: true }               first, instead: the worker fetches the wasm itself
//   → { id, text }                 analyse `text`
//   ← { ready: true }              once, when the wasm is initialised
//   ← { id, json }                 analyzeJson(text), the budgetlens/1 contract
//   ← { id, error, crashed: true } the analysis trapped; the worker then closes
//   ← { ready: false, error }      the wasm could not be initialised
// The worker makes no request after its own start: the text stays in the page.
import init, { analyzeJson } from './budgetlens.js';

// The wasm: the Module the page sends (compiled once there), or, when the first
// message is anything else ({ init: true } or a job), fetched here.
let gotModule;
const moduleSent = new Promise((ok) => (gotModule = ok));
const ready = moduleSent.then((module) => (module ? init({ module_or_path: module }) : init())).then(
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
  const { id, text, module } = event.data || {};
  gotModule(module instanceof WebAssembly.Module ? module : null); // (only the first call counts)
  if (module || event.data?.init) return;
  if (typeof text !== 'string') return;
  if (!(await ready)) {
    self.postMessage({ id, error: 'wasm not initialised' });
    return;
  }
  try {
    self.postMessage({ id, json: analyzeJson(text) });
  } catch (err) {
    // A wasm trap leaves this instance unusable: report it and stop.
    self.postMessage({ id, error: String(err), crashed: true });
    self.close();
  }
};
