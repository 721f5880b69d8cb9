//! Small text helpers shared by the reader, the checks and the views.

/// The label without any whitespace, for matching by meaning
/// (`项 目` → `项目`, `本年支出合\n计` → `本年支出合计`).
///
/// Runs on every line several times (a quarter of an analysis in the wasm when it
/// went char by char): it scans bytes and copies the runs between whitespace
/// whole. Only a few bytes can start a whitespace char (see
/// [`MAY_START_WHITESPACE`]); CJK text never does.
pub fn compact(s: &str) -> String {
    let Some(first) = next_whitespace(s, 0) else {
        return s.to_owned();
    };
    let mut out = String::with_capacity(s.len());
    let mut at = Some(first);
    let mut run = 0;
    while let Some((start, end)) = at {
        out.push_str(&s[run..start]);
        run = end;
        at = next_whitespace(s, end);
    }
    out.push_str(&s[run..]);
    out
}

/// Does `s` hold any whitespace (`char::is_whitespace`)? The byte scan of [`compact`].
pub fn has_whitespace(s: &str) -> bool {
    next_whitespace(s, 0).is_some()
}

/// The byte range of the first whitespace char at or after byte `from` (a char boundary).
fn next_whitespace(s: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut at = from;
    // A byte that may start a whitespace char is ASCII or a lead byte, so where
    // one is found is a char boundary.
    while let Some(p) = bytes
        .get(at..)?
        .iter()
        .position(|&b| MAY_START_WHITESPACE[b as usize])
    {
        let i = at + p;
        // The ASCII bytes of the table are all whitespace (tabs and spaces, most
        // hits): only a lead byte needs its char decoded.
        if bytes[i] < 0x80 {
            return Some((i, i + 1));
        }
        let c = s[i..].chars().next()?;
        if c.is_whitespace() {
            return Some((i, i + c.len_utf8()));
        }
        at = i + 1;
    }
    None
}

/// Whether a char starting with byte `b` can be whitespace: ASCII `\t \n \x0B \x0C
/// \r` and space, or the UTF-8 lead byte of U+0085 / U+00A0 (`C2`), U+1680 (`E1`),
/// U+2000–U+205F (`E2`) and U+3000 (`E3`), the rest of Unicode's White_Space. A table:
/// this is asked of every byte of every label, several times.
static MAY_START_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    t
};

/// `str::contains` for a word, by a plain scan in the wasm: the reader and the checks
/// ask short words of short labels and lines thousands of times an analysis, and
/// std's substring search sets up a two-way searcher at every call (in the wasm,
/// with no SIMD path, that setup and search were about 15 % of an analysis). A scan
/// for the word's last byte that compares the bytes before it ([`scan_word`]) costs
/// nothing to set up; UTF-8 is self-synchronising, so a byte match of a whole word is
/// a match of its chars. Natively std's search has an SSE2 path that beats the scan
/// (counted with `scripts/bench-instructions`), so there it stays.
///
/// `has_char` is `contains` for one char: std's `contains` of a non-ASCII char
/// searches for the string of its UTF-8 bytes, with the same two-way setup (the
/// guards that ask every line for a 绩 or a 表 went through it).
pub trait Has {
    fn has(&self, word: &str) -> bool;
    fn has_char(&self, c: char) -> bool;
}

impl Has for str {
    #[inline]
    fn has(&self, word: &str) -> bool {
        if cfg!(target_arch = "wasm32") {
            scan_word(self, word).is_some()
        } else {
            // (`contains`, not `find`: only `contains` has the SIMD path.)
            self.contains(word)
        }
    }
    #[inline]
    fn has_char(&self, c: char) -> bool {
        if cfg!(target_arch = "wasm32") {
            let mut buf = [0u8; 4];
            scan_word(self, c.encode_utf8(&mut buf)).is_some()
        } else {
            self.contains(c)
        }
    }
}

/// The byte offset of the first `word` in `s`: `str::find`, by [`scan_word`] in the wasm.
pub fn find_word(s: &str, word: &str) -> Option<usize> {
    if cfg!(target_arch = "wasm32") {
        scan_word(s, word)
    } else {
        s.find(word)
    }
}

/// The byte offset of the first `word` in `s`, by a byte scan (see [`Has`]).
pub fn scan_word(s: &str, word: &str) -> Option<usize> {
    let (h, n) = (s.as_bytes(), word.as_bytes());
    let Some((&last, init)) = n.split_last() else {
        return Some(0);
    };
    let m = n.len();
    // The word's bytes, folded to 64 bits: a byte of the text outside the word cannot
    // be inside a match, so the next match can end no sooner than a whole word later.
    // (Chinese words share their lead bytes with every line, but not most of their
    // continuation bytes: most steps skip the word's length.)
    let mut bytes = 0u64;
    for &b in n {
        bytes |= 1 << (b & 63);
    }
    let mut j = m - 1;
    // (A byte loop: in the wasm, std's memchr for the last byte, word at a time,
    // measured slower on these short lines than this.)
    while j < h.len() {
        let b = h[j];
        if b == last && &h[j + 1 - m..j] == init {
            return Some(j + 1 - m);
        }
        j += if bytes & (1 << (b & 63)) == 0 { m } else { 1 };
    }
    None
}

/// `t.contains([a, b, …])`, as one fast single-char search per char (a search for
/// any of several chars walks the text char by char; these guard predicates that
/// every line is asked).
pub fn has_any(t: &str, chars: &[char]) -> bool {
    chars.iter().any(|&c| t.has_char(c))
}

/// 一 to 十, the numerals of Chinese ordinals (`三、`, `（十）`): one comparison,
/// where a search of the ten-char string decodes it for every char asked.
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `s` without its `,` (thousands separators), borrowed when it holds none.
pub fn without_commas(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(',') {
        std::borrow::Cow::Owned(s.replace(',', ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A decimal written out in plain digits — `-1,234.50`, `12.30`, `+7` — exactly
/// (mantissa and scale as written); thousands commas are skipped wherever they
/// stand. `None` for anything else (an exponent, a second dot, no digit) or for more
/// digits than a `Decimal` holds.
///
/// Why not `Decimal::from_str`: it also reads exponents and rounds what does not
/// fit, which none of our numbers need, and that parser is ≈ 4 KB of the page's wasm.
pub fn plain_decimal(s: &str) -> Option<rust_decimal::Decimal> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = || int.bytes().chain(frac.bytes()).filter(|&b| b != b',');
    let ok = |part: &str, commas: bool| {
        part.bytes()
            .all(|b| b.is_ascii_digit() || commas && b == b',')
    };
    let n = digits().count();
    // (38 digits fit an i128 whatever they are; past 96 bits `try_from…` says no.)
    if n == 0 || n > 38 || !ok(int, true) || !ok(frac, false) {
        return None;
    }
    let scale = frac.len() as u32;
    let v = if n <= 18 {
        // (64-bit arithmetic: 128-bit multiplies are library calls in the wasm, and
        // every table cell and every figure of the workers' JSON passes here.)
        let mantissa = digits().fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
        rust_decimal::Decimal::try_new(mantissa, scale).ok()?
    } else {
        let mantissa = digits().fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
        rust_decimal::Decimal::try_from_i128_with_scale(mantissa, scale).ok()?
    };
    Some(if neg { -v } else { v })
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

    #[test]
    fn plain_decimal_reads_what_from_str_reads_exactly() {
        use std::str::FromStr;
        for s in [
            "0",
            "12.30",
            "-1,234.50",
            "+7",
            "0.000001",
            ".5",
            "12.",
            "-0.00",
            "79228162514264337593543950335",
        ] {
            let want = rust_decimal::Decimal::from_str(&without_commas(s)).unwrap();
            let got = plain_decimal(s).unwrap();
            assert_eq!((got, got.scale()), (want, want.scale()), "{s}");
        }
        for s in [
            "",
            "-",
            ".",
            "1e5",
            "1.2.3",
            "12%",
            "1,2.3,4",
            "abc",
            "79228162514264337593543950336",
        ] {
            assert_eq!(plain_decimal(s), None, "{s}");
        }
    }

    use super::*;
    #[test]
    fn groups() {
        assert_eq!(group_thousands("8219.20"), "8,219.20");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
        assert_eq!(group_thousands("0.24"), "0.24");
        assert_eq!(compact("项 目\n"), "项目");
    }

    #[test]
    fn compact_drops_exactly_what_is_whitespace() {
        // Every White_Space char, lead bytes that start other chars (Â, ₂, 。, 三),
        // and text without any.
        let samples = [
            "项 目\t合\r\n计\u{0B}\u{0C}",
            "\u{85}a\u{A0}b\u{1680}c\u{2000}d\u{200A}e\u{2028}\u{2029}\u{202F}\u{205F}f\u{3000}g",
            "Â ₂。三\u{2010}\u{3001}",
            "一般公共预算财政拨款",
            "",
            "   ",
        ];
        for s in samples {
            let want: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(compact(s), want, "{s:?}");
            assert_eq!(
                has_whitespace(s),
                s.chars().any(char::is_whitespace),
                "{s:?}"
            );
        }
        // Every char up to U+3100 alone and between letters.
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(
                compact(&s).len(),
                if c.is_whitespace() { 2 } else { s.len() },
                "{c:?}"
            );
        }
    }
}

/// Names 因公出国（境）: `出国` as a word, not the `支出` + `国…` of
/// `城乡社区支出国有土地…` or `国防支出国防动员…`.
pub fn names_outbound(s: &str) -> bool {
    // (A single-char search rules out most names before a substring search is set up.)
    if !s.has_char('国') {
        return false;
    }
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
mod word_search_tests {
    use super::{find_word, scan_word, Has};
    use proptest::prelude::*;

    #[test]
    fn word_search_examples() {
        assert!("一般公共预算财政拨款收入".has("财政拨款"));
        assert!(!"一般公共预算财政拨款收入".has("政府性基金"));
        assert!("合计".has("合计") && "".has("") && "x".has(""));
        assert!(!"合".has("合计"));
        // Sharing all bytes but one with a char is no match: 计 is E8 AE A1, 讠¡ is
        // E8 AE A0 C2 A1.
        assert!(scan_word("讠¡", "计").is_none());
        assert_eq!(scan_word("项目项目", "目"), Some(3));
        assert_eq!(find_word("项目项目", "目"), Some(3));
    }

    proptest! {
        // Texts from a small alphabet (CJK, ASCII, a 2-byte and a 4-byte char) so
        // that words recur in them.
        #[test]
        fn word_search_is_str_search(
            hay in "[合计支出项目a1 ¢😀]{0,40}",
            word in "[合计支出项目a1 ¢😀]{0,4}",
        ) {
            // (`scan_word` is what the wasm runs; natively `has` is std's search.)
            prop_assert_eq!(scan_word(&hay, &word), hay.find(word.as_str()));
            prop_assert_eq!(hay.has(&word), hay.contains(word.as_str()));
            prop_assert_eq!(find_word(&hay, &word), hay.find(word.as_str()));
            for c in word.chars() {
                let mut buf = [0u8; 4];
                prop_assert_eq!(scan_word(&hay, c.encode_utf8(&mut buf)).is_some(), hay.contains(c));
                prop_assert_eq!(hay.has_char(c), hay.contains(c));
            }
        }
    }
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;

    proptest::proptest! {
        /// Whatever a `Decimal` prints reads back as the same value and scale
        /// (the JSON contract writes decimals so).
        #[test]
        fn plain_decimal_reads_back_every_decimal(m in proptest::prelude::any::<i64>(), scale in 0u32..=18) {
            let d = rust_decimal::Decimal::new(m, scale);
            let back = plain_decimal(&d.to_string()).unwrap();
            proptest::prop_assert_eq!((back, back.scale()), (d, d.scale()));
        }
    }
}
