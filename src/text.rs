//! Small text helpers shared by the reader, the checks and the views.

/// The label without any whitespace, for matching by meaning
/// (`项 目` → `项目`, `本年支出合\n计` → `本年支出合计`).
pub fn compact(s: &str) -> String {
    // Sized up front: `collect` on a filter grows the string byte by byte, and
    // this runs on every line several times.
    // Most labels hold no whitespace at all: then a copy is all it takes.
    let Some(first) = s.find(char::is_whitespace) else {
        return s.to_owned();
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    out.extend(s[first..].chars().filter(|c| !c.is_whitespace()));
    out
}

/// `8219.20` → `8,219.20` (thousands separators as reports print them).
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn groups() {
        assert_eq!(group_thousands("8219.20"), "8,219.20");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
        assert_eq!(group_thousands("0.24"), "0.24");
        assert_eq!(compact("项 目\n"), "项目");
    }
}
