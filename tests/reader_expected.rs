//! The hand-checked facts of `tests/fixtures/corpus/EXPECTED.md`, asserted
//! directly (not generated): kinds in order, metadata, the 三公 block and the
//! summary totals of each corpus report.

use budgetlens::model::{Document, ReportKind, SangongFigures, TableState, Unit};
use rust_decimal::Decimal;
use std::str::FromStr;

fn read(name: &str) -> Document {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name);
    budgetlens::read(&std::fs::read_to_string(p).expect("fixture"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// total / outbound / vehicle / purchase / operation / reception
fn figures(f: &SangongFigures) -> Vec<String> {
    [
        f.total,
        f.outbound,
        f.vehicle,
        f.vehicle_purchase,
        f.vehicle_operation,
        f.reception,
    ]
    .iter()
    .map(|a| a.map(|a| a.value.to_string()).unwrap_or_else(|| "-".into()))
    .collect()
}

fn kinds(doc: &Document) -> Vec<&str> {
    doc.tables.iter().map(|t| t.kind.as_str()).collect()
}

/// The value of the row labelled `label` on `side` (two-sided tables), column 0.
fn side_value(doc: &Document, kind: &str, side: usize, label: &str) -> Decimal {
    let t = doc
        .table_of_kind(kind)
        .unwrap_or_else(|| panic!("no {kind}"));
    let r = t
        .rows_on_side(side)
        .find(|r| budgetlens::text::compact(&r.label) == label)
        .unwrap_or_else(|| panic!("no {label} on side {side} of {kind}"));
    r.value(0).unwrap_or_else(|| panic!("{label} has no value"))
}

#[test]
fn zwsjj_2020_final() {
    let doc = read("tianhe-zwsjj-2020-final.txt");
    assert_eq!(
        doc.meta.department.as_deref(),
        Some("广州市天河区政务服务数据管理局")
    );
    assert_eq!(doc.meta.year, Some(2020));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(doc.meta.unit, Some(Unit::WanYuan));
    assert_eq!(
        kinds(&doc),
        vec![
            "final.income_expenditure_summary",
            "final.income",
            "final.expenditure",
            "final.fiscal_summary",
            "final.general_budget_expenditure",
            "final.general_budget_basic_expenditure",
            "final.sangong",
            "final.gov_fund",
            "final.state_capital",
            "final.non_tax_revenue",
            "unknown",
            "unknown",
        ]
    );
    assert!(doc.tables[10]
        .title
        .contains("部门整体支出主要绩效目标完成情况表"));
    assert!(doc.tables[11].title.contains("项目支出绩效自评表"));
    let sg = doc.sangong.as_ref().expect("三公 block");
    assert_eq!(sg.unit, Unit::WanYuan);
    assert_eq!(
        figures(sg.budget.as_ref().expect("budget")),
        ["4.00", "0.00", "3.00", "0.00", "3.00", "1.00"]
    );
    assert_eq!(
        figures(sg.actual.as_ref().expect("actual")),
        ["1.02", "0.00", "1.02", "0.00", "1.02", "0.00"]
    );
    // The 三公 table holds its data row once.
    assert_eq!(
        doc.table_of_kind("final.sangong").map(|t| t.rows.len()),
        Some(1)
    );
    let s = "final.income_expenditure_summary";
    assert_eq!(side_value(&doc, s, 0, "本年收入合计"), d("8226.39"));
    assert_eq!(side_value(&doc, s, 1, "本年支出合计"), d("8240.23"));
    assert_eq!(side_value(&doc, s, 0, "总计"), d("8249.60"));
    assert_eq!(side_value(&doc, s, 1, "总计"), d("8249.60"));
    // Declared empty (本表本年度无发生额) yet printed with zeros: the state says
    // empty, the zeros stay zeros.
    let gf = doc.table_of_kind("final.gov_fund").expect("gov_fund");
    assert_eq!(gf.state, TableState::Empty);
    assert!(gf.rows.iter().all(|r| r
        .values
        .iter()
        .all(|v| v.is_some_and(|a| a.value.is_zero()))));
    // Wrapped label pieces are joined without the PDF's spaces.
    assert!(gf
        .rows
        .iter()
        .any(|r| r.label == "用于体育事业的彩票公益金支出"));
}

#[test]
fn zwb_2017_final() {
    let doc = read("tianhe-zwb-2017-final.txt");
    assert_eq!(
        doc.meta.department.as_deref(),
        Some("广州市天河区人民政府政务管理办公室")
    );
    assert_eq!(doc.meta.year, Some(2017));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(doc.meta.unit, Some(Unit::WanYuan));
    let k = kinds(&doc);
    assert_eq!(
        k[..8],
        [
            "final.income_expenditure_summary",
            "final.income",
            "final.expenditure",
            "final.fiscal_summary",
            "final.general_budget_expenditure",
            "final.general_budget_basic_expenditure",
            "final.sangong",
            "final.gov_fund",
        ]
    );
    for (i, t) in doc.tables.iter().take(8).enumerate() {
        assert_eq!(
            t.number.as_deref().map(budgetlens::text::compact),
            Some(format!("公开0{}表", i + 1)),
            "{}",
            t.kind
        );
    }
    // The untitled 非税收入 table inside the narrative, found by its header.
    assert_eq!(k.get(8).copied(), Some("final.non_tax_revenue"));
    let sg = doc.sangong.as_ref().expect("三公 block");
    assert_eq!(
        figures(sg.budget.as_ref().expect("budget")),
        ["6.00", "0.00", "3.00", "0.00", "3.00", "3.00"]
    );
    assert_eq!(
        figures(sg.actual.as_ref().expect("actual")),
        ["1.65", "0.00", "1.65", "0.00", "1.65", "0.00"]
    );
    let s = "final.income_expenditure_summary";
    assert_eq!(side_value(&doc, s, 0, "本年收入合计"), d("3463.96"));
    assert_eq!(side_value(&doc, s, 1, "本年支出合计"), d("3457.26"));
    assert_eq!(side_value(&doc, s, 0, "总计"), d("3468.16"));
    assert_eq!(side_value(&doc, s, 1, "总计"), d("3468.16"));
}

#[test]
fn zwsjj_2024_budget() {
    let doc = read("tianhe-zwsjj-2024-budget.txt");
    assert_eq!(
        doc.meta.department.as_deref(),
        Some("广州市天河区政务服务数据管理局")
    );
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.kind, ReportKind::Budget);
    assert_eq!(doc.meta.unit, Some(Unit::WanYuan));
    // The standard tables in order; the 重点项目绩效目标 table after them is an
    // `unknown` table found by its header.
    let standard: Vec<&str> = kinds(&doc)
        .into_iter()
        .filter(|k| *k != "unknown")
        .collect();
    assert_eq!(
        standard,
        vec![
            "budget.summary",
            "budget.income",
            "budget.expenditure",
            "budget.fiscal_summary",
            "budget.general_budget_by_function",
            "budget.general_budget_basic_by_economic",
            "budget.general_budget_project_by_economic",
            "budget.sangong",
            "budget.gov_fund",
            "budget.state_capital",
            "budget.basic_by_unit",
            "budget.project_by_unit",
        ]
    );
    let sg = doc.sangong.as_ref().expect("三公 block");
    assert_eq!(
        figures(sg.budget.as_ref().expect("budget")),
        ["5.40", "0.00", "4.40", "0.00", "4.40", "1.00"]
    );
    assert!(sg.actual.is_none());
    let t = doc.table_of_kind("budget.summary").expect("summary");
    let totals: Vec<Decimal> = t
        .rows
        .iter()
        .filter(|r| {
            budgetlens::text::compact(&r.label).starts_with("收")
                && budgetlens::text::compact(&r.label).contains("总计")
                || budgetlens::text::compact(&r.label).contains("总计")
        })
        .filter_map(|r| r.value(0))
        .collect();
    assert!(
        totals.len() >= 2 && totals.iter().all(|v| *v == d("9492.97")),
        "收支总计 {totals:?}"
    );
    let sgt = doc.table_of_kind("budget.sangong").expect("sangong");
    let admin = sgt
        .rows
        .iter()
        .find(|r| budgetlens::text::compact(&r.label).contains("行政经费"))
        .and_then(|r| r.value(0));
    assert_eq!(admin, Some(d("3876.18")));
}
