//! `cross_basic` — 基本支出 (and 项目支出) of the function table against the
//! economic tables.
//!
//! What: 决算: 一般公共预算财政拨款支出决算表 合计/基本支出 = 人员经费合计 + 公用经费合计
//! of the 基本支出决算表. 预算: 一般公共预算支出情况表 合计/基本支出 = 合计 of the
//! 基本支出情况表（按经济分类）, and its 项目支出 = 合计 of the 项目支出情况表（按经济分类）.
//!
//! Why: the same money is classified twice (by function, by economic nature);
//! the two totals must meet.
//!
//! Example: 2020: 2,984.75 = 2,740.19 + 244.56 ✓; with 公用经费合计 `254.56` the
//! 基本支出 cell of the function table gets an `error` (expected 2,994.75).

use super::util::{amount, col_where, cross, find_row, total_row_idx, CellAt, Issue};
use crate::model::{Document, Severity};

pub const RULE: &str = "cross_basic";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    if let (Some(g), Some(b)) = (
        doc.table_of_kind("final.general_budget_expenditure"),
        doc.table_of_kind("final.general_budget_basic_expenditure"),
    ) {
        let bu = b.unit_or(doc.meta.unit);
        let people = find_row(b, None, |l| l == "人员经费合计");
        let public = find_row(b, None, |l| l == "公用经费合计");
        let basic_col = col_where(g, |c| c.ends_with("基本支出"));
        if let (Some(p), Some(q), Some(c), Some(tr)) = (people, public, basic_col, total_row_idx(g))
        {
            let vals: Vec<_> = [p, q]
                .iter()
                .filter_map(|&k| amount(&b.rows[k], 0))
                .map(|v| (v, bu))
                .collect();
            if vals.len() == 2 {
                out.extend(cross(
                    RULE,
                    doc,
                    CellAt::new(g, tr, c),
                    &vals,
                    &format!("{}的人员经费合计与公用经费合计之和", b.title),
                    &format!("人员经费合计 + 公用经费合计 of {}", b.title),
                    Severity::Error,
                ));
            }
        }
    }
    if let Some(g) = doc.table_of_kind("budget.general_budget_by_function") {
        for (kind, word) in [
            ("budget.general_budget_basic_by_economic", "基本支出"),
            ("budget.general_budget_project_by_economic", "项目支出"),
        ] {
            let Some(e) = doc.table_of_kind(kind) else {
                continue;
            };
            let eu = e.unit_or(doc.meta.unit);
            let (Some(c), Some(tr), Some(er)) = (
                col_where(g, |c| c.ends_with(word)),
                total_row_idx(g),
                total_row_idx(e),
            ) else {
                continue;
            };
            let Some(v) = amount(&e.rows[er], 0) else {
                continue;
            };
            out.extend(cross(
                RULE,
                doc,
                CellAt::new(g, tr, c),
                &[(v, eu)],
                &format!("{}的合计", e.title),
                &format!("the total of {}", e.title),
                Severity::Error,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn text() -> String {
        let g = include_str!("../../tests/fixtures/checks/general_budget.txt");
        let b = include_str!("../../tests/fixtures/checks/basic.txt");
        format!("{g}\n{b}")
    }

    #[test]
    fn basic_equals_people_plus_public() {
        let doc = crate::reader::read(&text());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn public_total_differs() {
        let t = text().replace("公用经费合计\t244.56", "公用经费合计\t254.56");
        let doc = crate::reader::read(&t);
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(f.row.as_deref(), Some("合计"));
        assert_eq!(f.column.as_deref(), Some("基本支出"));
        assert_eq!(f.expected, Some(Decimal::from_str("2994.75").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("2984.75").unwrap()));
    }
}
