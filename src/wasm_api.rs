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
/// The object is `JSON.parse(analyzeJson(text))`: plain objects (not `Map`s),
/// `null` for absent values, decimals as strings.
#[cfg_attr(door_page, wasm_bindgen)]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::analyze(text))
}

/// The same object as a JSON string (what `budgetlens check --json` prints).
#[cfg_attr(door_page, wasm_bindgen(js_name = analyzeJson))]
pub fn analyze_json(text: &str) -> String {
    serde_json::to_string(&crate::analyze(text)).unwrap_or_default()
}

/// The contract object of an analysis already made (what `on_analyzed` and the
/// widget's `budgetlens-analyzed` event carry).
pub fn to_js(a: &Analysis) -> Result<JsValue, JsValue> {
    to_plain_js(a)
}

/// A value as the plain JS object `JSON.parse` makes of its JSON. The page's wasm
/// goes through the JSON text it must write anyway (`analyzeJson`, the JSON download)
/// rather than serde-wasm-bindgen: a second serializer instantiated for every model
/// type cost it ≈ 36 KB of code (BENCHMARKS.md). The PDF worker's wasm, which has no
/// JSON to write, keeps serde-wasm-bindgen.
pub fn to_plain_js<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    // Writing our own types to a `String` cannot fail (no map has a non-string key);
    // not formatting serde_json's error keeps its messages, and io's, out of the wasm.
    let json = serde_json::to_string(v).map_err(|_| JsValue::from_str("JSON"))?;
    js_sys::JSON::parse(&json)
}

/// The value a plain JS object (numbers, strings, arrays, objects) describes, read
/// through its JSON text by [`crate::json_read`] (not serde's deserializer: see there).
pub fn from_plain_js<T: crate::json_read::FromJson>(v: &JsValue) -> Result<T, String> {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|json| crate::json_read::from_str(&json))
        .ok_or_else(|| "无法读取工作线程的结果 / the worker's answer could not be read".to_string())
}

thread_local! {
    static ASSET_BASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Tell the app where its own files are (the directory of `budgetlens.js`,
/// ending in `/`). Embedded in a host page, relative URLs would resolve against
/// the host's page instead. `www/budget-lens.js` sets it; unset, URLs stay
/// relative to the page (the app's own `index.html` sits next to its files).
#[cfg_attr(door_page, wasm_bindgen(js_name = setAssetBase))]
pub fn set_asset_base(base: String) {
    ASSET_BASE.with(|b| *b.borrow_mut() = base);
}

/// `path` (relative, e.g. `samples/x.txt`) under the app's own directory.
pub fn asset_url(path: &str) -> String {
    ASSET_BASE.with(|b| format!("{}{path}", b.borrow()))
}

thread_local! {
    static PDF_READER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Register the function that reads a PDF off the main thread:
/// `(bytes: Uint8Array) => Promise<string | {text, boxes, doc}>` resolving to the text the
/// reader reads (`pdfText` of the `pdf-module` build, run in `www/pdf-worker.js`), or to
/// that text with its source map (`pdfTextWithBoxes`) and the worker's number for the
/// file (`doc`, for [`set_pdf_page_drawer`]); rejecting with the reason.
/// `www/budget-lens.js` registers one; unregistered, the page says it cannot read PDFs here.
#[cfg_attr(any(door_page, feature = "many-module"), wasm_bindgen(js_name = setPdfReader))]
pub fn set_pdf_reader(f: Option<js_sys::Function>) {
    PDF_READER.with(|slot| *slot.borrow_mut() = f);
}

thread_local! {
    static PDF_DRAWER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static PDF_CANCELLER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static PDF_PROGRESS: RefCell<Option<Box<dyn Fn(u32, u32)>>> = const { RefCell::new(None) };
}

/// Register the function that stops the PDF being read (`() => void`: the worker is
/// ended and the reading's promise rejected). `www/budget-lens.js` registers one.
#[cfg_attr(any(door_page, feature = "many-module"), wasm_bindgen(js_name = setPdfCanceller))]
pub fn set_pdf_canceller(f: Option<js_sys::Function>) {
    PDF_CANCELLER.with(|slot| *slot.borrow_mut() = f);
}

/// Stop the PDF being read, if a reader that can be stopped is registered.
pub fn cancel_pdf() {
    PDF_CANCELLER.with(|slot| {
        if let Some(f) = slot.borrow().as_ref() {
            let _ = f.call0(&JsValue::NULL);
        }
    });
}

/// How far the PDF being read is: `www/budget-lens.js` calls it as the worker reports
/// each page read; the page shows it.
#[cfg_attr(any(door_page, feature = "many-module"), wasm_bindgen(js_name = pdfProgress))]
pub fn pdf_progress(done: u32, total: u32) {
    PDF_PROGRESS.with(|slot| {
        if let Some(f) = slot.borrow().as_ref() {
            f(done, total);
        }
    });
}

/// Where [`pdf_progress`] goes (the page's state), or nowhere.
pub fn on_pdf_progress(f: Option<Box<dyn Fn(u32, u32)>>) {
    PDF_PROGRESS.with(|slot| *slot.borrow_mut() = f);
}

/// Register the function that draws a page of a PDF read before ("在原文中查看"):
/// `(doc: number, page: number) => Promise<object>` resolving to `pdfPageDrawing` of that
/// file's page (`{page, width, height, runs, rules}`). `www/budget-lens.js` registers one
/// backed by `www/pdf-worker.js`, which keeps the bytes of the files it read.
#[cfg_attr(any(door_page, feature = "many-module"), wasm_bindgen(js_name = setPdfPageDrawer))]
pub fn set_pdf_page_drawer(f: Option<js_sys::Function>) {
    PDF_DRAWER.with(|slot| *slot.borrow_mut() = f);
}

/// What the PDF reader gave back: the text, and where the reader answered with it, the
/// source map and the file's number for drawing its pages.
pub struct PdfRead {
    pub text: String,
    pub boxes: Option<Vec<crate::input::source_map::LineBox>>,
    pub doc: Option<u32>,
    /// Pages without text (scanned images).
    pub scanned: Vec<u32>,
}

impl PdfRead {
    fn from_js(v: &JsValue) -> Option<PdfRead> {
        if let Some(text) = v.as_string() {
            return Some(PdfRead {
                text,
                boxes: None,
                doc: None,
                scanned: Vec::new(),
            });
        }
        let get = |k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
        let text = get("text")?.as_string()?;
        let boxes = get("boxes").and_then(|b| from_plain_js(&b).ok());
        let doc = get("doc").and_then(|d| d.as_f64()).map(|d| d as u32);
        let scanned = get("scanned")
            .and_then(|s| from_plain_js(&s).ok())
            .unwrap_or_default();
        Some(PdfRead {
            text,
            boxes,
            doc,
            scanned,
        })
    }
}

/// Call a registered `(...) => Promise` function; `done` gets what it resolves to or the
/// rejection's message (`unavailable` when there is none or it returned no promise).
fn call_then(
    f: Option<js_sys::Function>,
    args: &js_sys::Array,
    unavailable: &str,
    done: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    let Some(f) = f else {
        return done(Err(unavailable.to_string()));
    };
    let promise = match f.apply(&JsValue::NULL, args) {
        Ok(p) if p.is_instance_of::<js_sys::Promise>() => p,
        _ => return done(Err(unavailable.to_string())),
    };
    let state = std::rc::Rc::new(RefCell::new(Some(done)));
    let ok_state = state.clone();
    let on_ok = Closure::once(move |v: JsValue| {
        if let Some(done) = ok_state.borrow_mut().take() {
            done(Ok(v));
        }
    })
    .into_js_value();
    let on_err = Closure::once(move |err: JsValue| {
        if let Some(done) = state.borrow_mut().take() {
            let msg = js_sys::Reflect::get(&err, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .or_else(|| err.as_string())
                .unwrap_or_else(|| "PDF reader failed".into());
            done(Err(msg));
        }
    })
    .into_js_value();
    if let Ok(then) = js_sys::Reflect::get(&promise, &JsValue::from_str("then")) {
        if let Some(then) = then.dyn_ref::<js_sys::Function>() {
            let _ = then.call2(&promise, &on_ok, &on_err);
        }
    }
}

/// Read a PDF through the registered reader; `done` gets its text (and source map) or a
/// message.
pub fn read_pdf_then(bytes: Vec<u8>, done: impl FnOnce(Result<PdfRead, String>) + 'static) {
    let unavailable = "此处无法读取 PDF（请使用本应用自己的页面，或复制 PDF 中的文字粘贴）。PDFs cannot be read here: open the app's own page, or paste the PDF's text.";
    let reader = PDF_READER.with(|slot| slot.borrow().clone());
    let array = js_sys::Uint8Array::from(&bytes[..]);
    call_then(reader, &js_sys::Array::of1(&array), unavailable, move |r| {
        done(r.and_then(|v| {
            PdfRead::from_js(&v).ok_or_else(|| "PDF reader returned no text".to_string())
        }))
    });
}

/// Draw page `page` of the PDF the reader numbered `doc`, through the registered drawer.
pub fn draw_pdf_page_then(
    doc: u32,
    page: u32,
    done: impl FnOnce(Result<crate::input::source_map::PageDrawing, String>) + 'static,
) {
    let unavailable = "无法绘制该页 / the page cannot be drawn here";
    let drawer = PDF_DRAWER.with(|slot| slot.borrow().clone());
    let args = js_sys::Array::of2(&JsValue::from(doc), &JsValue::from(page));
    call_then(drawer, &args, unavailable, move |r| {
        done(r.and_then(|v| from_plain_js(&v)))
    });
}

/// The PDF door of the `pdf-module` build (the worker's wasm): the PDF's text with
/// tables as tab-aligned cells and pages split by form feeds, or the reason it cannot
/// be read (zh, then en). Pages that are images without text are named on a last line.
#[cfg(feature = "pdf-module")]
#[wasm_bindgen(js_name = pdfText)]
pub fn pdf_text_js(bytes: &[u8]) -> Result<String, JsValue> {
    match crate::input::pdf_text(bytes) {
        Ok(t) if t.pages_without_text.len() == t.pages => Err(JsValue::from_str(&format!(
            "该 PDF 共 {} 页，均为扫描图像，无可核对的文字。All {} pages are scanned images with no text to check.",
            t.pages, t.pages
        ))),
        Ok(t) => Ok(t.text),
        Err(e) => Err(JsValue::from_str(&format!("{} {}", e.message_zh(), e.message_en()))),
    }
}

/// [`pdf_text_js`] with the source map: `{text, boxes}`, each box a line of the text
/// (`line`, 1-based), its `page` and `x0, top, x1, bottom` in PDF points (origin top-left),
/// a table line's tab `cells` with theirs. Errors as `pdfText`.
/// `progress(done, total)`, when given, is called after each page is read.
#[cfg(feature = "pdf-module")]
#[wasm_bindgen(js_name = pdfTextWithBoxes)]
pub fn pdf_text_with_boxes_js(
    bytes: &[u8],
    progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let mut on_page = |done: usize, total: usize| {
        if let Some(f) = &progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from(done as u32),
                &JsValue::from(total as u32),
            );
        }
    };
    match crate::input::pdf_text_with_progress(bytes, &mut on_page) {
        Ok((t, _)) if t.pages_without_text.len() == t.pages => Err(JsValue::from_str(&format!(
            "该 PDF 共 {} 页，均为扫描图像，无可核对的文字。All {} pages are scanned images with no text to check.",
            t.pages, t.pages
        ))),
        Ok((t, boxes)) => {
            let out = crate::input::source_map::TextWithBoxes {
                text: t.text,
                boxes,
                scanned: t.pages_without_text,
            };
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            serde::Serialize::serialize(&out, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
        }
        Err(e) => Err(JsValue::from_str(&format!("{} {}", e.message_zh(), e.message_en()))),
    }
}

/// Page `page` (1-based) of a PDF as `{page, width, height, runs: [{text, x0, x1, y,
/// size}], rules: [{x0, y0, x1, y1}]}` (points, origin top-left, `y` a run's baseline), for
/// the page to redraw; `null` when there is no such page. Bounded by the reader's limits.
#[cfg(feature = "pdf-module")]
#[wasm_bindgen(js_name = pdfPageDrawing)]
pub fn pdf_page_drawing_js(bytes: &[u8], page: u32) -> Result<JsValue, JsValue> {
    let limits = crate::input::pdf::Limits::default();
    match crate::input::source_map::page_drawing(bytes, page, limits) {
        Ok(Some(d)) => {
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            serde::Serialize::serialize(&d, &ser).map_err(|e| JsValue::from_str(&e.to_string()))
        }
        Ok(None) => Ok(JsValue::NULL),
        Err(e) => Err(JsValue::from_str(&format!(
            "{} {}",
            e.message_zh(),
            e.message_en()
        ))),
    }
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
#[cfg_attr(door_page, wasm_bindgen(js_name = setLargeAnalyzer))]
pub fn set_large_analyzer(f: Option<js_sys::Function>) {
    LARGE_ANALYZER.with(|slot| *slot.borrow_mut() = f);
}

thread_local! {
    /// What the page's last analysis here read and found, for the next edit's.
    static ANALYSIS_MEMO: RefCell<crate::AnalysisMemo> = RefCell::default();
}

/// An analysis of the page's text as the reader edits it: tables and narrative the edit
/// did not touch are not read or checked again.
fn analyze_edited(text: &str) -> Analysis {
    ANALYSIS_MEMO.with(|m| match m.try_borrow_mut() {
        Ok(mut m) => crate::analyze_with(text, Some(&mut m)),
        Err(_) => crate::analyze(text),
    })
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
        _ => return done(analyze_edited(&text)),
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
                    .and_then(|j| crate::json_read::from_str::<Analysis>(&j));
                done(parsed.unwrap_or_else(|| crate::analyze(&text)));
            }
        })
        .into_js_value()
    };
    let on_err = Closure::once(move |err: JsValue| {
        if let Some((text, done)) = state.borrow_mut().take() {
            // The analysis itself failed in the worker (a trap): running it again
            // here would take the page's own instance down with it.
            let crashed = js_sys::Reflect::get(&err, &JsValue::from_str("crashed"))
                .map(|v| v.is_truthy())
                .unwrap_or(false);
            done(if crashed {
                crashed_analysis()
            } else {
                crate::analyze(&text)
            });
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

/// What the view shows when the worker's analysis of a large text failed.
fn crashed_analysis() -> Analysis {
    Analysis {
        schema: crate::model::SCHEMA,
        meta: Default::default(),
        tables: Vec::new(),
        sangong: None,
        findings: Vec::new(),
        input_problem: Some(crate::model::InputProblem {
            kind: "internal".into(),
            message_zh: "分析这段文本时程序出错，未能得出结果。请只粘贴一份报告的文字再试；如仍出错，请报告此问题。".into(),
            message_en: "The analysis of this text failed. Paste the text of a single report and try again; if it fails again, please report the problem.".into(),
        }),
    }
}
