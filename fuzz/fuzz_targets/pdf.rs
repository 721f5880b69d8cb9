//! Fuzz the PDF reader on arbitrary bytes (seed it with tests/fixtures/pdf/).
//! Invariants: never panics; a file is either refused with a reason or read into text
//! the text reader then reads without panicking; the text stays within a bound of the
//! work limits (no blow-up from a small file).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match budgetlens::input::pdf_text(data) {
        Ok(t) => {
            assert!(t.pages_without_text.len() <= t.pages);
            let _ = budgetlens::analyze(&t.text);
        }
        Err(e) => {
            assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
        }
    }
});
