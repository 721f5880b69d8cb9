//! Fuzz the whole analysis (reader + checks) on arbitrary bytes taken as text.
//! Invariant: never panics, and every table's line span lies inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = budgetlens::read(&text);
    for t in &doc.tables {
        assert!(t.lines[0] >= 1 && t.lines[0] <= t.lines[1], "table lines out of order: {:?}", t.lines);
        assert!(t.lines[1] <= doc.line_count.max(1), "table ends after the input: {:?} > {}", t.lines, doc.line_count);
    }
    let _ = budgetlens::analyze(&text);
});
