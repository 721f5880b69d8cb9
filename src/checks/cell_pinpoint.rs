//! `cell_pinpoint` — when a column sum and a row sum both fail and cross at one
//! cell, that cell is the likely typo: say so, say what value would make both
//! hold, and group the two failures under it (`Finding::related`).
//!
//! What: for an error of a column identity (parent = Σ children, 合计 = Σ 类, …:
//! rows R in column c) and an error of a row identity (total column = Σ parts:
//! columns C in row r) of the same table with r ∈ R and c ∈ C, the value of cell
//! (r, c) that satisfies each identity is computed; when the two agree within
//! rounding, one `error` names the cell and carries both failures as related.
//!
//! Why: one wrong cell breaks a row and a column at once; two findings about
//! different totals would send the user looking in the wrong places.
//!
//! Example: `2010301 行政运行 2,216.76 2,116.76 0.00 …` breaks 20103's 本年支出合计
//! (Σ 6,078.77 vs 5,978.76) and the row (2,216.76 vs 2,116.76 + 0 …): the cell
//! 2010301 / 本年支出合计 should read 2,116.76.

use super::util::{amount, fmt, row_key, Issue, Span};
use crate::model::{CellRef, Document, Finding, Severity, Table};
use crate::rounding::half_unit;
use rust_decimal::Decimal;

pub const RULE: &str = "cell_pinpoint";

/// The value of `cell` that makes `total = Σ parts` hold, `cells[0]` the total.
fn solve(
    t: &Table,
    cells: &[(usize, usize)],
    target: (usize, usize),
) -> Option<(Decimal, Decimal)> {
    let val = |(r, c): (usize, usize)| t.rows.get(r).and_then(|row| amount(row, c));
    let mut tol = Decimal::ZERO;
    let others: Decimal = cells[1..]
        .iter()
        .filter(|&&x| x != target)
        .map(|&x| {
            let v = val(x).unwrap_or_default();
            tol += half_unit(v);
            v
        })
        .sum();
    if cells[0] == target {
        Some((others, tol))
    } else {
        let total = val(cells[0])?;
        tol += half_unit(total);
        Some((total - others, tol))
    }
}

pub fn group(doc: &Document, issues: Vec<Issue>) -> Vec<Finding> {
    let mut used = vec![false; issues.len()];
    let mut out = Vec::new();
    for i in 0..issues.len() {
        let Span::Column { table, col, rows } = &issues[i].span else {
            continue;
        };
        if used[i] || issues[i].finding.severity != Severity::Error {
            continue;
        }
        for j in 0..issues.len() {
            if used[j] || used[i] || issues[j].finding.severity != Severity::Error {
                continue;
            }
            let Span::Row {
                table: t2,
                row,
                cols,
            } = &issues[j].span
            else {
                continue;
            };
            if t2 != table || !rows.contains(row) || !cols.contains(col) {
                continue;
            }
            let Some(t) = doc.table(table) else { continue };
            let target = (*row, *col);
            let ccells: Vec<(usize, usize)> = rows.iter().map(|&r| (r, *col)).collect();
            let rcells: Vec<(usize, usize)> = cols.iter().map(|&c| (*row, c)).collect();
            let (Some((v1, t1)), Some((v2, t2v))) =
                (solve(t, &ccells, target), solve(t, &rcells, target))
            else {
                continue;
            };
            if (v1 - v2).abs() > t1 + t2v {
                continue;
            }
            let r = &t.rows[*row];
            let colname = t
                .side_columns(r.side)
                .get(*col)
                .cloned()
                .unwrap_or_default();
            let found = amount(r, *col).unwrap_or_default();
            // The identity with the smaller tolerance (fewer operands) pins it closer.
            let fix = if t1 < t2v { v1 } else { v2 };
            let key = row_key(r);
            let mut f = Finding::new(
                RULE,
                Severity::Error,
                format!("{}：{} {} 很可能有误——它同时使本行和本列的合计不成立；若为 {}，两者都成立", t.title, super::util::cell_words_zh(Some(r), Some(&colname)), fmt(found), fmt(fix)),
                format!("{}: {} {} {} is likely a typo — it breaks both its row and its column; {} would make both hold", t.title, key, colname, fmt(found), fmt(fix)),
            )
            .at_table(t)
            .at_line(r.line);
            f.row = Some(key);
            f.column = Some(colname);
            f.expected = Some(fix);
            f.found = Some(found);
            f.difference = Some((found - fix).abs());
            f.tolerance = Some(t1.max(t2v));
            f.cell = Some(CellRef {
                row: *row,
                col: *col,
            });
            f.related = vec![issues[i].finding.clone(), issues[j].finding.clone()];
            used[i] = true;
            used[j] = true;
            out.push(f);
        }
    }
    // Other failures the same wrong cell explains: a check pinned at that cell
    // (the summary against the same 合计), or another sum over that cell which
    // the corrected value would also satisfy (合计 = Σ 类 when a 类 is wrong).
    for (k, is) in issues.into_iter().enumerate() {
        if used[k] {
            continue;
        }
        let f = is.finding;
        let host = out.iter_mut().find(|p| {
            if p.rule != RULE || f.severity != Severity::Error || p.table != f.table {
                return false;
            }
            let (Some(cell), Some(fix), Some(t)) = (
                p.cell,
                p.expected,
                p.table.as_deref().and_then(|id| doc.table(id)),
            ) else {
                return false;
            };
            if f.cell == Some(cell) {
                return true;
            }
            let target = (cell.row, cell.col);
            let cells: Vec<(usize, usize)> = match &is.span {
                Span::Column { col, rows, .. } if *col == cell.col && rows.contains(&cell.row) => {
                    rows.iter().map(|&r| (r, *col)).collect()
                }
                Span::Row { row, cols, .. } if *row == cell.row && cols.contains(&cell.col) => {
                    cols.iter().map(|&c| (*row, c)).collect()
                }
                _ => return false,
            };
            solve(t, &cells, target)
                .is_some_and(|(v, tol)| (v - fix).abs() <= tol + p.tolerance.unwrap_or_default())
        });
        match host {
            Some(p) => p.related.push(f),
            None => out.push(f),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn crossing_failures_pin_one_cell() {
        let doc = crate::reader::read(include_str!(
            "../../tests/fixtures/checks/expenditure_fail.txt"
        ));
        let all = super::super::run_all(&doc);
        let errs: Vec<_> = all
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let f = errs[0];
        assert_eq!(f.rule, super::RULE);
        assert_eq!(f.row.as_deref(), Some("2010301"));
        assert_eq!(f.column.as_deref(), Some("本年支出合计"));
        assert_eq!(f.expected, Some(Decimal::from_str("2116.76").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("2216.76").unwrap()));
        assert_eq!(f.related.len(), 2);
    }

    #[test]
    fn a_lone_failure_stays_as_it_is() {
        // Money moved between 基本支出 and 项目支出: the row holds, two columns fail.
        let text = include_str!("../../tests/fixtures/checks/expenditure_pass.txt")
            .replace("3,331.97\t6.00\t3,325.97", "3,331.97\t106.00\t3,225.97");
        let doc = crate::reader::read(&text);
        let all = super::super::run_all(&doc);
        assert!(all.iter().all(|f| f.rule != super::RULE));
        assert_eq!(
            all.iter().filter(|f| f.severity == Severity::Error).count(),
            2,
            "{all:#?}"
        );
    }

    #[test]
    fn a_wrong_class_row_explains_the_total_and_the_summary() {
        let text = include_str!("../../tests/fixtures/checks/expenditure_pass.txt").replacen(
            "201\t一般公共服务支出\t5,978.76",
            "201\t一般公共服务支出\t6,078.76",
            1,
        );
        let doc = crate::reader::read(&text);
        let all = super::super::run_all(&doc);
        let errs: Vec<_> = all
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].row.as_deref(), Some("201"));
        // hierarchy (201 vs 20103), row identity (201) and 合计 = Σ 类.
        assert_eq!(errs[0].related.len(), 3, "{:#?}", errs[0].related);
    }
}
