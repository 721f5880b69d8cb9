//! Building one [`Table`] from a region's lines: furniture, header, rows.

use super::header::{self, label_role, ColumnRole};
use super::normalize::Line;
use super::numbers::{
    is_absent_marker, is_small_int, parse_cell, parse_code, split_code_prefix, CellValue,
};
use super::placement::{place_by_identities, place_by_layout, Placement};
use super::segment::{self, Region};
use crate::identities::column_identities;
use crate::model::{Amount, Finding, Row, Severity, Side, Table, TableState, Unit};
use crate::text::compact;
use crate::text::Has;

mod space_text;
mod tab_text;
use space_text::*;
use tab_text::*;

/// What the table told us besides its rows.
#[derive(Debug, Default, Clone)]
pub struct Furniture {
    pub department: Option<String>,
    pub unit: Option<Unit>,
    pub number: Option<String>,
}

const TWO_SIDED_KINDS: &[&str] = &[
    "final.income_expenditure_summary",
    "final.fiscal_summary",
    "final.general_budget_basic_expenditure",
    "budget.summary",
    "budget.fiscal_summary",
];

/// A line prepared for reading: pipes turned into tabs, markdown rules dropped.
fn prepare(text: &str) -> Option<String> {
    // Trailing tabs stay: they are the empty trailing cells of the row, and a
    // row's width tells a collapsed header from a full one.
    let t = text.trim_end_matches(|c: char| c.is_whitespace() && c != '\t');
    let pipes = t.bytes().filter(|&b| b == b'|').count();
    let t = if pipes >= 2 {
        // One border pipe each side: the pipes after it mark empty cells.
        let trimmed = t.trim();
        let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        inner
            .split('|')
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join("\t")
    } else {
        t.to_string()
    };
    // A rule (`---|---`, `———`): at least three bytes of rule chars and nothing
    // else but whitespace.
    let mut rule_bytes = 0;
    let only_rule = t.chars().filter(|ch| !ch.is_whitespace()).all(|ch| {
        rule_bytes += ch.len_utf8();
        matches!(ch, '-' | ':' | '|' | '—' | '=' | '+')
    });
    if only_rule && rule_bytes >= 3 {
        return None;
    }
    if segment::is_noise(&t) {
        return None;
    }
    Some(unglue_amounts(&t))
}

/// `6838.41一般公共服务支出` → `6838.41 一般公共服务支出`: an amount run into the
/// label of the cell after it (Zhejiang's PDFs). Only amounts with decimals
/// are cut off, so a code run into its label (`2010301行政运行`) stays whole.
fn unglue_amounts(t: &str) -> String {
    // Digits, `.` and `,` are ASCII: the walk back over a number goes by bytes (a
    // byte below 0x80 is a whole char). Most lines need no cut and are copied whole.
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len() + 4);
    let mut copied = 0;
    for (i, c) in t.char_indices() {
        let after = i + 1;
        let next_cjk = c.is_ascii_digit()
            && t[after..]
                .chars()
                .next()
                .is_some_and(|n| ('\u{4e00}'..='\u{9fff}').contains(&n));
        if !next_cjk {
            continue;
        }
        // Walk back over the number: digits, then `.`, then digits/commas.
        let mut j = i;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        let decimals = after - j;
        if (1..=2).contains(&decimals) && j >= 2 && b[j - 1] == b'.' && b[j - 2].is_ascii_digit() {
            let mut k = j - 1;
            while k > 0 && (b[k - 1].is_ascii_digit() || b[k - 1] == b',') {
                k -= 1;
            }
            let starts_cell = t[..k].chars().next_back().is_none_or(char::is_whitespace);
            if starts_cell {
                out.push_str(&t[copied..after]);
                out.push(' ');
                copied = after;
            }
        }
    }
    out.push_str(&t[copied..]);
    out
}

#[cfg(test)]
mod unglue_tests {
    #[test]
    fn an_amount_run_into_a_label_is_cut_off() {
        assert_eq!(
            super::unglue_amounts("一、财政拨款 6838.41一般公共服务支出 5356.01"),
            "一、财政拨款 6838.41 一般公共服务支出 5356.01"
        );
        assert_eq!(
            super::unglue_amounts("2010301行政运行 12.00"),
            "2010301行政运行 12.00"
        );
        assert_eq!(
            super::unglue_amounts("1.一般公共预算 3.00"),
            "1.一般公共预算 3.00"
        );
    }

    /// The char-by-char walk this replaced, kept as the reference.
    fn unglue_by_chars(t: &str) -> String {
        let b: Vec<char> = t.chars().collect();
        let mut out = String::new();
        for (i, &c) in b.iter().enumerate() {
            out.push(c);
            let next_cjk = b
                .get(i + 1)
                .is_some_and(|n| ('\u{4e00}'..='\u{9fff}').contains(n));
            if c.is_ascii_digit() && next_cjk {
                let mut j = i;
                while j > 0 && b[j - 1].is_ascii_digit() {
                    j -= 1;
                }
                let decimals = i + 1 - j;
                if (1..=2).contains(&decimals)
                    && j >= 2
                    && b[j - 1] == '.'
                    && b[j - 2].is_ascii_digit()
                {
                    let mut k = j - 1;
                    while k > 0 && (b[k - 1].is_ascii_digit() || b[k - 1] == ',') {
                        k -= 1;
                    }
                    if k == 0 || b[k - 1].is_whitespace() {
                        out.push(' ');
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_byte_walk_cuts_where_the_char_walk_did() {
        let alphabet = [
            '1', '2', '0', '.', ',', ' ', '\t', '一', '财', 'a', '\u{3000}', '．',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 14) as usize;
            let t: String = (0..len)
                .map(|k| alphabet[((seed >> (4 * k)) % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(super::unglue_amounts(&t), unglue_by_chars(&t), "{t:?}");
        }
    }
}

#[derive(Debug, Clone)]
struct SrcLine {
    no: usize,
    text: String,
    page: usize,
}

fn is_lanci(t: &str) -> bool {
    if !t.has_char('栏') {
        return false;
    }
    let c = compact(t);
    c.starts_with("栏次") || c.starts_with("栏号")
}

/// `1 2 3 … n` (n ≥ 3): a column-number row.
fn colnum_count(t: &str) -> Option<usize> {
    // Asked of every line: one with any other char than digits, markers and
    // blanks has a token that is neither, so it is no such row.
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '*' | '#' | '-' | '—'))
    {
        return None;
    }
    let toks: Vec<&str> = t
        .split(['\t', ' '])
        .filter(|x| !x.trim().is_empty())
        .collect();
    // A marker before the numbers (`** 1 2 3 …` in Zhejiang's tables) is no label.
    let marker = |x: &str| !x.is_empty() && x.chars().all(|c| matches!(c, '*' | '#' | '-' | '—'));
    let lead = toks.iter().take_while(|x| marker(x.trim())).count();
    let toks = &toks[lead..];
    if toks.len() < 3 {
        return None;
    }
    for (i, tok) in toks.iter().enumerate() {
        if tok.trim() != (i + 1).to_string() {
            return None;
        }
    }
    Some(toks.len())
}

/// Do these lines keep their columns (tabs, or a run of spaces between cells on
/// most lines)?
fn keeps_columns<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let (mut n, mut kept) = (0usize, 0usize);
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        n += 1;
        if t.contains('\t') || t.has("  ") {
            kept += 1;
        }
    }
    n > 0 && kept * 2 >= n
}

/// A row read from a column-number line (`1 2 3 … n` under a blank or `**` label).
pub fn is_column_number_row(r: &crate::model::Row) -> bool {
    let label_blank = r
        .label
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '*' | '#' | '-' | '—'));
    let vals: Vec<_> = r.values.iter().flatten().collect();
    label_blank
        && vals.len() >= 3
        && vals.iter().enumerate().all(|(i, a)| {
            a.value == rust_decimal::Decimal::from(i as u64 + 1) && a.value.scale() == 0
        })
}

fn lanci_numbers(t: &str) -> usize {
    t.split(['\t', ' '])
        .filter(|x| is_small_int(x.trim()))
        .count()
}

/// Is this line where the data starts (or continues)?
fn is_data_line(t: &str, tab: bool) -> bool {
    if is_lanci(t) || colnum_count(t).is_some() {
        return false;
    }
    // A 合计 / 总计 line is a row even when it holds no figure (an empty table).
    // (`合计 因公出国（境）费 …` is a header, so the other cells must hold no words.)
    let words: Vec<String> = t
        .split(['\t', ' '])
        .map(compact)
        .filter(|w| !w.is_empty())
        .collect();
    // Tab text only: in PDF text a lone `合计` may be a header word on its own line.
    if tab
        && words.first().is_some_and(|w| w == "合计" || w == "总计")
        && words[1..].iter().all(|w| parse_cell(w) != CellValue::Text)
    {
        return true;
    }
    if tab {
        let cells: Vec<&str> = t.split('\t').collect();
        cells
            .iter()
            .any(|c| matches!(parse_cell(c), CellValue::Number(_)) && !c.trim().is_empty())
            || cells
                .iter()
                .any(|c| parse_code(c.trim()).is_some() || split_code_prefix(c).is_some())
    } else {
        let toks: Vec<&str> = t.split_whitespace().collect();
        toks.iter()
            .any(|x| matches!(parse_cell(x), CellValue::Number(_)))
            || toks.first().is_some_and(|x| parse_code(x).is_some())
            || split_code_prefix(t.trim()).is_some()
    }
}

/// `一、一般公共预算财政拨款收入 一、一般公共服务支出`: a row opening with an item's
/// `一、` numbering is data even when its figures wrapped onto the next line — no
/// standard table's header numbers its column names so. (Taken for a header line, the
/// labels became column names and the header's halves lost their columns.) Not in
/// text rebuilt from one cell a line, whose lines are a reconstruction.
fn opens_item_numbering(t: &str) -> bool {
    // (One cell on its line, in text of one cell a line, is read as the rows go.)
    if t.split_whitespace().nth(1).is_none() {
        return false;
    }
    numbered_item(&compact(t))
}

/// `一、…`, `十二、…` (compacted): an item's Chinese numbering.
fn numbered_item(c: &str) -> bool {
    let han = c
        .chars()
        .take_while(|ch| crate::text::is_cn_digit(*ch))
        .count();
    han > 0 && c.chars().nth(han) == Some('、')
}

/// Wrapped label pieces joined without spaces (`彩票公` + `益金支出`), and the
/// stray spaces a PDF leaves inside a cell (`彩票公 益金支出`) dropped; a space
/// survives only between two ASCII letters or digits (`OSM 二期` → `OSM二期`,
/// `Wi Fi` stays).
pub(crate) fn join_label(parts: &[String]) -> String {
    let mut s = String::new();
    let mut gap = false;
    for p in parts {
        for ch in p.chars() {
            if ch.is_whitespace() {
                gap = !s.is_empty();
                continue;
            }
            if gap
                && s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                && ch.is_ascii_alphanumeric()
            {
                s.push(' ');
            }
            gap = false;
            s.push(ch);
        }
        gap = !s.is_empty();
    }
    s
}

/// Read one table region. Returns the table and the reader's diagnostics for it.
pub fn build_table(
    lines: &[Line],
    region: &Region,
    id: String,
) -> (Table, Furniture, Vec<Finding>) {
    let mut diags: Vec<Finding> = Vec::new();
    let mut furn = Furniture {
        number: region.number.clone(),
        ..Default::default()
    };
    let mut src: Vec<SrcLine> = Vec::new();
    for (pi, page) in region.pages.iter().enumerate() {
        for &i in page {
            if let Some(l) = lines.get(i) {
                if let Some(t) = prepare(&l.text) {
                    src.push(SrcLine {
                        no: l.no,
                        text: t,
                        page: pi,
                    });
                }
            }
        }
    }
    let kind = region.title.kind;
    let mut notes: Vec<String> = Vec::new();
    let mut empty = false;
    let mut header_lines: Vec<String> = Vec::new();
    let mut header_src: Vec<SrcLine> = Vec::new();
    let title_key = compact(&region.title.title);
    // Header and furniture lines seen, to skip where a page repeats them: a dozen at
    // most, a list (a set type of its own cost the wasm its hash table's code).
    let mut skip_set: Vec<String> = vec![title_key.clone()];
    let skip = |set: &mut Vec<String>, c: String| {
        if !set.contains(&c) {
            set.push(c);
        }
    };
    let mut lanci: Option<String> = None;
    let mut colnum: Option<usize> = None;
    let mut data: Vec<(SrcLine, bool)> = Vec::new(); // (line, starts a page)
    let mut in_note = false;
    let mut data_started_page: Option<usize> = None;
    let mut page_start_pending = true;
    let mut cur_page = 0;
    let tab = src
        .iter()
        .filter(|l| !segment::is_note_start(&l.text))
        .any(|l| l.text.contains('\t'));
    let before = src.len();
    let src = if tab {
        src
    } else {
        regroup_one_cell_per_line(src)
    };
    // Rows rebuilt from one cell a line have no columns of their own: their
    // numbers are placed by arithmetic only, never by position.
    let regrouped = src.len() != before;
    for l in &src {
        if l.page != cur_page {
            cur_page = l.page;
            in_note = false;
            page_start_pending = true;
        }
        let t = &l.text;
        if segment::is_empty_marker(t) {
            empty = true;
            // The table's own statement that it is empty is kept with its
            // notes, whether or not it starts with `注：`.
            notes.push(compact_note(t));
            continue;
        }
        if segment::is_note_start(t) {
            in_note = true;
            notes.push(compact_note(t));
            continue;
        }
        if in_note {
            if let Some(n) = notes.last_mut() {
                n.push_str(t.trim());
            }
            continue;
        }
        let c = compact(t);
        let mut furniture = false;
        if let Some(d) = segment::department_in_line(t) {
            furn.department.get_or_insert(d);
            furniture = true;
        }
        // `项目⇥预算数（单位：万元）⇥绩效目标` is a header that names its unit.
        let header_with_unit = || t.split('\t').filter(|x| !x.trim().is_empty()).count() >= 3;
        if let Some(u) = segment::unit_in_line(t) {
            furn.unit.get_or_insert(u);
            furniture = !header_with_unit();
        } else if segment::is_unit_line(t) {
            furniture = !header_with_unit();
        }
        if let Some(n) = segment::table_number_line(t) {
            furn.number.get_or_insert(n);
            furniture = true;
        }
        if furniture
            || c == title_key
            || super::titles::match_title_line(t).is_some_and(|m| m.kind == kind)
        {
            skip(&mut skip_set, c);
            continue;
        }
        if is_lanci(t) {
            if lanci.is_none() {
                lanci = Some(t.clone());
            }
            skip(&mut skip_set, c);
            continue;
        }
        if let Some(n) = colnum_count(t) {
            colnum.get_or_insert(n);
            skip(&mut skip_set, c);
            continue;
        }
        let started_this_page = data_started_page == Some(l.page);
        if !started_this_page {
            if is_data_line(t, tab)
                || (kind != "unknown" && !regrouped && opens_item_numbering(t))
                || (lanci.is_some() && l.page == 0 && data_started_page.is_none())
            {
                data_started_page = Some(l.page);
                data.push((l.clone(), page_start_pending));
                page_start_pending = false;
            } else if l.page == 0 {
                header_lines.push(t.clone());
                header_src.push(l.clone());
                skip(&mut skip_set, c);
            } else if skip_set.contains(&c) || data_started_page.is_none() {
                // a repeated header line of a continuation page
            } else {
                // Not a repeated header: a wrapped label opening this page's data.
                data_started_page = Some(l.page);
                data.push((l.clone(), page_start_pending));
                page_start_pending = false;
            }
            continue;
        }
        if skip_set.contains(&c) {
            page_start_pending = true;
            continue;
        }
        data.push((l.clone(), page_start_pending));
        page_start_pending = false;
    }

    // A form rather than a table (绩效自评表: key–value lines, then a second
    // header halfway down): its "header" names no columns. Keep every line as a
    // row, cells in their positions, columns numbered.
    if tab && kind == "unknown" && header_is_form(&header_lines) {
        let mut all: Vec<(SrcLine, bool)> = header_src.iter().map(|l| (l.clone(), false)).collect();
        all.append(&mut data);
        data = all;
        header_lines.clear();
    }
    let two_sided_hint = TWO_SIDED_KINDS.contains(&kind);
    let mut ctx = Ctx {
        kind,
        diags: &mut diags,
        table_id: id.clone(),
        // Where a number stands on its line says which column it is in only
        // when the text keeps columns: tabs, or runs of spaces (`pdftotext
        // -layout`). Single-spaced PDF text lines numbers up by accident.
        positions: !regrouped && keeps_columns(data.iter().map(|(l, _)| l.text.as_str())),
        identities: Vec::new(),
    };
    // Pipe rows keep every cell, trailing blanks included, so a header row
    // narrower than the data is one whose merged cells collapsed (tab text
    // loses trailing blanks to trimming and cannot tell).
    let piped = region
        .pages
        .iter()
        .flatten()
        .filter_map(|&i| lines.get(i))
        .any(|l| l.text.matches('|').count() >= 2);
    let layout = if tab {
        let positional = tab_layout(&header_lines, lanci.as_deref(), &data, two_sided_hint);
        // Tab text copied from a web page collapses merged cells as pipes
        // do, but an editor may also have trimmed trailing tabs: trust the
        // header's positions unless they name no column where the data has
        // one, or split two halves after the first cell.
        if piped || positional_is_broken(&positional) {
            match ragged_tab_layout(
                &header_lines,
                lanci.as_deref(),
                &data,
                two_sided_hint,
                kind,
                !piped,
            ) {
                Some(m) if piped || !m.generic_names => m,
                _ => positional,
            }
        } else {
            positional
        }
    } else {
        space_layout(
            &header_lines,
            lanci.as_deref(),
            colnum,
            &data,
            two_sided_hint,
            kind,
            None,
        )
    };
    let rows = if tab {
        read_tab_rows(&layout, &data, &mut ctx)
    } else {
        read_space_rows(&layout, &data, &mut ctx)
    };
    let mut rows = drop_repeated_totals(rows, &mut ctx);
    summarise_layout_placements(&mut diags, &id, &region.title.title);
    set_table_precision(&mut rows);

    let first = lines.get(region.title_at).map(|l| l.no).unwrap_or(1);
    let last = src.iter().map(|l| l.no).max().unwrap_or(first).max(first);
    // A table of blank rows (a 合计 line and nothing in it) holds no figure:
    // empty, like one with no row at all, not a table of zeros.
    if rows.iter().all(|r| r.values.iter().all(|v| v.is_none())) {
        empty = true;
    }
    let (columns, value_columns, sides) = layout.public_columns();
    if layout.generic_names {
        diags.push(
            Finding::new(
                "header_unread",
                Severity::Notice,
                format!(
                    "未能从表头读出“{}”的全部列名，已按顺序编号",
                    region.title.title
                ),
                format!(
                    "Could not read every column name of “{}”; columns are numbered instead",
                    region.title.title
                ),
            )
            .at_line(first),
        );
        if let Some(f) = diags.last_mut() {
            f.table = Some(id.clone());
        }
    }
    let table = Table {
        id,
        kind: kind.to_string(),
        title: region.title.title.clone(),
        number: furn.number.clone(),
        unit: furn.unit,
        lines: [first, last],
        columns,
        value_columns,
        sides,
        rows,
        state: if empty {
            TableState::Empty
        } else {
            TableState::Data
        },
        notes,
        pages: region.pages.len(),
        department: furn.department.clone(),
    };
    (table, furn, diags)
}

/// The decimals a table prints: the most its figures show, when at least three
/// of them do. A spreadsheet's general format drops trailing zeros (`38.6`,
/// `0`) among two-decimal figures; judged by their own last digit such cells
/// would widen every tolerance they enter (±0.5 for a `0`), and a typo of 1.00
/// would pass as rounding.
fn set_table_precision(rows: &mut [Row]) {
    let mut counts = [0usize; 7];
    for a in rows.iter().flat_map(|r| r.values.iter().flatten()) {
        if !a.percent {
            counts[(a.value.scale() as usize).min(6)] += 1;
        }
    }
    let Some(precision) = (1..counts.len()).rev().find(|&s| counts[s] >= 3) else {
        return;
    };
    for a in rows.iter_mut().flat_map(|r| r.values.iter_mut().flatten()) {
        if !a.percent && a.value.scale() < precision as u32 {
            a.precision = precision as u32;
        }
    }
}

/// Rows placed by column alignment are certain, so one notice per table says
/// it (`pdftotext -layout` text drops every blank cell: one notice a row buried
/// the findings that matter).
fn summarise_layout_placements(diags: &mut Vec<Finding>, table_id: &str, title: &str) {
    let placed: Vec<usize> = diags
        .iter()
        .filter(|f| f.rule == "row_placed_by_layout" && f.table.as_deref() == Some(table_id))
        .filter_map(|f| f.line)
        .collect();
    if placed.len() < 2 {
        return;
    }
    diags.retain(|f| !(f.rule == "row_placed_by_layout" && f.table.as_deref() == Some(table_id)));
    let lines = placed
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("、");
    let lines_en = placed
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut f = Finding::new(
        "row_placed_by_layout",
        Severity::Notice,
        format!(
            "“{title}”有 {} 行缺少空白格，已按列的对齐位置放置，空白格视为空（第 {lines} 行）",
            placed.len()
        ),
        format!(
            "{} rows of “{title}” lack their blank cells; placed by column alignment, blanks read as empty (lines {lines_en})",
            placed.len()
        ),
    )
    .at_line(placed[0]);
    f.table = Some(table_id.to_string());
    diags.push(f);
}

/// Is this line page furniture rather than a cell of the table?
fn is_furniture(t: &str) -> bool {
    segment::department_in_line(t).is_some()
        || segment::is_unit_line(t)
        || segment::table_number_line(t).is_some()
        || segment::is_note_start(t)
        || segment::is_empty_marker(t)
        || super::titles::match_title_line(t).is_some()
}

/// A table pasted one cell per line (a web page's table cells copied as lines):
/// rebuild its lines before reading. The header is the cells before the first
/// row; a row starts at a 科目编码, or at a text cell that follows a number.
/// Only when nearly every line is one cell and no line holds two numbers, so
/// PDF text with wrapped labels is never touched.
fn regroup_one_cell_per_line(src: Vec<SrcLine>) -> Vec<SrcLine> {
    let cells: Vec<usize> = (0..src.len())
        .filter(|&i| !is_furniture(&src[i].text))
        .collect();
    let single = cells
        .iter()
        .filter(|&&i| src[i].text.split_whitespace().count() == 1)
        .count();
    let multi_numbers = cells.iter().any(|&i| {
        src[i]
            .text
            .split_whitespace()
            .filter(|x| matches!(parse_cell(x), CellValue::Number(_)))
            .count()
            >= 2
    });
    if cells.len() < 6 || multi_numbers || single * 10 < cells.len() * 9 {
        return src;
    }
    let is_num = |i: usize| {
        matches!(
            parse_cell(src[i].text.trim()),
            CellValue::Number(_) | CellValue::Absent
        ) && parse_code(src[i].text.trim()).is_none()
    };
    let is_code = |i: usize| parse_code(src[i].text.trim()).is_some();
    // The first row: the label (and code) cells just before the first number.
    let Some(first_num) = cells.iter().position(|&i| is_num(i)) else {
        return src;
    };
    let mut start = first_num;
    if start > 0 && !is_num(cells[start - 1]) {
        start -= 1;
        if start > 0 && is_code(cells[start - 1]) {
            start -= 1;
        }
    }
    let mut out: Vec<SrcLine> = Vec::new();
    let mut cur: Option<SrcLine> = None;
    let mut cur_has_number = false;
    let flush = |cur: &mut Option<SrcLine>, out: &mut Vec<SrcLine>| {
        if let Some(c) = cur.take() {
            out.push(c);
        }
    };
    let mut k = 0;
    for (i, l) in src.iter().enumerate() {
        if k < cells.len() && cells[k] == i {
            let pos = k;
            k += 1;
            let new_line = pos == 0
                || pos == start
                || (pos > start && (is_code(i) || (cur_has_number && !is_num(i))));
            if new_line || cur.is_none() {
                flush(&mut cur, &mut out);
                cur = Some(l.clone());
                cur_has_number = is_num(i) && pos >= start;
            } else if let Some(c) = cur.as_mut() {
                c.text.push(' ');
                c.text.push_str(l.text.trim());
                cur_has_number |= is_num(i) && pos >= start;
            }
        } else {
            flush(&mut cur, &mut out);
            cur_has_number = false;
            out.push(l.clone());
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Header rows whose merged names are no column names: long cells (a project's
/// name, a department) or paths three levels deep.
fn header_is_form(header_lines: &[String]) -> bool {
    let rows: Vec<Vec<String>> = header_lines
        .iter()
        .map(|h| h.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    header::merge_tab_header(&rows)
        .iter()
        .any(|n| n.chars().count() > 30 || n.matches('/').count() >= 2)
}

fn compact_note(t: &str) -> String {
    t.trim().to_string()
}

struct Ctx<'a> {
    kind: &'static str,
    diags: &'a mut Vec<Finding>,
    table_id: String,
    /// Whether a row's character columns mean anything (not rebuilt rows).
    positions: bool,
    /// The identities of each side's value columns, found once per table (a row
    /// placed by arithmetic asked for them again).
    identities: Vec<(Vec<String>, Vec<crate::identities::ColumnIdentity>)>,
}

impl Ctx<'_> {
    fn column_identities(&mut self, cols: &[String]) -> Vec<crate::identities::ColumnIdentity> {
        if let Some((_, ids)) = self.identities.iter().find(|(c, _)| c == cols) {
            return ids.clone();
        }
        let ids = column_identities(cols);
        self.identities.push((cols.to_vec(), ids.clone()));
        ids
    }
    fn warn(&mut self, rule: &str, sev: Severity, line: usize, row: &str, zh: String, en: String) {
        let mut f = Finding::new(rule, sev, zh, en).at_line(line);
        f.table = Some(self.table_id.clone());
        f.row = Some(row.to_string());
        self.diags.push(f);
    }
}

/// One half of a table (or the whole of a one-sided table).
#[derive(Debug, Clone, Default)]
struct SideLayout {
    name: String,
    /// All column names of this half, left to right.
    columns: Vec<String>,
    /// Roles by column (tab mode positions; in space mode only value columns matter).
    roles: Vec<ColumnRole>,
    /// Names of the value columns.
    value_columns: Vec<String>,
    has_row_number: bool,
    /// Aligned text: the columns each value column's header word spans, and
    /// whether counted in display width (else characters).
    anchors: Option<(Vec<(usize, usize)>, bool)>,
}

#[derive(Debug, Clone, Default)]
struct Layout {
    sides: Vec<SideLayout>,
    /// Tab mode: first cell index of the right half.
    boundary: usize,
    /// Tab mode: first cell of a third column group that continues the right
    /// half (公用经费 printed over two groups); 0 when there is none.
    third_group: usize,
    /// Tab mode, header read by meaning: the cells a full row has (shorter
    /// rows are widened, see [`widen_row`]); 0 when positions are trusted.
    width: usize,
    generic_names: bool,
}

impl Layout {
    fn two_sided(&self) -> bool {
        self.sides.len() == 2
    }
    fn public_columns(&self) -> (Vec<String>, Vec<String>, Vec<Side>) {
        if self.two_sided() {
            let mut cols = Vec::new();
            for s in &self.sides {
                cols.extend(s.columns.iter().map(|c| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        format!("{}/{}", s.name, c)
                    }
                }));
            }
            let sides = self
                .sides
                .iter()
                .map(|s| Side {
                    name: s.name.clone(),
                    value_columns: s.value_columns.clone(),
                })
                .collect();
            (cols, Vec::new(), sides)
        } else {
            let s = self.sides.first().cloned().unwrap_or_default();
            (s.columns.clone(), s.value_columns.clone(), Vec::new())
        }
    }
}

const SIDE_WORDS: &[(&str, &str)] = &[("收入", "支出"), ("人员经费", "公用经费")];

fn role_of(name: &str) -> ColumnRole {
    label_role(name).unwrap_or(ColumnRole::Value)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Code,
    Text,
    Num,
    Absent,
}

/// What a token (no whitespace inside) is, and its amount when it is a number.
fn tok_read(t: &str) -> (Tok, Option<Amount>) {
    match parse_cell(t) {
        CellValue::Number(a) => (Tok::Num, Some(a)),
        CellValue::Absent => (Tok::Absent, None),
        CellValue::Text => {
            if parse_code(t).is_some() {
                (Tok::Code, None)
            } else {
                (Tok::Text, None)
            }
        }
    }
}

/// A row being assembled from one segment of a line.
#[derive(Debug, Clone, Default)]
struct Seg {
    code: Option<String>,
    label: Vec<String>,
    row_number: Option<u32>,
    values: Vec<Option<Amount>>,
    /// (token text, start char column) of value tokens, for layout placement.
    value_pos: Vec<(usize, usize)>,
    /// The same in display columns (a CJK character two wide): editors and
    /// some converters align by width, pdftotext by characters.
    value_wpos: Vec<(usize, usize)>,
    /// Char column where the segment's first token starts.
    start: usize,
}

impl Seg {
    fn has_numbers(&self) -> bool {
        self.row_number.is_some() || !self.values.is_empty()
    }
    fn is_empty(&self) -> bool {
        self.code.is_none() && self.label.is_empty() && !self.has_numbers()
    }
    /// Neither code nor row number: what it holds is a label and figures only.
    fn is_uncoded(&self) -> bool {
        self.code.is_none() && self.row_number.is_none()
    }
    /// Figures (or nothing) without a code, row number or label.
    fn is_bare(&self) -> bool {
        self.is_uncoded() && self.label.is_empty()
    }
}

/// Split one space-separated line into segments (two for a two-sided line).
fn segments(text: &str, layout: &Layout) -> Vec<Seg> {
    let two = layout.two_sided();
    // Tokens with their char positions (both conventions computed later).
    let mut toks: Vec<(String, usize, usize)> = Vec::new();
    {
        let mut start = None;
        let mut col = 0usize;
        let mut wcol = 0usize;
        let mut wstart = 0usize;
        let mut cur = String::new();
        for ch in text.chars() {
            if ch.is_whitespace() {
                if let Some(s) = start.take() {
                    toks.push((std::mem::take(&mut cur), s, wstart));
                }
            } else {
                if start.is_none() {
                    start = Some(col);
                    wstart = wcol;
                }
                cur.push(ch);
            }
            col += 1;
            wcol += if is_wide(ch) { 2 } else { 1 };
        }
        if let Some(s) = start {
            toks.push((cur, s, wstart));
        }
    }
    let n_side = |i: usize| {
        layout
            .sides
            .get(i)
            .map(|s| s.value_columns.len())
            .unwrap_or(0)
    };
    let rn_side = |i: usize| layout.sides.get(i).is_some_and(|s| s.has_row_number);
    // Each token read once (its kind is asked again of its neighbours).
    let read: Vec<(Tok, Option<Amount>)> = toks.iter().map(|x| tok_read(&x.0)).collect();
    let mut segs: Vec<Seg> = vec![Seg::default()];
    let mut k = 0;
    while k < toks.len() {
        let (t, pos, wpos) = (&toks[k].0, toks[k].1, toks[k].2);
        if segs.last().is_some_and(|x| x.is_empty()) {
            if let Some(x) = segs.last_mut() {
                x.start = pos;
            }
        }
        let si = segs.len() - 1;
        let mut kind = read[k].0;
        let seg_has_numbers = segs[si].has_numbers();
        // A 科目编码 opens a row: first on the line, or (two-sided) after the
        // left half's numbers. Elsewhere the same digits are a value.
        if kind == Tok::Num && parse_code(t).is_some() {
            // (Three halves in a row — the central template prints 公用经费 over
            // two column groups — so any half with figures may be followed.)
            let at_row_start =
                segs[si].is_empty() || (two && seg_has_numbers && segs[si].code.is_some());
            let next_is_text = read.get(k + 1).is_some_and(|r| r.0 == Tok::Text);
            // `208 05 …` and `208 10 社会福利`: a 款 of two digits, then the label
            // or the 项 (an amount never stands before its row's label).
            let two_digits = |x: &str| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit());
            let next_is_kuan = toks.get(k + 1).is_some_and(|x| {
                two_digits(&x.0)
                    && (x.0.starts_with('0')
                        || toks
                            .get(k + 2)
                            .is_some_and(|y| read[k + 2].0 == Tok::Text || two_digits(&y.0))
                        || only_decimals_after(&toks, &read, k + 2))
            });
            // `30108 6.18 30206 电费 0.00` (two halves): a code whose label wrapped
            // around its line (above and below it), then exactly its half's figures.
            // Read as a figure the half would hold one more than its columns: it is
            // the code. (A one-sided row takes such a code from its first figure
            // later: `take_code_from_first_value`.)
            let fills_half = two && at_row_start && {
                let half = (si + usize::from(!segs[si].is_empty())).min(1);
                let opens_half = |j: usize| {
                    parse_code(&toks[j].0).is_some()
                        && read.get(j + 1).is_some_and(|r| r.0 == Tok::Text)
                };
                let mut j = k + 1;
                while j < toks.len()
                    && matches!(read[j].0, Tok::Num | Tok::Absent)
                    && !opens_half(j)
                {
                    j += 1;
                }
                let figures = j - k - 1;
                figures >= 1
                    && figures == n_side(half)
                    && (j == toks.len() || (half == 0 && opens_half(j)))
            };
            if at_row_start && (next_is_text || next_is_kuan || k + 1 == toks.len() || fills_half) {
                kind = Tok::Code;
            }
        }
        match kind {
            Tok::Code
                if segs[si].is_empty()
                    || (two && (seg_has_numbers || !segs[si].label.is_empty())) =>
            {
                if !segs[si].is_empty() {
                    segs.push(Seg {
                        start: pos,
                        ..Seg::default()
                    });
                }
                let si = segs.len() - 1;
                // 类 款 项 as separate tokens: `201 05 07 专项普查活动`.
                let mut code = t
                    .trim_start_matches(['[', '【'])
                    .trim_end_matches([']', '】'])
                    .to_string();
                if code.len() == 3 {
                    let mut j = k + 1;
                    while j < toks.len()
                        && j <= k + 2
                        && toks[j].0.len() == 2
                        && toks[j].0.chars().all(|c| c.is_ascii_digit())
                    {
                        let next_is_text = toks.get(j + 1).is_some_and(|x| {
                            read[j + 1].0 == Tok::Text
                                || (x.0.len() == 2 && x.0.chars().all(|c| c.is_ascii_digit()))
                        });
                        // `208 05 99 0.94 0.94`: amounts printed with decimals
                        // after it; a bare `99` among them is the 项, not a cell.
                        let among_decimals = only_decimals_after(&toks, &read, j + 1);
                        if !(toks[j].0.starts_with('0') || next_is_text || among_decimals) {
                            break;
                        }
                        code.push_str(&toks[j].0);
                        j += 1;
                    }
                    k = j - 1;
                }
                segs[si].code = Some(code);
            }
            Tok::Text | Tok::Code => {
                // Column-aligned text: a wide gap after the left half's label
                // is a cell boundary even when the left half has no figure
                // (`二、政府性基金预算拨款收入      二、社会保障和就业支出  120.00`).
                let gap = if k > 0 {
                    toks[k]
                        .1
                        .saturating_sub(toks[k - 1].1 + toks[k - 1].0.chars().count())
                } else {
                    0
                };
                // Without positions: `一、…收入 一、…支出`, `本年收入合计 本年支出合计`: a
                // spending label after the left half's one-word income label opens the
                // right half.
                // (`2. 政府性基金 三、科学技术支出`: after a label of several pieces, only a
                // piece that opens with its own numbering.)
                let second_item = two
                    && si == 0
                    && !seg_has_numbers
                    && segs[0].code.is_none()
                    && (segs[0].label.len() == 1 || starts_enumerated(t))
                    && space_text::names_right_half(&compact(t))
                    && !space_text::names_right_half(&compact(&segs[0].label.concat()));
                if second_item
                    || (two && si == 0 && !seg_has_numbers && !segs[0].label.is_empty() && gap >= 4)
                {
                    segs.push(Seg {
                        start: pos,
                        ..Seg::default()
                    });
                } else if seg_has_numbers && two {
                    segs.push(Seg {
                        start: pos,
                        ..Seg::default()
                    });
                } else if seg_has_numbers
                    && segs[si].label.is_empty()
                    && segs[si].code.is_none()
                    && !segs[si].values.is_empty()
                    && toks[..k].iter().all(|x| is_small_int(&x.0))
                {
                    // `7 11 02 事业单位医疗 503,724 503,724`: short numbers before
                    // the row's label are the pieces of a code the copy damaged
                    // (an amount never stands before its label), not cells.
                    segs[si].values.clear();
                    segs[si].value_pos.clear();
                    segs[si].value_wpos.clear();
                } else if seg_has_numbers {
                    // Text after numbers on a one-sided line: part of the label
                    // (rare) — keep it, the numbers stay numbers.
                }
                let si = segs.len() - 1;
                // `[2010301]行政运行` glued into one token.
                if segs[si].is_empty() {
                    if let Some((c, l)) = split_code_prefix(t) {
                        segs[si].code = Some(c);
                        segs[si].label.push(l);
                        k += 1;
                        continue;
                    }
                }
                segs[si].label.push(t.clone());
            }
            Tok::Num | Tok::Absent => {
                let small = is_small_int(t);
                let side_idx = if two { si.min(1) } else { 0 };
                let wants_rn = rn_side(side_idx)
                    && segs[si].row_number.is_none()
                    && segs[si].values.is_empty();
                if kind == Tok::Num && small && wants_rn {
                    segs[si].row_number = t.parse().ok();
                } else if two
                    && kind == Tok::Num
                    && small
                    && rn_side(1)
                    && segs[si].row_number.is_some()
                    && segs[si].values.len() >= n_side(side_idx)
                    && si == 0
                {
                    // The next half's 行次.
                    let mut s = Seg {
                        start: pos,
                        ..Seg::default()
                    };
                    s.row_number = t.parse().ok();
                    segs.push(s);
                } else if two
                    && si == 0
                    && segs[si].values.len() >= n_side(0)
                    && n_side(0) > 0
                    && !rn_side(1)
                {
                    let mut s = Seg::default();
                    s.values
                        .push(if kind == Tok::Num { read[k].1 } else { None });
                    s.value_pos.push((pos, pos + t.chars().count()));
                    s.value_wpos.push((wpos, wpos + display_width(t)));
                    segs.push(s);
                } else {
                    segs[si]
                        .values
                        .push(if kind == Tok::Num { read[k].1 } else { None });
                    segs[si].value_pos.push((pos, pos + t.chars().count()));
                    segs[si].value_wpos.push((wpos, wpos + display_width(t)));
                }
            }
        }
        k += 1;
    }
    // `五、社会保障和就业支出 27,073,236 27,073,236`, the left half blank on this line:
    // one label and more figures than the left half holds. Split after the left
    // half's count, the right half would get figures without a label and the left a
    // spending item; when the label is the right half's and all the figures fit
    // there, they are one row of it.
    if two && segs.len() == 2 {
        let (a, b) = (&segs[0], &segs[1]);
        if a.is_uncoded()
            && b.is_bare()
            && !a.label.is_empty()
            && a.values.len() + b.values.len() <= n_side(1)
            && space_text::names_right_half(&compact(&a.label.join("")))
        {
            let b = segs.pop().unwrap_or_default();
            let a = &mut segs[0];
            a.values.extend(b.values);
            a.value_pos.extend(b.value_pos);
            a.value_wpos.extend(b.value_wpos);
        }
    }
    segs.retain(|s| !s.is_empty());
    segs
}

/// The amounts from token `from` on all print decimals (`60.99 60.99`): a bare
/// two-digit number before them is a piece of the code (`210 11 60.99 60.99`),
/// since a table prints its amounts in one precision.
fn only_decimals_after(
    toks: &[(String, usize, usize)],
    read: &[(Tok, Option<Amount>)],
    from: usize,
) -> bool {
    let mut nums = toks
        .iter()
        .zip(read)
        .skip(from)
        .filter(|(_, r)| r.0 == Tok::Num)
        .map(|(x, _)| x)
        .peekable();
    nums.peek().is_some() && nums.all(|x| x.0.contains('.'))
}

/// A label that ends in a whole word of these reports (`…支出`, `…收入`,
/// `…合计`), so a wrapped piece is unlikely to continue it.
fn label_is_whole(label: &str) -> bool {
    let c = compact(label);
    [
        "支出", "收入", "合计", "总计", "结余", "拨款", "经费", "分配", "差额", "费",
    ]
    .iter()
    .any(|w| c.ends_with(w))
}

/// `一、…`, `（二）…`, `(1)…`, `3．…`, `2、…`, `其中：…`: a label that opens a row
/// by its numbering (a wrapped piece of a label never starts so).
fn starts_enumerated(label: &str) -> bool {
    let c = compact(label);
    let is_han = |ch: char| crate::text::is_cn_digit(ch);
    if numbered_item(&c) {
        return true;
    }
    // `（一）` / `(1)` / `（2）`
    let mut it = c.chars();
    if matches!(it.next(), Some('（' | '(')) {
        let inner: String = it.take_while(|ch| !matches!(ch, '）' | ')')).collect();
        let closed = c.chars().nth(1 + inner.chars().count()).is_some();
        return closed
            && !inner.is_empty()
            && inner.chars().count() <= 3
            && inner.chars().all(|ch| is_han(ch) || ch.is_ascii_digit());
    }
    // `3．` / `2、` / `1.` followed by words, not a decimal number.
    let digits = c.chars().take_while(|ch| ch.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let mut rest = c.chars().skip(digits);
        if matches!(rest.next(), Some('.' | '．' | '、')) {
            return rest.next().is_some_and(|ch| !ch.is_ascii_digit());
        }
    }
    c.starts_with("其中：") || c.starts_with("其中:")
}

/// A header that could not be read (`列1 列2 列3`) still has its arithmetic: when
/// every complete row (at least two, each with two or more figures after the
/// first) prints its first figure as the sum of the rest, the first column is
/// their total, and the rows with blank cells are placed by that identity.
fn total_first_by_complete_rows(
    full: &[&Seg],
    n: usize,
) -> Option<crate::identities::ColumnIdentity> {
    (n >= 3
        && crate::identities::first_is_sum_of_rest(
            full.iter()
                .filter(|x| x.values.len() == n)
                .map(|x| x.values.clone()),
        ))
    .then(|| crate::identities::ColumnIdentity {
        total: 0,
        parts: (1..n).collect(),
    })
}

/// `机关事业单位基本养老保` / `2080505 6.18 6.18` / `险缴费支出`: a label wrapped
/// around its code leaves the code first on the figures' line, where it reads as
/// an amount. The hierarchy decides: a bare 3-, 5- or 7-digit integer is a code
/// when its parent code (it less its last two digits) is a row above, or when
/// the next code printed below extends it (`201 2,112.86 …` then `201 06 …`).
fn take_code_from_first_value(
    seg: &mut Seg,
    line: &str,
    rows: &[(Row, bool)],
    next_code: Option<&str>,
) {
    if seg.code.is_some() || seg.values.len() < 2 {
        return;
    }
    let Some(&(s, e)) = seg.value_pos.first() else {
        return;
    };
    let tok: String = line.chars().skip(s).take(e - s).collect();
    if !matches!(tok.len(), 3 | 5 | 7) || !tok.chars().all(|c| c.is_ascii_digit()) {
        return;
    }
    let has_parent = tok.len() > 3 && {
        let parent = &tok[..tok.len() - 2];
        rows.iter().any(|(r, _)| r.code.as_deref() == Some(parent))
    };
    let has_child = next_code.is_some_and(|c| c.len() > tok.len() && c.starts_with(tok.as_str()));
    if !(has_parent || has_child) {
        return;
    }
    seg.code = Some(tok);
    seg.values.remove(0);
    seg.value_pos.remove(0);
    if !seg.value_wpos.is_empty() {
        seg.value_wpos.remove(0);
    }
}

/// Fit a segment's values to the side's `n` value columns.
#[allow(clippy::too_many_arguments)]
fn fit_values(
    s: &Seg,
    n: usize,
    layout: &Layout,
    side: usize,
    two: bool,
    label: &str,
    line: usize,
    parsed: &[Vec<Seg>],
    ctx: &mut Ctx,
) -> (Vec<Option<Amount>>, bool) {
    let k = s.values.len();
    if n == 0 || k == n {
        return (s.values.clone(), false);
    }
    if k == 0 {
        // A label whose every cell is blank: nothing to place.
        return (vec![None; n], false);
    }
    let row_name = s.code.clone().unwrap_or_else(|| label.to_string());
    if k > n {
        ctx.warn(
            "row_extra_values",
            Severity::Warning,
            line,
            &row_name,
            format!("“{row_name}”一行有 {k} 个数字，但表头只有 {n} 列数值；已取最后 {n} 个"),
            format!("Row “{row_name}” has {k} numbers but the header has {n} value columns; the last {n} were kept"),
        );
        return (s.values[k - n..].to_vec(), false);
    }
    let cols = layout
        .sides
        .get(if two { side } else { 0 })
        .map(|x| x.value_columns.clone())
        .unwrap_or_default();
    // 1. Layout: positions of the same column in complete rows.
    let full: Vec<&Seg> = parsed
        .iter()
        .flat_map(|segs| segs.iter())
        .filter(|x| x.values.len() == n)
        .collect();
    // Right edges (numbers right-aligned) or left edges, counted in characters
    // or in display width: whichever convention the complete rows agree on.
    let layouts: [(&dyn Fn(&Seg) -> Vec<(usize, usize)>, &str); 4] = [
        (&|x: &Seg| x.value_pos.clone(), "chars"),
        (&|x: &Seg| x.value_wpos.clone(), "width"),
        (
            &|x: &Seg| x.value_pos.iter().map(|p| (p.0, p.0)).collect(),
            "left chars",
        ),
        (
            &|x: &Seg| x.value_wpos.iter().map(|p| (p.0, p.0)).collect(),
            "left width",
        ),
    ];
    let by_layout =
        layouts.iter().filter(|_| ctx.positions).find_map(|(f, _)| {
            match place_by_layout(
                &s.values,
                &f(s),
                &full.iter().map(|x| f(x)).collect::<Vec<_>>(),
                n,
            ) {
                Placement::Certain(v) => Some(v),
                Placement::Ambiguous(_) => None,
            }
        });
    // 1b. No complete row to align with: the header words' own columns, where
    // every number stands under exactly one of them, in order.
    let by_layout = by_layout.or_else(|| {
        if !ctx.positions {
            return None;
        }
        let (anchors, width) = layout
            .sides
            .get(if two { side } else { 0 })?
            .anchors
            .as_ref()?;
        if anchors.len() != n {
            return None;
        }
        let spans = if *width { &s.value_wpos } else { &s.value_pos };
        let mut out = vec![None; n];
        let mut last: Option<usize> = None;
        for (v, &(from, to)) in s.values.iter().zip(spans) {
            let under: Vec<usize> = (0..n)
                .filter(|&c| from <= anchors[c].1 + 1 && anchors[c].0 <= to + 1)
                .collect();
            let [c] = under[..] else { return None };
            if last.is_some_and(|l| c <= l) {
                return None;
            }
            out[c] = *v;
            last = Some(c);
        }
        Some(out)
    });
    if let Some(v) = by_layout {
        ctx.warn(
            "row_placed_by_layout",
            Severity::Notice,
            line,
            &row_name,
            format!("“{row_name}”一行只有 {k} 个数字（共 {n} 列），已按列的对齐位置放置，空白格视为空"),
            format!("Row “{row_name}” has {k} numbers for {n} columns; placed by column alignment, blanks read as empty"),
        );
        return (v, false);
    }
    // 2. Arithmetic: the only placement that satisfies the header's identities.
    let mut ids = ctx.column_identities(&cols);
    if ids.is_empty() && !two && cols.iter().all(|c| c.starts_with('列')) {
        ids.extend(total_first_by_complete_rows(&full, n));
    }
    match place_by_identities(&s.values, n, &ids) {
        Placement::Certain(v) => {
            ctx.warn(
                "row_placed_by_arithmetic",
                Severity::Notice,
                line,
                &row_name,
                format!("“{row_name}”一行只有 {k} 个数字（共 {n} 列），只有一种放置方式能使各合计成立，已按此放置"),
                format!("Row “{row_name}” has {k} numbers for {n} columns; only one placement makes its totals add up, so it was used"),
            );
            (v, false)
        }
        // At least two numbers and about half the row: a lone number under a
        // wide header is more likely a stray than a wrong row.
        Placement::Ambiguous(0) if !ids.is_empty() && n <= 12 && k >= 2 && 2 * k + 1 >= n => {
            // No place of the blank cells makes this row add up: whichever
            // column each printed number stands in, the row breaks the header's
            // own sums. That is the report's figures, not the reading.
            let mut v = s.values.clone();
            v.resize(n, None);
            let sums: Vec<String> = ids
                .iter()
                .map(|id| {
                    let name =
                        |i: usize| cols.get(i).map(|c| c.replace('/', "")).unwrap_or_default();
                    format!(
                        "{} = {}",
                        name(id.total),
                        id.parts
                            .iter()
                            .map(|&p| name(p))
                            .collect::<Vec<_>>()
                            .join(" + ")
                    )
                })
                .collect();
            let printed: Vec<String> = s
                .values
                .iter()
                .flatten()
                .map(|a| crate::text::group_thousands(&a.value.to_string()))
                .collect();
            ctx.warn(
                "row_sum_unplaceable",
                Severity::Error,
                line,
                &row_name,
                format!(
                    "“{row_name}”一行印出的 {} 无论空白格在哪一列，都不满足表头的合计关系（{}）：本行数字有误",
                    printed.join("、"),
                    sums.join("；")
                ),
                format!(
                    "Row “{row_name}”: wherever its blank cells stand, {} break the header's sums ({}): the row's figures are wrong",
                    printed.join(", "),
                    sums.join("; ")
                ),
            );
            (v, true)
        }
        Placement::Ambiguous(count) => {
            let mut v = s.values.clone();
            v.resize(n, None);
            ctx.warn(
                "ambiguous_row",
                Severity::Warning,
                line,
                &row_name,
                if count == 0 {
                    format!("“{row_name}”一行只有 {k} 个数字（共 {n} 列），表头和本行的合计关系都不足以确定空白格的位置，未作核对，请对照原表")
                } else {
                    format!("“{row_name}”一行只有 {k} 个数字（共 {n} 列），有 {count} 种放置都能使本行合计成立，无法确定空白格位置，未作核对，请对照原表")
                },
                if count == 0 {
                    format!("Row “{row_name}” has {k} numbers for {n} columns and neither the header nor the row's totals tell where the blank cells are; not checked, compare with the original")
                } else {
                    format!("Row “{row_name}” has {k} numbers for {n} columns and {count} placements of the blank cells make its totals add up; not checked, compare with the original")
                },
            );
            (v, true)
        }
    }
}

fn make_row(
    code: Option<String>,
    label: Vec<String>,
    line: usize,
    values: Vec<Option<Amount>>,
    side: Option<usize>,
    row_number: Option<u32>,
) -> Row {
    Row {
        code,
        label: join_label(&label),
        line,
        page: None,
        values,
        side,
        row_number,
        ambiguous: false,
        texts: Vec::new(),
    }
}

/// A 合计 repeated at the top of a continuation page is the same row: drop it;
/// when it differs from the first, say so.
fn drop_repeated_totals(rows: Vec<(Row, bool)>, ctx: &mut Ctx) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for (row, page_start) in rows {
        if page_start && row.code.is_none() {
            let key = compact(&row.label);
            let is_total = key == "合计" || key == "总计" || key.ends_with("合计");
            if is_total {
                if let Some(first) = out
                    .iter()
                    .find(|r| compact(&r.label) == key && r.side == row.side)
                {
                    if first.values != row.values {
                        let show = |r: &Row| {
                            r.values
                                .iter()
                                .map(|v| {
                                    v.map(|a| a.value.to_string()).unwrap_or_else(|| "-".into())
                                })
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        let (a, b) = (show(first), show(&row));
                        let mut f = Finding::new(
                            "repeated_total_differs",
                            Severity::Warning,
                            format!("续页重复的“{}”行与首页不同：首页 {a}，续页 {b}", row.label),
                            format!("The “{}” row repeated on a continuation page differs from the first page: {a} vs {b}", row.label),
                        )
                        .at_line(row.line);
                        f.table = Some(ctx.table_id.clone());
                        f.row = Some(row.label.clone());
                        ctx.diags.push(f);
                    }
                    continue;
                }
            }
        }
        out.push(row);
    }
    out
}
