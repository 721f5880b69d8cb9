//! The space-separated and plain PDF text shapes (`pdftotext -layout`, a PDF copied
//! without positions): header words re-joined across lines and read by meaning
//! (`space_layout`, `stitch_header`, `header_words_placed`), and rows read from their
//! tokens, wrapped labels and two halves put back together (`read_space_rows`). A
//! move out of `table.rs`; the placement of a row's figures is shared with the other
//! shapes there (`fit_values`).

use super::*;
use crate::text::Has;

/// Space-separated: words re-joined and read by meaning.
pub(super) fn space_layout(
    header_lines: &[String],
    lanci: Option<&str>,
    colnum: Option<usize>,
    data: &[(SrcLine, bool)],
    two_sided_hint: bool,
    kind: &str,
    known_counts: Option<Vec<usize>>,
) -> Layout {
    let (merged, positions) = header_words_placed(header_lines);
    let joined = merged.join(" ");
    let mut words = header::lexicon_words(&joined);
    let lanci_counts: Vec<usize> = known_counts.unwrap_or_else(|| {
        lanci
            .map(|l| {
                // `栏 次 1 栏 次 2 3 4` → [1, 3]
                let c = l.replace("栏 次", "栏次");
                c.split("栏次").skip(1).map(lanci_numbers).collect()
            })
            .unwrap_or_default()
    });
    // The columns of each value column's header word, searched in column order
    // from the `start`th word (aligned text only).
    let anchors_after = |names: &[String], start: usize| -> Option<Vec<(usize, usize)>> {
        let pos = positions.as_ref()?;
        let mut at = start;
        let mut out = Vec::new();
        for name in names {
            let k = pos
                .words
                .get(at..)?
                .iter()
                .position(|(w, _, _)| w == name)?
                + at;
            out.push((pos.words[k].1, pos.words[k].2));
            at = k + 1;
        }
        Some(out)
    };
    let width_convention = positions.as_ref().is_some_and(|p| p.width);
    // A header that opens with a half's name is two-sided when it names the other half
    // too (`收入预算` over one-sided income columns opens with 收入 as well).
    let names = |w: &str| words.iter().any(|x| x == w);
    let two_sided = two_sided_hint
        || words.first().is_some_and(|w| {
            (w == "收入" && names("支出")) || (w == "人员经费" && names("公用经费"))
        });
    if two_sided {
        // Strip the side words, then split at the repeated label column.
        let mut side_names = ("收入".to_string(), "支出".to_string());
        let joined_c = compact(&joined);
        if joined_c.starts_with("人员经费") || kind == "final.general_budget_basic_expenditure"
        {
            side_names = ("人员经费".into(), "公用经费".into());
        }
        let strip: Vec<String> = {
            let mut w = words.clone();
            for s in [&side_names.0, &side_names.1] {
                if let Some(p) = w.iter().position(|x| x == s) {
                    if p < 3 {
                        w.remove(p);
                    }
                }
            }
            // `收入支出` read as one unknown word.
            w.retain(|x| x != "收入支出" && x != "人员经费公用经费");
            w
        };
        words = strip;
        // A line over the halves naming each (`本年收入 本年支出`, `财政拨款收入
        // 财政拨款支出`) names no column: each half opens with its label column, so
        // the words before the first label word head the halves (a PDF's geometry
        // keeps them as the halves' groups, `收入/本年收入/项目`). Taken for columns,
        // they gave the income half three value columns for its one figure, and a
        // lone wrapped row of two figures fitted there instead of the other half.
        // (`本年收入 本年支出` over `… 基本支出` / `合计 项目支出`, stitched without
        // positions into `本年收入合计`: the 合计 is the spending half's column.)
        let mut total_for_right = false;
        if let Some(f) = words.iter().position(|w| label_role(w).is_some()) {
            let stitched_total = |w: &str| {
                let c = compact(w);
                c.strip_suffix("合计")
                    .is_some_and(|stem| stem.ends_with("收入") && heads_a_half(stem))
            };
            if (1..=3).contains(&f)
                && words[..f]
                    .iter()
                    .all(|w| heads_a_half(w) || stitched_total(w))
            {
                total_for_right = words[..f].iter().any(|w| stitched_total(w));
                words.drain(..f);
            }
        }
        let first_label = words.iter().position(|w| label_role(w).is_some());
        let split = first_label.and_then(|f| {
            let k = role_of(&words[f]);
            let base = compact(&words[f]);
            words
                .iter()
                .enumerate()
                .skip(f + 1)
                .find(|(_, w)| compact(w) == base || (role_of(w) == k && k == ColumnRole::Code))
                .map(|(i, _)| i)
        });
        let (mut lw, mut rw): (Vec<String>, Vec<String>) = match split {
            Some(s) => (words[..s].to_vec(), words[s..].to_vec()),
            None => (words.clone(), Vec::new()),
        };
        // (Only where neither the header nor the figures keep their columns: aligned
        // text places the figures by where they stand, under the header's own words.)
        let no_positions =
            positions.is_none() && !keeps_columns(data.iter().map(|(l, _)| l.text.as_str()));
        if total_for_right
            && no_positions
            && !rw.is_empty()
            && !rw.iter().any(|w| compact(w) == "合计")
        {
            let after_labels = rw.iter().take_while(|w| label_role(w).is_some()).count();
            rw.insert(after_labels, "合计".to_string());
        }
        // Halves printed alike (`经济分类` / `科目名称 决算数 科目名称 决算数` / `科目编码`:
        // the code column's name wrapped around the line of the others), stitched
        // without positions into one run: no figure column is left for the left half.
        // Where every name is there twice, each half has one of each, in order.
        if header::value_columns_from_words(&lw, None).is_empty() && !rw.is_empty() {
            if let Some(half) = twice_each(&words) {
                lw = half.clone();
                rw = half;
            }
        }
        // A third column group repeating the right half's columns (公用经费 over
        // two groups): its rows are the right half's too, with the same columns.
        if let Some(first) = rw.first().map(|w| compact(w)) {
            if let Some(again) = rw.iter().skip(1).position(|w| compact(w) == first) {
                let group = &rw[..again + 1];
                if rw[again + 1..].iter().zip(group).all(|(a, b)| a == b) {
                    rw.truncate(again + 1);
                }
            }
        }
        let data_counts = side_value_counts(data);
        let n_left = lanci_counts.first().copied().or(data_counts.0);
        let n_right = lanci_counts.get(1).copied().or(data_counts.1);
        let mut generic = false;
        let mut mk =
            |name: String, w: &[String], n: Option<usize>, start: Option<usize>| -> SideLayout {
                let has_row_number = w
                    .iter()
                    .any(|x| label_role(x) == Some(ColumnRole::RowNumber));
                let mut vals = header::value_columns_from_words(w, n);
                if n.is_none() && no_positions {
                    if let Some(nested) = header::basic_split_in_two(&vals) {
                        vals = nested;
                    }
                }
                if let Some(n) = n {
                    if vals.len() != n {
                        if vals.len() > n {
                            vals.truncate(n);
                        } else {
                            generic = true;
                            vals = (1..=n).map(|i| format!("列{i}")).collect();
                        }
                    }
                }
                let mut columns: Vec<String> = w
                    .iter()
                    .filter(|x| label_role(x).is_some())
                    .cloned()
                    .collect();
                columns.extend(vals.iter().cloned());
                let roles = columns.iter().map(|c| role_of(c)).collect();
                let anchors = start
                    .and_then(|st| anchors_after(&vals, st))
                    .map(|a| (a, width_convention));
                SideLayout {
                    name,
                    columns,
                    roles,
                    value_columns: vals,
                    has_row_number,
                    anchors,
                }
            };
        // The right half's words start at the second of its first word (`项目`).
        let right_start = rw.first().and_then(|first| {
            positions.as_ref().and_then(|p| {
                p.words
                    .iter()
                    .enumerate()
                    .filter(|(_, (w, _, _))| w == first)
                    .nth(1)
                    .map(|(i, _)| i)
            })
        });
        let l = mk(side_names.0.clone(), &lw, n_left, Some(0));
        let r = mk(side_names.1.clone(), &rw, n_right, right_start);
        return Layout {
            third_group: 0,
            width: 0,
            sides: vec![l, r],
            boundary: 0,
            generic_names: generic,
        };
    }
    let mut n = lanci_counts
        .first()
        .copied()
        .or(colnum)
        .or_else(|| one_side_value_count(data));
    // Aligned text: a column blank in every row leaves no number to count,
    // but its header word stands there: the header's count is the table's.
    let anchors_for = |names: &[String]| anchors_after(names, 0);
    if lanci_counts.is_empty() && colnum.is_none() && !kind.ends_with("sangong") {
        let named = header::value_columns_from_words(&words, None);
        let plain = named
            .iter()
            .all(|w| header::is_known_column(w) && !w.contains('/'));
        if plain
            && named.len() > n.unwrap_or(0)
            && anchors_for(&named).is_some()
            && !named.iter().any(|w| w == "小计")
        {
            n = Some(named.len());
        }
    }
    let mut generic = false;
    let mut vals: Vec<String> = Vec::new();
    if kind.ends_with("sangong") {
        if let Some(n) = n {
            if let Some(c) = header::sangong_columns(&words, n) {
                vals = c;
            }
        }
    }
    if vals.is_empty() {
        vals = header::value_columns_from_words(&words, n);
    }
    if let Some(n) = n {
        if vals.len() != n {
            generic = true;
            vals = (1..=n).map(|i| format!("列{i}")).collect();
        }
    }
    // Text without positions keeps each header line's order but not how the
    // lines interleave (cells of one line between the wrapped halves of
    // others). When the header names exactly the standard columns of its table,
    // or (text without positions) only names among them — the national template
    // fixes their order, a unit may leave some out — they stand in that order.
    if let Some(standard) = header::standard_value_columns(kind) {
        let got: Vec<String> = vals.iter().map(|v| compact(v)).collect();
        let distinct = got.iter().enumerate().all(|(i, g)| !got[..i].contains(g));
        let all = standard.iter().all(|w| got.iter().any(|g| g == w));
        if !generic
            && distinct
            && (all || positions.is_none())
            && got.iter().all(|g| standard.contains(&g.as_str()))
        {
            vals = standard
                .iter()
                .filter(|w| got.iter().any(|g| g == *w))
                .map(|v| v.to_string())
                .collect();
        }
    }
    let has_row_number = words
        .iter()
        .any(|x| label_role(x) == Some(ColumnRole::RowNumber));
    let mut columns: Vec<String> = Vec::new();
    for w in &words {
        if label_role(w).is_some()
            && !columns.contains(w)
            && label_role(w) != Some(ColumnRole::RowNumber)
        {
            columns.push(w.clone());
        }
    }
    if has_row_number {
        columns.push("行次".into());
    }
    if columns.is_empty() {
        columns.push("项目".into());
    }
    columns.extend(vals.iter().cloned());
    let roles = columns.iter().map(|c| role_of(c)).collect();
    let anchors = if generic {
        None
    } else {
        anchors_for(&vals).map(|a| (a, width_convention))
    };
    Layout {
        third_group: 0,
        width: 0,
        sides: vec![SideLayout {
            name: String::new(),
            columns,
            roles,
            value_columns: vals,
            has_row_number,
            anchors,
        }],
        boundary: 0,
        generic_names: generic,
    }
}

pub(super) fn numeric_tail(toks: &[&str]) -> usize {
    toks.iter()
        .rev()
        .take_while(|t| {
            matches!(parse_cell(t), CellValue::Number(_) | CellValue::Absent) && !t.is_empty()
        })
        .count()
}

/// Most common count of trailing numbers on complete-looking rows.
pub(super) fn one_side_value_count(data: &[(SrcLine, bool)]) -> Option<usize> {
    let mut counts: Vec<usize> = data
        .iter()
        .map(|(l, _)| {
            let toks: Vec<&str> = l.text.split_whitespace().collect();
            let n = numeric_tail(&toks);
            // `201 06 600.00 300.00 300.00`: a line of numbers only, its label
            // on the line above, opens with its code (and 款 项 pieces among
            // decimals): those are no cells.
            if n == toks.len() && n > 0 && is_bare_code(toks[0]) {
                let pieces = toks[1..]
                    .iter()
                    .take(2)
                    .take_while(|t| t.len() == 2 && t.chars().all(|c| c.is_ascii_digit()))
                    .count();
                let rest = &toks[1 + pieces..];
                if !rest.is_empty() && rest.iter().all(|t| t.contains('.')) {
                    return rest.len();
                }
            }
            n
        })
        .filter(|&n| n > 0)
        .collect();
    crate::stable_sort::ord(&mut counts);
    counts.last().copied()
}

/// `201`, `20106`, `2010601`: digits only, a code's length.
pub(super) fn is_bare_code(t: &str) -> bool {
    matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn side_value_counts(data: &[(SrcLine, bool)]) -> (Option<usize>, Option<usize>) {
    let _ = data;
    (None, None)
}

/// How much above a table's data is read as its header, counted back from the
/// data: the largest real headers are some 40 words (a 三公 table printed one
/// word a line is 22 lines).
pub(super) const MAX_HEADER_LINES: usize = 40;
pub(super) const MAX_HEADER_WORDS: usize = 160;

/// Where each word of an aligned header stands: its columns, counted in
/// display width (`true`) or in characters.
#[derive(Debug, Clone, Default)]
pub(super) struct HeaderPositions {
    words: Vec<(String, usize, usize)>,
    width: bool,
}

/// Header lines of PDF text wrap cell by cell: the first line holds every
/// cell's beginning, a later line the endings of the long ones (`本年收入合`
/// … `计 入 入 缴收入`), and a cell that fits one line may sit on the line
/// between (`基本支出 项目支出`). Each beginning is joined to the first unused
/// piece after it — the next word on its line or a word of a later line —
/// that makes a known column name with it (`本年支出合` + `计`, `公务接` + `待费`,
/// `一般公共预算财` + `政拨款`); a name that is already whole may still go on
/// (`政府性基金预算` + `财政拨款`). Pieces used up are dropped.
///
/// Returns the merged lines, and the words' positions when the header is
/// aligned text read in column order.
pub(super) fn header_words_placed(lines: &[String]) -> (Vec<String>, Option<HeaderPositions>) {
    // A header is a few short lines right above the data. Whatever came before
    // them, or a line of hundreds of words, is no header: cap what is read, so
    // stitching (pairs of pieces) stays small on any input.
    // (PDF text may print a header one word a line: 22 lines for a 三公 table.)
    let mut words = 0;
    let from = (0..lines.len())
        .rev()
        .take_while(|&i| {
            words += lines[i].split_whitespace().count();
            words <= MAX_HEADER_WORDS
        })
        .last()
        .unwrap_or(lines.len());
    let lines: Vec<String> = lines[from..]
        .iter()
        .take(MAX_HEADER_LINES)
        .cloned()
        .collect();
    let lines = &lines[..];
    // Aligned text counts columns in characters (pdftotext) or in display
    // width (a CJK character two wide, as editors pad): whichever lets more
    // pieces stand under the word they finish is the text's.
    let (by_chars, n_chars, p_chars) = stitch_header(lines, false);
    let (by_width, n_width, p_width) = stitch_header(lines, true);
    if n_width > n_chars {
        (
            by_width,
            p_width.map(|words| HeaderPositions { words, width: true }),
        )
    } else {
        (
            by_chars,
            p_chars.map(|words| HeaderPositions {
                words,
                width: false,
            }),
        )
    }
}

/// One pass of [`header_words_placed`]: the merged lines, how many
/// pieces were joined, and (aligned text in column order) each word's columns.
#[allow(clippy::type_complexity)]
pub(super) fn stitch_header(
    lines: &[String],
    width: bool,
) -> (Vec<String>, usize, Option<Vec<(String, usize, usize)>>) {
    // Words with the columns they span.
    struct Word {
        text: String,
        from: usize,
        to: usize,
    }
    let words_of = |l: &str| -> Vec<Option<Word>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut cur = String::new();
        let mut col = 0;
        for ch in l.chars().chain(std::iter::once(' ')) {
            if ch.is_whitespace() {
                if let Some(st) = start.take() {
                    out.push(Some(Word {
                        text: std::mem::take(&mut cur),
                        from: st,
                        to: col,
                    }));
                }
            } else {
                start.get_or_insert(col);
                cur.push(ch);
            }
            col += if width && is_wide(ch) { 2 } else { 1 };
        }
        out
    };
    let mut toks: Vec<Vec<Option<Word>>> = lines.iter().map(|l| words_of(l)).collect();
    // `pdftotext -layout` text: words stand under their columns (wide gaps),
    // so a piece continues the word above it, and the columns give the order.
    let gaps: Vec<usize> = toks
        .iter()
        .flat_map(|w| {
            w.windows(2)
                .filter_map(|p| match (&p[0], &p[1]) {
                    (Some(a), Some(b)) => Some(b.from.saturating_sub(a.to)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let aligned = gaps.len() >= 2 && gaps.iter().filter(|&&g| g >= 3).count() * 2 > gaps.len();
    let overlaps = |a: &Word, b: &Word| {
        let slack = 2;
        b.from <= a.to + slack && a.from <= b.to + slack
    };
    let mut joins = 0;
    for li in 0..toks.len() {
        for ti in 0..toks[li].len() {
            let Some(a) = toks[li][ti].as_ref() else {
                continue;
            };
            if label_role(&a.text).is_some_and(|r| r != ColumnRole::RowNumber)
                && header::is_known_column(&a.text)
            {
                continue;
            }
            // Candidates in reading order: the rest of this line, then later lines.
            let mut joined = None;
            'search: for lj in li..toks.len() {
                let from = if lj == li { ti + 1 } else { 0 };
                for tj in from..toks[lj].len() {
                    let Some(b) = toks[lj][tj].as_ref() else {
                        continue;
                    };
                    // Same line: only the very next word continues a cell; in
                    // aligned text a later line's piece stands under it.
                    if !(lj > li && (!aligned || overlaps(a, b)) || tj == ti + 1) {
                        continue;
                    }
                    let whole = [a.text.as_str(), b.text.as_str()].concat();
                    if header::is_known_column(&whole)
                        && !(header::is_known_column(&a.text)
                            && header::is_known_column(&b.text)
                            && lj == li)
                    {
                        joined = Some((lj, tj, whole));
                        break 'search;
                    }
                }
            }
            if let Some((lj, tj, whole)) = joined {
                if let Some(w) = toks[li][ti].as_mut() {
                    w.text = whole;
                }
                toks[lj][tj] = None;
                joins += 1;
            }
        }
    }
    let side_words = |l: &[Option<Word>]| {
        let w: Vec<&str> = l.iter().flatten().map(|w| w.text.as_str()).collect();
        !w.is_empty()
            && w.iter()
                .all(|x| matches!(*x, "收入" | "支出" | "人员经费" | "公用经费"))
    };
    // Column order is only safe without group headers: a group word (`本年支出`
    // over `小计 基本支出 项目支出`, `预算数` over the 三公 items) must stay
    // before its sub-columns, as the row-major text has it.
    let grouped = toks.iter().flatten().flatten().any(|w| w.text == "小计")
        || toks.iter().any(|l| {
            let w: Vec<&Word> = l.iter().flatten().collect();
            !w.is_empty() && w.iter().all(|x| header::group_word(&x.text).is_some())
        });
    if aligned && !grouped {
        // One line in column order (the side words, if printed, first).
        let mut head: Vec<String> = Vec::new();
        let mut rest: Vec<Word> = Vec::new();
        for l in toks {
            if side_words(&l) {
                head.extend(l.into_iter().flatten().map(|w| w.text));
            } else {
                rest.extend(l.into_iter().flatten());
            }
        }
        crate::stable_sort::by_key(&mut rest, |w| w.from + w.to);
        let mut out = Vec::new();
        if !head.is_empty() {
            out.push(head.join(" "));
        }
        let placed: Vec<(String, usize, usize)> = rest
            .iter()
            .map(|w| (w.text.clone(), w.from, w.to))
            .collect();
        let line = rest
            .into_iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ");
        if !line.is_empty() {
            out.push(line);
        }
        return (out, joins, Some(placed));
    }
    let out = toks
        .into_iter()
        .map(|l| {
            l.into_iter()
                .flatten()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect();
    (out, joins, None)
}

pub(super) fn display_width(t: &str) -> usize {
    t.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

pub(super) fn is_wide(c: char) -> bool {
    let u = c as u32;
    (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
}

/// Which half a lone segment of a two-sided line belongs to.
pub(super) fn side_of_lone(
    seg: &Seg,
    kind: &str,
    min_right_rn: Option<u32>,
    max_left_rn: Option<u32>,
) -> usize {
    if let (Some(rn), Some(mr)) = (seg.row_number, min_right_rn) {
        if rn >= mr {
            return 1;
        }
        return 0;
    }
    if let (Some(rn), Some(ml)) = (seg.row_number, max_left_rn) {
        if rn <= ml + 1 {
            return 0;
        }
    }
    if let Some(code) = &seg.code {
        if kind == "final.general_budget_basic_expenditure" {
            return if code.starts_with("301") || code.starts_with("303") {
                0
            } else {
                1
            };
        }
    }
    let l = compact(&seg.label.join(""));
    if l.has("公用经费") {
        return 1;
    }
    if l.has("人员经费") {
        return 0;
    }
    usize::from(names_right_half(&l))
}

/// A (compacted) label of the spending half: spending, or what is left at the year's
/// end. (`九、医疗卫生与计划生育支` cut before its `出` is spending too.)
pub(super) fn names_right_half(l: &str) -> bool {
    l.has("支出") || l.ends_with('支') || l.has("结余分配") || l.has("年末") || l.has("结转下年")
}

/// Pending wrapped-label pieces of a row not yet complete.
#[derive(Default)]
pub(super) struct Pending {
    code: Option<String>,
    label: Vec<String>,
}

pub(super) fn read_space_rows(
    layout: &Layout,
    data: &[(SrcLine, bool)],
    ctx: &mut Ctx,
) -> Vec<(Row, bool)> {
    let mut rows: Vec<(Row, bool)> = Vec::new();
    let mut third_group: Vec<(Row, bool)> = Vec::new();
    let mut pending = Pending::default();
    let mut min_right_rn: Option<u32> = None;
    let mut wrapped_around = false;
    // Two halves, column-aligned: the left row whose label was printed around its
    // code line (`机关事业单位基本` / `30108  9.40  30206 电费 2.30` / `养老保险缴费`).
    let mut wrapped_left: Option<usize> = None;
    let mut max_left_rn: Option<u32> = None;
    // A line of figures already read with the labels above it.
    let mut taken: Option<usize> = None;
    let widths = |i: usize| layout.sides.get(i).map_or(0, |x| x.value_columns.len());
    let two = layout.two_sided();
    // Layout anchors need all lines' segments first.
    let parsed: Vec<Vec<Seg>> = data
        .iter()
        .map(|(l, _)| segments(&l.text, layout))
        .collect();
    // Column-aligned two-sided text: where the right half's labels start. A
    // line indented that far holds the right half only.
    let right_start: Option<usize> = if two {
        parsed
            .iter()
            .filter(|segs| segs.len() >= 2 && !segs[1].label.is_empty())
            .map(|segs| segs[1].start)
            .min()
            .filter(|&p| p >= 16)
    } else {
        None
    };
    // Plain PDF text of some tables prints each label on its own line above its
    // code and figures (`一般公共服务支出` / `201 06 2,112.86 …`). Where at least
    // half the figure lines stand so, under a label line and with none of
    // their own, a label piece before a code line that has no label is that
    // line's label.
    let labels_above = !two && {
        let text_only = |segs: &Vec<Seg>| {
            !segs.is_empty() && segs.iter().all(|x| !x.has_numbers() && x.code.is_none())
        };
        let number_lines: Vec<usize> = (0..parsed.len())
            .filter(|&i| parsed[i].iter().any(|x| x.has_numbers()))
            .collect();
        let under_their_label = number_lines
            .iter()
            .filter(|&&i| {
                i > 0 && text_only(&parsed[i - 1]) && parsed[i].iter().all(|x| x.label.is_empty())
            })
            .count();
        under_their_label >= 2 && 2 * under_their_label >= number_lines.len()
    };
    for (idx, (l, page_start)) in data.iter().enumerate() {
        let segs = &parsed[idx];
        if segs.is_empty() {
            continue;
        }
        if taken == Some(idx) {
            continue;
        }
        let any_numbers = segs.iter().any(|s| s.has_numbers());
        // `一、一般公共预算财政拨款收入 一、一般公共服务支出` / `2,940.05 2,106.66`,
        // `本年收入合计 本年支出合计` / `2,946.25 2,940.05`: both halves' figures
        // wrapped onto the line below their labels. Figures only, exactly as many as
        // the two halves hold: the left half's first, as printed.
        if two
            && !any_numbers
            && segs.len() == 2
            && pending.code.is_none()
            && pending.label.is_empty()
        {
            let labelled = segs.iter().all(|x| !x.label.is_empty() && x.is_uncoded());
            let below = parsed
                .get(idx + 1)
                .filter(|ns| !ns.is_empty() && ns.iter().all(Seg::is_bare));
            let figures: Vec<Option<Amount>> = below
                .map(|ns| ns.iter().flat_map(|x| x.values.iter().copied()).collect())
                .unwrap_or_default();
            if labelled && widths(0) > 0 && widths(1) > 0 && figures.len() == widths(0) + widths(1)
            {
                let (left, right) = figures.split_at(widths(0));
                for (i, x) in segs.iter().enumerate() {
                    let values = if i == 0 { left } else { right }.to_vec();
                    let row = make_row(None, x.label.clone(), l.no, values, Some(i), None);
                    rows.push((row, *page_start && i == 0));
                }
                taken = Some(idx + 1);
                continue;
            }
        }
        if !any_numbers {
            // Both halves named and both blank (`二、政府性基金预算拨款收入
            // 二、外交支出`): two rows of blank cells.
            if two
                && segs.len() >= 2
                && pending.code.is_none()
                && pending.label.is_empty()
                && segs.iter().all(|x| starts_enumerated(&x.label.concat()))
            {
                for (i, x) in segs.iter().enumerate() {
                    let side = i.min(1);
                    let n = layout.sides.get(side).map_or(0, |x| x.value_columns.len());
                    let row =
                        make_row(None, x.label.clone(), l.no, vec![None; n], Some(side), None);
                    rows.push((row, *page_start && i == 0));
                }
                continue;
            }
            // A fragment: a code line, or a piece of a wrapped label.
            let s = &segs[0];
            if s.code.is_some() {
                if pending.code.is_some() || !pending.label.is_empty() {
                    // The previous code never got numbers: keep it as a row without values.
                    let row = make_row(
                        pending.code.take(),
                        std::mem::take(&mut pending.label),
                        l.no,
                        Vec::new(),
                        None,
                        None,
                    );
                    rows.push((row, false));
                }
                pending.code = s.code.clone();
                pending.label = s.label.clone();
                continue;
            }
            // `四、事业收入` alone, followed by another numbered or total label:
            // a row whose cells are blank, not a wrapped piece of the next label.
            if pending.code.is_none()
                && pending.label.is_empty()
                && starts_enumerated(&s.label.concat())
            {
                let next_starts_row =
                    parsed
                        .get(idx + 1)
                        .and_then(|ns| ns.first())
                        .is_some_and(|n| {
                            let l = n.label.concat();
                            starts_enumerated(&l)
                                || l.starts_with("合计")
                                || l.ends_with("合计")
                                || l.ends_with("总计")
                                || l.starts_with("收入")
                                || l.starts_with("支出")
                        });
                if next_starts_row {
                    let side = if two {
                        Some(side_of_lone(s, ctx.kind, min_right_rn, max_left_rn))
                    } else {
                        None
                    };
                    let n = layout
                        .sides
                        .get(side.unwrap_or(0))
                        .map(|x| x.value_columns.len())
                        .unwrap_or(0);
                    let row = make_row(None, s.label.clone(), l.no, vec![None; n], side, None);
                    rows.push((row, *page_start));
                    continue;
                }
            }
            let pending_empty = pending.code.is_none() && pending.label.is_empty();
            // `…养老保` / `2080505 6.18 6.18` / `险缴费支出` / `机关事业单位职业年金缴` /
            // `2080506 …`: a piece after a row whose label stopped mid-word
            // above its figures, and not itself over figures, is that label's
            // end (a label above its own figures is followed by them).
            let next_is_text_only = parsed.get(idx + 1).is_some_and(|ns| {
                !ns.is_empty() && ns.iter().all(|n| !n.has_numbers() && n.code.is_none())
            });
            // A piece in the left half's label column just below such a row ends its
            // label. (Text without positions: the rows around it decide — a left code
            // line without a label beside a right half with its own.)
            let in_left = |x: &Seg| right_start.is_none_or(|r| x.start + 2 < r);
            if let Some(i) = wrapped_left.take() {
                if pending_empty && segs.len() == 1 && in_left(s) {
                    if let Some((r, _)) = rows.get_mut(i) {
                        r.label = join_label(&[r.label.clone(), s.label.join("")]);
                        continue;
                    }
                }
            }
            if pending_empty && wrapped_around && next_is_text_only {
                if let Some((r, _)) = rows.last_mut() {
                    if !label_is_whole(&r.label) && !starts_enumerated(&s.label.concat()) {
                        r.label = join_label(&[r.label.clone(), s.label.join("")]);
                        wrapped_around = false;
                        continue;
                    }
                }
            }
            if pending_empty && !rows.is_empty() {
                let next = parsed.get(idx + 1);
                // The next line is a row of its own (a left half that is only
                // its 行次 counts as none), or opens one by its numbering
                // (`三、国有资本经营预算财政拨` / `款收入 3 0.00 …`): either way this
                // piece ends the row above.
                let next_completes_a_row = match next {
                    None => true,
                    Some(ns) => {
                        ns.iter().any(|n| {
                            (n.code.is_some() && !(labels_above && n.label.is_empty()))
                                || (!n.label.is_empty() && n.has_numbers())
                        }) || ns.first().is_some_and(|n| {
                            !n.has_numbers() && starts_enumerated(&n.label.concat())
                        })
                    }
                };
                // …unless it stands in the left half's label column over a left
                // code line without a label: that row's label, printed around it.
                let opens_next_left = segs.len() == 1
                    && in_left(s)
                    && next.is_some_and(|ns| {
                        ns.first().is_some_and(|n| {
                            in_left(n) && n.code.is_some() && n.label.is_empty() && n.has_numbers()
                        }) && (right_start.is_some()
                            || ns
                                .get(1)
                                .is_some_and(|r| r.code.is_some() && !r.label.is_empty()))
                    });
                if next_completes_a_row && !opens_next_left && !starts_enumerated(&s.label.concat())
                {
                    // Two halves on the last line: the piece ends the label
                    // that is still incomplete (`…财政拨款收` + `入`), not the
                    // one that already ends in a whole word.
                    let piece = s.label.join("");
                    let n = rows.len();
                    let same_line = two && n >= 2 && rows[n - 1].0.line == rows[n - 2].0.line;
                    let (lw, rw) = if same_line {
                        (
                            label_is_whole(&rows[n - 2].0.label),
                            label_is_whole(&rows[n - 1].0.label),
                        )
                    } else {
                        (true, true)
                    };
                    // Both halves look whole or both cut: a tail ending `…入`
                    // finishes an income (left) item, `…出` an expenditure one.
                    let to_left =
                        same_line && ((rw && !lw) || (lw == rw && compact(&piece).ends_with('入')));
                    let target = if to_left { n - 2 } else { n - 1 };
                    if let Some((r, _)) = rows.get_mut(target) {
                        r.label = join_label(&[r.label.clone(), piece]);
                    }
                    continue;
                }
            }
            pending.label.extend(s.label.iter().cloned());
            continue;
        }
        // A line with numbers: one or two segments (three where the right
        // half spans two column groups: the third is the right half's too).
        let mut assigned: Vec<(usize, Seg)> = Vec::new();
        // `四、文化旅游体育与传媒` / `200,000 200,000` / `支出`: figures alone under one
        // row's label, more than the left half holds and no more than the right one's:
        // one row of the right half, not a figure for each.
        let count: usize = segs.iter().map(|x| x.values.len()).sum();
        if two
            && segs.len() == 2
            && segs.iter().all(Seg::is_bare)
            && pending.code.is_none()
            && !pending.label.is_empty()
            && count > widths(0)
            && count <= widths(1)
        {
            let mut merged = segs[0].clone();
            merged.values.extend(segs[1].values.iter().copied());
            merged.value_pos.extend(segs[1].value_pos.iter().copied());
            merged.value_wpos.extend(segs[1].value_wpos.iter().copied());
            assigned.push((1, merged));
        } else if two {
            if segs.len() >= 2 {
                assigned.push((0, segs[0].clone()));
                for s in &segs[1..] {
                    assigned.push((1, s.clone()));
                }
            } else {
                // Figures under their label (`本年支出合计` / `6838.41`): the label
                // pending from the lines above is this row's, and says its half.
                let side = if segs[0].label.is_empty() && !pending.label.is_empty() {
                    let mut with_label = segs[0].clone();
                    with_label.label = pending.label.clone();
                    side_of_lone(&with_label, ctx.kind, min_right_rn, max_left_rn)
                } else {
                    side_of_lone(&segs[0], ctx.kind, min_right_rn, max_left_rn)
                };
                assigned.push((side, segs[0].clone()));
            }
            if right_start.is_some_and(|r| segs[0].start + 2 >= r) {
                // The whole line is the right half: merge its segments.
                let mut merged = Seg::default();
                for s in segs {
                    if merged.code.is_none() {
                        merged.code = s.code.clone();
                    }
                    merged.label.extend(s.label.iter().cloned());
                    merged.row_number = merged.row_number.or(s.row_number);
                    merged.values.extend(s.values.iter().cloned());
                    merged.value_pos.extend(s.value_pos.iter().cloned());
                    merged.value_wpos.extend(s.value_wpos.iter().cloned());
                }
                assigned = vec![(1, merged)];
            }
        } else {
            let mut merged = Seg::default();
            for s in segs {
                if merged.code.is_none() {
                    merged.code = s.code.clone();
                }
                merged.label.extend(s.label.iter().cloned());
                if merged.row_number.is_none() {
                    merged.row_number = s.row_number;
                }
                merged.values.extend(s.values.iter().cloned());
                merged.value_pos.extend(s.value_pos.iter().cloned());
                merged.value_wpos.extend(s.value_wpos.iter().cloned());
            }
            let next_code = parsed[idx + 1..]
                .iter()
                .take(4)
                .flat_map(|ss| ss.first())
                .find_map(|ss| ss.code.clone());
            take_code_from_first_value(&mut merged, &l.text, &rows, next_code.as_deref());
            assigned.push((0, merged));
        }
        // A one-sided row whose label was printed above its code and figures
        // (`机关事业单位基本养老保` / `2080505 6.18 6.18`): its label may go on below.
        let left_from_above = two
            && !pending.label.is_empty()
            && assigned
                .first()
                .is_some_and(|(side, x)| *side == 0 && x.code.is_some() && x.label.is_empty());
        let rows_before = rows.len();
        wrapped_around = !two
            && !pending.label.is_empty()
            && assigned.len() == 1
            && assigned[0].1.label.is_empty()
            && assigned[0].1.code.is_some();
        // Pending label pieces go to the first segment lacking a label.
        if pending.code.is_some() || !pending.label.is_empty() {
            let target = assigned
                .iter()
                .position(|(_, s)| s.label.is_empty())
                .unwrap_or(0);
            if let Some((_, s)) = assigned.get_mut(target) {
                if s.code.is_none() {
                    s.code = pending.code.take();
                }
                let mut lab = std::mem::take(&mut pending.label);
                lab.extend(s.label.iter().cloned());
                s.label = lab;
            }
            pending = Pending::default();
        }
        for (seg_no, (side, s)) in assigned.into_iter().enumerate() {
            if let Some(rn) = s.row_number {
                if side == 1 {
                    min_right_rn = Some(min_right_rn.map_or(rn, |m| m.min(rn)));
                } else {
                    max_left_rn = Some(max_left_rn.map_or(rn, |m| m.max(rn)));
                }
            }
            let n = layout
                .sides
                .get(if two { side } else { 0 })
                .map(|x| x.value_columns.len())
                .unwrap_or(s.values.len());
            let label = join_label(&s.label);
            if s.code.is_none() && label.is_empty() && s.values.iter().all(|v| v.is_none()) {
                continue; // an empty half (`7` with no label and no value)
            }
            let (values, ambiguous) =
                fit_values(&s, n, layout, side, two, &label, l.no, &parsed, ctx);
            let row = make_row(
                s.code.clone(),
                vec![label],
                l.no,
                values,
                if two { Some(side) } else { None },
                s.row_number,
            );
            let mut row = row;
            row.ambiguous = ambiguous;
            if seg_no >= 2 {
                third_group.push((row, *page_start));
            } else {
                rows.push((row, *page_start));
            }
        }
        wrapped_left = if left_from_above {
            (rows_before..rows.len())
                .find(|&i| rows[i].0.side == Some(0) && rows[i].0.code.is_some())
        } else {
            None
        };
    }
    // The third column group's rows read after the second's, before the
    // right half's total (`公用经费合计`), as the table means them.
    if !third_group.is_empty() {
        let at = rows
            .iter()
            .position(|(r, _)| r.side == Some(1) && compact(&r.label).has("合计"))
            .unwrap_or(rows.len());
        rows.splice(at..at, third_group);
    }
    if pending.code.is_some() {
        let row = make_row(
            pending.code.take(),
            std::mem::take(&mut pending.label),
            data.last().map(|d| d.0.no).unwrap_or(0),
            Vec::new(),
            None,
            None,
        );
        rows.push((row, false));
    } else if !pending.label.is_empty() {
        if let Some((last, _)) = rows.last_mut() {
            last.label = join_label(&[last.label.clone(), pending.label.join("")]);
        }
    }
    rows
}

/// A word over a half of a two-sided header: the half's name (`本年收入`,
/// `财政拨款支出` and its pieces `财政拨款` + `支出`) or the name of its figures
/// (`预算数`, `决算数`) printed above the half's columns.
fn heads_a_half(w: &str) -> bool {
    let c = compact(w);
    c.ends_with("收入")
        || c.ends_with("支出")
        || c.ends_with("经费")
        || matches!(
            c.as_str(),
            "财政拨款" | "预算数" | "决算数" | "本年" | "上年"
        )
}

/// The names of a header in which every name stands exactly twice, once each in
/// first-seen order; `None` otherwise.
fn twice_each(words: &[String]) -> Option<Vec<String>> {
    let keys: Vec<String> = words.iter().map(|w| compact(w)).collect();
    let mut once: Vec<String> = Vec::new();
    for (w, k) in words.iter().zip(&keys) {
        if keys.iter().filter(|x| *x == k).count() != 2 {
            return None;
        }
        if !once.iter().any(|o| compact(o) == *k) {
            once.push(w.clone());
        }
    }
    (!once.is_empty()).then_some(once)
}
