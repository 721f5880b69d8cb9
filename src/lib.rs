//! BudgetLens (预决算核验): read a pasted 部门预算 / 部门决算 report into its
//! standard tables, check every total and identity in exact decimals, and show
//! the result (CLI, JSON, Yew page, embeddable widget).
//!
//! Data flows one way: text → [`reader`] (normalise → segment → tables) →
//! [`model::Document`] → [`checks`] (findings) → [`model::Analysis`] → views.
//! The core (`reader`, `model`, `checks`) knows nothing of the web.

use crate::text::Has;
pub mod checks;
pub mod compare;
pub mod identities;
pub mod input;
pub mod json_read;
pub mod model;
pub mod reader;
pub mod rounding;
pub mod stable_sort;
pub mod text;
pub mod ui;
pub mod wasm_api;

pub use model::{Analysis, Document};

/// Largest paste analysed, in bytes. Beyond it the user gets a clear message
/// instead of a frozen page.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Read a report. Never fails, never panics: what could be read plus diagnostics.
pub fn read(text: &str) -> Document {
    reader::read(text)
}

/// Read and check a report: the one analysis object every door serves.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, None)
}

/// What the last analysis read and found, kept for the next (the page keeps one across
/// edits): the tables whose lines did not change, the within-table findings of tables
/// that did not change, the narrative's sentences. See `reader::memo`, `checks::memo`.
#[derive(Default)]
pub struct AnalysisMemo {
    regions: reader::memo::RegionMemo,
    checks: checks::memo::CheckMemo,
}

/// [`analyze`], reusing through `memo` what the last analysis through it read and found
/// where its lines did not change (the page, between edits). The same analysis.
pub fn analyze_with(text: &str, mut memo: Option<&mut AnalysisMemo>) -> Analysis {
    if let Some(problem) = reader::input_problem(text) {
        return Analysis {
            schema: crate::model::SCHEMA,
            meta: Default::default(),
            tables: Vec::new(),
            sangong: None,
            findings: Vec::new(),
            input_problem: Some(problem),
        };
    }
    let doc = reader::read_with(text, memo.as_deref_mut().map(|m| &mut m.regions));
    let mut findings = doc.diagnostics.clone();
    findings.extend(checks::run_all_with(&doc, memo.map(|m| &mut m.checks)));
    let findings = checks::reading_confidence::settle(&doc, findings);
    let input_problem = if doc.tables.is_empty() {
        Some(reader::no_table_problem())
    } else {
        None
    };
    let mut a = Analysis {
        schema: crate::model::SCHEMA,
        meta: doc.meta,
        tables: doc.tables,
        sangong: doc.sangong,
        findings,
        input_problem,
    };
    set_pages(&mut a, text);
    a
}

/// Read and check a PDF: its text with positions read into the same analysis as pasted
/// text, rows and findings with their pages. Pages without text (scanned images) are
/// named in a notice, never turned into errors; a PDF with no text at all, an encrypted
/// or a broken one is refused with the reason.
pub fn analyze_pdf(bytes: &[u8]) -> Result<Analysis, input::PdfError> {
    let t = input::pdf_text(bytes)?;
    if t.pages_without_text.len() == t.pages {
        let mut a = analyze("");
        a.input_problem = Some(model::InputProblem {
            kind: "scanned".into(),
            message_zh: format!("该 PDF 共 {} 页，均为扫描图像，无可核对的文字（需先做文字识别）。", t.pages),
            message_en: format!(
                "All {} pages of the PDF are scanned images with no text to check (it needs OCR first).",
                t.pages
            ),
        });
        return Ok(a);
    }
    let mut a = analyze(&t.text);
    a.findings
        .extend(scanned_pages_notice(&t.pages_without_text));
    Ok(a)
}

/// The notice naming a PDF's pages without text (scanned images), if it has any: the
/// same at every door (the CLI's [`analyze_pdf`], the page's PDF worker).
pub fn scanned_pages_notice(pages_without_text: &[u32]) -> Option<model::Finding> {
    let scanned = input::page_ranges(pages_without_text);
    let mut f = model::Finding::new(
        "scanned_pages",
        model::Severity::Notice,
        format!("第 {scanned} 页为扫描图像，无可核对的文字"),
        format!("Page(s) {scanned} are scanned images with no text to check"),
    );
    f.page = Some(*pages_without_text.first()?);
    Some(f)
}

/// Where the text has pages (form feeds, as the PDF reader writes and PDF converters
/// print; else page-break markers such as `-- PAGE_BREAK --`), every row and finding
/// gets the page of its line. Text without pages gets none.
pub fn set_pages(a: &mut Analysis, text: &str) {
    let starts = page_starts(text);
    if starts.len() < 2 {
        return;
    }
    let page = |line: usize| starts.partition_point(|&s| s <= line).max(1) as u32;
    fn walk(f: &mut model::Finding, page: &dyn Fn(usize) -> u32) {
        f.page = f.line.map(page);
        for r in &mut f.related {
            walk(r, page);
        }
    }
    for f in &mut a.findings {
        walk(f, &page);
    }
    for t in &mut a.tables {
        for r in &mut t.rows {
            r.page = Some(page(r.line));
        }
    }
}

/// The first 1-based line of each page: page 1 starts at line 1, and each later page on
/// the line after a break (a form feed, or a marker line when the text has no form feed).
pub fn page_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![1];
    let has_ff = text.contains('\u{c}');
    let mut line = 1;
    for l in text.split('\n') {
        if has_ff {
            // A form feed inside a line starts the next page there; the reader counts
            // lines by newlines, so the page starts on this line when text follows it.
            if let Some(pos) = l.rfind('\u{c}') {
                let after = l[pos + 1..].trim();
                starts.push(if after.is_empty() { line + 1 } else { line });
            }
        } else {
            let t = l.trim();
            if t.starts_with("--") && t.to_ascii_uppercase().has("PAGE") {
                starts.push(line + 1);
            }
        }
        line += 1;
    }
    starts.dedup();
    starts
}
