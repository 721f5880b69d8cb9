//! The JavaScript doors of the WebAssembly module (see EMBEDDING.md).
//!
//! Headless use on a host page, no UI:
//!
//! ```js
//! import init, { analyze, analyzeJson } from './budgetlens.js';
//! await init();                       // fetches budgetlens_bg.wasm next to budgetlens.js
//! const result = analyze(text);       // the `budgetlens/1` object of OUTPUT-CONTRACT.md
//! const json = analyzeJson(text);     // the same object as a JSON string
//! ```
//!
//! Both run on the calling thread; for pastes above [`WORKER_THRESHOLD_BYTES`] a
//! host should call them inside a Web Worker (`www/worker.js` does exactly that).
//! Neither makes a network request: the text never leaves the page.
//!
//! The page and the `<budget-lens>` widget do not call these directly: they go
//! through [`analyze_then`], which hands large pastes to the worker that the JS
//! side registered with [`set_large_analyzer`].

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Analysis;

/// Analyse a pasted report and return the contract object (`budgetlens/1`).
///
/// The object is built with serde-wasm-bindgen's JSON-compatible serializer, so
/// it deep-equals `JSON.parse(analyzeJson(text))`: plain objects (not `Map`s),
/// `null` for absent values, decimals as strings.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::analyze(text))
}

/// The same object as a JSON string (what `budgetlens check --json` prints).
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str) -> String {
    serde_json::to_string(&crate::analyze(text)).unwrap_or_default()
}

/// The contract object of an analysis already made (what `on_analyzed` and the
/// widget's `budgetlens-analyzed` event carry).
pub fn to_js(a: &Analysis) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(a, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Pastes longer than this (in UTF-8 bytes) are analysed off the main thread when
/// a large-input analyser is registered: below it an analysis takes a few
/// milliseconds, above it a weak office PC would visibly freeze.
pub const WORKER_THRESHOLD_BYTES: usize = 512 * 1024;

thread_local! {
    static LARGE_ANALYZER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Register the function that analyses a large paste off the main thread:
/// `(text: string) => Promise<string>` resolving to `analyzeJson(text)` computed
/// elsewhere (a Web Worker). `null` unregisters. `www/budget-lens.js` registers
/// one backed by `www/worker.js`.
#[wasm_bindgen(js_name = setLargeAnalyzer)]
pub fn set_large_analyzer(f: Option<js_sys::Function>) {
    LARGE_ANALYZER.with(|slot| *slot.borrow_mut() = f);
}

/// The one analysis call of every view: small pastes synchronously (`done` runs
/// before this returns), large ones in the registered worker (`done` runs later,
/// from the event loop). Any worker failure falls back to analysing here, so
/// `done` is always called exactly once.
///
/// Pastes over [`crate::MAX_INPUT_BYTES`] are answered at once with the
/// `too_large` input problem, without copying them to a worker.
pub fn analyze_then(text: String, done: impl FnOnce(Analysis) + 'static) {
    let analyzer = LARGE_ANALYZER.with(|slot| slot.borrow().clone());
    let analyzer = match analyzer {
        Some(f) if text.len() > WORKER_THRESHOLD_BYTES && text.len() <= crate::MAX_INPUT_BYTES => f,
        _ => return done(crate::analyze(&text)),
    };
    let promise = match analyzer.call1(&JsValue::NULL, &JsValue::from_str(&text)) {
        Ok(p) if p.is_instance_of::<js_sys::Promise>() => p,
        _ => return done(crate::analyze(&text)),
    };
    // Exactly one of the two callbacks runs; they share `done` and the text.
    let state = std::rc::Rc::new(RefCell::new(Some((text, done))));
    let on_ok = {
        let state = state.clone();
        Closure::once(move |json: JsValue| {
            if let Some((text, done)) = state.borrow_mut().take() {
                let parsed = json
                    .as_string()
                    .and_then(|j| serde_json::from_str::<Analysis>(&j).ok());
                done(parsed.unwrap_or_else(|| crate::analyze(&text)));
            }
        })
        .into_js_value()
    };
    let on_err = Closure::once(move |_err: JsValue| {
        if let Some((text, done)) = state.borrow_mut().take() {
            done(crate::analyze(&text));
        }
    })
    .into_js_value();
    // Called through `Reflect` so this stays independent of js-sys's typed-closure API.
    let then = js_sys::Reflect::get(&promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|t| t.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &on_ok, &on_err);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Analysis;

    fn corpus(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).expect("corpus fixture")
    }

    /// The worker hands back `analyzeJson`; reading it must give the very same
    /// analysis the page would have computed itself, for every corpus report.
    #[test]
    fn worker_json_reads_back_to_the_same_analysis() {
        for name in [
            "tianhe-zwb-2017-final.txt",
            "tianhe-zwsjj-2020-final.txt",
            "tianhe-zwsjj-2024-budget.txt",
        ] {
            let a = crate::analyze(&corpus(name));
            let json = serde_json::to_string(&a).unwrap();
            let back: Analysis =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, a, "{name}");
        }
    }

    /// Input problems (empty, binary junk) survive the round trip too.
    #[test]
    fn input_problems_read_back() {
        for text in [
            "",
            "   \n",
            "\u{0}\u{1}\u{2}\u{3}junk\u{fffd}\u{fffd}",
            "hello world, no table here",
        ] {
            let a = crate::analyze(text);
            assert!(a.input_problem.is_some(), "{text:?}");
            let back: Analysis = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
            assert_eq!(back, a);
        }
    }

    #[test]
    fn unknown_schema_is_refused() {
        let json = serde_json::to_string(&crate::analyze(""))
            .unwrap()
            .replace("budgetlens/1", "budgetlens/9");
        assert!(serde_json::from_str::<Analysis>(&json).is_err());
    }
}
