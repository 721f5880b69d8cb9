//! Placing the values of a row whose blank cells vanished from the text.
//!
//! Space-separated text drops empty cells, so a row can carry 10 values for 12
//! columns. We place them only when that is certain:
//! - by layout: in column-aligned text (pdftotext -layout) each column's numbers
//!   end at the same position as in the rows that are complete;
//! - by arithmetic: exactly one placement makes every identity of the header
//!   hold (blank cells read as zero).
//! Otherwise the row is ambiguous and the caller says so.

use crate::identities::ColumnIdentity;
use crate::model::Amount;
use crate::rounding::RoundingTolerance;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    Certain(Vec<Option<Amount>>),
    /// Number of placements that fit (0 = none does).
    Ambiguous(usize),
}

/// Combinations are enumerated up to this many; beyond, the row is ambiguous.
const MAX_COMBINATIONS: usize = 20_000;

fn binom(n: usize, k: usize) -> usize {
    let k = k.min(n - k.min(n));
    let mut r: usize = 1;
    for i in 0..k {
        r = r.saturating_mul(n - i) / (i + 1);
    }
    r
}

pub fn place_by_identities(
    values: &[Option<Amount>],
    n: usize,
    ids: &[ColumnIdentity],
) -> Placement {
    let k = values.len();
    if ids.is_empty() || k > n || binom(n, k) > MAX_COMBINATIONS {
        return Placement::Ambiguous(0);
    }
    let mut fits: Vec<Vec<Option<Amount>>> = Vec::new();
    let mut distinct: Vec<Vec<Decimal>> = Vec::new();
    let mut idx: Vec<usize> = (0..k).collect();
    loop {
        let mut cand: Vec<Option<Amount>> = vec![None; n];
        for (v, &p) in values.iter().zip(&idx) {
            cand[p] = *v;
        }
        if holds(&cand, ids) {
            let norm: Vec<Decimal> = cand
                .iter()
                .map(|a| a.map(|a| a.value).unwrap_or(Decimal::ZERO))
                .collect();
            if !distinct.contains(&norm) {
                distinct.push(norm);
                fits.push(cand);
            }
        }
        // next combination
        let mut i = k;
        loop {
            if i == 0 {
                return match fits.len() {
                    1 => Placement::Certain(fits.remove(0)),
                    m => Placement::Ambiguous(m),
                };
            }
            i -= 1;
            if idx[i] < n - k + i {
                idx[i] += 1;
                for j in i + 1..k {
                    idx[j] = idx[j - 1] + 1;
                }
                break;
            }
        }
    }
}

pub fn holds(cand: &[Option<Amount>], ids: &[ColumnIdentity]) -> bool {
    let val = |i: usize| cand.get(i).copied().flatten().map(|a| a.value);
    for id in ids {
        let total = val(id.total).unwrap_or(Decimal::ZERO);
        let parts: Vec<Decimal> = id
            .parts
            .iter()
            .map(|&p| val(p).unwrap_or(Decimal::ZERO))
            .collect();
        let printed: Vec<Decimal> = id.parts.iter().filter_map(|&p| val(p)).collect();
        let tol = RoundingTolerance::for_sum(val(id.total).unwrap_or(Decimal::new(0, 2)), &printed);
        let sum: Decimal = parts.iter().copied().sum();
        if (sum - total).abs() > tol.0 {
            return false;
        }
    }
    true
}

/// Place by where numbers end in column-aligned text. `full` holds the value
/// positions (start, end char columns) of rows that have all `n` values.
pub fn place_by_layout(
    values: &[Option<Amount>],
    pos: &[(usize, usize)],
    full: &[Vec<(usize, usize)>],
    n: usize,
) -> Placement {
    if full.is_empty() || pos.len() != values.len() {
        return Placement::Ambiguous(0);
    }
    // Anchor of each column: the median right edge over complete rows.
    let mut anchors = Vec::with_capacity(n);
    for c in 0..n {
        let mut ends: Vec<usize> = full.iter().filter_map(|r| r.get(c).map(|p| p.1)).collect();
        crate::stable_sort::ord(&mut ends);
        let Some(&m) = ends.get(ends.len() / 2) else {
            return Placement::Ambiguous(0);
        };
        // Aligned text: complete rows agree on the column's end within a char or two.
        let spread = ends.last().copied().unwrap_or(m) - ends.first().copied().unwrap_or(m);
        if spread > 2 {
            return Placement::Ambiguous(0);
        }
        anchors.push(m);
    }
    if anchors.windows(2).any(|w| w[1] <= w[0] + 2) {
        return Placement::Ambiguous(0);
    }
    let mut out = vec![None; n];
    let mut last: Option<usize> = None;
    for (v, p) in values.iter().zip(pos) {
        let best = (0..n).min_by_key(|&c| anchors[c].abs_diff(p.1));
        let Some(c) = best else {
            return Placement::Ambiguous(0);
        };
        if anchors[c].abs_diff(p.1) > 2 || last.is_some_and(|l| c <= l) {
            return Placement::Ambiguous(0);
        }
        out[c] = *v;
        last = Some(c);
    }
    Placement::Certain(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    fn a(s: &str) -> Option<Amount> {
        Some(Amount::new(Decimal::from_str(s).unwrap()))
    }
    fn sangong_ids() -> Vec<ColumnIdentity> {
        // 0 total, 1 outbound, 2 vehicle, 3 purchase, 4 operation, 5 reception; ×2
        let mut v = Vec::new();
        for o in [0, 6] {
            v.push(ColumnIdentity {
                total: o,
                parts: vec![o + 1, o + 2, o + 5],
            });
            v.push(ColumnIdentity {
                total: o + 2,
                parts: vec![o + 3, o + 4],
            });
        }
        v
    }
    #[test]
    fn ten_values_for_twelve_columns_one_fit() {
        // budget 5.00 / - / 3.00 / 1.00 / 2.00 / 2.00 ; actual 4.00 / - / 2.50 / 1.00 / 1.50 / 1.50
        let vals = vec![
            a("5.00"),
            a("3.00"),
            a("1.00"),
            a("2.00"),
            a("2.00"),
            a("4.00"),
            a("2.50"),
            a("1.00"),
            a("1.50"),
            a("1.50"),
        ];
        match place_by_identities(&vals, 12, &sangong_ids()) {
            Placement::Certain(v) => {
                assert_eq!(v[1], None);
                assert_eq!(v[2], a("3.00"));
                assert_eq!(v[7], None);
            }
            other => panic!("expected certain, got {other:?}"),
        }
    }
    #[test]
    fn blank_purchase_or_operation_cannot_be_told_apart() {
        // vehicle 3.00 with one of 购置/运行 blank: both placements add up.
        let vals = vec![
            a("6.00"),
            a("1.00"),
            a("3.00"),
            a("3.00"),
            a("2.00"),
            a("4.50"),
            a("2.50"),
            a("1.00"),
            a("1.50"),
            a("2.00"),
        ];
        assert!(
            matches!(place_by_identities(&vals, 12, &sangong_ids()), Placement::Ambiguous(n) if n >= 2)
        );
    }
    #[test]
    fn two_fits_is_ambiguous() {
        let ids = vec![ColumnIdentity {
            total: 0,
            parts: vec![1, 2],
        }];
        assert_eq!(
            place_by_identities(&[a("0.04"), a("0.04")], 3, &ids),
            Placement::Ambiguous(2)
        );
    }
    #[test]
    fn layout_places_by_right_edge() {
        let full = vec![
            vec![(10, 14), (20, 24), (30, 34)],
            vec![(9, 14), (19, 24), (29, 34)],
        ];
        let got = place_by_layout(&[a("1.00"), a("2.00")], &[(10, 14), (30, 34)], &full, 3);
        assert_eq!(got, Placement::Certain(vec![a("1.00"), None, a("2.00")]));
    }
}
