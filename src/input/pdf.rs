//! PDF → glyphs with positions, on `lopdf` with our own content-stream walk.
//!
//! Why our own walk (BENCHMARKS.md, "PDF text extraction"): `lopdf` parses the file and
//! decodes ToUnicode CMaps (Identity-H) and simple encodings, returns errors instead of
//! panicking, and bounds decompression; what it lacks is where each glyph stands. The walk
//! below keeps the text state (Tm, CTM, Tf, Tc, Tw, Tz, TL, Ts), reads glyph widths from
//! `/Widths` and `/W`, and emits one [`Glyph`] per character code with its box in page
//! coordinates (origin top-left, y down, PDF points). Every loop is bounded by [`Limits`],
//! so a hostile file costs at most a known amount of work.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::Encoding;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// One character as drawn: its text (usually one char; a ligature may map to several),
/// its box on the page (top-left origin, points) and its font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline, measured from the page's top.
    pub y: f32,
    pub size: f32,
}

/// A drawn straight line (a table rule), page coordinates (top-left origin).
/// Horizontal: `y0 == y1`; vertical: `x0 == x1`. Thin filled rectangles count as lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn is_vertical(&self) -> bool {
        (self.x1 - self.x0).abs() < 0.01
    }
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.01
    }
}

/// One page's glyphs, in drawing order, and its straight rules.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// Why a file could not be read as a PDF. Each has a message for people (zh, en).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not a PDF at all (no `%PDF-` header).
    NotPdf,
    /// Encrypted with a password we do not have.
    Encrypted,
    /// A PDF header, but the file could not be parsed.
    Broken(String),
    /// Over the size limit.
    TooLarge { bytes: usize, limit: usize },
}

impl PdfError {
    pub fn message_zh(&self) -> String {
        match self {
            PdfError::NotPdf => "这不是 PDF 文件".into(),
            PdfError::Encrypted => "该 PDF 已加密（需要密码），无法读取其文字".into(),
            PdfError::Broken(why) => format!("该 PDF 已损坏，无法读取（{why}）"),
            PdfError::TooLarge { bytes, limit } => format!(
                "该 PDF 太大（{} MB，上限 {} MB）",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
        }
    }
    pub fn message_en(&self) -> String {
        match self {
            PdfError::NotPdf => "not a PDF file".into(),
            PdfError::Encrypted => {
                "the PDF is encrypted (password needed); its text cannot be read".into()
            }
            PdfError::Broken(why) => format!("the PDF is broken and cannot be read ({why})"),
            PdfError::TooLarge { bytes, limit } => format!(
                "the PDF is too large ({} MB, limit {} MB)",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message_en())
    }
}

/// Bounds on the work one file may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_pages: usize,
    /// Decompressed size of one content stream, font program or CMap.
    pub max_stream_bytes: usize,
    /// Content-stream operators walked per page, form XObjects included.
    pub max_ops_per_page: usize,
    pub max_glyphs_per_page: usize,
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200_000_000,
            max_pages: 3_000,
            max_stream_bytes: 64 << 20,
            max_ops_per_page: 2_000_000,
            max_glyphs_per_page: 200_000,
            max_form_depth: 8,
        }
    }
}

/// Read every page's glyphs.
pub fn extract(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
    extract_with(bytes, Limits::default())
}

pub fn extract_with(bytes: &[u8], limits: Limits) -> Result<Vec<PdfPage>, PdfError> {
    extract_with_progress(bytes, limits, &mut |_, _| {})
}

/// [`extract_with`], telling `on_page(done, total)` after each page is read (a long
/// PDF read in the page shows how far it is).
pub fn extract_with_progress(
    bytes: &[u8],
    limits: Limits,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PdfPage>, PdfError> {
    let doc = load(bytes, &limits)?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Broken("no pages".into()));
    }
    let total = pages.len().min(limits.max_pages);
    let mut out = Vec::new();
    for (&number, &page_id) in pages.iter().take(limits.max_pages) {
        out.push(read_page(&doc, number, page_id, &limits));
        on_page(out.len(), total);
    }
    Ok(out)
}

/// The document, or why it cannot be read (too large, not a PDF, encrypted, broken).
fn load(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_file_bytes,
        });
    }
    if !looks_like_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => {
            let text = e.to_string();
            if text.to_ascii_lowercase().contains("decrypt")
                || text.to_ascii_lowercase().contains("password")
            {
                return Err(PdfError::Encrypted);
            }
            return Err(PdfError::Broken(short(&text)));
        }
    };
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Read one page (1-based `number`), for drawing it ("在原文中查看"): `Ok(None)` when the
/// PDF has no such page or it lies beyond `limits.max_pages`.
pub fn extract_page_with(
    bytes: &[u8],
    number: u32,
    limits: Limits,
) -> Result<Option<PdfPage>, PdfError> {
    if number == 0 || number as usize > limits.max_pages {
        return Ok(None);
    }
    let doc = load(bytes, &limits)?;
    let pages = doc.get_pages();
    Ok(pages
        .get(&number)
        .map(|&page_id| read_page(&doc, number, page_id, &limits)))
}

/// `%PDF-` within the first KiB (some files carry junk before it).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn short(s: &str) -> String {
    s.chars().take(120).collect()
}

#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other (PDF row-vector convention: first self, then other).
    fn mul(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }
    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
}

struct Font<'a> {
    two_byte: bool,
    encoding: Option<Encoding<'a>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    cache: HashMap<u32, String>,
}

impl<'a> Font<'a> {
    fn load(doc: &'a Document, dict: &'a Dictionary, limits: &Limits) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let encoding = dict
            .get_font_encoding_with_limit(doc, limits.max_stream_bytes)
            .ok();
        let mut widths = HashMap::new();
        let mut default_width = if two_byte { 1000.0 } else { 500.0 };
        if two_byte {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).and_then(|o| o.as_dict().ok()));
            if let Some(cid) = descendant {
                if let Some(dw) = cid
                    .get_deref(b"DW", doc)
                    .ok()
                    .and_then(|o| o.as_float().ok())
                {
                    default_width = dw;
                }
                if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                    read_cid_widths(doc, w, &mut widths);
                }
            }
        } else {
            let first = dict
                .get_deref(b"FirstChar", doc)
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (i, o) in w.iter().enumerate().take(256) {
                    if let Some(v) = deref(doc, o).and_then(|o| o.as_float().ok()) {
                        widths.insert((first + i as i64).clamp(0, 65535) as u32, v);
                    }
                }
            }
            if let Some(m) = dict
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .ok()
                .and_then(|fd| fd.get(b"MissingWidth").ok())
                .and_then(|o| o.as_float().ok())
            {
                if m > 0.0 {
                    default_width = m;
                }
            }
        }
        Font {
            two_byte,
            encoding,
            widths,
            default_width,
            cache: HashMap::new(),
        }
    }

    fn width(&self, code: u32) -> f32 {
        let w = self
            .widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width);
        if w.is_finite() {
            w
        } else {
            self.default_width
        }
    }

    fn text(&mut self, code: u32, raw: &[u8]) -> String {
        if let Some(t) = self.cache.get(&code) {
            return t.clone();
        }
        let t = match &self.encoding {
            Some(enc) => enc.bytes_to_string(raw).unwrap_or_default(),
            None => raw
                .iter()
                .filter(|b| b.is_ascii_graphic() || **b == b' ')
                .map(|b| *b as char)
                .collect(),
        };
        // Drop control characters and U+FFFD; keep what a reader can use.
        let t: String = t
            .chars()
            .filter(|c| !c.is_control() && *c != '\u{FFFD}' && *c != '\u{0}')
            .collect();
        if self.cache.len() < 70_000 {
            self.cache.insert(code, t.clone());
        }
        t
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    let mut budget = 70_000usize;
    while i < w.len() && budget > 0 {
        let Some(first) = deref(doc, &w[i]).and_then(|o| o.as_i64().ok()) else {
            return;
        };
        let Some(next) = w.get(i + 1).and_then(|o| deref(doc, o)) else {
            return;
        };
        if let Ok(arr) = next.as_array() {
            for (k, v) in arr.iter().enumerate() {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                if let Some(v) = deref(doc, v).and_then(|o| o.as_float().ok()) {
                    out.insert((first + k as i64).clamp(0, 0xFFFF) as u32, v);
                }
            }
            i += 2;
        } else {
            let last = next.as_i64().unwrap_or(first);
            let Some(v) = w
                .get(i + 2)
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_float().ok())
            else {
                return;
            };
            let (lo, hi) = (first.clamp(0, 0xFFFF), last.clamp(0, 0xFFFF));
            let mut c = lo;
            while c <= hi && budget > 0 {
                out.insert(c as u32, v);
                budget -= 1;
                c += 1;
            }
            i += 3;
        }
    }
}

#[derive(Clone, Copy)]
struct GState {
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    size: f32,
    font: Option<usize>,
}

struct Walker<'a, 'l> {
    doc: &'a Document,
    limits: &'l Limits,
    fonts: Vec<Font<'a>>,
    font_ids: HashMap<FontKey, usize>,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    /// The path being built: segments in user space (before the CTM), and rectangles.
    path: Vec<(f32, f32, f32, f32)>,
    cursor: (f32, f32),
    subpath_start: (f32, f32),
    ops: usize,
    height: f32,
    origin: (f32, f32),
}

#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Id(ObjectId),
    Inline(usize),
}

fn num(o: &Object) -> f32 {
    o.as_float().ok().filter(|v| v.is_finite()).unwrap_or(0.0)
}

fn media_box(doc: &Document, page_id: ObjectId) -> [f32; 4] {
    let mut id = Some(page_id);
    let mut hops = 0;
    while let Some(cur) = id {
        hops += 1;
        if hops > 32 {
            break;
        }
        let Ok(dict) = doc.get_dictionary(cur) else {
            break;
        };
        for key in [b"CropBox".as_slice(), b"MediaBox".as_slice()] {
            if let Ok(arr) = dict.get_deref(key, doc).and_then(Object::as_array) {
                if arr.len() == 4 {
                    let v: Vec<f32> = arr
                        .iter()
                        .map(|o| deref(doc, o).map(num).unwrap_or(0.0))
                        .collect();
                    return [
                        v[0].min(v[2]),
                        v[1].min(v[3]),
                        v[0].max(v[2]),
                        v[1].max(v[3]),
                    ];
                }
            }
        }
        id = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    [0.0, 0.0, 595.0, 842.0]
}

fn read_page(doc: &Document, number: u32, page_id: ObjectId, limits: &Limits) -> PdfPage {
    let mb = media_box(doc, page_id);
    let (width, height) = (mb[2] - mb[0], mb[3] - mb[1]);
    let mut walker = Walker {
        doc,
        limits,
        fonts: Vec::new(),
        font_ids: HashMap::new(),
        glyphs: Vec::new(),
        rules: Vec::new(),
        path: Vec::new(),
        cursor: (0.0, 0.0),
        subpath_start: (0.0, 0.0),
        ops: 0,
        height,
        origin: (mb[0], mb[1]),
    };
    let resources = page_resources(doc, page_id);
    let content = doc
        .get_page_content_with_limit(page_id, limits.max_stream_bytes)
        .unwrap_or_default();
    let gs = GState {
        ctm: Matrix::IDENTITY,
        char_spacing: 0.0,
        word_spacing: 0.0,
        h_scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        size: 0.0,
        font: None,
    };
    walker.walk(&content, &resources, gs, 0);
    PdfPage {
        number,
        width,
        height,
        glyphs: walker.glyphs,
        rules: walker.rules,
    }
}

/// A page's resource dictionaries, nearest first (inherited from the page tree).
fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
        if let Some(d) = own {
            out.push(d);
        }
        for id in inherited.into_iter().take(32) {
            if let Ok(d) = doc.get_dictionary(id) {
                out.push(d);
            }
        }
    }
    out
}

fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<(Option<ObjectId>, &'a Object)> {
    for res in resources {
        let Ok(cat) = res.get_deref(category, doc).and_then(Object::as_dict) else {
            continue;
        };
        if let Ok(o) = cat.get(name) {
            if let Ok((id, obj)) = doc.dereference(o) {
                return Some((id, obj));
            }
        }
    }
    None
}

impl<'a> Walker<'a, '_> {
    fn font_index(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<usize> {
        let (id, obj) = lookup(self.doc, resources, b"Font", name)?;
        let dict = obj.as_dict().ok()?;
        let key = match id {
            Some(id) => FontKey::Id(id),
            None => FontKey::Inline(dict as *const Dictionary as usize),
        };
        if let Some(&i) = self.font_ids.get(&key) {
            return Some(i);
        }
        if self.fonts.len() >= 4096 {
            return None;
        }
        let font = Font::load(self.doc, dict, self.limits);
        self.fonts.push(font);
        self.font_ids.insert(key, self.fonts.len() - 1);
        Some(self.fonts.len() - 1)
    }

    fn walk(&mut self, content: &[u8], resources: &[&'a Dictionary], mut gs: GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > self.limits.max_ops_per_page
                || self.glyphs.len() >= self.limits.max_glyphs_per_page
            {
                return;
            }
            let a = &op.operands;
            let n = |i: usize| a.get(i).map(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => {
                    if stack.len() < 256 {
                        stack.push(gs);
                    }
                }
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" if a.len() == 6 => {
                    gs.ctm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]).mul(gs.ctm);
                }
                "m" if a.len() >= 2 => {
                    self.cursor = (n(0), n(1));
                    self.subpath_start = self.cursor;
                }
                "l" if a.len() >= 2 => {
                    if self.path.len() < 100_000 {
                        self.path.push((self.cursor.0, self.cursor.1, n(0), n(1)));
                    }
                    self.cursor = (n(0), n(1));
                }
                "h" => {
                    if self.path.len() < 100_000 {
                        let (sx, sy) = self.subpath_start;
                        self.path.push((self.cursor.0, self.cursor.1, sx, sy));
                    }
                    self.cursor = self.subpath_start;
                }
                "re" if a.len() >= 4 => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    if self.path.len() < 100_000 {
                        if w.abs() < 2.0 || h.abs() < 2.0 {
                            // A thin filled rectangle: one line along its length.
                            if w.abs() < h.abs() {
                                self.path.push((x + w / 2.0, y, x + w / 2.0, y + h));
                            } else {
                                self.path.push((x, y + h / 2.0, x + w, y + h / 2.0));
                            }
                        } else {
                            self.path.push((x, y, x + w, y));
                            self.path.push((x + w, y, x + w, y + h));
                            self.path.push((x + w, y + h, x, y + h));
                            self.path.push((x, y + h, x, y));
                        }
                    }
                    self.cursor = (x, y);
                    self.subpath_start = (x, y);
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let path = std::mem::take(&mut self.path);
                    for (x0, y0, x1, y1) in path {
                        if self.rules.len() >= 20_000 {
                            break;
                        }
                        let (ax, ay) = gs.ctm.apply(x0, y0);
                        let (bx, by) = gs.ctm.apply(x1, y1);
                        let (ax, bx) = (ax - self.origin.0, bx - self.origin.0);
                        let (ay, by) = (
                            self.height - (ay - self.origin.1),
                            self.height - (by - self.origin.1),
                        );
                        if !(ax.is_finite() && ay.is_finite() && bx.is_finite() && by.is_finite()) {
                            continue;
                        }
                        if (ax - bx).abs() < 0.5 && (ay - by).abs() > 2.0 {
                            let x = (ax + bx) / 2.0;
                            self.rules.push(Rule {
                                x0: x,
                                y0: ay.min(by),
                                x1: x,
                                y1: ay.max(by),
                            });
                        } else if (ay - by).abs() < 0.5 && (ax - bx).abs() > 2.0 {
                            let y = (ay + by) / 2.0;
                            self.rules.push(Rule {
                                x0: ax.min(bx),
                                y0: y,
                                x1: ax.max(bx),
                                y1: y,
                            });
                        }
                    }
                }
                "n" => self.path.clear(),
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = a
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font_index(resources, name));
                    gs.size = n(1);
                }
                "Tc" => gs.char_spacing = n(0),
                "Tw" => gs.word_spacing = n(0),
                "Tz" => gs.h_scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" => {
                    tlm = Matrix::translate(n(0), n(1)).mul(tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -n(1);
                    tlm = Matrix::translate(n(0), n(1)).mul(tlm);
                    tm = tlm;
                }
                "Tm" if a.len() == 6 => {
                    tlm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(s) = a.first().and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" => {
                    tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                    tm = tlm;
                    if let Some(s) = a.first().and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "\"" => {
                    gs.word_spacing = n(0);
                    gs.char_spacing = n(1);
                    tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                    tm = tlm;
                    if let Some(s) = a.get(2).and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(arr) = a.first().and_then(|o| o.as_array().ok()) {
                        for item in arr {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                Object::Integer(_) | Object::Real(_) => {
                                    let adj = num(item);
                                    let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                    tm = Matrix::translate(tx, 0.0).mul(tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                "Do" if depth < self.limits.max_form_depth => {
                    let Some(name) = a.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some((_, obj)) = lookup(self.doc, resources, b"XObject", name) else {
                        continue;
                    };
                    let Ok(stream) = obj.as_stream() else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                        != Some(b"Form".as_slice())
                    {
                        continue;
                    }
                    let Ok(data) = stream
                        .decompressed_content_with_limit(self.limits.max_stream_bytes)
                        .or_else(|_| {
                            if stream.dict.get(b"Filter").is_err() {
                                Ok(stream.content.clone())
                            } else {
                                Err(())
                            }
                        })
                    else {
                        continue;
                    };
                    let mut inner = gs;
                    if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
                        if m.len() == 6 {
                            let v: Vec<f32> = m.iter().map(num).collect();
                            inner.ctm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]).mul(gs.ctm);
                        }
                    }
                    let mut res: Vec<&'a Dictionary> = Vec::new();
                    if let Ok(d) = stream
                        .dict
                        .get_deref(b"Resources", self.doc)
                        .and_then(Object::as_dict)
                    {
                        res.push(d);
                    }
                    res.extend_from_slice(resources);
                    self.walk(&data, &res, inner, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(fi) = gs.font else {
            return;
        };
        let step = if self.fonts[fi].two_byte { 2 } else { 1 };
        for raw in bytes.chunks(step) {
            if self.glyphs.len() >= self.limits.max_glyphs_per_page {
                return;
            }
            let code = raw.iter().fold(0u32, |acc, b| acc * 256 + *b as u32);
            let font = &mut self.fonts[fi];
            let w0 = font.width(code) / 1000.0;
            let text = font.text(code, raw);
            let space = step == 1 && code == 32;
            let advance =
                (w0 * gs.size + gs.char_spacing + if space { gs.word_spacing } else { 0.0 })
                    * gs.h_scale;
            // Text rendering matrix: [size·Th 0 0 size 0 rise] × Tm × CTM.
            let trm = Matrix([gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise])
                .mul(*tm)
                .mul(gs.ctm);
            let (x0, y0) = trm.apply(0.0, 0.0);
            let (x1, _) = trm.apply(w0, 0.0);
            let (_, ytop) = trm.apply(0.0, 1.0);
            let size = (ytop - y0).abs();
            if !text.trim().is_empty() && x0.is_finite() && y0.is_finite() && x1.is_finite() {
                self.glyphs.push(Glyph {
                    text,
                    x0: x0.min(x1) - self.origin.0,
                    x1: x0.max(x1) - self.origin.0,
                    y: self.height - (y0 - self.origin.1),
                    size,
                });
            }
            *tm = Matrix::translate(advance, 0.0).mul(*tm);
        }
    }
}
