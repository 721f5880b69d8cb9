//! `toc_tables` — every table the table of contents (目录) lists is in the
//! report, in the order listed.
//!
//! What: the 目录 block (the lines after `目录` / `目 录`, up to where the body
//! begins) is read for entries that name a table (`五、一般公共预算财政拨款支出决算表`,
//! `3. 2025年部门支出预算总表 ……… 12`); each is looked up among the tables
//! read, by title and by kind. A listed table that is nowhere is a `warning`
//! that names it; one whose title is printed but whose figures could not be
//! read (a scanned page, a picture) is a `notice`. Tables found out of the
//! listed order are one `notice`. An entry cut off by the extraction
//! (`…功能分类预算�`) is skipped, not guessed.
//!
//! Why: a table the contents promise and the report lacks is the first thing a
//! reviewer sees; it also tells which cross-table checks could not run.
//!
//! Example: a 目录 that lists `十、非税收入征缴情况表` in a report with no such
//! table → `warning` naming it; all listed tables present → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, Severity};
use crate::reader::titles::{classify_title, strip_numbering};
use crate::text::compact;
use crate::text::Has;

pub const RULE: &str = "toc_tables";

struct Entry {
    line: usize,
    title: String,
    key: String,
    kind: Option<&'static str>,
}

/// The entry without numbering, leader dots, page number or year prefix.
fn entry_title(t: &str) -> Option<String> {
    let (_, rest) = strip_numbering(t);
    let mut s = compact(&rest);
    // `……… 12`, `....3`, trailing page numbers.
    s = s
        .trim_end_matches(|c: char| c.is_ascii_digit() || "…．.·-— ".contains(c))
        .to_string();
    // Ordinals `（一）`, `一、`, `1.`, `5．` that strip_numbering leaves.
    loop {
        let before = s.clone();
        if s.starts_with('（') || s.starts_with('(') {
            if let Some(e) = s.find(['）', ')']) {
                let inner = &s[s.chars().next().unwrap().len_utf8()..e];
                if !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| crate::text::is_cn_digit(c) || c.is_ascii_digit())
                {
                    s = s[e + s[e..].chars().next().unwrap().len_utf8()..].to_string();
                }
            }
        }
        // `一、`, `1.`, `5．`: numerals only when a separator follows (`一般…` stays).
        let t = s.trim_start_matches(|c: char| crate::text::is_cn_digit(c) || c.is_ascii_digit());
        if t.len() < s.len() && t.starts_with(['、', '.', '．', ':', '：']) {
            let t = t.trim_start_matches(['、', '.', '．', ' ', ':', '：']);
            if !t.is_empty() {
                s = t.to_string();
            }
        }
        if s == before {
            break;
        }
    }
    if !s.ends_with('表') && !s.ends_with("表）") && !s.ends_with("表)") {
        return None;
    }
    if s.starts_with('第') && s.has("部分") {
        return None;
    }
    // The part that holds the tables (`五、部门预算表`, `四、2026 年部门预算表`,
    // `湖州市交通运输局部门预算表`), not a table.
    let whole = [
        "部门预算表",
        "单位预算表",
        "部门决算表",
        "单位决算表",
        "预算表",
        "决算表",
    ];
    if whole.iter().any(|w| s.ends_with(w))
        && !s.has_char('收')
        && !s.has_char('支')
        && !s.has("三公")
        && !s.has("经费")
    {
        return None;
    }
    Some(s)
}

/// A title without its year (`2025年`, `2024年度`) and 部门/单位/预算单位 words
/// that differ between the contents and the page.
fn key(s: &str) -> String {
    let mut k: String = s.to_string();
    if let Some(p) = k.find('年') {
        if k[..p].chars().all(|c| c.is_ascii_digit()) {
            k = k[p + '年'.len_utf8()..]
                .trim_start_matches('度')
                .to_string();
        }
    }
    k.replace(['“', '”', '"', '‘', '’', ' '], "")
}

fn entries(doc: &Document) -> Vec<Entry> {
    let mut out = Vec::new();
    let Some(start) = doc
        .narrative
        .iter()
        .position(|l| matches!(compact(&l.text).as_str(), "目录" | "目次"))
    else {
        return out;
    };
    let mut seen_titles: Vec<String> = Vec::new();
    for l in doc.narrative[start + 1..].iter().take(80) {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        // The body begins: a sentence, or an entry seen before (the heading itself).
        if t.has_char('。') || t.chars().count() > 60 {
            break;
        }
        let Some(title) = entry_title(t) else {
            continue;
        };
        let k = key(&title);
        if seen_titles.contains(&k) {
            break;
        }
        seen_titles.push(k.clone());
        let kind = classify_title(&title);
        out.push(Entry {
            line: l.line,
            title,
            key: k,
            kind,
        });
    }
    out
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let list = entries(doc);
    if list.len() < 3 {
        return out;
    }
    let toc_lines: Vec<usize> = list.iter().map(|e| e.line).collect();
    let mut order = Vec::new();
    let keys: Vec<String> = doc
        .tables
        .iter()
        .map(|t| key(&compact(&strip_numbering(&t.title).1)))
        .collect();
    let mut body: Option<Vec<String>> = None;
    for e in &list {
        // The same title, else the same kind, else a title that ends with the
        // entry's (a department's name before it).
        let found = keys
            .iter()
            .position(|k| *k == e.key)
            .or_else(|| {
                e.kind
                    .and_then(|k| doc.tables.iter().position(|t| t.kind == k))
            })
            .or_else(|| keys.iter().position(|k| k.ends_with(&e.key)));
        if let Some(i) = found {
            order.push((i, e));
            continue;
        }
        // Printed somewhere outside the contents, but not read as a table.
        let body = body.get_or_insert_with(|| {
            doc.narrative
                .iter()
                .filter(|l| !toc_lines.contains(&l.line))
                .map(|l| key(&compact(&l.text)))
                .collect()
        });
        let printed = body.iter().any(|k| k.contains(&e.key));
        let (sev, zh, en) = if printed {
            (
                Severity::Notice,
                format!("目录所列“{}”的标题出现在正文中，但未能读出表格数据（可能为图片或扫描页）", e.title),
                format!("the contents list “{}”; its title is printed but no table could be read under it (a picture or a scanned page?)", e.title),
            )
        } else {
            (
                Severity::Warning,
                format!("目录列出了“{}”，但报告中没有这张表", e.title),
                format!(
                    "the contents list “{}”, but the report has no such table",
                    e.title
                ),
            )
        };
        out.push(Issue::plain(
            Finding::new(RULE, sev, zh, en).at_line(e.line),
        ));
    }
    if let Some(w) = order.windows(2).find(|w| w[1].0 < w[0].0) {
        out.push(Issue::plain(
            Finding::new(
                RULE,
                Severity::Notice,
                format!("表格顺序与目录不一致：“{}”在目录中位于“{}”之后，但在报告中位于其前", w[1].1.title, w[0].1.title),
                format!("the tables are not in the contents' order: “{}” is listed after “{}” but printed before it", w[1].1.title, w[0].1.title),
            )
            .at_line(w[1].1.line),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(toc_extra: &str) -> String {
        let parts = [
            "2020 年部门决算\n目 录\n- 一、收入支出决算总表\n- 四、财政拨款收入支出决算总表\n- 五、一般公共预算财政拨款支出决算表\n".to_string(),
            toc_extra.to_string(),
            "第三部分 情况说明\n".to_string(),
            include_str!("../../tests/fixtures/checks/summary.txt").to_string(),
            include_str!("../../tests/fixtures/checks/fiscal_summary.txt").to_string(),
            include_str!("../../tests/fixtures/checks/general_budget.txt").to_string(),
        ];
        parts.join("\n")
    }

    #[test]
    fn every_listed_table_present_passes() {
        let doc = crate::reader::read(&report(""));
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn a_listed_table_that_is_missing_is_named() {
        let doc = crate::reader::read(&report("- 十、非税收入征缴情况表 ……… 23\n"));
        let f: Vec<_> = check(&doc).into_iter().map(|i| i.finding).collect();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message_zh.has("非税收入征缴情况表"));
        assert_eq!(f[0].line, Some(7));
    }
}
