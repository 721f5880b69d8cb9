//! Narrative claims about the previous year: `比上年增加 2,796.27 万元，增长 51.6%`,
//! `比上年减少 4.32 万元，下降 72.30%`, `与上年决算数持平`, `较上年减少`.
//!
//! Kept focused on what a comparison can check against an earlier report: the
//! quantity the claim is about (三公 total or an item, 收入 / 支出 totals), the
//! direction, the amount of change, the rate, and the figure stated for this year.
//!
//! How a claim's subject is found: from the marker (`比上年`, `较上年`, `与上年`,
//! `比去年`) back to the start of its clause: the last `。；` outside brackets, or
//! the end of the previous claim, whichever is later. Bracketed asides are skipped,
//! so in `公务用车购置及运行维护费4.4万元（购置费0万元，比上年增加0万元；…）比上年增加0万元`
//! the last claim is about the vehicle subtotal. The subject is the last quantity
//! word in that clause; a clause with no quantity word we know yields no claim
//! (never a guess).

use super::figures::Quantity;
use crate::model::{NarrativeText, SangongItem, Unit};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// One 比上年 claim as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YoyClaim {
    pub quantity: Quantity,
    pub direction: Direction,
    /// The change as written (unsigned), in 万元; `None` when not written.
    pub change: Option<Decimal>,
    /// The rate of change as written (unsigned), in percent.
    pub percent: Option<Decimal>,
    /// This year's figure written just before the marker, in 万元.
    pub stated: Option<Decimal>,
    /// 1-based source line of the marker.
    pub line: usize,
    /// The claim's text, whitespace removed.
    pub text: String,
}

impl YoyClaim {
    /// The change with its sign (`减少 4.32` → −4.32); `Flat` is 0.
    pub fn signed_change(&self) -> Option<Decimal> {
        match self.direction {
            Direction::Flat => Some(Decimal::ZERO),
            Direction::Up => self.change,
            Direction::Down => self.change.map(|c| -c),
        }
    }
    pub fn signed_percent(&self) -> Option<Decimal> {
        match self.direction {
            Direction::Flat => self.percent.map(|_| Decimal::ZERO),
            Direction::Up => self.percent,
            Direction::Down => self.percent.map(|p| -p),
        }
    }
}

const MARKERS: [&str; 6] = ["比上年", "较上年", "与上年", "比去年", "较去年", "与去年"];
const BOUNDARY: [char; 5] = ['。', '；', ';', '！', '？'];
const OPEN: [char; 3] = ['（', '(', '['];
const CLOSE: [char; 3] = ['）', ')', ']'];

/// Characters of the narrative without whitespace, each with its byte offset in
/// the joined narrative (for the source line).
struct Chars {
    c: Vec<char>,
    pos: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Self {
        let mut c = Vec::new();
        let mut pos = Vec::new();
        for (i, ch) in text.char_indices() {
            if !ch.is_whitespace() {
                c.push(ch);
                pos.push(i);
            }
        }
        Chars { c, pos }
    }
    fn starts_with(&self, at: usize, s: &str) -> bool {
        let mut i = at;
        for ch in s.chars() {
            if self.c.get(i) != Some(&ch) {
                return false;
            }
            i += 1;
        }
        true
    }
    fn eat(&self, at: &mut usize, words: &[&str]) -> Option<usize> {
        for (k, w) in words.iter().enumerate() {
            if self.starts_with(*at, w) {
                *at += w.chars().count();
                return Some(k);
            }
        }
        None
    }
    /// A number `1,083.01` at `at`; returns it and moves past it.
    fn number(&self, at: &mut usize) -> Option<Decimal> {
        let mut i = *at;
        let mut s = String::new();
        if matches!(self.c.get(i), Some('-') | Some('−')) {
            s.push('-');
            i += 1;
        }
        let start = i;
        while let Some(&ch) = self.c.get(i) {
            if ch.is_ascii_digit()
                || ch == '.'
                || (ch == ',' && i > start && self.c.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                if ch != ',' {
                    s.push(ch);
                }
                i += 1;
            } else {
                break;
            }
        }
        if i == start {
            return None;
        }
        let s = s.trim_end_matches('.');
        let v = Decimal::from_str(s).ok()?;
        *at = i;
        Some(v)
    }
    /// `万元` / `元` / `亿元` after a number, as a factor into 万元.
    fn unit(&self, at: &mut usize) -> Option<Decimal> {
        match self.eat(at, &["万元", "亿元", "元"])? {
            0 => Some(Decimal::ONE),
            1 => Some(Decimal::from(10_000)),
            _ => Some(Unit::Yuan.convert(Decimal::ONE, Unit::WanYuan)),
        }
    }
}

/// Every 比上年 claim in the narrative, in order.
pub fn parse_claims(narr: &NarrativeText) -> Vec<YoyClaim> {
    let ch = Chars::new(&narr.text);
    let n = ch.c.len();
    let mut out = Vec::new();
    let mut prev_end = 0usize;
    let mut i = 0usize;
    while i < n {
        let Some(_) = MARKERS.iter().find(|m| ch.starts_with(i, m)) else {
            i += 1;
            continue;
        };
        let marker = i;
        let mut j = i + 3;
        // `与上年相比，…比上年减少`: the real claim follows.
        if ch.starts_with(j, "相比") || ch.starts_with(j, "同期相比") {
            i = j;
            continue;
        }
        ch.eat(&mut j, &["同期", "年度", "度"]);
        ch.eat(
            &mut j,
            &["决算数", "预算数", "决算", "预算", "执行数", "数"],
        );
        ch.eat(&mut j, &["相比", "比"]);
        ch.eat(&mut j, &["，", ","]);
        let Some((dir, change, percent, end)) = direction_and_amounts(&ch, j) else {
            i = j.max(i + 1);
            continue;
        };
        j = end;
        // The clause before the marker, brackets skipped.
        let clause = clause_before(&ch, marker, prev_end);
        if let Some(quantity) = subject(&clause) {
            let stated = stated_figure(&clause);
            out.push(YoyClaim {
                quantity,
                direction: dir,
                change,
                percent,
                stated,
                line: narr.line_at(ch.pos[marker]),
                text: ch.c[marker..j.min(n)].iter().collect(),
            });
            // `…“三公”经费比上年减少 4.32 万元。其中：因公出国（境）费增加 0 万元；
            // 公务用车购置及运行费减少 4.25 万元…`: the items of the same sentence
            // make their own claims against the same year.
            if quantity == Quantity::Sangong(SangongItem::Total) {
                let (more, end) = item_claims(&ch, j, narr);
                out.extend(more);
                j = j.max(end);
            }
        }
        prev_end = j;
        i = j.max(i + 1);
    }
    out
}

const DIRECTION_WORDS: [&str; 9] = [
    "增加",
    "增长",
    "上升",
    "提高",
    "减少",
    "下降",
    "降低",
    "持平",
    "相比持平",
];

/// From a direction word at `j`: the direction, the change (万元), the rate and
/// where the claim ends.
fn direction_and_amounts(
    ch: &Chars,
    mut j: usize,
) -> Option<(Direction, Option<Decimal>, Option<Decimal>, usize)> {
    let dir = match ch.eat(&mut j, &DIRECTION_WORDS)? {
        0..=3 => Direction::Up,
        4..=6 => Direction::Down,
        _ => Direction::Flat,
    };
    // A direction word that was itself a rate (`比上年增长 10%`).
    let mut change = None;
    let mut percent = None;
    ch.eat(&mut j, &["了"]);
    let mut k = j;
    if let Some(v) = ch.number(&mut k) {
        if ch.eat(&mut k, &["%", "％"]).is_some() {
            percent = Some(v.abs());
            j = k;
        } else if let Some(f) = ch.unit(&mut k) {
            change = Some((v * f).abs());
            j = k;
        }
    }
    if dir != Direction::Flat && percent.is_none() {
        // `，增长 51.6%` / `，下降72.30%` / `，增幅 3%`
        let mut k = j;
        ch.eat(&mut k, &["，", ","]);
        if ch
            .eat(
                &mut k,
                &["增长", "下降", "增幅", "降幅", "上升", "减少", "降低"],
            )
            .is_some()
        {
            ch.eat(&mut k, &["了", "为"]);
            let mut k2 = k;
            if let Some(v) = ch.number(&mut k2) {
                if ch.eat(&mut k2, &["%", "％"]).is_some() {
                    percent = Some(v.abs());
                    j = k2;
                }
            }
        }
    }
    Some((dir, change, percent, j))
}

/// 三公 item claims without their own marker, in the `其中：` part of the
/// sentence that made a 三公 total claim (up to its `。`). A clause counts only
/// when its subject is a 三公 item and it says nothing of a 预算 (`比预算减少`
/// compares with the budget, not the year before).
fn item_claims(ch: &Chars, from: usize, narr: &NarrativeText) -> (Vec<YoyClaim>, usize) {
    let n = ch.c.len();
    // The items follow in the same sentence, or in the next one when it opens with 其中.
    let mut from = from;
    let mut k = from;
    while k < n && matches!(ch.c[k], '。' | '，' | ',' | '；' | ';') {
        k += 1;
    }
    if ch.starts_with(k, "其中") {
        from = k;
    }
    let mut end = from;
    while end < n && ch.c[end] != '。' {
        end += 1;
    }
    let mut out = Vec::new();
    let mut start = from;
    let mut depth = 0i32;
    let mut last_end = from;
    for i in from..=end.min(n) {
        let c = ch.c.get(i).copied().unwrap_or('。');
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            depth -= 1;
        }
        let boundary = depth <= 0 && (BOUNDARY.contains(&c) || c == '：' || c == ':' || i == end);
        if !boundary {
            continue;
        }
        let piece = start..i;
        start = i + 1;
        if MARKERS
            .iter()
            .any(|m| (piece.clone()).any(|p| ch.starts_with(p, m)))
        {
            continue; // has its own marker: the main pass reads it
        }
        let Some(p) = piece
            .clone()
            .find(|&p| DIRECTION_WORDS.iter().any(|w| ch.starts_with(p, w)))
        else {
            continue;
        };
        let before: Vec<char> = ch.c[piece.start..p].to_vec();
        if before.iter().collect::<String>().contains("预算") {
            continue;
        }
        let Some(Quantity::Sangong(item)) = subject(&before) else {
            continue;
        };
        if item == SangongItem::Total {
            continue;
        }
        let Some((direction, change, percent, e)) = direction_and_amounts(ch, p) else {
            continue;
        };
        out.push(YoyClaim {
            quantity: Quantity::Sangong(item),
            direction,
            change,
            percent,
            stated: stated_figure(&before),
            line: narr.line_at(ch.pos[p.min(n - 1)]),
            text: ch.c[piece.start..e.min(n)].iter().collect(),
        });
        last_end = e;
    }
    (out, last_end)
}

/// The characters of the clause that ends at `end`, outside brackets.
fn clause_before(ch: &Chars, end: usize, mut floor: usize) -> Vec<char> {
    let mut depth = 0i32;
    let mut kept = Vec::new();
    let mut i = end;
    while i > 0 {
        // The previous claim ends the clause, unless we are skipping an aside
        // that the previous claim sat in.
        if i <= floor && depth == 0 {
            break;
        }
        i -= 1;
        let c = ch.c[i];
        if CLOSE.contains(&c) {
            depth += 1;
            continue;
        }
        if OPEN.contains(&c) {
            if depth == 0 {
                break; // we are inside an aside: its opening bracket starts the clause
            }
            depth -= 1;
            if depth == 0 && floor > i {
                floor = 0; // the previous claim was inside this aside
            }
            continue;
        }
        if depth > 0 {
            continue;
        }
        if BOUNDARY.contains(&c) || c == '：' || c == ':' {
            break;
        }
        kept.push(c);
    }
    kept.reverse();
    kept
}

fn find_all(hay: &[char], needle: &str) -> Vec<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() || hay.len() < n.len() {
        return Vec::new();
    }
    (0..=hay.len() - n.len())
        .filter(|&i| hay[i..i + n.len()] == n[..])
        .collect()
}

const SANGONG_WORDS: [(&str, SangongItem); 12] = [
    ("三公", SangongItem::Total),
    ("因公出国", SangongItem::Outbound),
    ("出国（境）", SangongItem::Outbound),
    ("公务用车购置及运行", SangongItem::Vehicle),
    ("公务用车费", SangongItem::Vehicle),
    ("公务用车购置", SangongItem::VehiclePurchase),
    ("车辆购置", SangongItem::VehiclePurchase),
    ("公务用车运行", SangongItem::VehicleOperation),
    ("车辆运行", SangongItem::VehicleOperation),
    ("公务用车运行维护", SangongItem::VehicleOperation),
    ("公务接待", SangongItem::Reception),
    ("接待费", SangongItem::Reception),
];

/// Words before 收入 / 支出 that make it a part, not the total.
const PART_PREFIX: [&str; 14] = [
    "拨款", "补助", "事业", "经营", "其他", "上缴", "基金", "基本", "项目", "资本", "经费", "运行",
    "人员", "公用",
];

/// The quantity a clause talks about, or `None` when no word of it is certain.
pub fn subject(clause: &[char]) -> Option<Quantity> {
    // The nearest 三公 word wins (ties: the longer, more specific word).
    let mut best: Option<(usize, usize, SangongItem)> = None;
    for (w, item) in SANGONG_WORDS {
        let len = w.chars().count();
        for p in find_all(clause, w) {
            let key = (p, len);
            if best.map(|(bp, bl, _)| key > (bp, bl)).unwrap_or(true) {
                best = Some((p, len, item));
            }
        }
    }
    if let Some((_, _, item)) = best {
        return Some(Quantity::Sangong(item));
    }
    // 收入 / 支出 totals: the last occurrence decides — outside a share's base
    // (`事业收入 500.50 万元，占本年收入的 0.95%，比上年…` is about 事业收入).
    let in_share: Vec<bool> = {
        let mut mask = vec![false; clause.len()];
        let mut open = false;
        for (i, ch) in clause.iter().enumerate() {
            if *ch == '占' {
                open = true;
            }
            mask[i] = open;
            if matches!(ch, '%' | '％' | '，' | ',') {
                open = false;
            }
        }
        mask
    };
    let mut last: Option<(usize, Option<Quantity>)> = None;
    for (word, year_q, grand_q) in [
        ("收入", Quantity::Income, Quantity::IncomeTotal),
        ("支出", Quantity::Expenditure, Quantity::ExpenditureTotal),
    ] {
        for p in find_all(clause, word) {
            if in_share[p] {
                continue;
            }
            let before: String = clause[p.saturating_sub(2)..p].iter().collect();
            let after: String = clause[(p + 2).min(clause.len())..(p + 4).min(clause.len())]
                .iter()
                .collect();
            let q = if before.ends_with('总') || after == "总计" {
                Some(grand_q)
            } else if PART_PREFIX.iter().any(|x| before.ends_with(x)) {
                None
            } else if before.ends_with("本年")
                || before.ends_with("部门")
                || before.ends_with("单位")
                || after == "合计"
                || after == "预算"
                || p == 0
            {
                Some(year_q)
            } else {
                None
            };
            if last.map(|(lp, _)| p >= lp).unwrap_or(true) {
                last = Some((p, q));
            }
        }
    }
    last.and_then(|(_, q)| q)
}

/// The last `N万元` / `N元` of the clause (this year's figure), in 万元.
fn stated_figure(clause: &[char]) -> Option<Decimal> {
    let ch = Chars {
        c: clause.to_vec(),
        pos: (0..clause.len()).collect(),
    };
    let mut i = 0;
    let mut last = None;
    while i < clause.len() {
        let mut k = i;
        if let Some(v) = ch.number(&mut k) {
            let mut k2 = k;
            if let Some(f) = ch.unit(&mut k2) {
                last = Some(v * f);
                i = k2;
                continue;
            }
            i = k;
        } else {
            i += 1;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NarrativeLine;

    fn claims(text: &str) -> Vec<YoyClaim> {
        let lines: Vec<NarrativeLine> = text
            .lines()
            .enumerate()
            .map(|(i, t)| NarrativeLine {
                line: i + 1,
                text: t.to_string(),
            })
            .collect();
        parse_claims(&NarrativeText::join(&lines))
    }
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn sangong_total_with_amount_and_rate_over_wrapped_lines() {
        let c = claims("与上年相比， 2017 年度“三公”经费财政拨款支出决算数\n比上年 减少 4.32 万元， 下降 72.30% 。其中：因公出国（境）");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].quantity, Quantity::Sangong(SangongItem::Total));
        assert_eq!(c[0].direction, Direction::Down);
        assert_eq!(c[0].signed_change(), Some(d("-4.32")));
        assert_eq!(c[0].signed_percent(), Some(d("-72.30")));
        assert_eq!(c[0].line, 2);
    }

    #[test]
    fn items_in_the_same_sentence_inherit_the_comparison() {
        let c = claims("与上年相比， 2017 年度“三公”经费财政拨款支出决算数\n比上年 减少 4.32 万元， 下降 72.30% 。其中：因公出国（境）\n费支出决算 增加 0万元，增长 0% ；公务用车购置及运行费支\n出决算 减少 4.25万元，下降 72.03% ；公务接待费支出决算 减\n少 0.07万元，下降 100.00% 。\n我办无因公出国（境）费及公务用车购置支出。公务接待费决算比预算减少 2 万元。");
        use SangongItem::*;
        let got: Vec<_> = c.iter().map(|c| (c.quantity, c.signed_change())).collect();
        assert_eq!(
            got,
            vec![
                (Quantity::Sangong(Total), Some(d("-4.32"))),
                (Quantity::Sangong(Outbound), Some(d("0"))),
                (Quantity::Sangong(Vehicle), Some(d("-4.25"))),
                (Quantity::Sangong(Reception), Some(d("-0.07"))),
            ]
        );
        assert_eq!(c[3].signed_percent(), Some(d("-100.00")));
        assert_eq!(c[3].line, 4);
    }

    #[test]
    fn budget_sangong_items_and_asides() {
        let text = "2024年本部门财政拨款安排“三公”经费5.4万元，比上年增加0万元，增长0.00%，主要原因是与上年持平，无增减变化。其中：因公出国（境）费0万元，比上年增加0万元，增长--（基数为0，不可比），主要原因是与上年持平，无增减变化；公务用车购置及运行维护费4.4万元（公务用车购置费0万元，比上年增加0万元；公务用车运行维护费4.4万元，比上年增加0万元。）比上年增加0万元，增长0.00%；公务接待费1万元，比上年增加0万元，增长0.00%。";
        let c = claims(text);
        let qs: Vec<_> = c.iter().map(|c| (c.quantity, c.stated)).collect();
        use SangongItem::*;
        assert_eq!(
            qs,
            vec![
                (Quantity::Sangong(Total), Some(d("5.4"))),
                (Quantity::Sangong(Outbound), Some(d("0"))),
                (Quantity::Sangong(VehiclePurchase), Some(d("0"))),
                (Quantity::Sangong(VehicleOperation), Some(d("4.4"))),
                (Quantity::Sangong(Vehicle), Some(d("4.4"))),
                (Quantity::Sangong(Reception), Some(d("1"))),
            ]
        );
        assert!(c.iter().all(|c| c.signed_change() == Some(Decimal::ZERO)));
    }

    #[test]
    fn income_and_expenditure_totals() {
        let c = claims("2024年本部门收入预算9,492.97万元，比上年减少1,083.01万元，下降10.24%，主要原因是…；支出预算9,492.97万元，比上年减少1,083.01万元，下降10.24%。");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].quantity, Quantity::Income);
        assert_eq!(c[0].stated, Some(d("9492.97")));
        assert_eq!(c[0].signed_change(), Some(d("-1083.01")));
        assert_eq!(c[1].quantity, Quantity::Expenditure);
    }

    #[test]
    fn a_share_base_is_no_subject() {
        let c = claims("5. 事业收入 500.50 万元，占本年收入的 0.95%，比上年决算减少 61.90 万元，下降 11.01%。1. 基本支出 42,889.80 万元，占本年支出的 80.97%，比上年决算减少 2,122.86 万元。");
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn parts_of_income_are_not_totals() {
        let c = claims("其中：一般公共预算财政拨款收入 8,219.2 万元，比上年决算增加 2,796.27 万元，增长 51.6%。1. 基本支出 2,984.75 万元，比上年决算增加 1,262.97 万元。其他收入 7.19 万元，与上年决算持平。");
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn flat_and_grand_totals() {
        let c = claims("本部门2021年度总收入 100.00 万元，与上年决算数持平。本年支出合计 90 万元，比上年增长 12.5%。");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].quantity, Quantity::IncomeTotal);
        assert_eq!(c[0].direction, Direction::Flat);
        assert_eq!(c[1].quantity, Quantity::Expenditure);
        assert_eq!(c[1].percent, Some(d("12.5")));
        assert_eq!(c[1].change, None);
    }

    #[test]
    fn amounts_in_yuan_become_wan() {
        let c = claims("公务接待费 12,000 元，比上年增加 2,000 元。");
        assert_eq!(c[0].change, Some(d("0.2")));
        assert_eq!(c[0].stated, Some(d("1.2")));
    }

    #[test]
    fn nothing_certain_nothing_claimed() {
        assert!(claims("比上年增加 3 万元。").is_empty());
        assert!(claims("人员增加，比上年多。").is_empty());
        assert!(claims("").is_empty());
    }
}
