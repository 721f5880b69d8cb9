//! Golden tests of the reader: every table of the three corpus reports (kind,
//! title, unit, lines, columns, row count, first and last rows), the metadata
//! and the 三公 block, compared with `tests/golden/<report>.json`.
//!
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test
//! reader_golden`, then read the diff: a golden file is only as good as the
//! review of its changes. The hand-checked facts live in `reader_expected.rs`.

use serde_json::{json, Value};
use std::path::PathBuf;

fn summary(text: &str) -> Value {
    let doc = budgetlens::read(text);
    let tables: Vec<Value> = doc
        .tables
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "kind": t.kind,
                "title": t.title,
                "number": t.number,
                "unit": t.unit,
                "lines": t.lines,
                "state": t.state,
                "pages": t.pages,
                "columns": t.columns,
                "value_columns": t.value_columns,
                "sides": t.sides,
                "row_count": t.rows.len(),
                "ambiguous_rows": t.rows.iter().filter(|r| r.ambiguous).count(),
                "first_row": t.rows.first(),
                "last_row": t.rows.last(),
                "notes": t.notes.len(),
            })
        })
        .collect();
    let diagnostics: Vec<Value> = doc
        .diagnostics
        .iter()
        .map(|f| json!({"rule": f.rule, "table": f.table, "row": f.row, "line": f.line}))
        .collect();
    json!({
        "meta": doc.meta,
        "tables": tables,
        "sangong": doc.sangong,
        "narrative_lines": doc.narrative.len(),
        "diagnostics": diagnostics,
    })
}

fn check(name: &str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(
        root.join("tests/fixtures/corpus")
            .join(format!("{name}.txt")),
    )
    .expect("fixture");
    let got = serde_json::to_string_pretty(&summary(&text)).expect("json") + "\n";
    let path = root.join("tests/golden").join(format!("{name}.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    if got != want {
        // Show the first differing line, not two 2,000-line blobs.
        let (n, (g, w)) = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (g, w))| g != w)
            .unwrap_or((0, ("<length differs>", "")));
        panic!("{name}: reader output differs from {} at line {}:\n  got:  {g}\n  want: {w}\n(UPDATE_GOLDEN=1 to accept an intended change)", path.display(), n + 1);
    }
}

#[test]
fn golden_2020_final() {
    check("tianhe-zwsjj-2020-final");
}

#[test]
fn golden_2017_final() {
    check("tianhe-zwb-2017-final");
}

#[test]
fn golden_2024_budget() {
    check("tianhe-zwsjj-2024-budget");
}
