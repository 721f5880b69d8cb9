//! `narrative_ratio` — a stated completion rate (`完成预算 4 万元的 25.50%`,
//! `完成年初预算的 112.85%`) equals actual ÷ budget, at the precision written.
//!
//! What: for a percentage whose subject says 完成 … 预算, the budget is the
//! nearest earlier amount whose subject names 预算 (`完成预算 4 万元`, `年初预算
//! 3,063.51 万元`) and the actual the nearest earlier amount before it that does
//! not (`支出决算为 1.02 万元`). When the sentence writes no budget
//! (`支出决算为 15.60 万元，完成预算的 80.00%`, `为预算的 …%`), the budget of the
//! same subject comes from the tables: the 三公 block's 预算数 for a 三公 item, or
//! for a 支出 / 收入 total the 合计 row of the one table that prints the same
//! actual in its 决算 column and has a 预算 column (none, or two disagreeing:
//! no rate is judged). A rate only sees the figures after the sentence's previous
//! rate. Each is known ± half its last digit; the stated
//! rate must fall in the resulting interval. A budget of 0 gives no rate
//! (`notice` when the actual is 0 too, else `warning`). Direction words
//! `大于 / 小于 / 超过 / 节约` comparing 决算 with 预算 are checked against the 三公
//! block in the 三公 section.
//!
//! Why: completion rates are recomputed by every reader who doubts them.
//!
//! Example: `1.02 万元，完成预算 3 万元的 34%`: 34.0 % ✓; `的 43%` is an `error`.

use super::narrative::{pct_consistent, pct_interval, read, Narrative, Num, NumUnit};
use super::narrative_figures::sangong_item;
use super::util::{amount, col_where, fmt, fmt_pct, total_row_idx, Issue};
use crate::model::{Document, Finding, ReportKind, Severity, Unit};
use crate::text::compact;
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_ratio";

/// A section about performance (绩效), however its heading is spaced.
fn is_performance_section(section: &str) -> bool {
    section.has_char('绩') && compact(section).has("绩效")
}

/// Completion-rate statements: (rule id to use, actual, budget, rate).
pub fn completion_rates(n: &Narrative) -> Vec<(&Num, &Num, &Num, bool)> {
    let mut out = Vec::new();
    for s in &n.sentences {
        let perf = is_performance_section(&s.section);
        for (k, r) in s.nums.iter().enumerate() {
            let before = window(&s.nums[..k]);
            // `完成预算 4 万元的 25.50%`: the words sit before the budget figure.
            let ctx = format!(
                "{}{}",
                before.last().map(|x| x.subject.as_str()).unwrap_or(""),
                r.subject
            );
            if r.unit != NumUnit::Pct || !(ctx.has("完成") || ctx.has("执行率")) {
                continue;
            }
            let Some(bi) = before.iter().rposition(names_budget) else {
                continue;
            };
            // The spent figure: money that is no budget of its own
            // (`年初预算数 2,860.50，全年预算数 3,245.80，全年执行数 3,102.46，
            // 执行率 95.58%` measures 3,102.46 against 3,245.80).
            let spent = |x: &&Num| x.is_money() && !x.is_change() && !names_budget(x);
            let Some(a) = before[..bi]
                .iter()
                .rev()
                .find(spent)
                .or_else(|| before[bi + 1..].iter().find(spent))
            else {
                continue;
            };
            let performance = perf
                || a.subject.has("执行数")
                || before[bi].subject.has("预算数") && a.subject.has("执行");
            out.push((a, &before[bi], r, performance));
        }
    }
    out
}

/// The figures a rate can be computed from: those after the previous rate of
/// the sentence (`…25.50%；其中公务接待费 0.50 万元，完成预算的 50%` must not
/// borrow the first clause's budget).
fn window(before: &[Num]) -> &[Num] {
    let from = before
        .iter()
        .rposition(|x| x.unit == NumUnit::Pct)
        .map_or(0, |p| p + 1);
    &before[from..]
}

/// A budget figure written in the sentence (`完成预算 4 万元的`, `年初预算 3,063.51 万元`).
fn names_budget(x: &Num) -> bool {
    x.is_money() && !x.is_change() && x.subject.has("预算") && !x.subject.has("决算")
}

/// The words with the fund names (`一般公共预算`, …) taken out: their 预算 names no budget figure.
fn without_fund_names(s: &str) -> String {
    [
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "社会保险基金预算",
    ]
    .iter()
    .fold(compact(s), |t, w| t.replace(w, ""))
}

/// A table budget a rate is measured against: its value in 万元, half its
/// last printed digit in 万元, and how it was printed (with its place).
struct TableBudget {
    wan: Decimal,
    half_wan: Decimal,
    zh: String,
    en: String,
    table: Option<String>,
}

fn to_wan(v: Decimal, unit: Unit) -> (Decimal, Decimal) {
    let f = unit.factor() / Decimal::from(10_000);
    (v * f, crate::rounding::half_unit(v) * f)
}

/// The budget of the subject the actual figure names, from the tables: the 三公
/// block's 预算数 for a 三公 item; for a 支出 / 收入 total, the 合计 row of the one
/// table whose 决算 column prints that same actual and that has a 预算 column.
fn table_budget(doc: &Document, a: &Num) -> Option<TableBudget> {
    let subj = without_fund_names(&a.subject);
    if subj.has("机关运行") || subj.has("会议") || subj.has("培训") {
        return None;
    }
    if let Some(item) = sangong_item(&subj) {
        let bl = doc.sangong.as_ref()?;
        let v = bl.budget.as_ref()?.get(item)?.value;
        let (wan, half_wan) = to_wan(v, bl.unit);
        let unit = bl.unit.as_str();
        return Some(TableBudget {
            wan,
            half_wan,
            zh: format!("{}{unit}（三公表{}预算数）", fmt(v), item.zh()),
            en: format!(
                "{} {unit} (the 三公 table's budget for {})",
                fmt(v),
                item.zh()
            ),
            table: Some(bl.table.clone()),
        });
    }
    if !(subj.has("支出") || subj.has("收入")) {
        return None;
    }
    let mut found: Vec<(Decimal, Decimal, String, String, String)> = Vec::new();
    for t in &doc.tables {
        let Some(unit) = t.unit else { continue };
        let Some(row) = total_row_idx(t) else {
            continue;
        };
        let budget_col = col_where(t, |c| {
            c.has("预算") && !c.has("决算") && !c.has("上年") && !c.has("率")
        });
        let actual_col = col_where(t, |c| {
            (c.has("决算") || c.has("执行数") || c.has("实际支出"))
                && !c.has("上年")
                && !c.has("率")
        });
        let (Some(bc), Some(ac)) = (budget_col, actual_col) else {
            continue;
        };
        let (Some(bv), Some(av)) = (amount(&t.rows[row], bc), amount(&t.rows[row], ac)) else {
            continue;
        };
        let (aw, ah) = to_wan(av, unit);
        if (aw - a.wan()).abs() > ah + a.half_wan() {
            continue;
        }
        let (bw, bh) = to_wan(bv, unit);
        found.push((
            bw,
            bh,
            format!("{} {}", fmt(bv), unit.as_str()),
            t.title.clone(),
            t.id.clone(),
        ));
    }
    // Two tables with different budgets for the same actual: no certain budget.
    let (bw, bh, written, title, id) = found.first()?.clone();
    if found.iter().any(|f| f.0 != bw) {
        return None;
    }
    Some(TableBudget {
        wan: bw,
        half_wan: bh,
        zh: format!("{}（{title}合计行预算数）", written.replace(' ', "")),
        en: format!("{written} (the budget in the 合计 row of {title})"),
        table: Some(id),
    })
}

/// `支出决算为 15.60 万元，完成预算的 80.00%`: a rate whose budget is not
/// written in the sentence, measured against the table's budget for the same subject.
fn table_budget_rates(doc: &Document, n: &Narrative) -> Vec<Finding> {
    let mut out = Vec::new();
    if doc.meta.kind == ReportKind::Budget {
        return out;
    }
    for s in &n.sentences {
        if is_performance_section(&s.section) {
            continue; // performance_rate's
        }
        for (k, r) in s.nums.iter().enumerate() {
            if r.unit != NumUnit::Pct {
                continue;
            }
            let rs = without_fund_names(&r.subject);
            let rate_of_budget =
                rs.has("预算") && ["完成", "执行", "为", "占"].iter().any(|w| rs.has(w));
            let before = window(&s.nums[..k]);
            if !rate_of_budget || before.iter().any(names_budget) {
                continue;
            }
            let Some(a) = before.iter().rev().find(|x| x.is_money() && !x.is_change()) else {
                continue;
            };
            let asub = without_fund_names(&a.subject);
            if asub.has("预算") && !asub.has("决算") {
                continue;
            }
            let Some(b) = table_budget(doc, a) else {
                continue;
            };
            let budget = Budget {
                wan: b.wan,
                half_wan: b.half_wan,
                zh: &b.zh,
                en: &b.en,
            };
            if let Some(mut f) = judge_against(RULE, n, a, &budget, r) {
                f.table = b.table.clone();
                out.push(f);
            }
        }
    }
    out
}

/// The budget a rate is judged against, in 万元, and how to name it.
struct Budget<'a> {
    wan: Decimal,
    half_wan: Decimal,
    zh: &'a str,
    en: &'a str,
}

pub fn judge(rule: &str, n: &Narrative, a: &Num, b: &Num, r: &Num) -> Option<Finding> {
    let shown = b.shown();
    let budget = Budget {
        wan: b.wan(),
        half_wan: b.half_wan(),
        zh: &shown,
        en: &shown,
    };
    judge_against(rule, n, a, &budget, r)
}

fn judge_against(rule: &str, n: &Narrative, a: &Num, b: &Budget, r: &Num) -> Option<Finding> {
    let line = n.line_at(r.start);
    if b.wan.abs() <= b.half_wan {
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
    let (lo, hi) = pct_interval(a.wan(), a.half_wan(), b.wan, b.half_wan)?;
    if pct_consistent(r.value, lo, hi) {
        return None;
    }
    let expected = (a.wan() / b.wan * Decimal::from(100)).round_dp(r.value.scale().max(2));
    let mut f = Finding::new(
        rule,
        Severity::Error,
        format!(
            "说明中完成率为 {}%，按实际 {}与预算 {}计算应为 {}",
            r.written,
            a.shown(),
            b.zh,
            fmt_pct(expected)
        ),
        format!(
            "the narrative states a completion rate of {}%; {} spent against a budget of {} is {}",
            r.written,
            a.shown(),
            b.en,
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
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out: Vec<Issue> = completion_rates(n)
        .into_iter()
        .filter(|x| !x.3)
        .filter_map(|(a, b, r, _)| judge(RULE, n, a, b, r))
        .map(Issue::plain)
        .collect();
    out.extend(table_budget_rates(doc, n).into_iter().map(Issue::plain));
    // `完成年初预算的 112.85%，决算数小于预算数…`: the words must side with the rate
    // (of the sentence, or of the one before it in the same section:
    // `…完成年初预算的96.33%。决算数小于预算数的主要原因是…`).
    for (si, s) in n.sentences.iter().enumerate() {
        // (Every phrase below holds 决.)
        if !s.text.has_char('决') {
            continue;
        }
        let t = compact(&s.text);
        let says = if t.has("决算数小于预算数") || t.has("决算小于预算") {
            -1
        } else if t.has("决算数大于预算数") || t.has("决算大于预算") {
            1
        } else {
            continue;
        };
        if t.has("三公") {
            continue; // judged against the 三公 table below
        }
        fn rates(x: &super::narrative::Sentence) -> Vec<&super::narrative::Num> {
            x.nums
                .iter()
                .filter(|x| x.unit == NumUnit::Pct && x.subject.has("完成"))
                .collect()
        }
        let mut found = rates(s);
        if found.is_empty() && si > 0 && n.sentences[si - 1].section == s.section {
            found = rates(&n.sentences[si - 1]);
        }
        for r in found {
            let hundred = Decimal::from(100);
            let h = crate::rounding::half_unit(r.value);
            let contradicts =
                (says < 0 && r.value - h > hundred) || (says > 0 && r.value + h < hundred);
            if contradicts {
                out.push(Issue::plain(
                    Finding::new(
                        RULE,
                        Severity::Error,
                        format!("说明称决算数{}预算数，但完成率为 {}%", if says < 0 { "小于" } else { "大于" }, r.written),
                        format!("the narrative says the actual is {} the budget, but the completion rate is {}%", if says < 0 { "below" } else { "above" }, r.written),
                    )
                    .at_line(n.line_at(r.start)),
                ));
            }
        }
    }
    // 决算大于 / 小于预算数 in the 三公 section.
    if let Some(bl) = &doc.sangong {
        if let (Some(act), Some(bud)) = (
            bl.actual.as_ref().and_then(|f| f.total),
            bl.budget.as_ref().and_then(|f| f.total),
        ) {
            for s in n.sentences.iter().filter(|s| s.text.has_char('决')) {
                let t = compact(&s.text);
                if !(t.has("三公") && t.has("决算") && t.has("预算")) {
                    continue;
                }
                let says = if t.has("小于预算") || t.has("低于预算") || t.has("少于预算")
                {
                    Some(-1)
                } else if t.has("大于预算")
                    || t.has("高于预算")
                    || t.has("超过预算")
                    || t.has("超出预算")
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
                        format!("说明称“三公”经费决算{}预算数，但表中决算 {}、预算 {}", if says < 0 { "小于" } else { "大于" }, super::util::fmt(act.value), super::util::fmt(bud.value)),
                        format!("the narrative says the 三公 actual is {} the budget, but the table has actual {} and budget {}", if says < 0 { "below" } else { "above" }, super::util::fmt(act.value), super::util::fmt(bud.value)),
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
    use std::str::FromStr;

    fn doc(t: &str) -> Document {
        crate::checks::util::narrative_doc(3, t)
    }

    #[test]
    fn completion_rates_hold() {
        let d = doc("“三公”经费财政拨款支出决算为 1.02 万元，完成预算 4 万元的 25.50%。其中：公务用车运行费支出决算为 1.02 万元，完成预算 3 万元的 34%。年初预算 3,063.51万元，支出决算 3,457.23万元，完成年初预算的 112.85%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn the_rate_measures_the_spent_figure_not_the_first_budget() {
        let d = doc("2022年度部门年初预算数2,860.50万元，全年预算数3,245.80万元，全年执行数3,102.46万元，预算执行率95.58%。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
        // An 执行数 rate is a performance figure: performance_rate judges it.
        let wrong = doc("2022年度部门年初预算数2,860.50万元，全年预算数3,245.80万元，全年执行数3,102.46万元，预算执行率93.58%。");
        assert!(check(&wrong).is_empty());
        let issues = super::super::performance_rate::check(&wrong);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(
            issues[0].finding.expected,
            Some(Decimal::from_str("95.58").unwrap())
        );
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

    #[test]
    fn direction_words_side_with_the_rate() {
        let ok = doc(
            "支出决算 3,457.23万元，完成年初预算的 112.85%，决算数大于预算数的主要原因是新增项目。",
        );
        assert!(check(&ok).is_empty(), "{:#?}", check(&ok));
        let bad = doc(
            "支出决算 3,457.23万元，完成年初预算的 112.85%，决算数小于预算数的主要原因是新增项目。",
        );
        let issues = check(&bad);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].finding.severity, Severity::Error);
        // The rate in the sentence before, the reason in the next.
        let split = doc(
            "一般公共预算财政拨款支出决算为52,271.16万元，完成年初预算的96.33%。决算数大于预算数的主要原因是新增项目。",
        );
        assert_eq!(check(&split).len(), 1, "{:#?}", check(&split));
        let split_ok = doc(
            "一般公共预算财政拨款支出决算为52,271.16万元，完成年初预算的96.33%。决算数小于预算数的主要原因是厉行节约。",
        );
        assert!(check(&split_ok).is_empty(), "{:#?}", check(&split_ok));
    }

    /// A 决算 report whose 三公 table has budget 20.00 / actual 15.60 (万元),
    /// 公务接待费 6.00 / 4.00, and the narrative `narr` under the 三公 heading.
    fn sangong_report(narr: &str) -> Document {
        crate::reader::read(&format!(
            "某某局\n2022年度部门决算\n\n表 3：财政拨款“三公”经费支出决算表\n金额单位：万元\n\
             项目                     预算数    决算数\n\
             合计                     20.00     15.60\n\
             因公出国（境）费         0.00      0.00\n\
             公务用车购置及运行费     14.00     11.60\n\
             其中：公务用车购置费     0.00      0.00\n\
             公务用车运行费           14.00     11.60\n\
             公务接待费               6.00      4.00\n\n\
             第三部分 2022年度部门决算情况说明\n二、“三公”经费支出决算情况说明\n{narr}\n"
        ))
    }

    fn ratio_findings(d: &Document) -> Vec<Finding> {
        check(d).into_iter().map(|i| i.finding).collect()
    }

    #[test]
    fn rate_without_written_budget_takes_the_table_budget() {
        let d = sangong_report("2022年度“三公”经费财政拨款支出决算为15.60万元，完成预算的78.00%。其中：公务接待费支出决算为4.00万元，完成预算的66.67%。公务用车购置及运行费支出决算为11.60万元，为预算的82.86%。");
        assert!(d.sangong.is_some());
        let f = ratio_findings(&d);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn wrong_rate_against_the_table_budget() {
        let d = sangong_report("2022年度“三公”经费财政拨款支出决算为15.60万元，完成预算的80.00%。其中：公务接待费支出决算为4.00万元，完成预算的66.67%。");
        let f = ratio_findings(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = &f[0];
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(f.expected, Some(Decimal::from_str("78.00").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("80.00").unwrap()));
        assert_eq!(f.difference, Some(Decimal::from_str("2.00").unwrap()));
        assert_eq!(f.tolerance, Some(Decimal::from_str("0.005").unwrap()));
        assert_eq!(
            f.table.as_deref(),
            d.sangong.as_ref().map(|b| b.table.as_str())
        );
        assert!(
            f.message_zh.has("80.00%") && f.message_zh.has("20.00万元"),
            "{}",
            f.message_zh
        );
        assert!(f.message_en.has("budget"), "{}", f.message_en);
    }

    #[test]
    fn a_later_clause_does_not_borrow_the_first_budget() {
        // The second rate has no budget of its own; 20 万元 belongs to the first.
        let d = sangong_report("“三公”经费支出决算为15.60万元，完成预算20万元的78.00%；公务接待费支出决算为4.00万元，完成预算的66.67%。");
        let f = ratio_findings(&d);
        assert!(f.is_empty(), "{f:#?}");
    }

    fn expenditure_report(rate: &str) -> Document {
        crate::reader::read(&format!(
            "某某局\n2022年度部门决算\n\n表 4：一般公共预算财政拨款支出决算表\n金额单位：万元\n\
             科目编码   科目名称          年初预算数   决算数\n\
             合计                         1,000.00     950.00\n\
             213        农林水支出        1,000.00     950.00\n\n\
             第三部分 2022年度部门决算情况说明\n一、一般公共预算财政拨款支出决算情况说明\n\
             2022年度一般公共预算财政拨款支出决算为950.00万元，完成预算的{rate}%。\n"
        ))
    }

    #[test]
    fn total_rate_takes_the_budget_column_of_the_table_that_prints_the_actual() {
        let f = ratio_findings(&expenditure_report("95.00"));
        assert!(f.is_empty(), "{f:#?}");
        let d = expenditure_report("96.00");
        let f = ratio_findings(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].expected, Some(Decimal::from_str("95.00").unwrap()));
        assert_eq!(f[0].found, Some(Decimal::from_str("96.00").unwrap()));
        assert!(f[0].message_zh.has("1,000.00万元"), "{}", f[0].message_zh);
        assert_eq!(f[0].table.as_deref(), Some(d.tables[0].id.as_str()));
    }
}
