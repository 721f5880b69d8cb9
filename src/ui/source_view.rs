//! "在原文中查看" (issue 10): a finding shown on its PDF page. The page is redrawn as an
//! SVG from what the PDF reader saw there (its size, text runs and drawn rules; there is
//! no rasterizer in the app), the finding's cell (or row, or line) boxed in red and its
//! expected value printed beside the box. A dialog in the page: focused when it opens,
//! Escape or the close button closes it and focus goes back to the button that opened it.
//!
//! Pixel geometry only is float (PDF points); the figures stay `Decimal` until printed.

use std::rc::Rc;

use rust_decimal::Decimal;
use yew::prelude::*;

use crate::input::source_map::{LineBox, PageDrawing, Target};
use crate::ui::format;
use crate::ui::i18n::Lang;

/// A PDF read in the page: its text (the analysis is of this text only while the text
/// box holds it unchanged), where each line stands, and the PDF worker's number for it.
#[derive(Debug, PartialEq)]
pub struct PdfSource {
    pub text: String,
    pub boxes: Vec<LineBox>,
    pub doc: u32,
    /// Pages without text (scanned images).
    pub scanned: Vec<u32>,
}

impl PdfSource {
    /// Where a finding on `line` printing `found` stands, when the line has a box.
    pub fn target(&self, line: Option<usize>, found: Option<Decimal>) -> Option<Target> {
        crate::input::source_map::target(&self.boxes, line?, found)
    }
}

/// The open panel: what it shows and where it came from.
pub struct SourceView {
    /// The DOM id of the button that opened it (focus goes back there).
    pub opener: String,
    pub message: String,
    pub target: Target,
    pub expected: Option<Decimal>,
    /// The page's drawing: `None` while the worker draws it, or why it could not.
    pub drawing: Option<Result<Rc<PageDrawing>, String>>,
    /// The whole page fitted to the panel's width (else drawn at a readable size).
    pub fit: bool,
}

/// DOM id of the "在原文中查看" button of finding `i` (or of its related finding `r`).
pub fn button_id(i: usize, r: Option<usize>) -> String {
    match r {
        Some(r) => format!("bl-view-src-{i}-{r}"),
        None => format!("bl-view-src-{i}"),
    }
}

pub const DIALOG_ID: &str = "bl-src-dialog";
pub const SCROLL_ID: &str = "bl-src-scroll";
pub const BOX_ID: &str = "bl-src-box";

/// The button's words.
pub fn button_label(lang: Lang) -> &'static str {
    lang.pick("在原文中查看", "View in the PDF")
}

/// The panel's title: which page, and that it is redrawn.
pub fn title(page: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {page} 页（按 PDF 中文字与表格线的位置重绘）"),
        Lang::En => format!("Page {page} (redrawn from the PDF's text and rules)"),
    }
}

/// The expected value's words beside the box.
pub fn expected_note(expected: Option<Decimal>, lang: Lang) -> Option<String> {
    let e = expected?;
    Some(format!(
        "{} {}",
        lang.pick("应为", "expected"),
        format::decimal(Some(e))
    ))
}

/// Width of `s` at `size` points, near enough for placing a note (CJK full, others half).
fn text_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.56 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Where the note of width `w` and height `h` goes: after the line's end where that is
/// near the box (it then hides none of the line's figures), else right beside the box (in
/// sight with it on a phone too), else left of it, else above it. Returns its top-left.
pub fn note_place(t: &Target, w: f32, h: f32, page_w: f32) -> (f32, f32) {
    let gap = 3.0;
    let top = ((t.top + t.bottom) / 2.0 - h / 2.0).max(0.0);
    let after = t.line_x1.max(t.x1) + 2.0 * gap;
    if after + w <= page_w && after - t.x1 <= 1.5 * w {
        (after, top)
    } else if t.x1 + gap + w <= page_w {
        (t.x1 + gap, top)
    } else if t.x0 - gap - w >= 0.0 {
        (t.x0 - gap - w, top)
    } else {
        (t.x0.min(page_w - w).max(0.0), (t.top - gap - h).max(0.0))
    }
}

/// How much the page is enlarged so its text reads at about 12 CSS pixels: the median
/// run's font size against that (at least half size, at most three times).
pub fn readable_zoom(d: &PageDrawing) -> f32 {
    let mut sizes: Vec<f32> = d.runs.iter().map(|r| r.size).collect();
    crate::stable_sort::by(&mut sizes, f32::total_cmp);
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    (12.0 / median).clamp(0.5, 3.0)
}

fn n(v: f32) -> String {
    // Not `format!("{:.2}")`: that brings the float formatter into the wasm.
    crate::ui::format::fixed(f64::from(v), 2)
}

/// The page as SVG: paper, rules, text runs, the red box and the note.
fn page_svg(d: &PageDrawing, s: &SourceView, lang: Lang) -> Html {
    let t = &s.target;
    let pad = 2.0;
    let note = expected_note(s.expected, lang);
    let note_size = ((t.bottom - t.top) * 0.9).clamp(8.0, 14.0);
    let note_html = note.map(|text| {
        let w = text_width(&text, note_size) + 6.0;
        let h = note_size * 1.5;
        let (x, y) = note_place(
            &Target {
                x0: t.x0 - pad,
                x1: t.x1 + pad,
                ..*t
            },
            w,
            h,
            d.width,
        );
        html! {
            <g class="bl-src-note">
                <rect class="bl-src-note-bg" x={n(x)} y={n(y)} width={n(w)} height={n(h)} rx="1.5" />
                <text class="bl-src-note-text" x={n(x + 3.0)} y={n(y + h * 0.72)} font-size={n(note_size)}>{ text }</text>
            </g>
        }
    });
    let label = match lang {
        Lang::Zh => format!("第 {} 页的重绘，红框标出该问题所在位置", d.page),
        Lang::En => format!("Page {} redrawn, the finding boxed in red", d.page),
    };
    // Drawn at a readable size (the panel scrolls both ways), never narrower than the
    // panel; or, fitted, at the panel's width. Sizes are attributes, not styles (CSP).
    let zoom = readable_zoom(d);
    html! {
        <svg class="bl-src-page" xmlns="http://www.w3.org/2000/svg"
            width={n(d.width * zoom)} height={n(d.height * zoom)}
            viewBox={format!("0 0 {} {}", n(d.width), n(d.height))} role="img" aria-label={label}
            preserveAspectRatio="xMinYMin meet">
            <rect class="bl-src-paper" x="0" y="0" width={n(d.width)} height={n(d.height)} />
            <g class="bl-src-rules">
                { for d.rules.iter().map(|r| html! {
                    <line x1={n(r.x0)} y1={n(r.y0)} x2={n(r.x1)} y2={n(r.y1)} />
                }) }
            </g>
            <g class="bl-src-text">
                { for d.runs.iter().map(|r| {
                    let w = r.x1 - r.x0;
                    html! {
                        <text x={n(r.x0)} y={n(r.y)} font-size={n(r.size)}
                            textLength={(w > 0.5).then(|| n(w))}
                            lengthAdjust={(w > 0.5).then_some("spacingAndGlyphs")}>{ r.text.clone() }</text>
                    }
                }) }
            </g>
            <rect id={BOX_ID} class={classes!("bl-src-box", t.cell.then_some("bl-src-box-cell"))}
                x={n(t.x0 - pad)} y={n(t.top - pad)} width={n(t.x1 - t.x0 + 2.0 * pad)} height={n(t.bottom - t.top + 2.0 * pad)} />
            { for note_html }
        </svg>
    }
}

/// Tab from the dialog's last control goes to its first (Shift+Tab the other way): focus
/// stays in the dialog while it is open (the page behind it is inert).
fn trap_tab(e: &KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(list) = dialog.query_selector_all("button, [tabindex='0']") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let Some(active) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let at_first = active == **first || active == dialog;
    let to = if e.shift_key() && at_first {
        last
    } else if !e.shift_key() && active == **last {
        first
    } else {
        return;
    };
    e.prevent_default();
    let _ = to.focus();
}

/// The dialog. `on_close` closes it (the close button, Escape, a click on the backdrop);
/// `on_print` prints it alone; `on_fit` switches between the whole page and a readable size.
pub fn view(
    s: &SourceView,
    lang: Lang,
    on_close: Callback<()>,
    on_print: Callback<()>,
    on_fit: Callback<()>,
) -> Html {
    let page = s.target.page;
    let close_key = on_close.clone();
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            close_key.emit(());
        } else if e.key() == "Tab" {
            trap_tab(&e);
        }
    });
    let close_backdrop = on_close.clone();
    let on_backdrop = Callback::from(move |e: MouseEvent| {
        use wasm_bindgen::JsCast;
        let own = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("class"))
            .is_some_and(|c| c.split_whitespace().any(|c| c == "bl-src-overlay"));
        if own {
            close_backdrop.emit(());
        }
    });
    let body = match &s.drawing {
        None => html! {
            <p class="bl-src-status" role="status">{ match lang {
                Lang::Zh => format!("正在绘制第 {page} 页…"),
                Lang::En => format!("Drawing page {page}…"),
            } }</p>
        },
        Some(Err(e)) => html! { <p class="bl-src-status bl-notice" role="alert">{ e.clone() }</p> },
        Some(Ok(d)) => page_svg(d, s, lang),
    };
    let title = title(page, lang);
    let note = expected_note(s.expected, lang);
    html! {
        <div class="bl-src-overlay" onclick={on_backdrop}>
            <div id={DIALOG_ID} class="bl-src-dialog" role="dialog" aria-modal="true" aria-label={title.clone()}
                aria-describedby="bl-src-what" tabindex="-1" onkeydown={on_key}>
                <div class="bl-src-head">
                    <h2 class="bl-src-title">{ title }</h2>
                    <div class="bl-src-actions no-print">
                        <button type="button" class="bl-button bl-small bl-src-fit-btn" aria-pressed={if s.fit { "true" } else { "false" }}
                            onclick={on_fit.reform(|_: MouseEvent| ())}>
                            { lang.pick("整页", "Whole page") }
                        </button>
                        <button type="button" class="bl-button bl-small" onclick={on_print.reform(|_: MouseEvent| ())}>
                            { lang.pick("打印", "Print") }
                        </button>
                        <button type="button" class="bl-button bl-small bl-src-close" onclick={on_close.reform(|_: MouseEvent| ())}>
                            { lang.pick("关闭", "Close") }
                        </button>
                    </div>
                </div>
                <p id="bl-src-what" class="bl-src-what">
                    { s.message.clone() }
                    if let Some(note) = note {
                        <span class="bl-src-expected">{ note }</span>
                    }
                </p>
                <div id={SCROLL_ID} class={classes!("bl-src-scroll", s.fit.then_some("bl-src-fit"))} tabindex="0" role="region"
                    aria-label={lang.pick("页面（可滚动）", "The page (scrolls)")}>
                    { body }
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(x0: f32, x1: f32, line: (f32, f32)) -> Target {
        Target {
            page: 1,
            x0,
            top: 100.0,
            x1,
            bottom: 110.0,
            cell: true,
            line_x0: line.0,
            line_x1: line.1,
        }
    }

    #[test]
    fn the_note_goes_after_the_line_then_beside_the_box_then_above() {
        let at = |b: Target| note_place(&b, 60.0, 12.0, 595.0);
        // After the line's end, near the box.
        assert_eq!(at(t(100.0, 150.0, (40.0, 190.0))), (196.0, 99.0));
        // The line ends far away: right beside the box.
        assert_eq!(at(t(100.0, 150.0, (40.0, 400.0))), (153.0, 99.0));
        // No room on the right: left of it.
        assert_eq!(at(t(500.0, 580.0, (30.0, 580.0))), (437.0, 99.0));
        // Above it.
        assert_eq!(at(t(10.0, 580.0, (10.0, 580.0))), (10.0, 85.0));
    }

    #[test]
    fn the_page_reads_at_about_twelve_pixels() {
        let run = |size: f32| crate::input::source_map::DrawnRun {
            text: "x".into(),
            x0: 0.0,
            x1: 1.0,
            y: 1.0,
            size,
        };
        let d = |sizes: &[f32]| PageDrawing {
            page: 1,
            width: 595.0,
            height: 842.0,
            runs: sizes.iter().map(|&s| run(s)).collect(),
            rules: vec![],
        };
        assert_eq!(readable_zoom(&d(&[9.0, 9.0, 18.0])), 12.0 / 9.0);
        assert_eq!(readable_zoom(&d(&[])), 1.2);
        assert_eq!(readable_zoom(&d(&[1.0])), 3.0);
    }

    #[test]
    fn words_in_both_languages() {
        let d: Decimal = "184.75".parse().unwrap();
        assert_eq!(expected_note(Some(d), Lang::Zh).unwrap(), "应为 184.75");
        assert_eq!(expected_note(Some(d), Lang::En).unwrap(), "expected 184.75");
        assert_eq!(expected_note(None, Lang::Zh), None);
        assert_eq!(
            title(5, Lang::Zh),
            "第 5 页（按 PDF 中文字与表格线的位置重绘）"
        );
        assert_eq!(
            title(5, Lang::En),
            "Page 5 (redrawn from the PDF's text and rules)"
        );
        assert_eq!(button_id(3, None), "bl-view-src-3");
        assert_eq!(button_id(3, Some(1)), "bl-view-src-3-1");
    }
}
