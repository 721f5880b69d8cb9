//! `cross_summary` — the income and expenditure tables against the summary.
//!
//! What (决算 and 预算 alike): 收入决算表 / 收入总体情况表 合计 = the summary's
//! 本年收入合计; 支出决算表 / 支出总体情况表 合计 = 本年支出合计, and each 类 row
//! = the summary's expenditure line of the same name; in a 决算, each source
//! column of the income table (上级补助收入, 事业收入, …, 财政拨款收入 = the
//! summary's 财政拨款 lines) = the summary's line. Values are compared after
//! converting to the income / expenditure table's unit.
//!
//! Why: the summary is assembled from these tables; a difference means one of
//! them was edited alone.
//!
//! Example: 支出决算表 `221 住房保障支出 681.16` against 收入支出决算总表
//! `十九、住房保障支出 681.16`: holds; `781.16` there is an `error` on the 221 row.

use super::util::{
    amount, bare_label, cross, find_row, total_row_idx, CellAt, CodeHierarchy, Issue,
};
use crate::model::{Document, Severity, Table};
use crate::text::Has;

pub const RULE: &str = "cross_summary";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let pick = |a: &str, b: &str| doc.table_of_kind(a).or_else(|| doc.table_of_kind(b));
    let Some(s) = pick("final.income_expenditure_summary", "budget.summary") else {
        return out;
    };
    if s.sides.len() != 2 {
        return out;
    }
    let su = s.unit_or(doc.meta.unit);
    let year_total = |side: usize| {
        find_row(s, Some(side), |l| {
            l.starts_with("本年") && l.ends_with("合计")
        })
    };
    if let Some(i) = pick("final.income", "budget.income") {
        // The central budget template's 部门收入总表 carries 上年结转结余 as a
        // column beside the sources: its 合计 is then the summary's 收入总计.
        let carries_over = i.value_columns.iter().skip(1).any(|c| c.has("结转"));
        let (line, line_en, row) = if carries_over {
            let total = find_row(s, Some(0), |l| l.ends_with("总计"));
            ("收入总计", "收入总计", total)
        } else {
            ("本年收入合计", "本年收入合计", year_total(0))
        };
        if let (Some(tr), Some(yr)) = (total_row_idx(i), row) {
            if let Some(v) = amount(&s.rows[yr], 0) {
                out.extend(cross(
                    RULE,
                    doc,
                    CellAt::new(i, tr, 0),
                    &[(v, su)],
                    &format!("{}的{line}", s.title),
                    &format!("{line_en} of {}", s.title),
                    Severity::Error,
                ));
            }
            if i.kind == "final.income" {
                income_sources(doc, s, i, tr, yr, &mut out);
            }
        }
    }
    if let Some(e) = pick("final.expenditure", "budget.expenditure") {
        if let (Some(tr), Some(yr)) = (total_row_idx(e), year_total(1)) {
            if let Some(v) = amount(&s.rows[yr], 0) {
                out.extend(cross(
                    RULE,
                    doc,
                    CellAt::new(e, tr, 0),
                    &[(v, su)],
                    &format!("{}的本年支出合计", s.title),
                    &format!("本年支出合计 of {}", s.title),
                    Severity::Error,
                ));
            }
        }
        class_rows(doc, e, s, 1, 0, RULE, Severity::Error, &mut out);
    }
    out
}

#[allow(clippy::too_many_arguments)] // one call site a rule; a struct would only rename them
/// Each 类 row of `t` (column 0) against the line of the same name on `side` of
/// the summary `s`, column `scol`.
pub fn class_rows(
    doc: &Document,
    t: &Table,
    s: &Table,
    side: usize,
    scol: usize,
    rule: &str,
    fail: Severity,
    out: &mut Vec<Issue>,
) {
    let su = s.unit_or(doc.meta.unit);
    let h = CodeHierarchy::build(t, None);
    for k in h.top_level(t) {
        let name = bare_label(&t.rows[k].label);
        if name.is_empty() {
            continue;
        }
        let Some(sr) = find_row(s, Some(side), |l| {
            !l.is_empty() && l.trim_end_matches("支出") == name.trim_end_matches("支出")
        }) else {
            continue;
        };
        let Some(v) = amount(&s.rows[sr], scol) else {
            continue;
        };
        out.extend(cross(
            rule,
            doc,
            CellAt::new(t, k, 0),
            &[(v, su)],
            &format!("{}的“{}”", s.title, bare_label(&s.rows[sr].label)),
            &format!("the line {} of {}", bare_label(&s.rows[sr].label), s.title),
            fail,
        ));
    }
}

fn income_sources(
    doc: &Document,
    s: &Table,
    i: &Table,
    tr: usize,
    yr: usize,
    out: &mut Vec<Issue>,
) {
    let su = s.unit_or(doc.meta.unit);
    let lines: Vec<usize> = s
        .rows
        .iter()
        .enumerate()
        .filter(|(k, r)| r.side == Some(0) && *k < yr)
        .map(|(k, _)| k)
        .collect();
    for (c, name) in i.value_columns.iter().enumerate().skip(1) {
        let leaf = bare_label(name.rsplit('/').next().unwrap_or(name));
        let matched: Vec<usize> = if leaf == "财政拨款收入" {
            lines
                .iter()
                .copied()
                .filter(|&k| bare_label(&s.rows[k].label).has("财政拨款"))
                .collect()
        } else {
            lines
                .iter()
                .copied()
                .filter(|&k| bare_label(&s.rows[k].label) == leaf)
                .collect()
        };
        let vals: Vec<_> = matched
            .iter()
            .filter_map(|&k| amount(&s.rows[k], 0))
            .map(|v| (v, su))
            .collect();
        out.extend(cross(
            RULE,
            doc,
            CellAt::new(i, tr, c),
            &vals,
            &format!("{}的“{}”", s.title, leaf),
            &format!("the line {} of {}", leaf, s.title),
            Severity::Error,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn text() -> String {
        let s = include_str!("../../tests/fixtures/checks/summary.txt");
        let e = include_str!("../../tests/fixtures/checks/expenditure_pass.txt");
        format!("{s}\n{e}")
    }

    #[test]
    fn summary_agrees_with_expenditure_table() {
        let doc = crate::reader::read(&text());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn class_line_differs() {
        let t = text().replace(
            "十九、住房保障支出\t49\t681.16",
            "十九、住房保障支出\t49\t781.16",
        );
        let doc = crate::reader::read(&t);
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.row.as_deref(), Some("221"));
        assert_eq!(f.column.as_deref(), Some("本年支出合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("781.16").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("681.16").unwrap()));
    }
}
