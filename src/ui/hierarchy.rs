//! The 科目编码 hierarchy of a table (类 → 款 → 项) and which rows a view shows
//! once the reader collapses branches, sorts a column or types in the filter box.
//!
//! Pure data, no DOM: unit-tested natively. Row indices are indices into
//! `Table::rows`, so cell ids and findings (`CellRef::row`) stay valid whatever
//! the view shows.
//!
//! Invariants:
//! - a row's parent is the nearest *earlier* row on the same side whose code is
//!   the longest proper prefix of its code (`2010301` → `20103` → `201`); a code
//!   whose prefix is not printed is a root;
//! - rows without a code (`合计`, two-sided summary lines) are roots and keep their
//!   printed place: sorting only reorders coded siblings between them.

use crate::model::{Row, Table};
use std::cmp::Ordering;

/// Parent/children links of the rows of one table (or one side of it). The links are
/// per row of the table (indexed by `Table::rows` index; rows of the other side have
/// none): vectors, not hash maps, whose code per key type the page's wasm paid for.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeHierarchy {
    /// Rows of this view, in printed order (all rows, or one side's).
    pub rows: Vec<usize>,
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    pub depth: Vec<usize>,
}

/// A set of row indices, kept sorted (two sets are equal when they hold the same rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowSet(Vec<usize>);

impl RowSet {
    pub fn contains(&self, row: &usize) -> bool {
        self.0.binary_search(row).is_ok()
    }
    /// True when the row was not in the set.
    pub fn insert(&mut self, row: usize) -> bool {
        match self.0.binary_search(&row) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, row);
                true
            }
        }
    }
    /// True when the row was in the set.
    pub fn remove(&mut self, row: &usize) -> bool {
        match self.0.binary_search(row) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<usize> for RowSet {
    fn from_iter<I: IntoIterator<Item = usize>>(rows: I) -> Self {
        let mut set = RowSet::default();
        for r in rows {
            set.insert(r);
        }
        set
    }
}

impl Extend<usize> for RowSet {
    fn extend<I: IntoIterator<Item = usize>>(&mut self, rows: I) {
        for r in rows {
            self.insert(r);
        }
    }
}

/// How a column is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDir {
    Asc,
    Desc,
}

/// Sort state of a table view: value column index and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    pub col: usize,
    pub dir: SortDir,
}

impl SortKey {
    /// Header click cycle: none → descending (largest first, what readers look
    /// for) → ascending → none.
    pub fn cycle(current: Option<SortKey>, col: usize) -> Option<SortKey> {
        match current {
            Some(SortKey {
                col: c,
                dir: SortDir::Desc,
            }) if c == col => Some(SortKey {
                col,
                dir: SortDir::Asc,
            }),
            Some(SortKey {
                col: c,
                dir: SortDir::Asc,
            }) if c == col => None,
            _ => Some(SortKey {
                col,
                dir: SortDir::Desc,
            }),
        }
    }
}

/// What the reader asked the view to do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    pub collapsed: RowSet,
    pub sort: Option<SortKey>,
    pub filter: String,
}

/// One shown row: its index in `Table::rows` and its indentation depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownRow {
    pub row: usize,
    pub depth: usize,
    pub has_children: bool,
}

impl CodeHierarchy {
    /// The hierarchy of the rows on `side` (`None`: a single-sided table).
    pub fn build(table: &Table, side: Option<usize>) -> Self {
        let rows: Vec<usize> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| side.is_none() || r.side == side)
            .map(|(i, _)| i)
            .collect();
        // Each code's first row, sorted by code: a prefix printed on an *earlier* row
        // is one whose first row comes before.
        let mut by_code: Vec<(&str, usize)> = rows
            .iter()
            .filter_map(|&i| table.rows[i].code.as_deref().map(|c| (c, i)))
            .collect();
        crate::stable_sort::by(&mut by_code, |a, b| a.0.cmp(b.0));
        by_code.dedup_by(|later, first| later.0 == first.0);
        let first_row = |code: &str| {
            by_code
                .binary_search_by(|(c, _)| (*c).cmp(code))
                .ok()
                .map(|k| by_code[k].1)
        };
        let n = table.rows.len();
        let mut parent = vec![None; n];
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut depth = vec![0; n];
        for &i in &rows {
            if let Some(code) = table.rows[i].code.as_deref() {
                // Longest printed proper prefix, walking back one digit at a time.
                let p = (1..code.len())
                    .rev()
                    .find_map(|len| code.get(..len).and_then(first_row).filter(|&p| p < i));
                if let Some(p) = p {
                    parent[i] = Some(p);
                    children[p].push(i);
                    depth[i] = depth[p] + 1;
                }
            }
        }
        CodeHierarchy {
            rows,
            parent,
            children,
            depth,
        }
    }

    pub fn has_children(&self, row: usize) -> bool {
        self.children.get(row).is_some_and(|c| !c.is_empty())
    }

    /// Rows that have children (what "collapse all" collapses).
    pub fn branches(&self) -> RowSet {
        self.children
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(p, _)| p)
            .collect()
    }

    fn ancestors(&self, mut row: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while let Some(&Some(p)) = self.parent.get(row) {
            out.push(p);
            row = p;
        }
        out
    }

    /// The rows to show, in order. `reveal` (a highlighted finding's row) is
    /// always shown: its collapsed ancestors open and the filter lets it through.
    pub fn visible(
        &self,
        table: &Table,
        state: &ViewState,
        reveal: Option<usize>,
    ) -> Vec<ShownRow> {
        let needle = crate::text::compact(&state.filter).to_ascii_lowercase();
        let filtering = !needle.is_empty();
        let reveal = reveal.filter(|r| self.rows.binary_search(r).is_ok());
        // Ancestors of the revealed row: they open whatever the collapse state.
        let reveal_path: RowSet = reveal
            .map(|r| self.ancestors(r).into_iter().collect())
            .unwrap_or_default();
        // Rows matching the filter, plus their ancestors so the match keeps its context.
        let keep: Option<RowSet> = filtering.then(|| {
            let mut keep = RowSet::default();
            for &i in &self.rows {
                if row_matches(&table.rows[i], &needle) || reveal == Some(i) {
                    keep.insert(i);
                    keep.extend(self.ancestors(i));
                }
            }
            keep
        });
        let roots: Vec<usize> = self
            .rows
            .iter()
            .copied()
            .filter(|&i| self.parent[i].is_none())
            .collect();
        let mut out = Vec::new();
        let roots = self.sorted(table, roots, state.sort);
        for r in roots {
            self.walk(table, r, state, keep.as_ref(), &reveal_path, &mut out);
        }
        out
    }

    fn walk(
        &self,
        table: &Table,
        row: usize,
        state: &ViewState,
        keep: Option<&RowSet>,
        reveal: &RowSet,
        out: &mut Vec<ShownRow>,
    ) {
        if keep.is_some_and(|k| !k.contains(&row)) {
            return;
        }
        out.push(ShownRow {
            row,
            depth: self.depth.get(row).copied().unwrap_or(0),
            has_children: self.has_children(row),
        });
        // While filtering every kept branch is open, so the matches show.
        let open = keep.is_some() || !state.collapsed.contains(&row) || reveal.contains(&row);
        if !open {
            return;
        }
        if let Some(kids) = self.children.get(row).filter(|k| !k.is_empty()) {
            for k in self.sorted(table, kids.clone(), state.sort) {
                self.walk(table, k, state, keep, reveal, out);
            }
        }
    }

    /// Sort coded siblings by a value column; rows without a code stay put and
    /// split the siblings into runs sorted separately. Blank cells sort last.
    fn sorted(&self, table: &Table, mut rows: Vec<usize>, sort: Option<SortKey>) -> Vec<usize> {
        let Some(key) = sort else { return rows };
        let cmp = |a: &usize, b: &usize| -> Ordering {
            let va = table.rows[*a].value(key.col);
            let vb = table.rows[*b].value(key.col);
            match (va, vb) {
                (Some(x), Some(y)) => match key.dir {
                    SortDir::Asc => x.cmp(&y),
                    SortDir::Desc => y.cmp(&x),
                },
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        let mut start = 0;
        while start < rows.len() {
            if table.rows[rows[start]].code.is_none() {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < rows.len() && table.rows[rows[end]].code.is_some() {
                end += 1;
            }
            crate::stable_sort::by(&mut rows[start..end], cmp); // stable: ties keep printed order
            start = end;
        }
        rows
    }
}

fn row_matches(row: &Row, needle: &str) -> bool {
    crate::text::compact(&row.label)
        .to_ascii_lowercase()
        .contains(needle)
        || row.code.as_deref().is_some_and(|c| c.contains(needle))
}

/// Name of a code's level for screen readers and tooltips: 类 / 款 / 项.
pub fn level_name(depth: usize, lang: crate::ui::i18n::Lang) -> &'static str {
    match depth {
        0 => lang.pick("类", "class"),
        1 => lang.pick("款", "section"),
        _ => lang.pick("项", "item"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, TableState};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn row(code: Option<&str>, label: &str, v: &str) -> Row {
        Row {
            code: code.map(String::from),
            label: label.into(),
            line: 1,
            page: None,
            values: vec![Some(Amount::new(Decimal::from_str(v).unwrap()))],
            side: None,
            row_number: None,
            ambiguous: false,
            texts: vec![],
        }
    }

    fn table(rows: Vec<Row>) -> Table {
        Table {
            id: "t1".into(),
            kind: "final.expenditure".into(),
            title: "支出决算表".into(),
            number: None,
            unit: None,
            lines: [1, 10],
            columns: vec!["科目编码".into(), "科目名称".into(), "合计".into()],
            value_columns: vec!["合计".into()],
            sides: vec![],
            rows,
            state: TableState::Data,
            notes: vec![],
            pages: 1,
            department: None,
        }
    }

    fn sample() -> Table {
        table(vec![
            row(None, "合计", "100"),
            row(Some("201"), "一般公共服务支出", "60"),
            row(Some("20103"), "政府办公厅", "60"),
            row(Some("2010301"), "行政运行", "20"),
            row(Some("2010302"), "一般行政管理事务", "40"),
            row(Some("208"), "社会保障和就业支出", "40"),
            row(Some("20805"), "行政事业单位养老支出", "40"),
        ])
    }

    fn shown(v: &[ShownRow]) -> Vec<usize> {
        v.iter().map(|s| s.row).collect()
    }

    #[test]
    fn parents_follow_code_prefixes() {
        let t = sample();
        let h = CodeHierarchy::build(&t, None);
        assert_eq!(h.parent[3], Some(2));
        assert_eq!(h.parent[2], Some(1));
        assert_eq!(h.parent[1], None);
        assert_eq!(h.depth[4], 2);
        assert_eq!(h.branches(), [1, 2, 5].into_iter().collect());
    }

    #[test]
    fn collapsing_a_class_hides_its_sections_and_items() {
        let t = sample();
        let h = CodeHierarchy::build(&t, None);
        let mut st = ViewState::default();
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![0, 1, 2, 3, 4, 5, 6]);
        st.collapsed.insert(1);
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![0, 1, 5, 6]);
    }

    #[test]
    fn a_revealed_row_opens_its_ancestors() {
        let t = sample();
        let h = CodeHierarchy::build(&t, None);
        let st = ViewState {
            collapsed: h.branches(),
            ..Default::default()
        };
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![0, 1, 5]);
        assert_eq!(shown(&h.visible(&t, &st, Some(4))), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn sorting_reorders_siblings_and_keeps_totals_in_place() {
        let t = sample();
        let h = CodeHierarchy::build(&t, None);
        let st = ViewState {
            sort: Some(SortKey {
                col: 0,
                dir: SortDir::Asc,
            }),
            ..Default::default()
        };
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![0, 5, 6, 1, 2, 3, 4]);
        let st = ViewState {
            sort: Some(SortKey {
                col: 0,
                dir: SortDir::Desc,
            }),
            ..Default::default()
        };
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![0, 1, 2, 4, 3, 5, 6]);
    }

    #[test]
    fn filter_keeps_matches_with_their_ancestors() {
        let t = sample();
        let h = CodeHierarchy::build(&t, None);
        let st = ViewState {
            filter: "行政运行".into(),
            ..Default::default()
        };
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![1, 2, 3]);
        let st = ViewState {
            filter: "20805".into(),
            ..Default::default()
        };
        assert_eq!(shown(&h.visible(&t, &st, None)), vec![5, 6]);
    }

    #[test]
    fn sort_cycle() {
        let a = SortKey::cycle(None, 2);
        assert_eq!(
            a,
            Some(SortKey {
                col: 2,
                dir: SortDir::Desc
            })
        );
        let b = SortKey::cycle(a, 2);
        assert_eq!(
            b,
            Some(SortKey {
                col: 2,
                dir: SortDir::Asc
            })
        );
        assert_eq!(SortKey::cycle(b, 2), None);
        assert_eq!(
            SortKey::cycle(b, 1),
            Some(SortKey {
                col: 1,
                dir: SortDir::Desc
            })
        );
    }
}
