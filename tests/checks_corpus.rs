//! The checks over the three corpus reports. Every error-level finding is
//! listed here with a one-line explanation of the genuine discrepancy in the
//! published report (verified by hand against the text; see
//! docs/DISCREPANCIES.md). The test fails when a new error appears or a listed
//! one disappears, and when rounding shows as anything but a notice.
//!
//! The three reports hold no discrepancy beyond rounding in their tables or
//! between tables and narrative; so the error lists are empty, and the listed
//! warnings are the places where figures legitimately differ.

use budgetlens::model::{Analysis, Finding, Severity};

struct Expect {
    rule: &'static str,
    line: usize,
    why: &'static str,
}

struct Report {
    name: &'static str,
    text: &'static str,
    errors: &'static [Expect],
    warnings: &'static [Expect],
}

const REPORTS: &[Report] = &[
    Report {
        name: "tianhe-zwsjj-2020-final",
        text: include_str!("fixtures/corpus/tianhe-zwsjj-2020-final.txt"),
        errors: &[],
        warnings: &[],
    },
    Report {
        name: "tianhe-zwb-2017-final",
        text: include_str!("fixtures/corpus/tianhe-zwb-2017-final.txt"),
        errors: &[],
        warnings: &[Expect {
            rule: "narrative_figures",
            line: 1158,
            why: "机关运行经费 93.21 万元 is stated “不含非独立核算事业单位”, so it is less than the table's 公用经费合计 117.74: a scope difference, not a typo",
        }],
    },
    Report {
        name: "tianhe-zwsjj-2024-budget",
        text: include_str!("fixtures/corpus/tianhe-zwsjj-2024-budget.txt"),
        errors: &[],
        warnings: &[],
    },
];

/// Rules of the checks (the reader's own diagnostics are not judged here).
fn is_check(f: &Finding) -> bool {
    ![
        "ambiguous_row",
        "header_unread",
        "repeated_total_differs",
        "row_extra_values",
        "row_placed_by_arithmetic",
        "row_placed_by_layout",
        "no_table",
        "too_large",
    ]
    .contains(&f.rule.as_str())
}

fn analyze(r: &Report) -> Analysis {
    budgetlens::analyze(r.text)
}

#[test]
fn errors_are_exactly_the_listed_discrepancies() {
    for r in REPORTS {
        let a = analyze(r);
        let errs: Vec<&Finding> = a
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && is_check(f))
            .collect();
        for e in errs.iter() {
            assert!(
                r.errors
                    .iter()
                    .any(|x| x.rule == e.rule && Some(x.line) == e.line),
                "{}: new error not listed: {} line {:?}: {}",
                r.name,
                e.rule,
                e.line,
                e.message_en
            );
        }
        for x in r.errors {
            assert!(
                errs.iter()
                    .any(|e| x.rule == e.rule && Some(x.line) == e.line),
                "{}: listed error disappeared: {} line {} ({})",
                r.name,
                x.rule,
                x.line,
                x.why
            );
        }
    }
}

#[test]
fn listed_warnings_are_still_reported() {
    for r in REPORTS {
        let a = analyze(r);
        for x in r.warnings {
            assert!(
                a.findings.iter().any(|f| f.severity == Severity::Warning
                    && f.rule == x.rule
                    && f.line == Some(x.line)),
                "{}: listed warning disappeared: {} line {} ({})",
                r.name,
                x.rule,
                x.line,
                x.why
            );
        }
    }
}

#[test]
fn rounding_is_only_ever_a_notice() {
    let mut notices = 0;
    for r in REPORTS {
        let a = analyze(r);
        for f in a.findings.iter().filter(|f| is_check(f)) {
            if let (Some(d), Some(t)) = (f.difference, f.tolerance) {
                if d <= t && f.rule != "cell_pinpoint" {
                    assert_eq!(
                        f.severity,
                        Severity::Notice,
                        "{}: within tolerance but {:?}: {}",
                        r.name,
                        f.severity,
                        f.message_en
                    );
                    notices += 1;
                }
            }
        }
    }
    assert!(
        notices > 10,
        "the corpus has many 0.01 rounding differences; only {notices} seen"
    );
}

#[test]
fn the_2020_summary_rounding_is_a_notice() {
    // EXPECTED.md: the 2020 income side adds to 8,249.61 against 总计 8,249.60.
    let a = analyze(&REPORTS[0]);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "two_sided_totals" && f.row.as_deref() == Some("总计"))
        .expect("the 总计 rounding notice");
    assert_eq!(f.severity, Severity::Notice);
    assert_eq!(
        f.expected.map(|d| d.to_string()).as_deref(),
        Some("8249.61")
    );
    assert_eq!(f.found.map(|d| d.to_string()).as_deref(), Some("8249.60"));
}

#[test]
fn one_changed_total_turns_the_report_to_errors() {
    let r = &REPORTS[0];
    assert!(!analyze(r).has_errors());
    let changed = r.text.replacen(
        "\t合计\t8,240.23\t2,984.75",
        "\t合计\t8,250.23\t2,984.75",
        1,
    );
    assert_ne!(changed, r.text);
    let a = budgetlens::analyze(&changed);
    assert!(a.has_errors());
    // One wrong cell: the pinpoint explains the row and the column failures.
    let p = a
        .findings
        .iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("pinpoint");
    assert_eq!(
        (p.row.as_deref(), p.column.as_deref()),
        (Some("合计"), Some("本年支出合计"))
    );
    assert_eq!(
        p.expected.map(|d| d.to_string()).as_deref(),
        Some("8240.23")
    );
}
