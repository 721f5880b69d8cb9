//! Mutation test of the checks: change one printed number of a leaf row (a
//! 7-digit functional or 5-digit economic 科目编码 row without children) by at
//! least 1.00 in the TEXT of a corpus report; the analysis must then report at
//! least one new error naming that row's table. Several hundred mutants,
//! chosen by a seeded LCG so every run is the same; recall must be ≥ 99 %.

use budgetlens::model::{Severity, Table};
use std::collections::BTreeSet;

const CORPUS: &[(&str, &str)] = &[
    (
        "tianhe-zwsjj-2020-final",
        include_str!("fixtures/corpus/tianhe-zwsjj-2020-final.txt"),
    ),
    (
        "tianhe-zwb-2017-final",
        include_str!("fixtures/corpus/tianhe-zwb-2017-final.txt"),
    ),
    (
        "tianhe-zwsjj-2024-budget",
        include_str!("fixtures/corpus/tianhe-zwsjj-2024-budget.txt"),
    ),
];

/// Knuth's MMIX LCG: deterministic, no dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Byte ranges of decimal numbers (`2,116.76`, `0.00`) in a line.
fn decimal_tokens(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b','))
        {
            let st = i;
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_digit()
                    || (b[j] == b',' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
            {
                j += 1;
            }
            if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                out.push((st, j));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_leaf(t: &Table, i: usize) -> bool {
    let r = &t.rows[i];
    let Some(code) = &r.code else { return false };
    let leafy = code.len() == 7 || (code.len() == 5 && !code.starts_with('2'));
    leafy
        && !t.rows.iter().any(|o| {
            o.side == r.side
                && o.code
                    .as_ref()
                    .is_some_and(|c| c.len() > code.len() && c.starts_with(code.as_str()))
        })
}

/// Leaf rows with values: (table id, line, how many values, side).
fn candidates(text: &str) -> Vec<(String, usize, usize, Option<usize>)> {
    let doc = budgetlens::read(text);
    let mut out = Vec::new();
    for t in &doc.tables {
        for (i, r) in t.rows.iter().enumerate() {
            let n = r.values.iter().filter(|v| v.is_some()).count();
            if n > 0 && is_leaf(t, i) {
                out.push((t.id.clone(), r.line, n, r.side));
            }
        }
    }
    out
}

fn errors(text: &str) -> BTreeSet<(String, String)> {
    budgetlens::analyze(text)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            (
                f.rule.clone(),
                format!("{:?}|{:?}|{:?}|{:?}", f.table, f.row, f.column, f.found),
            )
        })
        .collect()
}

fn group(s: &str) -> String {
    budgetlens::text::group_thousands(s)
}

#[test]
fn leaf_mutations_are_caught() {
    let mut rng = Lcg(20_241_125);
    let per_report = 150;
    let (mut total, mut caught) = (0usize, 0usize);
    let mut missed = Vec::new();
    for (name, text) in CORPUS {
        let base = errors(text);
        let cands = candidates(text);
        assert!(!cands.is_empty(), "{name}: no leaf rows read");
        let lines: Vec<&str> = text.split('\n').collect();
        for _ in 0..per_report {
            let (table, line_no, n, side) = &cands[rng.below(cands.len())];
            let line = lines[line_no - 1];
            let toks = decimal_tokens(line);
            // The row's own numbers: the left half's first, the right half's last.
            let own: Vec<(usize, usize)> = match side {
                Some(0) => toks.iter().take(*n).copied().collect(),
                Some(_) => toks.iter().rev().take(*n).copied().collect(),
                None => toks.clone(),
            };
            if own.is_empty() {
                continue;
            }
            let (st, en) = own[rng.below(own.len())];
            let old = &line[st..en];
            let old_v: rust_decimal::Decimal = old.replace(',', "").parse().unwrap();
            let delta = rust_decimal::Decimal::new(100 + rng.below(99_900) as i64, 2);
            let new_v = (old_v + delta).round_dp(2);
            let mut new_s = format!("{new_v:.2}");
            if old.contains(',')
                || (new_v >= rust_decimal::Decimal::from(1000) && text.contains(","))
            {
                new_s = group(&new_s);
            }
            let mutated_line = format!("{}{}{}", &line[..st], new_s, &line[en..]);
            let mut ls = lines.clone();
            ls[line_no - 1] = &mutated_line;
            let mutated = ls.join("\n");
            total += 1;
            let a = budgetlens::analyze(&mutated);
            let names_table = a.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && f.table.as_deref() == Some(table.as_str())
                    && !base.contains(&(
                        f.rule.clone(),
                        format!("{:?}|{:?}|{:?}|{:?}", f.table, f.row, f.column, f.found),
                    ))
            });
            if names_table {
                caught += 1;
            } else {
                missed.push(format!("{name}:{line_no} {table} {old} → {new_s}"));
            }
        }
    }
    let recall = caught as f64 / total as f64;
    eprintln!("mutation recall: {caught}/{total} = {:.2}%", recall * 100.0);
    for m in &missed {
        eprintln!("missed: {m}");
    }
    assert!(total >= 300, "only {total} mutants");
    assert!(
        recall >= 0.99,
        "recall {:.2}% < 99%: {missed:#?}",
        recall * 100.0
    );
}

#[test]
fn lcg_is_deterministic() {
    let mut a = Lcg(1);
    let mut b = Lcg(1);
    assert_eq!(
        (0..5).map(|_| a.next()).collect::<Vec<_>>(),
        (0..5).map(|_| b.next()).collect::<Vec<_>>()
    );
    assert_eq!(
        decimal_tokens("2010301\t行政运行\t2,116.76\t0.00"),
        vec![(21, 29), (30, 34)]
    );
}
