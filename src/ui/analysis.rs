//! The one place the page asks for an analysis. Everything in the UI goes through
//! [`request`]: large inputs go to the Web Worker that `www/budget-lens.js`
//! registers (see [`crate::wasm_api::analyze_then`]), small ones run in place.

use crate::model::Analysis;
use std::rc::Rc;
use yew::Callback;

/// Inputs above this many bytes go to the Web Worker; below it the analysis
/// (under a millisecond natively for a 60 KB report) runs in place.
pub const WORKER_THRESHOLD_BYTES: usize = crate::wasm_api::WORKER_THRESHOLD_BYTES;

/// Analyse `text` and hand the result to `done`: synchronously for a report-sized
/// text, from the worker later for a large one (callers must drop a result that
/// arrives after a newer request, see `App::generation`).
pub fn request(text: &str, done: Callback<Rc<Analysis>>) {
    crate::wasm_api::analyze_then(text.to_string(), move |a| done.emit(Rc::new(a)));
}

/// Texts longer than this are not put into the text box whole: a browser lays
/// out every character of a textarea, which for 10 MB freezes the page for
/// seconds. The box then shows [`box_preview`], read-only, and the analysis
/// still reads the whole text.
pub const BOX_LIMIT_BYTES: usize = WORKER_THRESHOLD_BYTES;
const BOX_PREVIEW_BYTES: usize = 64 * 1024;

/// The beginning of a text too long for the box (cut at a line end when one is
/// near, never inside a character), or `None` when the box can hold it all.
pub fn box_preview(text: &str) -> Option<&str> {
    if text.len() <= BOX_LIMIT_BYTES {
        return None;
    }
    let mut end = BOX_PREVIEW_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    Some(match head.rfind('\n') {
        Some(nl) if nl > end / 2 => &head[..nl + 1],
        _ => head,
    })
}

/// How long to wait after the last keystroke before analysing: short for a
/// report, longer for a huge paste so typing never stalls.
pub fn debounce_ms(len: usize) -> u32 {
    if len < 200 * 1024 {
        150
    } else if len < WORKER_THRESHOLD_BYTES {
        300
    } else {
        600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_sized_text_goes_into_the_box_whole() {
        assert_eq!(box_preview("收入支出决算总表\n合计 1.00"), None);
        assert_eq!(box_preview(&"a".repeat(BOX_LIMIT_BYTES)), None);
    }

    #[test]
    fn huge_text_is_previewed_at_a_line_end_and_char_boundary() {
        let line = "本部门严格执行预算，三公经费支出控制在预算以内。\n";
        let big = line.repeat(BOX_LIMIT_BYTES / line.len() + 10);
        let p = box_preview(&big).expect("preview");
        assert!(p.len() <= BOX_PREVIEW_BYTES && p.len() > BOX_PREVIEW_BYTES / 2);
        assert!(p.ends_with('\n') && big.starts_with(p));
        // No newline anywhere: cut inside the line, on a character boundary.
        let flat = "预".repeat(BOX_LIMIT_BYTES);
        let p = box_preview(&flat).expect("preview");
        assert!(p.len() <= BOX_PREVIEW_BYTES && p.chars().all(|c| c == '预'));
    }
}
