//! Row identities read off a table's column names: which column is the total of
//! which others (`本年支出合计 = 基本支出 + 项目支出 + …`, `合计 = 因公出国 + 车 +
//! 接待`, `公务用车购置及运行费 = 购置费 + 运行费`).
//!
//! Shared by the reader (placing values when blank cells vanished from the text)
//! and the checks (verifying each row). Derived from the header, never assumed
//! from the table kind, so a province's extra or reordered columns still work.

use crate::text::compact;
use crate::text::Has;

/// `total = Σ parts`, as indices into a table's value columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnIdentity {
    pub total: usize,
    pub parts: Vec<usize>,
}

fn is_total_word(leaf: &str) -> bool {
    let l = leaf.replace(['“', '”', '"'], "");
    l == "合计"
        || l == "小计"
        || l == "总计"
        || (l.ends_with("合计") && !l.has("人员经费") && !l.has("公用经费"))
        || l == "三公经费"
        || l.ends_with("经费合计")
}

/// Columns that are no amounts (rates, shares, counts): never in an identity.
/// Words naming a column of rates, counts or scores rather than amounts.
const NON_AMOUNT_WORDS: [&str; 12] = [
    "率",
    "幅度",
    "%",
    "％",
    "占比",
    "比重",
    "行次",
    "人数",
    "车辆数",
    "个数",
    "分值",
    "得分",
];

pub(crate) fn is_non_amount(name: &str) -> bool {
    // One pass over the name: a word is compared only where its first char
    // stands (a substring search per word set up a searcher each time, for every
    // column of every table).
    name.char_indices().any(|(i, c)| {
        matches!(
            c,
            '率' | '幅' | '%' | '％' | '占' | '比' | '行' | '人' | '车' | '个' | '分' | '得'
        ) && NON_AMOUNT_WORDS.iter().any(|w| name[i..].starts_with(w))
    })
}

/// A column of `其中：…` (of which) may be a share of the total, not a part beside
/// the others: `小计 | 其中：预留给中小企业的 | 其中：预留给小型、微型企业的` does not add
/// up and is not meant to.
fn is_subset(name: &str) -> bool {
    name.starts_with("其中")
}

/// Identities implied by the column names (paths joined with `/`).
pub fn column_identities(columns: &[String]) -> Vec<ColumnIdentity> {
    let paths: Vec<Vec<String>> = columns
        .iter()
        .map(|c| compact(c).split('/').map(String::from).collect())
        .collect();
    let mut out = Vec::new();
    if columns.iter().any(|c| group_is_change(c)) {
        // 上年 / 本年 / 增减额 tables: the identity is across groups, not within.
        return out;
    }
    // Asked of every pair of columns below: once per column here.
    let non_amount: Vec<bool> = paths
        .iter()
        .map(|p| p.last().is_some_and(|l| is_non_amount(l)))
        .collect();
    for (ci, p) in paths.iter().enumerate() {
        let Some(leaf) = p.last() else { continue };
        if non_amount[ci] || !is_total_word(leaf) {
            continue;
        }
        let prefix = &p[..p.len() - 1];
        // The leftmost total at this level is the level's total.
        let earlier_total = paths[..ci].iter().any(|q| {
            q.len() == p.len()
                && q[..q.len() - 1] == *prefix
                && q.last().is_some_and(|l| is_total_word(l))
        });
        if earlier_total {
            continue;
        }
        // Siblings under the same prefix, grouped by their child node at depth.
        let depth = prefix.len();
        // 会议费, 培训费 and 机关运行经费 printed beside the 三公 items are not in
        // their 合计.
        let beside_sangong = paths.iter().any(|q| {
            q.len() > depth
                && q[..depth] == *prefix
                && q.iter().any(|n| crate::text::names_outbound(n))
        });
        let outside_total = |q: &[String]| {
            beside_sangong
                && q.last().is_some_and(|l| {
                    l.ends_with("会议费") || l.ends_with("培训费") || l.has("机关运行经费")
                })
        };
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (j, q) in paths.iter().enumerate() {
            if j == ci
                || q.len() <= depth
                || q[..depth] != *prefix
                || non_amount[j]
                || outside_total(q)
            {
                continue;
            }
            let node = q[depth].clone();
            match groups.iter_mut().find(|(n, _)| *n == node) {
                Some((_, v)) => v.push(j),
                None => groups.push((node, vec![j])),
            }
        }
        let mut parts = Vec::new();
        for (_, members) in &groups {
            if members.len() == 1 {
                parts.push(members[0]);
            } else if let Some(&sub) = members.iter().find(|&&j| {
                paths[j].len() == depth + 2 && paths[j].last().is_some_and(|l| is_total_word(l))
            }) {
                parts.push(sub);
            } else {
                // A group without its own subtotal: all its leaves.
                parts.extend(
                    members
                        .iter()
                        .copied()
                        .filter(|&j| paths[j].last().is_some_and(|l| !is_total_word(l))),
                );
            }
        }
        // `其中：基本支出 | 项目支出` lists the parts; `其中：A | 其中：B` (or a lone
        // `其中：A`) names shares, each of the total alone.
        let leaf = |j: &usize| paths[*j].last().map(String::as_str).unwrap_or("");
        let shares = parts.iter().filter(|j| is_subset(leaf(j))).count();
        if shares >= 2 || shares == parts.len() {
            parts.retain(|j| !is_subset(leaf(j)));
        }
        if !parts.is_empty() {
            out.push(ColumnIdentity { total: ci, parts });
        }
    }
    out
}

/// Is the first value column the total of all the others, so that a row's
/// first printed figure stands in it whatever cells are blank?
///
/// Text drops blank cells, so where `合计 | 基本支出 | 项目支出` prints two
/// figures the reader cannot tell which part is blank; but 合计 is never blank
/// in a row that has any figure, so the first figure is the 合计. Decided from
/// the header's names (`合计 = Σ the rest`) or, where the header could not be
/// read, from the complete rows: every one of them (at least two) prints its
/// first figure as the sum of the rest. One-sided tables only.
pub fn leads_with_total(t: &crate::model::Table) -> bool {
    let n = t.value_columns.len();
    if t.is_two_sided() || n < 2 {
        return false;
    }
    if column_identities(&t.value_columns)
        .iter()
        .any(|id| id.total == 0 && id.parts.len() == n - 1)
    {
        return true;
    }
    let generic = t.value_columns.iter().all(|c| c.starts_with('列'));
    if !generic {
        return false;
    }
    first_is_sum_of_rest(
        t.rows
            .iter()
            .filter(|r| !r.ambiguous && r.values.len() == n)
            .map(|r| r.values.clone()),
    )
}

/// The arithmetic of a header that could not be read: every complete row (all
/// its cells printed, at least two parts not zero; at least two such rows)
/// prints its first figure as the sum of the rest. Rows of other widths or
/// with blanks say nothing.
pub fn first_is_sum_of_rest(rows: impl Iterator<Item = Vec<Option<crate::model::Amount>>>) -> bool {
    use crate::rounding::{Agreement, RoundingTolerance};
    let complete: Vec<Vec<rust_decimal::Decimal>> = rows
        .filter(|v| v.len() >= 3 && v.iter().all(|c| c.is_some()))
        .map(|v| v.iter().flatten().map(|a| a.checked()).collect())
        .filter(|v: &Vec<rust_decimal::Decimal>| {
            v[1..].iter().filter(|x| !x.is_zero()).count() >= 2
        })
        .collect();
    complete.len() >= 2
        && complete.iter().all(|v| {
            RoundingTolerance::for_sum(v[0], &v[1..]).judge(v[0], v[1..].iter().copied().sum())
                != Agreement::Differs
        })
}

/// How well one reading of a table agrees with the table's own arithmetic:
/// the identities it prints (parent = Σ children down the code hierarchy, and
/// each complete row's named totals) that hold and that fail, and the rows the
/// reader could not place. Two readings of one text are compared by it: real
/// reports have few errors, so the reading under which far more identities
/// hold is the right one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadingScore {
    pub holds: usize,
    pub fails: usize,
    pub unplaced: usize,
}

impl ReadingScore {
    /// Larger is better: a failed identity weighs twice a held one (a misread
    /// column fails where it should hold), an unplaced row as one held.
    pub fn merit(self) -> i64 {
        self.holds as i64 - 2 * self.fails as i64 - self.unplaced as i64
    }
}

/// Rows that bear the header's identities out: placed, with every identity's
/// total and two or more figures printed, and every identity holding. A row
/// said to break the header's sums is the report's error only when other rows
/// show that the header was read right.
pub fn rows_confirming(t: &crate::model::Table) -> usize {
    use crate::rounding::{Agreement, RoundingTolerance};
    use rust_decimal::Decimal;
    let ids = column_identities(&t.value_columns);
    if ids.is_empty() {
        return 0;
    }
    t.rows
        .iter()
        .filter(|r| !r.ambiguous && r.side.is_none())
        .filter(|r| {
            ids.iter().all(|id| {
                let Some(total) = r.values.get(id.total).copied().flatten() else {
                    return false;
                };
                let parts: Vec<Decimal> = id
                    .parts
                    .iter()
                    .filter_map(|&p| r.values.get(p).copied().flatten().map(|a| a.checked()))
                    .collect();
                let sum: Decimal = parts.iter().copied().sum();
                !parts.is_empty()
                    && RoundingTolerance::for_sum(total.checked(), &parts)
                        .judge(total.checked(), sum)
                        != Agreement::Differs
            })
        })
        .count()
}

pub fn reading_score(t: &crate::model::Table) -> ReadingScore {
    use crate::rounding::{Agreement, RoundingTolerance};
    use rust_decimal::Decimal;
    let mut s = ReadingScore {
        unplaced: t.rows.iter().filter(|r| r.ambiguous).count(),
        ..Default::default()
    };
    let mut judge = |total: Decimal, parts: &[Decimal]| {
        let sum: Decimal = parts.iter().copied().sum();
        if RoundingTolerance::for_sum(total, parts).judge(total, sum) == Agreement::Differs {
            s.fails += 1;
        } else {
            s.holds += 1;
        }
    };
    let placed = |i: usize| !t.rows[i].ambiguous;
    for (i, parent) in t.rows.iter().enumerate() {
        let Some(code) = parent.code.as_deref().filter(|_| placed(i)) else {
            continue;
        };
        let children: Vec<&crate::model::Row> = t
            .rows
            .iter()
            .enumerate()
            .filter(|&(k, r)| {
                placed(k)
                    && r.side == parent.side
                    && r.code
                        .as_deref()
                        .is_some_and(|c| c.len() == code.len() + 2 && c.starts_with(code))
            })
            .map(|(_, r)| r)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (j, v) in parent.values.iter().enumerate() {
            let Some(total) = v.filter(|a| !a.percent) else {
                continue;
            };
            let parts: Vec<Decimal> = children
                .iter()
                .filter_map(|r| r.values.get(j).copied().flatten())
                .map(|a| a.checked())
                .collect();
            if !parts.is_empty() {
                judge(total.checked(), &parts);
            }
        }
    }
    let ids = column_identities(&t.value_columns);
    let mut blank_totals = 0;
    for (i, r) in t.rows.iter().enumerate() {
        if !placed(i) || r.side.is_some() {
            continue;
        }
        for id in &ids {
            let total = r.values.get(id.total).copied().flatten();
            // Blank parts are zero, as the checks read them.
            let parts: Vec<Decimal> = id
                .parts
                .iter()
                .filter_map(|&p| r.values.get(p).copied().flatten().map(|a| a.checked()))
                .collect();
            match total {
                Some(total) if !parts.is_empty() => judge(total.checked(), &parts),
                // A total is never blank beside parts that are not: figures put
                // under the parts that belong under the total are a misreading.
                None if parts.iter().any(|p| !p.is_zero()) => blank_totals += 1,
                _ => {}
            }
        }
    }
    s.fails += blank_totals;
    s
}

fn group_is_change(c: &str) -> bool {
    let c = compact(c);
    // `上年结转` is money carried into this year, a source like any other; a
    // `上年` column beside `本年` is last year's figures.
    c.has("增减") || c.has("上年") && !c.has("结转") && !c.has("结余")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_amount_is_any_word_contained() {
        let names = [
            "预算数",
            "执行率",
            "增长幅度",
            "占比（%）",
            "比上年增减",
            "行次",
            "编制人数",
            "车辆数",
            "分值",
            "得分",
            "人员经费",
            "幅",
            "比",
            "个人",
            "12%",
            "合计",
        ];
        for n in names.iter().chain(NON_AMOUNT_WORDS.iter()) {
            let by_search = NON_AMOUNT_WORDS.iter().any(|w| n.has(w));
            assert_eq!(is_non_amount(n), by_search, "{n}");
        }
    }
    fn cols(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn scored(columns: &[&str], rows: &[(Option<&str>, &[&str])]) -> ReadingScore {
        use crate::model::{Amount, Row, Table};
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, (code, vals))| Row {
                code: code.map(String::from),
                label: String::new(),
                line: i + 1,
                page: None,
                values: vals
                    .iter()
                    .map(|x| x.parse().ok().map(Amount::new))
                    .collect(),
                side: None,
                row_number: None,
                ambiguous: false,
                texts: vec![],
            })
            .collect();
        reading_score(&Table {
            id: "t1".into(),
            kind: "budget.expenditure".into(),
            title: String::new(),
            number: None,
            unit: None,
            lines: [1, 9],
            columns: vec![],
            value_columns: cols(columns),
            sides: vec![],
            rows,
            state: crate::model::TableState::Data,
            notes: vec![],
            pages: 1,
            department: None,
        })
    }

    #[test]
    fn the_reading_the_arithmetic_agrees_with_scores_higher() {
        let columns = ["合计", "基本支出", "项目支出"];
        let right = scored(
            &columns,
            &[
                (Some("201"), &["15", "12", "3"]),
                (Some("20103"), &["15", "12", "3"]),
                (Some("2010301"), &["12", "12", "0"]),
                (Some("2010350"), &["3", "0", "3"]),
            ],
        );
        assert_eq!((right.holds, right.fails), (10, 0));
        // The same figures one cell to the right where a code piece took the first.
        let shifted = scored(
            &columns,
            &[
                (Some("201"), &["15", "12", "3"]),
                (Some("20103"), &["3", "15", "12"]),
                (Some("2010301"), &["1", "12", "12"]),
                (Some("2010350"), &["50", "3", "0"]),
            ],
        );
        assert!(shifted.fails >= 4, "{shifted:?}");
        assert!(right.merit() > shifted.merit());
    }
    #[test]
    fn of_which_columns_are_no_parts() {
        let ids = column_identities(&cols(&[
            "支出总计",
            "基本支出",
            "项目支出",
            "政府采购项目/小计",
            "政府采购项目/其中：预留给中小企业的项目资金规模",
            "政府采购项目/其中：预留给小型、微型企业的项目资金规模",
        ]));
        assert!(ids.iter().all(|i| i.total != 3), "{ids:?}");
        // `其中：` before the first of a list names its parts.
        let ids = column_identities(&cols(&["小计", "其中：基本支出", "项目支出"]));
        assert_eq!(
            ids,
            vec![ColumnIdentity {
                total: 0,
                parts: vec![1, 2]
            }]
        );
    }

    #[test]
    fn flat_total_first() {
        let ids = column_identities(&cols(&[
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ]));
        assert_eq!(
            ids,
            vec![ColumnIdentity {
                total: 0,
                parts: vec![1, 2, 3, 4, 5]
            }]
        );
    }
    #[test]
    fn sangong_nested() {
        let c = cols(&[
            "预算数/合计",
            "预算数/因公出国（境）费",
            "预算数/公务用车购置及运行费/小计",
            "预算数/公务用车购置及运行费/公务用车购置费",
            "预算数/公务用车购置及运行费/公务用车运行费",
            "预算数/公务接待费",
        ]);
        let ids = column_identities(&c);
        assert!(ids.contains(&ColumnIdentity {
            total: 0,
            parts: vec![1, 2, 5]
        }));
        assert!(ids.contains(&ColumnIdentity {
            total: 2,
            parts: vec![3, 4]
        }));
    }
    #[test]
    fn meetings_and_training_beside_sangong_are_outside_its_total() {
        let c = cols(&[
            "预算数/合计",
            "预算数/因公出国（境）费",
            "预算数/公务用车购置及运行费/小计",
            "预算数/公务用车购置及运行费/公务用车购置费",
            "预算数/公务用车购置及运行费/公务用车运行费",
            "预算数/公务接待费",
            "预算数/会议费",
            "预算数/培训费",
            "预算数/机关运行经费",
        ]);
        let ids = column_identities(&c);
        assert!(ids.contains(&ColumnIdentity {
            total: 0,
            parts: vec![1, 2, 5]
        }));
    }
    #[test]
    fn carry_over_is_a_source_not_last_year() {
        let ids = column_identities(&cols(&["合计", "上年结转", "一般公共预算拨款", "事业收入"]));
        assert_eq!(
            ids,
            vec![ColumnIdentity {
                total: 0,
                parts: vec![1, 2, 3]
            }]
        );
        assert!(column_identities(&cols(&["合计", "上年预算数", "本年预算数"])).len() <= 1);
    }
    #[test]
    fn gov_fund_subtotal_only() {
        let ids = column_identities(&cols(&[
            "年初结转和结余",
            "本年收入",
            "本年支出/小计",
            "本年支出/基本支出",
            "本年支出/项目支出",
            "年末结转和结余",
        ]));
        assert_eq!(
            ids,
            vec![ColumnIdentity {
                total: 2,
                parts: vec![3, 4]
            }]
        );
    }
    #[test]
    fn non_tax_only_first_total() {
        let ids = column_identities(&cols(&[
            "合计",
            "纳入预算管理已缴国库小计",
            "纳入财政专户管理已缴财政专户小计",
        ]));
        assert_eq!(
            ids,
            vec![ColumnIdentity {
                total: 0,
                parts: vec![1, 2]
            }]
        );
    }
}
