//! `year_consistency` — the cover, the table of contents, the headings, the
//! table titles and the narrative name one year, and no year is cut short.
//!
//! What: the report's year is the one its cover (the lines before the first
//! heading or 目录) names, else the reader's `meta.year`. A table title, a
//! heading or a 目录 entry that names another year as the report's
//! (`2024年部门收入预算总表` in a 2025 budget), and a sentence that calls the
//! report another year's (`2024年度部门决算` in a 2025 final), are `warning`s
//! naming both years: the figures may be last year's, left in. A year cut short
//! (`202 年度`, `20 年部门预算`) is a `warning` too. A year said of something else
//! (`比2024年预算执行数`, `2019年机构改革`) is no finding.
//!
//! Why: the report is made by copying last year's; a title or a heading whose
//! year was not changed is a common slip, and it casts doubt on the figures
//! under it.
//!
//! Example: cover `上海市普陀区2025年区级部门预算`, title
//! `2024年部门财务收支预算总表` → `warning` (2024 vs 2025); `2025年…` → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, ReportKind, Severity};
use crate::text::Has;

pub const RULE: &str = "year_consistency";

/// Every `20xx 年` in `s`: (byte offset, year).
fn years(s: &str) -> Vec<(usize, i32)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i] == b'2'
            && b[i + 1] == b'0'
            && b[i + 2..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && !b.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            && s[i + 4..].trim_start().starts_with('年')
        {
            if let Ok(y) = s[i..i + 4].parse() {
                out.push((i, y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// A year with digits missing: `202 年度`, `20 年部门预算` (2–3 digits from `20`,
/// then 年度 / 年部门 / 年单位 / 年预算 / 年决算).
fn truncated(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 2 <= b.len() {
        if b[i] == b'2' && b[i + 1] == b'0' && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let n = j - i;
            if (2..=3).contains(&n) {
                let rest = s[j..].trim_start_matches(' ');
                let kinds = [
                    "年度",
                    "年部门",
                    "年单位",
                    "年预算",
                    "年决算",
                    "年区级",
                    "年市级",
                ];
                if kinds.iter().any(|k| rest.starts_with(k)) {
                    let end = s[j..].len() - rest.len() + j;
                    let tail: String = rest.chars().take(4).collect();
                    return Some(format!("{}{}", &s[i..end], tail));
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// The year is said of the report itself: `2025年部门预算`, `2024年度收入支出决算总表`,
/// `2020 年度总收入`; not `比2024年`, `2024年预算执行数`, `与2023年预算持平`.
fn of_the_report(s: &str, at: usize, kind: ReportKind) -> bool {
    let head = &s[..at];
    let tail = s[at + 4..]
        .trim_start()
        .trim_start_matches('年')
        .trim_start_matches('度');
    let tail = tail.trim_start();
    if [
        "比", "较", "与", "同", "于", "至", "截至", "自", "从", "和", "及", "、",
    ]
    .iter()
    .any(|w| head.trim_end().ends_with(w))
    {
        return false;
    }
    if tail.starts_with("预算执行") || tail.starts_with("当年预算执行") || tail.starts_with("执行")
    {
        return false;
    }
    let own = match kind {
        ReportKind::Final => ["部门决算", "单位决算", "决算"].as_slice(),
        ReportKind::Budget => [
            "部门预算",
            "单位预算",
            "区级部门预算",
            "区级单位预算",
            "市级部门预算",
            "市级单位预算",
            "预算单位",
            "部门财务",
            "部门收",
            "部门支",
            "部门一般",
            "部门政府",
            "部门国有",
            "部门“三公",
            "市级部门",
            "区级部门",
        ]
        .as_slice(),
        _ => return false,
    };
    own.iter().any(|w| tail.starts_with(w))
}

fn is_heading(t: &str) -> bool {
    let t = t.trim().trim_start_matches(['-', ' ']);
    if t.is_empty() || t.chars().count() > 60 || t.has_char('。') {
        return false;
    }
    let cn = |c: char| crate::text::is_cn_digit(c);
    let mut ch = t.chars();
    let first = ch.next().unwrap_or(' ');
    ((first == '（' || first == '(') && ch.next().is_some_and(cn))
        || (cn(first) && t.chars().find(|c| !cn(*c)) == Some('、'))
        || t.starts_with('第')
        || first.is_ascii_digit() && t.has_char('表') && t.chars().count() < 40
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut cut = Vec::new();
    let kind = doc.meta.kind;
    // The cover: the narrative lines before 目录 or the first heading.
    let cover_end = doc
        .narrative
        .iter()
        .position(|l| {
            let c = crate::text::compact(&l.text);
            c == "目录" || is_heading(&l.text)
        })
        .unwrap_or(doc.narrative.len().min(6))
        .min(8);
    let cover_year = doc.narrative[..cover_end]
        .iter()
        .flat_map(|l| years(&l.text))
        .map(|(_, y)| y)
        .next();
    let Some(year) = cover_year.or(doc.meta.year) else {
        return out;
    };
    let mut report = |line: usize, where_zh: &str, where_en: &str, quote: &str, y: i32| {
        out.push(Issue::plain(
            Finding::new(
                RULE,
                Severity::Warning,
                format!("{where_zh}“{quote}”写的是 {y} 年，而报告是 {year} 年的"),
                format!("the {where_en} “{quote}” names {y}, but the report is for {year}"),
            )
            .at_line(line),
        ));
    };
    for t in &doc.tables {
        for (_, y) in years(&t.title) {
            if y != year && (kind == ReportKind::Budget || kind == ReportKind::Final) {
                report(t.lines[0], "表标题", "table title", &t.title, y);
                break;
            }
        }
    }
    for l in &doc.narrative {
        let text = l.text.trim();
        let heading = is_heading(text) || text.has("……");
        for (at, y) in years(text) {
            if y == year {
                continue;
            }
            let quote: String = text.chars().take(40).collect();
            if heading && !text.has("上年") && of_the_report(text, at, kind) {
                report(l.line, "标题或目录", "heading or contents entry", &quote, y);
                break;
            }
            if !heading && of_the_report(text, at, kind) {
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .nth(12)
                    .map_or(0, |(i, _)| i);
                let q: String = text[start..].chars().take(24).collect();
                report(l.line, "说明", "narrative", &q, y);
                break;
            }
        }
        if let Some(q) = truncated(text) {
            cut.push(Issue::plain(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    format!("“{q}”：年份不完整"),
                    format!("“{q}”: the year is cut short"),
                )
                .at_line(l.line),
            ));
        }
    }
    out.extend(cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;

    fn doc(lines: &[&str]) -> Document {
        Document {
            narrative: lines
                .iter()
                .enumerate()
                .map(|(i, t)| NarrativeLine {
                    line: i + 1,
                    text: t.to_string(),
                })
                .collect(),
            meta: crate::model::Meta {
                kind: ReportKind::Final,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn one_year_throughout_passes() {
        let d = doc(&[
            "2020 年 广州市天河区政务服务数据管理局",
            "部门决算",
            "目 录",
            "第二部分 广州市天河区政务服务数据管理局 2020 年部门决算表",
            "一、2020 年度收入支出决算总体情况说明",
            "因 2019 年年中机构改革，比2019年决算增加。与2019年度部门决算相比有所增加。",
        ]);
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn a_heading_of_last_year_and_a_cut_year_are_named() {
        let d = doc(&[
            "2020 年 广州市天河区政务服务数据管理局",
            "部门决算",
            "目 录",
            "第二部分 广州市天河区政务服务数据管理局 2019 年部门决算表",
            "本部门202 年度收入合计 8,249.6 万元。",
        ]);
        let f: Vec<_> = check(&d).into_iter().map(|i| i.finding).collect();
        assert_eq!(
            f.iter().map(|f| f.line.unwrap()).collect::<Vec<_>>(),
            vec![4, 5],
            "{f:#?}"
        );
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
    }
}
