//! Rule `yoy_claim_vs_prior_report`.
//!
//! What: a narrative claim about the previous year (`比上年增加 2,796.27 万元，增长
//! 51.6%`, `比上年减少…`, `与上年持平`) about the 三公 total or an item, or the
//! 收入 / 支出 totals, is checked against the earlier report's own figures when
//! that report is among the ones compared (same department; year − 1; a 决算
//! against the previous 决算, a 预算 against the previous 预算).
//!
//! Why: one report alone cannot show that its 比上年 sentence is wrong: the
//! previous year's figure is only in the previous year's report. Reviewers put
//! the two side by side; so do we.
//!
//! Example: 2020 says `“三公”经费…1.02 万元，比上年减少 0.63 万元` and the 2019
//! report prints 三公 actual 1.75: the change is −0.73, not −0.63 → error.
//!
//! Tolerance: every figure is printed rounded, so the true change lies within
//! the half-units of this year's figure, last year's figure and the written
//! change (the rounding rule of REPORT-FORMAT.md). The rate is checked as an
//! interval too: the written rate ± half its last digit must meet the range of
//! (this − last) / last over the figures' rounding intervals. A claim whose
//! figures are missing in either report is not judged (no finding).

use super::claims::{Direction, YoyClaim};
use crate::model::{Finding, Severity};
use crate::rounding::half_unit;
use crate::text::group_thousands;
use rust_decimal::Decimal;

pub const RULE: &str = "yoy_claim_vs_prior_report";

/// What the two reports say about one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// This year's figure (table, else the figure written in the claim).
    pub current: Decimal,
    pub prior: Decimal,
    pub finding: Option<Finding>,
}

fn fmt(d: Decimal) -> String {
    let s = group_thousands(&d.normalize().to_string());
    if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

fn plain(d: Decimal) -> String {
    group_thousands(&d.to_string())
}

/// Range of (c − p) / p × 100 over c ± hc, p ± hp (p − hp > 0).
fn rate_range(c: Decimal, hc: Decimal, p: Decimal, hp: Decimal) -> Option<(Decimal, Decimal)> {
    if p - hp <= Decimal::ZERO {
        return None;
    }
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for cc in [c - hc, c + hc] {
        for pp in [p - hp, p + hp] {
            let r = (cc - pp) * Decimal::ONE_HUNDRED / pp;
            lo = Some(lo.map_or(r, |l| l.min(r)));
            hi = Some(hi.map_or(r, |h| h.max(r)));
        }
    }
    Some((lo?, hi?))
}

/// Judge one claim given this year's and last year's figures.
/// `names` = (this report, the prior report), for the messages.
pub fn judge(
    claim: &YoyClaim,
    current_table: Option<Decimal>,
    prior: Option<Decimal>,
    names: (&str, &str),
) -> Option<Judged> {
    let prior = prior?;
    let current = current_table.or(claim.stated)?;
    let actual = current - prior;
    let change_half = claim.change.map(half_unit).unwrap_or(Decimal::ZERO);
    let tol = half_unit(current) + half_unit(prior) + change_half;
    let q = claim.quantity;
    let (this, before) = names;
    let context_zh = format!(
        "本报告 {} 为 {} 万元，上年报告《{before}》为 {} 万元，实际变化 {} 万元",
        q.zh(),
        plain(current),
        plain(prior),
        fmt(actual)
    );
    let context_en = format!("this report's {} is {} 万元, the prior report “{before}” has {} 万元: the change is {} 万元", q.en(), plain(current), plain(prior), fmt(actual));
    let mut problem: Option<(String, String, Decimal, Decimal, Decimal)> = None;

    let direction_wrong = match claim.direction {
        Direction::Up => actual < -tol,
        Direction::Down => actual > tol,
        Direction::Flat => actual.abs() > tol,
    };
    let dir_zh = match claim.direction {
        Direction::Up => "增加",
        Direction::Down => "减少",
        Direction::Flat => "持平",
    };
    if let Some(stated) = claim.signed_change() {
        if (stated - actual).abs() > tol || direction_wrong {
            problem = Some((
                format!(
                    "《{this}》称{}比上年{dir_zh}{}，与上年报告不符：{context_zh}",
                    q.zh(),
                    claim
                        .change
                        .map(|c| format!(" {} 万元", plain(c)))
                        .unwrap_or_default()
                ),
                format!(
                    "“{this}” says {} changed by {} 万元 on the year; {context_en}",
                    q.en(),
                    fmt(stated)
                ),
                actual,
                stated,
                tol,
            ));
        }
    } else if direction_wrong {
        problem = Some((
            format!(
                "《{this}》称{}比上年{dir_zh}，与上年报告不符：{context_zh}",
                q.zh()
            ),
            format!(
                "“{this}” says {} went {:?} on the year; {context_en}",
                q.en(),
                claim.direction
            )
            .replace("Up", "up")
            .replace("Down", "down"),
            actual,
            Decimal::ZERO,
            tol,
        ));
    }
    if problem.is_none() {
        if let (Some(p), Some(pct)) = (claim.signed_percent(), claim.percent) {
            let h = half_unit(pct);
            match rate_range(current, half_unit(current), prior, half_unit(prior)) {
                Some((lo, hi)) => {
                    if p + h < lo || p - h > hi {
                        let exact = (actual * Decimal::ONE_HUNDRED / prior).round_dp(2);
                        problem = Some((
                            format!("《{this}》称{}比上年{}{}%，与上年报告不符：{context_zh}，变化率 {}%", q.zh(), if p < Decimal::ZERO { "下降" } else { "增长" }, plain(pct), fmt(exact)),
                            format!("“{this}” says {} changed by {}% on the year; {context_en}, a rate of {}%", q.en(), fmt(p), fmt(exact)),
                            exact,
                            p,
                            h,
                        ));
                    }
                }
                None => {
                    // Base 0: any stated rate other than 0 is not a rate.
                    if !pct.is_zero() && prior.is_zero() {
                        let mut f = Finding::new(
                            RULE,
                            Severity::Warning,
                            format!("《{this}》称{}比上年变化 {}%，但上年报告《{before}》的该项为 0，基数为 0 时变化率无意义", q.zh(), plain(pct)),
                            format!("“{this}” states a {}% change of {}, but the prior report “{before}” has 0: a rate against 0 is not a rate", plain(pct), q.en()),
                        );
                        f.line = Some(claim.line);
                        f.found = Some(p);
                        return Some(Judged {
                            current,
                            prior,
                            finding: Some(f),
                        });
                    }
                }
            }
        }
    }
    let finding = problem.map(|(zh, en, expected, found, tolerance)| {
        let mut f = Finding::new(RULE, Severity::Error, zh, en);
        f.line = Some(claim.line);
        f.row = Some(q.zh());
        f.expected = Some(expected);
        f.found = Some(found);
        f.difference = Some((found - expected).abs());
        f.tolerance = Some(tolerance);
        f
    });
    Some(Judged {
        current,
        prior,
        finding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::figures::Quantity;
    use crate::model::SangongItem;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn claim(direction: Direction, change: Option<&str>, percent: Option<&str>) -> YoyClaim {
        YoyClaim {
            quantity: Quantity::Sangong(SangongItem::Total),
            direction,
            change: change.map(d),
            percent: percent.map(d),
            stated: None,
            line: 7,
            text: String::new(),
        }
    }
    const NAMES: (&str, &str) = ("b-2020.txt", "a-2019.txt");

    #[test]
    fn agreeing_claim_gives_no_finding() {
        // 1.02 − 1.75 = −0.73, −41.71 %
        let j = judge(
            &claim(Direction::Down, Some("0.73"), Some("41.71")),
            Some(d("1.02")),
            Some(d("1.75")),
            NAMES,
        )
        .unwrap();
        assert_eq!(j.finding, None);
        // 持平 within rounding
        let j = judge(
            &claim(Direction::Flat, None, None),
            Some(d("5.40")),
            Some(d("5.40")),
            NAMES,
        )
        .unwrap();
        assert_eq!(j.finding, None);
        // the rate written with one decimal: 51.6 for 51.63…
        let j = judge(
            &claim(Direction::Up, Some("2796.27"), Some("51.6")),
            Some(d("8219.20")),
            Some(d("5422.93")),
            NAMES,
        )
        .unwrap();
        assert_eq!(j.finding, None);
    }

    #[test]
    fn wrong_amount_is_an_error_naming_both_reports() {
        let j = judge(
            &claim(Direction::Down, Some("0.63"), None),
            Some(d("1.02")),
            Some(d("1.75")),
            NAMES,
        )
        .unwrap();
        let f = j.finding.unwrap();
        assert_eq!(f.rule, RULE);
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.expected, Some(d("-0.73")));
        assert_eq!(f.found, Some(d("-0.63")));
        assert_eq!(f.line, Some(7));
        assert!(
            f.message_zh.contains("b-2020.txt") && f.message_zh.contains("a-2019.txt"),
            "{}",
            f.message_zh
        );
    }

    #[test]
    fn wrong_direction_and_wrong_rate() {
        let f = judge(
            &claim(Direction::Up, None, None),
            Some(d("1.02")),
            Some(d("1.75")),
            NAMES,
        )
        .unwrap()
        .finding
        .unwrap();
        assert_eq!(f.severity, Severity::Error);
        let f = judge(
            &claim(Direction::Down, Some("0.73"), Some("30.00")),
            Some(d("1.02")),
            Some(d("1.75")),
            NAMES,
        )
        .unwrap()
        .finding
        .unwrap();
        assert_eq!(f.expected, Some(d("-41.71")));
        // flat claimed, 0.01 apart in printed figures: within rounding
        assert!(judge(
            &claim(Direction::Flat, None, None),
            Some(d("5.41")),
            Some(d("5.40")),
            NAMES
        )
        .unwrap()
        .finding
        .is_none());
        assert!(judge(
            &claim(Direction::Flat, None, None),
            Some(d("5.50")),
            Some(d("5.40")),
            NAMES
        )
        .unwrap()
        .finding
        .is_some());
    }

    #[test]
    fn base_zero_rate_is_a_warning_and_missing_prior_is_not_judged() {
        let f = judge(
            &claim(Direction::Up, Some("1.00"), Some("100")),
            Some(d("1.00")),
            Some(d("0.00")),
            NAMES,
        )
        .unwrap()
        .finding
        .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(judge(
            &claim(Direction::Up, Some("1.00"), None),
            Some(d("1.00")),
            None,
            NAMES
        )
        .is_none());
    }
}
