// BudgetLens PDF worker: reads a PDF's text with positions off the main thread, with
// the same Rust reader as the CLI (src/input/pdf.rs, src/reader/positioned.rs),
// compiled into its own wasm (budgetlens_pdf_bg.wasm, built with the `pdf-module`
// feature) so the page's first load carries none of it. Started by budget-lens.js only
// when a PDF is opened:
//   new Worker(new URL('./pdf-worker.js', import.meta.url), { type: 'module' })
// Protocol:
//   → { id, bytes }            bytes: an ArrayBuffer (transferred)
//   ← { id, text }             the text the reader reads (tab cells, \f between pages)
//   ← { id, error }            why the PDF cannot be read (zh / en), or a trap
// Nothing is uploaded: the bytes stay in this worker; it fetches only its own wasm.
import init, { pdfText } from './budgetlens_pdf.js';

const ready = init({ module_or_path: new URL('./budgetlens_pdf_bg.wasm', import.meta.url) }).then(
  () => true,
  (err) => String(err),
);

self.onmessage = async (event) => {
  const { id, bytes } = event.data || {};
  if (!(bytes instanceof ArrayBuffer)) return;
  const ok = await ready;
  if (ok !== true) {
    self.postMessage({ id, error: '无法加载 PDF 读取程序 / the PDF reader could not be loaded: ' + ok });
    return;
  }
  try {
    self.postMessage({ id, text: pdfText(new Uint8Array(bytes)) });
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};
