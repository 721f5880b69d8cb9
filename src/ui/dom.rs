//! Small browser helpers: downloads, printing, scrolling to a cell, timing marks,
//! decoding dropped files. Only called from event handlers (never natively).

use wasm_bindgen::JsCast;

/// Offer `content` as a file download (Blob + a temporary `<a download>`).
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.set_hidden(true);
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                a.click();
                let _ = body.remove_child(&a);
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Dispatch `name` with `detail` from `target`, bubbling out of a shadow root
/// (`composed`), for the page's JavaScript to act on (the .docx / .xlsx export).
pub fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &wasm_bindgen::JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&e);
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Scroll the element with `id` into view (inside `root`, which may sit in a
/// shadow root) and focus it so keyboard and screen reader users land there too.
pub fn reveal(root: Option<&web_sys::Element>, id: &str) -> bool {
    let el = match root {
        Some(r) => r.query_selector(&format!("#{id}")).ok().flatten(),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id)),
    };
    let Some(el) = el else { return false };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    true
}

/// `performance.mark(name)`, ignored where there is no Performance API.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, start)` from a mark to now.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

/// `performance.measure(name, start)`, keeping the start mark for a later measure.
pub fn measure_keep(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Text of a dropped or opened file. Reports from government sites are often
/// GBK: take UTF-8 (or UTF-16 with its BOM) when the bytes are valid, else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    let label = if bytes.starts_with(&[0xFF, 0xFE]) {
        "utf-16le"
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        "utf-16be"
    } else if std::str::from_utf8(bytes).is_ok() {
        return String::from_utf8_lossy(bytes)
            .trim_start_matches('\u{feff}')
            .to_string();
    } else {
        "gb18030"
    };
    web_sys::TextDecoder::new_with_label(label)
        .and_then(|d| d.decode_with_u8_array(bytes))
        .map(|s| s.trim_start_matches('\u{feff}').to_string())
        // A decoder the browser lacks: lossy UTF-8 still gives the reader something.
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// Select 1-based source line `line` of the text box and bring it into view.
/// Offsets are UTF-16 code units, as the DOM counts them.
pub fn select_line(ta: &web_sys::HtmlTextAreaElement, line: usize) {
    let value = ta.value();
    let (start, end) = crate::ui::format::line_span_utf16(&value, line);
    let _ = ta.focus();
    let _ = ta.set_selection_range(start, end);
    // Chromium scrolls a focused box to its caret only while typing: scroll by
    // the line's share of the text's height.
    let lines = value.lines().count().max(1) as f64;
    let target = (line.saturating_sub(3) as f64 / lines) * ta.scroll_height() as f64;
    ta.set_scroll_top(target as i32);
    ta.scroll_into_view_with_bool(false);
}

fn find(root: Option<&web_sys::Element>, id: &str) -> Option<web_sys::Element> {
    match root {
        Some(r) => r.query_selector(&format!("#{id}")).ok().flatten(),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id)),
    }
}

/// Focus the element with `id` (inside `root`), without scrolling the page to it.
pub fn focus(root: Option<&web_sys::Element>, id: &str) {
    if let Some(h) = find(root, id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = h.focus();
    }
}

/// The "在原文中查看" panel just rendered: focus the dialog (unless focus is already in
/// it) and scroll its page, inside the panel only, so the red box stands in the middle.
pub fn show_source_box(
    root: Option<&web_sys::Element>,
    dialog: &str,
    scroller: &str,
    target: &str,
) {
    let Some(dialog) = find(root, dialog) else {
        return;
    };
    let active = dialog
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|s| s.active_element())
        .or_else(|| web_sys::window()?.document()?.active_element());
    if !active.is_some_and(|a| dialog.contains(Some(&a))) {
        if let Ok(h) = dialog.clone().dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
    let (Some(scroller), Some(target)) = (find(root, scroller), find(root, target)) else {
        return;
    };
    let s = scroller.get_bounding_client_rect();
    let t = target.get_bounding_client_rect();
    let left =
        scroller.scroll_left() as f64 + (t.left() - s.left()) + t.width() / 2.0 - s.width() / 2.0;
    let top =
        scroller.scroll_top() as f64 + (t.top() - s.top()) + t.height() / 2.0 - s.height() / 2.0;
    scroller.set_scroll_left(left.max(0.0) as i32);
    scroller.set_scroll_top(top.max(0.0) as i32);
}
