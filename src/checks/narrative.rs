//! Reading the narrative (情况说明) for the narrative checks: the joined text
//! (soft line breaks inside words and numbers removed), its sentences (split at
//! `。`), the section heading each sentence falls under, and every number with
//! its unit (`万元`, `元`, `%`) and the words before it (its *subject*).
//!
//! Not a rule: [`super::narrative_figures`], [`super::narrative_change`],
//! [`super::narrative_ratio`], [`super::narrative_shares`] and
//! [`super::performance_rate`] build on it.

use crate::model::{Document, NarrativeText};
use crate::text::Has;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumUnit {
    Wan,
    Yuan,
    Pct,
}

#[derive(Debug, Clone)]
pub struct Num {
    pub value: Decimal,
    pub unit: NumUnit,
    /// Byte offsets of the number (without unit) in the joined text.
    pub start: usize,
    pub end: usize,
    /// The words between the previous clause boundary (or number) and this number.
    pub subject: String,
    /// The number as written (`8,219.2`).
    pub written: String,
    /// [`says_change`] of the subject, asked by several rules of every number.
    change: bool,
}

/// Does a number's subject say it is a change (比上年增加 …)?
fn says_change(s: &str) -> bool {
    // Every word below holds 增, 减 or 降: most subjects are ruled out at once.
    if !crate::text::has_any(s, &['增', '减', '降']) {
        return false;
    }
    ["增加", "减少", "增长", "下降", "增减", "减", "增"]
        .iter()
        .any(|w| {
            s.ends_with(w)
                || s.match_indices(w)
                    .any(|(i, _)| s[i + w.len()..].starts_with('了'))
        })
        || s.has("比上年") && (s.has("增") || s.has("减"))
        || s.has("比年初") && (s.has("增") || s.has("减"))
}

impl Num {
    pub fn is_money(&self) -> bool {
        self.unit != NumUnit::Pct
    }
    /// The number as written with its unit (`2106.66 万元`, `71.73%`), for messages.
    pub fn shown(&self) -> String {
        match self.unit {
            NumUnit::Wan => format!("{} 万元", self.written),
            NumUnit::Yuan => format!("{} 元", self.written),
            NumUnit::Pct => format!("{}%", self.written),
        }
    }
    /// The value in 万元 (money only).
    pub fn wan(&self) -> Decimal {
        match self.unit {
            NumUnit::Yuan => self.value / Decimal::from(10_000),
            _ => self.value,
        }
    }
    /// Half a unit of the written last digit, in 万元 for money.
    pub fn half_wan(&self) -> Decimal {
        let h = crate::rounding::half_unit(self.value);
        match self.unit {
            NumUnit::Yuan => h / Decimal::from(10_000),
            _ => h,
        }
    }
    /// True when the subject says this number is a change (比上年增加 …).
    pub fn is_change(&self) -> bool {
        self.change
    }
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub text: String,
    pub nums: Vec<Num>,
    /// The latest section heading before the sentence (`三、…“三公”经费…说明`).
    pub section: String,
}

pub struct Narrative {
    pub joined: NarrativeText,
    pub sentences: Vec<Sentence>,
}

impl Narrative {
    pub fn line_at(&self, pos: usize) -> usize {
        self.joined.line_at(pos)
    }
}

fn is_heading(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 60 || t.has_char('。') || t.has("万元") {
        return false;
    }
    let cn = |c: char| crate::text::is_cn_digit(c);
    let mut ch = t.chars();
    let first = ch.next().unwrap_or(' ');
    // `（一）…`, `一、…`, `第三部分 …` — not `（1）…` (an item, whose figure may
    // follow on the next line).
    ((first == '（' || first == '(') && ch.next().is_some_and(cn))
        || (cn(first) && t.chars().find(|c| !cn(*c)) == Some('、'))
        || t.starts_with('第')
}

pub fn read(doc: &Document) -> Narrative {
    let joined = doc.narrative_text();
    // Heading offsets, computed the way NarrativeText joins lines.
    // (start, end) in the joined text of each heading line; a line's text may be
    // shorter there than in the source (letter spacing removed).
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut edges: Vec<usize> = Vec::new();
    let starts = joined.line_starts();
    let nonempty = doc.narrative.iter().filter(|l| !l.text.trim().is_empty());
    for (k, l) in nonempty.enumerate() {
        let t = l.text.trim();
        if is_heading(t) {
            let start = starts[k].0;
            let end = starts.get(k + 1).map_or(joined.text.len(), |s| s.0);
            headings.push((start, t.to_string()));
            edges.extend([start, end]);
        }
    }
    // A heading has no `。` of its own: it ends a sentence where it starts and
    // is one where it ends, or its words run into the next sentence's subject.
    // Asked at every char of the narrative in order: a sorted list and a cursor
    // that only moves forward.
    crate::stable_sort::ord(&mut edges);
    edges.dedup();
    let mut next_edge = 0;
    let text = &joined.text;
    let mut sentences = Vec::new();
    let mut s0 = 0;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '。')))
    {
        while edges.get(next_edge).is_some_and(|&e| e < i) {
            next_edge += 1;
        }
        let edge = edges.get(next_edge) == Some(&i) && i > s0;
        if ch == '。' || i == text.len() || edge {
            if i > s0 {
                let section = headings
                    .iter()
                    .rev()
                    .find(|(o, _)| *o <= s0)
                    .map(|(_, h)| h.clone())
                    .unwrap_or_default();
                let nums = numbers(text, s0, i);
                sentences.push(Sentence {
                    start: s0,
                    text: text[s0..i].to_string(),
                    nums,
                    section,
                });
            }
            s0 = if edge && ch != '。' {
                i
            } else {
                (i + ch.len_utf8()).min(text.len())
            };
        }
    }
    Narrative {
        joined: joined.clone(),
        sentences,
    }
}

const BOUNDARY: &[char] = &[
    '，', ',', '：', ':', '；', ';', '（', '(', '）', ')', '、', '。', '！',
];

/// Every number followed by 万元 / 元 / % in `text[from..to]`.
fn numbers(text: &str, from: usize, to: usize) -> Vec<Num> {
    let s = &text[from..to];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0; // where the previous number's unit ended (subject start bound)
    while i < b.len() {
        let neg = b[i] == b'-'
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit());
        if !(b[i].is_ascii_digit() || neg)
            || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let st = i;
        let mut j = if neg { i + 1 } else { i };
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_digit() {
                j += 1;
            } else if (c == b',' || c == b'.')
                && j + 1 < b.len()
                && b[j + 1].is_ascii_digit()
                && j > st
            {
                // A comma is a thousands separator only before exactly three digits.
                let grouped = b.len() >= j + 4
                    && b[j + 1..j + 4].iter().all(|d| d.is_ascii_digit())
                    && b.get(j + 4).is_none_or(|d| !d.is_ascii_digit());
                if c == b',' && !grouped {
                    break;
                }
                j += 1;
            } else {
                break;
            }
        }
        let written = &s[st..j];
        let rest = s[j..].trim_start_matches([' ', '\u{3000}']);
        let unit = if rest.starts_with("万元") {
            Some((NumUnit::Wan, "万元".len()))
        } else if rest.starts_with('元') && !s[..st].ends_with('万') {
            Some((NumUnit::Yuan, '元'.len_utf8()))
        } else if rest.starts_with('%') {
            Some((NumUnit::Pct, 1))
        } else if rest.starts_with('％') {
            Some((NumUnit::Pct, '％'.len_utf8()))
        } else {
            None
        };
        let unit_end = j + (s[j..].len() - rest.len()) + unit.map_or(0, |u| u.1);
        if let (Some((u, _)), Some(v)) = (unit, crate::text::plain_decimal(written)) {
            // `因公出国（境）费`, `一般公共服务（类）`: brackets inside a name are no clause boundary.
            let raw = &s[last_end..st];
            // (Every bracket replaced below starts with `（` or `(`: a text without
            // one is taken as it is, as most are.)
            let head = if raw.contains(['（', '(']) {
                let head = raw
                    .replace("（境）", "境")
                    .replace("(境)", "境")
                    // `（室）` stays in the name (the tables print it too): hidden from
                    // the boundary search, put back below.
                    .replace("（室）", "\u{1}室\u{2}");
                ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"]
                    .iter()
                    .fold(head, |h, w| h.replace(w, ""))
            } else {
                raw.to_string()
            };
            let subj_start = head
                .rfind(BOUNDARY)
                .map(|p| p + head[p..].chars().next().unwrap().len_utf8())
                .unwrap_or(0);
            let mut subject = crate::text::compact(&head[subj_start..]);
            if subject.contains(['\u{1}', '\u{2}']) {
                subject = subject.replace('\u{1}', "（").replace('\u{2}', "）");
            }
            out.push(Num {
                value: v,
                unit: u,
                start: from + st,
                end: from + j,
                change: says_change(&subject),
                subject,
                written: written.to_string(),
            });
            last_end = unit_end;
        }
        i = j.max(i + 1);
    }
    out
}

/// The interval of `num / den × 100` when each is known ± its half-unit
/// (magnitudes; `None` when the denominator can be 0).
pub fn pct_interval(
    num: Decimal,
    hn: Decimal,
    den: Decimal,
    hd: Decimal,
) -> Option<(Decimal, Decimal)> {
    let (n, d) = (num.abs(), den.abs());
    if d - hd <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::from(100);
    let lo = ((n - hn).max(Decimal::ZERO) / (d + hd)) * hundred;
    let hi = ((n + hn) / (d - hd)) * hundred;
    Some((lo, hi))
}

/// True when the written percentage `r` (± half its last digit) can meet [lo, hi].
pub fn pct_consistent(r: Decimal, lo: Decimal, hi: Decimal) -> bool {
    let h = crate::rounding::half_unit(r);
    r.abs() + h >= lo && r.abs() - h <= hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;
    use std::str::FromStr;

    fn doc(lines: &[&str]) -> Document {
        Document {
            narrative: lines
                .iter()
                .enumerate()
                .map(|(i, t)| NarrativeLine {
                    line: i + 1,
                    text: t.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn numbers_with_units_and_subjects() {
        let d = doc(&[
            "一、收入",
            "1. 一般公共预算财政拨款收入 8,219.2 万元，比上年决算增加 2,796.27 万元，增长 51.6%。",
        ]);
        let n = read(&d);
        // The heading is a sentence of its own: its words are no subject.
        assert_eq!(n.sentences[0].text, "一、收入");
        let s = &n.sentences[1];
        assert!(!s.nums[0].subject.has("收入1."), "{}", s.nums[0].subject);
        assert_eq!(s.nums.len(), 3);
        assert_eq!(s.nums[0].value, Decimal::from_str("8219.2").unwrap());
        assert!(
            s.nums[0].subject.ends_with("一般公共预算财政拨款收入"),
            "{}",
            s.nums[0].subject
        );
        assert!(s.nums[1].is_change());
        assert_eq!(s.nums[2].unit, NumUnit::Pct);
        assert_eq!(s.section, "一、收入");
    }

    #[test]
    fn soft_break_inside_number() {
        let d = doc(&[
            "经费财政拨款支出决算为 1.65",
            "万元，完成预算 6.00 万元的",
            "27.50% 。",
        ]);
        let n = read(&d);
        let v: Vec<_> = n.sentences[0]
            .nums
            .iter()
            .map(|x| x.value.to_string())
            .collect();
        assert_eq!(v, ["1.65", "6.00", "27.50"]);
    }

    #[test]
    fn headings_and_items() {
        assert!(is_heading("（三）一般公共预算财政拨款支出决算情况说明"));
        assert!(is_heading(
            "三、 2017 年度财政拨款“三公”经费支出决算情况说明"
        ));
        assert!(is_heading("第四部分 预算绩效管理情况"));
        assert!(!is_heading(
            "（6）住房保障支出（类）住房改革支出（款）购房补贴（项）"
        ));
        assert!(!is_heading("1. 基本支出 2,984.75 万元"));
    }
}
