//! `narrative_ratio` — a stated completion rate (`完成预算 4 万元的 25.50%`,
//! `完成年初预算的 112.85%`) equals actual ÷ budget, at the precision written.
//!
//! What: for a percentage whose subject says 完成 … 预算, the budget is the
//! nearest earlier amount whose subject names 预算 (`完成预算 4 万元`, `年初预算
//! 3,063.51 万元`) and the actual the nearest earlier amount before it that does
//! not (`支出决算为 1.02 万元`). Each is known ± half its last digit; the stated
//! rate must fall in the resulting interval. A budget of 0 gives no rate
//! (`notice` when the actual is 0 too, else `warning`). Direction words
//! `大于 / 小于 / 超过 / 节约` comparing 决算 with 预算 are checked against the 三公
//! block in the 三公 section.
//!
//! Why: completion rates are recomputed by every reader who doubts them.
//!
//! Example: `1.02 万元，完成预算 3 万元的 34%`: 34.0 % ✓; `的 43%` is an `error`.

use super::narrative::{pct_consistent, pct_interval, read, Narrative, Num, NumUnit};
use super::util::{fmt_pct, Issue};
use crate::model::{Document, Finding, Severity};
use crate::text::compact;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_ratio";

/// Completion-rate statements: (rule id to use, actual, budget, rate).
pub fn completion_rates(n: &Narrative) -> Vec<(&Num, &Num, &Num, bool)> {
    let mut out = Vec::new();
    for s in &n.sentences {
        let perf = compact(&s.section).contains("绩效");
        for (k, r) in s.nums.iter().enumerate() {
            let before = &s.nums[..k];
            // `完成预算 4 万元的 25.50%`: the words sit before the budget figure.
            let ctx = format!(
                "{}{}",
                before.last().map(|x| x.subject.as_str()).unwrap_or(""),
                r.subject
            );
            if r.unit != NumUnit::Pct || !(ctx.contains("完成") || ctx.contains("执行率")) {
                continue;
            }
            let Some(bi) = before.iter().rposition(|x| {
                x.is_money()
                    && !x.is_change()
                    && (x.subject.contains("预算") && !x.subject.contains("决算"))
            }) else {
                continue;
            };
            let Some(a) = before[..bi]
                .iter()
                .rev()
                .find(|x| x.is_money() && !x.is_change())
                .or_else(|| {
                    before[bi + 1..]
                        .iter()
                        .find(|x| x.is_money() && !x.is_change())
                })
            else {
                continue;
            };
            let performance = perf
                || a.subject.contains("执行数")
                || before[bi].subject.contains("预算数") && a.subject.contains("执行");
            out.push((a, &before[bi], r, performance));
        }
    }
    out
}

pub fn judge(rule: &str, n: &Narrative, a: &Num, b: &Num, r: &Num) -> Option<Finding> {
    let line = n.line_at(r.start);
    if b.wan().abs() <= b.half_wan() {
        let (sev, zh, en) = if a.value.is_zero() && r.value.is_zero() {
            (
                Severity::Notice,
                format!("预算数为 0，“完成 {}%”无意义", r.written),
                format!(
                    "the budget is 0, so “completed {}%” is meaningless",
                    r.written
                ),
            )
        } else {
            (
                Severity::Warning,
                format!("预算数为 0，不能计算完成率，但说明写了 {}%", r.written),
                format!(
                    "the budget is 0, so no completion rate exists, yet the narrative states {}%",
                    r.written
                ),
            )
        };
        return Some(Finding::new(rule, sev, zh, en).at_line(line));
    }
    let (lo, hi) = pct_interval(a.wan(), a.half_wan(), b.wan(), b.half_wan())?;
    if pct_consistent(r.value, lo, hi) {
        return None;
    }
    let expected = (a.wan() / b.wan() * Decimal::from(100)).round_dp(r.value.scale().max(2));
    let mut f = Finding::new(
        rule,
        Severity::Error,
        format!(
            "说明中完成率 {}% 与 {} ÷ {} = {} 不符",
            r.written,
            a.written,
            b.written,
            fmt_pct(expected)
        ),
        format!(
            "the narrative's completion rate {}% does not match {} ÷ {} = {}",
            r.written,
            a.written,
            b.written,
            fmt_pct(expected)
        ),
    )
    .at_line(line);
    f.expected = Some(expected);
    f.found = Some(r.value);
    f.difference = Some((r.value - expected).abs());
    f.tolerance = Some(crate::rounding::half_unit(r.value));
    Some(f)
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let n = read(doc);
    let mut out: Vec<Issue> = completion_rates(&n)
        .into_iter()
        .filter(|x| !x.3)
        .filter_map(|(a, b, r, _)| judge(RULE, &n, a, b, r))
        .map(Issue::plain)
        .collect();
    // 决算大于 / 小于预算数 in the 三公 section.
    if let Some(bl) = &doc.sangong {
        if let (Some(act), Some(bud)) = (
            bl.actual.as_ref().and_then(|f| f.total),
            bl.budget.as_ref().and_then(|f| f.total),
        ) {
            for s in &n.sentences {
                let t = compact(&s.text);
                if !t.contains("三公") || !(t.contains("决算") && t.contains("预算")) {
                    continue;
                }
                let says =
                    if t.contains("小于预算") || t.contains("低于预算") || t.contains("少于预算")
                    {
                        Some(-1)
                    } else if t.contains("大于预算")
                        || t.contains("高于预算")
                        || t.contains("超过预算")
                        || t.contains("超出预算")
                    {
                        Some(1)
                    } else {
                        None
                    };
                let Some(says) = says else { continue };
                let d = act.value - bud.value;
                let is = if d > Decimal::ZERO {
                    1
                } else if d < Decimal::ZERO {
                    -1
                } else {
                    0
                };
                if says != is {
                    let f = Finding::new(
                        RULE,
                        Severity::Error,
                        format!("说明称“三公”经费决算{}预算数，但表中决算 {} 、预算 {}", if says < 0 { "小于" } else { "大于" }, act.value, bud.value),
                        format!("the narrative says the 三公 actual is {} the budget, but the table has actual {} and budget {}", if says < 0 { "below" } else { "above" }, act.value, bud.value),
                    )
                    .at_line(n.line_at(s.start));
                    out.push(Issue::plain(f));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;
    use std::str::FromStr;

    fn doc(t: &str) -> Document {
        Document {
            narrative: vec![NarrativeLine {
                line: 3,
                text: t.into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn completion_rates_hold() {
        let d = doc("“三公”经费财政拨款支出决算为 1.02 万元，完成预算 4 万元的 25.50%。其中：公务用车运行费支出决算为 1.02 万元，完成预算 3 万元的 34%。年初预算 3,063.51万元，支出决算 3,457.23万元，完成年初预算的 112.85%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn wrong_rate_and_zero_budget() {
        let d = doc("公务用车运行费支出决算为 1.02 万元，完成预算 3 万元的 43%。因公出国（境）费支出决算为 0 万元，完成预算 0 万元的 0.00%。");
        let issues = check(&d);
        assert_eq!(issues.len(), 2, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(f.expected, Some(Decimal::from_str("34.00").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("43").unwrap()));
        assert_eq!(issues[1].finding.severity, Severity::Notice);
    }
}
