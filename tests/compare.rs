//! Many reports compared: the corpus side by side (years and 三公 series, the
//! expected values read from tests/fixtures/corpus/EXPECTED.md), and the rule
//! `yoy_claim_vs_prior_report` on two small reports of consecutive years.

use budgetlens::compare::{compare, ReportInput};
use budgetlens::model::{ReportKind, SangongFigures, SangongItem, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `4.00 / 0.00 / 3.00 / 0.00 / 3.00 / 1.00` → figures (EXPECTED.md order).
fn six(s: &str) -> Option<Vec<Decimal>> {
    // `null` (a budget report has no actual) → None.
    let v: Vec<Decimal> = s
        .split('/')
        .filter_map(|x| Decimal::from_str(x.trim().trim_end_matches(';')).ok())
        .collect();
    (v.len() == 6).then_some(v)
}

struct Expected {
    file: String,
    department: String,
    year: i32,
    kind: ReportKind,
    budget: Vec<Decimal>,
    actual: Option<Vec<Decimal>>,
}

/// Read EXPECTED.md: `## file` headings, the `- meta:` line and the `- 三公` line.
fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(format!("{CORPUS}/EXPECTED.md")).unwrap();
    let mut out: Vec<Expected> = Vec::new();
    for line in text.lines() {
        if let Some(f) = line.strip_prefix("## ") {
            out.push(Expected {
                file: f.trim().into(),
                department: String::new(),
                year: 0,
                kind: ReportKind::Unknown,
                budget: vec![],
                actual: None,
            });
        } else if let (Some(e), Some(meta)) = (out.last_mut(), line.strip_prefix("- meta: ")) {
            let parts: Vec<&str> = meta.split(',').map(str::trim).collect();
            e.department = parts[0].into();
            e.year = parts[1].parse().unwrap();
            e.kind = if parts[2] == "final" {
                ReportKind::Final
            } else {
                ReportKind::Budget
            };
        } else if let (Some(e), Some(sg)) = (out.last_mut(), line.strip_prefix("- 三公 budget "))
        {
            let (b, a) = sg.split_once("actual").unwrap();
            e.budget = six(b.trim().trim_end_matches(';')).unwrap();
            e.actual = six(a.trim());
        }
    }
    assert_eq!(out.len(), 3, "EXPECTED.md describes three reports");
    out
}

fn values(f: &Option<SangongFigures>) -> Option<Vec<Decimal>> {
    f.as_ref().map(|f| {
        SangongItem::ALL
            .iter()
            .map(|k| f.get(*k).map(|a| a.value).unwrap_or(Decimal::MIN))
            .collect()
    })
}

#[test]
fn corpus_side_by_side_years_and_sangong_series() {
    let exp = expected();
    let inputs: Vec<ReportInput> = exp
        .iter()
        .map(|e| {
            ReportInput::from_text(
                e.file.clone(),
                &std::fs::read_to_string(format!("{CORPUS}/{}", e.file)).unwrap(),
            )
        })
        .collect();
    let c = compare(&inputs);
    let mut years: Vec<i32> = exp.iter().map(|e| e.year).collect();
    years.sort();
    assert_eq!(c.years, years);
    assert_eq!(c.years, vec![2017, 2020, 2024]);
    for e in &exp {
        let dept = c
            .departments
            .iter()
            .find(|d| d.department == e.department)
            .unwrap_or_else(|| panic!("series for {}", e.department));
        let p = dept.points.iter().find(|p| p.year == e.year).unwrap();
        assert_eq!(p.kind, e.kind, "{}", e.file);
        assert_eq!(p.report, e.file);
        assert_eq!(
            values(&p.sangong_budget),
            Some(e.budget.clone()),
            "{} budget",
            e.file
        );
        assert_eq!(values(&p.sangong_actual), e.actual, "{} actual", e.file);
        let sorted: Vec<i32> = dept.points.iter().map(|p| p.year).collect();
        assert!(
            sorted.windows(2).all(|w| w[0] <= w[1]),
            "series sorted by year"
        );
    }
    // 2020 and 2024 are the same department: one series of two years.
    let sjj = c
        .departments
        .iter()
        .find(|d| d.department.contains("政务服务数据管理局"))
        .unwrap();
    assert_eq!(
        sjj.points.iter().map(|p| p.year).collect::<Vec<_>>(),
        vec![2020, 2024]
    );
    // Totals by year from the summary tables.
    let p2020 = &sjj.points[0];
    assert_eq!(p2020.income, Some(d("8226.39")));
    assert_eq!(p2020.expenditure, Some(d("8240.23")));
    assert_eq!(p2020.income_total, Some(d("8249.60")));
    assert_eq!(sjj.points[1].income_total, Some(d("9492.97")));
    // No report here has its predecessor: nothing to contradict.
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    // The claims are still read.
    let r2024 = c.reports.iter().find(|r| r.year == Some(2024)).unwrap();
    assert!(r2024.claims.len() >= 6, "{:?}", r2024.claims);
}

/// A small 决算 of one department: the 三公 table, the summary table and a
/// narrative with a 比上年 sentence.
fn small_final(
    year: i32,
    budget: [&str; 6],
    actual: [&str; 6],
    income: &str,
    narrative: &str,
) -> String {
    let b = budget.join("\t");
    let a = actual.join("\t");
    format!(
        "{year} 年 测试市测试区示例局\n部门决算\n\n收入支出决算总表\n\n部门：测试市测试区示例局\n\n单位：万元\n\n\
收入\t\t\t支出\t\t\n项 目\t行次\t决算数\t项 目\t行次\t决算数\n栏 次\t\t1\t栏 次\t\t2\n\
一、一般公共预算财政拨款收入\t1\t{income}\t一、一般公共服务支出\t31\t{income}\n\
本年收入合计\t27\t{income}\t本年支出合计\t57\t{income}\n\
年初结转和结余\t29\t0.00\t年末结转和结余\t59\t0.00\n\
总计\t30\t{income}\t总计\t60\t{income}\n\n\
一般公共预算财政拨款“三公”经费支出决算表\n\n部门：测试市测试区示例局\n\n单位：万元\n\n\
预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n\
合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n\
\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n\
{b}\t{a}\n\n\
第三部分 测试市测试区示例局 {year} 年部门决算情况说明\n\n{narrative}\n"
    )
}

fn pair(claim_2021: &str) -> Vec<ReportInput> {
    let r2020 = small_final(
        2020,
        ["6.00", "0.00", "4.00", "0.00", "4.00", "2.00"],
        ["5.00", "0.00", "3.50", "0.00", "3.50", "1.50"],
        "100.00",
        "本年无特别说明。",
    );
    let r2021 = small_final(
        2021,
        ["6.00", "0.00", "4.00", "0.00", "4.00", "2.00"],
        ["4.00", "0.00", "3.00", "0.00", "3.00", "1.00"],
        "120.00",
        claim_2021,
    );
    vec![
        ReportInput::from_text("example-2020-final.txt", &r2020),
        ReportInput::from_text("example-2021-final.txt", &r2021),
    ]
}

#[test]
fn small_reports_are_read_as_expected() {
    let c = compare(&pair("无。"));
    assert_eq!(c.years, vec![2020, 2021]);
    assert_eq!(c.departments.len(), 1, "{:?}", c.departments);
    let pts = &c.departments[0].points;
    assert_eq!(
        pts[0].sangong_actual.as_ref().unwrap().total.unwrap().value,
        d("5.00")
    );
    assert_eq!(
        pts[1].sangong_actual.as_ref().unwrap().total.unwrap().value,
        d("4.00")
    );
    assert_eq!(pts[1].income, Some(d("120.00")));
}

#[test]
fn agreeing_yoy_claim_gives_no_finding() {
    let c = compare(&pair(
        "2021 年度“三公”经费财政拨款支出决算为 4 万元，比上年减少 1 万元，下降 20%。其中：公务接待费 1 万元，比上年减少 0.5 万元，下降 33.33%。本年收入合计 120 万元，比上年增加 20 万元，增长 20%。",
    ));
    assert!(
        c.checked_claims >= 3,
        "the claims were checked: {}",
        c.checked_claims
    );
    assert!(c.findings.is_empty(), "{:#?}", c.findings);
}

#[test]
fn contradicted_yoy_claim_names_both_reports() {
    let c = compare(&pair("2021 年度“三公”经费财政拨款支出决算为 4 万元，比上年增加 0.5 万元，增长 12.5%。本年收入合计 120 万元，比上年增加 25 万元。"));
    let errs: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .collect();
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let sg = errs
        .iter()
        .find(|f| f.finding.row.as_deref() == Some("“三公”经费合计"))
        .unwrap();
    assert_eq!(sg.finding.rule, "yoy_claim_vs_prior_report");
    assert_eq!(sg.report, "example-2021-final.txt");
    assert_eq!(sg.prior_report, "example-2020-final.txt");
    assert_eq!(sg.finding.expected, Some(d("-1.00")));
    assert_eq!(sg.finding.found, Some(d("0.5")));
    assert!(sg.finding.message_zh.contains("example-2020-final.txt"));
    assert!(sg.finding.line.is_some());
    let inc = errs
        .iter()
        .find(|f| f.finding.row.as_deref() == Some("本年收入合计"))
        .unwrap();
    assert_eq!(inc.finding.expected, Some(d("20.00")));
}

#[test]
fn a_report_without_its_predecessor_is_not_judged() {
    let mut reports = pair("2021 年度“三公”经费财政拨款支出决算为 4 万元，比上年增加 0.5 万元。");
    reports.remove(0);
    let c = compare(&reports);
    assert_eq!(c.checked_claims, 0);
    assert!(c.findings.is_empty());
}
