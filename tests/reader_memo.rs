//! The page re-reads and re-checks only the tables an edit touched (`reader::memo`,
//! `checks::memo`): an analysis
//! through the memo must be the analysis without it, byte for byte, after any run of
//! edits — figures changed, lines deleted, doubled or split, blanks and tabs typed,
//! whole texts swapped.

use budgetlens::AnalysisMemo;
use proptest::prelude::*;
use std::path::Path;

fn fixtures() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        [
            "corpus/tianhe-zwsjj-2024-budget.txt",
            "provinces/hunan-lusong-2022-final.txt",
            "provinces/shaanxi-style-2021-final-pdftext.txt",
            "provinces/ragged-tab-codes-budget.txt",
            "provinces/html-pipes-2022-final.txt",
        ]
        .iter()
        .map(|f| std::fs::read_to_string(root.join(f)).expect("fixture"))
        .collect()
    })
}

fn json(a: &budgetlens::model::Analysis) -> String {
    serde_json::to_string(a).expect("analysis serialises")
}

#[derive(Debug, Clone)]
enum Edit {
    /// Change the n-th digit of a line to another digit.
    Digit(usize, u8),
    DeleteLine,
    DoubleLine,
    /// Split the line at a char boundary near this fraction of its length.
    Split(u8),
    /// Type a blank or a tab at the start of the line.
    Blank(bool),
    /// Replace the whole text with another fixture.
    Swap(usize),
}

fn edit_strategy() -> impl Strategy<Value = (usize, Edit)> {
    let edit = prop_oneof![
        4 => (0usize..40, 0u8..10).prop_map(|(n, d)| Edit::Digit(n, d)),
        1 => Just(Edit::DeleteLine),
        1 => Just(Edit::DoubleLine),
        1 => (0u8..100).prop_map(Edit::Split),
        1 => any::<bool>().prop_map(Edit::Blank),
        1 => (0usize..5).prop_map(Edit::Swap),
    ];
    (0usize..10_000, edit)
}

fn apply(text: &str, at: usize, e: &Edit) -> String {
    if let Edit::Swap(i) = e {
        return fixtures()[i % fixtures().len()].clone();
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let i = at % lines.len();
    match e {
        Edit::Digit(n, d) => {
            let l = &lines[i];
            let digits: Vec<usize> = l
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(p, _)| p)
                .collect();
            if let Some(&p) = digits.get(n % digits.len().max(1)) {
                let mut s = l.clone();
                s.replace_range(p..p + 1, &d.to_string());
                lines[i] = s;
            }
        }
        Edit::DeleteLine => {
            lines.remove(i);
        }
        Edit::DoubleLine => {
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        Edit::Split(f) => {
            let l = lines[i].clone();
            let mut p = l.len() * *f as usize / 100;
            while !l.is_char_boundary(p) {
                p -= 1;
            }
            lines[i] = l[..p].to_string();
            lines.insert(i + 1, l[p..].to_string());
        }
        Edit::Blank(tab) => lines[i].insert(0, if *tab { '\t' } else { ' ' }),
        Edit::Swap(_) => unreachable!(),
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn memo_reading_is_the_reading(start in 0usize..5, edits in prop::collection::vec(edit_strategy(), 1..6)) {
        let mut memo = AnalysisMemo::default();
        let mut text = fixtures()[start].clone();
        prop_assert_eq!(json(&budgetlens::analyze_with(&text, Some(&mut memo))), json(&budgetlens::analyze(&text)));
        for (at, e) in &edits {
            text = apply(&text, *at, e);
            prop_assert_eq!(json(&budgetlens::analyze_with(&text, Some(&mut memo))), json(&budgetlens::analyze(&text)), "after {:?} at {}", e, at);
        }
    }
}

/// Every table line of a real report edited in turn (one figure changed, then
/// changed back): the memo reuses the other tables and the analysis is still the
/// analysis without it.
#[test]
fn memo_on_real_reports_edit_by_edit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        println!("skipped: no ../shared/corpus/real");
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("real text");
        let mut memo = AnalysisMemo::default();
        budgetlens::analyze_with(&text, Some(&mut memo));
        let n = text.split('\n').count();
        // A handful of lines spread through the report, each with a figure.
        for k in 1..6 {
            let at = n * k / 6;
            let edited = apply(&text, at, &Edit::Digit(0, 7));
            if edited == text {
                continue;
            }
            for t in [&edited, &text] {
                assert_eq!(
                    json(&budgetlens::analyze_with(t, Some(&mut memo))),
                    json(&budgetlens::analyze(t)),
                    "{} line {}",
                    f.display(),
                    at + 1
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no real report was edited");
}
