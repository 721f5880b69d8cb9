//! Tab text: cells separated by tabs (a spreadsheet's copy, a web page's table
//! copied with its cells, a PDF converter's `" \t"`), and pipe rows.
//!
//! Where every header row is as wide as the data, the header's positions are
//! the columns (`tab_layout`); where merged header cells collapsed into one
//! (`| 收入 | 支出 |` over six cells) or trailing blanks were trimmed, the
//! header is read by meaning and the label and value positions by what the
//! full-width rows hold (`ragged_tab_layout`). Rows narrower than the table are
//! widened where a merged or trimmed cell says where their blanks stand
//! (`widen_row`); `read_tab_rows` turns the cells into rows. Tabs that stand
//! where no column does are caught later, by the table's own arithmetic
//! (`reader::read` reads such a region again as plain text).

use super::*;
use crate::text::Has;

/// Tab-separated: header positions are kept, so merge rows by position.
pub(super) fn tab_layout(
    header_lines: &[String],
    lanci: Option<&str>,
    data: &[(SrcLine, bool)],
    two_sided_hint: bool,
) -> Layout {
    let rows: Vec<Vec<String>> = header_lines
        .iter()
        .map(|h| h.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    let data_width = data
        .iter()
        .map(|(l, _)| l.text.split('\t').count())
        .max()
        .unwrap_or(0);
    // Find side words in the top header row.
    let mut boundary = 0;
    let mut side_names = (String::new(), String::new());
    if let Some(top) = rows.first() {
        let nonempty: Vec<(usize, String)> = top
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| (i, compact(c)))
            .collect();
        for (l, r) in SIDE_WORDS {
            if nonempty.len() == 2 && nonempty[0].1 == *l && nonempty[1].1 == *r {
                boundary = nonempty[1].0;
                side_names = (l.to_string(), r.to_string());
            }
        }
    }
    let header_rows: Vec<Vec<String>> = if boundary > 0 {
        rows[1..].to_vec()
    } else {
        rows.clone()
    };
    if boundary == 0 && two_sided_hint {
        // No side words: the right half starts where the label columns repeat.
        if let Some(names) = header_rows.iter().find(|r| {
            r.iter()
                .filter(|c| label_role(c) == Some(ColumnRole::Label))
                .count()
                >= 2
        }) {
            let labels: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, c)| label_role(c).is_some())
                .map(|(i, _)| i)
                .collect();
            // Second group of label columns.
            if let Some(pos) = labels.windows(2).find(|w| w[1] > w[0] + 1).map(|w| w[1]) {
                let first_label = labels[0];
                let first_kind = role_of(&names[first_label]);
                boundary = labels
                    .iter()
                    .copied()
                    .find(|&i| i >= pos && role_of(&names[i]) == first_kind)
                    .unwrap_or(pos);
                side_names = if names.iter().any(|c| compact(c).has("经济分类")) {
                    ("人员经费".into(), "公用经费".into())
                } else {
                    ("收入".into(), "支出".into())
                };
            }
        }
    }
    let mut names = header::merge_tab_header(&header_rows);
    let width = names.len().max(data_width);
    names.resize(width, String::new());
    // 栏次 row: numbered positions are value columns.
    let lanci_cells: Vec<String> = lanci
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    let mut roles: Vec<ColumnRole> = names
        .iter()
        .map(|n| {
            if n.is_empty() {
                ColumnRole::Value
            } else {
                role_of(n)
            }
        })
        .collect();
    for (j, r) in roles.iter_mut().enumerate() {
        if let Some(c) = lanci_cells.get(j) {
            if is_small_int(c) {
                *r = ColumnRole::Value;
            }
        }
    }
    // Unnamed columns: decide by the data (mostly numbers → value, else label).
    for j in 0..width {
        if names[j].is_empty() {
            let mut num = 0;
            let mut text = 0;
            for (l, _) in data {
                if let Some(c) = l.text.split('\t').nth(j) {
                    match parse_cell(c) {
                        CellValue::Number(_) => num += 1,
                        CellValue::Text => text += 1,
                        CellValue::Absent => {}
                    }
                }
            }
            // (A column no header names and no row fills — the leading tab
            // some pastes put before every row — holds no value either.)
            roles[j] = if text > num || num == 0 {
                ColumnRole::Label
            } else {
                ColumnRole::Value
            };
        }
    }
    // A value column whose cells are all long text (绩效目标) is a text column.
    for j in 0..width {
        if roles[j] == ColumnRole::Value {
            // One number settles it: the search stops there.
            let cells = data.iter().filter_map(|(l, _)| l.text.split('\t').nth(j));
            let mut kinds = cells.map(parse_cell);
            let mut text = 0;
            let num = kinds.any(|k| {
                text += usize::from(k == CellValue::Text);
                matches!(k, CellValue::Number(_))
            });
            if text > 0 && !num {
                roles[j] = ColumnRole::Label;
                if !names[j].is_empty() {
                    // keep the name; the cells go to Row::texts
                }
            }
        }
    }
    let make_side = |name: String, range: std::ops::Range<usize>| -> SideLayout {
        let cols: Vec<String> = names[range.clone()].to_vec();
        let rls: Vec<ColumnRole> = roles[range].to_vec();
        let value_columns = cols
            .iter()
            .zip(&rls)
            .enumerate()
            .filter(|(_, (_, r))| **r == ColumnRole::Value)
            .map(|(i, (c, _))| {
                if c.is_empty() {
                    format!("列{}", i + 1)
                } else {
                    c.clone()
                }
            })
            .collect();
        let has_row_number = rls.contains(&ColumnRole::RowNumber);
        SideLayout {
            name,
            columns: cols,
            roles: rls,
            value_columns,
            has_row_number,
            anchors: None,
        }
    };
    if boundary > 0 && boundary < width {
        Layout {
            third_group: 0,
            width: 0,
            sides: vec![
                make_side(side_names.0, 0..boundary),
                make_side(side_names.1, boundary..width),
            ],
            boundary,
            generic_names: false,
        }
    } else {
        Layout {
            third_group: 0,
            width: 0,
            sides: vec![make_side(String::new(), 0..width)],
            boundary: 0,
            generic_names: false,
        }
    }
}

/// What the cells at one position of a table's full-width rows hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum CellKind {
    Text,
    Number,
    Empty,
}

pub(super) fn row_cells(text: &str) -> Vec<&str> {
    text.split('\t').map(str::trim).collect()
}

/// What cell `j` of a row holds. A 科目编码 before its name is a label cell,
/// wherever the half starts (`302 | 商品和服务支出` on the right of a basic table).
pub(super) fn cell_kind<S: AsRef<str>>(cells: &[S], j: usize) -> CellKind {
    let cell = cells[j].as_ref();
    match parse_cell(cell) {
        CellValue::Number(_)
            if parse_code(cell).is_some()
                && cells
                    .get(j + 1)
                    .is_some_and(|n| parse_cell(n.as_ref()) == CellValue::Text) =>
        {
            CellKind::Text
        }
        CellValue::Number(_) => CellKind::Number,
        CellValue::Absent => CellKind::Empty,
        CellValue::Text => CellKind::Text,
    }
}

/// The width most data rows have: the table's true number of columns.
pub(super) fn modal_width(data: &[(SrcLine, bool)]) -> usize {
    // (width, rows): a few widths at most; the widest of the most common wins.
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (l, _) in data {
        let w = row_cells(&l.text).len();
        match counts.iter_mut().find(|(cw, _)| *cw == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(w, n)| (n, w))
        .map(|(w, _)| w)
        .unwrap_or(0)
}

/// Where a row's halves start: a text cell after a figure or a blank value
/// (`…收入 | 1 | 5,726.80 | 一、一般公共服务支出 | 32 | …`).
pub(super) fn group_starts(kinds: &[CellKind]) -> Vec<usize> {
    let mut starts = vec![0];
    for j in 1..kinds.len() {
        let group = &kinds[*starts.last().unwrap_or(&0)..j];
        // (A blank 编码 cell before `合计` opens nothing: the half so far must
        // hold a label of its own.)
        if kinds[j] == CellKind::Text
            && kinds[j - 1] != CellKind::Text
            && group.contains(&CellKind::Text)
        {
            starts.push(j);
        }
    }
    starts
}

/// Tab or pipe text whose header lost its positions: cells merged across
/// columns (`colspan`) come out as ONE cell, so `| 收入 | 支出 |` or `| 预算数 |
/// 决算数 |` sit over six or sixteen data cells. Positions then say nothing;
/// the header is read by meaning (as PDF text is), the label and value
/// positions by what the full-width data rows hold. `None` when every header
/// row is as wide as the data (Excel and PDF-converter text keeps positions).
pub(super) fn ragged_tab_layout(
    header_lines: &[String],
    lanci: Option<&str>,
    data: &[(SrcLine, bool)],
    two_sided_hint: bool,
    kind: &str,
    trimmed: bool,
) -> Option<Layout> {
    // Where trailing blanks may have been trimmed, only the widest rows are whole.
    // (The widest header row counts too: it may name columns that every row
    // left blank.)
    let width = if trimmed {
        data.iter()
            .map(|(l, _)| row_cells(&l.text).len())
            .chain(header_lines.iter().map(|h| row_cells(h).len()))
            .chain(lanci.map(|l| row_cells(l).len()))
            .max()
            .unwrap_or(0)
    } else {
        modal_width(data)
    };
    let ragged = header_lines
        .iter()
        .any(|h| row_cells(h).len() < width && row_cells(h).iter().any(|c| !c.is_empty()));
    if width < 2 || header_lines.is_empty() || !ragged {
        return None;
    }
    // The rows whose cells stand in their columns: the full-width ones; where
    // trailing blanks were trimmed, every row padded back (the few rows with a
    // merged label cell are outvoted below).
    let full: Vec<Vec<&str>> = data
        .iter()
        .map(|(l, _)| row_cells(&l.text))
        .filter(|c| c.len() == width || trimmed && c.len() < width)
        .map(|mut c| {
            c.resize(width, "");
            c
        })
        .collect();
    let kinds: Vec<CellKind> = (0..width)
        .map(|j| {
            let (mut num, mut text) = (0, 0);
            for r in &full {
                match cell_kind(r, j) {
                    CellKind::Number => num += 1,
                    CellKind::Empty => {}
                    CellKind::Text => text += 1,
                }
            }
            if num > 0 && num >= text {
                CellKind::Number
            } else if text > 0 {
                CellKind::Text
            } else {
                CellKind::Empty
            }
        })
        .collect();
    let starts = group_starts(&kinds);
    let two = starts.len() >= 2 && (two_sided_hint || starts.len() == 2);
    if starts.len() > 3 || (starts.len() >= 2 && !two) {
        return None;
    }
    // Each half: its label positions, then its value positions (行次 a value
    // position too until the words say it is a row number).
    let half = |from: usize, to: usize| -> (usize, usize) {
        // Up to the last text cell before the first figure (a blank 编码 column
        // under `合计` is still a label column).
        let labels = (from..to)
            .take_while(|&j| kinds[j] != CellKind::Number)
            .filter(|&j| kinds[j] == CellKind::Text)
            .last()
            .map_or(0, |j| j + 1 - from);
        (labels, to - from - labels)
    };
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([width]).collect();
    let halves: Vec<(usize, usize)> = starts
        .iter()
        .zip(&ends)
        .map(|(&a, &b)| half(a, b))
        .collect();
    if two && halves.len() == 3 && halves[1] != halves[2] {
        return None;
    }
    let words_text: Vec<String> = header_lines.iter().map(|h| h.replace('\t', " ")).collect();
    let words = header::lexicon_words(&words_text.join(" "));
    let row_numbers = |side_words: &[String]| {
        side_words
            .iter()
            .any(|w| label_role(w) == Some(ColumnRole::RowNumber))
    };
    let mut counts: Vec<usize> = halves.iter().take(2).map(|h| h.1).collect();
    if two && row_numbers(&words) {
        for c in counts.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
    let by_counts =
        |counts: Vec<usize>| space_layout(&words_text, None, None, data, two, kind, Some(counts));
    let mut meaning = by_counts(counts.clone());
    let mut width = width;
    if trimmed && meaning.generic_names {
        // Columns blank in every row vanish from trimmed text: the header
        // may name one to three more at the end.
        for extra in 1..=3 {
            let mut more = counts.clone();
            if let Some(last) = more.last_mut() {
                *last += extra;
            }
            let m = by_counts(more);
            if !m.generic_names {
                meaning = m;
                width += extra;
                break;
            }
        }
    }
    if meaning.sides.len() != if two { 2 } else { 1 } {
        return None;
    }
    // Label positions: a 编码 column where the data holds codes, else a name.
    let code_position = |j: usize| {
        let codes = full.iter().filter(|r| parse_code(r[j]).is_some()).count();
        codes > 0 && codes * 2 >= full.iter().filter(|r| !r[j].is_empty()).count()
    };
    let sides: Vec<SideLayout> = meaning
        .sides
        .iter()
        .zip(starts.iter().zip(&halves))
        .map(|(m, (&from, &(labels, _)))| {
            let word = |role: ColumnRole, fallback: &str| -> String {
                m.columns
                    .iter()
                    .filter(|c| label_role(c) == Some(role))
                    .next_back()
                    .cloned()
                    .unwrap_or_else(|| fallback.to_string())
            };
            let mut columns: Vec<String> = Vec::new();
            let mut roles: Vec<ColumnRole> = Vec::new();
            let has_code_word = m
                .columns
                .iter()
                .any(|c| label_role(c) == Some(ColumnRole::Code));
            for j in from..from + labels {
                // (An empty table's blank first column is its 编码 when the
                // header names one.)
                let blank_first =
                    j + 1 < from + labels && has_code_word && full.iter().all(|r| r[j].is_empty());
                if code_position(j) || blank_first {
                    columns.push(word(ColumnRole::Code, "科目编码"));
                    roles.push(ColumnRole::Code);
                } else {
                    columns.push(word(ColumnRole::Label, "项目"));
                    roles.push(ColumnRole::Label);
                }
            }
            if m.has_row_number {
                columns.push("行次".into());
                roles.push(ColumnRole::RowNumber);
            }
            for v in &m.value_columns {
                columns.push(v.clone());
                roles.push(ColumnRole::Value);
            }
            SideLayout {
                name: m.name.clone(),
                columns,
                roles,
                value_columns: m.value_columns.clone(),
                has_row_number: m.has_row_number,
                anchors: None,
            }
        })
        .collect();
    Some(Layout {
        boundary: if two { starts[1] } else { 0 },
        third_group: starts.get(2).copied().filter(|_| two).unwrap_or(0),
        sides,
        generic_names: meaning.generic_names,
        width,
    })
}

/// A layout read by position that cannot be right: a value column the header
/// names nothing over, or halves split after the first cell (`收入⇥支出`
/// collapsed over six cells).
pub(super) fn positional_is_broken(l: &Layout) -> bool {
    let unnamed = l.sides.iter().any(|s| {
        s.columns
            .iter()
            .zip(&s.roles)
            .any(|(c, r)| *r == ColumnRole::Value && c.is_empty())
    });
    // `本年支出合计/科目名称`: a value column's name stacked over a label
    // column, where a merged `项目` cell pushed the header one cell left.
    let value_over_label = l.sides.iter().any(|s| {
        s.columns.iter().zip(&s.roles).any(|(c, r)| {
            matches!(r, ColumnRole::Label | ColumnRole::Code)
                && c.split('/')
                    .any(|p| label_role(p).is_none() && header::is_known_column(p))
        })
    });
    unnamed || value_over_label || (l.two_sided() && l.boundary <= 1)
}

/// A row narrower than the table. A cell merged across columns (the 合计 label
/// over 编码 and 名称) came out once: blanks go right after it, up to the half's
/// label columns. Trailing blank cells trimmed away (by an editor, or a web
/// page's empty last cells): blanks go at the half's end. A row that cannot be
/// so widened is left as printed.
pub(super) fn widen_row(cells: Vec<String>, layout: &Layout) -> Vec<String> {
    let width = layout.width;
    if width == 0 || cells.len() >= width || cells.is_empty() {
        return cells;
    }
    let kinds: Vec<CellKind> = (0..cells.len()).map(|j| cell_kind(&cells, j)).collect();
    let mut spans = vec![width];
    let mut bounds = vec![0];
    if layout.two_sided() {
        spans = vec![layout.boundary];
        if layout.third_group > 0 {
            spans.push(layout.third_group - layout.boundary);
            spans.push(width - layout.third_group);
        } else {
            spans.push(width - layout.boundary);
        }
        bounds = group_starts(&kinds);
        if bounds.len() > spans.len() || bounds.len() < 2 {
            return cells;
        }
    }
    let label_count = |g: usize| {
        layout
            .sides
            .get(g.min(layout.sides.len().saturating_sub(1)))
            .map_or(0, |s| {
                s.roles
                    .iter()
                    .take_while(|r| matches!(r, ColumnRole::Code | ColumnRole::Label))
                    .count()
            })
    };
    let mut out: Vec<String> = Vec::with_capacity(width);
    for (g, &b) in bounds.iter().enumerate() {
        let end = bounds.get(g + 1).copied().unwrap_or(cells.len());
        let want = spans[g];
        let part = &cells[b..end];
        // The label cells: everything before the half's first figure.
        let lead = kinds[b..end]
            .iter()
            .position(|k| *k == CellKind::Number)
            .unwrap_or(part.len());
        let merged = label_count(g).saturating_sub(lead);
        if part.len() + merged > want || lead == 0 && merged > 0 {
            return cells;
        }
        let mut widened: Vec<String> = Vec::with_capacity(want);
        widened.push(part[0].clone());
        widened.extend(std::iter::repeat_n(String::new(), merged));
        widened.extend(part[1..].iter().cloned());
        widened.resize(want, String::new());
        out.extend(widened);
    }
    out
}

pub(super) fn read_tab_rows(
    layout: &Layout,
    data: &[(SrcLine, bool)],
    ctx: &mut Ctx,
) -> Vec<(Row, bool)> {
    let mut rows: Vec<(Row, bool)> = Vec::new();
    let _ = &ctx;
    for (l, page_start) in data {
        let cells: Vec<String> = l.text.split('\t').map(|c| c.trim().to_string()).collect();
        let cells = widen_row(cells, layout);
        let ranges: Vec<(Option<usize>, std::ops::Range<usize>)> = if layout.third_group > 0 {
            vec![
                (Some(0), 0..layout.boundary),
                (Some(1), layout.boundary..layout.third_group),
                (
                    Some(1),
                    layout.third_group..cells.len().max(layout.third_group),
                ),
            ]
        } else if layout.two_sided() {
            vec![
                (Some(0), 0..layout.boundary),
                (Some(1), layout.boundary..cells.len().max(layout.boundary)),
            ]
        } else {
            vec![(
                None,
                0..cells
                    .len()
                    .max(layout.sides.first().map(|s| s.columns.len()).unwrap_or(0)),
            )]
        };
        let mut produced = false;
        for (side, range) in ranges {
            let sl = &layout.sides[side.unwrap_or(0)];
            let mut code: Option<String> = None;
            let mut label: Vec<String> = Vec::new();
            let mut values: Vec<Option<Amount>> = Vec::new();
            let mut texts: Vec<String> = Vec::new();
            let mut row_number = None;
            let mut code_parts: Vec<String> = Vec::new();
            for (j, ci) in range.clone().enumerate() {
                let cell = cells.get(ci).cloned().unwrap_or_default();
                let role = sl.roles.get(j).copied().unwrap_or(ColumnRole::Value);
                match role {
                    ColumnRole::Code => {
                        if cell.is_empty() {
                            continue;
                        }
                        if let Some(c) = parse_code(&cell) {
                            code_parts.push(c);
                        } else if cell.len() == 2 && cell.chars().all(|c| c.is_ascii_digit()) {
                            code_parts.push(cell.clone());
                        } else if let Some((c, rest)) = split_code_prefix(&cell) {
                            code_parts.push(c);
                            label.push(rest);
                        } else {
                            label.push(cell.clone());
                        }
                    }
                    ColumnRole::Label => {
                        if cell.is_empty() {
                            continue;
                        }
                        let is_named_label = sl.columns.get(j).is_some_and(|n| {
                            label_role(n) == Some(ColumnRole::Label) || n.is_empty()
                        });
                        if code.is_none() && code_parts.is_empty() && label.is_empty() {
                            if let Some((c, rest)) = split_code_prefix(&cell) {
                                code = Some(c);
                                label.push(rest);
                                continue;
                            }
                        }
                        let unnamed = sl.columns.get(j).is_none_or(|n| n.is_empty());
                        if unnamed && !label.is_empty() {
                            texts.push(cell.clone());
                        } else if is_named_label
                            && texts.is_empty()
                            && (label.is_empty()
                                || !sl
                                    .columns
                                    .get(j)
                                    .is_some_and(|n| !n.is_empty() && label_role(n).is_none()))
                        {
                            label.push(cell.clone());
                        } else {
                            texts.push(cell.clone());
                        }
                    }
                    ColumnRole::RowNumber => {
                        row_number = cell.parse().ok();
                    }
                    ColumnRole::Value => match parse_cell(&cell) {
                        CellValue::Number(a) => values.push(Some(a)),
                        CellValue::Absent => values.push(None),
                        CellValue::Text => {
                            values.push(None);
                            texts.push(cell.clone());
                        }
                    },
                }
            }
            if !code_parts.is_empty() {
                let joined: String = code_parts.concat();
                code = Some(joined);
            }
            // Pad to the side's value columns.
            let n = sl.value_columns.len();
            if values.len() < n {
                values.resize(n, None);
            }
            let label_s = join_label(&label);
            let has_values = values.iter().any(|v| v.is_some());
            if code.is_none() && label_s.is_empty() && !has_values && texts.is_empty() {
                continue;
            }
            if code.is_none()
                && !has_values
                && row_number.is_none()
                && !label_s.is_empty()
                && side.is_none()
            {
                // A wrapped label piece on its own line: it continues the previous row.
                if let Some((last, _)) = rows.last_mut() {
                    if last.values.iter().any(|v| v.is_some()) && texts.is_empty() {
                        last.label = join_label(&[last.label.clone(), label_s]);
                        continue;
                    }
                }
            }
            let _ = is_absent_marker;
            rows.push((
                Row {
                    code,
                    label: label_s,
                    line: l.no,
                    page: None,
                    values,
                    side,
                    row_number,
                    ambiguous: false,
                    texts,
                },
                *page_start && !produced,
            ));
            produced = true;
        }
    }
    rows
}
