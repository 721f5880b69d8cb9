//! The way back from the reader's text to the PDF ("在原文中查看", issue 10): where each
//! line of the text [`super::pdf_text`] writes stands on its page, which box a finding
//! points at, and one page's drawing (its text runs and rules) for the page to redraw.
//!
//! Geometry is in PDF points, origin at the page's top-left, y down (as in
//! [`super::pdf`]). Floats are positions only; a finding's figures stay `Decimal`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::pdf::{Limits, PdfError};

/// One tab cell of a table line: its text and where it stands. A blank cell has its
/// column's x-range and its line's height.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellBox {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
}

/// One line of the reader's text (1-based `line`, as findings count them) and its box on
/// its page. `cells` are the line's tab cells, in order; empty for a line of plain text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineBox {
    pub line: usize,
    pub page: u32,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellBox>,
}

/// A box on a page that a finding points at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub page: u32,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// The box is the one cell that prints the finding's figure (else the whole line).
    pub cell: bool,
    /// The whole line's x-range (where a note beside the line may go).
    pub line_x0: f32,
    pub line_x1: f32,
}

/// The text [`super::pdf_text`] writes, with a box for each of its lines that has text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextWithBoxes {
    pub text: String,
    pub boxes: Vec<LineBox>,
    /// Pages without text (scanned images), named in a notice as the CLI names them.
    pub scanned: Vec<u32>,
}

/// A printed figure as a number: `1,234.50`, `1 234.5`, `－3` (full-width minus).
fn figure(s: &str) -> Option<Decimal> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}' | '\u{3000}'))
        .map(|c| if c == '－' { '-' } else { c })
        .collect();
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    crate::text::plain_decimal(&t)
}

/// The box a finding points at: on its `line`, the one cell whose text is the printed
/// figure `found`; else (no figure, none or several cells print it) the whole line.
/// `None` when the line has no box (the text was not written from this PDF's lines).
pub fn target(boxes: &[LineBox], line: usize, found: Option<Decimal>) -> Option<Target> {
    let i = boxes.binary_search_by_key(&line, |b| b.line).ok()?;
    let b = &boxes[i];
    let whole = Target {
        page: b.page,
        x0: b.x0,
        top: b.top,
        x1: b.x1,
        bottom: b.bottom,
        cell: false,
        line_x0: b.x0,
        line_x1: b.x1,
    };
    let Some(found) = found else {
        return Some(whole);
    };
    let mut hits = b.cells.iter().filter(|c| figure(&c.text) == Some(found));
    match (hits.next(), hits.next()) {
        (Some(c), None) => Some(Target {
            page: b.page,
            x0: c.x0,
            top: c.top,
            x1: c.x1,
            bottom: c.bottom,
            cell: true,
            ..whole
        }),
        _ => Some(whole),
    }
}

/// A word as the page draws it: `y` its baseline, `size` its font size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawnRun {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
}

/// A drawn line (a table rule).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DrawnRule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// One page as the reader saw it: its size, its text runs and its rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageDrawing {
    pub page: u32,
    pub width: f32,
    pub height: f32,
    pub runs: Vec<DrawnRun>,
    pub rules: Vec<DrawnRule>,
}

/// At most this many runs and rules are drawn from one page: a page that holds more is
/// drawn in part (its first ones), never an unbounded picture.
pub const MAX_DRAWN: usize = 20_000;

/// Page `page` (1-based) of a PDF as a drawing, under `limits`. `Ok(None)` when the PDF
/// has no such page.
pub fn page_drawing(
    bytes: &[u8],
    page: u32,
    limits: Limits,
) -> Result<Option<PageDrawing>, PdfError> {
    let Some(p) = super::pdf::extract_page_with(bytes, page, limits)? else {
        return Ok(None);
    };
    let laid = crate::reader::positioned::layout(std::slice::from_ref(&p));
    let Some(l) = laid.first() else {
        return Ok(None);
    };
    let runs = l
        .lines
        .iter()
        .flat_map(|line| &line.runs)
        .take(MAX_DRAWN)
        .map(|r| DrawnRun {
            text: r.text.clone(),
            x0: r.x0,
            x1: r.x1,
            y: r.y,
            size: r.size,
        })
        .collect();
    let rules = p
        .rules
        .iter()
        .take(MAX_DRAWN)
        .map(|r| DrawnRule {
            x0: r.x0,
            y0: r.y0,
            x1: r.x1,
            y1: r.y1,
        })
        .collect();
    Ok(Some(PageDrawing {
        page: p.number,
        width: p.width,
        height: p.height,
        runs,
        rules,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lb(line: usize, cells: &[(&str, f32, f32)]) -> LineBox {
        LineBox {
            line,
            page: 2,
            x0: 10.0,
            top: 100.0,
            x1: 300.0,
            bottom: 110.0,
            cells: cells
                .iter()
                .map(|&(t, x0, x1)| CellBox {
                    text: t.into(),
                    x0,
                    x1,
                    top: 101.0,
                    bottom: 109.0,
                })
                .collect(),
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_cell_printing_the_figure_is_the_target() {
        let boxes = vec![
            lb(3, &[]),
            lb(
                7,
                &[
                    ("住房公积金", 10.0, 60.0),
                    ("1,184.75", 80.0, 120.0),
                    ("148.75", 140.0, 170.0),
                ],
            ),
        ];
        let t = target(&boxes, 7, Some(d("148.75"))).unwrap();
        assert!(t.cell);
        assert_eq!((t.page, t.x0, t.x1, t.top), (2, 140.0, 170.0, 101.0));
        // Commas and scale do not matter.
        let t = target(&boxes, 7, Some(d("1184.750"))).unwrap();
        assert_eq!((t.x0, t.cell), (80.0, true));
    }

    #[test]
    fn no_figure_or_several_cells_is_the_whole_line() {
        let boxes = vec![lb(
            4,
            &[
                ("a", 10.0, 20.0),
                ("5.00", 30.0, 40.0),
                ("5.00", 50.0, 60.0),
            ],
        )];
        for found in [None, Some(d("5")), Some(d("6"))] {
            let t = target(&boxes, 4, found).unwrap();
            assert!(!t.cell);
            assert_eq!((t.x0, t.x1), (10.0, 300.0));
        }
        assert_eq!(target(&boxes, 5, None), None);
    }

    #[test]
    fn figures_read_as_printed() {
        assert_eq!(figure(" 1,234.50 "), Some(d("1234.5")));
        assert_eq!(figure("－3"), Some(d("-3")));
        assert_eq!(figure("住房"), None);
        assert_eq!(figure(""), None);
    }
}
