//! How a page starts the app: `mount(root, lang, compact, onAnalyzed)` returns a
//! handle to drive it. The page's own `index.html` (through `www/main.js`) and the
//! `<budget-lens>` element use this same door.

use crate::ui::app::{App, AppProps, Msg, OnAnalyzed};
use crate::ui::i18n::Lang;

/// A running app. Dropping it from JS (`handle.free()`) keeps the app running;
/// `destroy()` removes it.
#[cfg_attr(door_page, wasm_bindgen::prelude::wasm_bindgen)]
pub struct AppHandle {
    inner: Option<yew::AppHandle<App>>,
}

#[cfg_attr(door_page, wasm_bindgen::prelude::wasm_bindgen)]
impl AppHandle {
    /// Replace the report text and analyse it at once (no debounce).
    pub fn set_text(&self, text: &str) {
        if let Some(h) = &self.inner {
            h.send_message(Msg::SetText(text.to_string()));
        }
    }
    /// `zh`/`zh-CN` or `en`.
    pub fn set_lang(&self, lang: &str) {
        if let Some(h) = &self.inner {
            h.send_message(Msg::SetLang(Lang::parse(lang)));
        }
    }
    /// Unmount the app and clear its root.
    pub fn destroy(&mut self) {
        if let Some(h) = self.inner.take() {
            h.destroy();
        }
    }
}

/// Mount the BudgetLens app into `root`. `on_analyzed`, when given, is called
/// with the contract object (`budgetlens/1`, JSON-compatible) after each analysis.
#[cfg_attr(door_page, wasm_bindgen::prelude::wasm_bindgen)]
pub fn mount(
    root: web_sys::Element,
    lang: String,
    compact: bool,
    on_analyzed: Option<js_sys::Function>,
) -> AppHandle {
    let props = AppProps {
        lang: Lang::parse(&lang),
        compact,
        on_analyzed: OnAnalyzed(on_analyzed),
        initial_text: None,
    };
    AppHandle {
        inner: Some(yew::Renderer::<App>::with_root_and_props(root, props).render()),
    }
}
