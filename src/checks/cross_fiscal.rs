//! `cross_fiscal` — the 一般公共预算 expenditure table against the 财政拨款 summary.
//!
//! What: 决算: 一般公共预算财政拨款支出决算表 合计 (本年支出合计) = the 一般公共预算财政拨款
//! column of 财政拨款收入支出决算总表's 本年支出合计, and each 类 row = that column's
//! line of the same name. 预算: 一般公共预算支出情况表 合计 = the 财政拨款收支总体情况表's
//! 一般公共预算 income line, and each 类 row = its expenditure line (a `warning`
//! only when the budget also holds 政府性基金 / 国有资本经营 money, since that line
//! then counts all funds).
//!
//! Why: the 财政拨款 summary is built from the fund tables; they must agree.
//!
//! Example: 2020: 一般公共预算财政拨款支出决算表 合计 8,219.20 = 8,219.20 in the
//! summary; a 类 row `201 5,957.73` against a summary line `5,857.73` is an `error`.

use super::cross_summary::class_rows;
use super::util::{amount, bare_label, cross, find_row, total_row_idx, CellAt, Issue};
use crate::model::{Document, Severity};
use crate::text::compact;
use crate::text::Has;

pub const RULE: &str = "cross_fiscal";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    if let (Some(g), Some(f)) = (
        doc.table_of_kind("final.general_budget_expenditure"),
        doc.table_of_kind("final.fiscal_summary"),
    ) {
        if f.sides.len() == 2 {
            let col = f.sides[1]
                .value_columns
                .iter()
                .position(|c| compact(c).has("一般公共预算"));
            if let (Some(col), Some(tr), Some(yr)) = (
                col,
                total_row_idx(g),
                find_row(f, Some(1), |l| l.starts_with("本年") && l.ends_with("合计")),
            ) {
                if let Some(v) = amount(&f.rows[yr], col) {
                    let fu = f.unit_or(doc.meta.unit);
                    out.extend(cross(
                        RULE,
                        doc,
                        CellAt::new(g, tr, 0),
                        &[(v, fu)],
                        &format!("{}的一般公共预算本年支出合计", f.title),
                        &format!("the 一般公共预算 本年支出合计 of {}", f.title),
                        Severity::Error,
                    ));
                }
                class_rows(doc, g, f, 1, col, RULE, Severity::Error, &mut out);
            }
        }
    }
    if let (Some(g), Some(f)) = (
        doc.table_of_kind("budget.general_budget_by_function"),
        doc.table_of_kind("budget.fiscal_summary"),
    ) {
        if f.sides.len() == 2 {
            let fu = f.unit_or(doc.meta.unit);
            // The central template gives the summary's spending a 一般公共预算
            // column: its 本年支出 line is the table's total. Otherwise the
            // income side's 一般公共预算 lines (this year's, and the carry-over
            // `二、上年结转 / （一）一般公共预算拨款` where printed) fund it.
            let spending_col = f.sides[1]
                .value_columns
                .iter()
                .position(|c| compact(c).has("一般公共预算"));
            let spending_row = find_row(f, Some(1), |l| l.starts_with("本年支出"));
            let (others, what_zh, what_en): (Vec<_>, String, String) =
                match (spending_col, spending_row) {
                    (Some(c), Some(r)) => (
                        amount(&f.rows[r], c).map(|v| (v, fu)).into_iter().collect(),
                        format!("{}的本年支出（一般公共预算）", f.title),
                        format!("本年支出 (一般公共预算) of {}", f.title),
                    ),
                    _ => {
                        let lines: Vec<usize> = (0..f.rows.len())
                            .filter(|&i| {
                                let l = bare_label(&f.rows[i].label);
                                // Not a 合计/总计 line whose label ran into the
                                // blank labels above it (`上年结转结余一般公共预算…收入总计`).
                                f.rows[i].side == Some(0)
                                    && l.has("一般公共预算")
                                    && !l.ends_with("总计")
                                    && !l.ends_with("合计")
                            })
                            .collect();
                        let names: Vec<String> = lines
                            .iter()
                            .map(|&i| bare_label(&f.rows[i].label))
                            .collect();
                        (
                            lines
                                .iter()
                                .filter_map(|&i| amount(&f.rows[i], 0))
                                .map(|v| (v, fu))
                                .collect(),
                            format!("{}的“{}”", f.title, names.join("”+“")),
                            format!("the line(s) {} of {}", names.join(" + "), f.title),
                        )
                    }
                };
            if let Some(tr) = total_row_idx(g) {
                out.extend(cross(
                    RULE,
                    doc,
                    CellAt::new(g, tr, 0),
                    &others,
                    &what_zh,
                    &what_en,
                    Severity::Error,
                ));
            }
            // Other funds on the income side (any figure of their line, placed or
            // not), or a 政府性基金 table with spending: then the summary's class
            // lines hold more than the 一般公共预算 table's.
            let other_funds = f.rows.iter().any(|r| {
                let l = bare_label(&r.label);
                r.side == Some(0)
                    && (l.has("政府性基金") || l.has("国有资本"))
                    && r.values.iter().flatten().any(|v| !v.value.is_zero())
            }) || ["budget.gov_fund", "budget.state_capital"].iter().any(|k| {
                doc.table_of_kind(k).is_some_and(|t| {
                    t.rows
                        .iter()
                        .any(|r| r.values.iter().flatten().any(|v| !v.value.is_zero()))
                })
            });
            let fail = if other_funds {
                Severity::Warning
            } else {
                Severity::Error
            };
            class_rows(doc, g, f, 1, 0, RULE, fail, &mut out);
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
        let f = include_str!("../../tests/fixtures/checks/fiscal_summary.txt");
        let g = include_str!("../../tests/fixtures/checks/general_budget.txt");
        format!("{f}\n{g}")
    }

    #[test]
    fn general_budget_table_agrees() {
        let doc = crate::reader::read(&text());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn class_row_differs() {
        let t = text().replace(
            "一、一般公共服务支出\t33\t5,957.73\t5,957.73",
            "一、一般公共服务支出\t33\t5,857.73\t5,857.73",
        );
        let doc = crate::reader::read(&t);
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.row.as_deref(), Some("201"));
        assert_eq!(f.expected, Some(Decimal::from_str("5857.73").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("5957.73").unwrap()));
    }

    fn budget() -> String {
        let f = include_str!("../../tests/fixtures/checks/budget_fiscal_summary.txt");
        let g = include_str!("../../tests/fixtures/checks/budget_by_function.txt");
        format!("2024 年部门预算\n{f}\n{g}")
    }

    #[test]
    fn budget_function_table_agrees_with_fiscal_summary() {
        let doc = crate::reader::read(&budget());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn budget_general_budget_line_differs() {
        let doc = crate::reader::read(&budget().replacen(
            "一、一般公共预算\t9,492.97",
            "一、一般公共预算\t9,392.97",
            1,
        ));
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(f.row.as_deref(), Some("合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("9392.97").unwrap()));
    }
}
