//! `narrative_change` — a stated year-on-year (or budget-to-actual) change is
//! self-consistent, and its direction words agree with its signs.
//!
//! What: in `X 万元，比上年增加 C 万元，增长 R%` the prior figure is X − C (X + C for
//! 减少/下降); R must equal C / prior at the precision written (each number ±
//! half its last digit, intervals must meet). A rate against a prior of 0 is
//! no rate: a `notice` when nothing changed (`增加 0 万元，增长 0.00%`), a
//! `warning` otherwise. 增加 with 下降 (or 减少 with 增长) in one statement, a
//! negative amount after 增加, and 持平 said of a non-zero change are errors.
//!
//! Why: these sentences are typed by hand every year and are often copied from
//! the previous report with one number changed.
//!
//! Example: `8,219.2 万元，比上年决算增加 2,796.27 万元，增长 51.6%` holds
//! (2,796.27 / 5,422.93 = 51.56 %); `增长 61.6%` is an `error` (expected 51.56).

use super::narrative::{pct_consistent, pct_interval, read, NumUnit};
use super::util::{fmt, fmt_pct, Issue};
use crate::model::{Document, Finding, Severity};
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_change";

fn direction(subject: &str) -> Option<i32> {
    let up = ["增加", "增长", "上升", "提高"]
        .iter()
        .any(|w| subject.has(w));
    let down = ["减少", "下降", "降低", "减"]
        .iter()
        .any(|w| subject.has(w));
    match (up, down) {
        (true, false) => Some(1),
        (false, true) => Some(-1),
        _ => None,
    }
}

/// A figure said to be last year's (`上年 5.97 万元`, `较上年的 …`).
fn is_prior(x: &super::narrative::Num) -> bool {
    super::narrative_figures::said_of_last_year(&x.subject)
}

struct Cur {
    wan: Decimal,
    half: Decimal,
    written: String,
    subject: String,
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    for s in &n.sentences {
        let nums = &s.nums;
        for (k, c) in nums.iter().enumerate() {
            if !c.is_money() || !c.is_change() {
                continue;
            }
            // The current figure: the 三公 item the change's own subject names
            // (`“三公”经费支出决算数比上年减少 4.32 万元`), else the nearest earlier amount.
            let named = super::narrative_figures::sangong_item(&c.subject).and_then(|item| {
                let b = doc.sangong.as_ref()?;
                let figs = if doc.meta.kind == crate::model::ReportKind::Budget {
                    b.budget.as_ref()
                } else {
                    b.actual.as_ref()
                }?;
                let a = figs.get(item)?;
                let v = b.unit.convert(a.value, crate::model::Unit::WanYuan);
                Some(Cur {
                    wan: v,
                    half: b.unit.convert(
                        crate::rounding::half_unit(a.value),
                        crate::model::Unit::WanYuan,
                    ),
                    written: super::util::fmt(a.value),
                    subject: item.zh().to_string(),
                })
            });
            let Some(cur) = named.or_else(|| {
                nums[..k]
                    .iter()
                    .rev()
                    // (`完成预算18.00万元的75.33%` names the budget a rate is
                    // measured against, not the figure that changed.)
                    .find(|x| {
                        x.is_money() && !x.is_change() && !is_prior(x) && !x.subject.has("完成")
                    })
                    .map(|x| Cur {
                        wan: x.wan(),
                        half: x.half_wan(),
                        written: x.written.clone(),
                        subject: x.subject.clone(),
                    })
            }) else {
                continue;
            };
            let Some(dir_c) = direction(&c.subject) else {
                continue;
            };
            let rate = nums
                .get(k + 1)
                .filter(|r| r.unit == NumUnit::Pct && direction(&r.subject).is_some());
            let line = n.line_at(c.start);
            let mk = |sev: Severity, zh: String, en: String| {
                Finding::new(RULE, sev, zh, en).at_line(line)
            };
            if c.value < Decimal::ZERO && dir_c > 0 {
                out.push(Issue::plain(mk(Severity::Warning, format!("说明写“{}{}万元”：增加额为负数，应写作减少", c.subject, c.written), format!("the narrative says “{} {}”: a negative increase should be worded as a decrease", c.subject, c.written))));
            }
            let signed = Decimal::from(dir_c)
                * c.wan().abs()
                * if c.value < Decimal::ZERO && dir_c > 0 {
                    -Decimal::ONE
                } else {
                    Decimal::ONE
                };
            // `较上年的 B 万元增加 C 万元`: the prior figure is stated; it must then
            // differ from the current one by the change.
            let stated_prior = nums[..k]
                .iter()
                .rev()
                .find(|x| x.is_money() && !x.is_change() && is_prior(x));
            if let Some(p) = stated_prior {
                let d = cur.wan - p.wan();
                let tol = cur.half + p.half_wan() + c.half_wan();
                if (d - signed).abs() > tol {
                    let mut f = mk(
                        Severity::Error,
                        format!("说明中本年 {} 万元与上年 {} 万元相差 {}，但写的变动额是 {}", cur.written, p.written, fmt(d), c.written),
                        format!("the narrative's current {} and prior {} differ by {}, but the stated change is {}", cur.written, p.written, fmt(d), c.written),
                    );
                    f.expected = Some(d);
                    f.found = Some(signed);
                    f.difference = Some((d - signed).abs());
                    f.tolerance = Some(tol);
                    out.push(Issue::plain(f));
                    continue;
                }
            }
            let prior = cur.wan - signed;
            // The words after the change, up to the next amount (another statement).
            let tail_end = nums[k + 1..]
                .iter()
                .find(|x| x.is_money())
                .map_or(s.text.len(), |x| x.start - s.start);
            let tail = s
                .text
                .get((c.end - s.start).min(tail_end)..tail_end)
                .unwrap_or("");
            if tail.has("持平") && !c.value.is_zero() && !tail.has("基本持平") {
                out.push(Issue::plain(mk(
                    Severity::Error,
                    format!("说明称“持平”，但所述变动额为 {} 万元", c.written),
                    format!(
                        "the narrative says “unchanged” (持平) but states a change of {}",
                        c.written
                    ),
                )));
            }
            let Some(r) = rate else { continue };
            let dir_r = direction(&r.subject).unwrap_or(dir_c);
            if dir_r != dir_c && !c.value.is_zero() {
                out.push(Issue::plain(mk(Severity::Error, format!("说明中变动额用“{}”而变动率用“{}”，方向相互矛盾", c.subject, r.subject), format!("the narrative words the change “{}” but the rate “{}”: the directions contradict", c.subject, r.subject))));
                continue;
            }
            let hp = cur.half + c.half_wan();
            if prior.abs() <= hp {
                let (sev, zh, en) = if c.value.is_zero() && r.value.is_zero() {
                    (Severity::Notice, "上年数为 0，变动率无意义（宜写“基数为 0，不可比”）".to_string(), "the prior figure is 0, so a rate is meaningless (write “base 0, not comparable”)".to_string())
                } else {
                    (Severity::Warning, format!("上年数为 0，不能计算变动率，但说明写了 {}%", r.written), format!("the prior figure is 0, so no rate can be computed, yet the narrative states {}%", r.written))
                };
                out.push(Issue::plain(mk(sev, zh, en)));
                continue;
            }
            let Some((lo, hi)) = pct_interval(c.wan(), c.half_wan(), prior, hp) else {
                continue;
            };
            let expected =
                (c.wan().abs() / prior.abs() * Decimal::from(100)).round_dp(r.value.scale().max(2));
            if !pct_consistent(r.value, lo, hi) {
                let mut f = mk(
                    Severity::Error,
                    // In the report's words: what last year must have been and
                    // the rate that follows, not the formula a reader must decode.
                    format!(
                        "说明中“{}万元，{}{}%”有误：本年 {} 万元、{} {} 万元，上年应为 {} 万元，{}幅度应为 {}",
                        cur.written,
                        r.subject,
                        r.written,
                        cur.written,
                        if dir_c > 0 { "增加" } else { "减少" },
                        c.written,
                        fmt(prior),
                        if dir_c > 0 { "增长" } else { "下降" },
                        fmt_pct(expected)
                    ),
                    format!(
                        "the narrative's “{}%” is wrong: {} this year, {} by {}, so last year was {} and the rate is {}",
                        r.written,
                        cur.written,
                        if dir_c > 0 { "up" } else { "down" },
                        c.written,
                        fmt(prior),
                        fmt_pct(expected)
                    ),
                );
                f.expected = Some(expected);
                f.found = Some(r.value);
                f.difference = Some((r.value - expected).abs());
                f.tolerance = Some(crate::rounding::half_unit(r.value));
                f.row = Some(super::util::bare_label(&cur.subject));
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn doc(t: &str) -> Document {
        crate::checks::util::narrative_doc(7, t)
    }

    #[test]
    fn the_budget_a_rate_is_measured_against_is_not_what_changed() {
        let d = doc("2023年度“三公”经费财政拨款支出决算为13.56万元，完成预算18.00万元的75.33%，比上年减少1.64万元，下降10.79%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
        let wrong = doc("2023年度“三公”经费财政拨款支出决算为13.56万元，完成预算18.00万元的75.33%，比上年减少1.64万元，下降8.35%。");
        let issues = check(&wrong);
        assert_eq!(issues.len(), 1);
        // Said in the report's words: what last year must have been, and the rate.
        let zh = &issues[0].finding.message_zh;
        assert!(
            zh.has("上年应为 15.20 万元") && zh.has("下降幅度应为 10.79%"),
            "{zh}"
        );
    }

    #[test]
    fn consistent_changes_pass() {
        let d = doc("1. 一般公共预算财政拨款收入 8,219.2 万元，比上年决算增加 2,796.27 万元，增长 51.6%。“三公”经费支出 1.65 万元，比上年减少 4.32 万元，下降 72.30%。其他收入 7.19 万元，比上年决算增加 3.99 万元，增长 124.6%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn wrong_rate_direction_and_base_zero() {
        let d = doc("基本支出 2,984.75 万元，比上年决算增加 1,262.97 万元，增长 63.4%。项目支出 5 万元，比上年增加 5 万元，增长 100%。经营支出 3 万元，比上年增加 1 万元，下降 50%。");
        let issues = check(&d);
        let rules: Vec<_> = issues
            .iter()
            .map(|i| (i.finding.severity, i.finding.line))
            .collect();
        assert_eq!(
            rules,
            vec![
                (Severity::Error, Some(7)),
                (Severity::Warning, Some(7)),
                (Severity::Error, Some(7))
            ],
            "{issues:#?}"
        );
        assert_eq!(
            issues[0].finding.expected,
            Some(Decimal::from_str("73.35").unwrap())
        );
        assert_eq!(
            issues[0].finding.found,
            Some(Decimal::from_str("63.4").unwrap())
        );
    }

    #[test]
    fn change_of_a_named_sangong_item_uses_the_table() {
        let t = include_str!("../../tests/fixtures/checks/sangong_final.txt");
        let ok = format!("2020 年部门决算\n{t}\n三、“三公”经费说明\n与上年相比，“三公”经费财政拨款支出决算数比上年减少 1.00 万元，下降 49.50%。\n");
        assert!(check(&crate::reader::read(&ok)).is_empty());
        let bad = ok.replace("49.50%", "59.50%");
        let issues = check(&crate::reader::read(&bad));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(
            issues[0].finding.expected,
            Some(Decimal::from_str("49.50").unwrap())
        );
    }

    #[test]
    fn a_stated_prior_figure_is_the_base() {
        let d = doc("本年支出 120 万元，较上年的 100 万元增加 20 万元，增长 20%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
        let d = doc("本年支出 120 万元，较上年的 100 万元增加 25 万元，增长 25%。");
        let issues = check(&d);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].finding.expected, Some(Decimal::from(20)));
    }
}
