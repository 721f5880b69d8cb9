//! The batch view (`#batch`): drop dozens or hundreds of report files and get a
//! sortable table of them (department, year, kind, tables found, errors and
//! warnings, 三公 totals), each row opening the report's full view.
//!
//! Stays responsive: files are analysed off the main thread by a pool of Web
//! Workers (`www/batch-worker.js`, one per core, up to 4), each answering with
//! the small summary row only. Where workers cannot run (a CSP without
//! `worker-src`, the single-file build) the main thread analyses in time slices
//! of [`SLICE_MS`] between which the browser paints and handles input, never one
//! long task for the whole batch.

use crate::model::{Analysis, ReportKind, Severity};
use crate::ui::app::App;
use crate::ui::i18n::Lang;
use gloo_file::callbacks::FileReader;
use gloo_timers::callback::Timeout;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Longest stretch of analysis before the page gets the main thread back.
pub const SLICE_MS: f64 = 12.0;

/// What the table shows of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: ReportKind,
    pub tables: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    pub sangong_budget: Option<Decimal>,
    pub sangong_actual: Option<Decimal>,
    /// Not a report (empty, binary, no table): the reason, in both languages.
    pub problem: Option<(String, String)>,
}

impl BatchRow {
    pub fn of(a: &Analysis) -> Self {
        let total = |actual: bool| {
            a.sangong
                .as_ref()
                .and_then(|b| {
                    if actual {
                        b.actual.as_ref()
                    } else {
                        b.budget.as_ref()
                    }
                })
                .and_then(|f| f.total)
                .map(|v| v.value)
        };
        BatchRow {
            department: a.meta.department.clone(),
            year: a.meta.year,
            kind: a.meta.kind,
            tables: a.tables.len(),
            errors: a.count(Severity::Error),
            warnings: a.count(Severity::Warning),
            notices: a.count(Severity::Notice),
            sangong_budget: total(false),
            sangong_actual: total(true),
            problem: a
                .input_problem
                .as_ref()
                .map(|p| (p.message_zh.clone(), p.message_en.clone())),
        }
    }
}

/// [`BatchRow`] as the batch worker sends it (plain JSON types).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BatchRowWire {
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: String,
    pub tables: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    pub sangong_budget: Option<String>,
    pub sangong_actual: Option<String>,
    pub problem: Option<(String, String)>,
}

impl crate::json_read::FromJson for BatchRowWire {
    fn from_json(j: &crate::json_read::Json) -> Option<Self> {
        let f = crate::json_read::Fields::of(j)?;
        Some(BatchRowWire {
            department: f.opt("department")?,
            year: f.opt("year")?,
            kind: f.req("kind")?,
            tables: f.req("tables")?,
            errors: f.req("errors")?,
            warnings: f.req("warnings")?,
            notices: f.req("notices")?,
            sangong_budget: f.opt("sangong_budget")?,
            sangong_actual: f.opt("sangong_actual")?,
            problem: f.opt("problem")?,
        })
    }
}

impl BatchRow {
    pub fn to_wire(&self) -> BatchRowWire {
        BatchRowWire {
            department: self.department.clone(),
            year: self.year,
            kind: match self.kind {
                ReportKind::Final => "final",
                ReportKind::Budget => "budget",
                ReportKind::Performance => "performance",
                ReportKind::Unknown => "unknown",
            }
            .into(),
            tables: self.tables,
            errors: self.errors,
            warnings: self.warnings,
            notices: self.notices,
            sangong_budget: self.sangong_budget.map(|d| d.to_string()),
            sangong_actual: self.sangong_actual.map(|d| d.to_string()),
            problem: self.problem.clone(),
        }
    }
    pub fn from_wire(w: BatchRowWire) -> Self {
        let dec = |s: Option<String>| s.and_then(|s| s.parse::<Decimal>().ok());
        BatchRow {
            department: w.department,
            year: w.year,
            kind: match w.kind.as_str() {
                "final" => ReportKind::Final,
                "budget" => ReportKind::Budget,
                "performance" => ReportKind::Performance,
                _ => ReportKind::Unknown,
            },
            tables: w.tables,
            errors: w.errors,
            warnings: w.warnings,
            notices: w.notices,
            sangong_budget: dec(w.sangong_budget),
            sangong_actual: dec(w.sangong_actual),
            problem: w.problem,
        }
    }
}

/// The batch worker's door (`www/batch-worker.js`): analyse a report and return
/// its summary row as JSON.
#[cfg_attr(feature = "many-module", wasm_bindgen(js_name = batchSummary))]
pub fn batch_summary(text: &str) -> String {
    serde_json::to_string(&BatchRow::of(&crate::analyze(text)).to_wire()).unwrap_or_default()
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `Worker` (declared here rather than through web-sys features).
    #[wasm_bindgen(js_name = Worker)]
    type JsWorker;
    #[wasm_bindgen(constructor, js_class = "Worker", catch)]
    fn new(url: &str, options: &JsValue) -> Result<JsWorker, JsValue>;
    #[wasm_bindgen(method, js_class = "Worker", js_name = postMessage)]
    fn post_message(this: &JsWorker, msg: &JsValue);
    #[wasm_bindgen(method, js_class = "Worker", setter = onmessage)]
    fn set_onmessage(this: &JsWorker, f: &js_sys::Function);
    #[wasm_bindgen(method, js_class = "Worker", setter = onerror)]
    fn set_onerror(this: &JsWorker, f: &js_sys::Function);
    #[wasm_bindgen(method, js_class = "Worker")]
    fn terminate(this: &JsWorker);
}

/// One batch worker and the report it is working on.
struct PoolWorker {
    worker: JsWorker,
    busy: Option<usize>,
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Drop for PoolWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// How many workers: one per core, at most 4, at least 1.
fn pool_size() -> usize {
    let n = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|nav| js_sys::Reflect::get(&nav, &"hardwareConcurrency".into()).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0);
    (n as usize).clamp(1, 4)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    File,
    Department,
    Year,
    Kind,
    Tables,
    Errors,
    Warnings,
    SangongBudget,
    SangongActual,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Department,
        SortKey::Year,
        SortKey::Kind,
        SortKey::Tables,
        SortKey::Errors,
        SortKey::Warnings,
        SortKey::SangongBudget,
        SortKey::SangongActual,
        SortKey::File,
    ];
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            SortKey::File => lang.pick("文件", "File"),
            SortKey::Department => lang.pick("部门", "Department"),
            SortKey::Year => lang.pick("年度", "Year"),
            SortKey::Kind => lang.pick("类型", "Kind"),
            SortKey::Tables => lang.pick("表数", "Tables"),
            SortKey::Errors => lang.pick("错误", "Errors"),
            SortKey::Warnings => lang.pick("警告", "Warnings"),
            SortKey::SangongBudget => lang.pick("“三公”预算（合计）", "三公 budget"),
            SortKey::SangongActual => lang.pick("“三公”决算（合计）", "三公 actual"),
        }
    }
    fn numeric(self) -> bool {
        !matches!(self, SortKey::File | SortKey::Department | SortKey::Kind)
    }
}

/// One file of the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub text: Rc<str>,
    pub row: Option<BatchRow>,
}

fn kind_rank(k: ReportKind) -> u8 {
    match k {
        ReportKind::Budget => 0,
        ReportKind::Final => 1,
        ReportKind::Performance => 2,
        ReportKind::Unknown => 3,
    }
}

/// Compare two analysed entries by `key`; ties by department, year, kind, file.
/// Missing values sort last whichever the direction.
pub fn compare_entries(a: &Entry, b: &Entry, key: SortKey, ascending: bool) -> Ordering {
    let (Some(ra), Some(rb)) = (&a.row, &b.row) else {
        return a.row.is_none().cmp(&b.row.is_none());
    };
    fn opt<T: Ord>(x: &Option<T>, y: &Option<T>, asc: bool) -> Ordering {
        match (x, y) {
            (Some(x), Some(y)) => {
                if asc {
                    x.cmp(y)
                } else {
                    y.cmp(x)
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    fn dir(o: Ordering, asc: bool) -> Ordering {
        if asc {
            o
        } else {
            o.reverse()
        }
    }
    let primary = match key {
        SortKey::File => dir(a.name.cmp(&b.name), ascending),
        SortKey::Department => opt(&ra.department, &rb.department, ascending),
        SortKey::Year => opt(&ra.year, &rb.year, ascending),
        SortKey::Kind => dir(kind_rank(ra.kind).cmp(&kind_rank(rb.kind)), ascending),
        SortKey::Tables => dir(ra.tables.cmp(&rb.tables), ascending),
        SortKey::Errors => dir(ra.errors.cmp(&rb.errors), ascending),
        SortKey::Warnings => dir(ra.warnings.cmp(&rb.warnings), ascending),
        SortKey::SangongBudget => opt(&ra.sangong_budget, &rb.sangong_budget, ascending),
        SortKey::SangongActual => opt(&ra.sangong_actual, &rb.sangong_actual, ascending),
    };
    primary
        .then_with(|| ra.problem.is_some().cmp(&rb.problem.is_some()))
        .then_with(|| opt(&ra.department, &rb.department, true))
        .then_with(|| opt(&ra.year, &rb.year, true))
        .then_with(|| kind_rank(ra.kind).cmp(&kind_rank(rb.kind)))
        .then_with(|| a.name.cmp(&b.name))
}

/// Indices of the analysed entries in display order.
pub fn sorted_indices(entries: &[Entry], key: SortKey, ascending: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].row.is_some())
        .collect();
    crate::stable_sort::by(&mut idx, |&x, &y| {
        compare_entries(&entries[x], &entries[y], key, ascending)
    });
    idx
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[derive(Properties, PartialEq, Clone)]
pub struct BatchViewProps {
    #[prop_or_default]
    pub lang: Lang,
}

pub enum Msg {
    OpenFiles(web_sys::FileList),
    FileRead(usize, String, String),
    Tick,
    /// Worker `w` finished entry `i` (`None`: it failed, analyse here).
    WorkerDone(usize, usize, Option<String>),
    /// Worker `w` broke (no wasm, a crash): stop using workers.
    WorkerBroke(usize),
    Sort(SortKey),
    Open(usize),
    Back,
    ToggleLang,
}

pub struct BatchView {
    lang: Lang,
    entries: Vec<Entry>,
    queue: VecDeque<usize>,
    expected: usize,
    generation: usize,
    readers: Vec<FileReader>,
    tick: Option<Timeout>,
    sort: (SortKey, bool),
    open: Option<usize>,
    started: f64,
    elapsed: Option<f64>,
    /// Time spent inside `analyze` alone (the rest is reading files and the page).
    analyse_ms: f64,
    last_render: f64,
    /// Workers analysing off the main thread; empty when they cannot run (then
    /// the main thread analyses in slices).
    pool: Vec<PoolWorker>,
    workers_failed: bool,
}

impl BatchView {
    /// Start the worker pool (once). False when workers cannot run here.
    fn start_pool(&mut self, ctx: &Context<Self>) -> bool {
        if self.workers_failed {
            return false;
        }
        if !self.pool.is_empty() {
            return true;
        }
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"type".into(), &"module".into());
        let _ = js_sys::Reflect::set(&opts, &"name".into(), &"budgetlens-batch".into());
        for w in 0..pool_size() {
            let Ok(worker) = JsWorker::new("batch-worker.js", &opts) else {
                self.pool.clear();
                self.workers_failed = true;
                return false;
            };
            let link = ctx.link().clone();
            let on_message = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                let data = js_sys::Reflect::get(&ev, &"data".into()).unwrap_or(JsValue::UNDEFINED);
                let id = js_sys::Reflect::get(&data, &"id".into())
                    .ok()
                    .and_then(|v| v.as_f64());
                let json = js_sys::Reflect::get(&data, &"json".into())
                    .ok()
                    .and_then(|v| v.as_string());
                if let Some(id) = id {
                    link.send_message(Msg::WorkerDone(w, id as usize, json));
                }
            });
            let link = ctx.link().clone();
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                if let Ok(f) = js_sys::Reflect::get(&ev, &"preventDefault".into()) {
                    if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                        let _ = f.call0(&ev);
                    }
                }
                link.send_message(Msg::WorkerBroke(w));
            });
            worker.set_onmessage(on_message.as_ref().unchecked_ref());
            worker.set_onerror(on_error.as_ref().unchecked_ref());
            self.pool.push(PoolWorker {
                worker,
                busy: None,
                _on_message: on_message,
                _on_error: on_error,
            });
        }
        true
    }

    /// Give every idle worker the next report.
    fn pump(&mut self) {
        for w in 0..self.pool.len() {
            if self.pool[w].busy.is_some() {
                continue;
            }
            let Some(i) = self.queue.pop_front() else {
                return;
            };
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(i as f64));
            let _ = js_sys::Reflect::set(
                &msg,
                &"text".into(),
                &JsValue::from_str(&self.entries[i].text),
            );
            self.pool[w].worker.post_message(&msg);
            self.pool[w].busy = Some(i);
        }
    }

    fn finish_if_done(&mut self) -> bool {
        if self.elapsed.is_none()
            && self.queue.is_empty()
            && self.expected > 0
            && self.done() == self.expected
        {
            self.readers.clear();
            self.elapsed = Some(now_ms() - self.started);
            crate::ui::dom::mark("bl-batch-done");
        }
        let now = now_ms();
        if self.elapsed.is_some() || now - self.last_render >= 250.0 {
            self.last_render = now;
            true
        } else {
            false
        }
    }

    fn schedule(&mut self, ctx: &Context<Self>) {
        if self.tick.is_none() && !self.queue.is_empty() {
            let link = ctx.link().clone();
            self.tick = Some(Timeout::new(0, move || link.send_message(Msg::Tick)));
        }
    }
    fn done(&self) -> usize {
        self.entries.iter().filter(|e| e.row.is_some()).count()
    }
}

impl Component for BatchView {
    type Message = Msg;
    type Properties = BatchViewProps;

    fn create(ctx: &Context<Self>) -> Self {
        BatchView {
            lang: ctx.props().lang,
            entries: Vec::new(),
            queue: VecDeque::new(),
            expected: 0,
            generation: 0,
            readers: Vec::new(),
            tick: None,
            sort: (SortKey::Department, true),
            open: None,
            started: 0.0,
            elapsed: None,
            analyse_ms: 0.0,
            last_render: 0.0,
            pool: Vec::new(),
            workers_failed: false,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::OpenFiles(list) => {
                self.generation += 1;
                let generation = self.generation;
                self.entries.clear();
                self.queue.clear();
                self.readers.clear();
                self.tick = None;
                self.open = None;
                self.expected = list.length() as usize;
                self.started = now_ms();
                self.elapsed = None;
                self.analyse_ms = 0.0;
                // A new batch: answers still coming for the old one are dropped
                // (restart the pool so no worker stays busy with an old file).
                self.pool.clear();
                for i in 0..list.length() {
                    let Some(file) = list.get(i) else { continue };
                    let name = file.name();
                    let blob = gloo_file::Blob::from(web_sys::Blob::from(file));
                    let link = ctx.link().clone();
                    self.readers
                        .push(gloo_file::callbacks::read_as_bytes(&blob, move |res| {
                            let text = res.map(|b| crate::ui::dom::decode(&b)).unwrap_or_default();
                            link.send_message(Msg::FileRead(generation, name, text));
                        }));
                }
                true
            }
            Msg::FileRead(generation, name, text) => {
                if generation != self.generation {
                    return false;
                }
                self.entries.push(Entry {
                    name,
                    text: Rc::from(text),
                    row: None,
                });
                self.queue.push_back(self.entries.len() - 1);
                if self.start_pool(ctx) {
                    self.pump();
                } else {
                    self.schedule(ctx);
                }
                false
            }
            Msg::WorkerDone(w, i, json) => {
                if let Some(pw) = self.pool.get_mut(w) {
                    if pw.busy != Some(i) {
                        return false; // an answer for an older batch
                    }
                    pw.busy = None;
                }
                let row = json
                    .and_then(|j| crate::json_read::from_str::<BatchRowWire>(&j))
                    .map(BatchRow::from_wire);
                match (row, self.entries.get_mut(i)) {
                    (Some(r), Some(e)) => e.row = Some(r),
                    (None, Some(_)) => {
                        // The worker could not: this one is analysed here.
                        self.queue.push_front(i);
                        self.schedule(ctx);
                    }
                    _ => {}
                }
                self.pump();
                self.finish_if_done()
            }
            Msg::WorkerBroke(_) => {
                // Put every report a worker held back in the queue and go on here.
                for pw in &self.pool {
                    if let Some(i) = pw.busy {
                        if self.entries.get(i).is_some_and(|e| e.row.is_none()) {
                            self.queue.push_front(i);
                        }
                    }
                }
                self.pool.clear();
                self.workers_failed = true;
                self.schedule(ctx);
                false
            }
            Msg::Tick => {
                self.tick = None;
                if !self.pool.is_empty() {
                    return false; // the workers have the queue
                }
                let start = now_ms();
                while let Some(i) = self.queue.pop_front() {
                    let a = crate::analyze(&self.entries[i].text);
                    self.entries[i].row = Some(BatchRow::of(&a));
                    if now_ms() - start >= SLICE_MS {
                        break;
                    }
                }
                self.analyse_ms += now_ms() - start;
                self.schedule(ctx);
                // While the batch runs only the progress line changes: redraw it a
                // few times a second, not after every report.
                self.finish_if_done()
            }
            Msg::Sort(k) => {
                self.sort = if self.sort.0 == k {
                    (k, !self.sort.1)
                } else {
                    (k, !matches!(k, SortKey::Errors | SortKey::Warnings))
                };
                true
            }
            Msg::Open(i) => {
                self.open = Some(i);
                true
            }
            Msg::Back => {
                self.open = None;
                true
            }
            Msg::ToggleLang => {
                self.lang = self.lang.other();
                true
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let link = ctx.link();
        if let Some(e) = self.open.and_then(|i| self.entries.get(i).map(|e| (i, e))) {
            let (i, e) = e;
            return html! {
                <div class="batch-detail" lang={lang.tag()}>
                    <nav class="batch-back no-print">
                        <button type="button" class="bl-button" onclick={link.callback(|_| Msg::Back)}>{ lang.pick("← 返回批量列表", "← Back to the batch list") }</button>
                        <span class="batch-detail-name">{ e.name.clone() }</span>
                    </nav>
                    <App key={format!("batch-{i}")} lang={lang} compact={true} initial_text={Some(e.text.to_string())} />
                </div>
            };
        }
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
        let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
        let done = self.done();
        // The table is drawn once the batch is done (drawing a growing table
        // after every report made the batch quadratic).
        let order = if self.elapsed.is_some() {
            sorted_indices(&self.entries, self.sort.0, self.sort.1)
        } else {
            Vec::new()
        };
        let (err_files, warn_files, bad) =
            self.entries
                .iter()
                .filter_map(|e| e.row.as_ref())
                .fold((0, 0, 0), |(e, w, b), r| {
                    if r.problem.is_some() {
                        (e, w, b + 1)
                    } else if r.errors > 0 {
                        (e + 1, w, b)
                    } else if r.warnings > 0 {
                        (e, w + 1, b)
                    } else {
                        (e, w, b)
                    }
                });
        let header = SortKey::ALL.iter().map(|&k| {
            let sorted = self.sort.0 == k;
            let aria = if sorted { if self.sort.1 { "ascending" } else { "descending" } } else { "none" };
            let arrow = if sorted { if self.sort.1 { " ▲" } else { " ▼" } } else { "" };
            html! {
                <th scope="col" aria-sort={aria} class={classes!(k.numeric().then_some("num"))}>
                    <button type="button" class="batch-sort" onclick={link.callback(move |_| Msg::Sort(k))}>{ k.name(lang) }{ arrow }</button>
                </th>
            }
        });
        let money = |d: Option<Decimal>| {
            d.map(|v| crate::text::group_thousands(&v.to_string()))
                .unwrap_or_else(|| "—".into())
        };
        let rows = order.iter().map(|&i| {
            let e = &self.entries[i];
            let Some(r) = &e.row else { return html! {} };
            let cls = classes!("batch-row", (r.errors > 0).then_some("has-errors"), r.problem.is_some().then_some("not-report"));
            let open = link.callback(move |_| Msg::Open(i));
            let label = format!("{} {}", lang.pick("查看完整核验结果：", "Open the full view of"), e.name);
            html! {
                <tr key={i} class={cls} data-file={e.name.clone()}>
                    if let Some((zh, en)) = &r.problem {
                        <td colspan="8" class="batch-problem">{ lang.pick(zh, en).to_string() }</td>
                    } else {
                        <td>{ r.department.clone().unwrap_or_else(|| "—".into()) }</td>
                        <td class="num">{ r.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()) }</td>
                        <td>{ lang.report_kind(r.kind) }</td>
                        <td class="num">{ r.tables }</td>
                        <td class={classes!("num", (r.errors > 0).then_some("sev-error"))} data-col="errors">{ r.errors }</td>
                        <td class={classes!("num", (r.warnings > 0).then_some("sev-warning"))}>{ r.warnings }</td>
                        <td class="num">{ money(r.sangong_budget) }</td>
                        <td class="num">{ money(r.sangong_actual) }</td>
                    }
                    <td><a href={format!("#batch/{i}")} class="batch-open" aria-label={label} onclick={Callback::from(move |ev: MouseEvent| { ev.prevent_default(); open.emit(()); })}>{ e.name.clone() }</a></td>
                </tr>
            }
        });
        html! {
            <div class="bl-app batch-app" lang={lang.tag()} data-done={done.to_string()} data-total={self.expected.to_string()}
                data-elapsed-ms={self.elapsed.map(|e| crate::ui::format::fixed(e, 0)).unwrap_or_default()}
                data-analyse-ms={crate::ui::format::fixed(self.analyse_ms, 0)} data-workers={self.pool.len().to_string()}>
                <header class="bl-header">
                    <div class="bl-brand">
                        <h1>{ lang.pick("批量核验", "Batch check") }</h1>
                        <p class="bl-tagline">{ lang.pick(
                            "一次打开几十、几百份报告文件：逐份核验，列出部门、年度、类型、找到的表、错误与警告和“三公”经费合计；点文件名查看完整结果。文件只在本页处理。",
                            "Open dozens or hundreds of report files at once: each is checked and listed with department, year, kind, tables found, errors and warnings and the 三公 totals; click a file name for its full view. Files stay in this page.") }</p>
                    </div>
                    <button type="button" class="bl-lang" lang={lang.other().tag()} onclick={link.callback(|_| Msg::ToggleLang)}>{ lang.pick("English", "中文") }</button>
                </header>
                <main class="bl-main">
                    <section class="bl-input batch-input no-print" aria-labelledby="batch-input-h" ondrop={on_drop} ondragover={on_dragover}>
                        <h2 id="batch-input-h" class="bl-h2">{ lang.pick("选择报告文件", "Choose report files") }</h2>
                        <label class="bl-button bl-file">
                            { lang.pick("打开多个 .txt 文件…（也可把文件拖到这里）", "Open .txt files… (or drop them here)") }
                            <input type="file" class="bl-file-input batch-files" accept=".txt,text/plain" multiple=true onchange={on_files} />
                        </label>
                    </section>
                    <section class="batch-results" aria-labelledby="batch-h">
                        <h2 id="batch-h" class="bl-h2">{ lang.pick("核验结果", "Results") }</h2>
                        if self.expected == 0 {
                            <p class="bl-problem bl-problem-empty" role="status">{ lang.pick("还没有文件。", "No files yet.") }</p>
                        } else {
                            <p class="batch-progress" role="status" aria-live="polite">
                                <progress max={self.expected.to_string()} value={done.to_string()}></progress>
                                { format!(" {done} / {} ", self.expected) }
                                { match self.elapsed {
                                    Some(ms) => format!("{}{}{}{}{}{}{}{}{}",
                                        lang.pick("，用时 ", "; took "), crate::ui::format::fixed(ms / 1000.0, 1), lang.pick(" 秒。有错误：", " s. With errors: "), err_files,
                                        lang.pick("，仅有警告：", ", warnings only: "), warn_files,
                                        lang.pick("，不是报告：", ", not a report: "), bad, lang.pick("。", ".")),
                                    None => lang.pick("正在核验…", "checking…").to_string(),
                                } }
                            </p>
                            if self.elapsed.is_some() {
                            <div class="batch-scroll">
                                <table class="batch-table">
                                    <caption>{ lang.pick("每行一份报告；点列名排序，点文件名查看完整结果。", "One report a row; click a column name to sort, a file name for the full view.") }</caption>
                                    <thead><tr>{ for header }</tr></thead>
                                    <tbody>{ for rows }</tbody>
                                </table>
                            </div>
                            }
                        }
                    </section>
                </main>
            </div>
        }
    }
}

/// A running batch view.
#[cfg_attr(feature = "many-module", wasm_bindgen)]
pub struct BatchHandle {
    _inner: yew::AppHandle<BatchView>,
}

/// Mount the batch view into `root` (the page's `#batch`).
#[cfg_attr(feature = "many-module", wasm_bindgen)]
pub fn mount_batch(root: web_sys::Element, lang: String) -> BatchHandle {
    let props = BatchViewProps {
        lang: Lang::parse(&lang),
    };
    BatchHandle {
        _inner: yew::Renderer::<BatchView>::with_root_and_props(root, props).render(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        name: &str,
        dept: Option<&str>,
        year: Option<i32>,
        errors: usize,
        budget: Option<&str>,
    ) -> Entry {
        Entry {
            name: name.into(),
            text: Rc::from(""),
            row: Some(BatchRow {
                department: dept.map(String::from),
                year,
                kind: ReportKind::Final,
                tables: 10,
                errors,
                warnings: 0,
                notices: 0,
                sangong_budget: budget.map(|b| b.parse().unwrap()),
                sangong_actual: None,
                problem: None,
            }),
        }
    }

    #[test]
    fn sorts_by_any_column_missing_values_last() {
        let mut es = vec![
            entry("c.txt", Some("乙局"), Some(2021), 0, Some("4.00")),
            entry("a.txt", Some("甲局"), Some(2020), 3, None),
            entry("b.txt", None, Some(2019), 1, Some("10.00")),
            entry("d.txt", Some("甲局"), Some(2019), 0, Some("2.50")),
        ];
        es.push(Entry {
            name: "pending.txt".into(),
            text: Rc::from(""),
            row: None,
        });
        let names = |v: Vec<usize>| {
            v.into_iter()
                .map(|i| es[i].name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(sorted_indices(&es, SortKey::Department, true)),
            vec!["c.txt", "d.txt", "a.txt", "b.txt"],
            "乙 (U+4E59) sorts before 甲 (U+7532); no department last"
        );
        assert_eq!(
            names(sorted_indices(&es, SortKey::Errors, false)),
            vec!["a.txt", "b.txt", "c.txt", "d.txt"]
        );
        assert_eq!(
            names(sorted_indices(&es, SortKey::SangongBudget, true)),
            vec!["d.txt", "c.txt", "b.txt", "a.txt"]
        );
        assert_eq!(
            names(sorted_indices(&es, SortKey::SangongBudget, false)),
            vec!["b.txt", "c.txt", "d.txt", "a.txt"],
            "missing last both ways"
        );
        assert_eq!(
            names(sorted_indices(&es, SortKey::Year, true)),
            vec!["d.txt", "b.txt", "a.txt", "c.txt"]
        );
        assert_eq!(
            sorted_indices(&es, SortKey::File, true).len(),
            4,
            "pending files are not rows yet"
        );
    }

    #[test]
    fn summary_row_survives_the_worker_wire() {
        let row = entry("a.txt", Some("甲局"), Some(2020), 2, Some("4.00"))
            .row
            .unwrap();
        let json = serde_json::to_string(&row.to_wire()).unwrap();
        let back = BatchRow::from_wire(crate::json_read::from_str(&json).unwrap());
        assert_eq!(back, row);
        let from_worker: BatchRowWire =
            crate::json_read::from_str(&batch_summary("not a report")).unwrap();
        assert!(from_worker.problem.is_some());
    }

    #[test]
    fn row_of_a_corpus_report() {
        let a = crate::analyze(include_str!(
            "../../tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt"
        ));
        let r = BatchRow::of(&a);
        assert_eq!(r.year, Some(2020));
        assert_eq!(r.kind, ReportKind::Final);
        assert_eq!(
            r.sangong_budget.map(|d| d.to_string()).as_deref(),
            Some("4.00")
        );
        assert_eq!(
            r.sangong_actual.map(|d| d.to_string()).as_deref(),
            Some("1.02")
        );
        assert!(r.problem.is_none());
        let junk = BatchRow::of(&crate::analyze("not a report"));
        assert!(junk.problem.is_some());
    }
}
