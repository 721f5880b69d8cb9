//! `perf_coverage` — the funds the 绩效 section says it covers, against the
//! project spending (项目支出) of the tables.
//!
//! What: a sentence of the performance section that gives the funds its
//! 绩效目标 / 绩效自评 cover (`共涉及资金 5,234.45 万元`, `涉及项目预算资金6626万元`)
//! is held against the 项目支出 total of the tables (一般公共预算 first where the
//! sentence says 一般公共预算, else all funds): funds beyond the project total,
//! or a share `占…项目支出…的 R%` that does not follow from the two, is a
//! `warning` with both figures. Scopes differ (a form can cover 政府性基金
//! projects, or basic spending too), so it is never an error.
//!
//! Why: the coverage figure is how a department shows all its project money is
//! under performance management; a figure larger than all its projects, or a
//! share that does not follow, is a slip a reviewer asks about.
//!
//! Example: `共涉及资金 5,234.45 万元，占一般公共预算项目支出总额的 100%` with the
//! table's 一般公共预算 项目支出 5,234.45 → nothing; with 5,534.45 → `warning`.

use super::narrative::{pct_consistent, pct_interval, read, Narrative, NumUnit};
use super::util::{fmt, Issue};
use crate::model::{Document, Finding, Severity, Unit};
use crate::rounding::half_unit;
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "perf_coverage";

/// 项目支出 of the total row of the first table of `kinds` that names the column:
/// (value in 万元, half unit in 万元, table title).
fn projects(doc: &Document, kinds: &[&str]) -> Option<(Decimal, Decimal, String)> {
    for k in kinds {
        let Some(t) = doc.table_of_kind(k) else {
            continue;
        };
        let Some(col) = t.col(|c| crate::text::compact(c).ends_with("项目支出")) else {
            continue;
        };
        let Some(row) = t
            .total_row()
            .or_else(|| t.rows.iter().find(|r| r.is_total()))
        else {
            continue;
        };
        let Some(v) = super::util::amount(row, col) else {
            continue;
        };
        // Only a row that adds up (合计 = 基本支出 + 项目支出) is trusted to have its
        // cells under the right columns.
        let named = |w: &str| t.col(|c| crate::text::compact(c).ends_with(w));
        let (Some(tc), Some(bc)) = (named("合计"), named("基本支出")) else {
            continue;
        };
        let (Some(tv), Some(bv)) = (super::util::amount(row, tc), super::util::amount(row, bc))
        else {
            continue;
        };
        if (tv - bv - v).abs() > half_unit(tv) + half_unit(bv) + half_unit(v) {
            continue;
        }
        let unit = t.unit_or(doc.meta.unit);
        return Some((
            unit.convert(v, Unit::WanYuan),
            unit.convert(half_unit(v), Unit::WanYuan),
            t.title.clone(),
        ));
    }
    None
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    let general = projects(
        doc,
        &[
            "final.general_budget_expenditure",
            "budget.general_budget_by_function",
        ],
    );
    let all = projects(doc, &["final.expenditure", "budget.expenditure"]);
    for s in &n.sentences {
        if !(s.text.has("绩效") || s.section.has("绩效")) {
            continue;
        }
        for (k, x) in s.nums.iter().enumerate() {
            let subj = crate::text::compact(&x.subject);
            if x.unit == NumUnit::Pct
                || !subj.has("涉及")
                || !(subj.has("资金") || subj.has("金额"))
            {
                continue;
            }
            let said_general = s.text.has("一般公共预算");
            // The whole of the spending (`整体支出纳入绩效目标管理，涉及…`) is no project figure.
            if subj.has("整体")
                || s.text[..x.start - s.start].has("整体支出")
                    && !s.text[..x.start - s.start].has("项目")
            {
                continue;
            }
            let Some((p, hp, title)) = (if said_general {
                general.clone()
            } else {
                all.clone()
            }) else {
                continue;
            };
            let (v, hv) = (x.wan(), x.half_wan());
            let big = Decimal::from(1_000_000_000_000i64);
            if v.abs() > big || p.abs() > big || p.abs() < Decimal::new(1, 4) {
                continue;
            }
            let line = n.line_at(x.start);
            let share = s.nums.get(k + 1).filter(|r| {
                r.unit == NumUnit::Pct && crate::text::compact(&r.subject).has("项目支出")
            });
            let mut warn = |zh: String, en: String, expected: Decimal, found: Decimal| {
                let mut f = Finding::new(RULE, Severity::Warning, zh, en).at_line(line);
                f.expected = Some(expected);
                f.found = Some(found);
                f.difference = Some((expected - found).abs());
                out.push(Issue::plain(f));
            };
            if let Some(r) = share {
                if let Some((lo, hi)) = pct_interval(v, hv, p, hp) {
                    if !pct_consistent(r.value, lo, hi) {
                        let exp = (v / p * Decimal::from(100)).round_dp(2);
                        warn(
                            format!("说明中绩效管理涉及资金 {} 万元“{}{}%”，但{}的项目支出为 {} 万元，占比应为 {}%", x.written, r.subject, r.written, title, fmt(p), exp),
                            format!("the performance section's {} covering “{} {}%” does not follow from the project spending {} of {}: the share is {}%", x.written, r.subject, r.written, fmt(p), title, exp),
                            exp,
                            r.value,
                        );
                    }
                }
                continue;
            }
            if v - hv > p + hp {
                warn(
                    format!("说明中绩效管理涉及资金 {} 万元，多于{}的项目支出 {} 万元（口径可能不同，请核对）", x.written, title, fmt(p)),
                    format!("the performance section covers {} of funds, more than the project spending {} of {} (scopes may differ)", x.written, fmt(p), title),
                    p,
                    v,
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(narr: &str) -> String {
        format!(
            "2020 年部门决算\n{}\n第四部分 预算绩效管理情况\n{narr}\n",
            include_str!("../../tests/fixtures/checks/general_budget.txt")
        )
    }

    fn project_total(doc: &Document) -> Decimal {
        projects(doc, &["final.general_budget_expenditure"])
            .unwrap()
            .0
    }

    #[test]
    fn coverage_within_the_projects_passes() {
        let doc = crate::reader::read(&report("x"));
        let p = project_total(&doc);
        let doc = crate::reader::read(&report(&format!("我部门组织对 30 个一般公共预算项目支出开展绩效自评，共涉及资金 {p} 万元，占一般公共预算项目支出总额的 100%。")));
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn coverage_beyond_the_projects_or_a_wrong_share_is_a_warning() {
        let doc = crate::reader::read(&report("x"));
        let p = project_total(&doc);
        let more = p + Decimal::from(300);
        let doc = crate::reader::read(&report(&format!(
            "一般公共预算项目开展绩效自评，共涉及资金 {more} 万元。"
        )));
        let f = check(&doc);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].finding.severity, Severity::Warning);
        let doc = crate::reader::read(&report(&format!(
            "开展绩效自评，共涉及资金 {p} 万元，占一般公共预算项目支出总额的 90%。"
        )));
        assert_eq!(check(&doc).len(), 1);
    }
}
