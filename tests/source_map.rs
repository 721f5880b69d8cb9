//! The source map ("在原文中查看", issue 10): the reader's text of a PDF back to where each
//! line and cell stands on its page. On the project's own planted PDF
//! (tests/fixtures/pdf/, written by tests/pdf_support), the planted cell's error points at
//! the box of that very cell on the right page, and the page's drawing holds its text.

mod pdf_support;

use budgetlens::input::pdf::Limits;
use budgetlens::input::source_map::{page_drawing, target};
use budgetlens::input::{pdf_text, pdf_text_with_boxes};
use budgetlens::model::Severity;
use rust_decimal::Decimal;

const PLANTED: &str = "tests/fixtures/pdf/tianhe-2020-final-planted.pdf";
const SOURCE: &str = "tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt";
const HEADER: &str = "广州市天河区政务服务数据管理局2020年度部门决算";

fn planted_source() -> String {
    std::fs::read_to_string(SOURCE).unwrap().replacen(
        "2210201\t住房公积金\t184.75\t184.75\t0.00\t0.00\t0.00\t0.00\n",
        "2210201\t住房公积金\t184.75\t148.75\t0.00\t0.00\t0.00\t0.00\n",
        1,
    )
}

#[test]
fn every_box_is_its_line_of_the_text() {
    let bytes = std::fs::read(PLANTED).unwrap();
    let (t, boxes) = pdf_text_with_boxes(&bytes).unwrap();
    assert_eq!(
        t,
        pdf_text(&bytes).unwrap(),
        "one text, with or without boxes"
    );
    let lines: Vec<&str> = t.text.split('\n').collect();
    assert!(boxes.len() > 100);
    assert!(
        boxes.windows(2).all(|w| w[0].line < w[1].line),
        "sorted by line"
    );
    for b in &boxes {
        let l = lines[b.line - 1];
        assert!(!l.trim().is_empty(), "line {} has text", b.line);
        assert!(b.x0 < b.x1 && b.top < b.bottom, "line {}: a box", b.line);
        assert!(b.page >= 1 && b.page as usize <= t.pages);
        if !b.cells.is_empty() {
            let joined: Vec<&str> = b.cells.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(joined.join("\t"), l, "line {}: its tab cells", b.line);
        }
    }
    // Each line's page is the page the text puts it on (form feeds).
    let starts = budgetlens::page_starts(&t.text);
    for b in &boxes {
        let page = starts.partition_point(|&s| s <= b.line) as u32;
        assert_eq!(b.page, page, "line {}", b.line);
    }
}

#[test]
fn the_planted_error_points_at_its_cell_on_its_page() {
    let bytes = std::fs::read(PLANTED).unwrap();
    let (t, boxes) = pdf_text_with_boxes(&bytes).unwrap();
    let a = budgetlens::analyze(&t.text);
    let planted: Decimal = "148.75".parse().unwrap();
    let f = a
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error && f.found == Some(planted))
        .expect("the planted cell is an error");
    let line = f.line.expect("its line");
    let target = target(&boxes, line, f.found).expect("its box");
    assert!(target.cell, "the cell, not the whole row");
    assert_eq!(Some(target.page), f.page);

    // Where the fixture writer put the planted figure.
    let (_, _, pages) = pdf_support::lay_out(&planted_source(), HEADER);
    let spots: Vec<(usize, f32, f32)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.iter()
                .filter(|(_, _, _, s)| s == "148.75")
                .map(move |&(x, y, _, _)| (i + 1, x, y))
        })
        .collect();
    assert_eq!(spots.len(), 1, "one 148.75 in the report");
    let (page, x, y) = spots[0];
    assert_eq!(target.page as usize, page);
    assert!((target.x0 - x).abs() < 1.0, "x0 {} vs {x}", target.x0);
    let width = 6.0 * pdf_support::SIZE * 0.5;
    assert!((target.x1 - (x + width)).abs() < 1.0, "x1 {}", target.x1);
    assert!(
        target.top < y && y < target.bottom,
        "baseline {y} in the box"
    );
    assert!(target.bottom - target.top < 2.0 * pdf_support::SIZE);

    // Every related finding has a box too (on a line of this PDF).
    for r in &f.related {
        if let Some(l) = r.line {
            assert!(target_ok(&boxes, l, r.found), "related line {l}");
        }
    }

    // The page's drawing: its size, the planted run inside the box, the table's rules.
    let d = page_drawing(&bytes, target.page, Limits::default())
        .unwrap()
        .expect("the page");
    assert_eq!(d.page, target.page);
    assert!(d.width > 500.0 && d.height > 800.0);
    let run = d.runs.iter().find(|r| r.text == "148.75").expect("the run");
    assert!(run.x0 >= target.x0 - 0.5 && run.x1 <= target.x1 + 0.5);
    assert!(target.top < run.y && run.y < target.bottom);
    assert!(d.rules.len() > 10, "the table's borders");
    assert!(d.runs.iter().any(|r| r.text.contains("住房公积金")));
}

fn target_ok(
    boxes: &[budgetlens::input::source_map::LineBox],
    l: usize,
    f: Option<Decimal>,
) -> bool {
    target(boxes, l, f).is_some()
}

#[test]
fn no_such_page_and_bad_files() {
    let bytes = std::fs::read(PLANTED).unwrap();
    assert_eq!(page_drawing(&bytes, 0, Limits::default()).unwrap(), None);
    assert_eq!(page_drawing(&bytes, 999, Limits::default()).unwrap(), None);
    assert!(page_drawing(b"not a pdf", 1, Limits::default()).is_err());
    let limits = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    assert_eq!(
        page_drawing(&bytes, 2, limits).unwrap(),
        None,
        "beyond the limits"
    );
}

/// The published reports of ../shared (where present, never copied in): every finding on
/// a line of a PDF's text has a box on that line's page, and a finding whose figure its
/// line prints once is boxed at that cell.
#[test]
fn real_reports_findings_have_their_boxes() {
    let dir = std::path::Path::new("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: no ../shared/corpus/real");
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    paths.sort();
    let (mut lined, mut cells, mut figures) = (0, 0, 0);
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let (t, boxes) = pdf_text_with_boxes(&bytes).unwrap();
        let a = budgetlens::analyze(&t.text);
        let lines: Vec<&str> = t.text.split('\n').collect();
        let all = a
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f).chain(&f.related));
        for f in all {
            let Some(line) = f.line else { continue };
            lined += 1;
            let b = target(&boxes, line, f.found).unwrap_or_else(|| {
                panic!("{path:?} line {line}: {:?} has no box", lines.get(line - 1))
            });
            assert_eq!(Some(b.page), f.page, "{path:?} line {line}");
            let printed_once = f.found.is_some_and(|v| {
                lines[line - 1]
                    .split('\t')
                    .filter(|c| c.replace(',', "").trim().parse::<Decimal>().ok() == Some(v))
                    .count()
                    == 1
            });
            if printed_once && lines[line - 1].contains('\t') {
                figures += 1;
                assert!(b.cell, "{path:?} line {line}: the cell of {:?}", f.found);
                cells += 1;
            }
        }
    }
    eprintln!(
        "{} reports: {lined} findings on lines, {cells}/{figures} boxed at their cell",
        paths.len()
    );
}
