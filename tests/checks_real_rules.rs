//! The issue-11 rules over the real reports of `../shared/corpus/real` (read
//! from there, never copied into the project) and the corpus self-evaluation
//! form: every finding these rules give is pinned here by report, rule,
//! severity and line, so that a change in what they find is visible. Each
//! error was checked by hand against the printed figures (docs/DISCREPANCIES.md).
//!
//! Without `../shared/corpus/real` the real-report half prints one
//! “skipped: no ../shared/corpus/real” line and passes.

use budgetlens::model::Severity;
use std::path::PathBuf;

/// The rules of issue 11.
const RULES: &[&str] = &[
    "narrative_yoy",
    "narrative_repeat",
    "template_residue",
    "year_consistency",
    "perf_selfeval",
    "toc_tables",
    "sangong_disclosure",
    "unit_wording",
    "subject_names",
    "perf_coverage",
    "percent_sign",
    "narrative_funds",
];

type Pin = (&'static str, &'static str, Severity, usize);

/// (report, rule, severity, line). Reports not listed must give none.
const PINS: &[Pin] = &[
    // “主要原因是。” with the reason left out.
    (
        "sh-putuo-flj-2024-budget-unit",
        "template_residue",
        Severity::Warning,
        228,
    ),
    // 43269.3 → 3845.49 is −91.11 %, printed “增加17.62%”.
    (
        "sh-putuo-sfj-2026-budget-dept",
        "narrative_yoy",
        Severity::Error,
        108,
    ),
    // 77.99 → 91.97 is +17.93 %, printed 17.66 % (the previous line's rate).
    (
        "sh-putuo-sfj-2026-budget-dept",
        "narrative_yoy",
        Severity::Error,
        115,
    ),
    // 198.34 → 201.50 is +1.59 %, printed 5.27 % (the item is 208.8 in its own heading).
    (
        "sh-putuo-sfj-2026-budget-dept",
        "narrative_yoy",
        Severity::Error,
        122,
    ),
    // 医疗卫生与计划生育支出（210类） where the tables' 210 is 卫生健康支出.
    (
        "sh-putuo-sfj-2026-budget-dept",
        "subject_names",
        Severity::Warning,
        119,
    ),
    // 11.67 → 45.41 is +289.12 %, printed 314.82 %.
    (
        "sh-putuo-wanli-2023-budget-dept",
        "narrative_yoy",
        Severity::Error,
        77,
    ),
    // 132.59 → 441.25 is +232.79 %, printed 60.54 % (item 15's 441.25 and rate, copied).
    (
        "sh-putuo-wanli-2023-budget-dept",
        "narrative_yoy",
        Severity::Error,
        111,
    ),
    // 项目支出绩效表 listed in the 目录, its title printed, no table read under it.
    (
        "zj-huzhou-czj-2026-budget-dept",
        "toc_tables",
        Severity::Notice,
        37,
    ),
    (
        "zj-huzhou-jtysj-2026-budget-dept",
        "toc_tables",
        Severity::Notice,
        38,
    ),
];

fn real_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

fn found(text: &str) -> Vec<(String, Severity, usize)> {
    let a = budgetlens::analyze(text);
    let mut v: Vec<_> = a
        .findings
        .iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .map(|f| (f.rule.clone(), f.severity, f.line.unwrap_or(0)))
        .collect();
    v.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    v
}

#[test]
fn the_issue_11_rules_find_exactly_the_pinned_findings_on_the_real_reports() {
    let dir = real_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: no ../shared/corpus/real");
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut problems = Vec::new();
    for n in &names {
        let report = n.trim_end_matches(".txt");
        let text = std::fs::read_to_string(dir.join(n)).expect("read");
        let got = found(&text);
        let mut want: Vec<(String, Severity, usize)> = PINS
            .iter()
            .filter(|p| p.0 == report)
            .map(|p| (p.1.to_string(), p.2, p.3))
            .collect();
        want.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
        if got != want {
            problems.push(format!("{report}:\n  pinned {want:?}\n  found  {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_corpus_self_evaluation_form_has_one_error_its_completion_rate() {
    let text = include_str!("fixtures/perf/tianhe-zwsjj-2021-perf-selfeval.txt");
    assert_eq!(
        found(text),
        vec![
            ("perf_selfeval".to_string(), Severity::Error, 9),
            ("perf_selfeval".to_string(), Severity::Warning, 9),
        ]
    );
}
