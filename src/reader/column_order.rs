//! In which order a table's value columns stand, decided by its complete rows.
//!
//! A header printed over several lines (`合 计 项目支出` over `小计 人员经费
//! 公用经费`, with 基本支出 above them) comes out of PDF text with its cells
//! in line order, not column order: the reader may name the columns in the
//! wrong order. The rows that print every cell know better: under the true order
//! the header's own identities (合计 = 基本支出小计 + 项目支出, 小计 = 人员 + 公用)
//! hold on every one of them. So every order of the names is tried on the
//! complete rows; when the order as read fails where exactly one other
//! arrangement of the figures holds on all of them, the names are put in that
//! order, and the rows with blank cells are placed again under it.
//!
//! Example: `合计 6838.41 5571.66 4944.99 626.67 1266.75` read under [小计, 人员,
//! 公用, 合计, 项目] breaks 小计 = 人员 + 公用; under [合计, 小计, 人员, 公用, 项目]
//! 6838.41 = 5571.66 + 1266.75 and 5571.66 = 4944.99 + 626.67 hold.

use super::placement::{holds, place_by_identities, Placement};
use crate::identities::column_identities;
use crate::model::{Amount, Finding, Severity, Table};

/// Tables wider than this are not reordered (7! orders are still cheap).
const MAX_COLUMNS: usize = 7;

fn permutations(k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut p: Vec<usize> = (0..k).collect();
    fn go(i: usize, p: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if i == p.len() {
            out.push(p.clone());
            return;
        }
        for j in i..p.len() {
            p.swap(i, j);
            go(i + 1, p, out);
            p.swap(i, j);
        }
    }
    go(0, &mut p, &mut out);
    out
}

/// The row's values as the names see them under `perm` (name j sits at the
/// position whose perm entry is j).
fn by_name(values: &[Option<Amount>], perm: &[usize]) -> Vec<Option<Amount>> {
    let mut out = vec![None; perm.len()];
    for (pos, &name) in perm.iter().enumerate() {
        out[name] = values.get(pos).copied().flatten();
    }
    out
}

/// Reorder the value columns when the complete rows say so. Returns the source
/// lines of the rows placed again (their old placement diagnostics are stale).
/// A two-sided table is settled half by half: a half's header is printed over
/// several lines as often as a whole table's (`基本支出` over `人员经费 公用经费`
/// beside `合计 项目支出` in a 财务收支预算总表's expenditure half).
pub fn settle(t: &mut Table) -> Replaced {
    if t.is_two_sided() {
        let mut all = Replaced::default();
        for s in 0..t.sides.len() {
            let mut half = t.clone();
            half.sides.clear();
            half.value_columns = t.sides[s].value_columns.clone();
            half.rows.retain(|r| r.side == Some(s));
            let mut r = settle(&mut half);
            if r.lines.is_empty() && half.value_columns == t.sides[s].value_columns {
                continue;
            }
            // `columns` names a half's columns `支出/合计`; its side, `合计`.
            let prefix = format!("{}/", t.sides[s].name);
            let old = std::mem::replace(&mut t.sides[s].value_columns, half.value_columns);
            let prefixed = t.columns.iter().any(|c| c.starts_with(&prefix));
            let mut names = t.sides[s].value_columns.iter();
            for c in t.columns.iter_mut() {
                let bare = if prefixed {
                    c.strip_prefix(&prefix)
                } else {
                    Some(c.as_str())
                };
                if bare.is_some_and(|b| old.iter().any(|o| o == b)) {
                    if let Some(n) = names.next() {
                        *c = if prefixed {
                            format!("{prefix}{n}")
                        } else {
                            n.clone()
                        };
                    }
                }
            }
            let mut settled = half.rows.into_iter();
            for row in t.rows.iter_mut().filter(|r| r.side == Some(s)) {
                if let Some(new) = settled.next() {
                    *row = new;
                }
            }
            all.lines.append(&mut r.lines);
            all.unplaceable.append(&mut r.unplaceable);
        }
        return all;
    }
    let k = t.value_columns.len();
    if !(3..=MAX_COLUMNS).contains(&k) {
        return Replaced::default();
    }
    let ids = column_identities(&t.value_columns);
    if ids.is_empty() {
        return Replaced::default();
    }
    let complete: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].values.len() == k && t.rows[i].values.iter().all(|v| v.is_some()))
        .collect();
    // Rows whose every cell is equal say nothing about order.
    let telling: Vec<usize> = complete
        .iter()
        .copied()
        .filter(|&i| {
            let v = &t.rows[i].values;
            v.iter()
                .any(|x| x.map(|a| a.value) != v[0].map(|a| a.value))
        })
        .collect();
    if telling.is_empty() {
        return Replaced::default();
    }
    let score = |perm: &[usize]| {
        telling
            .iter()
            .filter(|&&i| holds(&by_name(&t.rows[i].values, perm), &ids))
            .count()
    };
    let read: Vec<usize> = (0..k).collect();
    let as_read = score(&read);
    if as_read == telling.len() {
        return Replaced::default();
    }
    // One complete row may be the report's own slip: the order that holds on
    // all of them but one still says how the columns stand.
    let all = permutations(k);
    let best = all.iter().map(|p| score(p)).max().unwrap_or(0);
    if best <= as_read || best < 2 || best + 1 < telling.len() {
        return Replaced::default();
    }
    let fitting: Vec<Vec<usize>> = all.into_iter().filter(|p| score(p) == best).collect();
    // Orders that read every complete row alike are one reading.
    let matrix = |p: &[usize]| -> Vec<Vec<Option<rust_decimal::Decimal>>> {
        telling
            .iter()
            .map(|&i| {
                by_name(&t.rows[i].values, p)
                    .iter()
                    .map(|a| a.map(|a| a.value))
                    .collect()
            })
            .collect()
    };
    // The text keeps the order of the cells within a header line and loses
    // how the lines interleave: of the orders that hold, the ones that move the
    // fewest names past each other (人员经费 stays before 公用经费).
    let inversions = |p: &[usize]| {
        (0..k)
            .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
            .filter(|&(a, b)| p[a] > p[b])
            .count()
    };
    let Some(least) = fitting.iter().map(|p| inversions(p)).min() else {
        return Replaced::default();
    };
    let nearest: Vec<&Vec<usize>> = fitting.iter().filter(|p| inversions(p) == least).collect();
    let m0 = matrix(nearest[0]);
    if nearest.iter().any(|p| matrix(p) != m0) {
        return Replaced::default();
    }
    let perm = nearest[0].clone();
    let old = t.value_columns.clone();
    let new: Vec<String> = perm.iter().map(|&j| old[j].clone()).collect();
    // The same names, now in the columns' order, in the full column list too.
    let mut at = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| old.contains(c))
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .into_iter();
    for name in &new {
        if let Some(i) = at.next() {
            t.columns[i] = name.clone();
        }
    }
    t.value_columns = new;
    let ids = column_identities(&t.value_columns);
    let mut replaced = Vec::new();
    let mut unplaceable = Vec::new();
    for r in t.rows.iter_mut() {
        let printed: Vec<Option<Amount>> = r.values.iter().flatten().map(|a| Some(*a)).collect();
        if printed.len() == k || printed.is_empty() {
            continue;
        }
        replaced.push(r.line);
        match place_by_identities(&printed, k, &ids) {
            Placement::Certain(v) => {
                r.values = v;
                r.ambiguous = false;
            }
            Placement::Ambiguous(count) => {
                let n = printed.len();
                let mut v = printed;
                v.resize(k, None);
                r.values = v;
                r.ambiguous = true;
                if count == 0 && n >= 2 && 2 * n + 1 >= k {
                    unplaceable.push(r.line);
                }
            }
        }
    }
    Replaced {
        lines: replaced,
        unplaceable,
    }
}

/// The rows placed again under the new order, and those no placement makes add up.
#[derive(Debug, Default, PartialEq)]
pub struct Replaced {
    pub lines: Vec<usize>,
    pub unplaceable: Vec<usize>,
}

impl Replaced {
    /// The reader's notes on these rows were made under the old order: replace
    /// them with what the rows are now.
    pub fn restate(&self, t: &Table, diags: &mut Vec<Finding>) {
        if self.lines.is_empty() {
            return;
        }
        diags.retain(|f| {
            !(f.line.is_some_and(|l| self.lines.contains(&l)) && super::is_placement_note(f))
        });
        for r in t
            .rows
            .iter()
            .filter(|r| r.ambiguous && self.lines.contains(&r.line))
        {
            let name = r.code.clone().unwrap_or_else(|| r.label.clone());
            let printed: Vec<String> = r
                .values
                .iter()
                .flatten()
                .map(|a| crate::text::group_thousands(&a.value.to_string()))
                .collect();
            let mut f = if self.unplaceable.contains(&r.line) {
                Finding::new(
                    "row_sum_unplaceable",
                    Severity::Error,
                    format!(
                        "“{name}”一行印出的 {} 无论空白格在哪一列，都不满足表头的合计关系：本行数字有误",
                        printed.join("、")
                    ),
                    format!(
                        "Row “{name}”: wherever its blank cells stand, {} break the header's sums: the row's figures are wrong",
                        printed.join(", ")
                    ),
                )
            } else {
                Finding::new(
                    "ambiguous_row",
                    Severity::Warning,
                    format!("“{name}”一行的空白格位置无法由表头和本行的合计关系确定，未作核对，请对照原表"),
                    format!("Row “{name}”: where its blank cells stand cannot be told from the header and the row's totals; not checked, compare with the original"),
                )
            }
            .at_line(r.line);
            f.table = Some(t.id.clone());
            f.row = Some(name);
            diags.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Row, TableState};

    fn row(line: usize, vals: &[&str]) -> Row {
        Row {
            code: Some(format!("20{line}")),
            label: "x".into(),
            line,
            values: vals
                .iter()
                .map(|v| (!v.is_empty()).then(|| Amount::new(v.parse().unwrap())))
                .collect(),
            side: None,
            row_number: None,
            ambiguous: false,
            texts: vec![],
            page: None,
        }
    }

    fn table(cols: &[&str], rows: Vec<Row>) -> Table {
        Table {
            id: "t5".into(),
            kind: "budget.general_budget".into(),
            title: "一般公共预算支出表".into(),
            number: None,
            unit: None,
            lines: [1, 9],
            columns: cols.iter().map(|c| c.to_string()).collect(),
            value_columns: cols.iter().map(|c| c.to_string()).collect(),
            sides: vec![],
            rows,
            state: TableState::Data,
            notes: vec![],
            pages: 1,
            department: None,
        }
    }

    const READ: [&str; 5] = [
        "基本支出/小计",
        "基本支出/人员经费",
        "基本支出/公用经费",
        "合计",
        "项目支出",
    ];

    #[test]
    fn complete_rows_put_the_header_in_order() {
        let mut t = table(
            &READ,
            vec![
                row(1, &["6838.41", "5571.66", "4944.99", "626.67", "1266.75"]),
                row(2, &["5356.01", "4089.26", "3478.23", "611.02", "1266.75"]),
                row(3, &["113.75", "113.75", "", "", ""]),
            ],
        );
        let replaced = settle(&mut t).lines;
        assert_eq!(t.value_columns[0], "合计");
        assert_eq!(t.value_columns[1], "基本支出/小计");
        assert_eq!(t.value_columns[4], "项目支出");
        assert_eq!(replaced, vec![3]);
        // 113.75 = 0 + 113.75: the 合计 and the 项目支出.
        assert!(t.rows[2].values[0].is_some() && t.rows[2].values[4].is_some());
        assert!(!t.rows[2].ambiguous);
    }

    #[test]
    fn a_header_read_right_is_kept() {
        let cols = [
            "合计",
            "基本支出/小计",
            "基本支出/人员经费",
            "基本支出/公用经费",
            "项目支出",
        ];
        let mut t = table(
            &cols,
            vec![row(
                1,
                &["6838.41", "5571.66", "4944.99", "626.67", "1266.75"],
            )],
        );
        assert!(settle(&mut t).lines.is_empty());
        assert_eq!(t.value_columns, cols.map(String::from).to_vec());
    }

    /// A 财务收支预算总表 whose expenditure half's header (`合 计 项 目 支 出` over
    /// `人 员 经 费 公 用 经 费`, under `基 本 支 出`) was read as
    /// [人员经费, 公用经费, 合计, 项目支出]: the half's complete rows put 合计 first;
    /// the income half and the column list follow.
    #[test]
    fn each_half_of_a_two_sided_table_is_put_in_order() {
        use crate::model::Side;
        let read = ["基本支出/人员经费", "基本支出/公用经费", "合计", "项目支出"];
        let mut t = table(&[], vec![]);
        t.columns = ["收入/项目", "收入/预算数", "支出/项目"]
            .iter()
            .map(|c| c.to_string())
            .chain(read.iter().map(|c| format!("支出/{c}")))
            .collect();
        t.sides = vec![
            Side {
                name: "收入".into(),
                value_columns: vec!["预算数".into()],
            },
            Side {
                name: "支出".into(),
                value_columns: read.iter().map(|c| c.to_string()).collect(),
            },
        ];
        let on = |side: usize, mut r: Row| {
            r.side = Some(side);
            r
        };
        t.rows = vec![
            on(0, row(1, &["9501164"])),
            on(1, row(2, &["11281624", "6540674", "2120950", "2620000"])),
            on(1, row(3, &["503724", "503724"])),
            on(1, row(4, &["12121164", "7380214", "2120950", "2620000"])),
        ];
        settle(&mut t);
        assert_eq!(
            t.sides[1].value_columns,
            ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
        );
        assert_eq!(t.sides[0].value_columns, ["预算数"]);
        assert_eq!(t.columns[3], "支出/合计");
        assert_eq!(t.columns[4], "支出/基本支出/人员经费");
        assert_eq!(t.rows[0].values.len(), 1, "the income row is left alone");
        // 503,724 = 503,724: the 合计 and the 人员经费, the rest blank.
        let v = &t.rows[2].values;
        assert!(v[0].is_some() && v[1].is_some() && v[2].is_none() && v[3].is_none());
    }
}
