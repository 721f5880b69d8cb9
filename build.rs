//! Which door a wasm build opens. One crate is built three times for the page
//! (scripts/build), each exporting only what its JS loads, so that LTO drops the
//! rest: `door_page` (no door feature: the single-report page, `<budget-lens>` and
//! its large-paste worker), `many-module` (`#compare` and `#batch`), `pdf-module`
//! (the PDF worker). Native builds are `door_page` too: the exports are inert there.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(door_page)");
    let many = std::env::var_os("CARGO_FEATURE_MANY_MODULE").is_some();
    let pdf = std::env::var_os("CARGO_FEATURE_PDF_MODULE").is_some();
    if !many && !pdf {
        println!("cargo::rustc-cfg=door_page");
    }
}
