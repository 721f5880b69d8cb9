//! `sangong_identity` — the 三公 figures add up: 合计 = 因公出国（境）+ 公务用车购置及运行
//! + 公务接待, and 公务用车购置及运行 = 购置 + 运行, for the budget and the actual.
//!
//! What: checked on every amount column of the report's 三公 table when it
//! prints the items as ROWS (the budget table `财政拨款安排的行政经费及“三公”经费预算表`:
//! `“三公”经费 5.40` over `（一）因公出国（境）支出`, `（二）公务用车购置及运行维护支出`,
//! `（三）公务接待费支出`). When the items are columns (决算表, 12 numbers in one
//! row) [`super::row_identity`] already checks them from the header.
//!
//! Why: the 三公 total is the most quoted figure of these reports.
//!
//! Example: `“三公”经费 5.40` with items 0.00 + 4.40 + 1.00: holds; printed `6.40`
//! it is an `error` on the “三公”经费 row (expected 5.40).

use super::util::{
    amount, any_ambiguous, bare_label, is_amount_column, sum_parts, Check, Issue, Span,
};
use crate::model::{Document, SangongItem, Table};
use crate::reader::header::sangong_word;
use crate::reader::sangong::sangong_slot;

pub const RULE: &str = "sangong_identity";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(b) = &doc.sangong else { return out };
    let Some(t) = doc.table(&b.table) else {
        return out;
    };
    // Items as columns: row_identity covers them from the header.
    if t.value_columns
        .iter()
        .any(|c| crate::text::names_outbound(c))
    {
        return out;
    }
    let _ = b;
    for (col, name) in t.value_columns.iter().enumerate() {
        if is_amount_column(name) {
            check_column(t, col, &mut out);
        }
    }
    out
}

/// The row of a 三公 item, named as the reader names it (one vocabulary for
/// the block and the check: `（三）公务用车费` is the vehicle total in both).
fn item_row(t: &Table, item: SangongItem) -> Option<usize> {
    t.rows
        .iter()
        .position(|r| sangong_word(&bare_label(&r.label)).and_then(sangong_slot) == Some(item))
}

fn check_column(t: &Table, col: usize, out: &mut Vec<Issue>) {
    let idents = [
        (
            SangongItem::Total,
            vec![
                SangongItem::Outbound,
                SangongItem::Vehicle,
                SangongItem::Reception,
            ],
        ),
        (
            SangongItem::Vehicle,
            vec![SangongItem::VehiclePurchase, SangongItem::VehicleOperation],
        ),
    ];
    for (total, parts) in idents {
        let Some(tr) = item_row(t, total) else {
            continue;
        };
        let Some(tv) = amount(&t.rows[tr], col) else {
            continue;
        };
        let prow: Vec<usize> = parts.iter().filter_map(|p| item_row(t, *p)).collect();
        let pv: Vec<_> = prow.iter().map(|&r| amount(&t.rows[r], col)).collect();
        if any_ambiguous(t, &prow) {
            continue;
        }
        let Some((sum, tol)) = sum_parts(tv, &pv) else {
            continue;
        };
        let names: Vec<&str> = parts.iter().map(|p| p.zh()).collect();
        let names_en: Vec<&str> = parts.iter().map(|p| p.en()).collect();
        let c = Check::new(RULE, t, sum, tv, tol).at(tr, col).what(
            format!("{}之和", names.join("、")),
            format!("the sum of {}", names_en.join(", ")),
        );
        if let Some(fd) = c.judge() {
            let mut rows = vec![tr];
            rows.extend(prow);
            out.push(Issue {
                finding: fd,
                span: Span::Column {
                    table: t.id.clone(),
                    col,
                    rows,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const PASS: &str = include_str!("../../tests/fixtures/checks/budget_sangong.txt");

    #[test]
    fn budget_rows_add_up() {
        let doc = crate::reader::read(PASS);
        assert!(doc.sangong.is_some());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn wrong_total_row_is_an_error() {
        let text = PASS.replacen("“三公”经费\t5.40\t5.40", "“三公”经费\t6.40\t6.40", 1);
        let doc = crate::reader::read(&text);
        let issues = check(&doc);
        assert_eq!(issues.len(), 2, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.row.as_deref(), Some("“三公”经费"));
        assert_eq!(f.column.as_deref(), Some("合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("5.40").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("6.40").unwrap()));
    }
}
