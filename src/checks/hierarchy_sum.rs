//! `hierarchy_sum` — every parent 科目编码 row equals the sum of its child rows,
//! column by column.
//!
//! What: in any table with 科目编码 (functional 类 3 → 款 5 → 项 7 digits, economic
//! 3 → 5 digits), a parent row's value in each amount column is compared with
//! the sum of its children's (see [`CodeHierarchy`]).
//!
//! Why: a typo in one 项 row, or a row left out when the table was assembled,
//! shows as a parent that no longer adds up; this is the finest-grained check
//! a report allows, and it pins the column.
//!
//! Example: `20103 政府办公厅（室）及相关机构事务 5,978.76` over `2010301 2,116.76`,
//! `2010302 3,331.97`, `2010306 21.03`, `2010350 180.83`, `2010399 328.18`
//! (Σ 5,978.77): a `notice` (|Δ| 0.01 ≤ 0.005 × 6); with `2010301 2,216.76`
//! instead it is an `error` (Δ 99.99).

use super::util::{column_sum_issue, is_amount_column, sides, CodeHierarchy, Issue};
use crate::model::{Document, Table};

pub const RULE: &str = "hierarchy_sum";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for t in &doc.tables {
        check_table(t, &mut out);
    }
    out
}

pub(crate) fn check_table(t: &Table, out: &mut Vec<Issue>) {
    let lead = crate::identities::leads_with_total(t);
    for side in sides(t) {
        let h = CodeHierarchy::build(t, side);
        let cols = t.side_columns(side);
        for &p in &h.coded {
            let kids = &h.children[p];
            if kids.is_empty() {
                continue;
            }
            for (c, name) in cols.iter().enumerate() {
                if !is_amount_column(name) {
                    continue;
                }
                out.extend(column_sum_issue(
                    RULE,
                    t,
                    lead,
                    p,
                    kids,
                    c,
                    ("下级科目之和", "the sum of its items"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    pub const PASS: &str = include_str!("../../tests/fixtures/checks/expenditure_pass.txt");
    pub const FAIL: &str = include_str!("../../tests/fixtures/checks/expenditure_fail.txt");

    #[test]
    fn passing_fixture_has_no_error() {
        let doc = crate::reader::read(PASS);
        let issues = check(&doc);
        assert!(
            issues.iter().all(|i| i.finding.severity != Severity::Error),
            "{issues:#?}"
        );
        // 20103 adds to 5,978.77 against 5,978.76: a rounding notice.
        let n = issues
            .iter()
            .find(|i| i.finding.row.as_deref() == Some("20103"))
            .expect("rounding notice");
        assert_eq!(n.finding.severity, Severity::Notice);
        assert_eq!(
            n.finding.expected,
            Some(Decimal::from_str("5978.77").unwrap())
        );
    }

    #[test]
    fn failing_fixture_names_parent_and_column() {
        let doc = crate::reader::read(FAIL);
        let issues = check(&doc);
        let errs: Vec<_> = issues
            .iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let f = &errs[0].finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.row.as_deref(), Some("20103"));
        assert_eq!(f.column.as_deref(), Some("本年支出合计"));
        assert_eq!(f.found, Some(Decimal::from_str("5978.76").unwrap()));
        assert_eq!(f.expected, Some(Decimal::from_str("6078.77").unwrap()));
    }

    fn with_unplaced_2010301(values: &[&str]) -> Document {
        let mut doc = crate::reader::read(FAIL);
        let r = doc.tables[0]
            .rows
            .iter_mut()
            .find(|r| r.code.as_deref() == Some("2010301"))
            .unwrap();
        r.ambiguous = true;
        r.values = values
            .iter()
            .map(|v| Some(crate::model::Amount::new(Decimal::from_str(v).unwrap())))
            .collect();
        doc
    }

    #[test]
    fn a_row_the_reader_could_not_place_is_judged_only_in_its_total_column() {
        // Where its blank cells stand is unknown, so 999.00 may be any part;
        // its first figure is the 合计 whatever they are.
        let doc = with_unplaced_2010301(&["2216.76", "999.00"]);
        let errs: Vec<_> = check(&doc)
            .into_iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].finding.column.as_deref(), Some("本年支出合计"));
    }

    #[test]
    fn an_unplaced_row_whose_first_figure_cannot_be_its_total_is_not_judged() {
        // 100.00 before 2,216.76: not a total over its parts (a code or a row
        // number read as a figure, most likely): nothing of the row is judged.
        let doc = with_unplaced_2010301(&["100.00", "2216.76"]);
        assert!(check(&doc)
            .iter()
            .all(|i| i.finding.severity != Severity::Error));
    }
}
