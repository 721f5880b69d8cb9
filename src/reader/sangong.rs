//! The 三公 block: budget and actual figures of 因公出国（境）费, 公务用车购置及运行费
//! (购置 / 运行) and 公务接待费, from whichever shape the table has: one row of
//! 12 values (预算数 then 决算数), 预算数/决算数 pairs per item, items as rows
//! (budget tables), 接待 before 车, an extra 机关运行经费.

use super::header::{column_year, group_word, sangong_word, SangongWord};
use crate::model::{
    Amount, Document, ReportKind, SangongBlock, SangongFigures, SangongItem, Table, TableState,
    Unit,
};
use crate::text::compact;
use crate::text::Has;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Group {
    Budget,
    Actual,
    Other,
}

/// Columns of an earlier year than the table's latest (`2016年执行数` beside
/// `2017年预算数`, `2023年预算数` beside `2024年预算数`) are the previous year's.
fn latest_year(paths: &[Vec<String>]) -> Option<i32> {
    paths.iter().flatten().filter_map(|p| column_year(p)).max()
}

fn group_of_in(path: &[String], kind: ReportKind, latest: Option<i32>) -> Group {
    let year = path.iter().find_map(|p| column_year(p));
    if let (Some(y), Some(l)) = (year, latest) {
        if y < l {
            return Group::Other;
        }
    }
    group_of(path, kind)
}

fn group_of(path: &[String], kind: ReportKind) -> Group {
    for p in path {
        if let Some(g) = group_word(p) {
            return if g.has("上年") || g.has("增减") {
                Group::Other
            } else if g.has("决算") || g.has("执行") || g.has("实际") {
                Group::Actual
            } else {
                Group::Budget
            };
        }
    }
    let c: String = path.concat();
    if c.has("上年") || c.has("增减") {
        return Group::Other;
    }
    if c.has("决算") || c.has("实际") || c.has("执行") {
        return Group::Actual;
    }
    if c.has("预算") {
        return Group::Budget;
    }
    match kind {
        ReportKind::Budget => Group::Budget,
        _ => Group::Other,
    }
}

/// The 三公 item a column's header path names (its deepest item word; group words
/// such as 预算数 skipped).
pub fn item_of(path: &[String]) -> Option<SangongWord> {
    let words: Vec<Option<SangongWord>> = path
        .iter()
        .filter(|p| group_word(p).is_none())
        .map(|p| sangong_word(p))
        .collect();
    match words.last().copied().flatten() {
        Some(SangongWord::Subtotal) => {
            if words.iter().any(|w| *w == Some(SangongWord::Vehicle)) {
                Some(SangongWord::Vehicle)
            } else {
                Some(SangongWord::Total)
            }
        }
        other => other,
    }
}

/// The block's slot for a 三公 word (小计 and 机关运行经费 have none).
pub fn sangong_slot(w: SangongWord) -> Option<SangongItem> {
    Some(match w {
        SangongWord::Total => SangongItem::Total,
        SangongWord::Outbound => SangongItem::Outbound,
        SangongWord::Vehicle => SangongItem::Vehicle,
        SangongWord::Purchase => SangongItem::VehiclePurchase,
        SangongWord::Operation => SangongItem::VehicleOperation,
        SangongWord::Reception => SangongItem::Reception,
        SangongWord::Subtotal | SangongWord::AdminOperation | SangongWord::MeetingOrTraining => {
            return None
        }
    })
}

fn two_decimals(a: Amount) -> Amount {
    // `12.3000` → `12.30` (nothing lost); `503.2354` keeps its four decimals.
    let mut v = a.value;
    if v.scale() > 2 && v.normalize().scale() <= 2 {
        v = v.normalize();
    }
    if v.scale() < 2 {
        v.rescale(2);
    }
    Amount {
        value: v,
        percent: a.percent,
        precision: a.precision,
    }
}

pub fn extract(doc: &Document) -> Option<SangongBlock> {
    let t = doc
        .tables
        .iter()
        .find(|t| t.kind == "final.sangong" || t.kind == "budget.sangong")?;
    let kind = if t.kind == "budget.sangong" && doc.meta.kind != ReportKind::Final {
        ReportKind::Budget
    } else {
        doc.meta.kind
    };
    let unit: Unit = t.unit_or(doc.meta.unit);
    let mut budget = SangongFigures::default();
    let mut actual = SangongFigures::default();
    let mut admin: Option<Amount> = None;
    let paths: Vec<Vec<String>> = t
        .value_columns
        .iter()
        .map(|c| compact(c).split('/').map(String::from).collect())
        .collect();
    let latest = latest_year(&paths);
    let group_of = |p: &[String], kind: ReportKind| group_of_in(p, kind, latest);
    let column_items = paths
        .iter()
        .filter(|p| matches!(item_of(p), Some(w) if w != SangongWord::AdminOperation))
        .count();
    if column_items >= 3 {
        // Items are columns: take the data row (the 合计 row, else the fullest).
        if let Some((b, a, ad)) = columns_block(t, kind, figures_row(t)) {
            budget = b;
            actual = a;
            admin = ad;
        }
    } else {
        // Items are rows: choose the budget and actual columns by their names.
        let col_groups: Vec<Group> = paths.iter().map(|p| group_of(p, kind)).collect();
        let budget_col = col_groups
            .iter()
            .position(|g| *g == Group::Budget)
            .or_else(|| {
                if kind == ReportKind::Budget || !col_groups.contains(&Group::Actual) {
                    (!paths.is_empty()).then_some(0)
                } else {
                    None
                }
            });
        let actual_col = col_groups.iter().position(|g| *g == Group::Actual);
        let final_without_groups = kind != ReportKind::Budget
            && actual_col.is_none()
            && !col_groups.contains(&Group::Budget);
        for r in &t.rows {
            if r.ambiguous {
                continue;
            }
            let Some(w) = sangong_word(&r.label) else {
                continue;
            };
            if w == SangongWord::AdminOperation {
                admin = admin.or(budget_col
                    .and_then(|c| r.values.get(c).copied().flatten())
                    .map(two_decimals));
                continue;
            }
            let Some(s) = sangong_slot(w) else { continue };
            if final_without_groups {
                if actual.get(s).is_none() {
                    actual.set(s, r.values.first().copied().flatten().map(two_decimals));
                }
                continue;
            }
            if let Some(c) = budget_col {
                if budget.get(s).is_none() {
                    budget.set(s, r.values.get(c).copied().flatten().map(two_decimals));
                }
            }
            if let Some(c) = actual_col {
                if actual.get(s).is_none() {
                    actual.set(s, r.values.get(c).copied().flatten().map(two_decimals));
                }
            }
        }
    }
    let empty = t.state == TableState::Empty && budget.is_empty() && actual.is_empty();
    let is_budget_report = kind == ReportKind::Budget;
    // A final's row read with its blank cells known (the budget side has figures) whose
    // 决算数 cells are all blank printed no spending: that is the actual reading, not none.
    let blank_actuals = column_items >= 3
        && !budget.is_empty()
        && paths.iter().any(|p| group_of(p, kind) == Group::Actual);
    Some(SangongBlock {
        unit,
        table: t.id.clone(),
        budget: (!budget.is_empty()).then_some(budget),
        actual: if is_budget_report {
            None
        } else {
            (!actual.is_empty() || blank_actuals).then_some(actual)
        },
        admin_operation: admin,
        empty,
    })
}

/// The 三公 figures of `row` when the items are columns: (预算数, 决算数, 机关运行经费).
fn columns_block(
    t: &Table,
    kind: ReportKind,
    row: Option<usize>,
) -> Option<(SangongFigures, SangongFigures, Option<Amount>)> {
    let mut budget = SangongFigures::default();
    let mut actual = SangongFigures::default();
    let mut admin: Option<Amount> = None;
    let paths: Vec<Vec<String>> = t
        .value_columns
        .iter()
        .map(|c| compact(c).split('/').map(String::from).collect())
        .collect();
    let latest = latest_year(&paths);
    let group_of = |p: &[String], kind: ReportKind| group_of_in(p, kind, latest);
    {
        if let Some(row) = row.map(|i| &t.rows[i]) {
            for (j, p) in paths.iter().enumerate() {
                let Some(w) = item_of(p) else { continue };
                let v = row.values.get(j).copied().flatten().map(two_decimals);
                if w == SangongWord::AdminOperation {
                    admin = admin.or(v);
                    continue;
                }
                let Some(s) = sangong_slot(w) else { continue };
                let g = match group_of(p, kind) {
                    Group::Other if !paths.iter().any(|q| group_of(q, kind) != Group::Other) => {
                        if kind == ReportKind::Budget {
                            Group::Budget
                        } else {
                            Group::Actual
                        }
                    }
                    g => g,
                };
                let target = match g {
                    Group::Budget => &mut budget,
                    Group::Actual => &mut actual,
                    Group::Other => continue,
                };
                if target.get(s).is_none() {
                    target.set(s, v);
                }
            }
        }
    }
    Some((budget, actual, admin))
}

/// The reader's own reading of `row` (the header's columns): (预算数, 决算数).
pub fn read_block(
    t: &Table,
    kind: ReportKind,
    row: Option<usize>,
) -> Option<(SangongFigures, SangongFigures)> {
    columns_block(t, kind, row).map(|(b, a, _)| (b, a))
}

/// The row of this year's figures when the items are columns: the fullest,
/// a 合计 or 本年 row first, the first of equals — and a row of last year's
/// (`上年预算数`) never while another is there.
pub fn figures_row(t: &Table) -> Option<usize> {
    let label = |i: usize| caption(&t.rows[i]);
    // Rows labelled by year (`2025年`, `2026年`, `增减变化金额`): the latest year's
    // are this year's figures, the others last year's and the change.
    let year_of = |i: usize| super::header::column_year(&label(i));
    let latest = (0..t.rows.len()).filter_map(year_of).max();
    let last_year = |i: usize| {
        let l = label(i);
        l.has("上年")
            || l.has("以前年度")
            || l.has("增减")
            || l.has("变化")
            || year_of(i).is_some_and(|y| Some(y) < latest)
    };
    let rows: Vec<usize> = (0..t.rows.len())
        .filter(|&i| !t.rows[i].ambiguous && !super::table::is_column_number_row(&t.rows[i]))
        .collect();
    let this_year: Vec<usize> = rows.iter().copied().filter(|&i| !last_year(i)).collect();
    let pool = if this_year.is_empty() {
        rows
    } else {
        this_year
    };
    pool.into_iter().max_by_key(|&i| {
        (
            t.rows[i].values.iter().filter(|v| v.is_some()).count(),
            (label(i).has("合计") || label(i).has("本年")) as usize,
            std::cmp::Reverse(i),
        )
    })
}

/// What a row says of itself: its label and its text cells (a PDF keeps
/// `2025 年` in a cell of its own beside the unit's name).
pub fn caption(r: &crate::model::Row) -> String {
    let mut s = compact(&r.label);
    for x in &r.texts {
        s.push_str(&compact(x));
    }
    s
}

/// The table the block came from (for views).
pub fn table_of<'a>(doc: &'a Document, block: &SangongBlock) -> Option<&'a Table> {
    doc.table(&block.table)
}

/// Why figures read for one group (预算数 or 决算数) cannot be the table's: a total
/// missing beside items that are not, or items that do not make their total
/// (合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行, blanks as zero) — a
/// misreading far more often than a misprint, and 三公 figures are used only when
/// certain. `None` when they hold.
///
/// `labelled`: the items are rows, each figure printed beside its item's name; a
/// sum that fails there with every item printed is the report's own error (for
/// `sangong_identity` to report), not a doubt about the reading.
pub fn doubt(f: &SangongFigures, labelled: bool) -> Option<&'static str> {
    use crate::rounding::{Agreement, RoundingTolerance};
    let v = |x: Option<Amount>| x.map(|a| a.checked());
    let items = [
        f.outbound,
        f.vehicle,
        f.vehicle_purchase,
        f.vehicle_operation,
        f.reception,
    ];
    let Some(total) = v(f.total) else {
        return items
            .iter()
            .flatten()
            .any(|a| !a.value.is_zero())
            .then_some("合计未读到而分项有数");
    };
    let holds = |t: rust_decimal::Decimal, parts: &[Option<rust_decimal::Decimal>]| {
        let ps: Vec<rust_decimal::Decimal> = parts.iter().flatten().copied().collect();
        RoundingTolerance::for_sum(t, &ps).judge(t, ps.iter().copied().sum()) != Agreement::Differs
    };
    if labelled && f.outbound.is_some() && f.reception.is_some() && f.vehicle.is_some() {
        return None;
    }
    let parts_of_vehicle = [v(f.vehicle_purchase), v(f.vehicle_operation)];
    let vehicle = v(f.vehicle).or_else(|| {
        parts_of_vehicle
            .iter()
            .any(|p| p.is_some())
            .then(|| parts_of_vehicle.iter().flatten().copied().sum())
    });
    if !holds(total, &[v(f.outbound), vehicle, v(f.reception)]) {
        return Some("合计不等于因公出国（境）费、公务用车购置及运行费、公务接待费之和");
    }
    if let Some(vh) = v(f.vehicle) {
        if parts_of_vehicle.iter().any(|p| p.is_some()) && !holds(vh, &parts_of_vehicle) {
            return Some("公务用车购置及运行费不等于购置费与运行费之和");
        }
    }
    None
}
