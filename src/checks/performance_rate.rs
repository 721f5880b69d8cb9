//! `performance_rate` — the performance self-evaluation's 预算完成率 / 执行率 =
//! 执行数 (实际支出) ÷ 预算数 (调整预算), recomputed.
//!
//! What: in the 绩效 section (or any sentence pairing 预算数 with 执行数), `全年
//! 预算数 A 万元，执行数 B 万元，完成预算的 R%` must satisfy R = B ÷ A at the
//! precision written (intervals as in [`super::narrative_ratio`]).
//!
//! Why: the completion rate is the headline of the self-evaluation, and it is
//! the figure auditors recompute first.
//!
//! Example: `全年预算数 8,595.39 万元，执行数 8,219.20 万元，完成预算的 95.62%`: ✓
//! (95.623 %); `完成预算的 96.62%` is an `error`.
//!
//! The self-evaluation *tables* are not yet read into columns the reader can
//! name (their headers wrap over project names), so only the stated rates are
//! checked for now.

use super::narrative::read;
use super::narrative_ratio::{completion_rates, judge};
use super::util::Issue;
use crate::model::Document;

pub const RULE: &str = "performance_rate";

pub fn check(doc: &Document) -> Vec<Issue> {
    let n = read(doc);
    completion_rates(&n)
        .into_iter()
        .filter(|x| x.3)
        .filter_map(|(a, b, r, _)| judge(RULE, &n, a, b, r))
        .map(Issue::plain)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NarrativeLine, Severity};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn doc(t: &str) -> Document {
        Document {
            narrative: vec![
                NarrativeLine {
                    line: 1,
                    text: "二、绩效自评结果".into(),
                },
                NarrativeLine {
                    line: 2,
                    text: t.into(),
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn stated_rate_holds() {
        let d = doc("全年预算数 8,595.39 万元，执行数 8,219.20 万元（一般公共预算财政拨款支出)，完成预算的 95.62%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn stated_rate_wrong() {
        let d = doc("全年预算数 8,595.39 万元，执行数 8,219.20 万元，完成预算的 96.62%。");
        let issues = check(&d);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(
            (f.rule.as_str(), f.severity, f.line),
            (RULE, Severity::Error, Some(2))
        );
        assert_eq!(f.expected, Some(Decimal::from_str("95.62").unwrap()));
    }
}
