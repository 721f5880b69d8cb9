//! The PDF path without ../shared: the project's own PDFs (tests/fixtures/pdf/, written by
//! tests/pdf_support from a tab-text report) read like the text they were made from — the
//! same tables, 三公 and findings — a planted cell is caught on its page, and bad files get
//! a reason, never a panic. The corpus PDFs are read from ../shared where present.

mod pdf_support;

use budgetlens::input::{pdf_text, PdfError};
use budgetlens::model::Severity;

const SOURCE: &str = "tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt";
const CLEAN: &str = "tests/fixtures/pdf/tianhe-2020-final.pdf";
const PLANTED: &str = "tests/fixtures/pdf/tianhe-2020-final-planted.pdf";
const HEADER: &str = "广州市天河区政务服务数据管理局2020年度部门决算";

fn source() -> String {
    std::fs::read_to_string(SOURCE).expect("source fixture")
}

/// 2210201 住房公积金 in 支出决算表: 基本支出 184.75 typed as 148.75 (README's example).
fn planted_source() -> String {
    let text = source();
    let row = "2210201\t住房公积金\t184.75\t184.75\t0.00\t0.00\t0.00\t0.00\n";
    assert!(text.contains(row), "planted row present in the source");
    text.replacen(
        row,
        "2210201\t住房公积金\t184.75\t148.75\t0.00\t0.00\t0.00\t0.00\n",
        1,
    )
}

/// The committed PDFs are what the generator writes (`UPDATE_PDF_FIXTURES=1` rewrites).
#[test]
fn fixtures_are_what_the_generator_writes() {
    for (path, text) in [(CLEAN, source()), (PLANTED, planted_source())] {
        let bytes = pdf_support::pdf_from_tab_text(&text, HEADER);
        if std::env::var("UPDATE_PDF_FIXTURES").is_ok() {
            std::fs::create_dir_all("tests/fixtures/pdf").unwrap();
            std::fs::write(path, &bytes).unwrap();
        }
        let committed =
            std::fs::read(path).expect("run with UPDATE_PDF_FIXTURES=1 to write the PDF fixtures");
        assert!(
            committed == bytes,
            "{path} is stale: UPDATE_PDF_FIXTURES=1 cargo test --test pdf_input"
        );
    }
}

fn analyze_pdf(path: &str) -> (budgetlens::Analysis, String) {
    let bytes = std::fs::read(path).expect("pdf fixture");
    let text = pdf_text(&bytes).expect("readable pdf").text;
    (budgetlens::analyze(&text), text)
}

#[test]
fn the_pdf_reads_like_the_text_it_was_made_from() {
    let from_text = budgetlens::analyze(&source());
    let (from_pdf, text) = analyze_pdf(CLEAN);
    assert!(text.contains('\u{c}'), "pages are split by form feeds");
    assert!(!text.contains(HEADER), "the running header is dropped");
    assert!(
        !text
            .lines()
            .any(|l| l.trim().starts_with("- ") && l.trim().ends_with(" -")),
        "page numbers are dropped"
    );
    let kinds = |a: &budgetlens::Analysis| {
        a.tables
            .iter()
            .map(|t| format!("{:?}", t.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&from_pdf), kinds(&from_text));
    // Row counts of the standard tables (the untitled grids of the narrative may differ).
    let rows = |a: &budgetlens::Analysis| {
        a.tables
            .iter()
            .filter(|t| serde_json::to_value(&t.kind).unwrap() != "unknown")
            .map(|t| t.rows.len())
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&from_pdf), rows(&from_text));
    assert_eq!(
        serde_json::to_value(&from_pdf.sangong).unwrap(),
        serde_json::to_value(&from_text.sangong).unwrap()
    );
    let errors = |a: &budgetlens::Analysis| {
        a.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    };
    assert_eq!(errors(&from_pdf), 0);
    assert_eq!(errors(&from_text), 0);
    let ambiguous = from_pdf
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.ambiguous)
        .count();
    assert_eq!(
        ambiguous, 0,
        "no row is left ambiguous: the PDF shows which cells are blank"
    );
}

#[test]
fn a_blank_cell_stays_blank() {
    let (_, text) = analyze_pdf(CLEAN);
    // 三公: 12 columns, all printed; 收入支出决算总表 rows with an empty 决算数 keep the tab.
    let sangong = text
        .lines()
        .find(|l| l.starts_with("4.00\t0.00\t3.00"))
        .expect("三公 row");
    assert_eq!(sangong.split('\t').count(), 12, "{sangong:?}");
    let source_blank = source().lines().filter(|l| l.contains("\t\t")).count();
    let pdf_blank = text.lines().filter(|l| l.contains("\t\t")).count();
    assert!(pdf_blank > 0 && source_blank > 0);
}

#[test]
fn a_planted_cell_is_caught_on_its_page() {
    let (a, text) = analyze_pdf(PLANTED);
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty(), "the planted 148.75 is caught");
    let pinpoint = errors
        .iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("one cell named");
    assert!(
        pinpoint.message_zh.contains("148.75"),
        "{}",
        pinpoint.message_zh
    );
    let line = pinpoint.line.expect("a line");
    let page = 1 + text
        .lines()
        .take(line.saturating_sub(1))
        .filter(|l| l.contains('\u{c}'))
        .count();
    let planted_page = text
        .split('\u{c}')
        .position(|p| p.contains("148.75"))
        .unwrap()
        + 1;
    assert_eq!(page, planted_page);
}

#[test]
fn bad_files_get_a_reason_not_a_panic() {
    assert_eq!(pdf_text(b"just text, no pdf"), Err(PdfError::NotPdf));
    let clean = std::fs::read(CLEAN).unwrap();
    for cut in [10, 100, 1000, clean.len() / 2, clean.len() - 10] {
        let r = pdf_text(&clean[..cut]);
        // lopdf may recover a truncated file; either way no panic and no nonsense.
        if let Err(e) = r {
            assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
        }
    }
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    assert!(matches!(pdf_text(&junk), Err(PdfError::Broken(_))));
    // An /Encrypt entry we cannot open.
    let enc = String::from_utf8_lossy(&clean).replacen(
        "/Root 1 0 R >>",
        "/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 /Length 128 >> /ID [<00> <00>] >>",
        1,
    );
    let r = pdf_text(enc.as_bytes());
    assert!(
        r.is_err() || r.as_ref().is_ok_and(|t| t.text.len() < 100_000),
        "no panic on an encrypted file"
    );
}

#[test]
fn a_page_without_text_is_named() {
    let mut pages = pdf_support::lay_out("第一页\u{c}第二页\u{c}第三页", "").2;
    pages[1].clear();
    let pdf = pdf_support::write_pdf(595.0, 842.0, &pages);
    let t = pdf_text(&pdf).unwrap();
    assert_eq!(t.pages, 3);
    assert_eq!(t.pages_without_text, vec![2]);
    assert_eq!(
        budgetlens::input::page_ranges(&[2, 9, 10, 11, 41]),
        "2、9–11、41"
    );
}

/// The real PDFs of ../shared/corpus/real: every one read, its standard tables found, and
/// no row left ambiguous (the PDF shows which cell is blank). Their 三公 figures, tables
/// and errors are pinned with the pasted texts' in `tests/real_corpus.rs`.
#[test]
fn corpus_pdfs() {
    let dir = std::path::Path::new("../shared/corpus/real");
    if !dir.exists() {
        println!("skipped: no ../shared/corpus/real");
        return;
    }
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let t = pdf_text(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let a = budgetlens::analyze(&t.text);
        read += 1;
        assert!(a.tables.len() >= 9, "{id}: {} tables", a.tables.len());
        // A 三公 row said uncertain (sangong_uncertain) is the one exception.
        let uncertain: Vec<String> = a
            .findings
            .iter()
            .filter(|f| f.rule == "sangong_uncertain")
            .filter_map(|f| f.table.clone())
            .collect();
        let ambiguous = a
            .tables
            .iter()
            .filter(|t| !uncertain.contains(&t.id))
            .flat_map(|t| &t.rows)
            .filter(|r| r.ambiguous)
            .count();
        assert_eq!(ambiguous, 0, "{id}");
    }
    assert_eq!(read, 18);
}

/// Hostile bytes, deterministically: bit flips, overwritten runs, cuts and splices of a
/// real small PDF. Every one is refused with a reason or read; none panics or hangs.
#[test]
fn mutated_pdfs_never_panic() {
    let pages = pdf_support::lay_out(
        "收入支出决算总表\n项目\t金额\n一、财政拨款收入\t1,234.56\n合计\t1,234.56",
        "",
    )
    .2;
    let base = pdf_support::write_pdf(595.0, 842.0, &pages);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let started = std::time::Instant::now();
    for round in 0..400 {
        let mut b = base.clone();
        match round % 4 {
            0 => {
                for _ in 0..1 + next() % 8 {
                    let i = (next() as usize) % b.len();
                    b[i] ^= 1 << (next() % 8);
                }
            }
            1 => {
                let i = (next() as usize) % b.len();
                let n = ((next() % 64) as usize).min(b.len() - i);
                for k in 0..n {
                    b[i + k] = next() as u8;
                }
            }
            2 => b.truncate((next() as usize) % b.len()),
            _ => {
                let i = (next() as usize) % b.len();
                let j = (next() as usize) % b.len();
                let piece = b[j..(j + 200).min(b.len())].to_vec();
                b.splice(i..i, piece);
            }
        }
        if let Ok(t) = pdf_text(&b) {
            let _ = budgetlens::analyze(&t.text);
        }
    }
    assert!(started.elapsed().as_secs() < 60, "bounded work");
}

/// Pasted text with form feeds (what PDF converters print) gives pages too; text
/// without them gives none, so the JSON of plain pastes is unchanged.
#[test]
fn pages_of_pasted_text() {
    assert_eq!(budgetlens::page_starts("a\nb\n\u{c}\nc\n"), vec![1, 4]);
    assert_eq!(
        budgetlens::page_starts("a\n-- PAGE_BREAK --\nb"),
        vec![1, 3]
    );
    assert_eq!(budgetlens::page_starts("a\nb"), vec![1]);
    let text = source();
    let plain = budgetlens::analyze(&text);
    assert!(plain
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .all(|r| r.page.is_none()));
    // A page break before 收入决算表: its rows are on page 2, the summary's on page 1.
    let at = text.find("收入决算表\n\n部门").expect("title");
    let paged = format!("{}\u{c}\n{}", &text[..at], &text[at..]);
    let a = budgetlens::analyze(&paged);
    let page_of = |kind: &str| {
        let t = a
            .tables
            .iter()
            .find(|t| serde_json::to_value(&t.kind).unwrap() == kind)
            .unwrap();
        t.rows
            .iter()
            .map(|r| r.page.unwrap())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(page_of("final.income_expenditure_summary"), [1].into());
    assert_eq!(page_of("final.income"), [2].into());
}

/// `budgetlens check` on a PDF and on a folder of PDFs, from the built binary.
#[test]
fn cli_reads_pdfs_and_folders() {
    let bin = env!("CARGO_BIN_EXE_budgetlens");
    let out = std::process::Command::new(bin)
        .args(["check", "--json", PLANTED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one error: the planted cell");
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "cell_pinpoint")
        .unwrap();
    assert!(f["page"].as_u64().is_some_and(|p| p > 1));
    let out = std::process::Command::new(bin)
        .args(["check", "tests/fixtures/pdf"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 files: 1 with errors"), "{stdout}");
    let out = std::process::Command::new(bin)
        .args(["check", "Cargo.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A long PDF read in the page tells how far it is: every page once, in order.
#[test]
fn reading_reports_each_page() {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/pdf/tianhe-2020-final-planted.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut seen = Vec::new();
    let (t, _) = budgetlens::input::pdf_text_with_progress(&bytes, &mut |done, total| {
        seen.push((done, total))
    })
    .unwrap();
    assert_eq!(seen.len(), t.pages);
    assert!(
        seen.iter()
            .enumerate()
            .all(|(i, &(d, n))| d == i + 1 && n == t.pages),
        "{seen:?}"
    );
}
