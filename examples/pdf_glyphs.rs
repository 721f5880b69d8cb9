//! Dump a PDF page's glyphs or runs with positions: `cargo run --example pdf_glyphs FILE PAGE [runs]`.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let page: u32 = a[2].parse().expect("page");
    let pages = budgetlens::input::pdf::extract(&bytes).expect("pdf");
    let p = pages.iter().find(|p| p.number == page).expect("page");
    if a.get(3).map(String::as_str) == Some("rules") {
        for r in &p.rules {
            println!("{:7.2} {:7.2} {:7.2} {:7.2}", r.x0, r.y0, r.x1, r.y1);
        }
    } else if a.get(3).map(String::as_str) == Some("runs") {
        for l in budgetlens::reader::positioned::layout(std::slice::from_ref(p))[0]
            .lines
            .iter()
        {
            let runs: Vec<String> = l
                .runs
                .iter()
                .map(|r| format!("[{:.1}-{:.1} {}]", r.x0, r.x1, r.text))
                .collect();
            println!("y={:.1} {}", l.y, runs.join(" "));
        }
    } else {
        for g in &p.glyphs {
            println!(
                "{:7.2} {:7.2} {:7.2} {:5.2} {}",
                g.x0, g.x1, g.y, g.size, g.text
            );
        }
    }
}
