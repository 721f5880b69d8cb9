//! The domain model: what a report *is* once read, independent of how its text
//! arrived. Everything here serialises to the JSON of the output contract
//! (`budgetlens/1`), so the CLI, the JS API and the page export one object.
//!
//! Invariants:
//! - Money is `rust_decimal::Decimal`, never a float. A `Decimal` keeps the scale
//!   it was printed with (`"8219.20"` stays two decimals), which is what the
//!   rounding rule needs.
//! - A value is always read in the unit of its table (`Table::unit`); compare
//!   across tables only through [`Unit::to_yuan`].
//! - Line numbers are 1-based lines of the pasted text.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// 元 or 万元. Units travel with the table that printed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Yuan,
    WanYuan,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }
    /// How many yuan one printed unit is.
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
        }
    }
    pub fn to_yuan(self, v: Decimal) -> Decimal {
        v * self.factor()
    }
    /// Convert `v` printed in `self` into `to`.
    pub fn convert(self, v: Decimal, to: Unit) -> Decimal {
        if self == to {
            v
        } else {
            self.to_yuan(v) / to.factor()
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One printed number. `value` keeps the printed scale; `percent` marks `25.50%`.
#[derive(Debug, Clone, Copy, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub percent: bool,
    /// The decimals its table prints, when more than its own: a spreadsheet
    /// shows `38.60` as `38.6` and `0.00` as `0`, in a table of two-decimal
    /// figures, and such a cell is no less precise than its neighbours. 0
    /// when the cell's own scale is all there is. See [`Amount::checked`].
    pub precision: u32,
}

impl PartialEq for Amount {
    /// Equal as printed: the table's precision is a reading, not the figure.
    fn eq(&self, o: &Self) -> bool {
        self.value == o.value && self.value.scale() == o.value.scale() && self.percent == o.percent
    }
}

impl Amount {
    pub fn new(value: Decimal) -> Self {
        Amount {
            value,
            percent: false,
            precision: 0,
        }
    }
    /// Decimal places as printed (0.01 → 2).
    pub fn scale(&self) -> u32 {
        self.value.scale()
    }
    /// The value at its table's precision (`38.6` in a two-decimal table is
    /// `38.60`): the scale the rounding rule judges it by.
    pub fn checked(&self) -> Decimal {
        let mut v = self.value;
        if self.precision > v.scale() {
            v.rescale(self.precision);
        }
        v
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.percent {
            s.serialize_str(&format!("{}%", self.value))
        } else {
            s.serialize_str(&self.value.to_string())
        }
    }
}

/// `final` 决算, `budget` 预算, `performance` 绩效自评, `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    Final,
    Budget,
    Performance,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Meta {
    pub department: Option<String>,
    pub year: Option<i32>,
    pub kind: ReportKind,
    pub unit: Option<Unit>,
}

/// Where the table says it has no figures (`本表无数据`, `本表本年度无发生额`, no data row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TableState {
    /// Has data rows.
    #[default]
    Data,
    /// Declared empty by a sentence, or no data row at all.
    Empty,
}

/// A table printed as two halves side by side (收入 | 支出, 人员经费 | 公用经费).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    /// `收入`, `支出`, `人员经费`, `公用经费`.
    pub name: String,
    /// The numeric columns of this half, in order; `Row::values` of a row on this
    /// side align with them.
    pub value_columns: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    /// 科目编码 (functional 3/5/7 digits or economic 3/5 digits), digits only.
    pub code: Option<String>,
    /// 科目名称 / 项目, wrapped pieces joined without spaces; report's characters.
    pub label: String,
    /// 1-based source line of the line that carried the row's numbers.
    pub line: usize,
    /// 1-based page of `line`, where the input has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Numeric cells left to right, aligned with the table's `value_columns`
    /// (or the side's), `None` for blank / `-` / `单位不需填列`.
    pub values: Vec<Option<Amount>>,
    /// 0 = left half, 1 = right half of a two-sided table; `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<usize>,
    /// 行次 printed on the row, when the table has that column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_number: Option<u32>,
    /// True when the row had fewer values than columns and the placement was not
    /// certain: `values` are then left-aligned and a warning names the row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// Text cells that are not numbers (e.g. 绩效目标 text), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
}

impl Row {
    pub fn value(&self, col: usize) -> Option<Decimal> {
        self.values.get(col).copied().flatten().map(|a| a.value)
    }
    /// `合计`, `总计`, `小计`-like rows that sum other rows.
    pub fn is_total(&self) -> bool {
        let l = crate::text::compact(&self.label);
        self.code.is_none()
            && (l == "合计" || l == "总计" || l.ends_with("合计") || l.ends_with("总计"))
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Table {
    /// `t1`, `t2`, … in order of appearance.
    pub id: String,
    /// An id of REPORT-FORMAT.md (`final.expenditure`) or `unknown`.
    pub kind: String,
    pub title: String,
    /// `表1`, `公开01表`, `表 1` as printed, when printed.
    pub number: Option<String>,
    pub unit: Option<Unit>,
    /// First and last 1-based source line of the table (all pages).
    pub lines: [usize; 2],
    /// Every column as the header names it, left to right (both halves for a
    /// two-sided table). Multi-level names are joined with `/`
    /// (`预算数/公务用车购置及运行费/小计`).
    pub columns: Vec<String>,
    /// The numeric columns, which `Row::values` align with (single-sided tables).
    pub value_columns: Vec<String>,
    /// Two halves when the table is two-sided, else empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<Side>,
    pub rows: Vec<Row>,
    pub state: TableState,
    /// `注：` lines under the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Lines where a page of this table started (1 for a one-page table).
    pub pages: usize,
    /// The department its `部门：` / `编制单位：` line names, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

impl Table {
    pub fn is_two_sided(&self) -> bool {
        !self.sides.is_empty()
    }
    /// Index of the first value column whose name satisfies `pred`.
    pub fn col(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.value_columns.iter().position(|c| pred(c))
    }
    pub fn col_named(&self, needle: &str) -> Option<usize> {
        self.col(|c| crate::text::compact(c).contains(needle))
    }
    pub fn rows_on_side(&self, side: usize) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.side == Some(side))
    }
    pub fn side_columns(&self, side: Option<usize>) -> &[String] {
        match side {
            Some(s) if s < self.sides.len() => &self.sides[s].value_columns,
            _ => &self.value_columns,
        }
    }
    /// The 合计 row (single-sided tables).
    pub fn total_row(&self) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.side.is_none() && crate::text::compact(&r.label) == "合计")
    }
    /// First row whose compacted label contains `needle` (optionally on a side).
    pub fn row_labelled(&self, side: Option<usize>, needle: &str) -> Option<&Row> {
        self.rows
            .iter()
            .filter(|r| side.is_none() || r.side == side)
            .find(|r| crate::text::compact(&r.label).contains(needle))
    }
    pub fn unit_or(&self, fallback: Option<Unit>) -> Unit {
        self.unit.or(fallback).unwrap_or(Unit::WanYuan)
    }
}

/// 三公 figures of one column group (预算数 or 决算数), in the table's unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SangongFigures {
    pub total: Option<Amount>,
    pub outbound: Option<Amount>,
    pub vehicle: Option<Amount>,
    pub vehicle_purchase: Option<Amount>,
    pub vehicle_operation: Option<Amount>,
    pub reception: Option<Amount>,
}

impl SangongFigures {
    pub fn get(&self, key: SangongItem) -> Option<Amount> {
        match key {
            SangongItem::Total => self.total,
            SangongItem::Outbound => self.outbound,
            SangongItem::Vehicle => self.vehicle,
            SangongItem::VehiclePurchase => self.vehicle_purchase,
            SangongItem::VehicleOperation => self.vehicle_operation,
            SangongItem::Reception => self.reception,
        }
    }
    pub fn set(&mut self, key: SangongItem, v: Option<Amount>) {
        let slot = match key {
            SangongItem::Total => &mut self.total,
            SangongItem::Outbound => &mut self.outbound,
            SangongItem::Vehicle => &mut self.vehicle,
            SangongItem::VehiclePurchase => &mut self.vehicle_purchase,
            SangongItem::VehicleOperation => &mut self.vehicle_operation,
            SangongItem::Reception => &mut self.reception,
        };
        *slot = v;
    }
    pub fn is_empty(&self) -> bool {
        SangongItem::ALL.iter().all(|k| self.get(*k).is_none())
    }
}

/// The six 三公 quantities of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SangongItem {
    Total,
    Outbound,
    Vehicle,
    VehiclePurchase,
    VehicleOperation,
    Reception,
}

impl SangongItem {
    pub const ALL: [SangongItem; 6] = [
        SangongItem::Total,
        SangongItem::Outbound,
        SangongItem::Vehicle,
        SangongItem::VehiclePurchase,
        SangongItem::VehicleOperation,
        SangongItem::Reception,
    ];
    pub fn key(self) -> &'static str {
        match self {
            SangongItem::Total => "total",
            SangongItem::Outbound => "outbound",
            SangongItem::Vehicle => "vehicle",
            SangongItem::VehiclePurchase => "vehicle_purchase",
            SangongItem::VehicleOperation => "vehicle_operation",
            SangongItem::Reception => "reception",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            SangongItem::Total => "“三公”经费合计",
            SangongItem::Outbound => "因公出国（境）费",
            SangongItem::Vehicle => "公务用车购置及运行费",
            SangongItem::VehiclePurchase => "公务用车购置费",
            SangongItem::VehicleOperation => "公务用车运行费",
            SangongItem::Reception => "公务接待费",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            SangongItem::Total => "three public expenses total",
            SangongItem::Outbound => "official travel abroad",
            SangongItem::Vehicle => "official vehicles (purchase and operation)",
            SangongItem::VehiclePurchase => "vehicle purchase",
            SangongItem::VehicleOperation => "vehicle operation",
            SangongItem::Reception => "official reception",
        }
    }
}

/// The 三公 block of the contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SangongBlock {
    pub unit: Unit,
    /// Id of the table the figures came from.
    pub table: String,
    pub budget: Option<SangongFigures>,
    /// `None` for a budget (预算) report.
    pub actual: Option<SangongFigures>,
    /// 机关运行经费 when the same table prints it (budget tables of some provinces).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_operation: Option<Amount>,
    /// True when the table says it is empty (`本年度没有财政拨款“三公”经费支出`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Notice,
    Warning,
    Error,
}

/// One problem (or note) about the report, pinned as precisely as the rule can.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// Stable snake_case rule id.
    pub rule: String,
    pub severity: Severity,
    pub table: Option<String>,
    /// The row's code, else its label.
    pub row: Option<String>,
    pub column: Option<String>,
    pub line: Option<usize>,
    /// 1-based page of `line`, where the input has pages (a PDF, or text with form
    /// feeds or page-break markers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub expected: Option<Decimal>,
    pub found: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub tolerance: Option<Decimal>,
    pub message_zh: String,
    pub message_en: String,
    /// Index of the row in `Table::rows` and of the value column, so views can
    /// highlight the cell without re-matching labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    /// Consequences explained by this finding (one wrong cell breaks several sums).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CellRef {
    pub row: usize,
    pub col: usize,
}

impl Finding {
    /// A finding with only the essentials; callers fill the optional fields.
    pub fn new(rule: &str, severity: Severity, message_zh: String, message_en: String) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            table: None,
            row: None,
            column: None,
            line: None,
            page: None,
            expected: None,
            found: None,
            difference: None,
            tolerance: None,
            message_zh,
            message_en,
            cell: None,
            related: Vec::new(),
        }
    }
    pub fn at_table(mut self, t: &Table) -> Self {
        self.table = Some(t.id.clone());
        self
    }
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// One source line of narrative (情况说明 and other prose), kept for the checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NarrativeLine {
    pub line: usize,
    pub text: String,
}

/// What the reader returns: never an error, always what it could read plus
/// diagnostics (as findings).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub tables: Vec<Table>,
    pub sangong: Option<SangongBlock>,
    pub narrative: Vec<NarrativeLine>,
    pub diagnostics: Vec<Finding>,
    /// Number of source lines.
    pub line_count: usize,
    /// The department the cover (the first lines) names, when it names one:
    /// kept apart from `meta.department` (the tables' name) to compare them.
    pub cover_department: Option<String>,
    /// The performance self-evaluation forms, read from their lines
    /// (`reader::perf_form`): their money block, fund rows and scores.
    pub perf_forms: Vec<crate::reader::perf_form::PerfForm>,
    /// [`Document::narrative_text`], joined once: five rules read it, and joining
    /// was a tenth of the checks' time.
    pub joined: JoinedNarrative,
}

/// The narrative joined on first use. Filled only through
/// [`Document::narrative_text`], once the document is read (the checks take it
/// by `&`); the reader itself joins with [`NarrativeText::join`]. Not part of a
/// document's identity: equal documents compare equal cached or not.
#[derive(Debug, Clone, Default)]
pub struct JoinedNarrative(std::sync::OnceLock<NarrativeText>);

impl PartialEq for JoinedNarrative {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Document {
    pub fn table_of_kind(&self, kind: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
    /// Every narrative line joined into one string (soft line breaks inside words
    /// and numbers disappear), with a map from byte offset back to source line.
    pub fn narrative_text(&self) -> &NarrativeText {
        self.joined
            .0
            .get_or_init(|| NarrativeText::join(&self.narrative))
    }
}

/// A justified line whose Chinese characters stand one space apart
/// (`补 助 支 出 571.04 万 元 、 增 人 增 资`): most of them followed by a blank.
fn letter_spaced(t: &str) -> bool {
    // Without a blank no char is spaced (most lines of prose).
    if !t.contains(' ') {
        return false;
    }
    let chars: Vec<char> = t.chars().collect();
    let cjk = |c: char| !c.is_ascii() && !c.is_whitespace();
    let (mut n, mut spaced) = (0, 0);
    for (i, &c) in chars.iter().enumerate() {
        if cjk(c) && i + 1 < chars.len() {
            n += 1;
            if chars[i + 1] == ' ' && chars.get(i + 2).is_some_and(|&d| d != ' ') {
                spaced += 1;
            }
        }
    }
    n >= 4 && spaced * 3 >= n * 2
}

/// `t` without the spaces a justified PDF line puts between its characters
/// (`补 助 支 出 571.04 万 元 、`): Chinese prose has none, so a blank stays only
/// between two ASCII letters or digits (`12 345`, `OSM project`).
fn push_unspaced(out: &mut String, t: &str) {
    let mut pending_space = false;
    for c in t.chars() {
        if c == ' ' {
            pending_space = true;
            continue;
        }
        if pending_space {
            let before = out.chars().next_back();
            if before.is_some_and(|b| b.is_ascii_alphanumeric()) && c.is_ascii_alphanumeric() {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
}

/// Narrative joined across soft line breaks.
#[derive(Debug, Clone, Default)]
pub struct NarrativeText {
    pub text: String,
    /// (byte offset where a source line starts in `text`, its line number)
    starts: Vec<(usize, usize)>,
}

impl NarrativeText {
    pub fn join(lines: &[NarrativeLine]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for l in lines {
            let t = l.text.trim();
            if t.is_empty() {
                continue;
            }
            // Keep a space only between two ASCII alphanumerics (`2017` `年` joins,
            // `OSM` `二期` joins, but `12` `345` would fuse: PDF text breaks lines
            // there too, so joining is the better guess for Chinese prose).
            starts.push((text.len(), l.line));
            if letter_spaced(t) {
                push_unspaced(&mut text, t);
            } else {
                text.push_str(t);
            }
        }
        NarrativeText { text, starts }
    }
    /// Where each source line's text starts in `text`, with its line number, in order.
    pub fn line_starts(&self) -> &[(usize, usize)] {
        &self.starts
    }
    /// Source line of byte offset `pos`.
    pub fn line_at(&self, pos: usize) -> usize {
        match self.starts.binary_search_by(|(o, _)| o.cmp(&pos)) {
            Ok(i) => self.starts[i].1,
            Err(0) => self.starts.first().map(|s| s.1).unwrap_or(1),
            Err(i) => self.starts[i - 1].1,
        }
    }
}

/// The contract's version tag, in every analysis object (`schema`).
pub const SCHEMA: &str = "budgetlens/1";

/// The analysis object of the output contract: one object for every door.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Analysis {
    pub schema: &'static str,
    pub meta: Meta,
    pub tables: Vec<Table>,
    pub sangong: Option<SangongBlock>,
    pub findings: Vec<Finding>,
    /// Why the input holds no report, when it does not (empty paste, binary, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_problem: Option<InputProblem>,
}

/// Input that is not a report at all; exit status 2 in the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputProblem {
    /// `empty`, `binary`, `too_large`, `no_table`, `html`; `internal` when the
    /// analysis of a large text failed in the worker.
    pub kind: String,
    pub message_zh: String,
    pub message_en: String,
}

impl Analysis {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}
