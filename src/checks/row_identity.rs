//! `row_identity` — within each row, a total column equals the sum of its part
//! columns, as the header defines them.
//!
//! What: the identities come from the column names through
//! [`crate::identities::column_identities`] — `本年收入合计 = Σ sources`,
//! `本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助`, `合计 = 一般公共预算 +
//! 政府性基金 [+ 国有资本经营]`, `小计 = 基本 + 项目`, `合计 = 出国 + 车 + 接待`,
//! `车 = 购置 + 运行` — and are checked on every row, on each half of a
//! two-sided table too.
//!
//! Why: derived from the header, never assumed from the table kind, so a
//! province's extra or reordered columns still get the right identity.
//!
//! Example: `2010302 一般行政管理事务 3,331.97 6.00 3,325.97 0.00 0.00 0.00` holds
//! exactly; `2010301 行政运行 2,216.76 2,116.76 0.00 …` is an `error` in column
//! 本年支出合计 (expected 2,116.76).

use super::util::{amount, sides, sum_parts, Check, Issue, Span};
use crate::identities::{column_identities, ColumnIdentity};
use crate::model::{Document, Table};
use crate::text::Has;

pub const RULE: &str = "row_identity";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for t in &doc.tables {
        check_table(t, &mut out);
    }
    out
}

pub(crate) fn check_table(t: &Table, out: &mut Vec<Issue>) {
    for side in sides(t) {
        let cols = t.side_columns(side);
        if cols.len() < 2 {
            continue;
        }
        let ids = without_admin_cost(cols, column_identities(cols));
        for id in &ids {
            for (ri, r) in t.rows.iter().enumerate() {
                if r.side != side {
                    continue;
                }
                let Some(total) = amount(r, id.total) else {
                    continue;
                };
                let parts: Vec<_> = id.parts.iter().map(|&c| amount(r, c)).collect();
                let Some((sum, tol)) = sum_parts(total, &parts) else {
                    continue;
                };
                let names: Vec<&str> = id
                    .parts
                    .iter()
                    .filter_map(|&c| cols.get(c))
                    .map(|s| s.rsplit('/').next().unwrap_or(s))
                    .collect();
                let f = Check::new(RULE, t, sum, total, tol)
                    .at(ri, id.total)
                    .what(
                        format!("{}之和", names.join("、")),
                        format!("the sum of {}", names.join(", ")),
                    )
                    .judge();
                if let Some(f) = f {
                    let mut c = vec![id.total];
                    c.extend(id.parts.iter().copied());
                    out.push(Issue {
                        finding: f,
                        span: Span::Row {
                            table: t.id.clone(),
                            row: ri,
                            cols: c,
                        },
                    });
                }
            }
        }
    }
}

/// Budget 三公 tables of some provinces print 机关运行经费 (or 行政经费) beside
/// the 三公 items under one header: it is no part of the 三公 合计.
fn without_admin_cost(cols: &[String], ids: Vec<ColumnIdentity>) -> Vec<ColumnIdentity> {
    let sangong = cols.iter().any(|c| crate::text::names_outbound(c));
    if !sangong {
        return ids;
    }
    let admin = |c: usize| {
        cols.get(c)
            .is_some_and(|n| n.has("机关运行") || n.has("行政经费"))
    };
    ids.into_iter()
        .filter(|id| !admin(id.total))
        .map(|mut id| {
            id.parts.retain(|&c| !admin(c));
            id
        })
        .filter(|id| !id.parts.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const PASS: &str = include_str!("../../tests/fixtures/checks/expenditure_pass.txt");
    const FAIL: &str = include_str!("../../tests/fixtures/checks/expenditure_fail.txt");

    #[test]
    fn passing_fixture_rows_hold() {
        let doc = crate::reader::read(PASS);
        let issues = check(&doc);
        assert!(
            issues.iter().all(|i| i.finding.severity != Severity::Error),
            "{issues:#?}"
        );
    }

    #[test]
    fn failing_row_is_named() {
        let doc = crate::reader::read(FAIL);
        let issues = check(&doc);
        let errs: Vec<_> = issues
            .iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let f = &errs[0].finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.row.as_deref(), Some("2010301"));
        assert_eq!(f.column.as_deref(), Some("本年支出合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("2116.76").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("2216.76").unwrap()));
    }

    #[test]
    fn fiscal_summary_right_half() {
        let text = include_str!("../../tests/fixtures/checks/fiscal_summary.txt").replace(
            "5,957.73\t5,957.73\t0.00\t0.00",
            "5,957.73\t5,937.73\t0.00\t0.00",
        );
        let doc = crate::reader::read(&text);
        let issues = check(&doc);
        let f = &issues
            .iter()
            .find(|i| i.finding.severity == Severity::Error)
            .expect("error")
            .finding;
        assert_eq!(f.column.as_deref(), Some("合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("5937.73").unwrap()));
    }

    #[test]
    fn admin_cost_beside_sangong_is_no_part_of_it() {
        let cols: Vec<String> = [
            "合计",
            "因公出国（境）费",
            "公务接待费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/购置费",
            "公务用车购置及运行费/运行费",
            "机关运行经费",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let ids = without_admin_cost(&cols, column_identities(&cols));
        assert!(
            ids.iter().all(|id| !id.parts.contains(&6) && id.total != 6),
            "{ids:?}"
        );
        assert!(
            ids.iter().any(|id| id.total == 0 && id.parts.len() == 3),
            "{ids:?}"
        );
    }
}
