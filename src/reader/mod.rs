//! The reader: text → normalise → segment → tables. Never fails, never panics.
//!
//! - [`normalize`]: characters and lines, keeping source line numbers;
//! - [`titles`]: which standard table a title means;
//! - [`segment`]: table regions (pages merged) and narrative;
//! - [`header`]: column names, from tab positions or by meaning;
//! - [`table`]: rows, wrapped labels, two-sided halves, repeated totals;
//! - [`placement`]: rows whose blank cells vanished;
//! - [`meta`] and [`sangong`]: what the report is, and its 三公 block.

use crate::text::Has;
pub mod column_order;
pub mod header;
pub mod memo;
pub mod meta;
pub mod normalize;
pub mod numbers;
pub mod perf_form;
pub mod placement;
pub mod positioned;
pub mod sangong;
pub mod sangong_layout;
pub mod segment;
pub mod table;
pub mod titles;
pub mod tree_placement;
pub mod two_sided_sides;

use crate::model::{Document, InputProblem, NarrativeLine};

pub fn read(text: &str) -> Document {
    read_with(text, None)
}

/// [`read`], reusing the tables of the last reading through `memo` whose lines did not
/// change (the page, between edits); the document is the same as [`read`]'s.
pub fn read_with(text: &str, mut memo: Option<&mut memo::RegionMemo>) -> Document {
    let lines = normalize::normalize(text);
    let regions = segment::segment(&lines);
    let mut doc = Document {
        line_count: lines.last().map(|l| l.no).unwrap_or(0),
        ..Default::default()
    };
    let mut furniture = Vec::new();
    let mut untabbed: Option<Vec<normalize::Line>> = None;
    if let Some(m) = memo.as_deref_mut() {
        m.start();
    }
    for (i, r) in regions.iter().enumerate() {
        let id = format!("t{}", i + 1);
        let mut read = || {
            let (mut t, mut f, mut d) = read_region(&lines, r, id.clone());
            // Tabs or runs of spaces may stand where no column does (an extractor's
            // tab after every code piece, so each row has its own count of cells;
            // words set apart by two spaces that line up with nothing): when that
            // reading fails the table's own sums, read it again as plain text and
            // keep whichever reading the arithmetic agrees with.
            // (Scored only for such text: no work on the page's hot path otherwise.)
            let score = region_has_gaps(&lines, r).then(|| crate::identities::reading_score(&t));
            if let Some(score) = score.filter(|s| s.fails >= 1) {
                let plain = untabbed.get_or_insert_with(|| single_spaced(&lines));
                let alt = read_region(plain, r, id.clone());
                if crate::identities::reading_score(&alt.0).merit() > score.merit() {
                    (t, f, d) = alt;
                }
            }
            (t, f, d)
        };
        let (t, f, d) = match memo.as_deref_mut() {
            Some(m) => m.region(i, &id, &lines, r, read),
            None => read(),
        };
        doc.tables.push(t);
        furniture.push(f);
        doc.diagnostics.extend(d);
    }
    if let Some(m) = memo {
        m.finish();
    }
    let narrative_idx = segment::narrative_lines(&lines, &regions);
    doc.narrative = narrative_idx
        .iter()
        .filter_map(|&i| lines.get(i))
        .map(|l| NarrativeLine {
            line: l.no,
            text: l.text.clone(),
        })
        .collect();
    meta::fill_meta(&mut doc, &lines, &furniture);
    doc.sangong = match sangong_layout::resolve(&mut doc, &lines) {
        sangong_layout::Outcome::Unchanged => sangong::extract(&doc),
        sangong_layout::Outcome::Resolved(b) => {
            // The rows were placed again: the reader's notes on them are stale.
            let id = b.table.clone();
            doc.diagnostics
                .retain(|f| !(f.table.as_deref() == Some(id.as_str()) && is_placement_note(f)));
            // Rows of other units the one reading does not fit: not checked, and said.
            if let Some(t) = doc.table(&id) {
                let unplaced: Vec<crate::model::Finding> = t
                    .rows
                    .iter()
                    .filter(|r| r.ambiguous)
                    .map(|r| {
                        let name = if r.label.is_empty() { format!("第{}行", r.line) } else { r.label.clone() };
                        let mut f = crate::model::Finding::new(
                            "ambiguous_row",
                            crate::model::Severity::Warning,
                            format!("“{name}”一行的数字个数与“三公”表的列数不同，空白格位置无法确定，未作核对"),
                            format!("Row “{name}” prints fewer figures than the 三公 table has columns; where its blanks stand cannot be told, not checked"),
                        )
                        .at_line(r.line);
                        f.table = Some(id.clone());
                        f.row = Some(name);
                        f
                    })
                    .collect();
                doc.diagnostics.extend(unplaced);
            }
            Some(b)
        }
        sangong_layout::Outcome::Uncertain(b, warning) => {
            doc.diagnostics.push(warning);
            Some(b)
        }
    };
    certify_sangong(&mut doc);
    doc.perf_forms = perf_form::read(&lines);
    doc
}

/// The 三公 figures the chart, the overview and the checks use are certain or absent:
/// a group whose figures do not add up as read is dropped, with one warning.
fn certify_sangong(doc: &mut Document) {
    let Some(id) = doc.sangong.as_ref().map(|b| b.table.clone()) else {
        return;
    };
    let labelled = doc.table(&id).is_some_and(|t| {
        t.rows
            .iter()
            .filter(|r| header::sangong_word(&r.label).is_some())
            .count()
            >= 2
    });
    let Some(b) = doc.sangong.as_mut() else {
        return;
    };
    let doubts: Vec<&'static str> = [&b.budget, &b.actual]
        .iter()
        .filter_map(|f| f.as_ref().and_then(|f| sangong::doubt(f, labelled)))
        .collect();
    let Some(why) = doubts.first() else {
        return;
    };
    b.budget = None;
    b.actual = None;
    let table = b.table.clone();
    let Some(t) = doc.tables.iter_mut().find(|t| t.id == table) else {
        return;
    };
    // Its rows were read as the figures were: none of their sums is checked either.
    for r in t.rows.iter_mut() {
        r.ambiguous = true;
    }
    let (title, line) = (
        t.title.clone(),
        t.rows.first().map(|r| r.line).or(t.lines.first().copied()),
    );
    let mut f = crate::model::Finding::new(
        sangong_layout::UNCERTAIN,
        crate::model::Severity::Warning,
        format!(
            "{title}：按读到的位置，{why}。这多半是文本中列位置错乱所致（也可能是报告本身有误），未采用这些“三公”数字，相关核对未进行。请对照 PDF 原表。"
        ),
        format!(
            "{title}: as read, the 三公 figures do not add up ({why}). Most likely the text lost the columns' positions (or the report misprints them); these figures are not used and not checked. Compare with the PDF."
        ),
    );
    f.table = Some(table);
    f.line = line;
    doc.diagnostics.push(f);
}

/// One table region read into a table, its rows' blank cells placed.
fn read_region(
    lines: &[normalize::Line],
    r: &segment::Region,
    id: String,
) -> (
    crate::model::Table,
    table::Furniture,
    Vec<crate::model::Finding>,
) {
    let (mut t, f, mut d) = table::build_table(lines, r, id);
    column_order::settle(&mut t).restate(&t, &mut d);
    let placed = tree_placement::settle(&mut t);
    d.retain(|f| !(f.line.is_some_and(|l| placed.contains(&l)) && f.rule == "ambiguous_row"));
    two_sided_sides::split_joined_labels(&mut t);
    two_sided_sides::settle(&mut t);
    (t, f, d)
}

/// Does a line of the region set its cells apart by a tab or by two or more blanks?
fn region_has_gaps(lines: &[normalize::Line], r: &segment::Region) -> bool {
    r.pages
        .iter()
        .flatten()
        .filter_map(|&i| lines.get(i))
        .any(|l| l.text.contains('\t') || l.text.trim().has("  "))
}

/// The lines with every run of blanks that holds a tab, or two or more blanks, made
/// one space: the text as a PDF's plain copy gives it, read by the order of its
/// figures.
fn single_spaced(lines: &[normalize::Line]) -> Vec<normalize::Line> {
    lines
        .iter()
        .map(|l| {
            let mut text = String::with_capacity(l.text.len());
            let mut run = String::new();
            let gap = |run: &str| run.contains('\t') || run.chars().count() >= 2;
            for c in l.text.chars() {
                if c == ' ' || c == '\t' || c == '\u{3000}' {
                    run.push(c);
                    continue;
                }
                if !run.is_empty() {
                    text.push_str(if gap(&run) { " " } else { &run });
                    run.clear();
                }
                text.push(c);
            }
            if !gap(&run) {
                text.push_str(&run);
            }
            normalize::Line { text, ..l.clone() }
        })
        .collect()
}

/// What the reader says about where a row's numbers were placed.
pub(crate) fn is_placement_note(f: &crate::model::Finding) -> bool {
    f.rule == "ambiguous_row"
        || f.rule == "row_sum_unplaceable"
        || f.rule.starts_with("row_placed_by")
}

/// Input that is no report at all (empty, binary, too large), decided before reading.
pub fn input_problem(text: &str) -> Option<InputProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Some(InputProblem {
            kind: "empty".into(),
            message_zh: "输入为空：请粘贴部门预算或决算报告的文本。".into(),
            message_en: "The input is empty: paste the text of a budget or final-accounts report."
                .into(),
        });
    }
    if text.len() > crate::MAX_INPUT_BYTES {
        return Some(InputProblem {
            kind: "too_large".into(),
            message_zh: format!(
                "输入过大（{} MB），超过 {} MB 的上限。请只粘贴一份报告。",
                text.len() / 1_048_576,
                crate::MAX_INPUT_BYTES / 1_048_576
            ),
            message_en: format!(
                "The input is too large ({} MB), over the {} MB limit. Paste one report at a time.",
                text.len() / 1_048_576,
                crate::MAX_INPUT_BYTES / 1_048_576
            ),
        });
    }
    let (control, chars) = control_chars(text);
    if control * 20 > chars.max(1) {
        return Some(InputProblem {
            kind: "binary".into(),
            message_zh: "输入看起来是二进制数据而不是文本。请从 PDF 或网页复制报告文字后粘贴。".into(),
            message_en: "The input looks like binary data, not text. Copy the report's text out of the PDF or web page and paste it.".into(),
        });
    }
    None
}

/// (Control chars other than line and page breaks and tabs, plus U+FFFD; all
/// chars) of `text`, counted by bytes: a control char is C0, DEL or C1 (`C2 80`–`C2
/// 9F`), U+FFFD is `EF BF BD`, and a char starts at every byte that is not a
/// continuation byte. Every analysis starts with this over the whole input.
fn control_chars(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let mut control = 0;
    let mut chars = 0;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 == 0x80 {
            continue;
        }
        chars += 1;
        control += usize::from(match x {
            b'\n' | b'\r' | b'\t' | 0x0C => false,
            0x00..=0x1F | 0x7F => true,
            0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
            0xEF => b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]),
            _ => false,
        });
    }
    (control, chars)
}

pub fn no_table_problem() -> InputProblem {
    InputProblem {
        kind: "no_table".into(),
        message_zh: "未找到任何预决算报表。请确认粘贴的是部门预算或部门决算报告（含“收入支出决算总表”等表格）。".into(),
        message_en: "No budget or final-accounts table was found. Check that the text is a department budget or final-accounts report with its standard tables.".into(),
    }
}

#[cfg(test)]
mod control_tests {
    /// The byte count agrees with the char definition it replaced.
    #[test]
    fn control_chars_by_bytes_are_control_chars_by_chars() {
        let by_chars = |t: &str| {
            let control = t
                .chars()
                .filter(|c| {
                    (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                        || *c == '\u{fffd}'
                })
                .count();
            (control, t.chars().count())
        };
        let mut all = String::new();
        for c in (0u32..0x3100)
            .chain(0xFFF0..0x10000)
            .filter_map(char::from_u32)
        {
            all.push(c);
            let one = c.to_string();
            assert_eq!(
                super::control_chars(&one),
                by_chars(&one),
                "U+{:04X}",
                c as u32
            );
        }
        all.push_str("预算\u{fffd}\u{85}\u{9f}\u{a0}表\n");
        assert_eq!(super::control_chars(&all), by_chars(&all));
    }
}
