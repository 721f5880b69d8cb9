// BudgetLens batch worker: the #batch view (src/ui/batch.rs) starts one per
// core and hands each a report; the worker answers with the small summary row
// (batchSummary), not the whole analysis, so the page parses a few hundred bytes
// per report. Protocol:
//   → { id, text }          summarise `text`
//   ← { id, json }          batchSummary(text)
//   ← { id, error }         it failed: the page analyses that report itself
// No request after start: the text stays in the page.
import init, { batchSummary } from './budgetlens_many.js';

const ready = init().then(() => true, () => false);

self.onmessage = async (event) => {
  const { id, text } = event.data || {};
  if (typeof text !== 'string') return;
  if (!(await ready)) {
    self.postMessage({ id, error: 'wasm not initialised' });
    return;
  }
  try {
    self.postMessage({ id, json: batchSummary(text) });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
