//! `department_name` — the department's name is the same in the text as on the
//! cover and the tables.
//!
//! What: wherever the narrative names the reporting body before a year (`广州市
//! 天河区政务服务数据管理局 2020 年度总收入…`), the name must be the report's
//! department ([`crate::model::Meta::department`], read from the cover and the
//! `部门：` lines). An abbreviation whose characters all appear in order in the
//! full name (`天河区政务办` for `广州市天河区人民政府政务管理办公室`) is the same
//! body; any other name is a `warning` naming the line.
//!
//! Why: reports are often made from last year's file or another department's;
//! a leftover name is the visible trace of that.
//!
//! The same holds for each table's `部门：` line and for the cover: a table
//! made from another department's file, or a cover left from last year, is a
//! `warning` naming it.
//!
//! Example: department `广州市天河区政务服务数据管理局`, text `广州市天河区财政局 2020
//! 年度总收入 8,249.6 万元` → `warning` at that line.

use super::narrative::read;
use super::util::Issue;
use crate::model::{Document, Finding, Severity};

pub const RULE: &str = "department_name";

const SUFFIXES: &[&str] = &[
    "办公室",
    "委员会",
    "管理局",
    "局",
    "办",
    "中心",
    "委",
    "厅",
    "院",
    "馆",
    "所",
    "队",
    "站",
    "会",
    "部",
];

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|d| d == c))
}

/// The name ending right before byte `pos` (a year), if it looks like a body's name.
fn name_before(text: &str, pos: usize) -> Option<String> {
    let head = &text[..pos];
    let head = head.trim_end();
    let start = head
        .rfind(['，', '。', '；', '：', '、', '）', '（', ' '])
        .map(|p| p + head[p..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let mut cand = crate::text::compact(&head[start..]);
    // Drop a leading heading or 本部门 etc.
    for p in ["本部门", "我部门"] {
        if cand.starts_with(p) {
            return None;
        }
    }
    if let Some(i) = cand.rfind(|c: char| c.is_ascii_digit()) {
        cand = cand[i + 1..].to_string();
    }
    let place = ["省", "市", "区", "县", "州", "旗"]
        .iter()
        .any(|p| cand.contains(p));
    if cand.chars().count() < 5 || !place || !SUFFIXES.iter().any(|s| cand.ends_with(s)) {
        return None;
    }
    // Keep from the first place word's start: `情况说明广州市…` → `广州市…`.
    Some(cand)
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// Two spellings of one body: equal, or one abbreviates the other (all its
/// characters in order, four at least).
fn same_body(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    a == b || short.chars().count() >= 4 && is_subsequence(short, long)
}

/// The tables' `部门：` lines and the cover against the department the report
/// names most often.
fn tables_and_cover(doc: &Document, dept: &str, out: &mut Vec<Issue>) {
    // Names already reported (a handful: a list, not a set's code in the wasm).
    let mut seen: Vec<String> = Vec::new();
    for t in &doc.tables {
        let Some(name) = t.department.as_deref() else {
            continue;
        };
        if !same_body(name, dept) && !seen.iter().any(|s| s == name) {
            seen.push(name.to_string());
            out.push(Issue::plain(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!("“{}”表头的部门“{name}”与报告的部门“{dept}”不一致", t.title),
                    format!(
                        "the header of “{}” names “{name}”, not the report's department “{dept}”",
                        t.title
                    ),
                )
                .at_table(t)
                .at_line(t.lines[0]),
            ));
        }
    }
    if let Some(cover) = doc.cover_department.as_deref() {
        if !same_body(cover, dept) {
            out.push(Issue::plain(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!("封面的单位名称“{cover}”与各表的部门“{dept}”不一致"),
                    format!("the cover names “{cover}”, but the tables name “{dept}”"),
                )
                .at_line(1),
            ));
        }
    }
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(dept) = doc.meta.department.as_deref() else {
        return out;
    };
    let dept = crate::text::compact(dept);
    tables_and_cover(doc, &dept, &mut out);
    let text = &n.joined.text;
    let b = text.as_bytes();
    // Names already reported (a handful: a list, not a set's code in the wasm).
    let mut seen: Vec<String> = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let year = b[i..i + 4].iter().all(|d| d.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && text[i + 4..].trim_start().starts_with('年');
        if year {
            if let Some(name) = name_before(text, i) {
                // `…说明广州市天河区…局`: a heading glued on; cut at the department's first characters.
                let name = dept
                    .chars()
                    .next()
                    .and_then(|c| name.find(c).map(|p| name[p..].to_string()))
                    .unwrap_or(name);
                // A leading verb (`纳入天河区政务办`) is no part of the name: any tail of
                // four or more characters that abbreviates the department is it.
                let same = name.ends_with(&dept)
                    || name.char_indices().any(|(k, _)| {
                        name[k..].chars().count() >= 4 && is_subsequence(&name[k..], &dept)
                    });
                if !same && !seen.contains(&name) {
                    seen.push(name.clone());
                    let line = n.line_at(i);
                    out.push(Issue::plain(
                        Finding::new(
                            RULE,
                            Severity::Warning,
                            format!("说明中的单位名称“{name}”与报告的部门“{dept}”不一致"),
                            format!("the narrative names “{name}”, not the report's department “{dept}”"),
                        )
                        .at_line(line),
                    ));
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, NarrativeLine};

    fn doc(t: &str) -> Document {
        Document {
            meta: Meta {
                department: Some("广州市天河区人民政府政务管理办公室".into()),
                ..Default::default()
            },
            narrative: vec![NarrativeLine {
                line: 9,
                text: t.into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn same_name_and_abbreviation_pass() {
        let d = doc("广州市天河区人民政府政务管理办公室 2017 年度总收入 3,468.16 万元。天河区政务办2017年度会议费决算 0万元。按照要求，纳入天河区政务办 2017年部门决算编报范围。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn another_department_is_named() {
        let d = doc("广州市天河区财政局 2017 年度总收入 3,468.16 万元。");
        let issues = check(&d);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!(
            (f.rule.as_str(), f.severity, f.line),
            (RULE, Severity::Warning, Some(9))
        );
        assert!(f.message_zh.contains("广州市天河区财政局"));
    }
}
