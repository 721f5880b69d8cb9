//! The page: paste (or open, drop, pick a sample) → at a glance → findings →
//! every table → 三公 chart → export. One struct component, because hosts drive
//! it from outside (`set_text`, `set_lang` through [`crate::ui::mount`]).

use crate::model::{Analysis, CellRef, Severity};
use crate::ui::analysis;
use crate::ui::chart::SangongChart;
use crate::ui::dom;
use crate::ui::findings::FindingsPanel;
use crate::ui::format;
use crate::ui::glance::{Glance, Verdict};
use crate::ui::i18n::Lang;
use crate::ui::samples::SAMPLES;
use crate::ui::source_view::{self, PdfSource, SourceView};
use crate::ui::table_view::TableView;
use gloo_file::callbacks::FileReader;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A JS callback the host gives: called with the contract object after each analysis.
#[derive(Clone, Default)]
pub struct OnAnalyzed(pub Option<js_sys::Function>);

impl PartialEq for OnAnalyzed {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => wasm_bindgen::JsValue::from(a) == wasm_bindgen::JsValue::from(b),
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub lang: Lang,
    /// Embedded in a host page: no page heading, no sample picker.
    #[prop_or_default]
    pub compact: bool,
    #[prop_or_default]
    pub on_analyzed: OnAnalyzed,
    /// Text to analyse at start.
    #[prop_or_default]
    pub initial_text: Option<String>,
}

pub enum Msg {
    /// The user typed or pasted: analyse after a short pause.
    Edited(String),
    /// The result of request number `.0` (see `App::generation`).
    Analyzed(u64, Rc<Analysis>),
    /// A paste too large for the text box: taken as the text, not typed into it.
    PastedLarge(String),
    /// A host set the text: analyse at once.
    SetText(String),
    SetLang(Lang),
    ToggleLang,
    ToggleSeverity(Severity),
    /// Show the cell (or table) of finding `i`.
    Locate(usize),
    OpenFiles(web_sys::FileList),
    FileRead(usize, String, String),
    /// A PDF was opened: its bytes go to the PDF reader (a worker), its text comes back
    /// as a `FileRead`.
    PdfRead(usize, String, Vec<u8>),
    /// A PDF could not be read (not a PDF after all, encrypted, broken, scanned).
    PdfNotice(String),
    /// A PDF was read with its source map (comes just before its `FileRead`).
    PdfMapped(usize, Rc<PdfSource>),
    /// Pages of the PDF being read: (done, total).
    PdfProgress(u32, u32),
    /// A PDF's reading ended (read, refused or cancelled).
    PdfDone,
    /// The reader stopped the PDF being read.
    CancelPdf,
    /// "在原文中查看": show finding `.0` (or its related finding `.1`) on its PDF page.
    ViewSource(usize, Option<usize>),
    /// The page drawing for the panel opened `.0`-th.
    SourceDrawn(u64, Result<crate::input::source_map::PageDrawing, String>),
    CloseSource,
    PrintSource,
    /// The panel's page: whole (fitted to its width) or at a readable size.
    ToggleSourceFit,
    PickFile(usize),
    Sample(usize),
    ExportJson,
    /// The 问题清单 as `docx` or `xlsx` (written by `www/export.js`).
    ExportIssues(&'static str),
    Print,
    /// Something to tell the reader that is not about the report (a sample failed to load).
    Notice(String),
}

pub struct App {
    text: AttrValue,
    analysis: Rc<Analysis>,
    lang: Lang,
    /// error, warning, notice shown?
    shown: [bool; 3],
    /// The finding the reader clicked, with the cell it points at.
    /// (finding index, its table, its cell, the row it names when it has no cell)
    highlight: Option<(usize, Option<String>, Option<CellRef>, Option<usize>)>,
    scroll_pending: bool,
    measure_pending: bool,
    timer: Option<Timeout>,
    /// Opened files (name, text) and which one is in the text box.
    files: Vec<(String, String)>,
    current_file: Option<usize>,
    readers: Vec<FileReader>,
    /// Generation of the current "open files" action; late reads of an older one are dropped.
    open_generation: usize,
    /// The reader chose a file in the picker: later reads must not replace it.
    picked_file: bool,
    /// Number of the latest analysis request: a large text's result comes back
    /// from the worker later, and must not overwrite a newer text's result.
    generation: u64,
    root: NodeRef,
    notice: Option<String>,
    /// The notice is about a PDF that could not be read (else a sample that failed).
    notice_pdf: bool,
    /// Analyses done so far, rendered as `data-analyses` so tests can wait for one.
    analyses: u32,
    /// The PDFs of the current "open files" action, with their source maps.
    pdf_sources: Vec<Rc<PdfSource>>,
    /// PDFs being read now, and how far the latest is (pages done, total).
    pdfs_reading: usize,
    pdf_progress: (u32, u32),
    /// The one whose text the analysis shown is of (else no "在原文中查看").
    source: Option<Rc<PdfSource>>,
    /// The "在原文中查看" panel, when open; `view_seq` numbers its openings.
    viewing: Option<SourceView>,
    view_seq: u64,
    /// The last page drawn (doc, drawing): opened again, it is not drawn again.
    last_drawing: Option<(u32, Rc<crate::input::source_map::PageDrawing>)>,
    /// After the panel renders: focus it and scroll its page to the box.
    source_open_pending: bool,
    /// After the panel closes: focus goes back to this button.
    focus_after_close: Option<String>,
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Notice => 2,
    }
}

impl App {
    fn start_analysis(&mut self, ctx: &Context<Self>) {
        self.timer = None;
        self.analysis_job(ctx)();
    }

    /// The analysis of the current text as a job to run now or later. Its result is
    /// request number `generation`: a result of an earlier one arriving after it is
    /// dropped.
    fn analysis_job(&mut self, ctx: &Context<Self>) -> impl FnOnce() + 'static {
        self.generation += 1;
        let generation = self.generation;
        let text = self.text.clone();
        let done = ctx.link().callback(move |a| Msg::Analyzed(generation, a));
        move || {
            dom::mark("bl-analyze-start");
            analysis::request(&text, done);
        }
    }

    fn notify_host(&self, ctx: &Context<Self>) {
        let Some(f) = ctx.props().on_analyzed.0.as_ref() else {
            return;
        };
        if let Ok(v) = crate::wasm_api::to_js(&self.analysis) {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &v);
        }
    }

    fn load_text(&mut self, ctx: &Context<Self>, text: String) {
        self.text = AttrValue::from(text);
        self.highlight = None;
        self.start_analysis(ctx);
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let text = ctx.props().initial_text.clone().unwrap_or_default();
        let app = App {
            analysis: Rc::new(crate::analyze(&text)),
            text: AttrValue::from(text),
            lang: ctx.props().lang,
            shown: [true, true, true],
            highlight: None,
            scroll_pending: false,
            measure_pending: false,
            timer: None,
            files: Vec::new(),
            current_file: None,
            readers: Vec::new(),
            open_generation: 0,
            picked_file: false,
            generation: 0,
            root: NodeRef::default(),
            analyses: 0,
            notice: None,
            notice_pdf: false,
            pdfs_reading: 0,
            pdf_progress: (0, 0),
            pdf_sources: Vec::new(),
            source: None,
            viewing: None,
            view_seq: 0,
            last_drawing: None,
            source_open_pending: false,
            focus_after_close: None,
        };
        app
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        if ctx.props().lang != old.lang {
            self.lang = ctx.props().lang;
        }
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edited(text) => {
                let delay = analysis::debounce_ms(text.len());
                self.text = AttrValue::from(text);
                // The analysis runs in the timer's own task, not as a message: yew's
                // scheduler yields to the browser once a run passes 16 ms, so an
                // analysis inside the run pushed `rendered` (the scroll to a finding,
                // the `bl-update` measure) behind a whole browser frame.
                self.timer = Some(Timeout::new(delay, self.analysis_job(ctx)));
                false
            }
            Msg::Analyzed(generation, _) if generation != self.generation => false,
            Msg::PastedLarge(text) => {
                self.current_file = None;
                self.load_text(ctx, text);
                true
            }
            Msg::Analyzed(_, a) => {
                self.analysis = a;
                // A PDF's own text: its scanned pages named as the CLI names them.
                let scanned = self
                    .pdf_sources
                    .iter()
                    .find(|s| s.text.as_str() == self.text.as_str())
                    .and_then(|s| crate::scanned_pages_notice(&s.scanned));
                if let Some(f) = scanned {
                    let mut a = (*self.analysis).clone();
                    a.findings.push(f);
                    self.analysis = Rc::new(a);
                }
                self.analyses += 1;
                // A finding index from the previous analysis means nothing now.
                self.highlight = None;
                self.viewing = None;
                // The source map holds while the text is the PDF's own, unedited.
                self.source = self
                    .pdf_sources
                    .iter()
                    .find(|s| s.text.as_str() == self.text.as_str())
                    .cloned();
                self.measure_pending = true;
                self.notify_host(ctx);
                true
            }
            Msg::SetText(text) => {
                self.current_file = None;
                self.notice = None;
                self.load_text(ctx, text);
                true
            }
            Msg::SetLang(l) => {
                self.lang = l;
                true
            }
            Msg::ToggleLang => {
                self.lang = self.lang.other();
                true
            }
            Msg::ToggleSeverity(s) => {
                let i = sev_index(s);
                self.shown[i] = !self.shown[i];
                true
            }
            Msg::Locate(i) => {
                let Some(f) = self.analysis.findings.get(i) else {
                    return false;
                };
                if f.table.is_none() {
                    // A narrative finding: select its sentence's line in the text box.
                    if let Some(line) = f.line {
                        let ta = self
                            .root
                            .cast::<web_sys::Element>()
                            .and_then(|r| r.query_selector("#bl-text").ok().flatten());
                        if let Some(ta) = ta {
                            use wasm_bindgen::JsCast;
                            if let Ok(ta) = ta.dyn_into::<HtmlTextAreaElement>() {
                                dom::select_line(&ta, line);
                            }
                        }
                    }
                }
                let row = if f.cell.is_none() {
                    format::finding_row(&self.analysis, f)
                } else {
                    None
                };
                self.highlight = Some((i, f.table.clone(), f.cell, row));
                self.scroll_pending = f.table.is_some();
                true
            }
            Msg::OpenFiles(list) => {
                self.open_generation += 1;
                let generation = self.open_generation;
                self.files.clear();
                self.readers.clear();
                self.pdf_sources.clear();
                self.current_file = None;
                self.picked_file = false;
                for i in 0..list.length() {
                    let Some(file) = list.get(i) else { continue };
                    let name = file.name();
                    let blob = gloo_file::Blob::from(web_sys::Blob::from(file));
                    let link = ctx.link().clone();
                    let reader = gloo_file::callbacks::read_as_bytes(&blob, move |res| {
                        let text = match res {
                            Ok(bytes) if crate::input::pdf::looks_like_pdf(&bytes) => {
                                return link.send_message(Msg::PdfRead(generation, name, bytes));
                            }
                            Ok(bytes) => dom::decode(&bytes),
                            Err(_) => String::new(),
                        };
                        link.send_message(Msg::FileRead(generation, name, text));
                    });
                    self.readers.push(reader);
                }
                false
            }
            Msg::PdfRead(generation, name, bytes) => {
                let link = ctx.link().clone();
                let progress = ctx.link().clone();
                crate::wasm_api::on_pdf_progress(Some(Box::new(move |done, total| {
                    progress.send_message(Msg::PdfProgress(done, total))
                })));
                self.pdfs_reading += 1;
                self.pdf_progress = (0, 0);
                crate::wasm_api::read_pdf_then(bytes, move |r| match r {
                    Ok(read) => {
                        if let (Some(boxes), Some(doc)) = (read.boxes, read.doc) {
                            let src = PdfSource {
                                text: read.text.clone(),
                                boxes,
                                doc,
                                scanned: read.scanned.clone(),
                            };
                            link.send_message(Msg::PdfMapped(generation, Rc::new(src)));
                        }
                        link.send_message(Msg::PdfDone);
                        link.send_message(Msg::FileRead(generation, name, read.text))
                    }
                    Err(e) => {
                        link.send_message(Msg::PdfDone);
                        link.send_message(Msg::PdfNotice(format!("{name}: {e}")))
                    }
                });
                true
            }
            Msg::PdfProgress(done, total) => {
                self.pdf_progress = (done, total);
                self.pdfs_reading > 0
            }
            Msg::PdfDone => {
                self.pdfs_reading = self.pdfs_reading.saturating_sub(1);
                if self.pdfs_reading == 0 {
                    crate::wasm_api::on_pdf_progress(None);
                }
                true
            }
            Msg::CancelPdf => {
                // Results of what was being read are dropped; the worker is ended.
                self.open_generation += 1;
                crate::wasm_api::cancel_pdf();
                true
            }
            Msg::PdfMapped(generation, src) => {
                if generation == self.open_generation {
                    self.pdf_sources.push(src);
                }
                false
            }
            Msg::ViewSource(i, r) => {
                let Some(src) = self.source.clone() else {
                    return false;
                };
                let Some(top) = self.analysis.findings.get(i) else {
                    return false;
                };
                let f = match r {
                    Some(k) => match top.related.get(k) {
                        Some(f) => f,
                        None => return false,
                    },
                    None => top,
                };
                let Some(target) = src.target(f.line, f.found) else {
                    return false;
                };
                self.view_seq += 1;
                let seq = self.view_seq;
                let cached = self
                    .last_drawing
                    .as_ref()
                    .filter(|(doc, d)| *doc == src.doc && d.page == target.page)
                    .map(|(_, d)| Ok(d.clone()));
                if cached.is_none() {
                    let link = ctx.link().clone();
                    crate::wasm_api::draw_pdf_page_then(src.doc, target.page, move |r| {
                        link.send_message(Msg::SourceDrawn(seq, r))
                    });
                }
                self.viewing = Some(SourceView {
                    opener: source_view::button_id(i, r),
                    message: format::message(f, self.lang).to_string(),
                    target,
                    expected: f.expected,
                    drawing: cached,
                    fit: false,
                });
                self.source_open_pending = true;
                true
            }
            Msg::SourceDrawn(seq, r) => {
                if seq != self.view_seq {
                    return false;
                }
                let Some(v) = self.viewing.as_mut() else {
                    return false;
                };
                let r = r.map(Rc::new);
                if let (Ok(d), Some(src)) = (&r, &self.source) {
                    self.last_drawing = Some((src.doc, d.clone()));
                }
                v.drawing = Some(r);
                self.source_open_pending = true;
                true
            }
            Msg::CloseSource => {
                if let Some(v) = self.viewing.take() {
                    self.focus_after_close = Some(v.opener);
                }
                true
            }
            Msg::ToggleSourceFit => {
                if let Some(v) = self.viewing.as_mut() {
                    v.fit = !v.fit;
                    self.source_open_pending = true;
                }
                true
            }
            Msg::PrintSource => {
                dom::print();
                false
            }
            Msg::FileRead(generation, name, text) => {
                if generation != self.open_generation {
                    return false;
                }
                let shown_name = self
                    .current_file
                    .and_then(|i| self.files.get(i))
                    .map(|f| f.0.clone());
                self.files.push((name.clone(), text.clone()));
                crate::stable_sort::by(&mut self.files, |a, b| a.0.cmp(&b.0));
                // The first file by name is shown (reads finish in any order); the
                // others wait in the picker. A reader who already picked one keeps it.
                let first = self.files[0].0 == name;
                if first && !self.picked_file {
                    self.current_file = Some(0);
                    self.load_text(ctx, text);
                } else {
                    self.current_file =
                        shown_name.and_then(|n| self.files.iter().position(|f| f.0 == n));
                }
                true
            }
            Msg::PickFile(i) => {
                self.picked_file = true;
                let Some((_, t)) = self.files.get(i).cloned() else {
                    return false;
                };
                self.current_file = Some(i);
                self.load_text(ctx, t);
                true
            }
            Msg::Sample(i) => {
                let Some(s) = SAMPLES.get(i) else {
                    return false;
                };
                self.files.clear();
                self.current_file = None;
                self.notice = None;
                let link = ctx.link().clone();
                yew::platform::spawn_local(async move {
                    match crate::ui::samples::fetch(s.file).await {
                        Ok(text) => link.send_message(Msg::SetText(text)),
                        Err(e) => link.send_message(Msg::Notice(format!("{}: {e}", s.file))),
                    }
                });
                true
            }
            Msg::PdfNotice(n) => {
                self.notice = Some(n);
                self.notice_pdf = true;
                true
            }
            Msg::Notice(n) => {
                self.notice_pdf = false;
                self.notice = Some(n);
                true
            }
            Msg::ExportJson => {
                let json = serde_json::to_string(&*self.analysis).unwrap_or_default();
                dom::download(
                    &format!("{}.json", format::file_stem(&self.analysis)),
                    "application/json",
                    &json,
                );
                false
            }
            Msg::ExportIssues(fmt) => {
                let list =
                    crate::ui::export::issue_list(&self.analysis, &self.text, self.lang, fmt);
                if let (Ok(detail), Some(root)) = (
                    crate::wasm_api::to_plain_js(&list),
                    self.root.cast::<web_sys::Element>(),
                ) {
                    dom::dispatch(&root, "budgetlens-export", &detail);
                }
                false
            }
            Msg::Print => {
                dom::print();
                false
            }
        }
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first: bool) {
        if first {
            dom::mark("bl-first-render");
        }
        if self.measure_pending {
            self.measure_pending = false;
            dom::measure("bl-update", "bl-analyze-start");
        }
        if self.source_open_pending {
            self.source_open_pending = false;
            let root = self.root.cast::<web_sys::Element>();
            dom::show_source_box(
                root.as_ref(),
                source_view::DIALOG_ID,
                source_view::SCROLL_ID,
                source_view::BOX_ID,
            );
        }
        if let Some(id) = self.focus_after_close.take() {
            dom::focus(self.root.cast::<web_sys::Element>().as_ref(), &id);
        }
        if self.scroll_pending {
            self.scroll_pending = false;
            let root = self.root.cast::<web_sys::Element>();
            if let Some((_, table, cell, row)) = &self.highlight {
                let target = match (table, cell, row) {
                    (Some(t), Some(c), _) => Some(format::cell_id(t, c.row, c.col)),
                    (Some(t), None, Some(r)) => Some(format::row_dom_id(t, *r)),
                    (Some(t), None, None) => Some(format::table_dom_id(t)),
                    _ => None,
                };
                if let Some(id) = target {
                    if !dom::reveal(root.as_ref(), &id) {
                        if let Some(t) = table {
                            dom::reveal(root.as_ref(), &format::table_dom_id(t));
                        }
                    }
                }
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let compact = ctx.props().compact;
        let link = ctx.link();
        let a = &self.analysis;
        let on_input = link.callback(|e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            Msg::Edited(ta.value())
        });
        // A paste bigger than the box can lay out without freezing is taken
        // directly as the text (the box then shows its beginning).
        let on_paste = link.batch_callback(|e: Event| {
            use wasm_bindgen::JsCast;
            let text = e
                .dyn_ref::<web_sys::ClipboardEvent>()?
                .clipboard_data()?
                .get_data("text/plain")
                .ok()?;
            if text.len() <= analysis::BOX_LIMIT_BYTES {
                return None;
            }
            e.prevent_default();
            Some(Msg::PastedLarge(text))
        });
        let preview = analysis::box_preview(&self.text);
        let box_value = match preview {
            Some(p) => AttrValue::from(p.to_string()),
            None => self.text.clone(),
        };
        let big_note = preview.map(|_| {
            let mb = format::fixed(self.text.len() as f64 / 1_048_576.0, 1);
            let checked = self.text.len() <= crate::MAX_INPUT_BYTES;
            html! {
                <p class="bl-big-note" role="status">
                    { match lang {
                        Lang::Zh if checked => format!("文本共 {mb} MB，框内只显示开头部分（只读）；核验使用全文。"),
                        Lang::Zh => format!("文本共 {mb} MB，框内只显示开头部分（只读）。"),
                        Lang::En if checked => format!("The text is {mb} MB: the box shows its beginning only (read-only); the check reads all of it. "),
                        Lang::En => format!("The text is {mb} MB: the box shows its beginning only (read-only). "),
                    } }
                    <button type="button" class="bl-button bl-small" onclick={link.callback(|_| Msg::SetText(String::new()))}>
                        { lang.pick("清空", "Clear") }
                    </button>
                </p>
            }
        });
        let on_files = link.batch_callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            input.files().map(Msg::OpenFiles)
        });
        let on_drop = link.batch_callback(|e: DragEvent| {
            e.prevent_default();
            e.data_transfer()
                .and_then(|d| d.files())
                .filter(|f| f.length() > 0)
                .map(Msg::OpenFiles)
        });
        // Cleared as the picker opens, so choosing the same file again (after a
        // cancelled PDF, say) still counts as a change.
        let on_file_click = Callback::from(|e: MouseEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            input.set_value("");
        });
        let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
        let on_sample = link.batch_callback(|e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            sel.set_value("");
            v.parse::<usize>().ok().map(Msg::Sample)
        });
        let on_pick = link.batch_callback(|e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            sel.value().parse::<usize>().ok().map(Msg::PickFile)
        });
        let class = classes!("bl-app", compact.then_some("bl-compact"));

        // While the "在原文中查看" panel is open the rest of the page is inert (focus stays in it).
        let open = self.viewing.is_some();
        let header = (!compact).then(|| {
            html! {
                <header class="bl-header" inert={open}>
                    if a.input_problem.is_none() {
                        <nav class="bl-skips" aria-label={lang.pick("跳转", "Skip links")}>
                            <a class="bl-skip" href="#bl-findings-h">{ lang.pick("跳到核验结果", "Skip to findings") }</a>
                            <a class="bl-skip" href="#bl-tables-h">{ lang.pick("跳到报表", "Skip to tables") }</a>
                        </nav>
                    }
                    <div class="bl-brand">
                        <h1>{ lang.pick("预决算核验", "BudgetLens") }<span class="bl-sub">{ lang.pick(" BudgetLens", " 预决算核验") }</span></h1>
                        <p class="bl-tagline">{ lang.pick(
                            "粘贴部门预算或决算报告的文字，逐一核对每个合计与勾稽关系。文本只在本页处理，不会上传。",
                            "Paste the text of a department budget or final-accounts report: every total and identity is checked. The text stays in this page; nothing is uploaded.") }</p>
                    </div>
                    <button type="button" class="bl-lang" lang={lang.other().tag()} onclick={link.callback(|_| Msg::ToggleLang)}>
                        { lang.pick("English", "中文") }
                    </button>
                </header>
            }
        });
        let lang_switch_compact = compact.then(|| html! {
            <button type="button" class="bl-lang" lang={lang.other().tag()} onclick={link.callback(|_| Msg::ToggleLang)}>
                { lang.pick("English", "中文") }
            </button>
        });

        let input = html! {
            <section class="bl-input no-print" aria-labelledby="bl-input-h" ondrop={on_drop} ondragover={on_dragover}>
                <h2 id="bl-input-h" class="bl-h2">{ lang.pick("报告文本", "Report text") }</h2>
                <div class="bl-toolbar">
                    <label class="bl-button bl-file">
                        { lang.pick("打开 .pdf / .txt 文件…", "Open .pdf / .txt files…") }
                        <input type="file" class="bl-file-input" accept=".txt,.pdf,text/plain,application/pdf" multiple=true onchange={on_files} onclick={on_file_click} />
                    </label>
                    if !compact {
                        <label class="bl-select-label">
                            <span>{ lang.pick("示例报告：", "Sample report: ") }</span>
                            <select class="bl-samples" onchange={on_sample}>
                                <option value="" selected=true>{ lang.pick("选择一份…", "Choose one…") }</option>
                                { for SAMPLES.iter().enumerate().map(|(i, s)| html! {
                                    <option value={i.to_string()}>{ lang.pick(s.zh, s.en) }</option>
                                }) }
                            </select>
                        </label>
                    }
                    if self.files.len() > 1 {
                        <label class="bl-select-label">
                            <span>{ lang.pick("已打开的文件：", "Opened file: ") }</span>
                            <select class="bl-files" onchange={on_pick}>
                                { for self.files.iter().enumerate().map(|(i, (name, _))| html! {
                                    <option value={i.to_string()} selected={self.current_file == Some(i)}>{ name.clone() }</option>
                                }) }
                            </select>
                        </label>
                    }
                    { for lang_switch_compact }
                </div>
                if self.pdfs_reading > 0 {
                    <p class="bl-pdf-status" role="status" aria-live="polite">
                        <span>{ match self.pdf_progress {
                            (done, total) if total > 0 => format!(
                                "{}{done} / {total}{}",
                                lang.pick("正在本机读取 PDF：第 ", "Reading the PDF on this computer: page "),
                                lang.pick(" 页", "")
                            ),
                            _ => lang.pick("正在本机读取 PDF…", "Reading the PDF on this computer…").to_string(),
                        } }</span>
                        <button type="button" class="bl-button bl-pdf-cancel" onclick={ctx.link().callback(|_| Msg::CancelPdf)}>
                            { lang.pick("取消", "Cancel") }
                        </button>
                    </p>
                }
                if let Some(n) = &self.notice {
                    <p class="bl-notice" role="alert">{
                        if self.notice_pdf {
                            lang.pick("无法读取 PDF：", "Cannot read the PDF: ")
                        } else {
                            lang.pick("示例报告加载失败：", "Could not load the sample: ")
                        }
                    }{ n.clone() }</p>
                }
                <label for="bl-text" class="bl-text-label">{ lang.pick(
                    "在此粘贴报告全文（或把 .pdf、.txt 文件拖到这里，PDF 只在本机读取）；修改后结果自动更新。",
                    "Paste the whole report here (or drop .pdf or .txt files here; a PDF is read on this computer only); results update as you edit.") }</label>
                { for big_note }
                <textarea id="bl-text" class="bl-text" spellcheck="false" value={box_value} oninput={on_input}
                    onpaste={on_paste} readonly={preview.is_some()}
                    placeholder={lang.pick("例如：从 PDF 复制的“收入支出决算总表”及其他各表…", "e.g. the 收入支出决算总表 and the other tables copied from the PDF…")} />
                if a.input_problem.is_none() {
                    <Verdict analysis={a.clone()} lang={lang} />
                }
            </section>
        };

        let body = if let Some(p) = &a.input_problem {
            let role = if p.kind == "empty" { "status" } else { "alert" };
            html! {
                <section class={classes!("bl-problem", format!("bl-problem-{}", p.kind))} role={role} aria-live="polite">
                    <p>{ lang.pick(&p.message_zh, &p.message_en) }</p>
                    if p.kind == "empty" && !compact {
                        <p class="bl-hint">{ lang.pick(
                            "可以粘贴全文、打开或拖入 PDF 或 .txt 文件（UTF-8 或 GBK），或从上方选一份示例报告。结果包括：识别出的各张报表、每个合计与勾稽关系的核对、“三公”经费预算与决算对比；问题清单可导出为 Word、Excel，也可导出 JSON、CSV 或打印。",
                            "Paste the whole text, open or drop PDF or .txt files (UTF-8 or GBK), or pick a sample report above. You get the tables found, every total and identity checked, the 三公 budget against actual; the list of findings as Word or Excel, and JSON, CSV or printed exports.") }</p>
                    }
                </section>
            }
        } else {
            let highlight = self.highlight.clone();
            html! {
                <>
                    <Glance analysis={a.clone()} lang={lang}
                        on_export_json={link.callback(|_| Msg::ExportJson)}
                        on_export_issues={link.callback(Msg::ExportIssues)}
                        on_print={link.callback(|_| Msg::Print)} />
                    <section class="bl-chart" aria-labelledby="bl-chart-h">
                        <h2 id="bl-chart-h" class="bl-h2">{ lang.pick("“三公”经费：预算与决算", "三公 expenses: budget and actual") }</h2>
                        <SangongChart block={a.sangong.clone()} lang={lang} />
                    </section>
                    <FindingsPanel analysis={a.clone()} lang={lang} shown={self.shown}
                        selected={highlight.as_ref().map(|h| h.0)}
                        on_toggle={link.callback(Msg::ToggleSeverity)}
                        on_locate={link.callback(Msg::Locate)}
                        source={self.source.clone()}
                        on_view_source={link.callback(|(i, r)| Msg::ViewSource(i, r))} />
                    <section class="bl-tables" aria-labelledby="bl-tables-h">
                        <h2 id="bl-tables-h" class="bl-h2" tabindex="-1">{ lang.pick("报表", "Tables") }<span class="bl-count">{ format!(" ({})", a.tables.len()) }</span></h2>
                        { for a.tables.iter().enumerate().map(|(i, t)| {
                            let mine = highlight.as_ref().filter(|h| h.1.as_deref() == Some(t.id.as_str()));
                            let hl = mine.and_then(|h| h.2);
                            let hl_row = mine.and_then(|h| h.3);
                            html! { <TableView key={t.id.clone()} analysis={a.clone()} index={i} lang={lang} highlight={hl} highlight_row={hl_row} /> }
                        }) }
                    </section>
                </>
            }
        };

        let panel = self.viewing.as_ref().map(|v| {
            source_view::view(
                v,
                lang,
                link.callback(|_| Msg::CloseSource),
                link.callback(|_| Msg::PrintSource),
                link.callback(|_| Msg::ToggleSourceFit),
            )
        });
        let class = classes!(class, open.then_some("bl-src-open"));
        html! {
            <div class={class} lang={lang.tag()} ref={self.root.clone()} data-analyses={self.analyses.to_string()}>
                { for header }
                <main class="bl-main" inert={open}>
                    { input }
                    <div class="bl-results" aria-live="off">{ body }</div>
                </main>
                if !compact {
                    <footer class="bl-footer" inert={open}>{ lang.pick(
                        "BudgetLens 离线运行：报告文本只在您的浏览器中处理。",
                        "BudgetLens runs offline: the report text is processed only in your browser.") }</footer>
                }
                { for panel }
            </div>
        }
    }
}
