//! The comparison view (`#compare`): open, drop or paste several reports and see
//! them side by side: the 三公 total by year per department (chart + table),
//! 收入 / 支出 totals by year, and every 比上年 claim the earlier report
//! contradicts. All arithmetic is [`crate::compare`]; this file only lays it out.

use crate::compare::{compare, Comparison, DepartmentSeries, ReportInput, YearPoint};
use crate::model::{Amount, ReportKind, SangongFigures, SangongItem, Severity};
use crate::ui::chart::{execution_rate, SangongYearsChart, YearGroup};
use crate::ui::i18n::Lang;
use gloo_file::callbacks::FileReader;
use rust_decimal::Decimal;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// `2020 决算` / `2024 budget`.
pub fn point_label(p: &YearPoint, lang: Lang) -> String {
    let k = match (p.kind, lang) {
        (ReportKind::Final, Lang::Zh) => "决算",
        (ReportKind::Budget, Lang::Zh) => "预算",
        (ReportKind::Final, Lang::En) => "final",
        (ReportKind::Budget, Lang::En) => "budget",
        (_, Lang::Zh) => "报告",
        (_, Lang::En) => "report",
    };
    format!("{} {k}", p.year)
}

fn total(f: &Option<SangongFigures>) -> Option<Amount> {
    f.as_ref().and_then(|f| f.total)
}

/// The chart's groups for one department, in year order.
pub fn year_groups(d: &DepartmentSeries, lang: Lang) -> Vec<YearGroup> {
    d.points
        .iter()
        .map(|p| YearGroup {
            label: point_label(p, lang),
            budget: total(&p.sangong_budget),
            actual: total(&p.sangong_actual),
        })
        .collect()
}

fn money(d: Option<Decimal>) -> String {
    d.map(|v| crate::text::group_thousands(&v.to_string()))
        .unwrap_or_else(|| "—".into())
}

fn item(f: &Option<SangongFigures>, i: SangongItem) -> String {
    money(f.as_ref().and_then(|f| f.get(i)).map(|a| a.value))
}

#[derive(Properties, PartialEq, Clone)]
pub struct CompareViewProps {
    #[prop_or_default]
    pub lang: Lang,
}

pub enum Msg {
    OpenFiles(web_sys::FileList),
    FileRead(usize, String, String),
    PasteEdited(String),
    AddPasted,
    Remove(usize),
    Clear,
    ToggleLang,
}

pub struct CompareView {
    lang: Lang,
    reports: Vec<ReportInput>,
    comparison: Rc<Comparison>,
    pasted: String,
    readers: Vec<FileReader>,
    generation: usize,
    pasted_count: usize,
}

impl CompareView {
    fn recompute(&mut self) {
        self.comparison = Rc::new(compare(&self.reports));
    }
    fn add(&mut self, name: String, text: &str) {
        let doc = crate::read(text);
        self.reports.push(ReportInput::new(name, doc));
        self.recompute();
    }
}

impl Component for CompareView {
    type Message = Msg;
    type Properties = CompareViewProps;

    fn create(ctx: &Context<Self>) -> Self {
        CompareView {
            lang: ctx.props().lang,
            reports: Vec::new(),
            comparison: Rc::new(compare(&[])),
            pasted: String::new(),
            readers: Vec::new(),
            generation: 0,
            pasted_count: 0,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::OpenFiles(list) => {
                self.generation += 1;
                let generation = self.generation;
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
                false
            }
            Msg::FileRead(_, name, text) => {
                self.add(name, &text);
                true
            }
            Msg::PasteEdited(t) => {
                self.pasted = t;
                false
            }
            Msg::AddPasted => {
                if self.pasted.trim().is_empty() {
                    return false;
                }
                self.pasted_count += 1;
                let name = format!(
                    "{} {}",
                    self.lang.pick("粘贴的报告", "pasted report"),
                    self.pasted_count
                );
                let text = std::mem::take(&mut self.pasted);
                self.add(name, &text);
                true
            }
            Msg::Remove(i) => {
                if i < self.reports.len() {
                    self.reports.remove(i);
                    self.recompute();
                }
                true
            }
            Msg::Clear => {
                self.reports.clear();
                self.readers.clear();
                self.recompute();
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
        let c = &self.comparison;
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
        let on_paste = link.callback(|e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            Msg::PasteEdited(ta.value())
        });
        let reports = c.reports.iter().enumerate().map(|(i, r)| {
            let kind = lang.report_kind(r.kind);
            html! {
                <li class="cmp-report" data-index={i.to_string()}>
                    <span class="cmp-report-name">{ r.name.clone() }</span>
                    { " · " }{ r.department.clone().unwrap_or_else(|| lang.pick("（未注明部门）", "(department not stated)").into()) }
                    { " · " }{ r.year.map(|y| y.to_string()).unwrap_or_else(|| lang.pick("（未注明年度）", "(year not stated)").into()) }
                    { " · " }{ kind }
                    <button type="button" class="bl-button cmp-remove" aria-label={format!("{} {}", lang.pick("移除", "Remove"), r.name)}
                        onclick={link.callback(move |_| Msg::Remove(i))}>{ lang.pick("移除", "Remove") }</button>
                </li>
            }
        });
        let findings = if c.reports.len() < 2 {
            html! {}
        } else if c.findings.is_empty() {
            html! { <p class="cmp-ok" role="status">{ format!("{}{}", lang.pick("已核对与上年报告相关的“比上年”表述：", "比上年 claims checked against the prior report: "), c.checked_claims) }{ lang.pick("，未发现矛盾。", "; no contradiction found.") }</p> }
        } else {
            html! {
                <>
                    <p class="cmp-summary">{ format!("{}{}{}{}", lang.pick("已核对“比上年”表述 ", "比上年 claims checked: "), c.checked_claims, lang.pick("，与上年报告矛盾 ", "; contradicted by the prior report: "), c.findings.len()) }</p>
                    <ul class="cmp-findings">
                        { for c.findings.iter().map(|f| {
                            let sev = f.finding.severity;
                            let cls = match sev { Severity::Error => "sev-error", Severity::Warning => "sev-warning", Severity::Notice => "sev-notice" };
                            html! {
                                <li class={classes!("cmp-finding", cls)} data-rule={f.finding.rule.clone()}>
                                    <strong>{ lang.severity(sev) }</strong>{ " " }
                                    <span>{ lang.pick(&f.finding.message_zh, &f.finding.message_en).to_string() }</span>
                                    <span class="cmp-where">{ where_text(&f.report, f.finding.line, lang) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </>
            }
        };
        let departments = c.departments.iter().map(|d| department_view(d, lang));
        let unplaced: Vec<String> = c
            .reports
            .iter()
            .filter(|r| r.department.is_none() || r.year.is_none())
            .map(|r| r.name.clone())
            .collect();
        html! {
            <div class="bl-app cmp-app" lang={lang.tag()} data-reports={c.reports.len().to_string()}>
                <header class="bl-header">
                    <div class="bl-brand">
                        <h1>{ lang.pick("多份报告对比", "Compare reports") }</h1>
                        <p class="bl-tagline">{ lang.pick(
                            "打开或粘贴同一部门不同年度的预算、决算报告：按年度列出“三公”经费与收支总额，并用上年报告核对“比上年增加/减少”的表述。文本只在本页处理。",
                            "Open or paste several years of a department's budget and final-accounts reports: 三公 and the income / expenditure totals by year, and every 比上年 claim checked against the prior year's report. Text stays in this page.") }</p>
                    </div>
                    <button type="button" class="bl-lang" lang={lang.other().tag()} onclick={link.callback(|_| Msg::ToggleLang)}>{ lang.pick("English", "中文") }</button>
                </header>
                <main class="bl-main">
                    <section class="bl-input cmp-input no-print" aria-labelledby="cmp-input-h" ondrop={on_drop} ondragover={on_dragover}>
                        <h2 id="cmp-input-h" class="bl-h2">{ lang.pick("添加报告", "Add reports") }</h2>
                        <div class="bl-toolbar">
                            <label class="bl-button bl-file">
                                { lang.pick("打开多个 .txt 文件…", "Open .txt files…") }
                                <input type="file" class="bl-file-input cmp-files" accept=".txt,text/plain" multiple=true onchange={on_files} />
                            </label>
                            if !c.reports.is_empty() {
                                <button type="button" class="bl-button" onclick={link.callback(|_| Msg::Clear)}>{ lang.pick("全部清除", "Clear all") }</button>
                            }
                        </div>
                        <label for="cmp-text" class="bl-label">{ lang.pick("或在此粘贴一份报告全文，再点“添加”（也可把文件拖到这里）：", "Or paste one report here and press Add (or drop files here):") }</label>
                        <textarea id="cmp-text" class="bl-text cmp-text" spellcheck="false" value={self.pasted.clone()} oninput={on_paste} />
                        <button type="button" class="bl-button cmp-add" onclick={link.callback(|_| Msg::AddPasted)}>{ lang.pick("添加这份报告", "Add this report") }</button>
                        if !c.reports.is_empty() {
                            <ul class="cmp-reports" aria-label={lang.pick("已添加的报告", "Reports added")}>{ for reports }</ul>
                        }
                    </section>
                    <div class="bl-results" aria-live="polite">
                        if c.reports.is_empty() {
                            <p class="bl-problem bl-problem-empty" role="status">{ lang.pick("还没有报告。请添加至少两份报告进行对比。", "No report yet. Add at least two reports to compare.") }</p>
                        } else {
                            <section class="cmp-yoy" aria-labelledby="cmp-yoy-h">
                                <h2 id="cmp-yoy-h" class="bl-h2">{ lang.pick("“比上年”表述与上年报告核对", "比上年 claims against the prior report") }</h2>
                                { findings }
                                if c.reports.len() < 2 {
                                    <p>{ lang.pick("只有一份报告：再添加上一年度的报告即可核对。", "One report only: add the previous year's report to check its claims.") }</p>
                                }
                            </section>
                            <p class="cmp-years">{ format!("{}{}", lang.pick("年度：", "Years: "), c.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "))) }</p>
                            { for departments }
                            if !unplaced.is_empty() {
                                <p class="cmp-unplaced">{ format!("{}{}", lang.pick("未注明部门或年度、未列入对比的报告：", "Not placed (department or year not stated): "), unplaced.join(lang.pick("、", ", "))) }</p>
                            }
                        }
                    </div>
                </main>
            </div>
        }
    }
}

fn where_text(report: &str, line: Option<usize>, lang: Lang) -> String {
    match (line, lang) {
        (Some(l), Lang::Zh) => format!("（{report}，第 {l} 行）"),
        (None, Lang::Zh) => format!("（{report}）"),
        (Some(l), Lang::En) => format!(" ({report}, line {l})"),
        (None, Lang::En) => format!(" ({report})"),
    }
}

fn department_view(d: &DepartmentSeries, lang: Lang) -> Html {
    let groups = year_groups(d, lang);
    let title = format!(
        "{} {}",
        d.department,
        lang.pick(
            "“三公”经费合计（万元）：按年度",
            "三公 total (万元) by year"
        )
    );
    let sangong_rows = d.points.iter().map(|p| {
        let rate = match (total(&p.sangong_budget), total(&p.sangong_actual)) {
            (Some(b), Some(a)) => execution_rate(b.value, a.value).map(|r| format!("{r}%")).unwrap_or_else(|| "—".into()),
            _ => "—".into(),
        };
        let main = if p.kind == ReportKind::Final { &p.sangong_actual } else { &p.sangong_budget };
        html! {
            <tr data-year={p.year.to_string()}>
                <th scope="row">{ point_label(p, lang) }</th>
                <td class="num" data-col="budget">{ item(&p.sangong_budget, SangongItem::Total) }</td>
                <td class="num" data-col="actual">{ item(&p.sangong_actual, SangongItem::Total) }</td>
                <td class="num">{ rate }</td>
                <td class="num">{ item(main, SangongItem::Outbound) }</td>
                <td class="num">{ item(main, SangongItem::VehiclePurchase) }</td>
                <td class="num">{ item(main, SangongItem::VehicleOperation) }</td>
                <td class="num">{ item(main, SangongItem::Reception) }</td>
            </tr>
        }
    });
    let total_rows = d.points.iter().map(|p| {
        html! {
            <tr data-year={p.year.to_string()}>
                <th scope="row">{ point_label(p, lang) }</th>
                <td class="num" data-col="income">{ money(p.income) }</td>
                <td class="num" data-col="expenditure">{ money(p.expenditure) }</td>
                <td class="num">{ money(p.income_total) }</td>
                <td class="num">{ money(p.expenditure_total) }</td>
            </tr>
        }
    });
    html! {
        <section class="cmp-dept" aria-label={d.department.clone()}>
            <h2 class="bl-h2">{ d.department.clone() }</h2>
            <figure class="sg-chart">
                <SangongYearsChart groups={groups} lang={lang} title={AttrValue::from(title.clone())} />
                <figcaption class="sg-figcaption">{ title }</figcaption>
            </figure>
            <table class="sg-data cmp-sangong">
                <caption>{ lang.pick("“三公”经费按年度（万元；分项：决算报告为决算数，预算报告为预算数）", "三公 by year (万元; items: actual for final accounts, budget for budgets)") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("年度", "Year") }</th>
                    <th scope="col">{ lang.pick("预算合计", "Budget total") }</th>
                    <th scope="col">{ lang.pick("决算合计", "Actual total") }</th>
                    <th scope="col">{ lang.pick("执行率", "Rate") }</th>
                    <th scope="col">{ lang.pick("因公出国（境）费", "Travel abroad") }</th>
                    <th scope="col">{ lang.pick("公务用车购置费", "Vehicle purchase") }</th>
                    <th scope="col">{ lang.pick("公务用车运行费", "Vehicle operation") }</th>
                    <th scope="col">{ lang.pick("公务接待费", "Reception") }</th>
                </tr></thead>
                <tbody>{ for sangong_rows }</tbody>
            </table>
            <table class="sg-data cmp-totals">
                <caption>{ lang.pick("收入、支出总额按年度（万元，取自收支总表）", "Income and expenditure totals by year (万元, from the summary table)") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("年度", "Year") }</th>
                    <th scope="col">{ lang.pick("本年收入合计", "Income of the year") }</th>
                    <th scope="col">{ lang.pick("本年支出合计", "Expenditure of the year") }</th>
                    <th scope="col">{ lang.pick("收入总计", "Income grand total") }</th>
                    <th scope="col">{ lang.pick("支出总计", "Expenditure grand total") }</th>
                </tr></thead>
                <tbody>{ for total_rows }</tbody>
            </table>
        </section>
    }
}

/// A running comparison view.
#[cfg_attr(feature = "many-module", wasm_bindgen::prelude::wasm_bindgen)]
pub struct CompareHandle {
    _inner: yew::AppHandle<CompareView>,
}

/// Mount the comparison view into `root` (the page's `#compare`).
#[cfg_attr(feature = "many-module", wasm_bindgen::prelude::wasm_bindgen)]
pub fn mount_compare(root: web_sys::Element, lang: String) -> CompareHandle {
    let props = CompareViewProps {
        lang: Lang::parse(&lang),
    };
    CompareHandle {
        _inner: yew::Renderer::<CompareView>::with_root_and_props(root, props).render(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_series_in_year_order() {
        let a = crate::read(include_str!(
            "../../tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt"
        ));
        let b = crate::read(include_str!(
            "../../tests/fixtures/corpus/tianhe-zwsjj-2024-budget.txt"
        ));
        let c = compare(&[ReportInput::new("b", b), ReportInput::new("a", a)]);
        assert_eq!(c.departments.len(), 1);
        let g = year_groups(&c.departments[0], Lang::Zh);
        assert_eq!(
            g.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(),
            vec!["2020 决算", "2024 预算"]
        );
        assert_eq!(
            g[0].actual.map(|a| a.value.to_string()).as_deref(),
            Some("1.02")
        );
        assert_eq!(g[1].actual, None, "a budget has no actual");
        assert_eq!(
            point_label(&c.departments[0].points[1], Lang::En),
            "2024 budget"
        );
    }
}
