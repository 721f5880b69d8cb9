//! `gov_fund_balance` — 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出, row by row.
//!
//! What: any table whose header has 年初结转和结余, 本年收入, 本年支出 (小计, or the
//! single column) and 年末结转和结余 (the 政府性基金 决算表, some provinces' 财政拨款
//! tables) is checked on every row.
//!
//! Why: a balance that does not roll forward means one of the four figures is
//! wrong, or money vanished between the columns.
//!
//! Example: `年初 10.00, 本年收入 5.00, 本年支出 12.00, 年末 3.00` holds; 年末 printed
//! `4.00` is an `error` in column 年末结转和结余 (expected 3.00).

use super::util::{amount, Check, Issue, Span};
use crate::model::{Document, Table};
use crate::rounding::half_unit;
use crate::text::compact;
use crate::text::Has;

pub const RULE: &str = "gov_fund_balance";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for t in doc.tables.iter().filter(|t| !t.is_two_sided()) {
        check_table(t, &mut out);
    }
    out
}

fn check_table(t: &Table, out: &mut Vec<Issue>) {
    let cols: Vec<String> = t.value_columns.iter().map(|c| compact(c)).collect();
    let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(c));
    let (Some(open), Some(inc), Some(close)) = (
        find(&|c: &str| c.has("年初") && c.has("结")),
        find(&|c: &str| c.starts_with("本年收入")),
        find(&|c: &str| c.has("年末") && c.has("结")),
    ) else {
        return;
    };
    let exp = find(&|c: &str| {
        c.starts_with("本年支出") && (c.ends_with("小计") || c.ends_with("合计") || c == "本年支出")
    });
    let Some(exp) = exp else { return };
    for (ri, r) in t.rows.iter().enumerate() {
        let (Some(a), Some(b), Some(c), Some(d)) = (
            amount(r, open),
            amount(r, inc),
            amount(r, exp),
            amount(r, close),
        ) else {
            continue;
        };
        let expected = a + b - c;
        let tol = half_unit(a) + half_unit(b) + half_unit(c) + half_unit(d);
        if let Some(f) = Check::new(RULE, t, expected, d, tol)
            .at(ri, close)
            .what(
                "年初结转和结余加本年收入、减本年支出算得的",
                "the opening balance plus income less expenditure,",
            )
            .judge()
        {
            out.push(Issue {
                finding: f,
                span: Span::Row {
                    table: t.id.clone(),
                    row: ri,
                    cols: vec![close, open, inc, exp],
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

    const PASS: &str = include_str!("../../tests/fixtures/checks/gov_fund.txt");

    #[test]
    fn balance_rolls_forward() {
        let doc = crate::reader::read(PASS);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn wrong_closing_balance() {
        let text = PASS.replace(
            "2082299\t其他大中型水库移民后期扶持基金支出\t10.00\t5.00\t12.00\t0.00\t12.00\t3.00",
            "2082299\t其他大中型水库移民后期扶持基金支出\t10.00\t5.00\t12.00\t0.00\t12.00\t4.00",
        );
        let doc = crate::reader::read(&text);
        let f = check(&doc)
            .into_iter()
            .find(|i| i.finding.row.as_deref() == Some("2082299"))
            .expect("finding")
            .finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.column.as_deref(), Some("年末结转和结余"));
        assert_eq!(f.expected, Some(Decimal::from_str("3.00").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("4.00").unwrap()));
    }
}
