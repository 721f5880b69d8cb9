//! The checks: one rule a file, each with a What / Why / Example doc comment and
//! its own tests (a passing and a failing fixture of pasted report text). Every
//! rule reads the [`Document`] and returns findings.
//!
//! Code map:
//! - within a table: [`hierarchy_sum`], [`total_sum`], [`row_identity`],
//!   [`two_sided_totals`], [`sangong_identity`], [`gov_fund_balance`];
//! - across tables: [`cross_summary`], [`cross_fiscal`], [`cross_basic`],
//!   [`cross_sangong_basic`];
//! - narrative against tables: [`narrative_figures`], [`narrative_change`],
//!   [`narrative_ratio`], [`narrative_shares`], [`narrative_breakdown`],
//!   [`narrative_yoy`], [`narrative_repeat`], [`narrative_funds`], [`subject_names`],
//!   [`sangong_disclosure`], [`percent_sign`], [`performance_rate`], [`perf_selfeval`], [`perf_coverage`];
//! - the report as a whole: [`completeness`], [`toc_tables`],
//!   [`department_name`], [`unit_wording`], [`year_consistency`],
//!   [`template_residue`];
//! - after all rules: [`cell_pinpoint`] groups the consequences of one wrong
//!   cell under the finding that explains them; then (in `analyze`, with the
//!   reader's diagnostics) [`reading_confidence`] turns a table that fails in
//!   many places into one warning and counts unplaced rows once per table.
//!
//! Invariant: all arithmetic is exact `Decimal`; the rounding rule is
//! [`crate::rounding`]'s (XBRL Calculations 1.1): within tolerance → `notice`,
//! beyond → `error` (or `warning` for cross-checks that can legitimately differ).

use crate::model::{Document, Finding};

pub mod cell_pinpoint;
pub mod completeness;
pub mod cross_basic;
pub mod cross_fiscal;
pub mod cross_sangong_basic;
pub mod cross_summary;
pub mod department_name;
pub mod gov_fund_balance;
pub mod hierarchy_sum;
pub mod memo;
pub mod narrative;
pub mod narrative_breakdown;
pub mod narrative_change;
pub mod narrative_figures;
pub mod narrative_funds;
pub mod narrative_ratio;
pub mod narrative_repeat;
pub mod narrative_shares;
pub mod narrative_yoy;
pub mod percent_sign;
pub mod perf_coverage;
pub mod perf_selfeval;
pub mod performance_rate;
pub mod reading_confidence;
pub mod row_identity;
pub mod sangong_disclosure;
pub mod sangong_identity;
pub mod subject_names;
pub mod template_residue;
pub mod toc_tables;
pub mod total_sum;
pub mod two_sided_totals;
pub mod unit_wording;
pub mod util;
pub mod year_consistency;

/// Run every rule over a document. Errors first, then warnings, then notices;
/// within a severity, in the order the rules found them (stable).
pub fn run_all(doc: &Document) -> Vec<Finding> {
    run_all_with(doc, None)
}

/// [`run_all`], reusing through `memo` what the last run through it found in the tables
/// and narrative that did not change (the page, between edits). The same findings.
pub fn run_all_with(doc: &Document, memo: Option<&mut memo::CheckMemo>) -> Vec<Finding> {
    let mut fresh = None;
    let (mut per_table, narr) = match memo {
        Some(m) => (m.table_issues(doc), &*m.narrative(doc)),
        None => (
            doc.tables
                .iter()
                .map(memo::table_issues)
                .collect::<Vec<_>>(),
            &*fresh.insert(narrative::read(doc)),
        ),
    };
    let mut issues = Vec::new();
    // Rule by rule (hierarchy_sum, total_sum, row_identity, two_sided_totals), table by table.
    for k in 0..memo::TABLE_RULES.len() {
        for t in per_table.iter_mut() {
            issues.append(&mut t[k]);
        }
    }
    issues.extend(sangong_identity::check(doc));
    issues.extend(gov_fund_balance::check(doc));
    issues.extend(cross_summary::check(doc));
    issues.extend(cross_fiscal::check(doc));
    issues.extend(cross_basic::check(doc));
    issues.extend(cross_sangong_basic::check(doc));
    issues.extend(narrative_figures::check_with(doc, &narr));
    issues.extend(narrative_change::check_with(doc, &narr));
    issues.extend(narrative_ratio::check_with(doc, &narr));
    issues.extend(narrative_shares::check_with(doc, &narr));
    issues.extend(narrative_breakdown::check_with(doc, &narr));
    issues.extend(narrative_yoy::check_with(doc, &narr));
    issues.extend(narrative_repeat::check_with(doc, &narr));
    issues.extend(narrative_funds::check_with(doc, &narr));
    issues.extend(performance_rate::check_with(doc, &narr));
    issues.extend(perf_selfeval::check(doc));
    issues.extend(perf_coverage::check_with(doc, &narr));
    issues.extend(completeness::check(doc));
    issues.extend(department_name::check_with(doc, &narr));
    issues.extend(template_residue::check(doc));
    issues.extend(year_consistency::check(doc));
    issues.extend(toc_tables::check(doc));
    issues.extend(sangong_disclosure::check(doc));
    issues.extend(unit_wording::check(doc));
    issues.extend(subject_names::check(doc));
    issues.extend(percent_sign::check(doc));
    let mut out = cell_pinpoint::group(doc, issues);
    crate::stable_sort::by_key(&mut out, |f: &Finding| std::cmp::Reverse(f.severity));
    out
}
