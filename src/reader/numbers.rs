//! Reading one printed number (a cell or a whitespace-separated token).

use crate::model::Amount;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// `8,219.20`, `0.00`, `-204.61`, `25.50%`, `189,767,551`.
    Number(Amount),
    /// `-`, `—`, `单位不需填列`, `/`: a cell that is deliberately empty.
    Absent,
    /// Anything else (a label, a code, words).
    Text,
}

/// Parse a cell. Whitespace inside (`8, 219.20` from a PDF) is ignored.
pub fn parse_cell(s: &str) -> CellValue {
    // Most cells hold no inner whitespace: borrow them instead of copying.
    let owned: String;
    let t: &str = if crate::text::has_whitespace(s.trim()) {
        owned = crate::text::compact(s);
        &owned
    } else {
        s.trim()
    };
    if t.is_empty() {
        return CellValue::Absent;
    }
    // (No marker starts with a digit, and most cells do.)
    if !t.starts_with(|c: char| c.is_ascii_digit()) && is_absent_marker(t) {
        return CellValue::Absent;
    }
    // A number starts with a digit, a sign, `(` or `.`: words are ruled out at once.
    if !t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | '.')) {
        return CellValue::Text;
    }
    match parse_number(t) {
        Some(a) => CellValue::Number(a),
        None => CellValue::Text,
    }
}

pub fn is_absent_marker(t: &str) -> bool {
    matches!(
        t,
        "-" | "--"
            | "—"
            | "——"
            | "－"
            | "/"
            | "…"
            | "单位不需填列"
            | "不需填列"
            | "*"
            | "x"
            | "X"
            | "×"
    )
}

/// A strict number: optional sign, digits with optional correct thousands
/// grouping, optional decimals, optional `%`; `(123.45)` is negative.
pub fn parse_number(t: &str) -> Option<Amount> {
    let (t, percent) = match t.strip_suffix('%') {
        Some(r) => (r, true),
        None => (t, false),
    };
    let (neg_paren, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (neg, body) = if let Some(r) = t.strip_prefix('-') {
        (true, r)
    } else if let Some(r) = t.strip_prefix('+') {
        (false, r)
    } else {
        (false, t)
    };
    if body.is_empty() || body.len() > 40 {
        return None;
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) || f.len() > 10 {
            return None;
        }
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first_ok = groups.next().is_some_and(|g| !g.is_empty() && g.len() <= 3);
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let int_digits = int.len() - int.bytes().filter(|&b| b == b',').count();
    if int_digits > 20 {
        return None;
    }
    // Digits and correct separators only (checked above): the value is built from
    // the digits as written (same mantissa, same scale), without copying them out
    // of their separators first.
    let mut v = crate::text::plain_decimal(body)?;
    if neg || neg_paren {
        v = -v;
    }
    Some(Amount {
        value: v,
        percent,
        precision: 0,
    })
}

/// A small integer without separators or decimals (a 行次 or 栏次 number).
pub fn is_small_int(t: &str) -> bool {
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// A 科目编码: 3, 5 or 7 digits, optionally `[…]`-bracketed.
pub fn parse_code(t: &str) -> Option<String> {
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('【').and_then(|r| r.strip_suffix('】')))
        .unwrap_or(t);
    if matches!(inner.len(), 3 | 5 | 7)
        && inner.chars().all(|c| c.is_ascii_digit())
        && !inner.starts_with('0')
    {
        Some(inner.to_string())
    } else {
        None
    }
}

/// `[2010301]行政运行` or `2010301 行政运行` inside one cell → (code, label).
pub fn split_code_prefix(cell: &str) -> Option<(String, String)> {
    let t = cell.trim();
    if let Some(rest) = t.strip_prefix('[').or_else(|| t.strip_prefix('【')) {
        let end = rest.find([']', '】'])?;
        let code = &rest[..end];
        let label = rest[end..].trim_start_matches([']', '】']).trim();
        if matches!(code.len(), 3 | 5 | 7) && code.chars().all(|c| c.is_ascii_digit()) {
            return Some((code.to_string(), label.to_string()));
        }
        return None;
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if matches!(digits.len(), 3 | 5 | 7) && !digits.starts_with('0') {
        let rest = &t[digits.len()..];
        let next = rest.chars().next();
        // `2010301 行政运行` or `2010301行政运行`, but not `2017年…` nor `201.5`.
        if let Some(n) = next {
            if n == ' '
                || n == '\t'
                || (!n.is_ascii()
                    && n != '年'
                    && n != '万'
                    && n != '元'
                    && n != '个'
                    && n != '%'
                    && n != '．')
            {
                let label = rest.trim();
                if !label.is_empty() {
                    return Some((digits, label.to_string()));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;
    fn num(s: &str) -> Option<String> {
        parse_number(s).map(|a| format!("{}{}", a.value, if a.percent { "%" } else { "" }))
    }
    #[test]
    fn numbers_as_printed() {
        assert_eq!(num("8,219.20").as_deref(), Some("8219.20"));
        assert_eq!(num("7485.13").as_deref(), Some("7485.13"));
        assert_eq!(num("0.00").as_deref(), Some("0.00"));
        assert_eq!(num("-204.61").as_deref(), Some("-204.61"));
        assert_eq!(num("25.50%").as_deref(), Some("25.50%"));
        assert_eq!(num("189,767,551").as_deref(), Some("189767551"));
        assert_eq!(num("503.2354").as_deref(), Some("503.2354"));
        assert_eq!(num("(12.5)").as_deref(), Some("-12.5"));
        assert_eq!(num("8,21.2"), None);
        assert_eq!(num("1."), None);
        assert_eq!(num("2017年"), None);
        assert_eq!(parse_cell("单位不需填列"), CellValue::Absent);
        assert_eq!(parse_cell("-"), CellValue::Absent);
    }
    /// The digits are turned into a value by hand; `Decimal::from_str` of the
    /// same digits (separators dropped) must give the same mantissa and scale.
    #[test]
    fn the_value_is_what_decimal_parses() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let int: String = (0..1 + next(22))
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let frac: String = (0..next(11))
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let plain = if frac.is_empty() {
                int.clone()
            } else {
                format!("{int}.{frac}")
            };
            let grouped = crate::text::group_thousands(&plain);
            // What `from_str` reads exactly; it rounds what does not fit in 96 bits
            // (a smaller scale than written), which is no figure read but a new one.
            let expected = Decimal::from_str(&plain)
                .ok()
                .filter(|d| int.len() <= 20 && d.scale() as usize == frac.len());
            for printed in [&plain, &grouped] {
                let got = parse_number(printed).map(|a| a.value);
                assert_eq!(got, expected, "{printed}");
                if let (Some(g), Some(e)) = (got, expected) {
                    assert_eq!(
                        (g.mantissa(), g.scale()),
                        (e.mantissa(), e.scale()),
                        "{printed}"
                    );
                }
            }
        }
    }
    #[test]
    fn codes() {
        assert_eq!(parse_code("[2010301]").as_deref(), Some("2010301"));
        assert_eq!(parse_code("20103").as_deref(), Some("20103"));
        assert_eq!(parse_code("2017"), None);
        assert_eq!(
            split_code_prefix("[2010301]行政运行"),
            Some(("2010301".into(), "行政运行".into()))
        );
        assert_eq!(
            split_code_prefix("2010301 行政运行"),
            Some(("2010301".into(), "行政运行".into()))
        );
        assert_eq!(split_code_prefix("2017年度"), None);
    }
}
