//! The geometric model under positioned input (READER-DESIGN.md): glyphs → runs →
//! lines → cells, and in table regions a column grid from the cells' x-ranges, so a blank
//! cell is known to be blank.
//!
//! The hand-off to the text reader is text: each table line is printed as tab-separated
//! cells aligned to its table's grid (empty cells kept — the "tab text that keeps
//! positions" shape the reader already reads), narrative lines as plain text, pages
//! separated by form feeds. Running page headers and footers (the same text at the same
//! place on many pages, page numbers) are dropped.
//!
//! Geometry is in PDF points with the origin at the page's top-left. Floats are used for
//! positions only; no figure is ever a float.

use crate::input::pdf::{Glyph, PdfPage, Rule};
use crate::input::source_map::{CellBox, LineBox, TextWithBoxes};
use crate::text::Has;

/// A word or a cell's text with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline from the page's top.
    pub y: f32,
    pub size: f32,
    pub page: u32,
    /// A drawn vertical rule stands between this run and the one before it.
    pub after_rule: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    /// Drawn table rules (cell borders), where the PDF has them.
    pub rules: Vec<Rule>,
}

impl Line {
    fn size(&self) -> f32 {
        let mut s: Vec<f32> = self.runs.iter().map(|r| r.size).collect();
        crate::stable_sort::by(&mut s, f32::total_cmp);
        s.get(s.len() / 2).copied().unwrap_or(10.0).max(1.0)
    }
    fn x0(&self) -> f32 {
        self.runs.iter().map(|r| r.x0).fold(f32::INFINITY, f32::min)
    }
    fn x1(&self) -> f32 {
        self.runs
            .iter()
            .map(|r| r.x1)
            .fold(f32::NEG_INFINITY, f32::max)
    }
    /// The runs' texts joined as a reader of the page would: a space where the gap is a
    /// word gap, nothing between letter-spaced characters of Chinese text.
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for (i, r) in self.runs.iter().enumerate() {
            if i > 0 {
                let prev = &self.runs[i - 1];
                let gap = r.x0 - prev.x1;
                let cjk_pair = ends_cjk(&prev.text) && starts_cjk(&r.text);
                if !(cjk_pair && gap < 1.5 * self.size()) {
                    s.push(' ');
                }
            }
            s.push_str(&r.text);
        }
        s
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}
fn ends_cjk(s: &str) -> bool {
    s.chars().last().is_some_and(is_cjk)
}
fn starts_cjk(s: &str) -> bool {
    s.chars().next().is_some_and(is_cjk)
}

/// Pages of glyphs → pages of lines of runs.
pub fn layout(pages: &[PdfPage]) -> Vec<Page> {
    pages.iter().map(layout_page).collect()
}

fn layout_page(p: &PdfPage) -> Page {
    let mut glyphs: Vec<&Glyph> = p
        .glyphs
        .iter()
        .filter(|g| g.size > 0.5 && g.size < 200.0 && g.y > -50.0 && g.y < p.height + 50.0)
        .collect();
    crate::stable_sort::by(&mut glyphs, |a, b| {
        a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0))
    });
    // Lines: glyphs whose baselines are within a fraction of the font size.
    let mut groups: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new(); // (y, size, glyphs)
    for g in glyphs {
        match groups.last_mut() {
            Some((y, size, gs)) if (g.y - *y).abs() <= 0.35 * size.min(g.size).max(1.0) => {
                gs.push(g)
            }
            _ => groups.push((g.y, g.size, vec![g])),
        }
    }
    let mut lines = Vec::new();
    for (y, _, mut gs) in groups {
        crate::stable_sort::by(&mut gs, |a, b| a.x0.total_cmp(&b.x0));
        // Simulated bold draws a glyph twice, a hair apart: keep one.
        let mut kept: Vec<&Glyph> = Vec::with_capacity(gs.len());
        for g in gs {
            if let Some(last) = kept.last() {
                if last.text == g.text && (g.x0 - last.x0).abs() < 0.3 * g.size.max(1.0) {
                    continue;
                }
            }
            kept.push(g);
        }
        let mut runs: Vec<Run> = Vec::new();
        let mid = y - 0.35 * kept.first().map(|g| g.size).unwrap_or(10.0);
        let walls: Vec<f32> = p
            .rules
            .iter()
            .filter(|r| r.is_vertical() && r.y0 - 1.0 <= mid && mid <= r.y1 + 1.0)
            .map(|r| r.x0)
            .collect();
        for g in kept {
            let size = g.size.max(1.0);
            let wall = runs.last().is_some_and(|r| {
                let (a, b) = ((r.x1 - 0.3 * size).min(g.x0), g.x0 + 0.3 * size);
                walls.iter().any(|&w| a < w && w < b)
            });
            match runs.last_mut() {
                Some(r) if !wall && g.x0 - r.x1 <= 0.2 * size && g.x0 - r.x1 > -0.5 * size => {
                    r.text.push_str(&g.text);
                    r.x1 = r.x1.max(g.x1);
                }
                _ => runs.push(Run {
                    text: g.text.clone(),
                    x0: g.x0,
                    x1: g.x1,
                    y: g.y,
                    size: g.size,
                    page: p.number,
                    after_rule: wall,
                }),
            }
        }
        if !runs.is_empty() {
            lines.push(Line { y, runs });
        }
    }
    Page {
        number: p.number,
        width: p.width,
        height: p.height,
        lines,
        rules: p.rules.clone(),
    }
}

/// A table cell: runs of one line close enough to be one cell's text.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    x0: f32,
    x1: f32,
    /// Where its text stands (for the source map); follows the text where it moves.
    ink: Ink,
}

/// The box of some text on the page (x-range, top and bottom), or none.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ink {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
}

impl Ink {
    const NONE: Ink = Ink {
        x0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
        top: f32::INFINITY,
        bottom: f32::NEG_INFINITY,
    };
    fn of_run(r: &Run) -> Ink {
        Ink {
            x0: r.x0,
            x1: r.x1,
            top: r.y - 0.85 * r.size,
            bottom: r.y + 0.2 * r.size,
        }
    }
    fn of_line(l: &Line) -> Ink {
        l.runs
            .iter()
            .fold(Ink::NONE, |a, r| a.union(Ink::of_run(r)))
    }
    fn union(self, o: Ink) -> Ink {
        Ink {
            x0: self.x0.min(o.x0),
            x1: self.x1.max(o.x1),
            top: self.top.min(o.top),
            bottom: self.bottom.max(o.bottom),
        }
    }
    fn is_none(&self) -> bool {
        self.x0 > self.x1
    }
}

/// `1.`, `2、`, `(3)`: the number of an item, not an amount.
fn list_marker(s: &str) -> bool {
    let t = s.trim();
    let core = t
        .trim_start_matches(['(', '（'])
        .trim_end_matches(['.', '、', ')', '）', '．']);
    core.len() < t.len()
        && !core.is_empty()
        && core.len() <= 2
        && core.chars().all(|c| c.is_ascii_digit())
}

fn numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && !list_marker(t)
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%' | '(' | ')' | '－'))
}

/// The cells of a line: runs split where the gap is wider than a character, or wherever
/// a number stands next to something (numbers of adjacent cells can nearly touch).
fn cells(line: &Line) -> Vec<Cell> {
    let size = line.size();
    let mut out: Vec<Cell> = Vec::new();
    for r in &line.runs {
        if let Some(c) = out.last_mut() {
            let gap = r.x0 - c.x1;
            let split = if r.after_rule {
                true
            } else if list_marker(&c.text) {
                gap > 1.5 * size
            } else {
                gap > 0.9 * size || (gap > 0.2 * size && (numeric(&r.text) || numeric(&c.text)))
            };
            if !split {
                if !(ends_cjk(&c.text) && starts_cjk(&r.text)) {
                    c.text.push(' ');
                }
                c.text.push_str(&r.text);
                c.x1 = c.x1.max(r.x1);
                c.ink = c.ink.union(Ink::of_run(r));
                continue;
            }
        }
        out.push(Cell {
            text: r.text.clone(),
            x0: r.x0,
            x1: r.x1,
            ink: Ink::of_run(r),
        });
    }
    out
}

/// Text on many pages at the same height near the top or bottom edge: a running header
/// or footer; and page numbers near the edges.
fn furniture(pages: &[Page]) -> std::collections::HashSet<(u32, usize)> {
    use std::collections::HashMap;
    let key = |l: &Line| -> String {
        l.plain_text()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let edge = |p: &Page, l: &Line| l.y < p.height * 0.09 || l.y > p.height * 0.91;
    let mut seen: HashMap<(String, i32), Vec<u32>> = HashMap::new();
    for p in pages {
        for l in &p.lines {
            if edge(p, l) {
                seen.entry((key(l), (l.y / 4.0).round() as i32))
                    .or_default()
                    .push(p.number);
            }
        }
    }
    let min_pages = 3.max(pages.len() * 2 / 5);
    let mut out = std::collections::HashSet::new();
    for p in pages {
        for (i, l) in p.lines.iter().enumerate() {
            if !edge(p, l) {
                continue;
            }
            let text = l.plain_text();
            if text.has("单位") {
                continue;
            }
            let repeated = seen
                .get(&(key(l), (l.y / 4.0).round() as i32))
                .is_some_and(|v| v.len() >= min_pages);
            if repeated
                || super::normalize::is_page_marker(text.trim())
                || page_number_like(text.trim())
            {
                out.insert((p.number, i));
            }
        }
    }
    out
}

/// `- 3 -`, `— 3 —`, `第 3 页`, `3/31`, `3`.
fn page_number_like(t: &str) -> bool {
    let core: String = t
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '-' | '—' | '－' | '–' | '第' | '页' | '共' | '/')
        })
        .collect();
    !core.is_empty() && core.len() <= 6 && core.chars().all(|c| c.is_ascii_digit())
}

/// A line of the output: plain text (with where it stands), or cells aligned to a grid.
enum Out {
    Plain(String, Ink),
    Cells(Vec<Cell>),
}

impl Out {
    fn text(&self) -> String {
        match self {
            Out::Plain(s, _) => s.clone(),
            Out::Cells(cs) => cs
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
        }
    }

    /// Where the line stands on page `page`, as text line `line`; `None` without ink.
    fn line_box(&self, line: usize, page: u32) -> Option<LineBox> {
        let (ink, cells) = match self {
            Out::Plain(_, ink) => (*ink, Vec::new()),
            Out::Cells(cs) => {
                let ink = cs.iter().fold(Ink::NONE, |a, c| a.union(c.ink));
                let cells = cs
                    .iter()
                    .map(|c| {
                        let own = if c.ink.is_none() {
                            Ink {
                                x0: c.x0,
                                x1: c.x1,
                                ..ink
                            }
                        } else {
                            c.ink
                        };
                        CellBox {
                            text: c.text.clone(),
                            x0: own.x0,
                            x1: own.x1,
                            top: own.top,
                            bottom: own.bottom,
                        }
                    })
                    .collect();
                (ink, cells)
            }
        };
        (!ink.is_none()).then_some(LineBox {
            line,
            page,
            x0: ink.x0,
            top: ink.top,
            x1: ink.x1,
            bottom: ink.bottom,
            cells,
        })
    }
}

/// Lines → the reader's text: table blocks as tab-aligned cells, the rest as plain text,
/// pages split by form feeds. The text of [`to_text_with_boxes`].
pub fn to_text(pages: &[Page]) -> String {
    to_text_with_boxes(pages).text
}

/// [`to_text`] with the source map: for each line of the text that has text, its page and
/// box (and a table line's tab cells' boxes), so a finding's line can be shown on its page.
pub fn to_text_with_boxes(pages: &[Page]) -> TextWithBoxes {
    let skip = furniture(pages);
    let mut out = String::new();
    let mut boxes = Vec::new();
    // The 1-based number of the next line written.
    let mut line = 1;
    let mut carry: Option<Vec<(f32, f32)>> = None;
    for (pi, p) in pages.iter().enumerate() {
        if pi > 0 {
            // An empty line, then one holding only the form feed.
            out.push_str("\n\u{c}\n");
            line += 2;
        }
        let lines: Vec<&Line> = p
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(&(p.number, *i)))
            .map(|(_, l)| l)
            .collect();
        let rendered = render_page(p, &lines, &mut carry);
        for l in rendered {
            out.push_str(&l.text());
            out.push('\n');
            boxes.extend(l.line_box(line, p.number));
            line += 1;
        }
    }
    TextWithBoxes {
        text: out,
        boxes,
        // Which pages have no text is the PDF reader's to say (`input::pdf_text`).
        scanned: Vec::new(),
    }
}

fn render_page(p: &Page, lines: &[&Line], carry: &mut Option<Vec<(f32, f32)>>) -> Vec<Out> {
    let cells_of: Vec<Vec<Cell>> = lines.iter().map(|l| cells(l)).collect();
    let n = lines.len();
    // Table lines: two or more cells, or one cell inside a run of table lines that is
    // not a paragraph (wrapped labels, header pieces, a row with one value).
    // A table's title is no table line, however its runs are spaced
    // (`2026` and `年市级部门支出预算总表` set apart as two cells).
    let multi: Vec<bool> = cells_of
        .iter()
        .zip(lines)
        .map(|(c, l)| c.len() >= 2 && super::titles::match_title_line(&l.plain_text()).is_none())
        .collect();
    // A drawn table: the tallest vertical rule across a line (borders drawn cell by cell
    // joined). A block never runs from one drawn table into the next.
    let walls = joined_verticals(&p.rules);
    let frame_of = |k: usize| -> Option<(f32, f32)> {
        let l = lines[k];
        let mid = l.y - 0.35 * l.size();
        walls
            .iter()
            .filter(|w| w.1 - 1.0 <= mid && mid <= w.2 + 1.0)
            .max_by(|a, b| (a.2 - a.1).total_cmp(&(b.2 - b.1)))
            .map(|w| (w.1, w.2))
    };
    let frames: Vec<Option<(f32, f32)>> = (0..n).map(frame_of).collect();
    let same_frame = |a: Option<(f32, f32)>, b: Option<(f32, f32)>| match (a, b) {
        (Some(a), Some(b)) => (a.0 - b.0).abs() < 2.0 && (a.1 - b.1).abs() < 2.0,
        _ => false,
    };
    let mut block_of: Vec<Option<usize>> = vec![None; n];
    let mut i = 0;
    while i < n {
        if !multi[i] {
            i += 1;
            continue;
        }
        // Extend a block from i while lines are table lines or short single cells.
        let mut j = i;
        let mut last_multi = i;
        while j + 1 < n {
            let next = j + 1;
            if frames[j].is_some() && !same_frame(frames[j], frames[next]) {
                break;
            }
            let gap = lines[next].y - lines[j].y;
            if gap > 4.0 * lines[j].size().max(lines[next].size()) {
                // A fixed-height table leaves blank rows above its total line: the
                // table goes on where a row of numbers follows a table with numbers.
                let numbers = |k: usize| cells_of[k].iter().any(|c| numeric(&c.text));
                let total_row = multi[next] && numbers(next) && (i..=j).any(numbers);
                if !total_row || gap > p.height * 0.6 {
                    break;
                }
            }
            if multi[next] {
                last_multi = next;
            } else {
                let width = lines[next].x1() - lines[next].x0();
                if width > p.width * 0.55 {
                    break;
                }
            }
            j = next;
        }
        let end = last_multi;
        // A block of one line with two cells is a line of text that has a wide gap, unless
        // a number is in it.
        let has_number = (i..=end).any(|k| cells_of[k].iter().any(|c| numeric(&c.text)));
        let wide = (i..=end).any(|k| cells_of[k].len() >= 3);
        if has_number || wide {
            // Header cells printed alone on their line above the first line of two cells
            // (a merged heading over the whole table, `公务用车购置及运行费` over its
            // three columns) are the table's when they stand inside its drawn frame.
            let mut start = i;
            while start > 0
                && block_of[start - 1].is_none()
                && frames[start - 1].is_some()
                && same_frame(frames[start - 1], frames[i])
            {
                start -= 1;
            }
            for slot in block_of.iter_mut().take(end + 1).skip(start) {
                *slot = Some(i);
            }
        }
        i = end + 1;
    }
    let mut result: Vec<Out> = Vec::new();
    let mut k = 0;
    while k < n {
        let Some(id) = block_of[k] else {
            result.push(Out::Plain(lines[k].plain_text(), Ink::of_line(lines[k])));
            k += 1;
            continue;
        };
        let start = k;
        while k < n && block_of[k] == Some(id) {
            k += 1;
        }
        let block: Vec<usize> = (start..k).collect();
        let seed = if start == 0 || lines[start].y < p.height * 0.3 {
            carry.clone()
        } else {
            None
        };
        let ruled = ruled_grid(p, &block, lines);
        let grid = ruled
            .clone()
            .unwrap_or_else(|| grid_for(&block, &cells_of, seed.as_deref()));
        if grid.len() < 2 {
            // One column: text after all (a list, a line with a wide gap).
            for &b in &block {
                result.push(Out::Plain(lines[b].plain_text(), Ink::of_line(lines[b])));
            }
            continue;
        }
        let rows = align(
            &block,
            lines,
            &cells_of,
            &grid,
            ruled.is_some().then_some(&p.rules[..]),
        );
        result.extend(split_code_header(rows).into_iter().map(Out::Cells));
        *carry = Some(grid);
    }
    if block_of.last().copied().flatten().is_none() {
        // The page ends in text: a table on the next page starts afresh.
        if let Some(last_table) = block_of.iter().rposition(|t| t.is_some()) {
            let text_after = n - last_table - 1;
            if text_after > 2 {
                *carry = None;
            }
        } else {
            *carry = None;
        }
    }
    result
}

fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0.0)
}

/// Columns of a block: the x-ranges of its data lines' cells merged where they overlap;
/// then header cells that stand over no such column add their own. A seed (the grid of
/// the same table on the page before) keeps a continuation page's columns.
fn grid_for(
    block: &[usize],
    cells_of: &[Vec<Cell>],
    seed: Option<&[(f32, f32)]>,
) -> Vec<(f32, f32)> {
    let mut cols: Vec<(f32, f32)> = Vec::new();
    let is_data = |k: usize| cells_of[k].len() >= 2 && cells_of[k].iter().any(|c| numeric(&c.text));
    let add = |cols: &mut Vec<(f32, f32)>, iv: (f32, f32), merge: bool| {
        let hits: Vec<usize> = (0..cols.len())
            .filter(|&c| overlap(cols[c], iv) > 0.0 || (iv.0 <= cols[c].0 && iv.1 >= cols[c].1))
            .collect();
        if hits.is_empty() {
            cols.push(iv);
        } else if merge {
            let mut lo = iv.0;
            let mut hi = iv.1;
            for &h in &hits {
                lo = lo.min(cols[h].0);
                hi = hi.max(cols[h].1);
            }
            for &h in hits.iter().rev() {
                cols.remove(h);
            }
            cols.push((lo, hi));
        }
        crate::stable_sort::by(cols, |a, b| a.0.total_cmp(&b.0));
    };
    for &k in block.iter().filter(|&&k| is_data(k)) {
        for c in &cells_of[k] {
            add(&mut cols, (c.x0, c.x1), true);
        }
    }
    // The same table's columns on the page before: those this page leaves blank.
    for &iv in seed.unwrap_or(&[]) {
        add(&mut cols, iv, false);
    }
    // Header cells, lowest first. One that stands over no column yet is a column of its
    // own (a column blank in every row), unless a lower header line has cells on both
    // sides of it: then it is a merged cell centred over the columns beneath it.
    let headers: Vec<usize> = block.iter().copied().filter(|&k| !is_data(k)).collect();
    for (hi, &k) in headers.iter().enumerate().rev() {
        for c in &cells_of[k] {
            let w = (c.x1 - c.x0).max(1.0);
            let straddled = headers[hi + 1..].iter().any(|&lower| {
                let cs = &cells_of[lower];
                cs.iter().any(|d| d.x1 <= c.x0 && c.x0 - d.x1 < 3.0 * w)
                    && cs.iter().any(|d| d.x0 >= c.x1 && d.x0 - c.x1 < 3.0 * w)
            });
            let hits = cols.iter().any(|&g| overlap(g, (c.x0, c.x1)) > 0.0);
            if !hits && straddled {
                continue;
            }
            add(&mut cols, (c.x0, c.x1), false);
        }
    }
    cols
}

/// Each line of the block as one cell per column (empty where nothing stands), with
/// wrapped label pieces joined to the row they belong to.
/// Columns from the drawn vertical rules across a block, where there are enough of them.
fn ruled_grid(p: &Page, block: &[usize], lines: &[&Line]) -> Option<Vec<(f32, f32)>> {
    let top = block
        .iter()
        .map(|&k| lines[k].y - lines[k].size())
        .fold(f32::INFINITY, f32::min);
    let bottom = block
        .iter()
        .map(|&k| lines[k].y)
        .fold(f32::NEG_INFINITY, f32::max);
    let left = block
        .iter()
        .map(|&k| lines[k].x0())
        .fold(f32::INFINITY, f32::min);
    let right = block
        .iter()
        .map(|&k| lines[k].x1())
        .fold(f32::NEG_INFINITY, f32::max);
    let mut xs: Vec<f32> = p
        .rules
        .iter()
        .filter(|r| r.is_vertical() && r.y1 > top && r.y0 < bottom && r.y1 - r.y0 > 4.0)
        .map(|r| r.x0)
        .collect();
    crate::stable_sort::by(&mut xs, f32::total_cmp);
    let mut cuts: Vec<f32> = Vec::new();
    for x in xs {
        match cuts.last() {
            Some(&last) if x - last < 2.0 => {}
            _ => cuts.push(x),
        }
    }
    if cuts.len() < 3 {
        return None;
    }
    let span = cuts.last().copied().unwrap_or(0.0) - cuts[0];
    if span < 0.5 * (right - left) {
        return None;
    }
    // Text left or right of the ruled area (the unit line above a table) gets an edge column.
    let mut cols: Vec<(f32, f32)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    if left < cuts[0] - 2.0 {
        cols.insert(0, (left.min(cuts[0] - 1.0), cuts[0]));
    }
    if right > cuts[cuts.len() - 1] + 2.0 {
        cols.push((cuts[cuts.len() - 1], right));
    }
    // A ruled column no text line ever reaches is still a column (blank throughout).
    Some(cols)
}

/// Vertical rules as (x, top, bottom), segments at one x that touch joined into one.
fn joined_verticals(rules: &[Rule]) -> Vec<(f32, f32, f32)> {
    let mut v: Vec<(f32, f32, f32)> = rules
        .iter()
        .filter(|r| r.is_vertical())
        .map(|r| (r.x0, r.y0, r.y1))
        .collect();
    crate::stable_sort::by(&mut v, |a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for w in v {
        match out.last_mut() {
            Some(last) if (w.0 - last.0).abs() < 0.6 && w.1 <= last.2 + 1.5 => {
                last.2 = last.2.max(w.2)
            }
            _ => out.push(w),
        }
    }
    out
}

/// The horizontal rules just above and below `y` at `x`.
fn band(rules: &[Rule], x: f32, y: f32) -> (f32, f32) {
    let mut above = f32::NEG_INFINITY;
    let mut below = f32::INFINITY;
    for r in rules
        .iter()
        .filter(|r| r.is_horizontal() && r.x0 - 1.0 <= x && x <= r.x1 + 1.0)
    {
        if r.y0 <= y {
            above = above.max(r.y0);
        } else {
            below = below.min(r.y0);
        }
    }
    (above, below)
}

fn align(
    block: &[usize],
    lines: &[&Line],
    cells_of: &[Vec<Cell>],
    grid: &[(f32, f32)],
    rules: Option<&[Rule]>,
) -> Vec<Vec<Cell>> {
    let place = |cells: &[Cell], y_mid: f32| -> Vec<Cell> {
        let mut row: Vec<Cell> = grid
            .iter()
            .map(|&(x0, x1)| Cell {
                text: String::new(),
                x0,
                x1,
                ink: Ink::NONE,
            })
            .collect();
        for c in cells {
            // Drawn cells: the text belongs to the cell whose left border is the nearest
            // rule on its left at its height (a merged cell's text to its first column).
            let by_rule = rules.and_then(|rules| {
                let left = rules
                    .iter()
                    .filter(|r| {
                        r.is_vertical()
                            && r.y0 - 1.0 <= y_mid
                            && y_mid <= r.y1 + 1.0
                            && r.x0 <= c.x0 + 1.0
                    })
                    .map(|r| r.x0)
                    .fold(f32::NEG_INFINITY, f32::max);
                grid.iter().position(|g| (g.0 - left).abs() < 2.0)
            });
            let mut best = by_rule;
            let mut best_ov = if by_rule.is_some() {
                f32::INFINITY
            } else {
                0.0
            };
            for (i, &g) in grid.iter().enumerate() {
                let ov = overlap(g, (c.x0, c.x1));
                // A cell over several columns (a merged header cell) goes to the first.
                if ov > 0.0 && best.is_none() {
                    best = Some(i);
                    best_ov = ov;
                } else if ov > best_ov && !spans(c, grid) {
                    best = Some(i);
                    best_ov = ov;
                }
            }
            let i = best.unwrap_or_else(|| nearest(grid, (c.x0 + c.x1) / 2.0));
            if let Some(slot) = row.get_mut(i) {
                if !slot.text.is_empty() {
                    slot.text.push(' ');
                }
                slot.text.push_str(&c.text);
                slot.ink = slot.ink.union(c.ink);
            }
        }
        row
    };
    let mut rows: Vec<(usize, Vec<Cell>)> = block
        .iter()
        .map(|&k| (k, place(&cells_of[k], lines[k].y - 0.35 * lines[k].size())))
        .collect();
    let is_data = |cs: &[Cell]| cs.iter().any(|c| numeric(&c.text));
    if let Some(rules) = rules {
        return merge_drawn_cells(rows, lines, grid, rules);
    }
    // Wrapped labels: a line with text only (no number), close above or below a data
    // row that has text in the same columns, is part of that row's cells.
    let first_data = rows.iter().position(|(_, r)| is_data(r));
    let Some(first_data) = first_data else {
        return rows.into_iter().map(|(_, r)| r).collect();
    };
    let mut merged_into: Vec<Option<usize>> = vec![None; rows.len()];
    for i in (first_data + 1)..rows.len() {
        if is_data(&rows[i].1) {
            continue;
        }
        let y = lines[rows[i].0].y;
        let size = lines[rows[i].0].size();
        let near = |j: usize| (lines[rows[j].0].y - y).abs();
        let mut cands: Vec<usize> = Vec::new();
        if let Some(up) = (0..i)
            .rev()
            .find(|&j| merged_into[j].is_none() && is_data(&rows[j].1))
        {
            cands.push(up);
        }
        if let Some(down) = ((i + 1)..rows.len()).find(|&j| is_data(&rows[j].1)) {
            cands.push(down);
        }
        crate::stable_sort::by(&mut cands, |&a, &b| near(a).total_cmp(&near(b)));
        let target = if let Some(rules) = rules {
            // Drawn rows: the data row between the same two rules as this line's text.
            let first = rows[i].1.iter().position(|c| !c.text.is_empty());
            let Some(first) = first else { continue };
            let x = (grid[first].0 + grid[first].1) / 2.0;
            let mid = |k: usize| lines[rows[k].0].y - 0.35 * lines[rows[k].0].size();
            let b = band(rules, x, mid(i));
            if !b.0.is_finite() || !b.1.is_finite() {
                continue;
            }
            match cands.iter().find(|&&c| band(rules, x, mid(c)) == b) {
                Some(&t) => t,
                None => continue,
            }
        } else {
            let Some(&target) = cands.first() else {
                continue;
            };
            if near(target) > 1.0 * size {
                continue;
            }
            target
        };
        // Only where every piece continues a text cell of the target row.
        let fits = rows[i].1.iter().enumerate().all(|(c, cell)| {
            cell.text.is_empty()
                || rows[target]
                    .1
                    .get(c)
                    .is_some_and(|t| !t.text.is_empty() && !numeric(&t.text))
        });
        if !fits {
            continue;
        }
        let above = lines[rows[i].0].y < lines[rows[target].0].y;
        let piece = rows[i].1.clone();
        for (c, cell) in piece.iter().enumerate() {
            if cell.text.is_empty() {
                continue;
            }
            rows[target].1[c].ink = rows[target].1[c].ink.union(cell.ink);
            let t = &mut rows[target].1[c].text;
            *t = if above {
                format!("{}{}", cell.text, t)
            } else {
                format!("{}{}", t, cell.text)
            };
        }
        merged_into[i] = Some(target);
    }
    rows.into_iter()
        .enumerate()
        .filter(|(i, _)| merged_into[*i].is_none())
        .map(|(_, (_, r))| r)
        .collect()
}

/// Drawn cells: the texts of one column between the same two horizontal rules are one
/// cell's text (a wrapped label, a header cell over two lines). They join on the row that
/// has numbers, or on the top line; lines left empty go. A band holding two rows of
/// numbers has no rules between its rows, and is left as it is.
fn merge_drawn_cells(
    mut rows: Vec<(usize, Vec<Cell>)>,
    lines: &[&Line],
    grid: &[(f32, f32)],
    rules: &[Rule],
) -> Vec<Vec<Cell>> {
    let is_data = |cs: &[Cell]| cs.iter().any(|c| numeric(&c.text));
    let mid = |k: usize| lines[k].y - 0.35 * lines[k].size();
    // Lines outside the drawn table (its title, its unit line) are no cell's text.
    let inside = |k: usize| {
        let y = mid(k);
        rules
            .iter()
            .any(|r| r.is_vertical() && r.y0 - 1.0 <= y && y <= r.y1 + 1.0)
    };
    let band = |rules: &[Rule], x: f32, y: f32, k: usize| {
        if inside(k) {
            band(rules, x, y)
        } else {
            (f32::NEG_INFINITY, f32::INFINITY)
        }
    };
    // Rows first: from the first row of numbers on, lines between the same two rules
    // (taken at the first column that has rules there) are one drawn row, whose cells may
    // sit at different heights (top- and bottom-aligned cells of one row).
    if let Some(first_data) = rows.iter().position(|(_, r)| is_data(r)) {
        // Taken at the line's own first cell: a header cell beside a taller merged cell
        // is its own row.
        let row_band = |i: usize| {
            let first = rows[i]
                .1
                .iter()
                .position(|c| !c.text.is_empty())
                .unwrap_or(0);
            grid[first..]
                .iter()
                .map(|&(x0, x1)| band(rules, (x0 + x1) / 2.0, mid(rows[i].0), rows[i].0))
                .find(|b| b.0.is_finite() && b.1.is_finite())
        };
        let bands: Vec<Option<(f32, f32)>> = (0..rows.len()).map(row_band).collect();
        let same = |a: Option<(f32, f32)>, b: (f32, f32)| {
            a.is_some_and(|a| (a.0 - b.0).abs() < 1.5 && (a.1 - b.1).abs() < 1.5)
        };
        let mut i = first_data;
        while i < rows.len() {
            let Some(b) = bands[i] else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < rows.len() && same(bands[j], b) {
                j += 1;
            }
            if j - i > 1 {
                // Two numbers in one column: no rule between these rows after all.
                let conflict = (0..grid.len())
                    .any(|c| (i..j).filter(|&m| numeric(&rows[m].1[c].text)).count() > 1);
                if !conflict {
                    for c in 0..grid.len() {
                        let text: String = (i..j).map(|m| rows[m].1[c].text.clone()).collect();
                        let ink = (i..j).fold(Ink::NONE, |a, m| a.union(rows[m].1[c].ink));
                        for m in i..j {
                            rows[m].1[c].text.clear();
                            rows[m].1[c].ink = Ink::NONE;
                        }
                        rows[i].1[c].text = text;
                        rows[i].1[c].ink = ink;
                    }
                }
            }
            i = j;
        }
    }
    for (c, &(x0, x1)) in grid.iter().enumerate() {
        let x = (x0 + x1) / 2.0;
        let mut groups: Vec<((f32, f32), Vec<usize>)> = Vec::new();
        for (i, (k, row)) in rows.iter().enumerate() {
            if row[c].text.is_empty() {
                continue;
            }
            let b = band(rules, x, mid(*k), *k);
            if !b.0.is_finite() || !b.1.is_finite() {
                continue;
            }
            match groups.iter_mut().find(|(gb, _)| *gb == b) {
                Some((_, v)) => v.push(i),
                None => groups.push((b, vec![i])),
            }
        }
        for (_, members) in groups {
            if members.len() < 2 {
                continue;
            }
            let data: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| is_data(&rows[i].1))
                .collect();
            if data.len() > 1 {
                continue;
            }
            let target = data.first().copied().unwrap_or(members[0]);
            let text: String = members
                .iter()
                .map(|&i| rows[i].1[c].text.clone())
                .collect::<Vec<_>>()
                .join("");
            let ink = members
                .iter()
                .fold(Ink::NONE, |a, &i| a.union(rows[i].1[c].ink));
            for &i in &members {
                rows[i].1[c].text.clear();
                rows[i].1[c].ink = Ink::NONE;
            }
            rows[target].1[c].text = text;
            rows[target].1[c].ink = ink;
        }
        // A tall header cell (项目支出 over two header rows) prints its text on a lower
        // line: it goes up to the cell's first line, so that a merged cell to its left
        // (基本支出 over three columns) is not read as standing over it as well.
        let first_data = rows
            .iter()
            .position(|(_, r)| is_data(r))
            .unwrap_or(rows.len());
        for i in 0..first_data {
            if rows[i].1[c].text.is_empty() {
                continue;
            }
            let b = band(rules, x, mid(rows[i].0), rows[i].0);
            if !b.0.is_finite() || !b.1.is_finite() {
                continue;
            }
            let top = (0..i).find(|&j| {
                rows[j].1[c].text.is_empty() && band(rules, x, mid(rows[j].0), rows[j].0) == b
            });
            if let Some(j) = top {
                let t = std::mem::take(&mut rows[i].1[c].text);
                rows[j].1[c].text = t;
                rows[j].1[c].ink = std::mem::replace(&mut rows[i].1[c].ink, Ink::NONE);
            }
        }
    }
    rows.into_iter()
        .map(|(_, r)| r)
        .filter(|r| r.iter().any(|c| !c.text.is_empty()))
        .collect()
}

/// `类 款 项` printed on the baseline of the first data row (a header row beside a taller
/// merged cell): a header line of its own above that row.
fn split_code_header(rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let is_code_word = |t: &str| matches!(t, "类" | "款" | "项");
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let words = row.iter().filter(|c| is_code_word(c.text.trim())).count();
        let numbers = row.iter().any(|c| numeric(&c.text));
        if words >= 2 && numbers {
            let keep = |c: &Cell, head: bool| {
                let mine = is_code_word(c.text.trim()) == head;
                Cell {
                    text: if mine { c.text.clone() } else { String::new() },
                    ink: if mine { c.ink } else { Ink::NONE },
                    ..c.clone()
                }
            };
            out.push(row.iter().map(|c| keep(c, true)).collect());
            out.push(row.iter().map(|c| keep(c, false)).collect());
        } else {
            out.push(row);
        }
    }
    out
}

fn spans(c: &Cell, grid: &[(f32, f32)]) -> bool {
    grid.iter()
        .filter(|&&g| overlap(g, (c.x0, c.x1)) > 0.0)
        .count()
        > 1
}

fn nearest(grid: &[(f32, f32)], x: f32) -> usize {
    let mut best = 0;
    let mut d = f32::INFINITY;
    for (i, &(a, b)) in grid.iter().enumerate() {
        let dd = if x < a {
            a - x
        } else if x > b {
            x - b
        } else {
            0.0
        };
        if dd < d {
            d = dd;
            best = i;
        }
    }
    best
}
