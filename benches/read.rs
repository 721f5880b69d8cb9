//! Time reading (and analysing) the largest corpus report: `cargo bench --bench read`.
//! A plain timing loop (harness = false): the figure goes to BENCHMARKS.md, it is
//! never asserted.

use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
    for (name, text) in &files {
        for (what, f) in [("read", read as fn(&str) -> usize), ("analyze", analyze)] {
            // Warm up, then time enough iterations for ~1 s.
            let mut sink = 0usize;
            for _ in 0..20 {
                sink += f(text);
            }
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed().as_secs_f64() < 1.0 {
                sink += f(text);
                n += 1;
            }
            let per = start.elapsed().as_secs_f64() / f64::from(n);
            println!("{what:8} {name:34} {:>7} bytes  {:>9.1} µs/report  ({n} iterations, {:.1} MB/s) [{sink}]", text.len(), per * 1e6, text.len() as f64 / per / 1e6, sink = sink % 7);
        }
    }
}

fn read(t: &str) -> usize {
    budgetlens::read(t).tables.len()
}

fn analyze(t: &str) -> usize {
    budgetlens::analyze(t).findings.len()
}
