//! Where a two-number row's blank cell stands, decided by its parent's columns.
//!
//! A 合计 | 基本支出 | 项目支出 table prints `2010302 一般行政管理事务 46,140,000.00
//! 46,140,000.00`: the 合计 and one of the two parts, the other blank. The row
//! alone cannot tell which (either placement makes 合计 = 基本 + 项目 hold). Its
//! parent can: the parent's 基本支出 is the sum of its children's, and so is its
//! 项目支出. So for each parent whose figures are known, every way of putting its
//! undecided children's numbers under 基本 or 项目 is tried, and the one way under
//! which both columns of the parent add up is taken; a parent that is itself
//! undecided is decided by its children the same way. Several ways or none: the
//! rows stay unplaced (and are said so).
//!
//! The identity 合计 = 基本 + 项目 comes from the header's names or, where the
//! header could not be read (`列1 列2 列3`), from the complete rows: when every
//! one of them (at least two) prints its first figure as the sum of the other two.

use crate::identities::column_identities;
use crate::model::{Amount, Table};
use crate::rounding::{Agreement, RoundingTolerance};
use rust_decimal::Decimal;

/// Undecided children of one parent tried at once (2^n ways).
const MAX_UNDECIDED: usize = 14;

/// (total, a, b) column indices of `total = a + b`.
fn identity(t: &Table) -> Option<(usize, usize, usize)> {
    if t.value_columns.len() != 3 {
        return None;
    }
    for id in column_identities(&t.value_columns) {
        if let [a, b] = id.parts[..] {
            return Some((id.total, a, b));
        }
    }
    // Unnamed columns: the complete rows say whether the first is the sum.
    crate::identities::first_is_sum_of_rest(
        t.rows
            .iter()
            .filter(|r| r.values.len() == 3)
            .map(|r| r.values.clone()),
    )
    .then_some((0, 1, 2))
}

fn parent_of(t: &Table, i: usize) -> Option<usize> {
    let code = t.rows[i].code.as_ref()?;
    if code.len() == 3 {
        return t.rows.iter().position(|r| {
            r.code.is_none() && crate::text::compact(&r.label) == "合计" && r.side.is_none()
        });
    }
    (0..t.rows.len())
        .filter(|&j| {
            t.rows[j]
                .code
                .as_ref()
                .is_some_and(|c| c.len() < code.len() && code.starts_with(c.as_str()))
        })
        .max_by_key(|&j| t.rows[j].code.as_ref().map(|c| c.len()))
}

/// The row's one printed figure twice (合计 and one part): `Some(v)`.
fn undecided(t: &Table, i: usize) -> Option<Amount> {
    let r = &t.rows[i];
    if !r.ambiguous {
        return None;
    }
    let v: Vec<Amount> = r.values.iter().flatten().copied().collect();
    match v[..] {
        [x, y] if x.value == y.value => Some(x),
        _ => None,
    }
}

/// A row printing two different figures under 合计 | 基本 | 项目, the 合计
/// first: the first is the 合计 for certain, the second one part, and the row
/// disagrees with itself whichever part is blank (a report's slip, or a
/// planted error). Its part still counts in one column of its parent: `(合计,
/// part)`.
fn self_contradicting(t: &Table, i: usize, tot: usize) -> Option<(Amount, Amount)> {
    let r = &t.rows[i];
    if !r.ambiguous || tot != 0 {
        return None;
    }
    let v: Vec<Amount> = r.values.iter().flatten().copied().collect();
    match v[..] {
        [x, y] if x.value != y.value && !x.percent && !y.percent => Some((x, y)),
        _ => None,
    }
}

fn known(t: &Table, i: usize) -> Option<[Decimal; 3]> {
    let r = &t.rows[i];
    if r.ambiguous || r.values.len() != 3 {
        return None;
    }
    let g = |c: usize| r.values[c].map(|a| a.checked()).unwrap_or(Decimal::ZERO);
    Some([g(0), g(1), g(2)])
}

fn adds_up(total: Decimal, parts: &[Decimal]) -> bool {
    RoundingTolerance::for_sum(total, parts).judge(total, parts.iter().copied().sum())
        != Agreement::Differs
}

/// Place what the parents' sums decide. Returns the source lines of the rows placed.
pub fn settle(t: &mut Table) -> Vec<usize> {
    if t.is_two_sided() {
        return Vec::new();
    }
    let Some((tot, a, b)) = identity(t) else {
        return Vec::new();
    };
    let n = t.rows.len();
    let parents: Vec<Option<usize>> = (0..n).map(|i| parent_of(t, i)).collect();
    let mut placed = Vec::new();
    let place = |t: &mut Table, i: usize, v: Amount, col: usize| {
        let mut vals = vec![None; 3];
        vals[tot] = Some(v);
        vals[col] = Some(v);
        if let Some((x, y)) = self_contradicting(t, i, tot) {
            vals[tot] = Some(x);
            vals[col] = Some(y);
        }
        t.rows[i].values = vals;
        t.rows[i].ambiguous = false;
    };
    loop {
        let mut changed = false;
        for p in 0..n {
            let children: Vec<usize> = (0..n).filter(|&c| parents[c] == Some(p)).collect();
            if children.is_empty() {
                continue;
            }
            let open: Vec<usize> = children
                .iter()
                .copied()
                .filter(|&c| undecided(t, c).is_some() || self_contradicting(t, c, tot).is_some())
                .collect();
            let rest_known = children
                .iter()
                .all(|&c| open.contains(&c) || known(t, c).is_some());
            if !rest_known {
                continue;
            }
            let base: Vec<[Decimal; 3]> = children.iter().filter_map(|&c| known(t, c)).collect();
            // A parent with nothing in one part: every child that is not zero
            // stands in the other, however many there are.
            if let Some(pv) = known(t, p).filter(|_| !open.is_empty()) {
                let empty_part = [(a, b), (b, a)].into_iter().find(|&(zero, _)| {
                    pv[zero].is_zero() && base.iter().all(|v| v[zero].is_zero())
                });
                if let Some((_, full)) = empty_part {
                    // (合计, part) of each open child; one self-contradicting
                    // child may add up by either figure, as above.
                    let figures: Vec<(Amount, Amount)> = open
                        .iter()
                        .map(|&c| {
                            self_contradicting(t, c, tot)
                                .or_else(|| undecided(t, c).map(|v| (v, v)))
                                .expect("open rows are undecided or self-contradicting")
                        })
                        .collect();
                    let contradicting = figures.iter().filter(|(x, y)| x.value != y.value).count();
                    let sums = |by_total: bool| {
                        let mut parts: Vec<Decimal> = base.iter().map(|v| v[full]).collect();
                        parts.extend(
                            figures
                                .iter()
                                .map(|(x, y)| if by_total { x } else { y }.checked()),
                        );
                        adds_up(pv[full], &parts)
                    };
                    let nonzero = figures
                        .iter()
                        .all(|(x, y)| !x.value.is_zero() && !y.value.is_zero());
                    if nonzero
                        && contradicting <= 1
                        && (sums(false) || contradicting == 1 && sums(true))
                    {
                        for (&c, &(x, _)) in open.iter().zip(&figures) {
                            place(t, c, x, full);
                            placed.push(t.rows[c].line);
                        }
                        changed = true;
                        continue;
                    }
                }
            }
            if open.len() > MAX_UNDECIDED {
                continue;
            }
            if let Some(pv) = known(t, p) {
                if open.is_empty() {
                    continue;
                }
                // Children decided by their known parent. A self-contradicting
                // child counts by its part; where that part is the wrong
                // figure, by its 合计 (which its part should equal): the
                // column it fits is still told by the parent, and its own
                // sums then fail by exactly what it prints wrong.
                let ways_by = |by_total: bool| {
                    let mut ways = Vec::new();
                    for mask in 0u32..(1 << open.len()) {
                        let mut sa: Vec<Decimal> = base.iter().map(|v| v[a]).collect();
                        let mut sb: Vec<Decimal> = base.iter().map(|v| v[b]).collect();
                        for (k, &c) in open.iter().enumerate() {
                            let v = match self_contradicting(t, c, tot) {
                                Some((x, y)) => if by_total { x } else { y }.checked(),
                                None => undecided(t, c).map(|x| x.checked()).unwrap_or_default(),
                            };
                            if mask & (1 << k) == 0 {
                                sa.push(v);
                            } else {
                                sb.push(v);
                            }
                        }
                        if adds_up(pv[a], &sa) && adds_up(pv[b], &sb) {
                            ways.push(mask);
                        }
                    }
                    ways
                };
                let contradicting = open
                    .iter()
                    .filter(|&&c| self_contradicting(t, c, tot).is_some())
                    .count();
                let mut ways = ways_by(false);
                if ways.is_empty() && contradicting == 1 {
                    ways = ways_by(true);
                }
                // More than one self-contradicting child: which figure is
                // wrong in each cannot be told; left open.
                if let ([mask], true) = (&ways[..], contradicting <= 1) {
                    let mask = *mask;
                    for (k, &c) in open.iter().enumerate() {
                        let v = undecided(t, c)
                            .or_else(|| self_contradicting(t, c, tot).map(|(x, _)| x))
                            .expect("open rows are undecided or self-contradicting");
                        place(t, c, v, if mask & (1 << k) == 0 { a } else { b });
                        placed.push(t.rows[c].line);
                    }
                    changed = true;
                }
            } else if let (Some(v), true) = (undecided(t, p), open.is_empty()) {
                // A parent decided by its known children.
                let sa: Vec<Decimal> = base.iter().map(|x| x[a]).collect();
                let sb: Vec<Decimal> = base.iter().map(|x| x[b]).collect();
                let (ta, tb) = (
                    sa.iter().copied().sum::<Decimal>(),
                    sb.iter().copied().sum::<Decimal>(),
                );
                let pv = v.checked();
                let under_a = adds_up(pv, &sa) && tb.is_zero();
                let under_b = adds_up(pv, &sb) && ta.is_zero();
                if under_a != under_b {
                    place(t, p, v, if under_a { a } else { b });
                    placed.push(t.rows[p].line);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Row, TableState};

    fn row(code: Option<&str>, label: &str, line: usize, vals: &[&str]) -> Row {
        Row {
            code: code.map(String::from),
            label: label.into(),
            line,
            values: {
                let mut v: Vec<Option<Amount>> = vals
                    .iter()
                    .map(|x| Some(Amount::new(x.parse().unwrap())))
                    .collect();
                v.resize(3, None);
                v
            },
            side: None,
            row_number: None,
            ambiguous: vals.len() < 3,
            texts: vec![],
            page: None,
        }
    }

    fn table(rows: Vec<Row>) -> Table {
        Table {
            id: "t3".into(),
            kind: "budget.expenditure".into(),
            title: "支出预算总表".into(),
            number: None,
            unit: None,
            lines: [1, 9],
            columns: vec![],
            value_columns: vec!["列1".into(), "列2".into(), "列3".into()],
            sides: vec![],
            rows,
            state: TableState::Data,
            notes: vec![],
            pages: 1,
            department: None,
        }
    }

    fn named(mut t: Table) -> Table {
        t.value_columns = vec!["合计".into(), "基本支出".into(), "项目支出".into()];
        t
    }

    #[test]
    fn a_parent_with_an_empty_part_puts_any_number_of_children_in_the_other() {
        let mut rows = vec![row(
            Some("302"),
            "商品和服务支出",
            1,
            &["1700", "0", "1700"],
        )];
        for k in 1..=17 {
            rows.push(row(
                Some(&format!("302{k:02}")),
                "费",
                k + 1,
                &["100", "100"],
            ));
        }
        let mut t = named(table(rows));
        assert_eq!(
            settle(&mut t).len(),
            17,
            "more children than are tried one way at a time"
        );
        assert!(t.rows[1..]
            .iter()
            .all(|r| r.values[1].is_none() && r.values[2].is_some()));
    }

    #[test]
    fn a_child_that_contradicts_itself_is_placed_and_its_siblings_too() {
        for (child, line) in [(["1300", "1200"], 3), (["1200", "1300"], 3)] {
            let mut t = named(table(vec![
                row(Some("301"), "工资福利支出", 1, &["2500", "2300", "200"]),
                row(Some("30101"), "基本工资", 2, &["800", "800"]),
                row(Some("30102"), "津贴补贴", line, &child),
                row(Some("30103"), "奖金", 4, &["500", "300", "200"]),
            ]));
            let parent_with_part = settle(&mut t);
            assert_eq!(parent_with_part, vec![2, 3], "{child:?}");
            // The row keeps both its printed figures: the 合计 and its part.
            let v: Vec<String> = t.rows[2]
                .values
                .iter()
                .map(|a| a.map(|a| a.value.to_string()).unwrap_or_default())
                .collect();
            assert_eq!(
                v,
                vec![child[0].to_string(), child[1].to_string(), String::new()]
            );
        }
        // Two children that contradict themselves: which figure is wrong in each
        // cannot be told; the rows stay open.
        let mut t = named(table(vec![
            row(Some("20103"), "政府办公厅", 1, &["300", "100", "200"]),
            row(Some("2010301"), "行政运行", 2, &["100", "110"]),
            row(Some("2010302"), "一般行政管理事务", 3, &["200", "210"]),
            row(Some("2010303"), "机关服务", 4, &["0", "0", "0"]),
        ]));
        assert!(settle(&mut t).is_empty());
    }

    #[test]
    fn the_parent_tells_where_each_child_stands() {
        let mut t = table(vec![
            row(
                Some("20103"),
                "政府办公厅",
                1,
                &["82096797.42", "15686797.42", "66410000.00"],
            ),
            row(
                Some("2010301"),
                "行政运行",
                2,
                &["12029501.84", "11919501.84", "110000.00"],
            ),
            row(
                Some("2010302"),
                "一般行政管理事务",
                3,
                &["46140000.00", "46140000.00"],
            ),
            row(
                Some("2010350"),
                "事业运行",
                4,
                &["3807295.58", "3767295.58", "40000.00"],
            ),
            row(Some("2010399"), "其他", 5, &["20120000.00", "20120000.00"]),
        ]);
        let placed = settle(&mut t);
        assert_eq!(placed, vec![3, 5]);
        assert!(t.rows[2].values[1].is_none() && t.rows[2].values[2].is_some());
        assert!(!t.rows[4].ambiguous);
    }

    #[test]
    fn no_way_or_two_ways_leave_the_rows_open() {
        // 基本 10 = 5 + (10 or 0) + (10 or 0): no way adds up.
        let mut t = table(vec![
            row(Some("201"), "一般公共服务", 1, &["30.00", "10.00", "20.00"]),
            row(Some("20101"), "人大事务", 2, &["10.00", "5.00", "5.00"]),
            row(Some("20102"), "政协事务", 3, &["10.00", "10.00"]),
            row(Some("20103"), "政府办公厅", 4, &["10.00", "10.00"]),
        ]);
        t.value_columns = vec!["合计".into(), "基本支出".into(), "项目支出".into()];
        assert!(settle(&mut t).is_empty());
        assert!(t.rows[2].ambiguous && t.rows[3].ambiguous);
        // 基本 10 and 项目 10 from two children of 10: either may be 基本.
        let mut t = table(vec![
            row(Some("201"), "一般公共服务", 1, &["20.00", "10.00", "10.00"]),
            row(Some("20101"), "人大事务", 2, &["10.00", "10.00"]),
            row(Some("20102"), "政协事务", 3, &["10.00", "10.00"]),
            row(Some("20103"), "x", 4, &["5.00", "2.00", "3.00"]),
            row(Some("20104"), "y", 5, &["6.00", "2.00", "4.00"]),
        ]);
        t.rows.truncate(3);
        assert!(settle(&mut t).is_empty(), "either child may be 基本");
    }
}
