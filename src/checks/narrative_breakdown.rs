//! `narrative_breakdown` — the parts the narrative lists under a figure
//! (`总额 A 万元，其中：货物 B 万元、工程 C 万元、服务 D 万元`) do not exceed it.
//!
//! What: after an amount followed by `其中` / `包括` / `主要包括`, the amounts up to
//! the next `；` or `。` are its parts (a part followed by its own `包括` list
//! keeps that list to itself). Their sum may fall short of the whole (a list
//! can be partial) but must not exceed it beyond rounding: that is an `error`.
//! A list that is a whole classification (政府采购 货物、工程、服务; 基本支出
//! 人员经费、公用经费) must not fall short either.
//! A complete list that adds up exactly says nothing.
//!
//! Why: breakdowns of procurement, personnel and public costs are typed by
//! hand and are checked against no table; parts larger than their whole are a
//! sure sign of a typo.
//!
//! Example: `政府采购支出总额2,893.62万元，其中：政府采购货物支出1,682.36万元、政府采购
//! 工程支出0万元、政府采购服务支出1,211.26万元` ✓; with `货物支出1,782.36万元` the parts
//! add to 2,993.62 > 2,893.62 → `error`.

use super::narrative::{read, Num};
use super::util::{fmt, Issue};
use crate::model::{Document, Finding, Severity};
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_breakdown";

/// Breakdowns that classify the whole: listed in full, their parts add up to it.
const COMPLETE_LISTS: &[&[&str]] = &[&["货物", "工程", "服务"], &["人员经费", "公用经费"]];

fn opens_list(between: &str) -> bool {
    let b = between.split(['；', ';']).next().unwrap_or("");
    b.has("其中") || b.has("包括")
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(_doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let text = &n.joined.text;
    let mut out = Vec::new();
    for s in &n.sentences {
        let money: Vec<&Num> = s
            .nums
            .iter()
            .filter(|x| x.is_money() && !x.is_change())
            .collect();
        let between = |a: &Num, b: Option<&&Num>| -> &str {
            let end = b.map_or(s.start + s.text.len(), |x| x.start);
            text.get(a.end..end).unwrap_or("")
        };
        for (k, whole) in money.iter().enumerate() {
            if !opens_list(between(whole, money.get(k + 1))) {
                continue;
            }
            // The parts: up to the next `；`; a part opening its own list ends the run.
            let mut parts: Vec<&Num> = Vec::new();
            for (j, p) in money.iter().enumerate().skip(k + 1) {
                let gap_before = text.get(money[j - 1].end..p.start).unwrap_or("");
                if j > k + 1 && gap_before.contains(['；', ';']) {
                    break;
                }
                if j == k + 1 && gap_before.split(['；', ';']).count() > 1 {
                    break;
                }
                // `基本支出2,954.55万元（人员经费2,615.25万元，公用经费339.30万元）`:
                // a bracket splits the part before it, it adds no part.
                let since_whole = text.get(whole.end..p.start).unwrap_or("");
                let open = since_whole.matches(['（', '(']).count();
                let closed = since_whole.matches(['）', ')']).count();
                if open > closed {
                    continue;
                }
                parts.push(p);
                if opens_list(between(p, money.get(j + 1))) {
                    break;
                }
            }
            if parts.is_empty() {
                continue;
            }
            let sum: Decimal = parts.iter().map(|p| p.wan()).sum();
            let tol: Decimal =
                parts.iter().map(|p| p.half_wan()).sum::<Decimal>() + whole.half_wan();
            // Some lists are a whole classification (政府采购: 货物、工程、服务;
            // 基本支出: 人员经费、公用经费): then they must not fall short either.
            let complete = COMPLETE_LISTS.iter().any(|words| {
                words
                    .iter()
                    .all(|w| parts.iter().any(|p| p.subject.contains(w)))
            });
            if complete && whole.wan() - sum > tol {
                let mut f = Finding::new(
                    RULE,
                    Severity::Error,
                    format!(
                        "说明中“{}”{} 万元之下列出的各项合计 {} 万元，少于总数 {} 万元",
                        whole.subject,
                        whole.written,
                        fmt(sum),
                        fmt(whole.wan() - sum)
                    ),
                    format!(
                        "the parts listed under “{}” {} add up to {}, {} short of the whole",
                        whole.subject,
                        whole.written,
                        fmt(sum),
                        fmt(whole.wan() - sum)
                    ),
                )
                .at_line(n.line_at(whole.start));
                f.row = Some(super::util::bare_label(&whole.subject));
                f.expected = Some(whole.wan());
                f.found = Some(sum);
                f.difference = Some(whole.wan() - sum);
                f.tolerance = Some(tol);
                out.push(Issue::plain(f));
            }
            if sum - whole.wan() > tol {
                let mut f = Finding::new(
                    RULE,
                    Severity::Error,
                    format!(
                        "说明中“{}”{} 万元之下列出的各项合计 {} 万元，超过了总数",
                        whole.subject,
                        whole.written,
                        fmt(sum)
                    ),
                    format!(
                        "the parts listed under “{}” {} add up to {}, more than the whole",
                        whole.subject,
                        whole.written,
                        fmt(sum)
                    ),
                )
                .at_line(n.line_at(whole.start));
                f.row = Some(super::util::bare_label(&whole.subject));
                f.expected = Some(whole.wan());
                f.found = Some(sum);
                f.difference = Some(sum - whole.wan());
                f.tolerance = Some(tol);
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
        crate::checks::util::narrative_doc(5, t)
    }
    const OK: &str = "2020年本部门政府采购支出总额2,893.62万元，其中：政府采购货物支出1,682.36万元、政府采购工程支出0万元、政府采购服务支出1,211.26万元。本年基本支出896.29万元，其中人员经费 778.55万元，主要包括工资福利支出 523.91万元、对个人和家庭的补助 254.64万元；公用经费 117.74万元，包括商品和服务支出 116.52万元、其他资本性 1.23 万元。";

    #[test]
    fn a_bracketed_split_of_a_part_is_no_part() {
        let t = "2025年一般公共预算支出3,533.53万元，其中：基本支出2,954.55万元（人员经费2,615.25万元，公用经费339.30万元），项目支出578.98万元。";
        assert!(check(&doc(t)).is_empty(), "{:#?}", check(&doc(t)));
        let wrong = t.replace("项目支出578.98", "项目支出678.98");
        assert_eq!(check(&doc(&wrong)).len(), 1);
    }
    #[test]
    fn a_whole_classification_must_add_up() {
        let short = OK.replace("政府采购服务支出1,211.26", "政府采购服务支出1,193.26");
        let issues = check(&doc(&short));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert!(issues[0].finding.message_zh.has("少于总数 18.00"));
    }
    #[test]
    fn lists_within_their_whole() {
        assert!(check(&doc(OK)).is_empty(), "{:#?}", check(&doc(OK)));
    }

    #[test]
    fn parts_exceeding_the_whole() {
        let issues = check(&doc(&OK.replace("货物支出1,682.36", "货物支出1,782.36")));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(
            (f.rule.as_str(), f.severity, f.line),
            (RULE, Severity::Error, Some(5))
        );
        assert_eq!(f.expected, Some(Decimal::new(289362, 2)));
        assert_eq!(f.found, Some(Decimal::new(299362, 2)));
    }
}
