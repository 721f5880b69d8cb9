//! `total_sum` — a table's 合计 row equals the sum of its top-level rows.
//!
//! What: in a coded table, 合计 (or 总计) = Σ rows whose code has no parent in
//! the table (the 类 rows, or 3-digit economic groups), column by column; on a
//! two-sided 基本支出 table each half's total (`人员经费合计`, `公用经费合计`) =
//! Σ that half's top-level groups. In an uncoded table the top level is the
//! rows numbered `一、` `二、` … (the 非税收入 table).
//!
//! Why: the 合计 row is the figure everyone quotes; a 类 left out or a total
//! typed by hand shows here.
//!
//! Example: 支出决算表 `合计 8,240.23` against 201 5,978.76 + 206 1,516.83 +
//! 208 1.50 + 213 61.98 + 221 681.16 = 8,240.23: exact, no finding; with 合计
//! printed `8,340.23` an `error` in column 本年支出合计.

use super::util::{
    column_sum_issue, has_cn_ordinal, is_amount_column, sides, CodeHierarchy, Issue,
};
use crate::model::{Document, Severity, Table};
use crate::text::compact;

pub const RULE: &str = "total_sum";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for t in &doc.tables {
        check_table(t, &mut out);
    }
    out
}

fn is_grand_total(label: &str) -> bool {
    let l = compact(label);
    l == "合计" || l == "总计" || l == "人员经费合计" || l == "公用经费合计"
}

pub(crate) fn check_table(t: &Table, out: &mut Vec<Issue>) {
    let lead = crate::identities::leads_with_total(t);
    for side in sides(t) {
        let h = CodeHierarchy::build(t, side);
        let top: Vec<usize> = if h.coded.is_empty() {
            if t.is_two_sided() {
                continue; // two-sided summaries: see two_sided_totals
            }
            t.rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.side == side && has_cn_ordinal(&r.label))
                .map(|(i, _)| i)
                .collect()
        } else {
            h.top_level(t)
        };
        if top.is_empty() {
            continue;
        }
        // Rows whose parent is missing below the top level (`20101` with no `201`
        // row): a class line the text lost, or a misprinted code. The sum with
        // them decides; when neither holds, `reading_confidence` weighs the table.
        let all_orphans = h.orphans();
        let deeper_orphans = all_orphans.len() > top.len();
        let cols = t.side_columns(side);
        for (ti, r) in t.rows.iter().enumerate() {
            if r.side != side || r.code.is_some() || !is_grand_total(&r.label) {
                continue;
            }
            for (c, name) in cols.iter().enumerate() {
                if !is_amount_column(name) {
                    continue;
                }
                let what = ("各顶层科目之和", "the sum of its top-level rows");
                let issue = column_sum_issue(RULE, t, lead, ti, &top, c, what);
                let failed = |i: &Option<Issue>| {
                    i.as_ref()
                        .is_some_and(|i| i.finding.severity == Severity::Error)
                };
                if deeper_orphans && failed(&issue) {
                    let with_orphans = column_sum_issue(RULE, t, lead, ti, &all_orphans, c, what);
                    if !failed(&with_orphans) {
                        out.extend(with_orphans);
                        continue;
                    }
                }
                out.extend(issue);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const PASS: &str = include_str!("../../tests/fixtures/checks/expenditure_pass.txt");

    #[test]
    fn passing_fixture_adds_up() {
        let doc = crate::reader::read(PASS);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn a_lost_class_line_is_summed_through_its_children() {
        // The 206 line lost from the text: its 2060102 child makes the 合计 hold.
        let text = PASS.replacen(
            "206\t科学技术支出\t1,516.83\t0.00\t1,516.83\t0.00\t0.00\t0.00\n",
            "",
            1,
        );
        assert_ne!(text, PASS);
        let doc = crate::reader::read(&text);
        let errors: Vec<_> = check(&doc)
            .into_iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // With the 合计 also wrong neither sum holds: the sum over the classes read
        // is the error (whether it stands is `reading_confidence`'s to weigh).
        let wrong = text.replacen("合计\t8,240.23", "合计\t8,340.23", 1);
        let issues = check(&crate::reader::read(&wrong));
        assert!(issues.iter().any(|i| i.finding.severity == Severity::Error));
    }

    #[test]
    fn failing_total_is_an_error() {
        let text = PASS.replacen("合计\t8,240.23", "合计\t8,340.23", 1);
        let doc = crate::reader::read(&text);
        let issues = check(&doc);
        let f = &issues
            .iter()
            .find(|i| i.finding.severity == Severity::Error)
            .expect("error")
            .finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.row.as_deref(), Some("合计"));
        assert_eq!(f.column.as_deref(), Some("本年支出合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("8240.23").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("8340.23").unwrap()));
    }

    #[test]
    fn non_tax_table_sums_numbered_lines() {
        let text = "非税收入征缴情况表\n单位：万元\n科目名称\t合计\t纳入预算管理\t纳入财政专户管理\n合计\t0.34\t0.34\t0.00\n一、政府性基金收入\t0.00\t0.00\t0.00\n二、国有资源（资产）有偿使用收入\t0.24\t0.24\t0.00\n利息收入\t0.24\t0.24\t0.00\n";
        let doc = crate::reader::read(text);
        let issues = check(&doc);
        let errs: Vec<_> = issues
            .iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 2, "{issues:#?}");
        assert_eq!(
            errs[0].finding.expected,
            Some(Decimal::from_str("0.24").unwrap())
        );
        let ok = text.replace("0.34", "0.24");
        assert!(check(&crate::reader::read(&ok)).is_empty());
    }
}
