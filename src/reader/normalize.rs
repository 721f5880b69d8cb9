//! Normalise pasted text without losing the way back to source lines.
//!
//! What changes: CRLF / CR line ends, form feeds (a page break: the text after it
//! starts a new line that keeps the same source line number), NBSP and the other
//! wide spaces become a plain space, zero-width characters disappear, full-width
//! digits become ASCII, and full-width `，．％－＋` become ASCII where they sit in
//! a number. Labels otherwise keep the report's characters (`（境）` stays).
//!
//! Page furniture (`-- PAGE_BREAK --`, `-- 1 of 29 --`, `- 3 -`, `第 3 页`, a bare
//! page number) is kept as a line of kind [`LineKind::PageMarker`] so the
//! segmenter can step over it.

use crate::text::Has;
/// One normalised line and the 1-based source line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
    pub kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Text,
    Blank,
    PageMarker,
}

impl Line {
    pub fn is_text(&self) -> bool {
        self.kind == LineKind::Text
    }
}

pub fn normalize(input: &str) -> Vec<Line> {
    let mut out = split_lines(input);
    reclaim_codes(&mut out);
    out
}

fn split_lines(input: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(input.len() / 24 + 1);
    let mut no = 0usize;
    // Split on \n, then handle a lone \r (old Mac) as a break too.
    for raw in input.split('\n') {
        no += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut first = true;
        for cr_piece in raw.split('\r') {
            if !first {
                // A stray CR inside a line: treat it as a line end of the same line.
            }
            first = false;
            for (i, piece) in cr_piece.split('\u{c}').enumerate() {
                if i > 0 {
                    out.push(Line {
                        no,
                        text: String::new(),
                        kind: LineKind::PageMarker,
                    });
                }
                let text = normalize_chars(piece);
                let kind = classify(&text);
                out.push(Line { no, text, kind });
            }
        }
    }
    out
}

/// A 3-digit 科目编码 alone on a line (a table pasted one cell per line) looks
/// like a page number; it is a code when text lines hold it on both sides
/// (page numbers sit between blank lines or page breaks).
fn reclaim_codes(out: &mut [Line]) {
    for i in 1..out.len().saturating_sub(1) {
        let t = out[i].text.trim();
        let code_like = out[i].kind == LineKind::PageMarker
            && t.len() == 3
            && t.chars().all(|c| c.is_ascii_digit())
            && !t.starts_with('0');
        if !code_like {
            continue;
        }
        if out[i - 1].kind == LineKind::Text && out[i + 1].kind == LineKind::Text {
            out[i].kind = LineKind::Text;
            continue;
        }
        // Blank cells pasted as empty lines: the nearest lines are still a
        // figure before and the class's name after (`1,286.54` / `` / `212` /
        // `城乡社区支出`), never what surrounds a page number.
        let prev = out[..i].iter().rev().find(|l| l.kind != LineKind::Blank);
        let next = out[i + 1..].iter().find(|l| l.kind != LineKind::Blank);
        let is_figure = |l: &Line| {
            l.kind == LineKind::Text
                && l.text
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        };
        let is_class_name = |l: &Line| {
            let t = l.text.trim();
            l.kind == LineKind::Text
                && t.chars().count() <= 20
                && !t.chars().any(|c| c.is_ascii_digit() || c.is_whitespace())
                && t.ends_with("支出")
        };
        if prev.is_some_and(is_figure) && next.is_some_and(is_class_name) {
            out[i].kind = LineKind::Text;
        }
    }
}

fn is_fw_digit(c: char) -> bool {
    ('\u{ff10}'..='\u{ff19}').contains(&c)
}

/// Character-level normalisation of one line.
pub fn normalize_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let digitish = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || is_fw_digit(c));
    // Most chars stay as they are: runs of them are copied whole, and only the
    // chars that change are written one by one (every line of a report passes here).
    let mut run = 0;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let mapped = match c {
            '\u{ff10}'..='\u{ff19}' => Some(char::from(b'0' + (c as u32 - 0xff10) as u8)),
            '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => Some(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
            '\u{ff0e}' if digitish(prev) && digitish(next) => Some('.'),
            '\u{ff0c}' if digitish(prev) && digitish(next) => Some(','),
            '\u{ff05}' if digitish(prev) => Some('%'),
            '\u{ff0d}' | '\u{2212}' if digitish(next) => Some('-'),
            '\u{ff0b}' if digitish(next) => Some('+'),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}' => Some(' '),
            _ => Some(c),
        };
        if mapped != Some(c) {
            out.push_str(&s[run..i]);
            out.extend(mapped);
            run = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push_str(&s[run..]);
    if out.has_char('年') {
        out = join_year_word(&out);
    }
    // Trailing whitespace carries no meaning; leading tabs do (an empty first cell).
    let trimmed_len = out.trim_end_matches([' ', '\t']).len();
    // Keep trailing tabs: they mark empty trailing cells in tab-separated text.
    if out[trimmed_len..].contains('\t') {
        let t = out.trim_end_matches(' ').len();
        out.truncate(t);
    } else {
        out.truncate(trimmed_len);
    }
    out
}

/// `2026 年` → `2026年`: a year set apart from its 年 (space-aligned text) is one
/// word, never an amount beside a label.
fn join_year_word(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        let year_end = i >= 3
            && chars[i - 3..=i].iter().all(|c| c.is_ascii_digit())
            && matches!(chars[i - 3], '1' | '2')
            && (i < 4
                || !chars[i - 4].is_ascii_digit() && chars[i - 4] != '.' && chars[i - 4] != ',');
        if year_end {
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j > i + 1 && chars.get(j) == Some(&'年') {
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn classify(text: &str) -> LineKind {
    let t = text.trim();
    if t.is_empty() || t.chars().all(|c| c == '\t' || c == ' ') {
        return LineKind::Blank;
    }
    if is_page_marker(t) {
        return LineKind::PageMarker;
    }
    LineKind::Text
}

/// `续表`, `（续表）`, `续表2`, `续表一`, `续上表`, `表3（续）`: the line a table that runs
/// onto a new page prints above its repeated header. It names no table and holds no
/// figure; read as a title or a row it would cut the table in two.
fn is_continuation_mark(c: &str) -> bool {
    let c = c.trim_matches(|ch| matches!(ch, '（' | '）' | '(' | ')' | '【' | '】'));
    let number = |n: &str| {
        n.chars()
            .all(|ch| ch.is_ascii_digit() || crate::text::is_cn_digit(ch) || ch == '-')
    };
    if let Some(n) = c.strip_prefix("续表") {
        return number(n);
    }
    if c == "续上表" {
        return true;
    }
    if let Some(rest) = c.strip_prefix('表') {
        let n = rest.trim_end_matches(|ch| matches!(ch, '（' | '）' | '(' | ')' | '续'));
        return rest.len() > n.len() && rest.contains('续') && !n.is_empty() && number(n);
    }
    false
}

/// `-- PAGE_BREAK --`, `-- 1 of 29 --`, `- 3 -`, `第 3 页`, `第3页 共29页`, `3/29`,
/// a bare page number (1–3 digits alone on a line), and a `续表` line.
pub fn is_page_marker(t: &str) -> bool {
    // Markers are short; prose and table rows are ruled out before allocating.
    if t.len() > 48 {
        return false;
    }
    // Every marker starts with `-`, `PAGE_BREAK`, `<<<`, `第` or a digit: most lines
    // are ruled out by their first char, without a copy.
    let Some(first) = t.trim_start().chars().next() else {
        return false;
    };
    if !(first.is_ascii_digit()
        || matches!(
            first,
            '-' | 'P' | 'p' | '<' | '第' | '续' | '表' | '（' | '('
        ))
    {
        return false;
    }
    let c = crate::text::compact(t);
    if is_continuation_mark(&c) {
        return true;
    }
    if c.eq_ignore_ascii_case("--PAGE_BREAK--")
        || c.eq_ignore_ascii_case("PAGE_BREAK")
        || c == "<<<PAGE>>>"
    {
        return true;
    }
    let inner = c.trim_matches('-').trim_matches('—');
    if c.starts_with('-') && c.ends_with('-') && !inner.is_empty() {
        // -- 1 of 29 --, - 3 -
        let lower = inner.to_ascii_lowercase();
        if lower.chars().all(|ch| ch.is_ascii_digit()) {
            return true;
        }
        if let Some((a, b)) = lower.split_once("of") {
            return !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|ch| ch.is_ascii_digit())
                && b.chars().all(|ch| ch.is_ascii_digit());
        }
        if let Some((a, b)) = lower.split_once("page") {
            let _ = a;
            return b.chars().all(|ch| ch.is_ascii_digit());
        }
    }
    if let Some(rest) = c.strip_prefix('第') {
        // 第3页 / 第3页共29页 / 第 3 页，共 29 页
        let rest = rest.replace(['，', ','], "");
        if let Some(i) = rest.find('页') {
            let (n, tail) = rest.split_at(i);
            let tail = &tail['页'.len_utf8()..];
            let tail_ok = tail.is_empty()
                || (tail.starts_with('共')
                    && tail.ends_with('页')
                    && tail.chars().filter(|ch| ch.is_ascii_digit()).count() > 0);
            return !n.is_empty() && n.chars().all(|ch| ch.is_ascii_digit()) && tail_ok;
        }
    }
    if c.len() <= 3 && c.chars().all(|ch| ch.is_ascii_digit()) && !t.contains(char::is_whitespace) {
        return true;
    }
    if let Some((a, b)) = c.split_once('/') {
        return !a.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && !b.is_empty()
            && a.chars().all(|ch| ch.is_ascii_digit())
            && b.chars().all(|ch| ch.is_ascii_digit())
            && !t.contains(' ');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_set_apart_from_its_nian_is_one_word() {
        assert_eq!(
            normalize_chars("    2026 年     43.79"),
            "    2026年     43.79"
        );
        assert_eq!(normalize_chars("较 2025 年预算"), "较 2025年预算");
        // An amount before 年 is no year; a tab is a cell boundary.
        assert_eq!(normalize_chars("12,2026 年"), "12,2026 年");
        assert_eq!(normalize_chars("2026\t年"), "2026\t年");
    }

    #[test]
    fn keeps_source_lines_across_crlf_and_form_feeds() {
        let lines = normalize("a\r\nb\u{c}c\r\n\r\nd");
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![(1, "a"), (2, "b"), (2, ""), (2, "c"), (3, ""), (4, "d")]
        );
        assert_eq!(lines[2].kind, LineKind::PageMarker);
    }

    #[test]
    fn full_width_digits_and_number_punctuation() {
        assert_eq!(
            normalize_chars("合计　１２３，４５６．７８"),
            "合计 123,456.78"
        );
        assert_eq!(normalize_chars("增长２５．５０％"), "增长25.50%");
        assert_eq!(normalize_chars("因公出国（境）费，"), "因公出国（境）费，");
        assert_eq!(normalize_chars("１\u{200b}２"), "12");
        assert_eq!(normalize_chars("－２０４．６１"), "-204.61");
    }

    #[test]
    fn page_markers() {
        for m in [
            "-- PAGE_BREAK --",
            "-- 1 of 29 --",
            "- 3 -",
            "第 3 页",
            "第3页 共29页",
            "12",
            "3/29",
            "续表",
            "（续表）",
            "续表2",
            "续表 一",
            "续上表",
            "表3（续）",
            "表 3 (续)",
        ] {
            assert!(is_page_marker(m), "{m}");
        }
        for m in [
            "2017",
            "合计",
            "1 2 3",
            "8,219.20",
            "20103",
            "0.00",
            "续表明细",
            "表3",
            "表3 一般公共预算支出表（续）",
            "（一）",
            "(2)",
        ] {
            assert!(!is_page_marker(m), "{m}");
        }
    }
}
