//! A small PDF writer for the project's own fixtures (tests/fixtures/pdf/): lays out a
//! report given as tab text — cells in columns, numbers right-aligned, blank cells left
//! blank — with one CID font (Identity-H, CID = the Unicode code point, a ToUnicode CMap,
//! widths 1000 for CJK and 500 for ASCII), a running header and a page number on every
//! page. The font is not embedded: the text layer is what the reader reads.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write;

pub const SIZE: f32 = 9.0;
const PITCH: f32 = 16.0;
const MARGIN: f32 = 40.0;

fn width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| if (c as u32) < 0x80 { 0.5 } else { 1.0 })
        .sum::<f32>()
        * size
}

fn hex(s: &str) -> String {
    let mut out = String::from("<");
    for c in s.chars() {
        let u = c as u32;
        if u <= 0xFFFF {
            let _ = write!(out, "{u:04X}");
        }
    }
    out.push('>');
    out
}

/// Amounts are right-aligned; codes (`2010301`) and labels left-aligned.
fn numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        && s.contains(['.', ','])
}

/// One page of placed strings: (x, baseline from the top, size, text). A string that
/// starts with `\u{1}` is a rule instead: `x0 y0 x1 y1` in its text.
pub type Placed = Vec<(f32, f32, f32, String)>;

fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> (f32, f32, f32, String) {
    (0.0, 0.0, 0.0, format!("\u{1}{x0} {y0} {x1} {y1}"))
}

/// Tab text (pages split by form feeds or `-- PAGE_BREAK --`) → placed pages and the
/// page size. A block of consecutive tab lines shares one column grid.
pub fn lay_out(text: &str, running_header: &str) -> (f32, f32, Vec<Placed>) {
    lay_out_with(text, running_header, true)
}

/// `ruled`: draw cell borders (as Excel and Word do), or leave the table unruled.
pub fn lay_out_with(text: &str, running_header: &str, ruled: bool) -> (f32, f32, Vec<Placed>) {
    let pages = paginate(text);
    // Column widths: per block of tab lines.
    let mut placed_pages = Vec::new();
    let mut max_w: f32 = 595.0;
    let mut max_lines = 0usize;
    for page in &pages {
        let lines: Vec<&str> = page.lines().collect();
        max_lines = max_lines.max(lines.len());
        let mut placed: Placed = Vec::new();
        let mut y = MARGIN + 30.0;
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim_end();
            if !line.contains('\t') {
                if !line.trim().is_empty() {
                    placed.push((MARGIN, y, SIZE, line.trim().to_string()));
                }
                y += PITCH;
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && lines[i].contains('\t') {
                i += 1;
            }
            let block: Vec<Vec<String>> = lines[start..i]
                .iter()
                .map(|l| {
                    l.trim_start_matches(' ')
                        .split('\t')
                        .map(|c| c.trim().to_string())
                        .collect()
                })
                .collect();
            let ncols = block.iter().map(Vec::len).max().unwrap_or(0);
            let mut widths = vec![30.0f32; ncols];
            for row in &block {
                for (c, cell) in row.iter().enumerate() {
                    // A cell over blank neighbours on a header line may span them: only
                    // data-like cells widen a column.
                    let spans = row.get(c + 1).is_some_and(|n| n.is_empty()) && !numeric(cell);
                    if !spans {
                        widths[c] = widths[c].max(width(cell, SIZE) + 12.0);
                    }
                }
            }
            let mut xs = vec![MARGIN];
            for w in &widths {
                xs.push(xs.last().unwrap() + w);
            }
            max_w = max_w.max(xs.last().unwrap() + MARGIN);
            if ruled {
                // Cell borders: a frame, a rule under every row, one between columns.
                let top = y - SIZE - 4.0;
                let bottom = top + PITCH * block.len() as f32;
                for r in 0..=block.len() {
                    let yy = top + PITCH * r as f32;
                    placed.push(rule(xs[0], yy, xs[ncols], yy));
                }
                for &x in &xs {
                    placed.push(rule(x, top, x, bottom));
                }
            }
            for row in &block {
                for (c, cell) in row.iter().enumerate() {
                    if cell.is_empty() {
                        continue;
                    }
                    let x = if numeric(cell) {
                        xs[c + 1] - 6.0 - width(cell, SIZE)
                    } else {
                        xs[c] + 6.0
                    };
                    placed.push((x, y, SIZE, cell.clone()));
                }
                y += PITCH;
            }
        }
        placed_pages.push(placed);
    }
    let height = (MARGIN * 2.0 + 60.0 + max_lines as f32 * PITCH).max(842.0);
    let n = placed_pages.len();
    for (k, p) in placed_pages.iter_mut().enumerate() {
        p.push((MARGIN, MARGIN, 8.0, running_header.to_string()));
        let num = format!("- {} -", k + 1);
        p.push((
            max_w / 2.0 - width(&num, 8.0) / 2.0,
            height - MARGIN / 2.0,
            8.0,
            num,
        ));
    }
    let _ = n;
    (max_w, height, placed_pages)
}

/// Pages as given (form feeds, `-- PAGE_BREAK --`), long ones cut at a blank line after
/// 50 lines; narrative lines wrapped at 40 characters.
fn paginate(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for given in text
        .split('\u{c}')
        .flat_map(|p| p.split("-- PAGE_BREAK --"))
    {
        let mut page: Vec<String> = Vec::new();
        for line in given.lines() {
            if page.len() >= 50 && line.trim().is_empty() {
                out.push(page.join("\n"));
                page.clear();
                continue;
            }
            if line.contains('\t') || line.chars().count() <= 40 {
                page.push(line.to_string());
            } else {
                let chars: Vec<char> = line.trim().chars().collect();
                for piece in chars.chunks(40) {
                    page.push(piece.iter().collect());
                }
            }
        }
        out.push(page.join("\n"));
    }
    out
}

/// Placed pages → PDF bytes (uncompressed, deterministic).
pub fn write_pdf(w: f32, h: f32, pages: &[Placed]) -> Vec<u8> {
    let chars: BTreeSet<char> = pages
        .iter()
        .flatten()
        .filter(|(_, _, _, t)| !t.starts_with('\u{1}'))
        .flat_map(|(_, _, _, t)| t.chars())
        .filter(|c| (*c as u32) <= 0xFFFF)
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let list: Vec<char> = chars.into_iter().collect();
    for chunk in list.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for c in chunk {
            let _ = writeln!(cmap, "<{:04X}> <{:04X}>", *c as u32, *c as u32);
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    let mut objects: Vec<String> = Vec::new();
    let n_pages = pages.len();
    let first_page = 7;
    let kids: Vec<String> = (0..n_pages)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        n_pages
    ));
    objects.push("<< /Type /Font /Subtype /Type0 /BaseFont /WenQuanYiMicroHei /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".into());
    objects.push("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /WenQuanYiMicroHei /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>".into());
    objects.push(format!(
        "<< /Length {} >>\nstream\n{}endstream",
        cmap.len(),
        cmap
    ));
    objects.push("<< /Type /FontDescriptor /FontName /WenQuanYiMicroHei /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>".into());
    for p in pages {
        let mut content = String::new();
        for (x, y, size, text) in p {
            if let Some(r) = text.strip_prefix('\u{1}') {
                let v: Vec<f32> = r.split(' ').map(|n| n.parse().unwrap()).collect();
                let _ = writeln!(
                    content,
                    "{:.2} {:.2} m {:.2} {:.2} l S",
                    v[0],
                    h - v[1],
                    v[2],
                    h - v[3]
                );
                continue;
            }
            let _ = writeln!(
                content,
                "BT /F1 {size} Tf {x:.2} {:.2} Td {} Tj ET",
                h - y,
                hex(text)
            );
        }
        let page_no = objects.len() + 1;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.0} {h:.0}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page_no + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{}endstream",
            content.len(),
            content
        ));
    }
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(tail, "{off:010} 00000 n ");
    }
    let _ = write!(
        tail,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
        objects.len() + 1,
        xref
    );
    out.extend_from_slice(tail.as_bytes());
    out
}

/// Tab text → PDF bytes.
pub fn pdf_from_tab_text(text: &str, running_header: &str) -> Vec<u8> {
    pdf_from_tab_text_with(text, running_header, true)
}

pub fn pdf_from_tab_text_with(text: &str, running_header: &str, ruled: bool) -> Vec<u8> {
    let (w, h, pages) = lay_out_with(text, running_header, ruled);
    write_pdf(w, h, &pages)
}
