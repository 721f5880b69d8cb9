//! The headless JS API: `import init, { analyze } from './budgetlens.js'`.

use wasm_bindgen::prelude::*;

/// Analyse a pasted report and return the contract object (`budgetlens/1`).
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let a = crate::analyze(text);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&a, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The same object as a JSON string (what `budgetlens check --json` prints).
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str) -> String {
    serde_json::to_string(&crate::analyze(text)).unwrap_or_default()
}
