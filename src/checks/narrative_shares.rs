//! `narrative_shares` — every `占 X%` statement recomputed from its figures, and
//! the shares of one breakdown adding up to 100 %.
//!
//! What: a percentage whose subject is `占…` right after an amount is a share.
//! `占政府采购支出总额的 13.7%` names its whole: the earlier amount of the same
//! sentence whose subject ends with that name; the share must equal amount ÷
//! whole. Two or more bare `占 X%` in one sentence form a breakdown: the shares
//! must add to 100 % within rounding (Σ half-units), and when they do, each
//! must equal its amount ÷ Σ amounts.
//!
//! Why: shares are computed by hand and rarely re-added.
//!
//! Example: `一般公共服务（类）3,207.13万元，占92.77%；农林水支出（类）100万元，占
//! 2.89%；住房保障支出（类）150.10万元，占 4.34%` ✓; with `占 3.89%` the breakdown
//! adds to 101 % → `error`.

use super::narrative::{pct_consistent, pct_interval, read, NumUnit};
use super::util::{fmt_pct, Issue};
use crate::model::{Document, Finding, Severity};
use crate::rounding::half_unit;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_shares";

/// A printed share against the one its figures give, judged at its last digit.
fn share_issue(mut f: Finding, printed: Decimal, expected: Decimal) -> Issue {
    f.expected = Some(expected);
    f.found = Some(printed);
    f.difference = Some((printed - expected).abs());
    f.tolerance = Some(half_unit(printed));
    Issue::plain(f)
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(_doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    for (si, s) in n.sentences.iter().enumerate() {
        let mut bare: Vec<(usize, usize)> = Vec::new(); // (amount idx, pct idx)
        for (k, p) in s.nums.iter().enumerate() {
            if p.unit != NumUnit::Pct || !p.subject.starts_with('占') || k == 0 {
                continue;
            }
            let a = &s.nums[k - 1];
            if !a.is_money() {
                continue;
            }
            let whole_name = p
                .subject
                .trim_start_matches('占')
                .trim_end_matches('的')
                .to_string();
            if whole_name.is_empty() {
                bare.push((k - 1, k));
                continue;
            }
            // The whole is named earlier in this sentence or in one of the two before.
            let earlier = n.sentences[si.saturating_sub(2)..si]
                .iter()
                .flat_map(|x| x.nums.iter());
            let Some(w) = s.nums[..k - 1]
                .iter()
                .rev()
                .chain(earlier.collect::<Vec<_>>().into_iter().rev())
                .find(|x| x.is_money() && x.subject.ends_with(&whole_name))
            else {
                continue;
            };
            let Some((lo, hi)) = pct_interval(a.wan(), a.half_wan(), w.wan(), w.half_wan()) else {
                continue;
            };
            if !pct_consistent(p.value, lo, hi) {
                let expected =
                    (a.wan() / w.wan() * Decimal::from(100)).round_dp(p.value.scale().max(2));
                let f = Finding::new(
                    RULE,
                    Severity::Error,
                    format!(
                        "说明中 {}占{} {}%，按{} {}计算应占 {}",
                        a.shown(),
                        whole_name,
                        p.written,
                        whole_name,
                        w.shown(),
                        fmt_pct(expected)
                    ),
                    format!(
                        "the narrative gives {} as {}% of {}; of {} {} it is {}",
                        a.shown(),
                        p.written,
                        whole_name,
                        whole_name,
                        w.shown(),
                        fmt_pct(expected)
                    ),
                )
                .at_line(n.line_at(p.start));
                out.push(share_issue(f, p.value, expected));
            }
        }
        if bare.len() < 2 {
            continue;
        }
        let total_pct: Decimal = bare.iter().map(|&(_, p)| s.nums[p].value).sum();
        let tol: Decimal = bare.iter().map(|&(_, p)| half_unit(s.nums[p].value)).sum();
        let hundred = Decimal::from(100);
        let line = n.line_at(s.nums[bare[0].1].start);
        let listed: Decimal = bare.iter().map(|&(a, _)| s.nums[a].wan()).sum();
        let listed_half: Decimal = bare.iter().map(|&(a, _)| s.nums[a].half_wan()).sum();
        // The whole stated before the list (`支出2940.05万元，主要用于：…`): when the
        // listed amounts do not make it, the list is not the whole breakdown (only
        // the main items, or a pair the text lost): its shares need not make 100 %,
        // and each is judged against the stated whole instead — when most of them
        // agree with it, so that it is the whole they were computed from.
        let stated: Vec<&super::narrative::Num> = s.nums[..bare[0].0]
            .iter()
            .filter(|x| x.is_money() && !x.is_change())
            .collect();
        let complete = stated.is_empty()
            || stated
                .iter()
                .any(|w| (w.wan() - listed).abs() <= w.half_wan() + listed_half);
        if !complete {
            let w = stated[0];
            let agrees = |&(a, p): &(usize, usize)| {
                let (a, p) = (&s.nums[a], &s.nums[p]);
                pct_interval(a.wan(), a.half_wan(), w.wan(), w.half_wan())
                    .is_some_and(|(lo, hi)| pct_consistent(p.value, lo, hi))
            };
            let agreeing = bare.iter().filter(|b| agrees(b)).count();
            if agreeing < 2 || agreeing * 2 <= bare.len() {
                continue;
            }
            for b in bare.iter().filter(|b| !agrees(b)) {
                let (a, p) = (&s.nums[b.0], &s.nums[b.1]);
                let expected = (a.wan() / w.wan() * hundred).round_dp(p.value.scale().max(2));
                let f = Finding::new(
                    RULE,
                    Severity::Error,
                    format!(
                        "说明中 {}占 {}%，按同句的总额 {}计算应占 {}（同句其他各项都按此总额计算）",
                        a.shown(),
                        p.written,
                        w.shown(),
                        fmt_pct(expected)
                    ),
                    format!(
                        "the narrative gives {} as {}%; of the sentence's total {} it is {} (its other shares are of that total)",
                        a.shown(),
                        p.written,
                        w.shown(),
                        fmt_pct(expected)
                    ),
                )
                .at_line(n.line_at(p.start));
                out.push(share_issue(f, p.value, expected));
            }
            continue;
        }
        if (total_pct - hundred).abs() > tol && !total_pct.is_zero() {
            let mut f = Finding::new(
                RULE,
                Severity::Error,
                format!("说明中同一组占比合计为 {}，不等于 100%", fmt_pct(total_pct)),
                format!(
                    "the shares of one breakdown add up to {}, not 100%",
                    fmt_pct(total_pct)
                ),
            )
            .at_line(line);
            f.expected = Some(hundred);
            f.found = Some(total_pct);
            f.difference = Some((total_pct - hundred).abs());
            f.tolerance = Some(tol);
            out.push(Issue::plain(f));
            // …and which share it is, when the amounts name it.
        }
        let (whole, hw) = (listed, listed_half);
        // Shares printed to add up to exactly 100 %: a share one last digit off
        // is the one rounded the other way to make them (86.05 + 3.52 + 0.88 +
        // 9.55 = 100.00 where 29.42 ÷ 307.82 is 9.56 %) — a difference, not a slip.
        let sums_to_hundred = (total_pct - hundred).abs() <= tol;
        for &(a, p) in &bare {
            let (a, p) = (&s.nums[a], &s.nums[p]);
            let Some((lo, hi)) = pct_interval(a.wan(), a.half_wan(), whole, hw) else {
                continue;
            };
            if !pct_consistent(p.value, lo, hi) {
                let expected = (a.wan() / whole * hundred).round_dp(p.value.scale().max(2));
                // One last digit up or down, judged at the printed precision.
                let h = half_unit(p.value);
                let near = |c: Decimal| c.abs() + h >= lo && c.abs() - h <= hi;
                let nudged = sums_to_hundred && (near(p.value + h + h) || near(p.value - h - h));
                let mut f = Finding::new(
                    RULE,
                    if nudged {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    format!(
                        "说明中 {}占 {}%，按所列各项合计 {} 万元计算应占 {}",
                        a.shown(),
                        p.written,
                        super::util::fmt(whole),
                        fmt_pct(expected)
                    ),
                    format!(
                        "the narrative gives {} as {}%; of the listed items' total {} 万元 it is {}",
                        a.shown(),
                        p.written,
                        super::util::fmt(whole),
                        fmt_pct(expected)
                    ),
                )
                .at_line(n.line_at(p.start));
                if nudged {
                    f.message_zh.push_str(
                        "；各项占比合计恰为 100%，此项差一个末位，应是为凑足 100% 而调整了尾数",
                    );
                    f.message_en.push_str(
                        "; the shares add up to exactly 100 % and this one is one last digit off: most likely rounded the other way to make them",
                    );
                }
                out.push(share_issue(f, p.value, expected));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> Document {
        crate::checks::util::narrative_doc(4, t)
    }
    const OK: &str = "主要用于以下方面：一般公共服务（类）3,207.13万元，占92.77%；农林水支出（类）100万元，占 2.89%；住房保障支出（类）150.10万元，占 4.34%。政府采购支出总额2,893.62万元，其中授予小微企业合同金额395.88万元，占政府采购支出总额的13.7%。";

    #[test]
    fn a_list_short_of_its_stated_whole_is_judged_against_it() {
        // The third pair lost from the sentence: the shares need not make 100 %, and
        // the one that disagrees with the stated whole is the error.
        let t = "一般公共预算财政拨款支出2940.05万元，主要用于：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占。";
        let issues = check(&doc(t));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].finding.expected, Some(Decimal::new(7165, 2)));
        // Said in the report's words, without a formula to decode.
        assert_eq!(
            issues[0].finding.message_zh,
            "说明中 2106.66 万元占 71.73%，按同句的总额 2940.05 万元计算应占 71.65%（同句其他各项都按此总额计算）"
        );
        // Every share right against the whole: nothing.
        let ok = t.replace("71.73%", "71.65%");
        assert!(check(&doc(&ok)).is_empty());
    }

    #[test]
    fn shares_hold() {
        assert!(check(&doc(OK)).is_empty(), "{:#?}", check(&doc(OK)));
    }

    #[test]
    fn shares_do_not_add_up() {
        let issues = check(&doc(&OK
            .replace("占 2.89%", "占 3.89%")
            .replace("13.7%", "15.7%")));
        assert_eq!(issues.len(), 3, "{issues:#?}");
        assert_eq!(issues[0].finding.severity, Severity::Error);
        assert_eq!(issues[0].finding.found, Some(Decimal::new(10100, 2)));
        // The share that breaks the sum is named: 100 ÷ 3,457.23 is 2.89%.
        assert_eq!(issues[1].finding.found, Some(Decimal::new(389, 2)));
        assert_eq!(issues[1].finding.expected, Some(Decimal::new(289, 2)));
        assert_eq!(
            issues[1].finding.message_zh,
            "说明中 100 万元占 3.89%，按所列各项合计 3,457.23 万元计算应占 2.89%"
        );
        assert_eq!(issues[2].finding.found, Some(Decimal::new(157, 1)));
    }

    #[test]
    fn whole_named_in_an_earlier_sentence() {
        let t = "本部门政府采购支出总额2,893.62万元。授予小微企业合同金额395.88万元，占政府采购支出总额的13.7%。";
        assert!(check(&doc(t)).is_empty());
        let issues = check(&doc(&t.replace("13.7%", "17.3%")));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].finding.expected, Some(Decimal::new(1368, 2)));
        assert_eq!(
            issues[0].finding.message_zh,
            "说明中 395.88 万元占政府采购支出总额 17.3%，按政府采购支出总额 2,893.62 万元计算应占 13.68%"
        );
    }

    #[test]
    fn a_share_nudged_to_make_one_hundred_is_a_warning() {
        // 29.42 ÷ 307.82 = 9.56 %, printed 9.55 % so that the four add up to 100.00 %.
        let t = "一般公共服务支出（类）264.87 万元，占 86.05%；社会保障和就业支出（类）10.82 万元，占 3.52%；卫生健康支出（类）2.71 万元，占 0.88%；住房保障支出（类）29.42 万元，占 9.55%。";
        let issues = check(&doc(t));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].finding.severity, Severity::Warning);
        assert_eq!(issues[0].finding.expected, Some(Decimal::new(956, 2)));
        // Two digits off is no nudge.
        let issues = check(&doc(&t
            .replace("占 86.05%", "占 86.04%")
            .replace("占 9.55%", "占 9.56%")
            .replace("占 3.52%", "占 3.50%")
            .replace("占 0.88%", "占 0.90%")));
        assert!(
            issues.iter().any(|i| i.finding.severity == Severity::Error),
            "{issues:#?}"
        );
    }
}
