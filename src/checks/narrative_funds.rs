//! `narrative_funds` — the 政府性基金 and 国有资本经营 spending the narrative states,
//! against those funds' own tables.
//!
//! What: an amount whose words name one of the two funds and its spending
//! (`政府性基金拨款支出预算 0 万元`, `2026年国有资本经营预算支出 120.5 万元`,
//! `政府性基金预算支出 943.8 万元`) is held against the total row of that fund's
//! table (`budget.gov_fund` / `final.gov_fund`, `budget.state_capital` /
//! `final.state_capital`): its 本年支出 小计 (决算) or 合计 / 小计 (预算). A table
//! that says it is empty counts as 0. A difference beyond rounding is a
//! `warning` with both figures: these tables are often printed as pictures or
//! with shifted columns, so the reading is less certain than a main table's.
//! Income (`…收入`), last year's figures, changes and 其中 parts are left out;
//! the 决算 wording `政府性基金预算财政拨款支出` is [`super::narrative_figures`]'s.
//!
//! Why: a department without fund money writes `0 万元` and prints an empty
//! table; one with fund money states it in the text and in a table that no
//! other check reads against the narrative.
//!
//! Example: narrative `政府性基金预算支出 943.8 万元`, table total 943.80 → nothing;
//! table total 843.80 → `warning` (difference 100.00).

use super::narrative::{read, Narrative, NumUnit};
use super::util::{fmt, Issue};
use crate::model::{Document, Finding, Severity, TableState, Unit};
use crate::rounding::half_unit;
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_funds";

/// The fund's table and its total spending, in 万元 with its half unit.
fn table_total(doc: &Document, kinds: [&str; 2]) -> Option<(Decimal, Decimal, String, usize)> {
    let t = kinds.iter().find_map(|k| doc.table_of_kind(k))?;
    if t.state == TableState::Empty
        && t.rows
            .iter()
            .all(|r| r.values.iter().all(|v| v.is_none_or(|a| a.value.is_zero())))
    {
        return Some((Decimal::ZERO, Decimal::ZERO, t.title.clone(), t.lines[0]));
    }
    let cols: Vec<String> = t
        .value_columns
        .iter()
        .map(|c| crate::text::compact(c))
        .collect();
    let col = cols
        .iter()
        .position(|c| c.has("本年支出") && (c.ends_with("小计") || c.ends_with("合计")))
        .or_else(|| {
            cols.iter().position(|c| {
                c == "合计" || c == "小计" || c.ends_with("支出/小计") || c == "本年支出合计"
            })
        })?;
    let row = t.total_row()?;
    let v = super::util::amount(row, col)?;
    // Trust the row only where its parts add up (小计 = 基本支出 + 项目支出).
    let part = |w: &str| {
        cols.iter()
            .position(|c| c.ends_with(w))
            .and_then(|i| super::util::amount(row, i))
    };
    if let (Some(b), Some(p)) = (part("基本支出"), part("项目支出")) {
        if (v - b - p).abs() > half_unit(v) + half_unit(b) + half_unit(p) {
            return None;
        }
    }
    let unit = t.unit_or(doc.meta.unit);
    Some((
        unit.convert(v, Unit::WanYuan),
        unit.convert(half_unit(v), Unit::WanYuan),
        t.title.clone(),
        row.line,
    ))
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    let funds = [
        ("政府性基金", ["budget.gov_fund", "final.gov_fund"]),
        (
            "国有资本经营",
            ["budget.state_capital", "final.state_capital"],
        ),
    ];
    for (word, kinds) in funds {
        let Some((total, ht, title, _)) = table_total(doc, kinds) else {
            continue;
        };
        let mut reported = false;
        for s in &n.sentences {
            for x in &s.nums {
                if reported || x.unit == NumUnit::Pct || x.is_change() {
                    continue;
                }
                let subj = crate::text::compact(&x.subject);
                if !subj.has(word)
                    || !subj.has("支出")
                    || subj.has("收入")
                    || subj == "政府性基金预算财政拨款支出"
                    || subj == "国有资本经营预算财政拨款支出"
                    || super::narrative_figures::said_of_last_year(&subj)
                    || [
                        "比",
                        "较",
                        "结转",
                        "结余",
                        "基本支出",
                        "项目支出",
                        "其中",
                        "年初",
                        "调整",
                        "执行",
                    ]
                    .iter()
                    .any(|w| subj.has(w))
                {
                    continue;
                }
                let (v, hv) = (x.wan(), x.half_wan());
                let tol = hv + ht;
                if (v - total).abs() <= tol {
                    continue;
                }
                let mut f = Finding::new(
                    RULE,
                    Severity::Warning,
                    format!(
                        "说明中“{}{}万元”与“{}”的合计 {} 万元不符，相差 {}",
                        x.subject,
                        x.written,
                        title,
                        fmt(total),
                        fmt((v - total).abs())
                    ),
                    format!(
                        "the narrative's “{} {}” differs from the total {} of “{}” by {}",
                        x.subject,
                        x.written,
                        fmt(total),
                        title,
                        fmt((v - total).abs())
                    ),
                )
                .at_line(n.line_at(x.start));
                f.expected = Some(total);
                f.found = Some(v);
                f.difference = Some((v - total).abs());
                f.tolerance = Some(tol);
                out.push(Issue::plain(f));
                // One finding a fund: a second statement of the same slip is no news.
                reported = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(narr: &str, total: &str) -> String {
        format!("2026年部门预算\n情况说明\n{narr}\n\n政府性基金预算支出情况表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t{total}\t0.00\t{total}\n212\t城乡社区支出\t{total}\t0.00\t{total}\n21208\t国有土地使用权出让收入安排的支出\t{total}\t0.00\t{total}\n2120806\t土地出让业务支出\t{total}\t0.00\t{total}\n")
    }

    #[test]
    fn the_tables_total_passes() {
        let doc = crate::reader::read(&report(
            "本部门2026年政府性基金预算支出 943.8 万元，国有资本经营预算支出 0 万元。",
            "943.80",
        ));
        assert!(doc.table_of_kind("budget.gov_fund").is_some());
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn another_figure_is_a_warning() {
        let doc = crate::reader::read(&report(
            "本部门2026年政府性基金预算支出 943.8 万元。",
            "843.80",
        ));
        let f = check(&doc);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].finding.severity, Severity::Warning);
        assert_eq!(f[0].finding.difference, Some(Decimal::from(100)));
    }
}
