//! Tab text whose tabs stand where no column does: an extractor that puts a tab
//! after every code piece (`201 ⇥05 ⇥07 ⇥专项普查活动 ⇥438,300 …`), so that each
//! level of the hierarchy has its own count of cells and the header's cells
//! line up with none of them (`tests/fixtures/provinces/ragged-tab-codes-budget.txt`,
//! our own figures in the shape of a Shanghai street office's text). Read by
//! position the codes land among the figures and every sum fails; the table's
//! own arithmetic picks the reading by the order of the figures instead.

use budgetlens::model::{Severity, Table};

const TEXT: &str = include_str!("fixtures/provinces/ragged-tab-codes-budget.txt");

fn figures(t: &Table, code: &str) -> Vec<String> {
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("row {code} in {:#?}", t.rows));
    r.values
        .iter()
        .map(|a| a.map(|a| a.value.to_string()).unwrap_or_default())
        .collect()
}

#[test]
fn codes_split_by_tabs_are_codes_and_figures_stand_in_their_columns() {
    let doc = budgetlens::read(TEXT);
    let t = doc
        .tables
        .iter()
        .find(|t| t.kind == "budget.expenditure")
        .expect("the 支出预算总表 is found");
    assert_eq!(t.value_columns, vec!["合计", "基本支出", "项目支出"]);
    assert_eq!(figures(t, "201"), vec!["1500000", "1200000", "300000"]);
    assert_eq!(figures(t, "2010350"), vec!["300000", "0", "300000"]);
    assert_eq!(figures(t, "2080506"), vec!["274200", "274200", "0"]);
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2010301"))
        .unwrap();
    assert_eq!(r.label, "行政运行");
}

#[test]
fn the_table_as_printed_is_read_and_raises_nothing() {
    let a = budgetlens::analyze(TEXT);
    let loud: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Notice)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

#[test]
fn a_planted_leaf_is_found_as_an_error_of_its_table() {
    let planted = TEXT.replacen("274,200 \t274,200", "275,200 \t275,200", 1);
    assert_ne!(planted, TEXT);
    let a = budgetlens::analyze(&planted);
    assert!(
        a.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.table.as_deref() == Some("t1")),
        "{:#?}",
        a.findings
    );
    assert!(!a.findings.iter().any(|f| f.rule == "table_unreliable"));
}
