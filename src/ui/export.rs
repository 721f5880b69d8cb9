//! The 问题清单 (list of findings) that finance staff and auditors take away:
//! one row per finding with its table, row, column, page, printed value,
//! expected value and message. Built here (plain Rust, tested natively); the
//! page hands the rows to `www/export.js`, which writes them as .docx or .xlsx
//! in the browser (OOXML zipped by fflate, loaded only when the reader exports).

use crate::model::{Analysis, Finding, Severity};
use crate::reader::normalize::{normalize, LineKind};
use crate::ui::format;
use crate::ui::i18n::Lang;
use serde::Serialize;

/// One line of the list. Numbers travel as plain decimals (`148.75`, no
/// separators) so a spreadsheet gets numbers; text as it is shown on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueRow {
    pub no: String,
    pub severity: String,
    pub table: String,
    pub row: String,
    pub column: String,
    pub page: Option<usize>,
    pub line: Option<usize>,
    pub printed: Option<String>,
    pub expected: Option<String>,
    pub difference: Option<String>,
    pub message: String,
    pub rule: String,
}

/// What `www/export.js` receives (the `budgetlens-export` event's detail).
#[derive(Debug, Clone, Serialize)]
pub struct IssueList {
    /// `docx` or `xlsx`.
    pub format: String,
    pub filename: String,
    pub title: String,
    /// Department, year, kind and the counts, in one line.
    pub subtitle: String,
    /// Column headings, in the order of [`IssueList::keys`].
    pub headers: Vec<String>,
    /// The field of [`IssueRow`] each column shows.
    pub keys: Vec<&'static str>,
    pub rows: Vec<IssueRow>,
    /// How the page column was counted (shown under the list).
    pub note: String,
}

const KEYS: [&str; 12] = [
    "no",
    "severity",
    "table",
    "row",
    "column",
    "page",
    "line",
    "printed",
    "expected",
    "difference",
    "message",
    "rule",
];

fn headers(lang: Lang) -> Vec<String> {
    let zh = [
        "序号",
        "严重程度",
        "报表",
        "行",
        "列",
        "页",
        "文本行号",
        "报告数",
        "应为",
        "相差",
        "说明",
        "规则",
    ];
    let en = [
        "No.",
        "Severity",
        "Table",
        "Row",
        "Column",
        "Page",
        "Line",
        "Printed",
        "Expected",
        "Difference",
        "Message",
        "Rule",
    ];
    zh.iter()
        .zip(en)
        .map(|(z, e)| lang.pick(z, e).to_string())
        .collect()
}

/// The page of each 1-based source line, counted from the page marks the text
/// carries (`- 3 -`, `第 3 页`, form feeds): page 1 until the first mark, page 2
/// after it, … `None` for every line when the text has no page mark.
/// Index by line number (`pages[line]`; 0 where no line has that number).
pub fn pages_by_line(text: &str) -> Option<Vec<usize>> {
    let lines = normalize(text);
    if !lines.iter().any(|l| l.kind == LineKind::PageMarker) {
        return None;
    }
    let mut page = 1;
    let mut pages = vec![0; lines.iter().map(|l| l.no + 1).max().unwrap_or(0)];
    for l in &lines {
        // (A form feed is a page-mark line of its own, with its line's number:
        // the line's first page counts.)
        if pages[l.no] == 0 {
            pages[l.no] = page;
        }
        if l.kind == LineKind::PageMarker {
            page += 1;
        }
    }
    Some(pages)
}

fn row_text(a: &Analysis, f: &Finding) -> String {
    if let (Some(t), Some(c)) = (&f.table, f.cell) {
        if let Some(r) = a
            .tables
            .iter()
            .find(|x| &x.id == t)
            .and_then(|t| t.rows.get(c.row))
        {
            return match &r.code {
                Some(code) if !r.label.contains(code.as_str()) => format!("{code} {}", r.label),
                _ => r.label.clone(),
            };
        }
    }
    f.row.clone().unwrap_or_default()
}

/// The rows of the list: errors first, then warnings, then notices; within a
/// severity report-wide findings first, then by table and line. Consequences
/// grouped under a finding (`Finding::related`) follow it, numbered `3.1`, `3.2`.
pub fn issue_rows(a: &Analysis, text: &str, lang: Lang) -> Vec<IssueRow> {
    let pages = pages_by_line(text);
    let mut idx: Vec<usize> = (0..a.findings.len()).collect();
    let rank = format::table_ranks(a);
    crate::stable_sort::by_key(&mut idx, |&i| {
        let f = &a.findings[i];
        (
            std::cmp::Reverse(f.severity),
            rank[i],
            f.line.unwrap_or(0),
            i,
        )
    });
    let table_name = |id: &Option<String>| match id
        .as_deref()
        .and_then(|id| a.tables.iter().find(|t| t.id == id))
    {
        Some(t) => match &t.number {
            Some(n) => format!("{n} {}", format::table_name(t, lang)),
            None => format::table_name(t, lang),
        },
        None => lang.pick("全文与表间核对", "whole report").to_string(),
    };
    let one = |no: String, f: &Finding| IssueRow {
        no,
        severity: lang.severity(f.severity).to_string(),
        table: table_name(&f.table),
        row: row_text(a, f),
        column: f.column.clone().unwrap_or_default(),
        page: f
            .line
            .and_then(|l| pages.as_ref().and_then(|p| p.get(l).copied()))
            .filter(|&p| p > 0),
        line: f.line,
        printed: f.found.map(|d| d.to_string()),
        expected: f.expected.map(|d| d.to_string()),
        difference: f.difference.map(|d| d.to_string()),
        message: format::message(f, lang).to_string(),
        rule: f.rule.clone(),
    };
    let mut out = Vec::new();
    for (n, &i) in idx.iter().enumerate() {
        let f = &a.findings[i];
        out.push(one((n + 1).to_string(), f));
        for (k, r) in f.related.iter().enumerate() {
            out.push(one(format!("{}.{}", n + 1, k + 1), r));
        }
    }
    out
}

/// The whole list for `format` (`docx` / `xlsx`).
pub fn issue_list(a: &Analysis, text: &str, lang: Lang, format_: &str) -> IssueList {
    let m = &a.meta;
    let count = |s: Severity| a.count(s);
    let subtitle = match lang {
        Lang::Zh => format!(
            "{}　{}　{}　错误 {}、警告 {}、提示 {}",
            m.department.clone().unwrap_or_else(|| "未注明部门".into()),
            m.year.map(|y| format!("{y} 年度")).unwrap_or_default(),
            lang.report_kind(m.kind),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Notice)
        ),
        Lang::En => format!(
            "{} {} {}: {} errors, {} warnings, {} notices",
            m.department
                .clone()
                .unwrap_or_else(|| "department not stated".into()),
            m.year.map(|y| y.to_string()).unwrap_or_default(),
            lang.report_kind(m.kind),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Notice)
        ),
    };
    IssueList {
        format: format_.to_string(),
        filename: format!(
            "{}-{}.{format_}",
            format::file_stem(a),
            lang.pick("问题清单", "findings")
        ),
        title: lang.pick("预决算核验问题清单", "BudgetLens list of findings").to_string(),
        subtitle,
        headers: headers(lang),
        keys: KEYS.to_vec(),
        rows: issue_rows(a, text, lang),
        note: lang
            .pick(
                "“页”按粘贴文本中的分页标记计；“文本行号”为粘贴文本的行号。金额单位同原表。",
                "Pages are counted from the page marks in the pasted text; lines are lines of the pasted text. Amounts are in their table's unit.",
            )
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINAL_2020: &str =
        include_str!("../../tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt");

    #[test]
    fn every_finding_has_a_row_errors_first() {
        let planted = FINAL_2020.replacen("184.75", "148.75", 1);
        let a = crate::analyze(&planted);
        let rows = issue_rows(&a, &planted, Lang::Zh);
        let main = rows.iter().filter(|r| !r.no.contains('.')).count();
        assert_eq!(main, a.findings.len());
        let rank = |s: &str| {
            ["错误", "警告", "提示"]
                .iter()
                .position(|x| *x == s)
                .unwrap()
        };
        let main_sev: Vec<_> = rows
            .iter()
            .filter(|r| !r.no.contains('.'))
            .map(|r| rank(&r.severity))
            .collect();
        assert!(main_sev.windows(2).all(|w| w[0] <= w[1]), "{main_sev:?}");
        let first = &rows[0];
        assert_eq!(first.severity, "错误");
        assert!(first.table.contains("决算表"), "{first:?}");
        assert!(first.row.contains("2210201"), "{first:?}");
        assert_eq!(first.printed.as_deref(), Some("148.75"));
        assert_eq!(first.expected.as_deref(), Some("184.75"));
        assert!(first.line.is_some());
    }

    #[test]
    fn pages_come_from_the_page_marks() {
        let text = "收入支出决算总表\n- 1 -\n支出决算表\n第 2 页\n三公\n";
        let p = pages_by_line(text).unwrap();
        assert_eq!(p[1], 1);
        assert_eq!(p[3], 2);
        assert_eq!(p[5], 3);
        assert_eq!(pages_by_line("一行\n两行\n"), None);
        let ff = pages_by_line("a\u{c}b\nc").unwrap();
        assert_eq!((ff[1], ff[2]), (1, 2));
    }

    #[test]
    fn the_list_names_its_columns_and_file() {
        let a = crate::analyze(FINAL_2020);
        let l = issue_list(&a, FINAL_2020, Lang::Zh, "xlsx");
        assert_eq!(l.headers.len(), l.keys.len());
        assert!(l.filename.ends_with("问题清单.xlsx"), "{}", l.filename);
        assert!(l.subtitle.contains("错误 0"), "{}", l.subtitle);
        let json = serde_json::to_string(&l).unwrap();
        assert!(json.contains("\"rows\""));
    }
}
