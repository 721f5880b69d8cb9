//! Rules that keep the page's wasm small, checked on the source (BENCHMARKS.md,
//! "Wasm size"): what the size work removed must not creep back one call at a time.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The non-test part of every source file that reaches the wasm.
fn wasm_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            // The CLI and the PDF walk are native-only or the PDF worker's; the
            // sort helper is where std's sort is instantiated, once.
            if ["main.rs", "input/pdf.rs", "stable_sort.rs"].contains(&rel.as_str()) {
                return None;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            Some((rel, code))
        })
        .collect()
}

/// Each code line (not a comment) of the wasm sources that holds one of `words`,
/// as `src/file:line: text`.
fn lines_holding(words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, code) in wasm_sources() {
        for (n, line) in code.lines().enumerate() {
            let l = line.trim_start();
            if !l.starts_with("//") && words.iter().any(|w| l.contains(w)) {
                found.push(format!("src/{file}:{}: {}", n + 1, l));
            }
        }
    }
    found
}

#[test]
fn sorting_goes_through_stable_sort() {
    let found = lines_holding(&[
        ".sort()",
        ".sort_by(",
        ".sort_by_key(",
        ".sort_unstable",
        ".sort_by_cached_key(",
    ]);
    assert!(
        found.is_empty(),
        "each of these compiles its own copy of std's sort into the wasm; use crate::stable_sort:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_page_has_one_serializer_to_js() {
    // serde-wasm-bindgen is the PDF worker's only (`to_plain_js` serves the page).
    let users: Vec<String> = wasm_sources()
        .into_iter()
        .filter(|(_, code)| code.contains("serde_wasm_bindgen::"))
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        users,
        ["wasm_api.rs"],
        "serde_wasm_bindgen used in {users:?}"
    );
    let api =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm_api.rs"))
            .unwrap();
    for (i, _) in api.match_indices("serde_wasm_bindgen::") {
        // The function it is in, and the attributes just above that function.
        let f = api[..i].rfind("\npub fn ").expect("inside a function");
        let attrs = &api[f.saturating_sub(200)..f];
        assert!(
            attrs.contains("#[cfg(feature = \"pdf-module\")]"),
            "serde_wasm_bindgen outside a pdf-module function: {}",
            &api[f + 1..api[f + 1..].find('\n').map_or(api.len(), |e| f + 1 + e)]
        );
    }
}

#[test]
fn json_is_read_back_by_json_read_not_serde() {
    // serde_json's deserializer with a derived visitor per model type was ≈ 116 KB of
    // the page's wasm (BENCHMARKS.md); `crate::json_read` reads the same JSON.
    let found = lines_holding(&[
        "Deserialize",
        "serde_json::from_",
        "serde_wasm_bindgen::from_value",
    ]);
    assert!(
        found.is_empty(),
        "reading JSON back in the wasm goes through crate::json_read:\n{}",
        found.join("\n")
    );
}
