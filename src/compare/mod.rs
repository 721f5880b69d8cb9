//! Many reports at once: year-over-year 三公 and totals, and narrative claims
//! about the previous year checked against the earlier report when present.
//!
//! - [`figures`]: the yearly figures of one report (三公, 收入 / 支出 totals), in 万元;
//! - [`claims`]: the narrative's 比上年 claims;
//! - [`yoy`]: rule `yoy_claim_vs_prior_report`.
//!
//! Native and web-free like the rest of the core; the CLI (`budgetlens compare`)
//! and the page's comparison view both call [`compare`].
//!
//! Invariants: departments are told apart by their name as printed (whitespace
//! removed); a report with no department or no year is listed but not placed in
//! a series (there is no honest place for it). Series are sorted by year, a
//! 预算 before the 决算 of the same year.

pub mod claims;
pub mod figures;
pub mod yoy;

use crate::model::{Document, Finding, ReportKind, SangongFigures, Severity};
use crate::text::compact;
use claims::YoyClaim;
use figures::{report_figures, Quantity, ReportFigures};
use rust_decimal::Decimal;
use serde::Serialize;

/// One report handed to the comparison: a name (the file name, or `报告 3`) and
/// what the reader made of it.
#[derive(Debug, Clone)]
pub struct ReportInput {
    pub name: String,
    pub doc: Document,
}

impl ReportInput {
    pub fn new(name: impl Into<String>, doc: Document) -> Self {
        ReportInput {
            name: name.into(),
            doc,
        }
    }
    pub fn from_text(name: impl Into<String>, text: &str) -> Self {
        ReportInput {
            name: name.into(),
            doc: crate::read(text),
        }
    }
}

/// What the comparison knows of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportSummary {
    pub name: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: ReportKind,
    pub figures: ReportFigures,
    /// The 比上年 claims found in its narrative.
    pub claims: Vec<YoyClaim>,
}

/// One year of one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPoint {
    pub year: i32,
    pub kind: ReportKind,
    /// Name of the report the figures come from.
    pub report: String,
    pub sangong_budget: Option<SangongFigures>,
    pub sangong_actual: Option<SangongFigures>,
    pub income: Option<Decimal>,
    pub expenditure: Option<Decimal>,
    pub income_total: Option<Decimal>,
    pub expenditure_total: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentSeries {
    pub department: String,
    pub points: Vec<YearPoint>,
}

/// A finding about one report that needed another to be found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareFinding {
    /// The report whose narrative makes the claim.
    pub report: String,
    /// The earlier report its figures were checked against.
    pub prior_report: String,
    #[serde(flatten)]
    pub finding: Finding,
}

/// The comparison object (`budgetlens-compare/1`), served by the CLI as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub schema: &'static str,
    pub reports: Vec<ReportSummary>,
    /// Every year any report is about, ascending.
    pub years: Vec<i32>,
    pub departments: Vec<DepartmentSeries>,
    /// Claims that could be checked against an earlier report, and how they fared.
    pub checked_claims: usize,
    pub findings: Vec<CompareFinding>,
}

impl Comparison {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.finding.severity == sev)
            .count()
    }
}

fn kind_order(k: ReportKind) -> u8 {
    match k {
        ReportKind::Budget => 0,
        ReportKind::Final => 1,
        ReportKind::Performance => 2,
        ReportKind::Unknown => 3,
    }
}

/// Compare several reports.
pub fn compare(inputs: &[ReportInput]) -> Comparison {
    let reports: Vec<ReportSummary> = inputs
        .iter()
        .map(|r| ReportSummary {
            name: r.name.clone(),
            department: r.doc.meta.department.clone(),
            year: r.doc.meta.year,
            kind: r.doc.meta.kind,
            figures: report_figures(&r.doc),
            claims: claims::parse_claims(&r.doc.narrative_text()),
        })
        .collect();
    let mut years: Vec<i32> = reports.iter().filter_map(|r| r.year).collect();
    crate::stable_sort::ord(&mut years);
    years.dedup();

    let dept_key = |r: &ReportSummary| r.department.as_deref().map(compact);
    let mut departments: Vec<DepartmentSeries> = Vec::new();
    for r in &reports {
        let (Some(dept), Some(year)) = (r.department.as_ref(), r.year) else {
            continue;
        };
        let key = compact(dept);
        let point = YearPoint {
            year,
            kind: r.kind,
            report: r.name.clone(),
            sangong_budget: r.figures.sangong_budget.clone(),
            sangong_actual: r.figures.sangong_actual.clone(),
            income: r.figures.income,
            expenditure: r.figures.expenditure,
            income_total: r.figures.income_total,
            expenditure_total: r.figures.expenditure_total,
        };
        match departments
            .iter_mut()
            .find(|d| compact(&d.department) == key)
        {
            Some(d) => d.points.push(point),
            None => departments.push(DepartmentSeries {
                department: dept.clone(),
                points: vec![point],
            }),
        }
    }
    for d in &mut departments {
        crate::stable_sort::by(&mut d.points, |a, b| {
            (a.year, kind_order(a.kind), &a.report).cmp(&(b.year, kind_order(b.kind), &b.report))
        });
    }
    crate::stable_sort::by(&mut departments, |a, b| a.department.cmp(&b.department));

    let mut findings = Vec::new();
    let mut checked = 0;
    // (department, kind, year) → first report, so finding the prior report is
    // one look-up (a batch of a thousand reports compares in linear time).
    let mut by_key: std::collections::HashMap<(String, u8, i32), usize> =
        std::collections::HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let (Some(k), Some(y)) = (dept_key(r), r.year) {
            by_key.entry((k, kind_order(r.kind), y)).or_insert(i);
        }
    }
    for r in &reports {
        let (Some(key), Some(year)) = (dept_key(r), r.year) else {
            continue;
        };
        if !matches!(r.kind, ReportKind::Final | ReportKind::Budget) {
            continue;
        }
        let Some(prior) = by_key
            .get(&(key, kind_order(r.kind), year - 1))
            .map(|&i| &reports[i])
        else {
            continue;
        };
        let is_final = r.kind == ReportKind::Final;
        for c in &r.claims {
            let quantity = resolve_quantity(c, &r.figures, is_final);
            let claim = YoyClaim {
                quantity,
                ..c.clone()
            };
            let current = r.figures.get(quantity, is_final);
            let before = prior.figures.get(quantity, is_final);
            if let Some(j) = yoy::judge(&claim, current, before, (&r.name, &prior.name)) {
                checked += 1;
                if let Some(f) = j.finding {
                    findings.push(CompareFinding {
                        report: r.name.clone(),
                        prior_report: prior.name.clone(),
                        finding: f,
                    });
                }
            }
        }
    }
    Comparison {
        schema: "budgetlens-compare/1",
        reports,
        years,
        departments,
        checked_claims: checked,
        findings,
    }
}

/// `收入预算 9,492.97 万元` may mean 本年收入合计 or 收入总计: when the claim
/// writes this year's figure and it matches exactly one of the two, that one.
fn resolve_quantity(c: &YoyClaim, f: &ReportFigures, is_final: bool) -> Quantity {
    let pair = match c.quantity {
        Quantity::Income | Quantity::IncomeTotal => (Quantity::Income, Quantity::IncomeTotal),
        Quantity::Expenditure | Quantity::ExpenditureTotal => {
            (Quantity::Expenditure, Quantity::ExpenditureTotal)
        }
        q => return q,
    };
    let Some(stated) = c.stated else {
        return c.quantity;
    };
    let near = |q: Quantity| {
        f.get(q, is_final)
            .map(|v| (v - stated).abs() <= crate::rounding::half_unit(stated))
            .unwrap_or(false)
    };
    match (near(pair.0), near(pair.1)) {
        (true, false) => pair.0,
        (false, true) => pair.1,
        _ => c.quantity,
    }
}
