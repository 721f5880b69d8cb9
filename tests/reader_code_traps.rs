//! Codes that plain PDF text runs into the figures, read by the hierarchy and
//! the table's precision (`tests/fixtures/provinces/code-traps-budget.txt`, our
//! own text in the shape of Shanghai and Zhejiang reports):
//! - a heading over all value columns (`支出预算` over `合计 基本支出 项目支出`)
//!   and `类 款 项` under the code column;
//! - a 类 alone before its figures, its label on the line above (`201 600.00 …`);
//! - a 项 of two digits among decimals (`208 05 99 150.00 150.00`);
//! - a 7-digit code between the halves of its wrapped label (`2080505 250.00 …`);
//! - a code the copy damaged (`7 11 02 事业单位医疗 …`): its pieces are no figures.

use budgetlens::model::{Document, Severity, Table};

const TEXT: &str = include_str!("fixtures/provinces/code-traps-budget.txt");

fn table(doc: &Document) -> &Table {
    doc.tables
        .iter()
        .find(|t| t.kind == "budget.expenditure")
        .expect("the 支出预算总表 is found")
}

fn figures(t: &Table, code: &str) -> Vec<String> {
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("row {code} in {:#?}", t.rows));
    r.values
        .iter()
        .flatten()
        .map(|a| a.value.to_string())
        .collect()
}

#[test]
fn codes_are_read_as_codes_and_the_heading_as_no_column() {
    let doc = budgetlens::read(TEXT);
    let t = table(&doc);
    assert_eq!(t.value_columns, vec!["合计", "基本支出", "项目支出"]);
    assert_eq!(figures(t, "201"), vec!["600.00", "300.00", "300.00"]);
    assert_eq!(figures(t, "2080599")[0], "150.00");
    assert_eq!(figures(t, "2080505")[0], "250.00");
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2080505"))
        .unwrap();
    assert_eq!(r.label, "机关事业单位基本养老保险缴费支出");
    // The damaged code's pieces 7, 11, 02 are not figures of its row.
    let damaged = t.rows.iter().find(|r| r.label == "事业单位医疗").unwrap();
    assert_eq!(
        damaged
            .values
            .iter()
            .flatten()
            .map(|a| a.value.to_string())
            .collect::<Vec<_>>(),
        vec!["50.00", "50.00"]
    );
}

#[test]
fn the_table_as_printed_raises_no_error() {
    let a = budgetlens::analyze(TEXT);
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A planted figure in a row whose blank cell cannot be placed (two figures
/// under three columns) is still found: its first figure is the 合计, and its
/// two figures must agree.
#[test]
fn a_planted_figure_in_an_unplaced_row_is_found() {
    for (from, to) in [
        ("208 05 99 150.00 150.00", "208 05 99 160.00 150.00"),
        ("208 05 99 150.00 150.00", "208 05 99 150.00 151.00"),
        ("2080505 250.00 250.00", "2080505 250.00 205.00"),
    ] {
        let planted = TEXT.replacen(from, to, 1);
        assert_ne!(planted, TEXT);
        let a = budgetlens::analyze(&planted);
        let t = a
            .tables
            .iter()
            .find(|t| t.kind == "budget.expenditure")
            .unwrap();
        assert!(
            a.findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.table.as_deref() == Some(t.id.as_str())),
            "{to}: {:#?}",
            a.findings
        );
    }
}
