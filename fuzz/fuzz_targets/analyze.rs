//! Fuzz the whole analysis (reader + checks): never panics on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = budgetlens::analyze(&text);
    let _ = serde_json::to_string(&a);
});
