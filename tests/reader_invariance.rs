//! The same report copied out another way must read the same: rewrites of a report's
//! text that keep every figure and its place (thousands separators dropped, words set
//! apart by two spaces instead of one, CRLF line ends, no-break spaces, a running page
//! header or a page number on every page, trailing blanks, short headings and labels
//! letter-spaced as distributed alignment copies out) raise no error the text
//! did not have and keep the 三公 figures. Each rewrite is a shape some extractor
//! produces; an error that appears under one of them is the reader's misreading, the
//! worst bug we can ship. Run over the Guangzhou fixtures and every real report of
//! `../shared/corpus/real` (one "skipped" line where that folder is absent).

use budgetlens::model::{Analysis, Severity};
use std::path::Path;

type Rewrite = (&'static str, fn(&str) -> String);

fn drop_thousands_separators(t: &str) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
        let three_after = chars.len() > i + 3
            && chars[i + 1..=i + 3].iter().all(|d| d.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
        if c == ',' && digit_before && three_after {
            continue;
        }
        out.push(c);
    }
    out
}

fn running_header(t: &str) -> String {
    t.replace('\u{c}', "\u{c}\n某某部门部门预算公开\n")
}

fn page_numbers(t: &str) -> String {
    let pages: Vec<&str> = t.split('\u{c}').collect();
    let n = pages.len();
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i + 1 < n {
                format!("{p}\n- {} -\n", i + 1)
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\u{c}")
}

/// Distributed alignment (分散对齐), as a PDF viewer copies it: a heading or label
/// of two to four characters standing alone is printed with its characters spread
/// over the cell, `合 计`, `项 目`, `人 员 经 费`.
fn letter_spaced_short_words(t: &str) -> String {
    t.split('\n')
        .map(|line| {
            line.split(' ')
                .map(|w| {
                    let n = w.chars().count();
                    if (2..=4).contains(&n)
                        && w.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    {
                        w.chars().map(String::from).collect::<Vec<_>>().join(" ")
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const REWRITES: [Rewrite; 8] = [
    ("letter-spaced short words", letter_spaced_short_words),
    ("no thousands separators", drop_thousands_separators),
    ("two spaces between words", |t| t.replace(' ', "  ")),
    ("CRLF", |t| t.replace('\n', "\r\n")),
    ("no-break spaces", |t| t.replace(' ', "\u{a0}")),
    ("a running page header", running_header),
    ("page numbers", page_numbers),
    ("trailing blanks", |t| {
        t.split('\n')
            .map(|l| format!("{l}  "))
            .collect::<Vec<_>>()
            .join("\n")
    }),
];

fn errors(a: &Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message_en))
        .collect()
}

fn sangong(a: &Analysis) -> String {
    serde_json::to_string(&a.sangong.as_ref().map(|b| (&b.budget, &b.actual))).unwrap()
}

/// Problems of one report: each error a rewrite adds, each 三公 figure it changes.
fn problems(id: &str, text: &str) -> Vec<String> {
    let base = budgetlens::analyze(text);
    let (base_errors, base_sangong) = (errors(&base), sangong(&base));
    let mut out = Vec::new();
    for (name, rewrite) in REWRITES {
        let a = budgetlens::analyze(&rewrite(text));
        for e in errors(&a) {
            if !base_errors.contains(&e) {
                out.push(format!("{id}, {name}: new error {e}"));
            }
        }
        if sangong(&a) != base_sangong {
            out.push(format!(
                "{id}, {name}: 三公 {} became {}",
                base_sangong,
                sangong(&a)
            ));
        }
    }
    out
}

fn texts_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn fixture_reports_read_the_same_however_copied() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let reports = texts_in(&dir);
    assert_eq!(reports.len(), 3);
    let p: Vec<String> = reports.iter().flat_map(|(id, t)| problems(id, t)).collect();
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn real_reports_read_the_same_however_copied() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.exists() {
        println!("skipped: no ../shared/corpus/real");
        return;
    }
    let reports = texts_in(&dir);
    assert!(reports.len() >= 19);
    let p: Vec<String> = reports.iter().flat_map(|(id, t)| problems(id, t)).collect();
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn the_rewrites_keep_every_figure() {
    assert_eq!(
        drop_thousands_separators("1,234,567.89 与 12,3"),
        "1234567.89 与 12,3"
    );
    assert_eq!(page_numbers("a\u{c}b"), "a\n- 1 -\n\u{c}b");
}

/// What a table continued on a new page prints above its rows there: `续表` and the
/// header again, or the title and the header again.
#[derive(Clone, Copy)]
enum Continuation {
    MarkAndHeader,
    TitleAndHeader,
}

/// The report with each table of eight rows or more broken over a page at its
/// middle row, the new page opening as `how` says. Tables whose header runs over
/// more than eight lines are left whole (the header is not known well enough).
fn continued_on_a_new_page(text: &str, how: Continuation) -> String {
    let a = budgetlens::analyze(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut breaks: Vec<(usize, Vec<String>)> = Vec::new();
    for t in &a.tables {
        let mut rows: Vec<usize> = t.rows.iter().map(|r| r.line).filter(|&l| l > 0).collect();
        rows.sort();
        let (title, Some(&first)) = (t.lines[0], rows.first()) else {
            continue;
        };
        if rows.len() < 8 || first <= title || first - title > 8 {
            continue;
        }
        let header = lines[title..first - 1].iter().map(|l| l.to_string());
        let opening: Vec<String> = match how {
            Continuation::MarkAndHeader => {
                std::iter::once("续表".to_string()).chain(header).collect()
            }
            Continuation::TitleAndHeader => std::iter::once(lines[title - 1].to_string())
                .chain(header)
                .collect(),
        };
        breaks.push((rows[rows.len() / 2], opening));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some((_, opening)) = breaks.iter().find(|(at, _)| *at == i + 1) {
            out.push(format!("\u{c}{}", opening[0]));
            out.extend(opening[1..].iter().cloned());
        }
        out.push(l.to_string());
    }
    out.join("\n")
}

/// Each table's kind and number of rows.
fn shape(a: &Analysis) -> Vec<(String, usize)> {
    a.tables
        .iter()
        .map(|t| (t.kind.clone(), t.rows.len()))
        .collect()
}

/// A table broken over a page — under `续表` or its title repeated, the header
/// printed again — reads as the one table it is: the same tables, the same rows,
/// no new error. (A `续表` line read as a title or a row, or the last row of the page
/// before joined to a repeated title as its first half, cut the table in two.)
#[test]
fn a_table_continued_on_a_new_page_reads_as_one() {
    let mut reports =
        texts_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus"));
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if real.exists() {
        reports.extend(texts_in(&real));
    } else {
        println!("skipped: no ../shared/corpus/real");
    }
    let mut problems = Vec::new();
    for (id, text) in &reports {
        let base = budgetlens::analyze(text);
        for (name, how) in [
            ("续表", Continuation::MarkAndHeader),
            ("title repeated", Continuation::TitleAndHeader),
        ] {
            let a = budgetlens::analyze(&continued_on_a_new_page(text, how));
            if shape(&a) != shape(&base) {
                problems.push(format!(
                    "{id}, {name}: tables {:?} became {:?}",
                    shape(&base),
                    shape(&a)
                ));
            }
            for e in errors(&a) {
                if !errors(&base).contains(&e) {
                    problems.push(format!("{id}, {name}: new error {e}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
