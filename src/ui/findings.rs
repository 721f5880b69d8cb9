//! The findings panel: grouped by table, filtered by severity, each in plain
//! words with expected / found / difference; activating one shows its cell.

use crate::model::{Analysis, Finding, Severity};
use crate::ui::format;
use crate::ui::glance::sev_key;
use crate::ui::i18n::Lang;
use crate::ui::source_view::{self, PdfSource};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct FindingsProps {
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    /// error, warning, notice shown?
    pub shown: [bool; 3],
    pub selected: Option<usize>,
    pub on_toggle: Callback<Severity>,
    pub on_locate: Callback<usize>,
    /// The PDF the text was read from, while the text is its text: findings with a line
    /// get "在原文中查看".
    #[prop_or_default]
    pub source: Option<Rc<PdfSource>>,
    /// Show finding `.0` (or its related finding `.1`) on its PDF page.
    #[prop_or_default]
    pub on_view_source: Callback<(usize, Option<usize>)>,
}

impl PartialEq for FindingsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &o.analysis)
            && self.lang == o.lang
            && self.shown == o.shown
            && self.selected == o.selected
            && match (&self.source, &o.source) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Notice];

#[function_component(FindingsPanel)]
pub fn findings_panel(p: &FindingsProps) -> Html {
    let a = &p.analysis;
    let lang = p.lang;
    let shown = p.shown;
    let groups = format::group_findings(a, |s| {
        shown[SEVERITIES.iter().position(|x| *x == s).unwrap_or(0)]
    });
    let title_of = |id: &Option<String>| -> String {
        match id
            .as_deref()
            .and_then(|id| a.tables.iter().find(|t| t.id == id))
        {
            Some(t) => format::table_name(t, lang),
            None => lang
                .pick("全文与表间核对", "Whole report and cross-table checks")
                .to_string(),
        }
    };
    let view_source = ViewSource {
        source: p.source.clone(),
        on_view: p.on_view_source.clone(),
    };
    html! {
        <section class="bl-findings" aria-labelledby="bl-findings-h">
            <h2 id="bl-findings-h" class="bl-h2" tabindex="-1">{ lang.pick("核验结果", "Findings") }</h2>
            <div class="bl-sev-filter no-print" role="group" aria-label={lang.pick("按严重程度筛选", "Filter by severity")}>
                { for SEVERITIES.iter().enumerate().map(|(i, &s)| {
                    let on = shown[i];
                    let cb = p.on_toggle.reform(move |_: MouseEvent| s);
                    html! {
                        <button type="button" class={classes!("bl-sev-btn", format!("sev-{}", sev_key(s)))}
                            aria-pressed={if on { "true" } else { "false" }} onclick={cb}>
                            { format!("{} {}", lang.severity(s), a.count(s)) }
                        </button>
                    }
                }) }
            </div>
            if a.findings.is_empty() {
                <p class="bl-all-clear">{ lang.pick("未发现问题：所有已核对的合计与勾稽关系均相符。", "No problems found: every checked total and identity agrees.") }</p>
            } else if groups.is_empty() {
                <p class="bl-all-clear">{ lang.pick("所选类别中没有结果。", "Nothing in the selected severities.") }</p>
            }
            if !groups.is_empty() {
                <div class="bl-finding-groups" role="region" tabindex="0" aria-label={lang.pick("核验结果列表", "List of findings")}>
            { for groups.iter().map(|g| html! {
                <div class="bl-finding-group">
                    <h3 class="bl-h3">
                        { title_of(&g.table) }
                        <span class="bl-count">{ format!(" ({})", g.findings.len()) }</span>
                        if let Some(t) = &g.table {
                            <a class="bl-source" href={format!("#{}", format::table_dom_id(t))}>{ lang.pick("查看表格", "see the table") }</a>
                        }
                    </h3>
                    { group_list(a, &g.findings, lang, p.selected, &p.on_locate, &view_source) }
                </div>
            }) }
                </div>
            }
        </section>
    }
}

/// A rounding notice: a sum off by less than the rounding rule allows. A table's
/// rounding notices are folded into one line ("12 处 0.01 尾差"), after its errors
/// and warnings, and open on demand.
pub fn is_rounding(f: &Finding) -> bool {
    f.severity == Severity::Notice
        && f.table.is_some()
        && matches!((f.difference, f.tolerance), (Some(d), Some(t)) if !d.is_zero() && d.abs() <= t)
}

/// The summary line of a table's folded rounding notices.
pub fn rounding_summary(fs: &[&Finding], lang: Lang) -> String {
    let diffs: Vec<_> = fs
        .iter()
        .filter_map(|f| f.difference.map(|d| d.abs().normalize()))
        .collect();
    let max = diffs.iter().copied().max().unwrap_or_default();
    let same = diffs.iter().all(|d| *d == max);
    let n = fs.len();
    match (lang, same) {
        (Lang::Zh, true) => format!("{n} 处 {max} 尾差，在四舍五入误差内"),
        (Lang::Zh, false) => format!("{n} 处尾差（最大 {max}），在四舍五入误差内"),
        (Lang::En, true) => format!("{n} differences of {max}, within rounding"),
        (Lang::En, false) => format!("{n} differences (at most {max}), within rounding"),
    }
}

/// The PDF behind the findings, and what its buttons do.
struct ViewSource {
    source: Option<Rc<PdfSource>>,
    on_view: Callback<(usize, Option<usize>)>,
}

impl ViewSource {
    /// "在原文中查看" for finding `i` (related `r`), where its line stands in the PDF.
    fn button(&self, f: &Finding, i: usize, r: Option<usize>, lang: Lang) -> Option<Html> {
        let src = self.source.as_ref()?;
        src.target(f.line, f.found)?;
        let cb = self.on_view.reform(move |_: MouseEvent| (i, r));
        Some(html! {
            <button type="button" id={source_view::button_id(i, r)} class="bl-view-src no-print" onclick={cb}>
                { source_view::button_label(lang) }
            </button>
        })
    }
}

/// One table's findings: errors and warnings (and other notices) listed, its
/// rounding notices folded into one expandable line after them.
fn group_list(
    a: &Analysis,
    idx: &[usize],
    lang: Lang,
    selected: Option<usize>,
    on_locate: &Callback<usize>,
    vs: &ViewSource,
) -> Html {
    let (rounding, rest): (Vec<usize>, Vec<usize>) =
        idx.iter().partition(|&&i| is_rounding(&a.findings[i]));
    // A single rounding notice is shown as it is: folding it saves nothing.
    let (rounding, rest) = if rounding.len() < 2 {
        let mut all = rest;
        all.extend(rounding);
        (Vec::new(), all)
    } else {
        (rounding, rest)
    };
    let item =
        |&i: &usize| finding_item(&a.findings[i], i, lang, selected == Some(i), on_locate, vs);
    let fold = (!rounding.is_empty()).then(|| {
        let fs: Vec<&Finding> = rounding.iter().map(|&i| &a.findings[i]).collect();
        let open = selected.is_some_and(|s| rounding.contains(&s));
        html! {
            <li class="bl-rounding-fold">
                <details class="bl-rounding" open={open}>
                    <summary>
                        <span class={classes!("bl-badge", "sev-notice")}>{ lang.severity(Severity::Notice) }</span>
                        { " " }{ rounding_summary(&fs, lang) }
                    </summary>
                    <ul class="bl-finding-list">{ for rounding.iter().map(item) }</ul>
                </details>
            </li>
        }
    });
    html! {
        <ul class="bl-finding-list">
            { for rest.iter().map(item) }
            { for fold }
        </ul>
    }
}

fn finding_item(
    f: &Finding,
    i: usize,
    lang: Lang,
    selected: bool,
    on_locate: &Callback<usize>,
    vs: &ViewSource,
) -> Html {
    let sev = sev_key(f.severity);
    // A table finding shows its cell; a narrative one selects its line in the text box.
    let locatable = f.table.is_some() || f.line.is_some();
    let cb = on_locate.reform(move |_: MouseEvent| i);
    let numbers = [
        (lang.pick("应为", "expected"), f.expected),
        (lang.pick("实为", "found"), f.found),
        (lang.pick("相差", "difference"), f.difference),
        (lang.pick("容差", "tolerance"), f.tolerance),
    ];
    html! {
        <li id={format!("finding-{i}")} class={classes!("bl-finding", format!("sev-{sev}"), selected.then_some("bl-selected"))}>
            <span class={classes!("bl-badge", format!("sev-{sev}"))}>{ lang.severity(f.severity) }</span>
            if locatable {
                <button type="button" class="bl-finding-msg" onclick={cb} aria-describedby={format!("finding-{i}-detail")}>
                    { format::message(f, lang) }
                </button>
            } else {
                <span class="bl-finding-msg">{ format::message(f, lang) }</span>
            }
            <span class="bl-finding-detail" id={format!("finding-{i}-detail")}>
                { for numbers.iter().filter(|(_, v)| v.is_some()).map(|(k, v)| html! {
                    <span class="bl-kv"><span class="bl-k">{ *k }</span>{ " " }<span class="bl-v num">{ format::decimal(*v) }</span></span>
                }) }
                if let Some(l) = f.line {
                    <span class="bl-kv bl-line">{ format!("{} {l} {}", lang.pick("第", "line"), lang.pick("行", "")) }</span>
                }
                <span class="bl-rule">{ f.rule.clone() }</span>
                { for vs.button(f, i, None, lang) }
            </span>
            if !f.related.is_empty() {
                <details class="bl-related">
                    <summary>{ format!("{} {}", related_label(&f.rule, lang), f.related.len()) }</summary>
                    <ul>
                        { for f.related.iter().enumerate().map(|(k, r)| html! {
                            <li>{ format::message(r, lang) }{ for vs.button(r, i, Some(k), lang) }</li>
                        }) }
                    </ul>
                </details>
            }
        </li>
    }
}

/// What a finding's `related` list holds: the consequences of one wrong cell, or
/// (for the per-table summaries of the reader's doubt) the rows or sums it stands for.
fn related_label(rule: &str, lang: Lang) -> &'static str {
    match rule {
        "ambiguous_row" => lang.pick("逐行说明：", "Row by row:"),
        "table_unreliable" => lang.pick(
            "未作为错误报告的不符：",
            "Sums that failed, not reported as errors:",
        ),
        _ => lang.pick("由此引起的其他不符：", "Consequences of this one:"),
    }
}
