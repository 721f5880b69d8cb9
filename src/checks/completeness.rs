//! `completeness` — the report holds every standard table of its kind, and an
//! empty table says so.
//!
//! What: a 决算 holds the ten tables of REPORT-FORMAT.md (older years nine or
//! eight: 国有资本经营 and 非税收入 came later, so their absence is a `notice`);
//! a 预算 holds twelve. A missing core table is a `warning` that names it. A
//! table with no data row and no note saying it is empty (`本表无数据`, `无发生额`)
//! is a `warning` too: a silent empty table cannot be told from a lost one.
//!
//! Why: reviewers of these reports check completeness first; a missing table
//! also means the cross-table checks could not run.
//!
//! Example: a 决算 without `一般公共预算财政拨款“三公”经费支出决算表` → `warning`
//! “缺少…”; with all ten → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, ReportKind, Severity, TableState};
use crate::text::Has;

pub const RULE: &str = "completeness";

const FINAL: &[(&str, &str, bool)] = &[
    ("final.income_expenditure_summary", "收入支出决算总表", true),
    ("final.income", "收入决算表", true),
    ("final.expenditure", "支出决算表", true),
    ("final.fiscal_summary", "财政拨款收入支出决算总表", true),
    (
        "final.general_budget_expenditure",
        "一般公共预算财政拨款支出决算表",
        true,
    ),
    (
        "final.general_budget_basic_expenditure",
        "一般公共预算财政拨款基本支出决算表",
        true,
    ),
    (
        "final.sangong",
        "一般公共预算财政拨款“三公”经费支出决算表",
        true,
    ),
    (
        "final.gov_fund",
        "政府性基金预算财政拨款收入支出决算表",
        true,
    ),
    (
        "final.state_capital",
        "国有资本经营预算财政拨款支出决算表",
        false,
    ),
    ("final.non_tax_revenue", "非税收入征缴情况表", false),
];

const BUDGET: &[(&str, &str, bool)] = &[
    ("budget.summary", "收支总体情况表", true),
    ("budget.income", "收入总体情况表", true),
    ("budget.expenditure", "支出总体情况表", true),
    ("budget.fiscal_summary", "财政拨款收支总体情况表", true),
    (
        "budget.general_budget_by_function",
        "一般公共预算支出情况表（按功能分类科目）",
        true,
    ),
    (
        "budget.general_budget_basic_by_economic",
        "一般公共预算基本支出情况表（按经济分类科目）",
        true,
    ),
    (
        "budget.general_budget_project_by_economic",
        "一般公共预算项目支出情况表（按经济分类科目）",
        false,
    ),
    ("budget.sangong", "财政拨款安排的“三公”经费预算表", true),
    ("budget.gov_fund", "政府性基金预算支出情况表", true),
    ("budget.state_capital", "国有资本经营预算支出情况表", false),
    ("budget.basic_by_unit", "部门预算基本支出预算表", false),
    (
        "budget.project_by_unit",
        "部门预算项目支出及其他支出预算表",
        false,
    ),
];

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let list = match doc.meta.kind {
        ReportKind::Final => FINAL,
        ReportKind::Budget => BUDGET,
        _ => return out,
    };
    // Only a pasted *report* should hold them all; one pasted table is fine.
    let standard = doc.tables.iter().filter(|t| t.kind != "unknown").count();
    if standard < 3 {
        return out;
    }
    for (kind, title, core) in list {
        if doc.table_of_kind(kind).is_some() {
            continue;
        }
        let (sev, why_zh, why_en) = if *core {
            (Severity::Warning, "这是标准公开表之一；若本年确无此表，也应注明", "it is one of the standard tables; if it does not apply this year the report should say so")
        } else {
            (
                Severity::Notice,
                "较早年度或部分地区的报告不含此表",
                "older or some provinces' reports do not have it",
            )
        };
        out.push(Issue::plain(Finding::new(
            RULE,
            sev,
            format!("报告中未找到“{title}”：{why_zh}"),
            format!("The report has no “{title}” ({kind}): {why_en}"),
        )));
    }
    for t in &doc.tables {
        let declared = t.notes.iter().any(|n| n.has_char('无') || n.has("空表"));
        if t.state == TableState::Empty && t.kind != "unknown" && !declared {
            let mut f = Finding::new(
                RULE,
                Severity::Warning,
                format!("“{}”没有任何数据，也未注明“本表无数据”", t.title),
                format!("“{}” holds no figure and does not say it is empty", t.title),
            )
            .at_table(t)
            .at_line(t.lines[0]);
            f.row = None;
            out.push(Issue::plain(f));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(skip_sangong: bool) -> String {
        let mut parts = vec![
            "2020 年部门决算".to_string(),
            include_str!("../../tests/fixtures/checks/summary.txt").to_string(),
            include_str!("../../tests/fixtures/checks/expenditure_pass.txt").to_string(),
            include_str!("../../tests/fixtures/checks/fiscal_summary.txt").to_string(),
            include_str!("../../tests/fixtures/checks/general_budget.txt").to_string(),
            include_str!("../../tests/fixtures/checks/basic.txt").to_string(),
            include_str!("../../tests/fixtures/checks/gov_fund.txt").to_string(),
        ];
        if !skip_sangong {
            parts.push(include_str!("../../tests/fixtures/checks/sangong_final.txt").to_string());
        }
        parts.join("\n")
    }

    #[test]
    fn missing_sangong_table_is_named() {
        let doc = crate::reader::read(&report(true));
        let found: Vec<_> = check(&doc)
            .into_iter()
            .map(|i| i.finding)
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert!(found.iter().any(|f| f.message_zh.has("三公")), "{found:#?}");
        // 收入决算表 is missing in both variants.
        assert!(found.iter().any(|f| f.message_en.has("final.income)")));
    }

    const STATE_CAPITAL_BLANK: &str = "国有资本经营预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n\t合计\t\t\t\n";

    #[test]
    fn a_table_of_blank_rows_must_say_it_is_empty() {
        let silent = format!("{}\n{STATE_CAPITAL_BLANK}", report(false));
        let doc = crate::reader::read(&silent);
        let t = doc.table_of_kind("final.state_capital").expect("table");
        assert_eq!(t.state, TableState::Empty);
        let found: Vec<_> = check(&doc).into_iter().map(|i| i.finding).collect();
        assert!(
            found
                .iter()
                .any(|f| f.table.as_deref() == Some(t.id.as_str())
                    && f.severity == Severity::Warning),
            "{found:#?}"
        );
        let declared =
            format!("{silent}注：本单位本年度无国有资本经营预算财政拨款支出，故本表为空表。\n");
        let doc = crate::reader::read(&declared);
        let t = doc.table_of_kind("final.state_capital").expect("table");
        assert!(!check(&doc)
            .iter()
            .any(|i| i.finding.table.as_deref() == Some(t.id.as_str())));
    }

    #[test]
    fn present_sangong_table_is_not_reported() {
        let doc = crate::reader::read(&report(false));
        let found: Vec<_> = check(&doc).into_iter().map(|i| i.finding).collect();
        assert!(
            !found.iter().any(|f| f.message_zh.has("三公")),
            "{found:#?}"
        );
    }
}
