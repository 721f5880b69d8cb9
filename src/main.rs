//! `budgetlens check [--json] FILE...|-`: the same analysis as the page, for batches.
//!
//! Exit status: 0 no error-level finding, 1 at least one error, 2 an input could
//! not be read or holds no report table (one-line reason on stderr).

use budgetlens::model::{Analysis, Severity};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: budgetlens check [--json] FILE...|-
  Reads Chinese department budget (部门预算) / final-accounts (部门决算) reports
  pasted as text and checks every total and identity.
  --json   print the analysis object (budgetlens/1); one object per line for several files
  -        read standard input
exit status: 0 no error, 1 errors found, 2 unreadable input or no report table";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let many = files.len() > 1;
    let mut worst = 0u8;
    let mut summary: Vec<(String, Option<Analysis>, Option<String>)> = Vec::new();
    for f in &files {
        let text = match load(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                worst = 2;
                summary.push((f.clone(), None, Some(e)));
                continue;
            }
        };
        let a = budgetlens::analyze(&text);
        if let Some(p) = &a.input_problem {
            eprintln!("{f}: {}", p.message_en);
            worst = 2;
        } else if a.has_errors() {
            worst = worst.max(1);
        }
        if json {
            println!("{}", serde_json::to_string(&a).unwrap_or_default());
        } else if !many {
            print!("{}", human_report(f, &a));
        }
        summary.push((f.clone(), Some(a), None));
    }
    if many && !json {
        print!("{}", summary_table(&summary));
    }
    ExitCode::from(worst)
}

fn load(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read file: {e}"))?;
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
        let _ = writeln!(
            s,
            "    {:<4} {:<44} {:>4} rows {:>3} findings  lines {}-{}{}",
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
            }
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
            let line = f.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let _ = writeln!(s, "    {sev} {line}{} ({})", f.message_zh, f.rule);
            let _ = writeln!(s, "            {}", f.message_en);
        }
    }
    s
}

fn summary_table(rows: &[(String, Option<Analysis>, Option<String>)]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<40} {:<28} {:>5} {:<7} {:>6} {:>6} {:>6} {:>6} {:>10} {:>10}",
        "file",
        "department",
        "year",
        "kind",
        "tables",
        "errors",
        "warns",
        "notes",
        "三公budget",
        "三公actual"
    );
    for (name, a, err) in rows {
        match a {
            None => {
                let _ = writeln!(s, "{name:<40} unreadable: {}", err.as_deref().unwrap_or(""));
            }
            Some(a) => {
                let kind = serde_json::to_value(a.meta.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
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
                        .map(|v| v.value.to_string())
                        .unwrap_or_else(|| "-".into())
                };
                let _ = writeln!(
                    s,
                    "{:<40} {:<28} {:>5} {:<7} {:>6} {:>6} {:>6} {:>6} {:>10} {:>10}",
                    name,
                    a.meta.department.as_deref().unwrap_or("-"),
                    a.meta
                        .year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "-".into()),
                    kind,
                    a.tables.len(),
                    a.count(Severity::Error),
                    a.count(Severity::Warning),
                    a.count(Severity::Notice),
                    sg(false),
                    sg(true)
                );
            }
        }
    }
    s
}
