//! Batch through the command line: a generated set of reports (varied
//! departments, years, planted errors) checked with `budgetlens check --json`.
//! Every file comes back with the right department, year and kind; every
//! planted error is found once the checks are in (they are detected at run
//! time, so this test tightens by itself when the rules land).
//!
//! `BATCH_N` sets the number of files (default 60; the 1,000-file throughput
//! run is `cargo run --release --example batch`, see BENCHMARKS.md).

mod batch_gen;

use std::collections::HashMap;
use std::process::Command;

fn checks_are_in() -> bool {
    let text = std::fs::read_to_string(batch_gen::corpus_dir().join("tianhe-zwsjj-2020-final.txt"))
        .unwrap();
    // The 2020 report's summary adds up only within rounding: any working set
    // of rules says at least that.
    !budgetlens::checks::run_all(&budgetlens::read(&text)).is_empty()
}

#[test]
fn batch_of_generated_reports_through_the_cli() {
    let n: usize = std::env::var("BATCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let dir = std::env::temp_dir().join(format!("budgetlens-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let generated = batch_gen::generate(&dir, n, 4);
    assert!(
        generated.iter().filter(|g| g.planted.is_some()).count() >= n / 5,
        "plants in every source"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_budgetlens"))
        .arg("check")
        .arg("--json")
        .args(generated.iter().map(|g| &g.path))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let objs: HashMap<String, serde_json::Value> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["file"].as_str().unwrap().to_string(), v)
        })
        .collect();
    assert_eq!(objs.len(), n, "one JSON line per file");

    let active = checks_are_in();
    let mut found = 0;
    let mut planted = 0;
    for g in &generated {
        let o = &objs[g.path.to_str().unwrap()];
        assert_eq!(
            o["meta"]["department"].as_str(),
            Some(g.department.as_str()),
            "{}",
            g.path.display()
        );
        assert_eq!(
            o["meta"]["year"].as_i64(),
            Some(g.year as i64),
            "{}",
            g.path.display()
        );
        assert_eq!(o["meta"]["kind"].as_str(), Some(g.kind.as_str()));
        assert!(
            o["tables"].as_array().unwrap().len() >= 8,
            "{}",
            g.path.display()
        );
        let Some(p) = &g.planted else { continue };
        planted += 1;
        let tables = o["tables"].as_array().unwrap();
        let ids: Vec<&str> = tables
            .iter()
            .filter(|t| t["kind"] == p.table_kind.as_str())
            .filter_map(|t| t["id"].as_str())
            .collect();
        let hit = o["findings"].as_array().unwrap().iter().any(|f| {
            f["severity"] == "error" && f["table"].as_str().is_some_and(|t| ids.contains(&t))
        });
        if hit {
            found += 1;
        } else if active {
            panic!(
                "planted error not found: {} line {} {} {} → {} ({})",
                g.path.display(),
                p.line,
                p.row_code,
                p.old,
                p.new,
                p.table_kind
            );
        }
    }
    if active {
        assert_eq!(found, planted, "every planted error found");
        assert_eq!(out.status.code(), Some(1), "errors found → exit 1");
    } else {
        eprintln!(
            "checks not in yet: {found} of {planted} planted errors found; structure checked only"
        );
        assert!(matches!(out.status.code(), Some(0) | Some(1)));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
