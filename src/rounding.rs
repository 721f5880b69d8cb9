//! The rounding rule, as XBRL Calculations 1.1 decides it.
//!
//! A printed value stands for the interval of ± half a unit of its last printed
//! digit (`8,219.20` is anything in [8219.195, 8219.205)). A sum of printed
//! parts is consistent with a printed total when those intervals can meet:
//! |Σ parts − total| ≤ Σ half-units of every operand. For n parts and a total
//! all printed to 0.01 that is 0.005 × (n + 1).
//!
//! Everything is exact `Decimal` arithmetic; no floats anywhere.

use rust_decimal::Decimal;

/// Half a unit of the last printed digit of `v` (`8219.20` → 0.005, `4` → 0.5).
pub fn half_unit(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// The tolerance within which `total` and the sum of `parts` are consistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundingTolerance(pub Decimal);

impl RoundingTolerance {
    pub fn for_sum(total: Decimal, parts: &[Decimal]) -> Self {
        let mut t = half_unit(total);
        for p in parts {
            t += half_unit(*p);
        }
        RoundingTolerance(t)
    }
    /// How `found` compares with `expected` under this tolerance.
    pub fn judge(self, expected: Decimal, found: Decimal) -> Agreement {
        let d = (found - expected).abs();
        if d.is_zero() {
            Agreement::Exact
        } else if d <= self.0 {
            Agreement::WithinRounding
        } else {
            Agreement::Differs
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Exact,
    WithinRounding,
    Differs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    #[test]
    fn two_decimals_n_parts() {
        let t = RoundingTolerance::for_sum(d("8249.60"), &[d("8226.39"), d("0.00"), d("23.22")]);
        assert_eq!(t.0, d("0.020"));
        assert_eq!(
            t.judge(d("8249.61"), d("8249.60")),
            Agreement::WithinRounding
        );
        assert_eq!(t.judge(d("8249.70"), d("8249.60")), Agreement::Differs);
    }
    #[test]
    fn integer_values_get_half_a_unit() {
        assert_eq!(half_unit(d("4")), d("0.5"));
        assert_eq!(half_unit(d("25.50")), d("0.005"));
    }
}
