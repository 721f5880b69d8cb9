//! The real reports of `../shared/corpus/real` as other extractors give their text:
//! poppler's `pdftotext -layout` (columns set out with runs of spaces, labels and
//! figures of one row sometimes on different lines) and `pdftotext -raw` (content
//! order: often one cell per line, header cells out of order), plain `pdftotext`
//! (what poppler-based viewers copy: content order, cells apart), and the PDF reader's
//! own cells with one cell per line or one space between cells. Users paste
//! what their viewer copies, and viewers differ; a shape the reader was not built
//! on must not turn into wrong 三公 figures or new errors.
//!
//! Held: on every report and every shape, the 三公 figures equal FACTS.json or are
//! absent with a `sangong_uncertain` warning — never wrong; and the error findings
//! are exactly those pinned in `tests/golden/real-corpus-extractors.json`, each read
//! by hand (`docs/DISCREPANCIES.md`: the genuine ones; misreadings found here are
//! listed there until fixed). Regenerate with `UPDATE_GOLDEN=1`.
//! One "skipped" line where `../shared/corpus/real` or `pdftotext` is absent.

use budgetlens::model::{Analysis, Severity, Unit};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const REAL: &str = "../shared/corpus/real";
/// poppler's shapes by name, with the flags that make them (`plain`: no flag, what
/// poppler-based viewers such as Evince copy: content order, a blank line between
/// cells).
const SHAPES: [(&str, &[&str]); 3] = [
    ("-layout", &["-layout"]),
    ("-raw", &["-raw"]),
    ("plain", &[]),
];

/// The PDF reader's own tab text turned into what other viewers copy: every cell on
/// a line of its own (`cells-per-line`), or cells set apart by one space
/// (`single-spaced`, a plain PDF copy without positions).
fn from_positions(bytes: &[u8]) -> [(&'static str, String); 2] {
    let text = budgetlens::input::pdf_text(bytes)
        .map(|t| t.text)
        .unwrap_or_default();
    let cells = |sep: &str| {
        text.split('\n')
            .map(|l| {
                l.split('\t')
                    .filter(|c| !c.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(sep)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    [
        ("cells-per-line", cells("\n")),
        ("single-spaced", cells(" ")),
    ]
}
const KEYS: [&str; 6] = [
    "total",
    "outbound",
    "vehicle",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
];

/// (report id, shape, text) for every corpus PDF and shape, or why not.
fn texts() -> Option<Vec<(String, &'static str, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(REAL);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("skipped: no ../shared/corpus/real");
        return None;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!("skipped: no pdftotext (poppler-utils; scripts/setup --test installs it)");
        return None;
    }
    let mut pdfs: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    let mut out = Vec::new();
    for p in pdfs {
        let id = p.file_stem().unwrap().to_string_lossy().to_string();
        for (shape, text) in from_positions(&std::fs::read(&p).unwrap()) {
            out.push((id.clone(), shape, text));
        }
        for (shape, flags) in SHAPES {
            let o = Command::new("pdftotext")
                .args(flags)
                .args(["-enc", "UTF-8"])
                .arg(&p)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            assert!(o.status.success(), "pdftotext {shape} {id}");
            out.push((
                id.clone(),
                shape,
                String::from_utf8_lossy(&o.stdout).into_owned(),
            ));
        }
    }
    Some(out)
}

fn dec(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => n.to_string().parse().ok(),
        Value::String(s) => s.replace(',', "").parse().ok(),
        _ => None,
    }
}

/// What is wrong with the 三公 reading against the hand-read figures, if anything.
fn sangong_wrong(a: &Analysis, want: &Value, unit: Option<&str>) -> Option<String> {
    let b = a.sangong.as_ref()?;
    let factor = match (unit, b.unit) {
        (Some("万元"), Unit::Yuan) => Decimal::new(1, 4),
        (Some("元"), Unit::WanYuan) => Decimal::from(10_000),
        _ => Decimal::ONE,
    };
    let mut wrong = Vec::new();
    for (group, got) in [("budget", &b.budget), ("actual", &b.actual)] {
        let (Some(got), w) = (got, &want[group]) else {
            continue;
        };
        if w.is_null() {
            continue;
        }
        let got = serde_json::to_value(got).unwrap();
        for k in KEYS {
            let Some(wv) = dec(&w[k]) else { continue };
            let g = dec(&got[k]).map(|g| g * factor).unwrap_or(Decimal::ZERO);
            if g.normalize() != wv.normalize() {
                wrong.push(format!("{group}.{k}: want {wv}, got {g}"));
            }
        }
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

#[test]
fn other_extractors_never_give_wrong_sangong_nor_new_errors() {
    let Some(texts) = texts() else { return };
    let facts: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(REAL)
                .join("FACTS.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut problems = Vec::new();
    let mut got = BTreeMap::new();
    for (id, shape, text) in &texts {
        let a = budgetlens::analyze(text);
        let want = &facts[id.as_str()];
        if want["sangong"].is_object() {
            if let Some(w) = sangong_wrong(&a, &want["sangong"], want["unit"].as_str()) {
                problems.push(format!("{id} {shape}: 三公 WRONG {w}"));
            }
        }
        let errors: Vec<Value> = a
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| json!(format!("{} {}", f.rule, f.message_zh)))
            .collect();
        got.insert(format!("{id} {shape}"), json!(errors));
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let got = serde_json::to_string_pretty(&got).unwrap() + "\n";
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/real-corpus-extractors.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == got,
        "the pdftotext texts give other errors than tests/golden/real-corpus-extractors.json; read the diff, check each error against the report, then UPDATE_GOLDEN=1"
    );
}
