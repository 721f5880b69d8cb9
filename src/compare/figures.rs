//! The few figures a comparison follows year by year, read from one report's
//! tables by meaning, all converted to 万元 so reports in 元 and 万元 line up.
//!
//! - 三公: the report's [`SangongBlock`] (budget, and actual for a 决算).
//! - 收入 / 支出 totals: the summary table's (final.income_expenditure_summary,
//!   budget.summary) 本年收入合计 / 本年支出合计 and the grand totals 收入总计 /
//!   支出总计 (`总计` on each side). When a report has no summary table the 合计
//!   row of its 收入 / 支出 table stands in for 本年收入合计 / 本年支出合计.

use crate::model::{Amount, Document, Row, SangongFigures, SangongItem, Table, Unit};
use crate::text::compact;
use rust_decimal::Decimal;
use serde::Serialize;

/// One report's yearly figures, in 万元.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReportFigures {
    pub sangong_budget: Option<SangongFigures>,
    pub sangong_actual: Option<SangongFigures>,
    /// 本年收入合计 (收入预算 for a budget).
    pub income: Option<Decimal>,
    /// 本年支出合计.
    pub expenditure: Option<Decimal>,
    /// 收入总计 (with 结转 and 结余).
    pub income_total: Option<Decimal>,
    /// 支出总计.
    pub expenditure_total: Option<Decimal>,
}

/// Which yearly quantity a figure or a narrative claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    Sangong(#[serde(serialize_with = "ser_item")] SangongItem),
    Income,
    Expenditure,
    IncomeTotal,
    ExpenditureTotal,
}

fn ser_item<S: serde::Serializer>(i: &SangongItem, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(i.key())
}

impl Quantity {
    pub fn zh(self) -> String {
        match self {
            Quantity::Sangong(i) => i.zh().to_string(),
            Quantity::Income => "本年收入合计".into(),
            Quantity::Expenditure => "本年支出合计".into(),
            Quantity::IncomeTotal => "收入总计".into(),
            Quantity::ExpenditureTotal => "支出总计".into(),
        }
    }
    pub fn en(self) -> String {
        match self {
            Quantity::Sangong(i) => i.en().to_string(),
            Quantity::Income => "income of the year".into(),
            Quantity::Expenditure => "expenditure of the year".into(),
            Quantity::IncomeTotal => "income grand total".into(),
            Quantity::ExpenditureTotal => "expenditure grand total".into(),
        }
    }
}

impl ReportFigures {
    /// The value a report gives for a quantity. 三公 of a 决算 is its actual
    /// (what the narrative's 比上年 talks about); of a 预算, its budget.
    pub fn get(&self, q: Quantity, is_final: bool) -> Option<Decimal> {
        match q {
            Quantity::Sangong(i) => {
                let f = if is_final {
                    self.sangong_actual.as_ref()
                } else {
                    self.sangong_budget.as_ref()
                };
                f.and_then(|f| f.get(i)).map(|a| a.value)
            }
            Quantity::Income => self.income,
            Quantity::Expenditure => self.expenditure,
            Quantity::IncomeTotal => self.income_total,
            Quantity::ExpenditureTotal => self.expenditure_total,
        }
    }
}

fn to_wan(v: Decimal, unit: Unit) -> Decimal {
    unit.convert(v, Unit::WanYuan)
}

fn figures_in_wan(f: &SangongFigures, unit: Unit) -> SangongFigures {
    let mut out = SangongFigures::default();
    for k in SangongItem::ALL {
        out.set(
            k,
            f.get(k).map(|a| Amount {
                value: to_wan(a.value, unit),
                percent: false,
                precision: 0,
            }),
        );
    }
    out
}

fn first_value(r: &Row) -> Option<Decimal> {
    r.values.iter().flatten().next().map(|a| a.value)
}

/// The row of a summary table on a side whose label means `want`.
fn summary_row<'a>(t: &'a Table, side: usize, want: impl Fn(&str) -> bool) -> Option<&'a Row> {
    let on_side = |r: &&Row| {
        if t.is_two_sided() {
            r.side == Some(side)
        } else {
            true
        }
    };
    t.rows
        .iter()
        .filter(on_side)
        .find(|r| want(&compact(&r.label)))
}

fn is_year_total(label: &str, word: &str) -> bool {
    // 本年收入合计 / 收入合计 / 本年收入 (but not 财政拨款收入合计)
    label.contains(&format!("本年{word}合计"))
        || label == format!("{word}合计")
        || label == format!("本年{word}")
}

fn is_grand_total(label: &str, word: &str) -> bool {
    label == "总计" || label.ends_with(&format!("{word}总计")) || label == format!("{word}总计")
}

/// Read the comparison figures of one report.
pub fn report_figures(doc: &Document) -> ReportFigures {
    let mut out = ReportFigures::default();
    if let Some(b) = &doc.sangong {
        if !b.empty {
            out.sangong_budget = b
                .budget
                .as_ref()
                .filter(|f| !f.is_empty())
                .map(|f| figures_in_wan(f, b.unit));
            out.sangong_actual = b
                .actual
                .as_ref()
                .filter(|f| !f.is_empty())
                .map(|f| figures_in_wan(f, b.unit));
        }
    }
    let summary = doc
        .table_of_kind("final.income_expenditure_summary")
        .or_else(|| doc.table_of_kind("budget.summary"));
    if let Some(t) = summary {
        let unit = t.unit_or(doc.meta.unit);
        let v = |r: Option<&Row>| r.and_then(first_value).map(|v| to_wan(v, unit));
        let (inc_side, exp_side) = (0, if t.is_two_sided() { 1 } else { 0 });
        out.income = v(summary_row(t, inc_side, |l| is_year_total(l, "收入")));
        out.expenditure = v(summary_row(t, exp_side, |l| is_year_total(l, "支出")));
        if t.is_two_sided() {
            out.income_total = v(summary_row(t, 0, |l| is_grand_total(l, "收入")));
            out.expenditure_total = v(summary_row(t, 1, |l| is_grand_total(l, "支出")));
        } else {
            out.income_total = v(summary_row(t, 0, |l| l == "收入总计"));
            out.expenditure_total = v(summary_row(t, 0, |l| l == "支出总计"));
        }
    }
    let table_total = |kind: &str| {
        doc.table_of_kind(kind).and_then(|t| {
            let unit = t.unit_or(doc.meta.unit);
            t.total_row().and_then(first_value).map(|v| to_wan(v, unit))
        })
    };
    if out.income.is_none() {
        out.income = table_total("final.income").or_else(|| table_total("budget.income"));
    }
    if out.expenditure.is_none() {
        out.expenditure =
            table_total("final.expenditure").or_else(|| table_total("budget.expenditure"));
    }
    out
}
