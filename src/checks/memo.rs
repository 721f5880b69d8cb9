//! What the checks found in the last analysis, kept for the next one (the page, between
//! edits): the within-table rules' findings for each table that did not change, and the
//! narrative's sentences when no narrative line changed.
//!
//! A within-table rule ([`TABLE_RULES`]) reads its table and nothing else, and the
//! narrative's reading ([`narrative::read`]) reads the narrative lines and nothing else,
//! so equal inputs give equal findings. Tables are compared in full, each figure with
//! its printed scale and its table's precision (the rounding rule's inputs), never by
//! a hash: the checks through the memo find what they find without it.

use super::narrative::{self, Narrative};
use super::util::Issue;
use super::{hierarchy_sum, row_identity, total_sum, two_sided_totals};
use crate::model::{Document, NarrativeLine, Table};

/// The rules that read one table alone, in the order `run_all` reports them.
pub(crate) const TABLE_RULES: [fn(&Table, &mut Vec<Issue>); 4] = [
    hierarchy_sum::check_table,
    total_sum::check_table,
    row_identity::check_table,
    two_sided_totals::check_one,
];

/// Each table rule's findings in one table.
pub(crate) type TableIssues = [Vec<Issue>; 4];

pub(crate) fn table_issues(t: &Table) -> TableIssues {
    TABLE_RULES.map(|rule| {
        let mut out = Vec::new();
        rule(t, &mut out);
        out
    })
}

#[derive(Default)]
pub struct CheckMemo {
    tables: Vec<(Table, TableIssues)>,
    narrative: Option<(Vec<NarrativeLine>, Narrative)>,
}

impl CheckMemo {
    /// [`table_issues`] of every table of `doc`, the last analysis's where a table is
    /// the same.
    pub(crate) fn table_issues(&mut self, doc: &Document) -> Vec<TableIssues> {
        let mut last: Vec<Option<(Table, TableIssues)>> = std::mem::take(&mut self.tables)
            .into_iter()
            .map(Some)
            .collect();
        doc.tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let kept = last
                    .get_mut(i)
                    .and_then(|s| s.take_if(|(l, _)| same_figures(l, t)));
                let entry = kept.unwrap_or_else(|| (t.clone(), table_issues(t)));
                let out = entry.1.clone();
                self.tables.push(entry);
                out
            })
            .collect()
    }

    /// The narrative's sentences and figures, the last analysis's when its lines are
    /// the same.
    pub(crate) fn narrative(&mut self, doc: &Document) -> &Narrative {
        let kept = match self.narrative.take() {
            Some((lines, n)) if lines == doc.narrative => (lines, n),
            _ => (doc.narrative.clone(), narrative::read(doc)),
        };
        &self.narrative.insert(kept).1
    }
}

/// Equal tables, and each figure's table precision equal too (`Amount`'s own equality
/// leaves it out: it is a reading, but the rounding rule judges by it).
fn same_figures(a: &Table, b: &Table) -> bool {
    a == b
        && a.rows.iter().zip(&b.rows).all(|(x, y)| {
            x.values
                .iter()
                .zip(&y.values)
                .all(|(p, q)| p.map(|p| p.precision) == q.map(|q| q.precision))
        })
}
