//! The one place the page asks for an analysis. Everything in the UI goes through
//! [`request`], so large inputs can later be routed to a Web Worker (the embed
//! work) without touching the components.

use crate::model::Analysis;
use std::rc::Rc;
use yew::Callback;

/// Inputs above this many bytes are candidates for a Web Worker; below it the
/// analysis (under a millisecond natively for a 60 KB report) runs in place.
pub const WORKER_THRESHOLD_BYTES: usize = 1024 * 1024;

/// Analyse `text` and hand the result to `done`. Today synchronous for every
/// size; the callback shape lets a worker answer later instead.
pub fn request(text: &str, done: Callback<Rc<Analysis>>) {
    let a = crate::analyze(text);
    // `bl-analysis`: the analysis alone (the app measures `bl-update` to the render).
    crate::ui::dom::measure_keep("bl-analysis", "bl-analyze-start");
    done.emit(Rc::new(a));
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
