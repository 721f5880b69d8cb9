//! Fuzz the reader on arbitrary bytes taken as text (lossy UTF-8).
//! Invariants: never panics; every table's line span lies inside the input and
//! is ordered; every row and narrative line lies
//! inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = budgetlens::read(&text);
    let last = doc.line_count.max(1);
    for t in &doc.tables {
        assert!(t.lines[0] >= 1 && t.lines[0] <= t.lines[1], "table lines out of order: {:?}", t.lines);
        assert!(t.lines[1] <= last, "table ends after the input: {:?} > {}", t.lines, last);
        for r in &t.rows {
            assert!(r.line >= 1 && r.line <= last, "row line {} outside the input ({last})", r.line);
        }
    }
    for n in &doc.narrative {
        assert!(n.line >= 1 && n.line <= last, "narrative line {} outside the input", n.line);
    }
});
