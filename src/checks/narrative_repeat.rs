//! `narrative_repeat` — the narrative gives one item two different amounts.
//!
//! What: every amount the narrative states for a 三公 item (合计, 因公出国（境）,
//! 公务用车购置及运行 / 购置 / 运行, 公务接待) or for 机关运行经费 is grouped by item
//! and by what it is (预算数 or 决算数 / 支出); figures of another year
//! (`上年`, `2024年…` in a 2025 report), changes (`增加 …`) and comparisons
//! (`比…`, `较…`) are left out. Two amounts of one group that differ beyond
//! rounding are a `warning` that quotes both lines: one of them is a slip, and
//! a reader cannot tell which from the text alone (the tables decide, and
//! [`super::narrative_figures`] judges each against them).
//!
//! Why: the 三公 and 机关运行经费 figures are stated in the overview, in their
//! own section and again in the 其他重要事项; a figure corrected in one place
//! and not the other is a classic slip.
//!
//! Example: `“三公”经费财政拨款支出决算为 1.02 万元` on line 624 and `“三公”经费支出
//! 1.20 万元` on line 640 of a 决算 → `warning` (1.02 vs 1.20); the same figure twice
//! → nothing.

use super::narrative::{read, Narrative, NumUnit};
use super::narrative_figures::{said_of_last_year, sangong_item};
use super::util::Issue;
use crate::model::{Document, Finding, ReportKind, Severity};
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_repeat";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Budget,
    Actual,
}

fn item_of(s: &str) -> Option<&'static str> {
    if s.has("机关运行经费") {
        return Some("机关运行经费");
    }
    sangong_item(s).map(|i| i.zh())
}

fn other_year(s: &str, year: Option<i32>) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i] == b'2'
            && b[i + 1] == b'0'
            && b[i + 2..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && !b.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            && s[i..i + 4].parse::<i32>().ok() != year
    })
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    let kind = doc.meta.kind;
    if kind != ReportKind::Final && kind != ReportKind::Budget {
        return out;
    }
    // (item, role) → (value in 万元, half unit, line, written)
    // (A list of groups, sorted below: the order a map gave, without a map's code.)
    #[allow(clippy::type_complexity)]
    let mut groups: Vec<((&'static str, Role), Vec<(Decimal, Decimal, usize, String)>)> =
        Vec::new();
    for s in &n.sentences {
        for x in &s.nums {
            if x.unit == NumUnit::Pct || x.is_change() {
                continue;
            }
            let subj = crate::text::compact(&x.subject);
            if said_of_last_year(&subj)
                || [
                    "比",
                    "较",
                    "同比",
                    "年初",
                    "累计",
                    "其中",
                    "以内",
                    "不超过",
                    "控制",
                ]
                .iter()
                .any(|w| subj.has(w))
                || other_year(&subj, doc.meta.year)
            {
                continue;
            }
            let Some(item) = item_of(&subj) else { continue };
            let role = if subj.has("决算") {
                Role::Actual
            } else if subj.has("预算") || kind == ReportKind::Budget {
                Role::Budget
            } else if subj.has("支出") {
                Role::Actual
            } else {
                continue;
            };
            let said = (x.wan(), x.half_wan(), n.line_at(x.start), x.written.clone());
            match groups.iter_mut().find(|(k, _)| *k == (item, role)) {
                Some((_, v)) => v.push(said),
                None => groups.push(((item, role), vec![said])),
            }
        }
    }
    crate::stable_sort::by(&mut groups, |a, b| a.0.cmp(&b.0));
    for ((item, role), v) in &groups {
        let Some(first) = v.first() else { continue };
        if let Some(other) = v.iter().find(|o| (o.0 - first.0).abs() > o.1 + first.1) {
            let (rz, re) = match role {
                Role::Budget => ("预算数", "budget"),
                Role::Actual => ("决算（支出）数", "actual"),
            };
            let mut f = Finding::new(
                RULE,
                Severity::Warning,
                format!(
                    "说明中{item}的{rz}前后不一：第 {} 行写 {} 万元，第 {} 行写 {} 万元",
                    first.2, first.3, other.2, other.3
                ),
                format!(
                    "the narrative gives {item} ({re}) two amounts: {} on line {} and {} on line {}",
                    first.3, first.2, other.3, other.2
                ),
            )
            .at_line(other.2);
            f.expected = Some(first.0);
            f.found = Some(other.0);
            f.difference = Some((other.0 - first.0).abs());
            f.tolerance = Some(first.1 + other.1);
            f.row = Some(item.to_string());
            out.push(Issue::plain(f));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;

    fn doc(lines: &[&str]) -> Document {
        Document {
            meta: crate::model::Meta {
                kind: ReportKind::Final,
                year: Some(2020),
                ..Default::default()
            },
            narrative: lines
                .iter()
                .enumerate()
                .map(|(i, t)| NarrativeLine {
                    line: 10 * (i + 1),
                    text: t.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_figure_twice_passes() {
        let d = doc(&[
            "2020 年度“三公”经费财政拨款支出决算为 1.02 万元，完成预算 4 万元的 25.50%。",
            "“三公”经费支出决算 1.02 万元，比上年减少 4.32 万元。上年“三公”经费支出 5.34 万元。",
            "2019年“三公”经费支出决算为 5.34 万元。",
        ]);
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn two_amounts_for_one_item_are_a_warning() {
        let d = doc(&[
            "2020 年度“三公”经费财政拨款支出决算为 1.02 万元。",
            "公务接待费支出决算为 0.30 万元。",
            "“三公”经费支出决算 1.20 万元。",
        ]);
        let f = check(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].finding.severity, Severity::Warning);
        assert_eq!(f[0].finding.line, Some(30));
    }
}
