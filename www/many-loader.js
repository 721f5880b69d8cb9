// Loads the #compare / #batch views' own wasm (budgetlens_many: many reports at
// once), which the single-report page does not carry. Resolves with its exports,
// initialised. The single-file build replaces this module with one that says those
// views need the full page (scripts/single-file.mjs).
let loading = null;
export function loadMany() {
  if (!loading) {
    loading = import(new URL('./budgetlens_many.js', import.meta.url).href).then(async (many) => {
      await many.default({ module_or_path: new URL('./budgetlens_many_bg.wasm', import.meta.url) });
      return many;
    });
  }
  return loading;
}
