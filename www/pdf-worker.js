// BudgetLens PDF worker: reads a PDF's text with positions off the main thread, with
// the same Rust reader as the CLI (src/input/pdf.rs, src/reader/positioned.rs),
// compiled into its own wasm (budgetlens_pdf_bg.wasm, built with the `pdf-module`
// feature) so the page's first load carries none of it. Started by budget-lens.js only
// when a PDF is opened:
//   new Worker(new URL('./pdf-worker.js', import.meta.url), { type: 'module' })
// Protocol:
//   → { id, bytes }            bytes: an ArrayBuffer (transferred)
//   ← { id, text, boxes, scanned, doc }
//                              the text the reader reads (tab cells, \f between pages),
//                              where each of its lines stands (src/input/source_map.rs),
//                              its pages without text, and this worker's number for the
//                              file (`doc`)
//   → { id, page, doc }        draw page `page` of file `doc` (the last one read if absent)
//   ← { id, progress: [d, n] } while reading: d of n pages read (before the answer)
//   ← { id, drawing }          { page, width, height, runs, rules } ("在原文中查看")
//   ← { id, error }            why the PDF cannot be read or drawn (zh / en), or a trap
// Nothing is uploaded: the bytes stay in this worker (the last few files read, for
// drawing their pages); it fetches only its own wasm.
import init, { pdfTextWithBoxes, pdfPageDrawing } from './budgetlens_pdf.js';

const ready = init({ module_or_path: new URL('./budgetlens_pdf_bg.wasm', import.meta.url) }).then(
  () => true,
  (err) => String(err),
);

// The files read, newest last: a page of any of them can be drawn (a few opened at once
// are switched between in the page). Older ones are let go.
const KEEP = 4;
const files = [];
let nextDoc = 1;

self.onmessage = async (event) => {
  const { id, bytes, page, doc } = event.data || {};
  const wantsPage = Number.isInteger(page);
  if (!(bytes instanceof ArrayBuffer) && !wantsPage) return;
  const ok = await ready;
  if (ok !== true) {
    self.postMessage({ id, error: '无法加载 PDF 读取程序 / the PDF reader could not be loaded: ' + ok });
    return;
  }
  try {
    if (wantsPage) {
      const file = doc === undefined ? files[files.length - 1] : files.find((f) => f.doc === doc);
      if (!file) {
        self.postMessage({ id, error: '该 PDF 已不在内存中，请重新打开。The PDF is no longer held: open it again.' });
        return;
      }
      const drawing = pdfPageDrawing(file.bytes, page);
      if (!drawing) self.postMessage({ id, error: `PDF 中没有第 ${page} 页。The PDF has no page ${page}.` });
      else self.postMessage({ id, drawing });
      return;
    }
    const data = new Uint8Array(bytes);
    const { text, boxes, scanned } = pdfTextWithBoxes(data, (done, total) => self.postMessage({ id, progress: [done, total] }));
    const file = { doc: nextDoc++, bytes: data };
    files.push(file);
    if (files.length > KEEP) files.shift();
    self.postMessage({ id, text, boxes, scanned, doc: file.doc });
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};
