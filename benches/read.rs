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
            let cpu0 = cpu_ns();
            let mut n = 0u32;
            while start.elapsed().as_secs_f64() < 2.0 {
                sink += f(text);
                n += 1;
            }
            let per = start.elapsed().as_secs_f64() / f64::from(n);
            // On a shared machine wall time includes waiting for a core; the
            // thread's own CPU time is the figure to compare.
            let cpu = cpu_ns()
                .zip(cpu0)
                .map(|(b, a)| (b - a) as f64 / 1e9 / f64::from(n));
            let cpu_s = cpu
                .map(|c| format!("{:>8.1} µs CPU", c * 1e6))
                .unwrap_or_default();
            println!("{what:8} {name:34} {:>7} bytes  {:>8.1} µs wall {cpu_s}/report  ({n} iterations) [{sink}]", text.len(), per * 1e6, sink = sink % 7);
        }
    }
}

/// CPU time of this thread in ns (Linux `schedstat`), if available.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn read(t: &str) -> usize {
    budgetlens::read(t).tables.len()
}

fn analyze(t: &str) -> usize {
    budgetlens::analyze(t).findings.len()
}
