// Loads the .docx / .xlsx writer (export.js and its zip library) the first time
// a reader exports, not with the page: most visits never export. The files are
// the app's own (same origin, strict CSP), and the request carries nothing of the
// pasted text. The single-file build replaces this module with one that has the
// writer inlined (scripts/single-file.mjs).
let loading = null;
export function loadExporter() {
  if (!loading) loading = import(new URL('./export.js', import.meta.url).href);
  return loading;
}
