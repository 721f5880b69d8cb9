//! `table_unreliable` and the per-table `ambiguous_row` summary — how sure the
//! reader is of each table, said once per table.
//!
//! What: runs after every rule. (1) A table whose own sums fail in
//! [`MISREAD_AT`] or more places is taken as misread: its errors become one
//! warning naming the table, how many sums failed and an example, and every
//! other error resting on that table is demoted to a warning. (2) The rows the
//! reader could not place (`ambiguous_row`) are reported once per table with
//! their count, the row warnings kept under it (`Finding::related`).
//!
//! Why: published reports have few errors — a wrong cell breaks one row and one
//! column, and [`super::cell_pinpoint`] already folds those into one finding. A
//! table with many independent failures is one the text misled the reader on
//! (a shifted column, a lost blank, a code read as an amount); reporting each as
//! the report's error would publish errors that do not exist. A reader of the
//! page must also see at a glance how much was left unchecked, not hundreds of
//! row warnings.
//!
//! Example: a 收支总表 whose 本年支出合计 differs from its items by 110,365.31
//! and two more sums by as much → one warning “表 t1《收支总表》未能可靠读取：3 处
//! 合计与明细不符…”, no error. One leaf changed by 1.00 still breaks one row and
//! one column: one error, as before.

use crate::model::{Document, Finding, Severity};

pub const RULE: &str = "table_unreliable";

/// Independent within-table failures from which a table is taken as misread.
pub const MISREAD_AT: usize = 3;

/// Rules that judge a table by its own figures.
const WITHIN_TABLE: [&str; 7] = [
    "row_sum_unplaceable",
    "hierarchy_sum",
    "total_sum",
    "row_identity",
    "two_sided_totals",
    "sangong_identity",
    "gov_fund_balance",
];

fn table_name(doc: &Document, id: &str) -> String {
    doc.table(id)
        .map(|t| {
            let n = t.number.clone().unwrap_or_else(|| id.to_string());
            format!("{n}《{}》", t.title)
        })
        .unwrap_or_else(|| id.to_string())
}

/// `列1`, `列12`: a column the reader numbered for want of its name.
fn is_numbered_column(c: &str) -> bool {
    c.strip_prefix('列')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn demote(mut f: Finding) -> Finding {
    if f.severity == Severity::Error {
        f.severity = Severity::Warning;
    }
    f.related = f.related.into_iter().map(demote).collect();
    f
}

/// Fold the findings of every rule into what the reader is sure of.
/// A column sum over the 合计 column of a table whose first column is the
/// total of the rest: it holds whatever the unplaced rows' blank cells are.
fn on_certain_total_column(doc: &Document, f: &Finding) -> bool {
    if f.rule != "hierarchy_sum" && f.rule != "total_sum" {
        return false;
    }
    let Some(t) = f.table.as_deref().and_then(|id| doc.table(id)) else {
        return false;
    };
    f.column.as_deref() == t.value_columns.first().map(String::as_str)
        && crate::identities::leads_with_total(t)
}

/// A row none of whose placements adds up (`row_sum_unplaceable`), its figures
/// all printed with decimals: no placement of blank cells is involved, and no
/// code or row number (bare digits) was taken for a figure, so the row's own
/// figures disagree whatever else in its table could not be placed.
fn unplaceable_as_printed(doc: &Document, f: &Finding) -> bool {
    if f.rule != "row_sum_unplaceable" {
        return false;
    }
    let Some(t) = f.table.as_deref().and_then(|id| doc.table(id)) else {
        return false;
    };
    t.rows
        .iter()
        .find(|r| Some(r.line) == f.line)
        .is_some_and(|r| {
            let vals: Vec<_> = r.values.iter().flatten().collect();
            vals.len() >= 2 && vals.iter().all(|a| !a.percent && a.value.scale() >= 1)
        })
}

/// A parent's failing sum whose rows, below it and before the next code outside it,
/// hold a row with figures but no code (`2200102 一般行政管理事务` / `2200199 396.54
/// 396.54` / `其他自然资源事务支出 3,859.76`: text in content order moved a code off
/// its figures): one of its items lost its code in the text, so the sum over the
/// codes read says nothing of the report.
fn item_without_code_under(doc: &Document, f: &Finding) -> bool {
    if f.rule != "hierarchy_sum" {
        return false;
    }
    let (Some(t), Some(cell)) = (f.table.as_deref().and_then(|id| doc.table(id)), f.cell) else {
        return false;
    };
    let Some(parent) = t.rows.get(cell.row) else {
        return false;
    };
    let Some(code) = parent.code.as_deref() else {
        return false;
    };
    t.rows[cell.row + 1..]
        .iter()
        .filter(|r| r.side == parent.side)
        .take_while(|r| r.code.as_deref().is_none_or(|c| c.starts_with(code)))
        .any(super::util::is_uncoded_item)
}

/// A row said to break the header's sums in a table where no two other rows bear
/// those sums out: the header itself may be misread (a lost column, two header
/// lines run together), so the row is not shown to be wrong.
fn unplaceable_unconfirmed(doc: &Document, f: &Finding) -> bool {
    f.rule == "row_sum_unplaceable"
        && f.severity == Severity::Error
        && f.table
            .as_deref()
            .and_then(|id| doc.table(id))
            .is_none_or(|t| crate::identities::rows_confirming(t) < 2)
}

/// A count per table id. A report has a few dozen tables at most: a list searched
/// from the front is all this needs (a `BTreeMap` per key and value type was ≈ 12 KB
/// of the page's wasm).
#[derive(Default)]
struct Tally(Vec<(String, usize)>);

impl Tally {
    fn bump(&mut self, table: &str) {
        match self.0.iter_mut().find(|(t, _)| t == table) {
            Some((_, n)) => *n += 1,
            None => self.0.push((table.to_string(), 1)),
        }
    }
    fn get(&self, table: &str) -> usize {
        self.0
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Findings grouped by table id.
#[derive(Default)]
struct Groups(Vec<(String, Vec<Finding>)>);

impl Groups {
    fn push(&mut self, table: String, f: Finding) {
        match self.0.iter_mut().find(|(t, _)| *t == table) {
            Some((_, fs)) => fs.push(f),
            None => self.0.push((table, vec![f])),
        }
    }
    /// The groups in table-id order (as strings: `t10` before `t2`), the order the
    /// summaries have always come in.
    fn by_table(mut self) -> Vec<(String, Vec<Finding>)> {
        crate::stable_sort::by(&mut self.0, |a, b| a.0.cmp(&b.0));
        self.0
    }
}

pub fn settle(doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
    let findings: Vec<Finding> = findings
        .into_iter()
        .map(|mut f| {
            if unplaceable_unconfirmed(doc, &f) {
                f.severity = Severity::Warning;
                f.message_zh.push_str("（但本表没有其他行印证所读的表头合计关系，也可能是表头读取有误，未作为错误报告）");
                f.message_en.push_str(" (but no other row of the table bears out the header's sums as read: the header may be misread, so this is not reported as an error)");
            }
            f
        })
        .collect();
    // (1) Misread tables.
    let mut failures = Tally::default();
    // Failures that depend on where blank cells were placed (all but the sums
    // of a 合计 column, which is read for certain: `leads_with_total`).
    let mut placement_failures = Tally::default();
    for f in &findings {
        if f.severity == Severity::Error && WITHIN_TABLE.contains(&f.rule.as_str()) {
            if let Some(t) = &f.table {
                failures.bump(t);
                if !on_certain_total_column(doc, f) && !unplaceable_as_printed(doc, f) {
                    placement_failures.bump(t);
                }
            }
        }
    }
    // A table with many rows the reader could not place is one it is unsure of:
    // its other failing sums most likely come from the same lost cells.
    let mut unplaced = Tally::default();
    for f in &findings {
        if f.rule == "ambiguous_row" {
            if let Some(t) = &f.table {
                unplaced.bump(t);
            }
        }
    }
    let unsure = |t: &str| {
        let rows = doc.table(t).map(|t| t.rows.len()).unwrap_or(0);
        let n = unplaced.get(t);
        n >= 3 && n * 4 >= rows
    };
    let misread: Vec<String> = failures
        .0
        .into_iter()
        .filter(|(t, n)| *n >= MISREAD_AT || (unsure(t) && placement_failures.get(t) > 0))
        .map(|(t, _)| t)
        .collect();
    // Which tables' text lost structure, judged once per table holding an error
    // (not per finding, and not at all for a report without errors).
    let with_errors: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.table.as_deref())
        .collect();
    let lost: Vec<(&str, (bool, bool, bool))> = doc
        .tables
        .iter()
        .filter(|t| with_errors.contains(&t.id.as_str()))
        .map(|t| {
            (
                t.id.as_str(),
                (
                    super::util::text_lost_structure(t),
                    super::util::uncoded_rows_with_figures(t),
                    super::util::rows_of_another_classification(t),
                ),
            )
        })
        .collect();
    // Tables whose header the reader could not name (`header_unread`: columns
    // numbered 列1, 列2, …).
    let unread: Vec<String> = findings
        .iter()
        .filter(|f| f.rule == "header_unread")
        .filter_map(|f| f.table.clone())
        .collect();
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut held = Groups::default();
    let mut ambiguous = Groups::default();
    for f in findings {
        let table = f.table.clone().unwrap_or_default();
        let on_misread = misread.contains(&table);
        if f.rule == "ambiguous_row" && !table.is_empty() {
            ambiguous.push(table, f);
        } else if on_misread && WITHIN_TABLE.contains(&f.rule.as_str()) {
            held.push(table, demote(f));
        } else if f.severity == Severity::Error
            && !WITHIN_TABLE.contains(&f.rule.as_str())
            && unread.contains(&table)
            && f.column.as_deref().is_some_and(is_numbered_column)
        {
            // Another table's figure against a column of this one that the header
            // did not name: that it is the total (or the source) the other table
            // prints is the reader's assumption, not the report's.
            let mut f = demote(f);
            f.message_zh.push_str(
                "（本表表头未能读出，各列按顺序编号，此列是否即所比对的合计列是推定的；此不符可能源于读取，未作为错误报告）",
            );
            f.message_en.push_str(
                " (this table's header could not be read and its columns are numbered: that this column is the one compared is an assumption, so the difference may come from the reading and is not reported as an error)",
            );
            out.push(f);
        } else if let Some(foreign) = (f.severity == Severity::Error)
            .then(|| lost.iter().find(|(t, _)| *t == table))
            .flatten()
            .and_then(|&(_, (structure, uncoded, foreign))| {
                (structure
                    || foreign
                    || f.rule == "total_sum" && uncoded
                    || item_without_code_under(doc, &f))
                .then_some(foreign)
            })
        {
            // Within the table, counted above toward its failures; within it or
            // resting on it, not shown to be the report's: the text lost how the
            // table's rows stand.
            let mut f = demote(f);
            if foreign {
                f.message_zh.push_str(
                    "（本表读到了另一种分类的科目编码（功能分类表中出现经济分类编码或相反），多为相邻表格的行混入本表，此不符可能源于读取，未作为错误报告）",
                );
                f.message_en.push_str(
                    " (this table holds codes of the other classification (economic codes in a functional table, or the reverse): a neighbouring table's rows most likely ran into it, so the difference may come from the reading and is not reported as an error)",
                );
            } else {
                f.message_zh.push_str(
                    "（本表文本有行丢失了科目编码或上级行、或两行标签粘连，此不符可能源于读取，未作为错误报告）",
                );
                f.message_en.push_str(
                    " (the text of this table lost some rows' codes or parent lines, or ran two labels together: the difference may come from the reading, so it is not reported as an error)",
                );
            }
            out.push(f);
        } else if on_misread && f.severity == Severity::Error {
            let mut f = demote(f);
            f.message_zh
                .push_str("（所依据的表格未能可靠读取，未作为错误报告）");
            f.message_en.push_str(
                " (the table it rests on could not be read reliably: not reported as an error)",
            );
            out.push(f);
        } else {
            out.push(f);
        }
    }
    for (table, fs) in held.by_table() {
        let failed = fs
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        let example = fs
            .iter()
            .find(|f| f.severity == Severity::Warning)
            .or(fs.first())
            .map(|f| f.message_zh.clone())
            .unwrap_or_default();
        let example_en = fs
            .iter()
            .find(|f| f.severity == Severity::Warning)
            .or(fs.first())
            .map(|f| f.message_en.clone())
            .unwrap_or_default();
        let name = table_name(doc, &table);
        let line = doc.table(&table).map(|t| t.lines[0]);
        let mut w = Finding::new(
            RULE,
            Severity::Warning,
            format!(
                "{name} 未能可靠读取：{failed} 处合计与明细不符，多为文本中列位置错乱（空白格丢失、编码与金额混排）所致，而非报告本身的错误，未作为错误报告。例如：{example}。请用 PDF 原件或保留列位置的文本（如表格软件复制）核对此表。"
            ),
            format!(
                "{name} could not be read reliably: {failed} sums fail, which points to columns lost in the text (blank cells dropped, codes and amounts run together) rather than errors of the report; none is reported as an error. For example: {example_en}. Check this table from the PDF or a text that keeps the column positions."
            ),
        );
        w.table = Some(table);
        w.line = line;
        w.related = fs;
        out.push(w);
    }
    // (2) Rows left unchecked, once per table.
    for (table, rows) in ambiguous.by_table() {
        let name = table_name(doc, &table);
        let n = rows.len();
        let mut w = Finding::new(
            "ambiguous_row",
            Severity::Warning,
            format!("{name}：{n} 行因空白格位置无法确定，未核对（逐行说明见下）"),
            format!(
                "{name}: {n} rows not checked: where their blank cells stand cannot be told from the text (row by row below)"
            ),
        );
        w.line = rows.iter().filter_map(|f| f.line).min();
        w.table = Some(table);
        w.related = rows;
        out.push(w);
    }
    crate::stable_sort::by_key(&mut out, |f: &Finding| std::cmp::Reverse(f.severity));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(rule: &str, table: &str) -> Finding {
        let mut f = Finding::new(rule, Severity::Error, "差".into(), "off".into());
        f.table = Some(table.into());
        f
    }

    #[test]
    fn one_failure_stays_an_error() {
        let out = settle(&Document::default(), vec![err("hierarchy_sum", "t1")]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Error);
    }

    #[test]
    fn many_failures_make_one_warning_and_demote_what_rests_on_it() {
        let mut fs: Vec<Finding> = (0..4).map(|_| err("hierarchy_sum", "t3")).collect();
        fs.push(err("narrative_figures", "t3"));
        fs.push(err("hierarchy_sum", "t4"));
        let out = settle(&Document::default(), fs);
        let errors: Vec<_> = out
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].table.as_deref(), Some("t4"));
        let w = out.iter().find(|f| f.rule == RULE).unwrap();
        assert_eq!(w.related.len(), 4);
        assert!(w.message_zh.contains("4 处"));
        assert!(w.related.iter().all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn ambiguous_rows_are_counted_once_per_table() {
        let mut fs = Vec::new();
        for i in 0..41 {
            let mut f = Finding::new(
                "ambiguous_row",
                Severity::Warning,
                "行".into(),
                "row".into(),
            );
            f.table = Some("t5".into());
            f.line = Some(100 + i);
            fs.push(f);
        }
        let out = settle(&Document::default(), fs);
        assert_eq!(out.len(), 1);
        assert!(out[0].message_zh.contains("41 行"));
        assert_eq!(out[0].line, Some(100));
        assert_eq!(out[0].related.len(), 41);
    }

    /// A 国有资本经营 (functional) table whose text holds 经济分类 rows: a neighbouring
    /// table's rows ran in, as `pdftotext -raw` gives a table whose title is printed
    /// after its first page. Its failing sum is a warning; the same figures under
    /// functional codes stay an error.
    fn state_capital(codes: [&str; 3]) -> Vec<Finding> {
        let text = format!(
            "国有资本经营预算支出情况表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
             {}\t工资福利支出\t100.00\t100.00\t\n{}\t基本工资\t60.00\t60.00\t\n{}\t津贴补贴\t30.00\t30.00\t\n",
            codes[0], codes[1], codes[2]
        );
        crate::analyze(&text)
            .findings
            .into_iter()
            .filter(|f| f.rule == "hierarchy_sum")
            .collect()
    }

    #[test]
    fn rows_of_the_other_classification_make_a_failing_sum_a_warning() {
        let foreign = state_capital(["301", "30101", "30102"]);
        assert!(!foreign.is_empty(), "the sum is checked");
        assert!(
            foreign
                .iter()
                .all(|f| f.severity == Severity::Warning && f.message_zh.contains("另一种分类")),
            "{foreign:#?}"
        );
        let own = state_capital(["223", "22301", "22302"]);
        assert!(
            own.iter().any(|f| f.severity == Severity::Error),
            "{own:#?}"
        );
    }

    /// 22001's item printed without its code (text in content order moved it): its
    /// failing sum is a warning while the uncoded row stands under it, an error when
    /// that row stands under another class.
    fn hierarchy_findings(uncoded_under_22001: bool) -> Vec<Finding> {
        let uncoded = "\t其他自然资源事务支出\t40.00\t\t40.00\n";
        let text = format!(
            "一般公共预算支出情况表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
             220\t自然资源海洋气象等支出\t100.00\t60.00\t40.00\n\
             22001\t自然资源事务\t100.00\t60.00\t40.00\n\
             2200101\t行政运行\t60.00\t60.00\t\n{}\
             221\t住房保障支出\t0.00\t0.00\t\n{}",
            if uncoded_under_22001 { uncoded } else { "" },
            if uncoded_under_22001 { "" } else { uncoded },
        );
        crate::analyze(&text)
            .findings
            .into_iter()
            .filter(|f| f.rule == "hierarchy_sum" && f.row.as_deref() == Some("22001"))
            .collect()
    }

    #[test]
    fn an_item_without_its_code_under_a_parent_makes_its_sum_a_warning() {
        let under = hierarchy_findings(true);
        assert!(
            !under.is_empty() && under.iter().all(|f| f.severity == Severity::Warning),
            "{under:#?}"
        );
        let elsewhere = hierarchy_findings(false);
        assert!(
            elsewhere.iter().any(|f| f.severity == Severity::Error),
            "{elsewhere:#?}"
        );
    }
}
