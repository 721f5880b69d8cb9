//! `budgetlens check [--json] FILE...|-`: the same analysis as the page, for batches.
//!
//! Exit status: 0 no error-level finding, 1 at least one error, 2 an input could
//! not be read or holds no report table (one-line reason on stderr).

use budgetlens::compare::{compare, Comparison, ReportInput};
use budgetlens::model::{Analysis, ReportKind, Severity};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: budgetlens check [--json] FILE...|FOLDER...|-
       budgetlens compare [--json] FILE...
       budgetlens text FILE...
  Reads Chinese department budget (部门预算) / final-accounts (部门决算) reports —
  PDFs (read from their own text positions) or pasted text — and checks every
  total and identity. A folder stands for the .pdf and .txt files in it.
  check     one file: the full report; several: one summary line each, sorted by
            department, year and kind
  compare   several reports side by side: 三公 and 收入/支出 totals by year per
            department, and 比上年 claims checked against the prior year's report
  --json    check: the analysis object (budgetlens/1), one object per line (JSON
            Lines, each with a `file` field) for several files (an unreadable file
            gets no line, its reason goes to stderr); compare: one
            budgetlens-compare/1 object
  text      print the text the reader reads (a PDF's tables as tab-aligned cells,
            pages split by form feeds)
  -         read standard input
exit status: 0 no error, 1 errors found, 2 unreadable input or no report table";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("text") {
        return text_main(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("compare") {
        return compare_main(&args[1..]);
    }
    if args.first().map(String::as_str) != Some("check") {
        if args.iter().any(|a| a == "-h" || a == "--help") {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut json = false;
    let mut files = Vec::new();
    for a in &args[1..] {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => files.push(a.clone()),
        }
    }
    let files = expand_folders(files);
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if files.len() == 1 {
        return check_one(&files[0], json);
    }
    check_many(&files, json)
}

/// `check FILE`: the contract object or the human report of one file.
fn check_one(f: &str, json: bool) -> ExitCode {
    let a = match analyze_file(f) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{f}: {e}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!("{}", serde_json::to_string(&a).unwrap_or_default());
    } else {
        print!("{}", human_report(f, &a));
    }
    if let Some(p) = &a.input_problem {
        eprintln!("{f}: {}", p.message_en);
        ExitCode::from(2)
    } else if a.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the batch summary keeps of one file (the analysis itself is dropped
/// once printed, so a thousand reports do not sit in memory).
struct SummaryRow {
    file: String,
    department: Option<String>,
    year: Option<i32>,
    kind: ReportKind,
    tables: usize,
    errors: usize,
    warnings: usize,
    notices: usize,
    sangong_budget: Option<String>,
    sangong_actual: Option<String>,
    problem: Option<String>,
}

impl SummaryRow {
    fn of(file: &str, a: &Analysis) -> Self {
        let sg = |actual: bool| {
            a.sangong
                .as_ref()
                .and_then(|b| {
                    if actual {
                        b.actual.as_ref()
                    } else {
                        b.budget.as_ref()
                    }
                })
                .and_then(|f| f.total)
                .map(|v| budgetlens::text::group_thousands(&v.value.to_string()))
        };
        SummaryRow {
            file: file.to_string(),
            department: a.meta.department.clone(),
            year: a.meta.year,
            kind: a.meta.kind,
            tables: a.tables.len(),
            errors: a.count(Severity::Error),
            warnings: a.count(Severity::Warning),
            notices: a.count(Severity::Notice),
            sangong_budget: sg(false),
            sangong_actual: sg(true),
            problem: a.input_problem.as_ref().map(|p| p.message_en.clone()),
        }
    }
    fn unreadable(file: &str, why: String) -> Self {
        SummaryRow {
            file: file.to_string(),
            department: None,
            year: None,
            kind: ReportKind::Unknown,
            tables: 0,
            errors: 0,
            warnings: 0,
            notices: 0,
            sangong_budget: None,
            sangong_actual: None,
            problem: Some(why),
        }
    }
}

/// Read and analyse files on every core, `chunk` at a time, results in input order.
fn analyse_in_order(files: &[String], mut each: impl FnMut(&str, Result<Analysis, String>)) {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    for chunk in files.chunks(threads * 8) {
        let results: Vec<Result<Analysis, String>> = std::thread::scope(|sc| {
            let per = chunk.len().div_ceil(threads);
            let handles: Vec<_> = chunk
                .chunks(per.max(1))
                .map(|part| {
                    sc.spawn(move || part.iter().map(|f| analyze_file(f)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (f, r) in chunk.iter().zip(results) {
            each(f, r);
        }
    }
}

/// `check FILE...`: JSON Lines (one contract object per file, with an extra
/// `file` field) or a summary table sorted by department, year and kind.
fn check_many(files: &[String], json: bool) -> ExitCode {
    let mut worst = 0u8;
    let mut rows: Vec<SummaryRow> = Vec::with_capacity(files.len());
    analyse_in_order(files, |f, r| match r {
        Err(e) => {
            eprintln!("{f}: {e}");
            worst = 2;
            rows.push(SummaryRow::unreadable(f, e));
        }
        Ok(a) => {
            if let Some(p) = &a.input_problem {
                eprintln!("{f}: {}", p.message_en);
                worst = 2;
            } else if a.has_errors() {
                worst = worst.max(1);
            }
            if json {
                let body = serde_json::to_string(&a).unwrap_or_default();
                let name = serde_json::to_string(f).unwrap_or_default();
                println!(
                    "{{\"file\":{name},{}",
                    body.strip_prefix('{').unwrap_or(&body)
                );
            }
            rows.push(SummaryRow::of(f, &a));
        }
    });
    if !json {
        print!("{}", summary_table(rows));
    }
    ExitCode::from(worst)
}

/// `compare FILE...`: the reports side by side.
fn compare_main(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    let mut inputs = Vec::new();
    for f in &files {
        match load(f) {
            Err(e) => {
                eprintln!("{f}: {e}");
                worst = 2;
            }
            Ok(t) => {
                if let Some(p) = budgetlens::reader::input_problem(&t) {
                    eprintln!("{f}: {}", p.message_en);
                    worst = 2;
                    continue;
                }
                let doc = budgetlens::read(&t);
                if doc.tables.is_empty() {
                    eprintln!("{f}: {}", budgetlens::reader::no_table_problem().message_en);
                    worst = 2;
                    continue;
                }
                inputs.push(ReportInput::new(f.clone(), doc));
            }
        }
    }
    let c = compare(&inputs);
    if json {
        println!("{}", serde_json::to_string(&c).unwrap_or_default());
    } else {
        print!("{}", comparison_report(&c));
    }
    if worst == 0 && c.count(Severity::Error) > 0 {
        worst = 1;
    }
    ExitCode::from(worst)
}

/// A file (or `-`) → its analysis: a PDF read from its own positions, else text.
fn analyze_file(path: &str) -> Result<Analysis, String> {
    let bytes = read_bytes(path)?;
    if budgetlens::input::pdf::looks_like_pdf(&bytes) {
        return budgetlens::analyze_pdf(&bytes)
            .map_err(|e| format!("{} ({})", e.message_en(), e.message_zh()));
    }
    Ok(budgetlens::analyze(&decode(&bytes)))
}

/// Folders given on the command line stand for the .pdf and .txt files in them, sorted.
fn expand_folders(args: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for a in args {
        let path = std::path::Path::new(&a);
        if a != "-" && path.is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(path)
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .map(|e| e.path())
                        .filter(|p| {
                            p.is_file()
                                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                                    e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt")
                                })
                        })
                        .map(|p| p.to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            out.extend(files);
        } else {
            out.push(a);
        }
    }
    out
}

fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read file: {e}"))?;
    }
    Ok(bytes)
}

fn load(path: &str) -> Result<String, String> {
    let bytes = read_bytes(path)?;
    if budgetlens::input::pdf::looks_like_pdf(&bytes) {
        return budgetlens::input::pdf_text(&bytes)
            .map(|p| p.text)
            .map_err(|e| e.message_en());
    }
    Ok(decode(&bytes))
}

/// UTF-8 (with or without BOM); UTF-16 with BOM; anything else lossily, so a
/// wrong encoding ends in a clear "binary" message rather than a crash.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8_lossy(bytes).into_owned()
}

fn human_report(name: &str, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let m = &a.meta;
    let _ = writeln!(s, "{name}");
    let kind = match m.kind {
        budgetlens::model::ReportKind::Final => "决算 final accounts",
        budgetlens::model::ReportKind::Budget => "预算 budget",
        budgetlens::model::ReportKind::Performance => "绩效 performance",
        budgetlens::model::ReportKind::Unknown => "unknown kind",
    };
    let _ = writeln!(
        s,
        "  {} · {} · {} · {}",
        m.department.as_deref().unwrap_or("(department not stated)"),
        m.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "(year not stated)".into()),
        kind,
        m.unit.map(|u| u.as_str()).unwrap_or("?")
    );
    if let Some(p) = &a.input_problem {
        let _ = writeln!(s, "  {} / {}", p.message_zh, p.message_en);
    }
    let _ = writeln!(s, "  tables: {}", a.tables.len());
    for t in &a.tables {
        let n = a
            .findings
            .iter()
            .filter(|f| f.table.as_deref() == Some(t.id.as_str()))
            .count();
        // How much of the table was checked: a misread table none of it, an
        // unplaced row not.
        let misread = a.findings.iter().any(|f| {
            f.table.as_deref() == Some(t.id.as_str())
                && (f.rule == "table_unreliable" || f.rule == "sangong_uncertain")
        });
        let unplaced = t.rows.iter().filter(|r| r.ambiguous).count();
        let checked = if misread {
            "  NOT CHECKED (not read reliably)".to_string()
        } else if unplaced > 0 {
            format!("  {unplaced} rows not checked")
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "    {:<4} {:<44} {:>4} rows {:>3} findings  lines {}-{}{}{}",
            t.id,
            t.kind,
            t.rows.len(),
            n,
            t.lines[0],
            t.lines[1],
            if t.state == budgetlens::model::TableState::Empty {
                "  (empty)"
            } else {
                ""
            },
            checked
        );
    }
    if let Some(sg) = &a.sangong {
        let fmt = |f: &Option<budgetlens::model::SangongFigures>| match f {
            None => "-".to_string(),
            Some(f) => budgetlens::model::SangongItem::ALL
                .iter()
                .map(|k| {
                    f.get(*k)
                        .map(|v| budgetlens::text::group_thousands(&v.value.to_string()))
                        .unwrap_or_else(|| "-".into())
                })
                .collect::<Vec<_>>()
                .join(" / "),
        };
        let _ = writeln!(
            s,
            "  三公 ({}; total / outbound / vehicle / purchase / operation / reception)",
            sg.unit.as_str()
        );
        let _ = writeln!(s, "    budget {}", fmt(&sg.budget));
        let _ = writeln!(s, "    actual {}", fmt(&sg.actual));
    }
    let _ = writeln!(
        s,
        "  findings: {} error, {} warning, {} notice",
        a.count(Severity::Error),
        a.count(Severity::Warning),
        a.count(Severity::Notice)
    );
    let mut groups: Vec<Option<&str>> = Vec::new();
    for f in &a.findings {
        if !groups.contains(&f.table.as_deref()) {
            groups.push(f.table.as_deref());
        }
    }
    for g in groups {
        let title = match g {
            Some(id) => a
                .tables
                .iter()
                .find(|t| t.id == id)
                .map(|t| format!("{id} {}", t.title))
                .unwrap_or_else(|| id.to_string()),
            None => "narrative / report".to_string(),
        };
        let _ = writeln!(s, "  [{title}]");
        for f in a.findings.iter().filter(|f| f.table.as_deref() == g) {
            let sev = match f.severity {
                Severity::Error => "error  ",
                Severity::Warning => "warning",
                Severity::Notice => "notice ",
            };
            let line = match (f.page, f.line) {
                (Some(p), Some(l)) => format!("page {p}, line {l}: "),
                (Some(p), None) => format!("page {p}: "),
                (None, Some(l)) => format!("line {l}: "),
                (None, None) => String::new(),
            };
            let _ = writeln!(s, "    {sev} {line}{} ({})", f.message_zh, f.rule);
            let _ = writeln!(s, "            {}", f.message_en);
        }
    }
    s
}

/// Terminal columns a string takes (CJK and full-width characters take two).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(display_width(s))))
}

fn kind_str(k: ReportKind) -> &'static str {
    match k {
        ReportKind::Final => "final",
        ReportKind::Budget => "budget",
        ReportKind::Performance => "perf",
        ReportKind::Unknown => "unknown",
    }
}

fn kind_rank(k: ReportKind) -> u8 {
    match k {
        ReportKind::Budget => 0,
        ReportKind::Final => 1,
        ReportKind::Performance => 2,
        ReportKind::Unknown => 3,
    }
}

/// One line a report, sorted by department, year, kind, file; unreadable
/// files and inputs with no report table last, with their reason.
fn summary_table(mut rows: Vec<SummaryRow>) -> String {
    use std::fmt::Write;
    rows.sort_by(|a, b| {
        (
            a.problem.is_some(),
            a.department.is_none(),
            &a.department,
            a.year,
            kind_rank(a.kind),
            &a.file,
        )
            .cmp(&(
                b.problem.is_some(),
                b.department.is_none(),
                &b.department,
                b.year,
                kind_rank(b.kind),
                &b.file,
            ))
    });
    let dept_w = rows
        .iter()
        .filter_map(|r| r.department.as_deref())
        .map(display_width)
        .max()
        .unwrap_or(10)
        .clamp(10, 40);
    let file_w = rows
        .iter()
        .map(|r| display_width(&r.file))
        .max()
        .unwrap_or(4)
        .clamp(4, 48);
    let mut s = String::new();
    let header = [
        pad("department", dept_w),
        pad_left("year", 4),
        pad("kind", 7),
        pad_left("tables", 6),
        pad_left("errors", 6),
        pad_left("warns", 5),
        pad_left("notes", 5),
        pad_left("三公 budget", 11),
        pad_left("三公 actual", 11),
        "file".to_string(),
    ];
    let _ = writeln!(s, "{}", header.join("  "));
    let (mut err_files, mut warn_files, mut bad) = (0, 0, 0);
    for r in &rows {
        if let Some(p) = &r.problem {
            bad += 1;
            let _ = writeln!(
                s,
                "{}  {}  {}",
                pad("-", dept_w),
                pad(
                    &format!("not a report: {p}"),
                    4 + 7 + 6 + 6 + 5 + 5 + 11 + 11 + 14
                ),
                r.file
            );
            continue;
        }
        if r.errors > 0 {
            err_files += 1;
        } else if r.warnings > 0 {
            warn_files += 1;
        }
        let line = [
            pad(r.department.as_deref().unwrap_or("-"), dept_w),
            pad_left(
                &r.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
                4,
            ),
            pad(kind_str(r.kind), 7),
            pad_left(&r.tables.to_string(), 6),
            pad_left(&r.errors.to_string(), 6),
            pad_left(&r.warnings.to_string(), 5),
            pad_left(&r.notices.to_string(), 5),
            pad_left(r.sangong_budget.as_deref().unwrap_or("-"), 11),
            pad_left(r.sangong_actual.as_deref().unwrap_or("-"), 11),
            pad(&r.file, file_w),
        ];
        let _ = writeln!(s, "{}", line.join("  ").trim_end());
    }
    let _ = writeln!(
        s,
        "{} files: {} with errors, {} with warnings only, {} clean, {} unreadable or not a report",
        rows.len(),
        err_files,
        warn_files,
        rows.len() - err_files - warn_files - bad,
        bad
    );
    s
}

fn money(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|v| budgetlens::text::group_thousands(&v.to_string()))
        .unwrap_or_else(|| "-".into())
}

/// The comparison for people: per department, one line a year.
fn comparison_report(c: &Comparison) -> String {
    use budgetlens::model::SangongItem;
    use std::fmt::Write;
    let mut s = String::new();
    let years: Vec<String> = c.years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(
        s,
        "{} reports, years {}",
        c.reports.len(),
        if years.is_empty() {
            "-".into()
        } else {
            years.join(", ")
        }
    );
    let sg = |f: &Option<budgetlens::model::SangongFigures>, k: SangongItem| {
        money(f.as_ref().and_then(|f| f.get(k)).map(|a| a.value))
    };
    for d in &c.departments {
        let _ = writeln!(s, "\n{}  (万元)", d.department);
        let _ = writeln!(
            s,
            "  {}  {}  {}  {}  {}  {}  {}  {}  {}  {}",
            pad_left("year", 4),
            pad("kind", 6),
            pad_left("三公预算", 9),
            pad_left("三公决算", 9),
            pad_left("出国", 7),
            pad_left("购置", 7),
            pad_left("运行", 7),
            pad_left("接待", 7),
            pad_left("本年收入", 11),
            pad_left("本年支出", 11)
        );
        for p in &d.points {
            let main = if p.kind == ReportKind::Final {
                &p.sangong_actual
            } else {
                &p.sangong_budget
            };
            let _ = writeln!(
                s,
                "  {}  {}  {}  {}  {}  {}  {}  {}  {}  {}  {}",
                pad_left(&p.year.to_string(), 4),
                pad(kind_str(p.kind), 6),
                pad_left(&sg(&p.sangong_budget, SangongItem::Total), 9),
                pad_left(&sg(&p.sangong_actual, SangongItem::Total), 9),
                pad_left(&sg(main, SangongItem::Outbound), 7),
                pad_left(&sg(main, SangongItem::VehiclePurchase), 7),
                pad_left(&sg(main, SangongItem::VehicleOperation), 7),
                pad_left(&sg(main, SangongItem::Reception), 7),
                pad_left(&money(p.income), 11),
                pad_left(&money(p.expenditure), 11),
                p.report
            );
        }
    }
    let undated: Vec<&str> = c
        .reports
        .iter()
        .filter(|r| r.department.is_none() || r.year.is_none())
        .map(|r| r.name.as_str())
        .collect();
    if !undated.is_empty() {
        let _ = writeln!(
            s,
            "\nnot placed (department or year not stated): {}",
            undated.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "\n比上年 claims checked against the prior report: {}",
        c.checked_claims
    );
    if c.findings.is_empty() {
        let _ = writeln!(s, "no contradiction with a prior report");
    }
    for f in &c.findings {
        let sev = match f.finding.severity {
            Severity::Error => "error  ",
            Severity::Warning => "warning",
            Severity::Notice => "notice ",
        };
        let line = f
            .finding
            .line
            .map(|l| format!(" line {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {sev} {}{line} (vs {}): {} ({})",
            f.report, f.prior_report, f.finding.message_zh, f.finding.rule
        );
        let _ = writeln!(s, "          {}", f.finding.message_en);
    }
    s
}

/// `budgetlens text FILE`: the text the reader reads (a PDF's laid-out lines and cells).
fn text_main(files: &[String]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for f in files {
        match load(f) {
            Ok(t) => print!("{t}"),
            Err(e) => {
                eprintln!("{f}: {e}");
                status = ExitCode::from(2);
            }
        }
    }
    status
}
