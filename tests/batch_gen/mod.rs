//! A batch of report files made from the corpus reports: varied departments
//! and years, and in some of them a planted error (one leaf figure of a coded
//! table changed by +100, so its parent row and the 合计 no longer add up).
//!
//! Shared by `tests/batch.rs` (through the CLI) and `examples/batch.rs` (the
//! throughput benchmark of BENCHMARKS.md).

#![allow(dead_code)]

use budgetlens::model::Document;
use std::path::{Path, PathBuf};

pub const CORPUS_FILES: [&str; 3] = [
    "tianhe-zwsjj-2020-final.txt",
    "tianhe-zwb-2017-final.txt",
    "tianhe-zwsjj-2024-budget.txt",
];

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// The change planted in one file.
#[derive(Debug, Clone)]
pub struct Planted {
    /// 1-based line of the changed row.
    pub line: usize,
    pub table_kind: String,
    pub row_code: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone)]
pub struct Generated {
    pub path: PathBuf,
    pub source: &'static str,
    pub department: String,
    pub year: i32,
    pub kind: String,
    pub planted: Option<Planted>,
}

struct Source {
    file: &'static str,
    text: String,
    department: String,
    year: i32,
    kind: String,
    /// (line, table kind, code, printed value) of leaf rows we can change.
    leaves: Vec<(usize, String, String, String)>,
}

fn leaves(doc: &Document, text: &str) -> Vec<(usize, String, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for t in &doc.tables {
        if t.kind == "unknown" || t.is_two_sided() {
            continue;
        }
        for r in &t.rows {
            let Some(code) = &r.code else { continue };
            // A leaf: no other row's code extends this one.
            if t.rows.iter().any(|o| {
                o.code
                    .as_ref()
                    .is_some_and(|c| c.len() > code.len() && c.starts_with(code.as_str()))
            }) {
                continue;
            }
            if code.len() < 5 {
                continue;
            }
            let Some(v) = r.value(0) else { continue };
            if v.is_zero() {
                continue;
            }
            let printed = budgetlens::text::group_thousands(&v.to_string());
            let Some(line) = lines.get(r.line - 1) else {
                continue;
            };
            let form = if line.matches(printed.as_str()).count() >= 1 {
                printed
            } else {
                v.to_string()
            };
            if line.matches(form.as_str()).count() != 1 {
                continue; // cannot tell which cell it is on the line: skip
            }
            out.push((r.line, t.kind.clone(), code.clone(), form));
        }
    }
    out
}

fn load_sources() -> Vec<Source> {
    CORPUS_FILES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(corpus_dir().join(f)).expect("corpus file");
            let doc = budgetlens::read(&text);
            let kind = serde_json::to_value(doc.meta.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            Source {
                file: f,
                department: doc.meta.department.clone().expect("corpus department"),
                year: doc.meta.year.expect("corpus year"),
                kind,
                leaves: leaves(&doc, &text),
                text,
            }
        })
        .collect()
}

/// `12,345.60` + 100 printed the same way.
fn bump(printed: &str) -> String {
    let raw: String = printed.chars().filter(|c| *c != ',').collect();
    let v: rust_decimal::Decimal = raw.parse().unwrap();
    let n = (v + rust_decimal::Decimal::from(100)).to_string();
    if printed.contains(',') || v >= rust_decimal::Decimal::from(1000) && printed.contains(',') {
        budgetlens::text::group_thousands(&n)
    } else {
        n
    }
}

/// Write `n` files into `dir`. Every `plant_every`-th file (1-based index
/// divisible by it) carries a planted error; `0` plants none.
pub fn generate(dir: &Path, n: usize, plant_every: usize) -> Vec<Generated> {
    std::fs::create_dir_all(dir).unwrap();
    let sources = load_sources();
    let districts = [
        "天河", "越秀", "海珠", "荔湾", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城",
    ];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = &sources[i % sources.len()];
        let mut lines: Vec<String> = s.text.lines().map(String::from).collect();
        let planted = if plant_every > 0 && (i + 1) % plant_every == 0 && !s.leaves.is_empty() {
            let (line, kind, code, old) = s.leaves[(i * 7919) % s.leaves.len()].clone();
            let new = bump(&old);
            lines[line - 1] = lines[line - 1].replacen(old.as_str(), &new, 1);
            Some(Planted {
                line,
                table_kind: kind,
                row_code: code,
                old,
                new,
            })
        } else {
            None
        };
        let mut text = lines.join("\n");
        text.push('\n');
        // A new department: the district and a number, so names repeat across years.
        let d = districts[(i / 3) % districts.len()];
        let dept_no = (i / 3 / districts.len()) % 30;
        let department = s.department.replace(
            "天河",
            &format!(
                "{d}{}",
                if dept_no == 0 {
                    String::new()
                } else {
                    format!("第{dept_no}")
                }
            ),
        );
        text = text.replace(&s.department, &department);
        // A new year: the whole report shifts (its own year and the year before).
        let year = s.year - 3 + ((i / 3) % 7) as i32;
        let placeholder = "\u{E000}YEAR\u{E000}";
        text = text.replace(&s.year.to_string(), placeholder);
        text = text.replace(placeholder, &year.to_string());
        let name = format!("{:04}-{}-{}-{}.txt", i + 1, d, year, s.kind);
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        out.push(Generated {
            path,
            source: s.file,
            department,
            year,
            kind: s.kind.clone(),
            planted,
        });
    }
    out
}
