//! `cross_sangong_basic` — 三公 items against the economic items of the 基本支出 table.
//!
//! What: 公务用车运行费 against 30231 公务用车运行维护费, 公务接待费 against 30217,
//! 因公出国（境）费 against 30212 (and 公务用车购置费 against 31013 公务用车购置, when the
//! table lists 31013: a car is usually bought with project money) of
//! the 基本支出 table (决算: 一般公共预算财政拨款基本支出决算表, 预算: 一般公共预算基本支出情况表).
//! A difference is a `warning`, never an error: 三公 money spent from 项目支出
//! appears in the 三公 table but not in the 基本支出 table.
//!
//! Why: the 三公 table is otherwise unconnected to the rest; this is the one
//! place its figures can be traced.
//!
//! Example: 2020: 公务用车运行费 1.02 = 30231 1.02 ✓; were 30231 `2.02` the 三公
//! table's 公务用车运行费 cell gets a `warning` (expected 2.02, found 1.02).

use super::util::{amount, cross, CellAt, Issue};
use crate::model::{Document, SangongItem, Severity, Table};

pub const RULE: &str = "cross_sangong_basic";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(block) = &doc.sangong else {
        return out;
    };
    let Some(st) = doc.table(&block.table) else {
        return out;
    };
    let (basic, figs) = match doc.meta.kind {
        crate::model::ReportKind::Budget => (
            doc.table_of_kind("budget.general_budget_basic_by_economic"),
            block.budget.as_ref(),
        ),
        _ => (
            doc.table_of_kind("final.general_budget_basic_expenditure"),
            block.actual.as_ref().or(block.budget.as_ref()),
        ),
    };
    let (Some(b), Some(figs)) = (basic, figs) else {
        return out;
    };
    let actual = block.actual.is_some() && doc.meta.kind != crate::model::ReportKind::Budget;
    for (item, code) in [
        (SangongItem::VehicleOperation, "30231"),
        (SangongItem::Reception, "30217"),
        (SangongItem::Outbound, "30212"),
        (SangongItem::VehiclePurchase, "31013"),
    ] {
        let Some(v) = figs.get(item) else { continue };
        // A car is bought with project money as a rule: a basic table without
        // 31013 says nothing about the 三公 purchase figure.
        if item == SangongItem::VehiclePurchase
            && !b.rows.iter().any(|r| r.code.as_deref() == Some(code))
        {
            continue;
        }
        let Some((cell, bv)) = super::util::sangong_cell(st, item, actual).zip(code_value(b, code))
        else {
            continue;
        };
        let _ = v;
        let bu = b.unit_or(doc.meta.unit);
        out.extend(cross(
            RULE,
            doc,
            CellAt::new(st, cell.0, cell.1),
            &[(bv, bu)],
            &format!("{}的 {code}", b.title),
            &format!("economic item {code} of {}", b.title),
            Severity::Warning,
        )
        .map(|mut i| {
            i.finding.message_zh.push_str("（三公经费也可能由项目支出安排，差额未必是错误）");
            i.finding.message_en.push_str(" (三公 money may also come from project spending, so a difference need not be an error)");
            i
        }));
    }
    out
}

/// Value of the row with this economic code; absent code = 0.00 (the item was not spent).
fn code_value(b: &Table, code: &str) -> Option<rust_decimal::Decimal> {
    match b.rows.iter().find(|r| r.code.as_deref() == Some(code)) {
        Some(r) => amount(r, 0),
        None => Some(rust_decimal::Decimal::new(0, 2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn text() -> String {
        let s = include_str!("../../tests/fixtures/checks/sangong_final.txt");
        let b = include_str!("../../tests/fixtures/checks/basic.txt");
        format!("决算\n{s}\n{b}")
    }

    #[test]
    fn sangong_matches_basic_items() {
        let doc = crate::reader::read(&text());
        assert!(doc.sangong.is_some());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn vehicle_operation_differs_is_a_warning() {
        let t = text().replace(
            "30231\t公务用车运行维护费\t1.02",
            "30231\t公务用车运行维护费\t2.02",
        );
        let doc = crate::reader::read(&t);
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Warning));
        assert_eq!(
            f.column.as_deref(),
            Some("决算数/公务用车购置及运行费/公务用车运行费")
        );
        assert_eq!(f.expected, Some(Decimal::from_str("2.02").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("1.02").unwrap()));
    }

    #[test]
    fn tables_in_different_units_are_compared_in_one() {
        // The 基本支出 table in 元, the 三公 table in 万元.
        let t = text();
        let basic_start = t.find("一般公共预算财政拨款基本支出决算表").unwrap();
        let (head, tail) = t.split_at(basic_start);
        let tail = tail.replacen("单位：万元", "单位：元", 1).replace(
            "30231\t公务用车运行维护费\t1.02",
            "30231\t公务用车运行维护费\t10,200.00",
        );
        let ok = format!("{head}{tail}");
        let doc = crate::reader::read(&ok);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
        let bad = ok.replace("10,200.00", "10,300.00");
        let issues = check(&crate::reader::read(&bad));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(
            issues[0].finding.expected,
            Some(Decimal::from_str("1.03").unwrap())
        );
    }
}
