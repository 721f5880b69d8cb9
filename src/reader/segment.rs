//! Segmenting normalised lines into table regions and narrative.
//!
//! A table starts at a title recognised by meaning ([`super::titles`]) that is
//! followed by table furniture (a unit line, a department line, a header, rows,
//! or an "empty table" sentence) before the next title: a table of contents is a
//! run of titles with nothing between them, so it never qualifies. A table ends
//! at the next title, at a part heading (`第三部分`), or where prose resumes.
//! Pages of one table (the same title repeated) are merged into one region.

use super::normalize::{Line, LineKind};
use super::numbers::{parse_cell, CellValue};
use super::titles::{match_title_line, TitleMatch};
use crate::text::compact;
use crate::text::Has;

/// One table's lines, page by page.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub title: TitleMatch,
    /// Index (into the line vector) of the first title line.
    pub title_at: usize,
    /// Pages: each a list of line indices after the page's title.
    pub pages: Vec<Vec<usize>>,
    /// Table number printed on its own line near the title (`表 1`, `公开 01 表`).
    pub number: Option<String>,
    /// Whether the title was found (false for a table recognised by its header).
    pub titled: bool,
}

/// A line that only holds loose quotes (`“ ”`), left behind when a PDF put the
/// quotes of `“三公”` on their own line.
pub fn is_noise(t: &str) -> bool {
    // Cheap rejections first: these predicates run on every line.
    if t.chars().any(|ch| {
        !ch.is_whitespace() && !matches!(ch, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」')
    }) {
        return false;
    }
    let c = compact(t);
    !c.is_empty()
        && c.chars()
            .all(|ch| matches!(ch, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」'))
}

/// `表 1`, `公开 01 表`, `表1`, `附表3` alone on a line.
pub fn table_number_line(t: &str) -> Option<String> {
    if !t.has_char('表') {
        return None;
    }
    let c = compact(t);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit() || ch == '-');
    if let Some(r) = c.strip_prefix("公开").and_then(|r| r.strip_suffix('表')) {
        if digits(r) {
            return Some(t.trim().to_string());
        }
    }
    if let Some(r) = c.strip_prefix("附表").or_else(|| c.strip_prefix('表')) {
        if digits(r) || (!r.is_empty() && r.chars().all(|ch| crate::text::is_cn_digit(ch))) {
            return Some(t.trim().to_string());
        }
    }
    // (财决01表) / 财决01表 / Z01
    let inner = c
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    if inner.ends_with('表')
        && inner.chars().any(|ch| ch.is_ascii_digit())
        && inner.chars().count() <= 8
        && !inner.has("单位")
    {
        return Some(t.trim().to_string());
    }
    None
}

pub fn is_part_heading(t: &str) -> bool {
    // Each form below starts with 第, 名 or 附 (whitespace aside).
    if !t.trim_start().starts_with(['第', '名', '附']) {
        return false;
    }
    let c = compact(t);
    (c.starts_with('第') && c.chars().take(6).collect::<String>().has("部分"))
        || c == "名词解释"
        || c.starts_with("附件")
}

/// `单位：万元`, `单位:元`, `金额单位：万元`, possibly after `部门：…` on one line.
pub fn unit_in_line(t: &str) -> Option<crate::model::Unit> {
    if !t.has_char('位') {
        return None;
    }
    let c = compact(t).replace(':', "：");
    // Every `单位：` of the line: `编制单位：某局 单位：元` names the unit second.
    c.match_indices("单位：").find_map(|(p, _)| {
        let after = &c[p + "单位：".len()..];
        if after.starts_with("万元") {
            Some(crate::model::Unit::WanYuan)
        } else if after.starts_with("元") {
            Some(crate::model::Unit::Yuan)
        } else {
            None
        }
    })
}

pub fn is_unit_line(t: &str) -> bool {
    if !t.has_char('位') {
        return false;
    }
    let c = compact(t).replace(':', "：");
    c.has("单位：") && !c.starts_with("单位名称") || c.starts_with("金额单位")
}

/// `部门：…`, `单位名称：…`, `编制单位：…`, `部门名称：…`, `预算单位：…`.
pub fn department_in_line(t: &str) -> Option<String> {
    if !crate::text::has_any(t, &['：', ':']) {
        return None;
    }
    let c = compact(t).replace(':', "：");
    // Every key ends in `：`: a key's first occurrence ends at the first colon
    // that its stem stands before (one search for the colons, not one per key).
    let colons: Vec<usize> = c.match_indices('：').map(|(q, _)| q).collect();
    let find = |key: &str| {
        let stem = key.strip_suffix('：').unwrap_or(key);
        colons
            .iter()
            .find(|&&q| c[..q].ends_with(stem))
            .map(|&q| q - stem.len())
    };
    for key in [
        "部门名称：",
        "单位名称：",
        "编制部门：",
        "预算主管部门：",
        "主管部门：",
        "编制单位：",
        "预算单位：",
        "填报单位：",
        "部门：",
        "单位名：",
    ] {
        if let Some(p) = find(key) {
            if p > 0 && key == "部门：" && !c[..p].is_empty() {
                continue;
            }
            let rest = &c[p + key.len()..];
            let end = rest
                .find("单位：")
                .or_else(|| rest.find("金额单位"))
                .unwrap_or(rest.len());
            let name = rest[..end]
                .trim_end_matches(['，', ',', ';', '；'])
                .to_string();
            let name = name.trim_end_matches("金额").to_string();
            if !name.is_empty()
                && name.chars().count() <= 60
                && !name.chars().all(|ch| ch.is_ascii_digit())
            {
                return Some(name);
            }
        }
    }
    None
}

/// `本表无数据`, `本表本年度无发生额`, `故本表为空表`, `本年度没有财政拨款“三公”经费支出`.
pub fn is_empty_marker(t: &str) -> bool {
    if !crate::text::has_any(t, &['无', '空', '没', '涉']) {
        return false;
    }
    let c = compact(t);
    c.has("无发生额")
        || c.has("本表无数据")
        || c.has("为空表")
        || c.has("本表为空")
        || c.has("空表")
        || (c.has("没有") && c.has("经费支出") && c.len() < 120)
        || c.has("无此项支出")
        || c.has("本表无") && c.has("数据")
        || c.has("不涉及") && c.has("本表")
}

/// `三、2023年度部门决算情况说明`, `（二）“三公”经费支出情况说明`, `四、名词解释`:
/// headings of the narrative, never a row (they hold no figure and no cell).
pub fn is_section_heading(t: &str) -> bool {
    let start = t.trim_start();
    if t.contains('\t')
        || !(start.starts_with('（')
            || start.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']))
        || has_numeric_token(t)
    {
        return false;
    }
    let c = compact(t);
    let numbered = c.starts_with('（')
        || c.chars()
            .take_while(|ch| crate::text::is_cn_digit(*ch))
            .count()
            > 0
            && c.has_char('、');
    numbered
        && (c.ends_with("说明")
            || c.ends_with("名词解释")
            || c.ends_with("概况")
            || c.ends_with("基本情况"))
}

/// A narrative heading printed without its numbering (`其他相关情况说明`,
/// `名词解释`): after a table's rows it starts the narrative, never a wrapped label.
fn is_unnumbered_heading(t: &str) -> bool {
    if t.contains('\t') || has_numeric_token(t) {
        return false;
    }
    let c = compact(t);
    c.chars().count() <= 20
        && (c.ends_with("情况说明") || c.ends_with("相关说明") || c == "名词解释")
}

pub fn is_note_start(t: &str) -> bool {
    if !t.trim_start().starts_with(['注', '备', '说']) {
        return false;
    }
    let c = compact(t);
    c.starts_with("注：")
        || c.starts_with("注:")
        || c.starts_with("备注：")
        || c.starts_with("说明：")
        || (c.starts_with('注')
            && c.chars()
                .nth(1)
                .is_some_and(|ch| ch.is_ascii_digit() || ch == '1'))
}

/// A line of running prose: long, sentence punctuation, no tab-separated cells.
pub fn is_prose(t: &str) -> bool {
    if t.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2 {
        return false;
    }
    let c = compact(t);
    let n = c.chars().count();
    (n > 30 && (c.has_char('。') || c.matches('，').count() >= 2 || c.has_char('；')))
        || (n > 12 && c.ends_with('。'))
}

/// How many of the line's tab- or space-separated tokens are numbers, counted up to
/// `enough` (most callers ask whether there is one, or two).
fn numeric_tokens_up_to(t: &str, enough: usize) -> usize {
    // Asked of every line, several times: the text is cut at tabs and spaces by a
    // byte scan (ASCII separators always fall on char boundaries), and a token
    // without an ASCII digit, which no number is, is passed over without parsing.
    let bytes = t.as_bytes();
    let mut count = 0;
    let mut start = 0;
    for i in 0..=bytes.len() {
        if count >= enough {
            break;
        }
        if i < bytes.len() && bytes[i] != b'\t' && bytes[i] != b' ' {
            continue;
        }
        let token = &t[start..i];
        if token.bytes().any(|b| b.is_ascii_digit())
            && matches!(parse_cell(token), CellValue::Number(_))
        {
            count += 1;
        }
        start = i + 1;
    }
    count
}

fn has_numeric_token(t: &str) -> bool {
    numeric_tokens_up_to(t, 1) > 0
}

/// Does the window after a title look like a table?
fn looks_like_table(lines: &[Line], from: usize, to: usize) -> bool {
    let mut seen = 0;
    for l in lines.iter().take(to).skip(from) {
        if !l.is_text() || is_noise(&l.text) {
            continue;
        }
        let t = &l.text;
        if is_part_heading(t) {
            return false;
        }
        seen += 1;
        if seen > 12 {
            return false;
        }
        let c = compact(t);
        if unit_in_line(t).is_some()
            || department_in_line(t).is_some()
            || is_empty_marker(t)
            || c.starts_with("栏次")
        {
            return true;
        }
        if t.split('\t').filter(|x| !x.trim().is_empty()).count() >= 2 && !is_prose(t) {
            return true;
        }
        if numeric_tokens_up_to(t, 2) >= 2 {
            return true;
        }
        if c.starts_with("项目")
            || c.starts_with("科目")
            || c.has("科目编码")
            || c.has("预算数")
            || c.has("决算数")
        {
            return true;
        }
        if is_prose(t) {
            return false;
        }
    }
    false
}

/// Title candidates: (line index of first title line, index of last title line, match).
fn title_candidates(lines: &[Line]) -> Vec<(usize, usize, TitleMatch)> {
    let mut out = Vec::new();
    let text_idx: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_text() && !is_noise(&lines[i].text))
        .collect();
    let mut k = 0;
    while k < text_idx.len() {
        let i = text_idx[k];
        let t = &lines[i].text;
        if let Some(m) = match_title_line(t) {
            out.push((i, i, m));
            k += 1;
            continue;
        }
        // A title wrapped over two lines: both short, neither a title alone, on
        // one page (across a page break the line above is the last row of the
        // page before: `十二、城乡社区支出` + a repeated `收支总表`).
        if let Some(&j) = text_idx.get(k + 1).filter(|&&j| {
            lines[j].text.has_char('表')
                && lines[i + 1..j]
                    .iter()
                    .all(|l| l.kind != LineKind::PageMarker)
        }) {
            let a = compact(t);
            let b = compact(&lines[j].text);
            let short = |s: &str| s.chars().count() <= 40 && !s.contains('\t');
            // A line of page furniture above a title (`来源: … 发布时间: …`)
            // is no first half of it: a label with a colon never is.
            if short(&a)
                && short(&b)
                && !a.ends_with('表')
                && b.ends_with('表')
                && !super::titles::strip_numbering(t).1.contains(['：', ':'])
                && !is_prose(t)
                && !has_numeric_token(t)
            {
                // A number line (`表五`, `附表1`) joins with a space, or its
                // numeral runs into the title (`表五一般…`, `附表12022年…`).
                let sep = if table_number_line(t).is_some() {
                    " "
                } else {
                    ""
                };
                if let Some(m) =
                    match_title_line(&format!("{}{sep}{}", t.trim(), lines[j].text.trim()))
                {
                    out.push((i, j, m));
                    k += 2;
                    continue;
                }
            }
        }
        k += 1;
    }
    out
}

/// Split the lines into table regions; everything else is narrative.
pub fn segment(lines: &[Line]) -> Vec<Region> {
    let cands = title_candidates(lines);
    let mut valid: Vec<(usize, usize, TitleMatch)> = Vec::new();
    for (n, (s, e, m)) in cands.iter().enumerate() {
        let next = cands.get(n + 1).map(|c| c.0).unwrap_or(lines.len());
        if looks_like_table(lines, e + 1, next) {
            valid.push((*s, *e, m.clone()));
        }
    }
    let mut regions: Vec<Region> = Vec::new();
    for (n, (s, e, m)) in valid.iter().enumerate() {
        let next = valid.get(n + 1).map(|c| c.0).unwrap_or(lines.len());
        // Look back for a table number printed on the line(s) just above the title.
        let mut number = m.number.clone();
        if number.is_none() {
            // Only the nearest text line above counts.
            if let Some(j) = (0..*s).rev().find(|&j| lines[j].is_text()) {
                number = table_number_line(&lines[j].text);
            }
        }
        let body = region_body(lines, e + 1, next);
        // A page of the same table: same title, nothing but page furniture
        // between — and not another number (`附表2` / `附表3`: two projects'
        // 项目支出绩效自评表 under one title are two tables).
        let same_as_prev = regions.last().is_some_and(|r: &Region| {
            r.title.kind == m.kind
                && (m.kind != "unknown" || compact(&r.title.title) == compact(&m.title))
                && region_contiguous(lines, r, *s)
                && match (&r.number, &number) {
                    (Some(a), Some(b)) => compact(a) == compact(b),
                    _ => true,
                }
                && !names_another_subject(lines, r, &body)
        });
        if same_as_prev {
            if let Some(r) = regions.last_mut() {
                r.pages.push(body);
                if r.number.is_none() {
                    r.number = number;
                }
            }
        } else {
            regions.push(Region {
                title: m.clone(),
                title_at: *s,
                pages: vec![body],
                number,
                titled: true,
            });
        }
    }
    regions.extend(untitled_regions(lines, &regions));
    crate::stable_sort::by_key(&mut regions, |r| r.title_at);
    titles_printed_after_their_rows(lines, regions)
}

/// A page under a repeated title whose first line unlike the first page's names the
/// same field with another value (`项目名称 各类工作经费` where the first page had
/// `项目名称 社区环境整治和建设经费`, after the same `（2023年度）`): a form of its
/// own — one per project — not the first one's next page, which repeats its header
/// lines as they were and goes on with rows.
fn names_another_subject(lines: &[Line], r: &Region, body: &[usize]) -> bool {
    let texts = |page: &[usize]| -> Vec<&str> {
        page.iter()
            .map(|&i| lines[i].text.trim())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let Some(first) = r.pages.first() else {
        return false;
    };
    let (a, b) = (texts(first), texts(body));
    // Spacing differs from page to page in `-layout` text: lines are compared without it.
    let Some((a, b)) = a.iter().zip(&b).find(|(x, y)| compact(x) != compact(y)) else {
        return false;
    };
    a.split_whitespace().next() == b.split_whitespace().next()
        && a.split_whitespace().count() > 1
        && !has_numeric_token(a)
        && !has_numeric_token(b)
}

/// Some PDFs print a table's title (with its number and `部门：… 单位：…` line)
/// after its rows: the rows read as an untitled table, the title as a table
/// with nothing in it. A title whose body is only page furniture, right after
/// an untitled table, names that table; its furniture (the unit!) is its too.
fn titles_printed_after_their_rows(lines: &[Line], regions: Vec<Region>) -> Vec<Region> {
    let furniture_only = |r: &Region| {
        r.pages.iter().flatten().all(|&i| {
            let t = &lines[i].text;
            department_in_line(t).is_some() || is_unit_line(t) || table_number_line(t).is_some()
        })
    };
    let mut out: Vec<Region> = Vec::with_capacity(regions.len());
    for r in regions {
        let follows_untitled = out.last().is_some_and(|prev: &Region| {
            !prev.titled
                && prev.title.kind == "unknown"
                && r.titled
                && r.pages.len() == 1
                && furniture_only(&r)
                && prev
                    .pages
                    .last()
                    .and_then(|p| p.last())
                    .is_some_and(|&end| {
                        (end + 1..r.title_at)
                            .all(|i| !lines[i].is_text() || is_note_start(&lines[i].text))
                    })
        });
        if follows_untitled {
            if let Some(prev) = out.last_mut() {
                prev.title = r.title.clone();
                prev.number = prev.number.take().or(r.number.clone());
                prev.titled = true;
                // Read as if printed first (after the rows a `注：` would take them in).
                if let Some(page) = prev.pages.first_mut() {
                    let mut head: Vec<usize> = vec![r.title_at];
                    head.extend(r.pages.iter().flatten().copied());
                    head.append(page);
                    *page = head;
                }
            }
            continue;
        }
        out.push(r);
    }
    out
}

/// A header line that opens a table without a title (the 非税收入 table printed
/// inside the narrative): it starts with a label column (`科目名称`, `项目`) and
/// names at least two known value columns.
fn header_start(t: &str) -> Option<Vec<String>> {
    if !t.trim_start().starts_with(['科', '项']) {
        return None;
    }
    let c = compact(t);
    if !(c.starts_with("科目名称") || c.starts_with("项目") || c.starts_with("科目编码"))
        || c.chars().count() > 60
        || is_prose(t)
        || has_numeric_token(t)
    {
        return None;
    }
    let words = super::header::lexicon_words(t);
    let values = words
        .iter()
        .filter(|w| super::header::label_role(w).is_none() && super::header::is_known_column(w))
        .count();
    (values >= 1 && words.len() >= 2).then_some(words)
}

/// The kind a header alone tells (no title printed): only headers that belong to
/// one standard table decide; anything else is `unknown`.
fn kind_by_header(header_text: &str) -> &'static str {
    let c = compact(header_text);
    if c.has("纳入预算管理") && c.has("纳入财政专户") {
        "final.non_tax_revenue"
    } else {
        "unknown"
    }
}

/// Tables recognised by their header in lines no titled region holds.
fn untitled_regions(lines: &[Line], regions: &[Region]) -> Vec<Region> {
    let mut used = vec![false; lines.len()];
    for r in regions {
        let end = r
            .pages
            .last()
            .and_then(|p| p.last())
            .copied()
            .unwrap_or(r.title_at);
        for u in used.iter_mut().take(end + 1).skip(r.title_at) {
            *u = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if used[i] || !lines[i].is_text() || header_start(&lines[i].text).is_none() {
            i += 1;
            continue;
        }
        // The region runs to the next used line (a titled table) at most.
        let stop = (i + 1..lines.len())
            .find(|&j| used[j])
            .unwrap_or(lines.len());
        if !looks_like_table(lines, i + 1, stop) {
            i += 1;
            continue;
        }
        let body = region_body(lines, i, stop);
        let has_numbers = body
            .iter()
            .filter(|&&j| {
                has_numeric_token(&lines[j].text) && !compact(&lines[j].text).starts_with("栏次")
            })
            .count()
            >= 1;
        if !has_numbers {
            i += 1;
            continue;
        }
        let header_text: String = body
            .iter()
            .take(8)
            .map(|&j| lines[j].text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let kind = kind_by_header(&header_text);
        let title = if kind == "unknown" {
            String::new()
        } else {
            super::titles::canonical_title(kind).to_string()
        };
        let end = body.last().copied().unwrap_or(i);
        out.push(Region {
            title: TitleMatch {
                kind,
                title,
                number: None,
            },
            title_at: i,
            pages: vec![body],
            number: None,
            titled: false,
        });
        i = end + 1;
    }
    out
}

/// Nothing but page furniture between the end of region `r` and line `s`.
fn region_contiguous(lines: &[Line], r: &Region, s: usize) -> bool {
    let last = r
        .pages
        .last()
        .and_then(|p| p.last())
        .copied()
        .unwrap_or(r.title_at);
    (last + 1..s).all(|i| {
        !lines[i].is_text()
            || table_number_line(&lines[i].text).is_some()
            || is_noise(&lines[i].text)
    })
}

/// The lines of one page of a table: from after the title to the next title, a
/// part heading, or the start of prose that is not a note.
fn region_body(lines: &[Line], from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_note = false;
    let mut seen_rows = false;
    // Whether a line kept so far holds a tab (kept as lines are, not searched
    // again for every line).
    let mut tabbed_rows = false;
    for (i, l) in lines.iter().enumerate().take(to).skip(from) {
        if !l.is_text() {
            continue;
        }
        let t = &l.text;
        if is_part_heading(t) {
            break;
        }
        if is_note_start(t) {
            in_note = true;
            tabbed_rows |= t.contains('\t');
            out.push(i);
            continue;
        }
        if in_note {
            // A note runs on over wrapped lines until its sentence ends; after
            // that only an empty-table sentence still belongs to the table.
            let prev_ended = out
                .last()
                .is_some_and(|&k: &usize| compact(&lines[k].text).ends_with('。'));
            if prev_ended && !is_empty_marker(t) && !is_note_start(t) {
                break;
            }
            tabbed_rows |= t.contains('\t');
            out.push(i);
            continue;
        }
        if seen_rows && is_prose(t) && !t.contains('\t') {
            break;
        }
        // Tab rows, then a line without a cell boundary that introduces what
        // follows (`…效益主要是：`): prose has resumed.
        let c = t.trim_end();
        if seen_rows
            && tabbed_rows
            && !t.contains('\t')
            && (c.ends_with('：') || c.ends_with(':'))
            && !is_unit_line(t)
            && department_in_line(t).is_none()
        {
            break;
        }
        // After `故本表为空表` only notes follow; and a narrative heading
        // (`三、2023年度部门决算情况说明`) ends any table.
        if is_section_heading(t)
            || seen_rows && is_unnumbered_heading(t)
            || out
                .last()
                .is_some_and(|&k: &usize| is_empty_marker(&lines[k].text))
        {
            break;
        }
        if !seen_rows && has_numeric_token(t) {
            seen_rows = true;
        }
        tabbed_rows |= t.contains('\t');
        out.push(i);
    }
    out
}

/// Lines that belong to no region (narrative), in order.
pub fn narrative_lines(lines: &[Line], regions: &[Region]) -> Vec<usize> {
    let mut used = vec![false; lines.len()];
    for r in regions {
        used[r.title_at] = true;
        for p in &r.pages {
            for &i in p {
                used[i] = true;
            }
        }
    }
    // Title lines of later pages and wrapped titles sit between pages: mark the
    // span from each title to its first body line.
    for r in regions {
        let mut start = r.title_at;
        for p in &r.pages {
            if let Some(&first) = p.first() {
                for u in used.iter_mut().take(first).skip(start) {
                    *u = true;
                }
            }
            if let Some(&last) = p.last() {
                start = last + 1;
            }
        }
    }
    (0..lines.len())
        .filter(|&i| !used[i] && lines[i].kind == LineKind::Text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::normalize::normalize;

    fn regions(text: &str) -> Vec<(String, usize)> {
        segment(&normalize(text))
            .iter()
            .map(|r| (r.title.title.clone(), r.pages.len()))
            .collect()
    }

    /// One project's 绩效目标表 per page, each under the same title: a table each.
    #[test]
    fn forms_under_one_title_naming_other_projects_are_tables_of_their_own() {
        let form = |name: &str| {
            format!(
                "财政项目支出绩效目标填报表\n（2023年度）\n项目名称 {name} 项目性质 经常性项目\n项目资金总额 6,351,000.00 年度资金申请总额 6,351,000.00\n"
            )
        };
        let text = format!("{}\u{c}{}", form("就业援助基地补贴"), form("各类工作经费"));
        assert_eq!(
            regions(&text),
            [
                ("财政项目支出绩效目标填报表".to_string(), 1),
                ("财政项目支出绩效目标填报表".to_string(), 1)
            ]
        );
    }

    /// A table's next page repeats its title and header (spaced otherwise, as
    /// `pdftotext -layout` sets each page) and goes on with rows: one table.
    #[test]
    fn a_page_repeating_title_and_header_continues_the_table() {
        let text = "收支总表\n部门名称：某局   单位：万元\n项目 预算数 项目 预算数\n一、财政拨款 5,417.80 一、一般公共服务支出 3,478.72\n\u{c}收支总表\n部门名称：某局        单位：万元\n项目 预算数 项目 预算数\n二、教育支出 193.00\n";
        assert_eq!(regions(text), [("收支总表".to_string(), 2)]);
    }

    /// The last row of a page is no first half of the title repeated after the
    /// page break (`十二、城乡社区支出` + `收支总表`).
    #[test]
    fn a_title_is_not_joined_across_a_page_break() {
        let text = "收支总表\n项目 预算数 项目 预算数\n一、财政拨款 5,417.80 一、一般公共服务支出 3,478.72\n十二、城乡社区支出\n\u{c}收支总表\n项目 预算数 项目 预算数\n十三、交通运输支出 193.00\n";
        assert_eq!(regions(text), [("收支总表".to_string(), 2)]);
    }
}
