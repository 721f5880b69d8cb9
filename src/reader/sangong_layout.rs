//! Which cell of a 三公 row is which item, decided by the row's own arithmetic.
//!
//! A 三公 table printed with its items as columns (合计 | 因公出国（境）费 |
//! 公务用车购置及运行费 小计 / 购置费 / 运行费 | 公务接待费, in one of two orders, maybe
//! with 机关运行经费, 会议费, 培训费 after them, maybe as 预算数/决算数 pairs or split
//! by fund) loses two things in PDF text: the order of its header cells (printed
//! over three or five lines) and its blank cells (dropped). Neither can be read
//! back from the text; both are constrained by the row itself:
//! 合计 = 出国 + 车 + 接待 and 车 = 购置 + 运行, for each group.
//!
//! So the row is read under every layout the header's words allow (the two item
//! orders × where the dropped cells were) and only the readings under which those
//! identities hold are kept. One reading left: it is the table's. Several: the
//! narrative's own statements of the items (`公务接待费1.00万元`) choose among them.
//! Still several, or none: the figures are not certain and are not used; one
//! warning says why ([`UNCERTAIN`]).
//!
//! Example: `867.50 839.00 28.50 213.28` under a 7-column header (合计, 出国,
//! 接待, 车小计, 购置, 运行, 机关运行经费) holds only as 合计 867.50 = 出国 839.00 +
//! 接待 28.50, 机关运行经费 213.28, the vehicle cells blank.

use super::normalize::Line;
use crate::model::{
    Amount, Document, Finding, ReportKind, SangongBlock, SangongFigures, SangongItem, Severity,
    Table, Unit,
};
use crate::rounding::{half_unit, Agreement, RoundingTolerance};
use crate::text::compact;
use crate::text::Has;
use rust_decimal::Decimal;

/// Rule id of the one warning given when the 三公 row has no certain reading.
pub const UNCERTAIN: &str = "sangong_uncertain";

/// Work bound: layouts whose blank-cell placements exceed this are not tried.
const MAX_PLACEMENTS: u64 = 50_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Total,
    Outbound,
    Vehicle,
    Purchase,
    Operation,
    Reception,
    Admin,
    /// 会议费 / 培训费: printed beside the 三公 items, in no identity.
    Extra(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    item: Item,
    /// 0 = 预算数 (or the only group), 1 = 决算数.
    group: u8,
    /// Fund split (一般公共预算 / 政府性基金 / 国有资本经营): 0..funds.
    fund: u8,
}

/// What the header's words say the row holds (not their order: that is lost).
#[derive(Debug, Clone, Default, PartialEq)]
struct HeaderWords {
    admin: bool,
    extras: Vec<&'static str>,
    /// 预算数 and 决算数 both head columns.
    pairs: bool,
    /// 一般公共预算 / 政府性基金预算 / 国有资本经营预算 under every item.
    funds: u8,
}

fn header_words(text: &str) -> HeaderWords {
    let c = compact(text);
    let mut extras: Vec<(usize, &'static str)> = Vec::new();
    for w in ["会议费", "培训费"] {
        if let Some(p) = c.find(w) {
            extras.push((p, w));
        }
    }
    crate::stable_sort::ord(&mut extras);
    HeaderWords {
        admin: c.has("机关运行经") || c.has("机关运行费"),
        extras: extras.into_iter().map(|(_, w)| w).collect(),
        pairs: c.has("预算数") && c.has("决算数"),
        funds: if c.has("政府性基") && c.has("国有资本") {
            3
        } else {
            1
        },
    }
}

/// The two orders in which the items are printed: the national template (车 before
/// 接待) and the one Shanghai and Shenzhen print (接待 before 车).
const ORDERS: [[Item; 6]; 2] = [
    [
        Item::Total,
        Item::Outbound,
        Item::Vehicle,
        Item::Purchase,
        Item::Operation,
        Item::Reception,
    ],
    [
        Item::Total,
        Item::Outbound,
        Item::Reception,
        Item::Vehicle,
        Item::Purchase,
        Item::Operation,
    ],
];

/// Every layout the header's words allow, as slots left to right.
fn layouts(h: &HeaderWords) -> Vec<Vec<Slot>> {
    let mut out = Vec::new();
    let groups: u8 = if h.pairs { 2 } else { 1 };
    for order in ORDERS {
        // Pairs interleaved per item (预算数 决算数 under each item) or grouped
        // (all 预算数, then all 决算数).
        let arrangements: &[bool] = if groups == 2 { &[true, false] } else { &[true] };
        for &interleaved in arrangements {
            let mut slots = Vec::new();
            let mut push = |item: Item, group: u8| {
                for fund in 0..h.funds {
                    slots.push(Slot { item, group, fund });
                }
            };
            if interleaved {
                for item in order {
                    for g in 0..groups {
                        push(item, g);
                    }
                }
            } else {
                for g in 0..groups {
                    for item in order {
                        push(item, g);
                    }
                }
            }
            for (i, _) in h.extras.iter().enumerate() {
                slots.push(Slot {
                    item: Item::Extra(i as u8),
                    group: 0,
                    fund: 0,
                });
            }
            if h.admin {
                slots.push(Slot {
                    item: Item::Admin,
                    group: 0,
                    fund: 0,
                });
            }
            out.push(slots);
        }
    }
    out
}

fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut r: u64 = 1;
    for i in 0..k {
        r = r.saturating_mul((n - i) as u64) / (i as u64 + 1);
    }
    r
}

/// One reading: the value (or blank) of every slot of a layout.
#[derive(Debug, Clone)]
struct Reading {
    layout: usize,
    cells: Vec<Option<Amount>>,
}

/// The figures a reading gives, per group (blank = 0), summed over funds.
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    groups: Vec<[Decimal; 6]>,
}

fn item_index(i: Item) -> Option<usize> {
    Some(match i {
        Item::Total => 0,
        Item::Outbound => 1,
        Item::Vehicle => 2,
        Item::Purchase => 3,
        Item::Operation => 4,
        Item::Reception => 5,
        _ => return None,
    })
}

const SLOTS: [SangongItem; 6] = [
    SangongItem::Total,
    SangongItem::Outbound,
    SangongItem::Vehicle,
    SangongItem::VehiclePurchase,
    SangongItem::VehicleOperation,
    SangongItem::Reception,
];

/// Do 合计 = 出国 + 车 + 接待 and 车 = 购置 + 运行 hold in every group and fund?
fn holds(slots: &[Slot], cells: &[Option<Amount>], groups: u8, funds: u8) -> bool {
    for g in 0..groups {
        for f in 0..funds {
            let mut v: [Option<Decimal>; 6] = [None; 6];
            for (s, c) in slots.iter().zip(cells) {
                if s.group == g && s.fund == f {
                    if let (Some(i), Some(a)) = (item_index(s.item), c) {
                        v[i] = Some(a.checked());
                    }
                }
            }
            let ok = |total: Option<Decimal>, parts: &[Option<Decimal>]| {
                let t = total.unwrap_or(Decimal::ZERO);
                let ps: Vec<Decimal> = parts.iter().flatten().copied().collect();
                let sum: Decimal = ps.iter().copied().sum();
                let mut tol = RoundingTolerance::for_sum(t, &ps);
                if total.is_none() {
                    // A blank total is exactly nothing.
                    tol.0 -= half_unit(t);
                }
                tol.judge(t, sum) != Agreement::Differs
            };
            if !ok(v[0], &[v[1], v[2], v[5]]) || !ok(v[2], &[v[3], v[4]]) {
                return false;
            }
        }
    }
    true
}

fn figures(slots: &[Slot], cells: &[Option<Amount>], groups: u8) -> Figures {
    let mut out = vec![[Decimal::ZERO; 6]; groups as usize];
    for (s, c) in slots.iter().zip(cells) {
        if let (Some(i), Some(a)) = (item_index(s.item), c) {
            out[s.group as usize][i] += a.value;
        }
    }
    for g in out.iter_mut() {
        for v in g.iter_mut() {
            *v = v.normalize();
        }
    }
    Figures { groups: out }
}

/// Every reading of `values` (printed order kept) under `layouts` for which the
/// identities hold.
fn readings(layouts: &[Vec<Slot>], values: &[Amount], h: &HeaderWords) -> Vec<Reading> {
    let groups = if h.pairs { 2 } else { 1 };
    let mut out = Vec::new();
    for (li, slots) in layouts.iter().enumerate() {
        let k = slots.len();
        let n = values.len();
        if n > k || binomial(k, n) > MAX_PLACEMENTS {
            continue;
        }
        // Choose which n of the k slots hold the printed values, in order.
        let mut idx: Vec<usize> = (0..n).collect();
        loop {
            let mut cells = vec![None; k];
            for (j, &i) in idx.iter().enumerate() {
                cells[i] = Some(values[j]);
            }
            if holds(slots, &cells, groups, h.funds) {
                out.push(Reading { layout: li, cells });
            }
            // Next combination.
            let mut i = n;
            loop {
                if i == 0 {
                    break;
                }
                i -= 1;
                if idx[i] < k - n + i {
                    idx[i] += 1;
                    for j in i + 1..n {
                        idx[j] = idx[j - 1] + 1;
                    }
                    i = usize::MAX;
                    break;
                }
            }
            if i != usize::MAX {
                break;
            }
        }
    }
    out
}

/// The 三公 items the narrative states with a figure (`公务接待费1.00万元`), in the
/// table's unit: the first amount after the item's name, before the next item.
fn narrative_mentions(doc: &Document, unit: Unit) -> Vec<(usize, Decimal)> {
    // Longest first: `公务用车购置及运行费` is not `公务用车购置`.
    const WORDS: [(&str, usize); 17] = [
        ("公务用车购置及运行维护费", 2),
        ("公务用车购置和运行维护费", 2),
        ("公务用车购置及运行费", 2),
        ("公务用车购置和运行费", 2),
        ("公务用车运行维护费", 4),
        ("因公出国（境）费", 1),
        ("因公出国(境)费", 1),
        ("公务用车购置费", 3),
        ("公务用车运行费", 4),
        ("“三公”经费", 0),
        ("\"三公\"经费", 0),
        ("公务用车购置", 3),
        ("公务用车运行", 4),
        ("公务接待费", 5),
        ("三公经费", 0),
        ("因公出国", 1),
        ("公务接待", 5),
    ];
    let text: String = compact(&crate::model::NarrativeText::join(&doc.narrative).text);
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, item)
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        if let Some((w, item)) = WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
            hits.push((pos, pos + w.len(), *item));
            pos += w.len();
        } else {
            pos += rest.chars().next().map(|c| c.len_utf8()).unwrap_or(1);
        }
    }
    let mut out = Vec::new();
    for (i, &(_, end, item)) in hits.iter().enumerate() {
        let stop = hits.get(i + 1).map(|h| h.0).unwrap_or(text.len());
        let mut window = &text[end..stop];
        let mut limit = 0;
        for (p, _) in window.char_indices() {
            if p > 90 {
                limit = p;
                break;
            }
        }
        if limit > 0 {
            window = &window[..limit];
        }
        if let Some(v) = first_amount(window, unit) {
            out.push((item, v));
        }
    }
    out
}

/// The first `N万元` / `N元` of `s` (skipping years, counts and rates), in `unit`.
fn first_amount(s: &str, unit: Unit) -> Option<Decimal> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            let num = s[start..i].trim_end_matches('.').replace(',', "");
            let after = &s[i..];
            let value: Option<Decimal> = crate::text::plain_decimal(&num);
            if let Some(v) = value {
                if after.starts_with("万元") {
                    return Some(Unit::WanYuan.convert(v, unit));
                }
                if after.starts_with('元') {
                    return Some(Unit::Yuan.convert(v, unit));
                }
            }
            continue;
        }
        i += 1;
    }
    None
}

/// How well a reading agrees with what the narrative states: agreements minus
/// contradictions.
fn narrative_score(f: &Figures, mentions: &[(usize, Decimal)]) -> i32 {
    let mut score = 0;
    for &(item, v) in mentions {
        if f.groups.iter().any(|g| g[item] == v.normalize()) {
            score += 1;
        } else {
            score -= 1;
        }
    }
    score
}

/// The row that holds this year's figures: not last year's, not the change, not a
/// 栏次 row; the report's year, then a 合计 row, then the fullest.
fn figures_row(t: &Table, year: Option<i32>) -> Option<usize> {
    let candidates: Vec<usize> = (0..t.rows.len())
        .filter(|&i| {
            let r = &t.rows[i];
            let l = super::sangong::caption(r);
            let n = r.values.iter().flatten().count();
            n > 0
                && !(l.has("上年") || l.has("增减") || l.has("变化"))
                && !super::table::is_column_number_row(r)
        })
        .collect();
    let this_year = year.map(|y| format!("{y}年"));
    let prior_years = |l: &str| {
        year.is_some_and(|y| {
            (y - 5..y).any(|p| l.contains(&format!("{p}年"))) && !l.contains(&format!("{y}年"))
        })
    };
    let pool: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| !prior_years(&super::sangong::caption(&t.rows[i])))
        .collect();
    let pool = if pool.is_empty() { candidates } else { pool };
    pool.into_iter().max_by_key(|&i| {
        let l = super::sangong::caption(&t.rows[i]);
        (
            this_year.as_ref().is_some_and(|y| l.contains(y.as_str())) as u8,
            (l.has("合计") || l.has("总计")) as u8,
            t.rows[i].values.iter().flatten().count(),
            std::cmp::Reverse(i),
        )
    })
}

fn column_name(s: &Slot, h: &HeaderWords) -> String {
    let item = match s.item {
        Item::Total => "合计",
        Item::Outbound => "因公出国（境）费",
        Item::Vehicle => "公务用车购置及运行费/小计",
        Item::Purchase => "公务用车购置及运行费/购置费",
        Item::Operation => "公务用车购置及运行费/运行费",
        Item::Reception => "公务接待费",
        Item::Admin => "机关运行经费",
        Item::Extra(i) => h.extras.get(i as usize).copied().unwrap_or("其他"),
    };
    let mut name = String::new();
    if h.pairs && !matches!(s.item, Item::Admin | Item::Extra(_)) {
        name.push_str(if s.group == 0 {
            "预算数/"
        } else {
            "决算数/"
        });
    }
    if h.funds > 1 {
        name.push_str(
            ["一般公共预算/", "政府性基金预算/", "国有资本经营预算/"][s.fund as usize % 3],
        );
    }
    name.push_str(item);
    name
}

/// What the arithmetic made of the table.
pub enum Outcome {
    /// Items are rows, or the header's own reading holds: the usual path reads it.
    Unchanged,
    /// One reading; the table was rewritten to it and this is its block.
    Resolved(SangongBlock),
    /// No certain reading: no figures, and this warning.
    Uncertain(SangongBlock, Finding),
}

/// Does the reader's own reading (the header's columns, every cell placed) hold?
fn header_reading_holds(t: &Table, row: usize) -> bool {
    let r = &t.rows[row];
    if r.ambiguous {
        return false;
    }
    let named = t
        .value_columns
        .iter()
        .filter(|c| {
            let path: Vec<String> = compact(c).split('/').map(String::from).collect();
            super::sangong::item_of(&path).is_some()
        })
        .count();
    if named < 4 {
        return false;
    }
    let Some(b) = super::sangong::read_block(t, ReportKind::Unknown, Some(row)) else {
        return false;
    };
    [b.0, b.1].iter().all(|f| {
        let g = |i: SangongItem| f.get(i).map(|a| a.checked());
        let sum_ok = |total: Option<Decimal>, parts: &[Option<Decimal>]| {
            let Some(t) = total else { return true };
            let ps: Vec<Decimal> = parts.iter().flatten().copied().collect();
            RoundingTolerance::for_sum(t, &ps).judge(t, ps.iter().copied().sum())
                != Agreement::Differs
        };
        sum_ok(
            g(SangongItem::Total),
            &[
                g(SangongItem::Outbound),
                g(SangongItem::Vehicle),
                g(SangongItem::Reception),
            ],
        ) && sum_ok(
            g(SangongItem::Vehicle),
            &[
                g(SangongItem::VehiclePurchase),
                g(SangongItem::VehicleOperation),
            ],
        )
    })
}

/// Decide the 三公 table's reading by its arithmetic; rewrite the table to it.
pub fn resolve(doc: &mut Document, lines: &[Line]) -> Outcome {
    let Some(ti) = doc
        .tables
        .iter()
        .position(|t| t.kind == "final.sangong" || t.kind == "budget.sangong")
    else {
        return Outcome::Unchanged;
    };
    let year = doc.meta.year;
    let t = &doc.tables[ti];
    // Items printed as rows have their names beside their figures: nothing lost.
    let item_rows = t
        .rows
        .iter()
        .filter(|r| super::header::sangong_word(&r.label).is_some())
        .count();
    if item_rows >= 2 {
        return Outcome::Unchanged;
    }
    let Some(row) = figures_row(t, year) else {
        return Outcome::Unchanged;
    };
    if header_reading_holds(t, row) {
        return Outcome::Unchanged;
    }
    let row_line = t.rows[row].line;
    let header_text: String = lines
        .iter()
        .filter(|l| l.no >= t.lines[0] && l.no < row_line)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let hc = compact(&header_text);
    let named = ["出国", "接待", "公务用车"]
        .iter()
        .filter(|w| hc.has(w))
        .count();
    if named < 2 {
        return Outcome::Unchanged;
    }
    let h = header_words(&header_text);
    let values: Vec<Amount> = t.rows[row].values.iter().flatten().copied().collect();
    let all = layouts(&h);
    let found = readings(&all, &values, &h);
    let groups = if h.pairs { 2 } else { 1 };
    let figs: Vec<Figures> = found
        .iter()
        .map(|r| figures(&all[r.layout], &r.cells, groups))
        .collect();
    let mut distinct: Vec<usize> = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        if !distinct.iter().any(|&j| figs[j] == *f) {
            distinct.push(i);
        }
    }
    let unit = t.unit_or(doc.meta.unit);
    let mut by_narrative = false;
    let chosen: Option<usize> = match distinct.len() {
        0 => None,
        1 => Some(distinct[0]),
        _ => {
            let mentions = narrative_mentions(doc, unit);
            let scores: Vec<i32> = distinct
                .iter()
                .map(|&i| narrative_score(&figs[i], &mentions))
                .collect();
            let best = scores.iter().copied().max().unwrap_or(0);
            let winners: Vec<usize> = distinct
                .iter()
                .zip(&scores)
                .filter(|(_, s)| **s == best)
                .map(|(i, _)| *i)
                .collect();
            by_narrative = true;
            (winners.len() == 1 && best > 0).then(|| winners[0])
        }
    };
    let printed: Vec<String> = values.iter().map(|a| a.value.to_string()).collect();
    let table_name = t.title.clone();
    let table_id = t.id.clone();
    let line = row_line;
    let kind = doc.meta.kind;
    let Some(c) = chosen else {
        let (zh_why, en_why) = if distinct.is_empty() {
            (
                "在表头所列各列的任何排列下都不满足“合计 = 出国 + 公务用车 + 接待、公务用车 = 购置 + 运行”".to_string(),
                "no arrangement of the header's columns satisfies total = outbound + vehicle + reception and vehicle = purchase + operation".to_string(),
            )
        } else {
            (
                format!(
                    "有 {} 种填列方式都符合表内勾稽关系，说明中的数字也不能确定是哪一种",
                    distinct.len()
                ),
                format!(
                    "{} placements of the cells satisfy the table's identities and the narrative does not tell which",
                    distinct.len()
                ),
            )
        };
        let mut f = Finding::new(
            UNCERTAIN,
            Severity::Warning,
            format!(
                "{table_name}：数字 {} 的列位置无法确定（空白格在文本中丢失），{zh_why}；未采用这些“三公”数字，相关核对未进行。请对照 PDF 原表。",
                printed.join(" ")
            ),
            format!(
                "{table_name}: which column each of {} belongs to cannot be told (blank cells were lost in the text): {en_why}. These 三公 figures are not used and not checked; compare with the PDF.",
                printed.join(" ")
            ),
        );
        f.table = Some(table_id.clone());
        f.line = Some(line);
        let t = &mut doc.tables[ti];
        for r in t.rows.iter_mut() {
            r.ambiguous = true;
        }
        return Outcome::Uncertain(
            SangongBlock {
                unit,
                table: table_id,
                budget: None,
                actual: None,
                admin_operation: None,
                empty: false,
            },
            f,
        );
    };
    let reading = &found[c];
    let slots = &all[reading.layout];
    // Admin is certain only when every kept reading with these figures puts it alike.
    let admin_of = |r: &Reading| {
        all[r.layout]
            .iter()
            .zip(&r.cells)
            .find(|(s, _)| s.item == Item::Admin)
            .and_then(|(_, c)| *c)
    };
    let admin = admin_of(reading);
    let admin_certain = found
        .iter()
        .zip(&figs)
        .filter(|(_, f)| **f == figs[c])
        .all(|(r, _)| admin_of(r).map(|a| a.value) == admin.map(|a| a.value));
    let mut budget = SangongFigures::default();
    let mut actual = SangongFigures::default();
    for (g, vals) in figs[c].groups.iter().enumerate() {
        let target = if g == 0 { &mut budget } else { &mut actual };
        for (i, v) in vals.iter().enumerate() {
            let mut v = *v;
            if v.scale() < 2 {
                v.rescale(2);
            }
            target.set(SLOTS[i], Some(Amount::new(v)));
        }
    }
    // The table now reads as the arithmetic read it.
    let t = &mut doc.tables[ti];
    t.value_columns = slots.iter().map(|s| column_name(s, &h)).collect();
    let k = slots.len();
    for (i, r) in t.rows.iter_mut().enumerate() {
        if i == row {
            r.values = reading.cells.clone();
            r.ambiguous = false;
        } else {
            let n = r.values.iter().flatten().count();
            let mut vals: Vec<Option<Amount>> =
                r.values.iter().flatten().map(|a| Some(*a)).collect();
            vals.resize(k, None);
            r.values = vals;
            r.ambiguous = n != k && n > 0;
        }
    }
    let _ = by_narrative;
    let is_final = kind == ReportKind::Final || t.kind == "final.sangong" && h.pairs;
    Outcome::Resolved(SangongBlock {
        unit,
        table: table_id,
        budget: Some(budget),
        actual: if is_final && h.pairs {
            Some(actual)
        } else {
            None
        },
        admin_operation: if admin_certain { admin } else { None },
        empty: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<Amount> {
        s.split_whitespace()
            .map(|t| Amount::new(t.parse().unwrap()))
            .collect()
    }

    fn distinct_figures(header: &str, row: &str) -> Vec<Figures> {
        let h = header_words(header);
        let all = layouts(&h);
        let groups = if h.pairs { 2 } else { 1 };
        let mut out: Vec<Figures> = Vec::new();
        for r in readings(&all, &amounts(row), &h) {
            let f = figures(&all[r.layout], &r.cells, groups);
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    fn d(s: &str) -> Decimal {
        s.parse::<Decimal>().unwrap().normalize()
    }

    const SHANGHAI: &str = "“三公”经费预算数\n机关运行经费预算\n公务用车购置及运行费\n数\n合计 因公出国(境)费 公务接待费\n小计 购置费 运行费";

    #[test]
    fn blank_vehicle_group_is_placed_by_the_sums() {
        let f = distinct_figures(SHANGHAI, "867.50 839.00 28.50 213.28");
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].groups[0],
            [d("867.5"), d("839"), d("0"), d("0"), d("0"), d("28.5")]
        );
    }

    #[test]
    fn a_scrambled_header_is_ordered_by_the_sums() {
        let f = distinct_figures(SHANGHAI, "37.91 0 1.35 36.56 15 21.56 464.64");
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].groups[0],
            [
                d("37.91"),
                d("0"),
                d("36.56"),
                d("15"),
                d("21.56"),
                d("1.35")
            ]
        );
    }

    #[test]
    fn two_readings_stay_two_without_the_narrative() {
        // 1.00 could be 出国 or 接待: arithmetic cannot tell.
        let f = distinct_figures(SHANGHAI, "1.00 1.00 171.01");
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn a_row_that_never_adds_up_has_no_reading() {
        assert!(distinct_figures(SHANGHAI, "37.91 5 1.35 36.56 15 21.56 464.64").is_empty());
    }

    #[test]
    fn the_narrative_names_its_figures() {
        let m: Vec<(usize, Decimal)> = {
            let doc = Document {
                narrative: vec![crate::model::NarrativeLine {
                    line: 1,
                    text:
                        "（一）因公出国（境）费0万元，与2024年预算持平。（三）公务接待费1.00万元。"
                            .into(),
                }],
                ..Default::default()
            };
            narrative_mentions(&doc, Unit::WanYuan)
        };
        assert_eq!(m, vec![(1, d("0")), (5, d("1.00"))]);
    }

    #[test]
    fn placements_are_bounded() {
        assert_eq!(binomial(12, 2), 66);
        assert!(binomial(60, 30) > MAX_PLACEMENTS);
    }
}
