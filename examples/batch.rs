//! Batch throughput: write N report files made from the corpus (varied
//! departments, years, one in four with a planted error) and time the analysis.
//!
//! `cargo run --release --example batch -- [N] [DIR]` (default 1000 files in a
//! temp dir). Prints the time to analyse them in one thread; the files stay in
//! DIR so the CLI can be timed on them too:
//! `time target/release/budgetlens check --json DIR/*.txt > /dev/null`.

#[path = "../tests/batch_gen/mod.rs"]
mod batch_gen;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = args
        .get(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("budgetlens-batch-bench"));
    let _ = std::fs::remove_dir_all(&dir);
    let t = Instant::now();
    let generated = batch_gen::generate(&dir, n, 4);
    eprintln!(
        "generated {} files in {:.2?} → {}",
        generated.len(),
        t.elapsed(),
        dir.display()
    );
    let texts: Vec<String> = generated
        .iter()
        .map(|g| std::fs::read_to_string(&g.path).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let mut errors = 0usize;
    let mut findings = 0usize;
    for text in &texts {
        let a = budgetlens::analyze(text);
        findings += a.findings.len();
        errors += usize::from(a.has_errors());
    }
    let el = t.elapsed();
    println!(
        "analyse (one thread): {} reports, {:.1} MB in {:.2?}: {:.2} ms/report, {:.0} reports/s; {} with errors, {} findings",
        n,
        bytes as f64 / 1e6,
        el,
        el.as_secs_f64() * 1000.0 / n as f64,
        n as f64 / el.as_secs_f64(),
        errors,
        findings
    );
    let t = Instant::now();
    let inputs: Vec<_> = generated
        .iter()
        .zip(&texts)
        .map(|(g, t)| budgetlens::compare::ReportInput::from_text(g.path.display().to_string(), t))
        .collect();
    let c = budgetlens::compare::compare(&inputs);
    println!(
        "compare: {} reports, {} departments, {} claims checked, {} findings in {:.2?}",
        n,
        c.departments.len(),
        c.checked_claims,
        c.findings.len(),
        t.elapsed()
    );
}
