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
//! In a table (any kind) whose header names a budget column (`全年预算数`,
//! `调整预算`, `预算数`), an actual column (`全年执行数`, `实际支出`, `执行数`) and a
//! rate column (`执行率`, `预算完成率`, `完成率`), every row's rate is recomputed
//! the same way; `预算调整率` = (调整预算 − 年初预算) ÷ 年初预算 likewise when
//! the header has the three. (The corpus's 2020 self-evaluation table has a
//! header wrapped over a project name that the reader cannot yet name, so only
//! its stated rate in the text is checked there.)

use super::narrative::read;
use super::narrative_ratio::{completion_rates, judge};
use super::util::Issue;
use crate::model::{Document, Finding, Severity};
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "performance_rate";

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out: Vec<Issue> = doc.tables.iter().flat_map(table_rates).collect();
    out.extend(narrative_rates(doc, n));
    out
}

fn table_rates(t: &crate::model::Table) -> Vec<Issue> {
    let mut out = Vec::new();
    let cols: Vec<String> = t
        .value_columns
        .iter()
        .map(|c| crate::text::compact(c))
        .collect();
    let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(c));
    let rate = find(&|c: &str| c.ends_with("执行率") || c.ends_with("完成率"));
    let actual = find(&|c: &str| {
        (c.has("执行数") || c.has("实际支出") || c.has("实际执行")) && !c.ends_with("率")
    });
    let adjusted = find(&|c: &str| c.has("调整预算") || c.has("全年预算") || c.has("调整后预算"));
    let initial = find(&|c: &str| c.has("年初预算"));
    let budget = adjusted
        .or(initial)
        .or_else(|| find(&|c: &str| c.has("预算数") && !c.ends_with("率")));
    let adj_rate = find(&|c: &str| c.has("调整率"));
    let mut pairs = Vec::new();
    if let (Some(r), Some(a), Some(b)) = (rate, actual, budget) {
        pairs.push((r, a, b, false));
    }
    if let (Some(r), Some(a), Some(b)) = (adj_rate, adjusted, initial) {
        pairs.push((r, a, b, true));
    }
    for (ri, row) in t.rows.iter().enumerate() {
        if row.ambiguous {
            continue;
        }
        for &(rc, ac, bc, is_adj) in &pairs {
            let (Some(r), Some(a), Some(b)) = (row.value(rc), row.value(ac), row.value(bc)) else {
                continue;
            };
            // An indicator row under the money columns (`100%  100%  6  6`:
            // target, achieved, points, score) holds no budget to rate.
            let is_pct = |c: usize| {
                row.values
                    .get(c)
                    .copied()
                    .flatten()
                    .is_some_and(|x| x.percent)
            };
            if is_pct(ac) || is_pct(bc) {
                continue;
            }
            let hb = crate::rounding::half_unit(b);
            let num = if is_adj { a - b } else { a };
            let hn = crate::rounding::half_unit(a) + if is_adj { hb } else { Decimal::ZERO };
            let Some((lo, hi)) = super::narrative::pct_interval(num, hn, b, hb) else {
                continue;
            };
            // `1.00` for 100% in tables that print a ratio instead of a percentage.
            let pct = row
                .values
                .get(rc)
                .copied()
                .flatten()
                .is_some_and(|x| x.percent)
                || r > Decimal::from(2);
            let r_pct = if pct { r } else { r * Decimal::from(100) };
            if super::narrative::pct_consistent(r_pct, lo, hi)
                || (!pct
                    && super::narrative::pct_consistent(
                        r,
                        lo / Decimal::from(100),
                        hi / Decimal::from(100),
                    ))
            {
                continue;
            }
            let expected = (num / b * Decimal::from(100)).round_dp(2);
            let what = if is_adj {
                "预算调整率"
            } else {
                "执行率"
            };
            let mut f = Finding::new(
                RULE,
                Severity::Error,
                format!(
                    "{}：{} 的{} {}% 与重新计算的 {}% 不符",
                    t.title,
                    super::util::row_key(row),
                    what,
                    r_pct,
                    expected
                ),
                format!(
                    "{}: {} {} {}% does not match the recomputed {}%",
                    t.title,
                    super::util::row_key(row),
                    what,
                    r_pct,
                    expected
                ),
            )
            .at_table(t)
            .at_line(row.line);
            f.row = Some(super::util::row_key(row));
            f.column = t.value_columns.get(rc).cloned();
            f.expected = Some(expected);
            f.found = Some(r_pct);
            f.difference = Some((r_pct - expected).abs());
            f.tolerance = Some(crate::rounding::half_unit(r_pct));
            f.cell = Some(crate::model::CellRef { row: ri, col: rc });
            out.push(Issue::plain(f));
        }
    }
    out
}

fn narrative_rates(_doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    completion_rates(n)
        .into_iter()
        .filter(|x| x.3)
        .filter_map(|(a, b, r, _)| judge(RULE, n, a, b, r))
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

    const TABLE: &str = "2020年度项目支出绩效自评表\n单位：万元\n项目名称\t年初预算数\t全年预算数\t全年执行数\t执行率\n甲项目\t40.00\t43.13\t43.13\t100%\n乙项目\t10.00\t20.00\t15.00\t75.00%\n";

    #[test]
    fn table_rates_hold() {
        let doc = crate::reader::read(TABLE);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn table_rate_wrong() {
        let doc = crate::reader::read(&TABLE.replace("75.00%", "57.00%"));
        let issues = check(&doc);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(
            (f.row.as_deref(), f.column.as_deref()),
            (Some("乙项目"), Some("执行率"))
        );
        assert_eq!(f.expected, Some(Decimal::from_str("75.00").unwrap()));
    }
}
