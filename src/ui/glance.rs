//! At a glance: what the report is, which standard tables were found and which
//! not, how many problems of each severity, and the 三公 figures as a table.

use crate::model::{Analysis, SangongFigures, SangongItem, Severity};
use crate::ui::format;
use crate::ui::i18n::Lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct GlanceProps {
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    pub on_export_json: Callback<()>,
    /// The 问题清单 as `docx` or `xlsx`.
    pub on_export_issues: Callback<&'static str>,
    pub on_print: Callback<()>,
}

impl PartialEq for GlanceProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis) && self.lang == o.lang
    }
}

#[function_component(Glance)]
pub fn glance(p: &GlanceProps) -> Html {
    let a = &p.analysis;
    let lang = p.lang;
    let m = &a.meta;
    let dash = || lang.pick("未注明", "not stated").to_string();
    let std_tables = format::standard_tables(a);
    let found: Vec<_> = a.tables.iter().collect();
    let missing: Vec<_> = std_tables
        .iter()
        .filter(|(_, f)| !f)
        .map(|(k, _)| *k)
        .collect();
    let count = |s: Severity| a.count(s);
    let export = p.on_export_json.reform(|_: MouseEvent| ());
    let print = p.on_print.reform(|_: MouseEvent| ());
    let docx = p.on_export_issues.reform(|_: MouseEvent| "docx");
    let xlsx = p.on_export_issues.reform(|_: MouseEvent| "xlsx");

    html! {
        <section class="bl-glance" aria-labelledby="bl-glance-h">
            <h2 id="bl-glance-h" class="bl-h2">{ lang.pick("概览", "At a glance") }</h2>
            <div class="bl-glance-grid">
                <dl class="bl-meta">
                    <div><dt>{ lang.pick("部门", "Department") }</dt><dd class="bl-dept">{ m.department.clone().unwrap_or_else(dash) }</dd></div>
                    <div><dt>{ lang.pick("年度", "Year") }</dt><dd class="bl-year">{ m.year.map(|y| y.to_string()).unwrap_or_else(dash) }</dd></div>
                    <div><dt>{ lang.pick("类型", "Report") }</dt><dd class="bl-kind">{ lang.report_kind(m.kind) }</dd></div>
                    <div><dt>{ lang.pick("金额单位", "Unit") }</dt><dd class="bl-unit">{ m.unit.map(|u| u.as_str().to_string()).unwrap_or_else(dash) }</dd></div>
                </dl>
                <ul class="bl-counts" aria-label={lang.pick("核验结果统计", "Finding counts")}>
                    { for [Severity::Error, Severity::Warning, Severity::Notice].into_iter().map(|s| html! {
                        <li class={classes!("bl-count-chip", format!("sev-{}", sev_key(s)))}>
                            <span class="bl-count-n" data-severity={sev_key(s)}>{ count(s) }</span>
                            <span class="bl-count-l">{ lang.severity(s) }</span>
                        </li>
                    }) }
                </ul>
            </div>
            <div class="bl-glance-body">
            <div class="bl-found">
                <h3 class="bl-h3">{ lang.pick("识别出的报表", "Tables found") }<span class="bl-count">{ format!(" ({})", found.len()) }</span></h3>
                <ol class="bl-found-list">
                    { for found.iter().map(|t| html! {
                        <li>
                            <a href={format!("#{}", format::table_dom_id(&t.id))}>
                                { format::table_name(t, lang) }
                            </a>
                            if t.kind == "unknown" {
                                <span class="bl-tag">{ lang.pick("未识别类型", "kind not recognised") }</span>
                            }
                        </li>
                    }) }
                </ol>
                if !missing.is_empty() {
                    <p class="bl-missing">
                        <strong>{ lang.pick("未找到的标准表：", "Standard tables not found: ") }</strong>
                        { missing.iter().map(|k| lang.table_kind(k)).collect::<Vec<_>>().join(lang.pick("、", ", ")) }
                    </p>
                } else if !std_tables.is_empty() {
                    <p class="bl-missing bl-ok">{ lang.pick("标准表齐全。", "All standard tables found.") }</p>
                }
            </div>
            { sangong_table(a, lang) }
            </div>
            <div class="bl-export no-print">
                <button type="button" class="bl-button bl-export-docx" onclick={docx}>{ lang.pick("问题清单 Word（.docx）", "Findings as Word (.docx)") }</button>
                <button type="button" class="bl-button bl-export-xlsx" onclick={xlsx}>{ lang.pick("问题清单 Excel（.xlsx）", "Findings as Excel (.xlsx)") }</button>
                <button type="button" class="bl-button" onclick={export}>{ lang.pick("导出 JSON", "Export JSON") }</button>
                <button type="button" class="bl-button" onclick={print}>{ lang.pick("打印核验报告", "Print the report") }</button>
            </div>
        </section>
    }
}

pub fn sev_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Notice => "notice",
    }
}

/// The 三公 figures, budget against actual, as a plain table (what the chart draws).
fn sangong_table(a: &Analysis, lang: Lang) -> Html {
    let Some(b) = &a.sangong else {
        return html! {
            <p class="bl-sangong-none">{ lang.pick("未找到“三公”经费表。", "No 三公 expenses table found.") }</p>
        };
    };
    let cell = |f: &Option<SangongFigures>, item: SangongItem| {
        format::amount(f.as_ref().and_then(|f| f.get(item)))
    };
    let has_actual = b.actual.is_some();
    let source = a.tables.iter().find(|t| t.id == b.table);
    html! {
        <div class="bl-sangong">
            <table class="bl-sangong-table">
                <caption>
                    { lang.pick("“三公”经费", "三公 expenses") }
                    <span class="bl-unit-note">{ format!(" ({}{})", lang.pick("单位：", "unit: "), b.unit.as_str()) }</span>
                    if let Some(t) = source {
                        <a class="bl-source" href={format!("#{}", format::table_dom_id(&t.id))}>{ format!(" {}", lang.pick("查看原表", "see the table")) }</a>
                    }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ lang.pick("项目", "Item") }</th>
                        <th scope="col" class="num">{ lang.pick("预算数", "Budget") }</th>
                        if has_actual {
                            <th scope="col" class="num">{ lang.pick("决算数", "Actual") }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for SangongItem::ALL.iter().map(|&item| html! {
                        <tr data-item={item.key()} class={classes!(matches!(item, SangongItem::VehiclePurchase | SangongItem::VehicleOperation).then_some("bl-sub-item"))}>
                            <th scope="row">{ lang.pick(item.zh(), item.en()) }</th>
                            <td class="num" data-col="budget">{ cell(&b.budget, item) }</td>
                            if has_actual {
                                <td class="num" data-col="actual">{ cell(&b.actual, item) }</td>
                            }
                        </tr>
                    }) }
                    if let Some(op) = b.admin_operation {
                        <tr data-item="admin_operation">
                            <th scope="row">{ lang.pick("行政经费（机关运行经费）", "administrative operation") }</th>
                            <td class="num" data-col="budget">{ format::amount(Some(op)) }</td>
                            if has_actual { <td></td> }
                        </tr>
                    }
                </tbody>
            </table>
            if b.empty {
                <p class="bl-note">{ lang.pick("报告说明本年度没有“三公”经费支出。", "The report states there were no 三公 expenses this year.") }</p>
            }
        </div>
    }
}

/// How much of the report was read and checked: tables, rows, figures.
pub fn checked_counts(a: &Analysis) -> (usize, usize, usize, usize) {
    // A table the reader could not read reliably, and a row it could not place,
    // are not checked: the verdict says how many, not only what was read.
    let unreliable: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule == "table_unreliable" || f.rule == "sangong_uncertain")
        .filter_map(|f| f.table.as_deref())
        .collect();
    let (mut rows, mut values, mut unchecked) = (0, 0, 0);
    for t in &a.tables {
        let whole = unreliable.contains(&t.id.as_str());
        for r in &t.rows {
            if whole || r.ambiguous {
                unchecked += 1;
            } else {
                rows += 1;
                values += r.values.iter().filter(|v| v.is_some()).count();
            }
        }
    }
    (a.tables.len(), rows, values, unchecked)
}

#[derive(Properties, Clone)]
pub struct VerdictProps {
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
}

impl PartialEq for VerdictProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis) && self.lang == o.lang
    }
}

/// The verdict in one line, right under the text box so it is on the first
/// screen of a phone after a paste: errors / warnings / notices and how much
/// was checked, with a link to the findings.
#[function_component(Verdict)]
pub fn verdict(p: &VerdictProps) -> Html {
    let a = &p.analysis;
    let lang = p.lang;
    let (tables, rows, values, unchecked) = checked_counts(a);
    let (e, w, n) = (
        a.count(Severity::Error),
        a.count(Severity::Warning),
        a.count(Severity::Notice),
    );
    let state = if e > 0 {
        "error"
    } else if w > 0 {
        "warning"
    } else {
        "ok"
    };
    let headline = match (lang, e, w) {
        (Lang::Zh, 0, 0) => "未发现错误".to_string(),
        (Lang::En, 0, 0) => "No errors found".to_string(),
        (Lang::Zh, 0, _) => "未发现错误，有需要留意之处".to_string(),
        (Lang::En, 0, _) => "No errors; some points to look at".to_string(),
        (Lang::Zh, _, _) => "发现错误".to_string(),
        (Lang::En, _, _) => "Errors found".to_string(),
    };
    let checked = match (lang, unchecked) {
        (Lang::Zh, 0) => format!("已核对 {tables} 张表、{rows} 行、{values} 个数值"),
        (Lang::En, 0) => format!("checked {tables} tables, {rows} rows, {values} figures"),
        (Lang::Zh, u) => format!(
            "已核对 {tables} 张表、{rows} 行、{values} 个数值；{u} 行未能确定列位置，未核对"
        ),
        (Lang::En, u) => format!(
            "checked {tables} tables, {rows} rows, {values} figures; {u} rows not checked (their columns are not certain)"
        ),
    };
    html! {
        <div class={classes!("bl-verdict", format!("bl-verdict-{state}"))} role="status">
            <strong class="bl-verdict-head">{ headline }</strong>
            <span class="bl-verdict-counts">
                <span class="sev-error" data-severity="error">{ format!("{} {e}", lang.severity(Severity::Error)) }</span>
                <span class="sev-warning" data-severity="warning">{ format!("{} {w}", lang.severity(Severity::Warning)) }</span>
                <span class="sev-notice" data-severity="notice">{ format!("{} {n}", lang.severity(Severity::Notice)) }</span>
            </span>
            <span class="bl-verdict-checked">{ checked }</span>
            <a class="bl-verdict-link" href="#bl-findings-h">{ lang.pick("查看核验结果", "see the findings") }</a>
        </div>
    }
}
