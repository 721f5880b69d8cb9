//! `percent_sign` — a share written without its `%` (`占本年支出合计的 76.23，`).
//!
//! What: `占 … N` where N is followed by a clause mark (`，` `。` `；` `、`) or the
//! end of the text, with no unit at all, is a `warning` that quotes it: the
//! share checks read only numbers with a unit, so this one goes unchecked, and
//! a reader cannot tell a share from an amount. One finding a statement — the
//! share checks do not see it, so nothing cascades from it.
//!
//! Why: the `%` is the character most often lost when a table cell or a
//! figure is typed into the text by hand, or dropped by a PDF converter.
//!
//! Example: `项目支出 5,255.48 万元，占 63.78；` → `warning`; `占 63.78%；` → nothing.

use super::util::Issue;
use crate::model::{Document, Finding, Severity};

pub const RULE: &str = "percent_sign";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    let joined = doc.narrative_text();
    let t = &joined.text;
    let mut from = 0;
    while let Some(p) = t[from..].find('占') {
        let st = from + p;
        from = st + '占'.len_utf8();
        // Up to 15 characters of words (`本年支出合计的`), then the number.
        let rest = &t[from..];
        let mut num_at = None;
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if c.is_ascii_digit() {
                num_at = Some(i);
                break;
            }
            if n >= 15 || "，,。；;、：:（()）%".contains(c) {
                break;
            }
        }
        let Some(i) = num_at else { continue };
        let digits: String = rest[i..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let digits = digits.trim_end_matches(['.', ',']);
        let after = rest[i + digits.len()..].trim_start_matches(' ');
        let bare = after.is_empty() || after.starts_with(['，', '。', '；', '、', ';']);
        // `占 2 个百分点`, `占地 30 亩`, `占用`: words, not shares.
        let words: String = rest[..i].chars().collect();
        if !bare
            || words.starts_with('地')
            || words.starts_with('用')
            || words.starts_with('有')
            || digits.is_empty()
        {
            continue;
        }
        let quote: String = t[st..]
            .chars()
            .take(rest[..i].chars().count() + digits.chars().count() + 2)
            .collect();
        out.push(Issue::plain(
            Finding::new(
                RULE,
                Severity::Warning,
                format!("说明中“{quote}”：占比少了“%”"),
                format!("the narrative's “{quote}” lacks its % sign"),
            )
            .at_line(joined.line_at(st)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> Document {
        crate::checks::util::narrative_doc(3, t)
    }

    #[test]
    fn shares_with_their_sign_pass() {
        let d = doc("基本支出 2,984.75 万元，占 36.22%；项目支出 5,255.48 万元，占本年支出合计的 63.78%。占地 30 亩，占比提高 2 个百分点。");
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn a_share_without_its_sign_is_a_warning() {
        let d = doc(
            "基本支出 2,984.75 万元，占 36.22%；项目支出 5,255.48 万元，占本年支出合计的 63.78；",
        );
        let f = check(&d);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].finding.line, Some(3));
        assert!(f[0].finding.message_zh.contains("63.78"));
    }
}
