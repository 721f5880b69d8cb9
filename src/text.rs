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

/// Names 因公出国（境）: `出国` as a word, not the `支出` + `国…` of
/// `城乡社区支出国有土地…` or `国防支出国防动员…`.
pub fn names_outbound(s: &str) -> bool {
    let mut rest = s;
    while let Some(p) = rest.find("出国") {
        if !rest[..p].ends_with('支') {
            return true;
        }
        rest = &rest[p + "出国".len()..];
    }
    false
}

#[cfg(test)]
mod outbound_tests {
    use super::names_outbound;
    #[test]
    fn spending_on_state_land_is_not_travel_abroad() {
        assert!(names_outbound("因公出国（境）费"));
        assert!(names_outbound("出国费"));
        assert!(!names_outbound(
            "城乡社区支出国有土地使用权出让收入安排的支出"
        ));
        assert!(!names_outbound("国防支出国防动员交通战备"));
        assert!(names_outbound("国防支出因公出国"));
    }
}
