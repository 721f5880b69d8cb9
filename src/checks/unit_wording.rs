//! `unit_wording` — a 部门 report's tables say 部门, a 单位 report's say 单位.
//!
//! What: the cover (the lines before 目录 or the first heading) calls the
//! report a 部门预算/部门决算 or a 单位预算/单位决算. A table whose title says
//! the other (`2025年预算单位收入预算总表` in a 部门预算, `2025年部门收入预算总表`
//! in a 单位预算) is listed in one `notice` for the report: the tables may be
//! those of the other report (a department publishes both, with different
//! figures), or only the wording slipped.
//!
//! Why: a 主管部门 publishes its 部门 report (all its units together) and each
//! unit its own 单位 report; the two are made from one template and are easily
//! mixed up when the files are put together.
//!
//! Example: cover `上海市普陀区2025年区级部门预算`, a table titled
//! `2025年预算单位财务收支预算总表` → `notice` naming it; `2025年部门财务收支预算总表`
//! → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, Severity};
use crate::text::compact;
use crate::text::Has;

pub const RULE: &str = "unit_wording";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Dept,
    Unit,
}

fn cover_scope(doc: &Document) -> Option<Scope> {
    let mut dept = false;
    let mut unit = false;
    for l in doc.narrative.iter().take(10) {
        let c = compact(&l.text);
        if c == "目录" || c == "目次" {
            break;
        }
        dept |= c.has("部门预算") || c.has("部门决算");
        unit |= c.has("单位预算") || c.has("单位决算");
    }
    match (dept, unit) {
        (true, false) => Some(Scope::Dept),
        (false, true) => Some(Scope::Unit),
        _ => None,
    }
}

fn title_scope(title: &str) -> Option<Scope> {
    let c = compact(title);
    let unit = c.has("预算单位")
        || c.has("单位预算")
        || c.has("单位决算")
        || c.trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '度')
            .starts_with("单位");
    let dept = c.has("部门");
    match (dept, unit) {
        (true, false) => Some(Scope::Dept),
        (false, true) => Some(Scope::Unit),
        _ => None,
    }
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(scope) = cover_scope(doc) else {
        return out;
    };
    let odd: Vec<_> = doc
        .tables
        .iter()
        .filter(|t| title_scope(&t.title).is_some_and(|s| s != scope))
        .collect();
    let Some(first) = odd.first() else { return out };
    let names: Vec<String> = odd.iter().map(|t| format!("“{}”", t.title)).collect();
    let (cover_zh, other_zh, cover_en, other_en) = match scope {
        Scope::Dept => ("部门", "单位", "department", "unit"),
        Scope::Unit => ("单位", "部门", "unit", "department"),
    };
    out.push(Issue::plain(
        Finding::new(
            RULE,
            Severity::Notice,
            format!(
                "封面是{cover_zh}报告，但{} 张表的标题写作“{other_zh}”：{}",
                odd.len(),
                names.join("、")
            ),
            format!(
                "the cover says this is a {cover_en} report, but {} table title(s) say {other_en}: {}",
                odd.len(),
                names.join(", ")
            ),
        )
        .at_table(first)
        .at_line(first.lines[0]),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;

    fn doc(cover: &str, titles: &[&str]) -> Document {
        Document {
            narrative: vec![NarrativeLine {
                line: 1,
                text: cover.into(),
            }],
            tables: titles
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut d =
                        crate::reader::read(&format!("{t}\n单位：万元\n项目\t金额\n合计\t1.00\n"));
                    let mut tb = d.tables.remove(0);
                    tb.id = format!("t{}", i + 1);
                    tb.title = t.to_string();
                    tb
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn matching_wording_passes() {
        let d = doc(
            "上海市普陀区2025年区级部门预算",
            &["2025年部门财务收支预算总表", "收支总表"],
        );
        assert!(check(&d).is_empty());
        let d = doc(
            "上海市普陀区2025年区级单位预算",
            &[
                "2025年预算单位财务收支预算总表",
                "单位“三公”经费和机关运行经费预算表",
            ],
        );
        assert!(check(&d).is_empty());
    }

    #[test]
    fn a_unit_table_in_a_department_report_is_one_notice() {
        let d = doc(
            "上海市普陀区2025年区级部门预算",
            &[
                "2025年部门财务收支预算总表",
                "2025年预算单位收入预算总表",
                "单位“三公”经费和机关运行经费预算表",
            ],
        );
        let f = check(&d);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].finding.severity, Severity::Notice);
        assert!(
            f[0].finding.message_zh.has("2 张表"),
            "{}",
            f[0].finding.message_zh
        );
    }
}
