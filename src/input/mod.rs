//! Inputs other than pasted text. [`pdf`] reads a PDF's glyphs with their positions;
//! [`crate::reader::positioned`] turns them into lines and cells for the reader.

pub mod pdf;
pub mod source_map;

pub use pdf::PdfError;

/// A PDF file → the text the reader reads (tab-aligned table lines, pages split by form
/// feeds), plus what the file said about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// 1-based numbers of the pages that carry no text (scanned images, blank pages).
    pub pages_without_text: Vec<u32>,
}

/// Read a PDF into the reader's text. Errors name why (not a PDF, encrypted, broken).
pub fn pdf_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    pdf_text_with_boxes(bytes).map(|(t, _)| t)
}

/// [`pdf_text`] with the source map: each line's page and box ([`source_map::LineBox`]).
pub fn pdf_text_with_boxes(bytes: &[u8]) -> Result<(PdfText, Vec<source_map::LineBox>), PdfError> {
    pdf_text_with_progress(bytes, &mut |_, _| {})
}

/// [`pdf_text_with_boxes`], telling `on_page(done, total)` as the pages are read.
pub fn pdf_text_with_progress(
    bytes: &[u8],
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<(PdfText, Vec<source_map::LineBox>), PdfError> {
    let pages = pdf::extract_with_progress(bytes, pdf::Limits::default(), on_page)?;
    let laid = crate::reader::positioned::layout(&pages);
    let pages_without_text = pages
        .iter()
        .filter(|p| p.glyphs.is_empty())
        .map(|p| p.number)
        .collect();
    let mapped = crate::reader::positioned::to_text_with_boxes(&laid);
    Ok((
        PdfText {
            text: mapped.text,
            pages: pages.len(),
            pages_without_text,
        },
        mapped.boxes,
    ))
}

/// Page ranges as people write them: `9–41`, `3`, `5、7–8`.
pub fn page_ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    out.join("、")
}
