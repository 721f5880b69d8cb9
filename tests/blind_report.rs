//! A report written by the lead in a layout none of the reader's fixtures had
//! (Sichuan-style: `表 1：` numbering, `编制单位：… 金额单位：元` on one line, whole
//! yuan with separators in space-aligned columns, the 三公 table in 万元 with its
//! items as rows and 预算数/决算数 as columns), read and checked end to end. Its
//! narrative states a 三公 completion rate of 80.00 % where 15.60 ÷ 20.00 = 78 %:
//! the one error it holds.

use budgetlens::model::{ReportKind, Severity, Unit};

fn analysis() -> budgetlens::Analysis {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/provinces/sichuan-style-2022-final-narrative-slip.txt");
    budgetlens::analyze(&std::fs::read_to_string(p).expect("fixture"))
}

#[test]
fn reads_every_table_in_its_own_unit() {
    let a = analysis();
    assert_eq!(a.meta.kind, ReportKind::Final);
    assert_eq!(a.meta.year, Some(2022));
    assert_eq!(a.meta.department.as_deref(), Some("成都市某某区农业农村局"));
    let kinds: Vec<_> = a.tables.iter().map(|t| (t.kind.as_str(), t.unit)).collect();
    assert_eq!(
        kinds,
        vec![
            ("final.income_expenditure_summary", Some(Unit::Yuan)),
            ("final.expenditure", Some(Unit::Yuan)),
            ("final.sangong", Some(Unit::WanYuan)),
        ]
    );
    let exp = &a.tables[1];
    let leaf = exp
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2080505"))
        .expect("2080505");
    assert_eq!(leaf.label, "机关事业单位基本养老保险缴费支出");
    assert_eq!(leaf.value(0), Some(300_000.into()));
    let sg = a.sangong.as_ref().expect("三公 block");
    let actual = sg.actual.as_ref().expect("actual");
    assert_eq!(
        actual.total.map(|v| v.value.to_string()).as_deref(),
        Some("15.60")
    );
    assert_eq!(
        actual.reception.map(|v| v.value.to_string()).as_deref(),
        Some("4.00")
    );
    let budget = sg.budget.as_ref().expect("budget");
    assert_eq!(
        budget
            .vehicle_operation
            .map(|v| v.value.to_string())
            .as_deref(),
        Some("14.00")
    );
}

#[test]
fn the_only_error_is_the_narrative_completion_rate() {
    let a = analysis();
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let f = errors[0];
    assert_eq!(f.rule, "narrative_ratio");
    assert_eq!(f.line, Some(49));
    assert_eq!(f.found.map(|d| d.to_string()).as_deref(), Some("80.00"));
    assert_eq!(
        f.expected.map(|d| d.normalize().to_string()).as_deref(),
        Some("78")
    );
    // 收入总计 1,240.56 万元 in the text against 12,405,600 元 in the table: one unit after conversion.
    assert!(!a
        .findings
        .iter()
        .any(|f| f.rule == "narrative_figures" && f.severity != Severity::Notice));
}
