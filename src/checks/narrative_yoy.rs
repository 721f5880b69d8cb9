//! `narrative_yoy` — a change rate stated from two stated amounts, with no
//! change amount between them, is recomputed, and its direction word is held
//! against the sign of the change.
//!
//! What: in `2025年当年预算执行数为 A 万元，2026年预算安排 B 万元，比2025年预算执行数
//! 增加 R%` (or `上年 … A 万元，本年 … B 万元，增长 R%`) the rate must equal
//! (B − A) ÷ A at the precision written (each number ± half its last digit, the
//! intervals must meet), and 增加/增长/上升 must go with B > A, 减少/下降/降低 with
//! B < A. The base A must be said of the year (or the 上年) the rate is measured
//! against; sentences that state a change amount (`增加 C 万元`) are
//! [`super::narrative_change`]'s. Both are errors: the three printed figures
//! contradict each other.
//!
//! Why: the Shanghai template writes every economic item this way, one sentence
//! an item, and the sentences are filled in by hand; a rate copied from another
//! line goes unnoticed because no change amount is there to compare.
//!
//! Example: `执行数为 54.60 万元，…预算安排 53.84 万元，比2023年预算执行数减少 1.39%`
//! holds (−1.39 %); `执行数为 43269.3 万元，…预算安排 3845.49 万元，…增加 17.62%` is
//! two errors: a fall of 91.11 %, worded as a rise.

use super::narrative::{pct_consistent, pct_interval, read, Narrative, Num};
use super::util::{fmt, fmt_pct, Issue};
use crate::model::{Document, Finding, Severity};
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_yoy";

/// +1 for a rise, −1 for a fall, from a rate's own words (`比上年增加`).
fn direction(subject: &str) -> Option<i32> {
    let s = subject.trim_end_matches('了');
    let up = ["增加", "增长", "上升", "提高"]
        .iter()
        .any(|w| s.ends_with(w));
    let down = ["减少", "下降", "降低"].iter().any(|w| s.ends_with(w));
    match (up, down) {
        (true, false) => Some(1),
        (false, true) => Some(-1),
        _ => None,
    }
}

/// The first `20xx年` in a subject.
fn year_in(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 < b.len() + 1 {
        if i + 4 <= b.len()
            && b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s[i + 4..].starts_with('年')
            && (b[i] == b'2' && b[i + 1] == b'0')
        {
            return s[i..i + 4].parse().ok();
        }
        i += 1;
    }
    None
}

/// The base the rate is measured against is the figure `base` states.
fn same_base(rate: &Num, base: &Num, cur: &Num) -> bool {
    let r = &rate.subject;
    if !r.has_char('比') && !r.has_char('较') {
        return false;
    }
    if cur.subject.has("上年") || cur.is_change() || base.is_change() {
        return false;
    }
    // `比2024年预算执行数`: the base must be that figure (执行数, 决算数 or 预算数),
    // not another of the same year.
    let b = &base.subject;
    let comparator = r.rsplit(['比', '较']).next().unwrap_or("");
    let fits = if comparator.has("执行") {
        b.has("执行")
    } else if comparator.has("决算") {
        b.has("决算")
    } else if comparator.has("预算") {
        b.has("预算") && !b.has("执行") && !b.has("决算")
    } else {
        true
    };
    if !fits {
        return false;
    }
    match (year_in(r), year_in(&base.subject), year_in(&cur.subject)) {
        (Some(yr), Some(yb), yc) => yr == yb && yc != Some(yb),
        (None, _, _) if r.has("上年") => {
            base.subject.has("上年")
                && !["本年", "今年", "当年"]
                    .iter()
                    .any(|w| base.subject.has(w) && !base.subject.has("上年"))
        }
        _ => false,
    }
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(_doc: &Document, n: &Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    for s in &n.sentences {
        let nums = &s.nums;
        for k in 2..nums.len() {
            let (base, cur, rate) = (&nums[k - 2], &nums[k - 1], &nums[k]);
            if rate.is_money() || !base.is_money() || !cur.is_money() {
                continue;
            }
            let Some(dir) = direction(&rate.subject) else {
                continue;
            };
            if !same_base(rate, base, cur) {
                continue;
            }
            let line = n.line_at(rate.start);
            let (a, b) = (base.wan(), cur.wan());
            let (ha, hb) = (base.half_wan(), cur.half_wan());
            let d = b - a;
            let mk =
                |zh: String, en: String| Finding::new(RULE, Severity::Error, zh, en).at_line(line);
            if a.abs() <= ha {
                continue; // a base of 0: narrative_change's notice covers the wording
            }
            // No department spends 10^12 万元: larger is no amount, and would
            // overflow the ratio.
            let big = Decimal::from(1_000_000_000_000i64);
            if a.abs() > big || b.abs() > big || a.abs() < Decimal::new(1, 4) {
                continue;
            }
            // The sign is certain only beyond the rounding of both amounts.
            let sign = if d > ha + hb {
                1
            } else if d < -(ha + hb) {
                -1
            } else {
                0
            };
            let expected = (d / a * Decimal::from(100)).round_dp(rate.value.scale().max(2));
            if sign != 0 && sign != dir && !rate.value.is_zero() {
                let mut f = mk(
                    format!(
                        "说明中 {} 万元 → {} 万元是{}（{}），但写的是“{}{}%”",
                        base.written,
                        cur.written,
                        if sign > 0 { "增加" } else { "减少" },
                        fmt_pct(expected),
                        rate.subject,
                        rate.written
                    ),
                    format!(
                        "the narrative's {} → {} is a {} ({}), but it says “{} {}%”",
                        base.written,
                        cur.written,
                        if sign > 0 { "rise" } else { "fall" },
                        fmt_pct(expected),
                        rate.subject,
                        rate.written
                    ),
                );
                f.expected = Some(expected);
                f.found = Some(Decimal::from(dir) * rate.value.abs());
                f.difference = Some(d);
                out.push(Issue::plain(f));
                continue;
            }
            let Some((lo, hi)) = pct_interval(d, ha + hb, a, ha) else {
                continue;
            };
            if !pct_consistent(rate.value, lo, hi) {
                let mut f = mk(
                    format!(
                        "说明中“{}{}%”：由 {} 万元到 {} 万元（相差 {} 万元），变动率应为 {}",
                        rate.subject,
                        rate.written,
                        base.written,
                        cur.written,
                        fmt(d),
                        fmt_pct(expected.abs())
                    ),
                    format!(
                        "the narrative's “{} {}%” does not follow from {} and {} (a change of {}): the rate is {}",
                        rate.subject,
                        rate.written,
                        base.written,
                        cur.written,
                        fmt(d),
                        fmt_pct(expected.abs())
                    ),
                );
                f.expected = Some(expected.abs());
                f.found = Some(rate.value);
                f.difference = Some((rate.value.abs() - expected.abs()).abs());
                f.tolerance = Some(crate::rounding::half_unit(rate.value));
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> Document {
        crate::checks::util::narrative_doc(9, t)
    }

    #[test]
    fn a_rate_that_follows_from_the_two_amounts_passes() {
        let d = doc("工资福利支出：2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%。主要原因是人员变动。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
        let d = doc("上年执行数为60.41万元，本年预算安排227.88万元，比上年增加277.22%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn a_fall_worded_as_a_rise_is_an_error() {
        let d = doc("2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。");
        let f = check(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = &f[0].finding;
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.line, Some(9));
        assert_eq!(f.expected, Some(Decimal::new(-9111, 2)));
    }

    #[test]
    fn a_wrong_rate_is_an_error_and_a_change_amount_is_not_ours() {
        let d = doc("2023年当年预算执行数为70.70万元，2024年预算安排76.76万元，比2023年预算执行数增加9.57%。");
        let f = check(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].finding.expected, Some(Decimal::new(857, 2)));
        // With a change amount stated, the sentence is narrative_change's.
        let d = doc("上年执行数为70.70万元，本年预算76.76万元，比上年增加6.06万元，增长9.57%。");
        assert!(check(&d).is_empty());
        // The rate is against the 2023 budget, the base stated is the 2023 执行数: not ours.
        let d = doc(
            "2023年当年预算执行数为70.70万元，2024年预算安排76.76万元，比2023年预算增加9.57%。",
        );
        assert!(check(&d).is_empty());
        // Two amounts of different things, no comparator named: nothing.
        let d = doc("基本支出70.70万元，项目支出76.76万元，增长9.57%。");
        assert!(check(&d).is_empty());
    }
}
