//! Shared helpers of the checks: the rounding judgement turned into findings,
//! the code hierarchy of a table, number formatting for messages, and the
//! internal [`Issue`] that remembers which cells a finding spans (for
//! [`super::cell_pinpoint`]).

use crate::model::{CellRef, Finding, Row, Severity, Table, Unit};
use crate::rounding::{half_unit, Agreement, RoundingTolerance};
use crate::text::Has;
use crate::text::{compact, group_thousands};
use rust_decimal::Decimal;

/// What cells a failed identity spans, so one wrong cell can be found where a
/// column sum and a row sum both fail.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// `rows[0]` (the total row) = Σ `rows[1..]`, in value column `col`.
    Column {
        table: String,
        col: usize,
        rows: Vec<usize>,
    },
    /// `cols[0]` (the total column) = Σ `cols[1..]`, in row `row`.
    Row {
        table: String,
        row: usize,
        cols: Vec<usize>,
    },
    None,
}

/// A finding plus the cells it spans (internal to the checks).
#[derive(Debug, Clone)]
pub struct Issue {
    pub finding: Finding,
    pub span: Span,
}

impl Issue {
    pub fn plain(finding: Finding) -> Self {
        Issue {
            finding,
            span: Span::None,
        }
    }
}

/// `8219.20` → `8,219.20`.
pub fn fmt(d: Decimal) -> String {
    group_thousands(&d.to_string())
}

/// A percentage for messages, two decimals as the reports print them (`25.50%`).
pub fn fmt_pct(d: Decimal) -> String {
    let mut r = d.round_dp(2);
    r.rescale(2);
    format!("{}%", group_thousands(&r.to_string()))
}

/// Where a cell is, in the words of the report, for a message: `“20109 一般公共
/// 服务支出”行“合计”列`, `第309行“运行费”列` (a row without label), `“合计”行`.
pub fn cell_words_zh(r: Option<&Row>, column: Option<&str>) -> String {
    let row = r.map(|r| {
        let key = row_key(r);
        let label = bare_label(&r.label);
        if r.code.is_some() && !label.is_empty() {
            format!("“{key} {label}”行")
        } else if r.code.is_none() && compact(&r.label).is_empty() {
            key // `第309行`
        } else {
            format!("“{key}”行")
        }
    });
    let col = column.map(|c| format!("“{c}”列"));
    format!("{}{}", row.unwrap_or_default(), col.unwrap_or_default())
}

/// The row's code, else its label (what `Finding::row` holds).
pub fn row_key(r: &Row) -> String {
    match &r.code {
        Some(c) => c.clone(),
        None if compact(&r.label).is_empty() => format!("第{}行", r.line),
        None => compact(&r.label),
    }
}

/// A label without its ordinal (`一、`, `（一）`, `1.`, `其中：`) and spaces.
pub fn bare_label(label: &str) -> String {
    let compacted = compact(label);
    // Ordinals come off the front only: `s` is a tail of `compacted`, and a pass
    // that took nothing off leaves it as long as it was.
    let mut s: &str = &compacted;
    loop {
        let before = s.len();
        for p in ["其中：", "其中:", "其中"] {
            if let Some(r) = s.strip_prefix(p) {
                s = r;
            }
        }
        // （一） / (一) / (1)
        if s.starts_with('（') || s.starts_with('(') {
            if let Some(end) = s.find(['）', ')']) {
                let inner = &s[s.chars().next().unwrap().len_utf8()..end];
                if !inner.is_empty() && inner.chars().all(is_ordinal_char) {
                    s = &s[end + s[end..].chars().next().unwrap().len_utf8()..];
                }
            }
        }
        // 一、 / 1. / 1． / 1、
        let head = s.len() - s.trim_start_matches(is_ordinal_char).len();
        if head > 0 {
            let rest = &s[head..];
            for sep in ['、', '.', '．', ' '] {
                if let Some(r) = rest.strip_prefix(sep) {
                    s = r;
                    break;
                }
            }
        }
        if s.len() == before {
            break;
        }
    }
    // Quotes dropped, ASCII brackets made full-width, in one pass (labels seldom
    // hold either: most come back as they are). `“` and `”` are E2 80 9C / 9D, so a
    // label with none of these bytes needs no pass.
    if !s
        .as_bytes()
        .iter()
        .any(|&b| matches!(b, b'"' | b'(' | b')' | 0xE2))
    {
        // Most labels lose nothing at all: hand back the compacted copy itself.
        return if s.len() == compacted.len() {
            compacted
        } else {
            s.to_string()
        };
    }
    s.chars()
        .filter_map(|c| match c {
            '“' | '”' | '"' => None,
            '(' => Some('（'),
            ')' => Some('）'),
            c => Some(c),
        })
        .collect()
}

fn is_ordinal_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
        )
}

/// True when the label starts with a Chinese ordinal `一、` (a top-level line).
pub fn has_cn_ordinal(label: &str) -> bool {
    let s = compact(label);
    let head: String = s
        .chars()
        .take_while(|c| crate::text::is_cn_digit(*c))
        .collect();
    !head.is_empty() && s[head.len()..].starts_with('、')
}

/// Columns that hold no amounts (rates, shares, counts, scores).
pub fn is_amount_column(name: &str) -> bool {
    let n = compact(name);
    !(crate::identities::is_non_amount(&n) || n.has("栏次"))
}

/// A value of row `r` in column `col`, as a plain amount (not a percentage).
///
/// `None` for a row the reader could not place for certain (`Row::ambiguous`):
/// the reader already warns about it, and a guess must not become an error.
pub fn amount(r: &Row, col: usize) -> Option<Decimal> {
    if r.ambiguous {
        return None;
    }
    r.values
        .get(col)
        .copied()
        .flatten()
        .filter(|a| !a.percent)
        .map(|a| a.checked())
}

/// The figure in the 合计 column of a row of a table that `leads_with_total`:
/// for a row the reader could not place, its first printed figure, when that
/// can be nothing else: printed in the row's own precision (not a code's bare
/// digits among decimals) and not smaller than any other figure of the row (a
/// total holds its parts). `None` when not so.
pub fn lead_total(r: &Row) -> Option<Decimal> {
    if !r.ambiguous {
        return amount(r, 0);
    }
    let vals: Vec<&crate::model::Amount> = r.values.iter().flatten().collect();
    let first = vals.first()?;
    if first.percent || vals.iter().any(|a| a.percent) {
        return None;
    }
    // Its own printed decimals: the table's precision would dress a code's
    // bare digits as an amount.
    let scale = |a: &crate::model::Amount| a.value.scale();
    let same_precision = vals.iter().all(|a| scale(a) == scale(first));
    let holds_parts = vals.iter().all(|a| a.value <= first.value);
    (same_precision && holds_parts && !first.value.is_sign_negative()).then(|| first.checked())
}

/// True when any of these rows could not be placed for certain: an identity
/// over them is not checked.
pub fn any_ambiguous(t: &Table, rows: &[usize]) -> bool {
    rows.iter()
        .any(|&i| t.rows.get(i).is_some_and(|r| r.ambiguous))
}

/// The sum of the given parts (blank = 0) and the XBRL tolerance of `total = Σ parts`.
/// `None` when every part is blank (nothing was disclosed to check).
pub fn sum_parts(total: Decimal, parts: &[Option<Decimal>]) -> Option<(Decimal, Decimal)> {
    let given: Vec<Decimal> = parts.iter().flatten().copied().collect();
    if given.is_empty() {
        return None;
    }
    let sum: Decimal = given.iter().copied().sum();
    let tol = RoundingTolerance::for_sum(total, &given).0;
    Some((sum, tol))
}

/// Everything a sum check needs to become a finding.
pub struct Check<'a> {
    pub rule: &'a str,
    pub table: &'a Table,
    pub row: Option<usize>,
    pub col: Option<usize>,
    /// Column name for the message (`本年支出合计`).
    pub column: Option<String>,
    /// Row key for the message and `Finding::row`.
    pub row_key: Option<String>,
    pub line: Option<usize>,
    pub expected: Decimal,
    pub found: Decimal,
    pub tolerance: Decimal,
    /// What `expected` is, zh / en (`下级科目之和` / `the sum of its items`).
    pub what_zh: String,
    pub what_en: String,
    /// Severity when the values differ beyond rounding (error, or warning for
    /// cross-checks that can legitimately differ).
    pub fail: Severity,
    /// Extra sentence appended to a failing message (why it may differ, a hint).
    pub note_zh: String,
    pub note_en: String,
}

impl<'a> Check<'a> {
    pub fn new(
        rule: &'a str,
        table: &'a Table,
        expected: Decimal,
        found: Decimal,
        tolerance: Decimal,
    ) -> Self {
        Check {
            rule,
            table,
            row: None,
            col: None,
            column: None,
            row_key: None,
            line: None,
            expected,
            found,
            tolerance,
            what_zh: String::new(),
            what_en: String::new(),
            fail: Severity::Error,
            note_zh: String::new(),
            note_en: String::new(),
        }
    }
    pub fn at(mut self, row: usize, col: usize) -> Self {
        if let Some(r) = self.table.rows.get(row) {
            self.row_key = Some(row_key(r));
            self.line = Some(r.line);
            self.column = self.table.side_columns(r.side).get(col).cloned();
        }
        self.row = Some(row);
        self.col = Some(col);
        self
    }
    pub fn what(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.what_zh = zh.into();
        self.what_en = en.into();
        self
    }
    pub fn fail_as(mut self, s: Severity) -> Self {
        self.fail = s;
        self
    }
    pub fn note(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.note_zh = zh.into();
        self.note_en = en.into();
        self
    }
    /// `None` when the figures agree exactly.
    pub fn judge(self) -> Option<Finding> {
        let agreement = RoundingTolerance(self.tolerance).judge(self.expected, self.found);
        let severity = match agreement {
            Agreement::Exact => return None,
            Agreement::WithinRounding => Severity::Notice,
            Agreement::Differs => self.fail,
        };
        let diff = (self.found - self.expected).abs();
        let subject_zh = cell_words_zh(
            self.row.and_then(|i| self.table.rows.get(i)),
            self.column.as_deref(),
        );
        // An unlabelled row (the 三公 table's one data row) is `第210行` in
        // Chinese and `the row at line 210` in English.
        let row_en = self.row_key.as_deref().map(|r| {
            match r
                .strip_prefix('第')
                .and_then(|x| x.strip_suffix('行'))
                .filter(|x| x.chars().all(|c| c.is_ascii_digit()))
            {
                Some(n) => format!("the row at line {n}"),
                None => r.to_string(),
            }
        });
        let subject_en = match (&row_en, &self.column) {
            (Some(r), Some(c)) => format!("{r} {c}"),
            (Some(r), None) => r.clone(),
            (None, Some(c)) => c.clone(),
            (None, None) => String::new(),
        };
        let (tail_zh, tail_en) = if severity == Severity::Notice {
            (
                "，在四舍五入误差范围内".to_string(),
                ", within rounding".to_string(),
            )
        } else {
            (
                format!(
                    "，超出四舍五入误差（±{}）{}",
                    fmt(self.tolerance),
                    self.note_zh
                ),
                format!(
                    ", beyond the rounding tolerance of ±{}{}",
                    fmt(self.tolerance),
                    self.note_en
                ),
            )
        };
        let message_zh = format!(
            "{}：{subject_zh} {} 与{} {} 相差 {}{tail_zh}",
            self.table.title,
            fmt(self.found),
            self.what_zh,
            fmt(self.expected),
            fmt(diff)
        );
        let message_en = format!(
            "{}: {subject_en} {} differs from {} {} by {}{tail_en}",
            self.table.title,
            fmt(self.found),
            self.what_en,
            fmt(self.expected),
            fmt(diff)
        );
        let mut f = Finding::new(self.rule, severity, message_zh, message_en).at_table(self.table);
        f.row = self.row_key;
        f.column = self.column;
        f.line = self.line;
        f.expected = Some(self.expected);
        f.found = Some(self.found);
        f.difference = Some(diff);
        f.tolerance = Some(self.tolerance);
        if let (Some(row), Some(col)) = (self.row, self.col) {
            f.cell = Some(CellRef { row, col });
        }
        Some(f)
    }
}

/// Parent / children of coded rows on one side of a table, by 科目编码 prefix
/// (functional 3 → 5 → 7, economic 3 → 5). The parent is the nearest earlier
/// row whose code is a shorter prefix (tables print parents first; a code that
/// repeats under another unit then still finds its own parent).
#[derive(Debug, Clone, Default)]
pub struct CodeHierarchy {
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    /// Coded rows of this side, in order.
    pub coded: Vec<usize>,
}

impl CodeHierarchy {
    pub fn build(t: &Table, side: Option<usize>) -> Self {
        let n = t.rows.len();
        let mut h = CodeHierarchy {
            parent: vec![None; n],
            children: vec![Vec::new(); n],
            coded: Vec::new(),
        };
        for (i, r) in t.rows.iter().enumerate() {
            if r.side != side {
                continue;
            }
            let Some(code) = r.code.as_deref() else {
                continue;
            };
            let mut best: Option<(usize, usize)> = None;
            for &j in h.coded.iter().rev() {
                let pc = t.rows[j].code.as_deref().unwrap_or("");
                // Nearest earlier row at the longest proper prefix wins.
                if pc.len() < code.len()
                    && code.starts_with(pc)
                    && best.is_none_or(|(_, l)| l < pc.len())
                {
                    best = Some((j, pc.len()));
                }
            }
            let best = best.map(|(j, _)| j);
            h.parent[i] = best;
            if let Some(p) = best {
                h.children[p].push(i);
            }
            h.coded.push(i);
        }
        h
    }
    /// Coded rows without a parent in the table, at the level of the shortest
    /// such code: a deeper orphan (`7 11 02`, a class code misprinted) is no
    /// 类 of its own and is not summed into the 合计 beside the classes.
    /// Coded rows with no parent row in the table: the top level, and rows whose
    /// parent line is missing (a class line the text lost, or a misprinted code).
    pub fn orphans(&self) -> Vec<usize> {
        self.coded
            .iter()
            .copied()
            .filter(|&i| self.parent[i].is_none())
            .collect()
    }

    /// Are there orphans below the top level (`20101` with no `201` row)?
    pub fn has_deeper_orphans(&self, t: &Table) -> bool {
        self.orphans().len() > self.top_level(t).len()
    }

    pub fn top_level(&self, t: &Table) -> Vec<usize> {
        let len = |i: usize| t.rows[i].code.as_ref().map(|c| c.len()).unwrap_or(0);
        let orphans = self.orphans();
        let Some(shortest) = orphans.iter().map(|&i| len(i)).min() else {
            return orphans;
        };
        orphans
            .into_iter()
            .filter(|&i| len(i) == shortest)
            .collect()
    }
}

/// The sides a table's rows fall in: `[None]` for a plain table, `[Some(0), Some(1)]`.
pub fn sides(t: &Table) -> Vec<Option<usize>> {
    if t.is_two_sided() {
        (0..t.sides.len()).map(Some).collect()
    } else {
        vec![None]
    }
}

/// A value converted to yuan with its half-unit (tolerance share) in yuan.
pub fn in_yuan(v: Decimal, unit: Unit) -> (Decimal, Decimal) {
    (unit.to_yuan(v), unit.to_yuan(half_unit(v)))
}

/// Index of the first row (optionally on a side) whose bare label satisfies `pred`.
pub fn find_row(t: &Table, side: Option<usize>, pred: impl Fn(&str) -> bool) -> Option<usize> {
    t.rows
        .iter()
        .position(|r| (side.is_none() || r.side == side) && pred(&bare_label(&r.label)))
}

/// The 合计 row of a single-sided table (index).
pub fn total_row_idx(t: &Table) -> Option<usize> {
    t.rows.iter().position(|r| {
        r.side.is_none()
            && r.code.is_none()
            && matches!(compact(&r.label).as_str(), "合计" | "总计")
    })
}

/// The value column whose compacted name satisfies `pred` (single-sided).
pub fn col_where(t: &Table, pred: impl Fn(&str) -> bool) -> Option<usize> {
    t.value_columns.iter().position(|c| pred(&compact(c)))
}

/// A document of one narrative sentence at `line`: the fixture of the
/// narrative rules' tests.
#[cfg(test)]
pub fn narrative_doc(line: usize, text: &str) -> crate::model::Document {
    crate::model::Document {
        narrative: vec![crate::model::NarrativeLine {
            line,
            text: text.into(),
        }],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn bare_labels() {
        assert_eq!(bare_label("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(
            bare_label("其中：（一）因公出国（境）支出"),
            "因公出国（境）支出"
        );
        assert_eq!(bare_label("1. 公务用车购置费"), "公务用车购置费");
        assert_eq!(bare_label("“三公”经费"), "三公经费");
        assert!(has_cn_ordinal("六、国有资源（资产）有偿使用收入"));
        assert!(!has_cn_ordinal("利息收入"));
    }

    #[test]
    fn cells_are_named_as_the_report_prints_them() {
        let row = |code: Option<&str>, label: &str| -> Row {
            Row {
                code: code.map(str::to_string),
                label: label.to_string(),
                line: 309,
                page: None,
                values: Vec::new(),
                side: None,
                row_number: None,
                ambiguous: false,
                texts: Vec::new(),
            }
        };
        assert_eq!(
            cell_words_zh(Some(&row(Some("20109"), "  财政事务")), Some("合计")),
            "“20109 财政事务”行“合计”列"
        );
        assert_eq!(cell_words_zh(Some(&row(None, "合 计")), None), "“合计”行");
        assert_eq!(
            cell_words_zh(Some(&row(None, "")), Some("公务接待费")),
            "第309行“公务接待费”列"
        );
        assert_eq!(cell_words_zh(None, Some("决算数")), "“决算数”列");
    }
}

/// A cell of a table: where a cross-table check pins its finding.
#[derive(Debug, Clone, Copy)]
pub struct CellAt<'a> {
    pub table: &'a Table,
    pub row: usize,
    pub col: usize,
}

impl<'a> CellAt<'a> {
    pub fn new(table: &'a Table, row: usize, col: usize) -> Self {
        CellAt { table, row, col }
    }
    pub fn value(&self) -> Option<Decimal> {
        self.table
            .rows
            .get(self.row)
            .and_then(|r| amount(r, self.col))
    }
    pub fn unit(&self, doc: &crate::model::Document) -> Unit {
        self.table.unit_or(doc.meta.unit)
    }
    /// `表3 支出决算表 合计/本年支出合计`, for messages.
    pub fn describe(&self) -> String {
        let r = self
            .table
            .rows
            .get(self.row)
            .map(row_key)
            .unwrap_or_default();
        let c = self
            .table
            .rows
            .get(self.row)
            .and_then(|r| self.table.side_columns(r.side).get(self.col).cloned())
            .unwrap_or_default();
        format!("{}「{}」{}", self.table.title, r, c)
    }
}

/// Compare a cell with figures from other tables (already summed), in the cell's
/// unit. `others` are (value, unit) pairs whose sum is expected; each brings its
/// half-unit into the tolerance.
pub fn cross(
    rule: &str,
    doc: &crate::model::Document,
    at: CellAt,
    others: &[(Decimal, Unit)],
    what_zh: &str,
    what_en: &str,
    fail: Severity,
) -> Option<Issue> {
    let found = at.value()?;
    if others.is_empty() {
        return None;
    }
    let unit = at.unit(doc);
    let mut expected = Decimal::ZERO;
    let mut tol = half_unit(found);
    for (v, u) in others {
        expected += u.convert(*v, unit);
        tol += u.convert(half_unit(*v), unit);
    }
    let tol = tol.normalize();
    let f = Check::new(rule, at.table, expected, found, tol)
        .at(at.row, at.col)
        .what(what_zh, what_en)
        .fail_as(fail)
        .judge()?;
    Some(Issue::plain(f))
}

/// The 三公 table cell (row, value column) of `item`, for the actual (决算数) or
/// budget (预算数) figures: items as columns (决算表, 12 numbers a row) or as
/// rows (预算表).
pub fn sangong_cell(
    t: &Table,
    item: crate::model::SangongItem,
    actual: bool,
) -> Option<(usize, usize)> {
    use crate::model::SangongItem as I;
    let is_vehicle_total = |p: &str, leaf: &str| {
        (leaf == "小计" && p.has("公务用车"))
            || leaf.has("购置及运行")
            || leaf.has("购置和运行")
            || leaf == "公务用车费"
    };
    let want = |p: &str, leaf: &str| -> bool {
        match item {
            I::Total => leaf == "合计" || (leaf.has("三公") && !crate::text::names_outbound(leaf)),
            I::Outbound => crate::text::names_outbound(leaf),
            I::Vehicle => is_vehicle_total(p, leaf),
            I::VehiclePurchase => leaf.has("购置") && !is_vehicle_total(p, leaf),
            I::VehicleOperation => leaf.has("运行") && !is_vehicle_total(p, leaf),
            I::Reception => leaf.has("接待"),
        }
    };
    if t.value_columns
        .iter()
        .any(|c| crate::text::names_outbound(c))
    {
        let group = if actual { "决算" } else { "预算" };
        let cols: Vec<String> = t.value_columns.iter().map(|c| compact(c)).collect();
        let grouped = cols.iter().any(|c| c.starts_with(group));
        let col = cols.iter().position(|c| {
            (!grouped || c.starts_with(group)) && want(c, c.rsplit('/').next().unwrap_or(c))
        })?;
        // The row the 三公 block was read from (this year's, not 上年预算数).
        let row = crate::reader::sangong::figures_row(t)
            .filter(|&r| amount(&t.rows[r], col).is_some())
            .or_else(|| t.rows.iter().position(|r| amount(r, col).is_some()))?;
        Some((row, col))
    } else {
        let row = t.rows.iter().position(|r| {
            let l = bare_label(&r.label);
            match item {
                I::Total => l.has("三公") && !crate::text::names_outbound(&l),
                I::Vehicle => l.has("公务用车") && (l.has("及") || l.has("和")),
                _ => want(&l, &l),
            }
        })?;
        Some((row, 0))
    }
}

/// `rows[total] = Σ rows[parts]` in value column `col`, judged under the rounding
/// rule: the issue both column-sum rules (`hierarchy_sum`, `total_sum`) report.
/// `None` when the sum holds exactly, a cell is absent, or a part row was placed
/// by guess (the reader already warns about those).
pub fn column_sum_issue(
    rule: &'static str,
    t: &Table,
    leads_with_total: bool,
    total: usize,
    parts: &[usize],
    col: usize,
    what: (&str, &str),
) -> Option<Issue> {
    // The 合计 column is read for certain even in rows whose blank cells could
    // not be placed (see `identities::leads_with_total`, which the caller asks
    // once per table: it reads the header): its sums are checked there too.
    let lead = col == 0 && leads_with_total;
    let cell = |r: usize| {
        if lead {
            lead_total(&t.rows[r])
        } else {
            amount(&t.rows[r], col)
        }
    };
    let total_value = cell(total)?;
    if lead
        && std::iter::once(&total)
            .chain(parts)
            .any(|&k| t.rows[k].ambiguous && cell(k).is_none())
    {
        return None;
    }
    let values: Vec<_> = parts.iter().map(|&k| cell(k)).collect();
    if !lead && any_ambiguous(t, parts) {
        return None;
    }
    let (sum, tol) = sum_parts(total_value, &values)?;
    let finding = Check::new(rule, t, sum, total_value, tol)
        .at(total, col)
        .what(what.0, what.1)
        .judge()?;
    let mut rows = vec![total];
    rows.extend(parts.iter().copied());
    Some(Issue {
        finding,
        span: Span::Column {
            table: t.id.clone(),
            col,
            rows,
        },
    })
}

/// `一、一般公共服务支出二、政府性基金预算拨款收入`: two numbered lines' labels run
/// together, so which figures stand on which line the text lost.
pub fn labels_run_together(label: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let chars: Vec<char> = compact(label).chars().collect();
    (1..chars.len())
        .filter(|&i| chars[i] == '、' && NUMERALS.contains(chars[i - 1]))
        .filter(|&i| i < 2 || !NUMERALS.contains(chars[i - 2]) || i == 2)
        .count()
        >= 2
}

/// The text lost part of how this table's rows stand: rows with figures but no
/// code in a coded table (`212` printed apart from its line), rows whose parent
/// line is missing below the top level, two numbered lines' labels run
/// together, or a row of more figures than any standard table has columns. Its
/// sums may fail on the reading, not on the report.
pub fn text_lost_structure(t: &Table) -> bool {
    sides(t)
        .into_iter()
        .any(|side| CodeHierarchy::build(t, side).has_deeper_orphans(t))
        || t.rows.iter().any(|r| {
            // No standard table prints two dozen figures on a row: rows ran together.
            labels_run_together(&r.label) || r.values.iter().flatten().count() > 24
        })
}

/// The classification a standard table's 科目编码 follow, by kind: 功能分类 (`201`
/// 一般公共服务支出, income tables' `1xx` too) or 经济分类 (`301` 工资福利支出, `501`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CodeScheme {
    Functional,
    Economic,
}

pub fn code_scheme(kind: &str) -> Option<CodeScheme> {
    match kind {
        "final.income"
        | "final.expenditure"
        | "final.general_budget_expenditure"
        | "final.gov_fund"
        | "final.state_capital"
        | "budget.income"
        | "budget.expenditure"
        | "budget.general_budget_by_function"
        | "budget.gov_fund"
        | "budget.state_capital" => Some(CodeScheme::Functional),
        "final.general_budget_basic_expenditure"
        | "budget.general_budget_basic_by_economic"
        | "budget.general_budget_project_by_economic" => Some(CodeScheme::Economic),
        _ => None,
    }
}

/// Rows coded in the other classification than the table's kind (`301 工资福利支出`
/// under a 国有资本经营预算支出 title): a neighbouring table's rows ran into this one,
/// as text that prints a title after its first page's rows gives them, so its sums
/// are over rows that are not all its own.
pub fn rows_of_another_classification(t: &Table) -> bool {
    let Some(scheme) = code_scheme(&t.kind) else {
        return false;
    };
    t.rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .any(|c| match (scheme, c.as_bytes().first()) {
            (CodeScheme::Functional, Some(b'3' | b'5')) => true,
            (CodeScheme::Economic, Some(b'1' | b'2')) => true,
            _ => false,
        })
}

/// Rows with figures but no code in a coded table (`212` printed apart from its
/// line, `201` / `05` on lines of their own): the classes read may not be all the
/// table's, so its 合计 against them says nothing for certain.
pub fn uncoded_rows_with_figures(t: &Table) -> bool {
    sides(t).into_iter().any(|side| {
        t.rows.iter().any(|r| r.side == side && r.code.is_some())
            && t.rows.iter().any(|r| r.side == side && is_uncoded_item(r))
    })
}

/// A row with figures but no code that is no total: in a coded table, an item whose
/// code the text lost.
pub fn is_uncoded_item(r: &crate::model::Row) -> bool {
    let l = compact(&r.label);
    r.code.is_none()
        && !l.has("合计")
        && !l.has("总计")
        && r.values.iter().flatten().any(|v| !v.value.is_zero())
}
