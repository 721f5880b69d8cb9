//! `two_sided_totals` — the totals of a two-sided summary (收入 | 支出).
//!
//! What: on each half, `本年收入合计` / `本年支出合计` = Σ the lines above it;
//! `收入总计` = 本年收入合计 + the lines between it and the 总计 (使用非财政拨款结余 /
//! 用事业基金弥补收支差额, 上级补助收入 in a budget, 年初结转和结余), and `支出总计` =
//! 本年支出合计 + 结余分配 + 年末结转和结余 (+ 结转下年 …); a 结转和结余 line
//! followed by its fund lines (一般公共预算 / 政府性基金 / 国有资本经营) = Σ those,
//! which are then not counted twice; finally 收入总计 = 支出总计. Every amount
//! column of a half is checked (the 财政拨款 summary's 支出 half has four).
//!
//! Why: these are the report's headline figures; the narrative repeats them.
//!
//! Example: 收入支出决算总表 2020: 8,219.20 + 0 + … + 7.19 = 8,226.39 ✓; 8,226.39 +
//! 0.00 + 23.22 = 8,249.61 against 总计 8,249.60: a rounding `notice`.

use super::util::{
    amount, any_ambiguous, bare_label, has_cn_ordinal, is_amount_column, sum_parts, Check, Issue,
    Span,
};
use crate::model::{Document, Table};
use crate::rounding::half_unit;
use crate::text::compact;
use crate::text::Has;

pub const RULE: &str = "two_sided_totals";

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for t in &doc.tables {
        check_one(t, &mut out);
    }
    out
}

/// One table's findings: none unless it is two-sided.
pub(crate) fn check_one(t: &Table, out: &mut Vec<Issue>) {
    // Every row on one half: the reader did not tell the halves apart (text with one
    // cell a line), so a half's sum would run over the other's rows.
    let on = |side: usize| t.rows.iter().any(|r| r.side == Some(side));
    if t.sides.len() == 2 && on(0) && on(1) {
        check_table(t, out);
    }
}

fn is_year_total(l: &str) -> bool {
    l.starts_with("本年") && l.ends_with("合计")
}
fn is_grand(l: &str) -> bool {
    l.ends_with("总计")
}
fn is_sub_line(label: &str) -> bool {
    crate::reader::two_sided_sides::sub_line(label)
}
fn is_fund_line(l: &str) -> bool {
    (l.has("一般公共预算") || l.has("政府性基金") || l.has("国有资本经营"))
        && !l.has("结转")
        && !l.has("支出")
}

struct Half {
    year_total: Option<usize>,
    grand: Option<usize>,
    before: Vec<usize>,
    between: Vec<usize>,
    /// (balance row, its fund lines)
    balances: Vec<(usize, Vec<usize>)>,
}

fn half(t: &Table, side: usize) -> Half {
    let rows: Vec<usize> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.side == Some(side))
        .map(|(i, _)| i)
        .collect();
    let mut h = Half {
        year_total: None,
        grand: None,
        before: Vec::new(),
        between: Vec::new(),
        balances: Vec::new(),
    };
    let mut open_balance: Option<usize> = None;
    for &i in &rows {
        let l = bare_label(&t.rows[i].label);
        if h.grand.is_some() {
            break;
        }
        if is_year_total(&l) && h.year_total.is_none() {
            h.year_total = Some(i);
            continue;
        }
        if is_grand(&l) {
            h.grand = Some(i);
            continue;
        }
        if h.year_total.is_none() {
            if !is_sub_line(&t.rows[i].label) {
                h.before.push(i);
            }
            continue;
        }
        // `1.财政拨款结余、结转` under `上年结余、结转`: a part, not another line.
        if is_sub_line(&t.rows[i].label) {
            continue;
        }
        if l.has("结转和结余") || l.has("结余") && !l.has("分配") && !l.has("使用") {
            open_balance = Some(i);
            h.balances.push((i, Vec::new()));
            h.between.push(i);
            continue;
        }
        if let (Some(_), true) = (open_balance, is_fund_line(&l)) {
            if let Some(b) = h.balances.last_mut() {
                b.1.push(i);
            }
            continue;
        }
        open_balance = None;
        if !is_sub_line(&t.rows[i].label) {
            h.between.push(i);
        }
    }
    h
}

/// Does `rows[total] = Σ rows[parts]` hold in column `c`, within rounding?
fn holds(t: &Table, total_row: usize, parts: &[usize], c: usize) -> bool {
    let Some(total) = amount(&t.rows[total_row], c) else {
        return false;
    };
    let vals: Vec<_> = parts.iter().map(|&k| amount(&t.rows[k], c)).collect();
    sum_parts(total, &vals).is_some_and(|(sum, tol)| (sum - total).abs() <= tol)
}

fn sum_issue(
    t: &Table,
    total_row: usize,
    parts: &[usize],
    c: usize,
    zh: &str,
    en: &str,
    out: &mut Vec<Issue>,
) {
    let Some(total) = amount(&t.rows[total_row], c) else {
        return;
    };
    let vals: Vec<_> = parts.iter().map(|&k| amount(&t.rows[k], c)).collect();
    if any_ambiguous(t, parts) {
        return;
    }
    let Some((sum, tol)) = sum_parts(total, &vals) else {
        return;
    };
    // An expenditure line among the income half's lines: the text did not keep
    // the halves apart (a lone right-half line read as the left's), so the sum
    // says how the text was read, not what the report printed.
    let income_total = compact(&t.rows[total_row].label).has("收入");
    let mixed = income_total
        && parts.iter().any(|&k| {
            let l = compact(&t.rows[k].label);
            l.ends_with("支出") && !l.has("收入")
        });
    let mut check = Check::new(RULE, t, sum, total, tol)
        .at(total_row, c)
        .what(zh, en);
    if mixed {
        check = check.fail_as(crate::model::Severity::Warning).note(
            "；收入一侧读到了支出科目，文本未能分开两侧，此不符可能源于读取而非报告",
            "; expenditure lines were read on the income side (the text did not keep the halves apart), so this may come from the reading, not the report",
        );
    }
    if let Some(f) = check.judge() {
        let mut rows = vec![total_row];
        rows.extend(parts.iter().copied());
        out.push(Issue {
            finding: f,
            span: Span::Column {
                table: t.id.clone(),
                col: c,
                rows,
            },
        });
    }
}

fn check_table(t: &Table, out: &mut Vec<Issue>) {
    let halves = [half(t, 0), half(t, 1)];
    for (s, h) in halves.iter().enumerate() {
        for (c, name) in t.sides[s].value_columns.iter().enumerate() {
            if !is_amount_column(name) {
                continue;
            }
            if let Some(a) = h.year_total {
                // Where the half numbers its lines (一、二、…), the unnumbered ones
                // may be their 款/项 (a 收支总表 that lists classes and their
                // items without codes): the numbered lines alone are the sum
                // when they make it.
                let top: Vec<usize> = h
                    .before
                    .iter()
                    .copied()
                    .filter(|&i| has_cn_ordinal(&t.rows[i].label))
                    .collect();
                let labels: Vec<&str> =
                    h.before.iter().map(|&i| t.rows[i].label.as_str()).collect();
                let classes: Vec<usize> = crate::reader::two_sided_sides::class_lines(&labels)
                    .into_iter()
                    .map(|k| h.before[k])
                    .collect();
                let parts = if !top.is_empty() && top.len() < h.before.len() && holds(t, a, &top, c)
                {
                    &top
                } else if !classes.is_empty()
                    && classes.len() < h.before.len()
                    && holds(t, a, &classes, c)
                {
                    &classes
                } else {
                    &h.before
                };
                sum_issue(
                    t,
                    a,
                    parts,
                    c,
                    "上方各项之和",
                    "the sum of the lines above it",
                    out,
                );
                // Only in the usual layout (lines, then 本年合计, then carry-overs);
                // a 本年合计 printed first would make every line a carry-over.
                // A blank 本年合计 under a 总计 that is not is a figure the text lost,
                // not a zero: without it the sum says nothing.
                let year_total_read = amount(&t.rows[a], c).is_some();
                // `三、国有资本经营预算财政拨款总计`: a numbered line's label run into the
                // 总计's — which line the figures belong to the text does not say.
                let grand = h.grand.filter(|&g| !has_cn_ordinal(&t.rows[g].label));
                if let (Some(g), false, true) = (grand, h.before.is_empty(), year_total_read) {
                    let mut parts = vec![a];
                    parts.extend(h.between.iter().copied());
                    sum_issue(
                        t,
                        g,
                        &parts,
                        c,
                        "本年合计与结转结余等各项之和",
                        "this year's total plus carry-overs and the other lines",
                        out,
                    );
                }
            }
            for (b, kids) in &h.balances {
                if !kids.is_empty() {
                    sum_issue(
                        t,
                        *b,
                        kids,
                        c,
                        "其下各资金项之和",
                        "the sum of its fund lines",
                        out,
                    );
                }
            }
        }
    }
    // 收入总计 = 支出总计 (first column of each half).
    if let (Some(gi), Some(ge)) = (halves[0].grand, halves[1].grand) {
        if let (Some(vi), Some(ve)) = (amount(&t.rows[gi], 0), amount(&t.rows[ge], 0)) {
            let tol = half_unit(vi) + half_unit(ve);
            if let Some(f) = Check::new(RULE, t, vi, ve, tol)
                .at(ge, 0)
                .what("收入总计", "the income grand total")
                .judge()
            {
                out.push(Issue::plain(f));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const SUMMARY: &str = include_str!("../../tests/fixtures/checks/summary.txt");
    const FISCAL: &str = include_str!("../../tests/fixtures/checks/fiscal_summary.txt");

    #[test]
    fn summary_rounds_but_holds() {
        let doc = crate::reader::read(SUMMARY);
        let issues = check(&doc);
        assert!(
            issues
                .iter()
                .all(|i| i.finding.severity == Severity::Notice),
            "{issues:#?}"
        );
        let n = &issues
            .iter()
            .find(|i| i.finding.row.as_deref() == Some("总计"))
            .expect("notice")
            .finding;
        assert_eq!(n.expected, Some(Decimal::from_str("8249.61").unwrap()));
        assert!(check(&crate::reader::read(FISCAL)).is_empty());
    }

    #[test]
    fn wrong_year_total_is_an_error() {
        let text = SUMMARY.replace("本年收入合计\t27\t8,226.39", "本年收入合计\t27\t8,326.39");
        let doc = crate::reader::read(&text);
        let issues = check(&doc);
        let errs: Vec<_> = issues
            .iter()
            .filter(|i| i.finding.severity == Severity::Error)
            .collect();
        let f = &errs
            .iter()
            .find(|i| i.finding.row.as_deref() == Some("本年收入合计"))
            .expect("error")
            .finding;
        assert_eq!(f.rule, RULE);
        assert_eq!(f.column.as_deref(), Some("决算数"));
        assert_eq!(f.expected, Some(Decimal::from_str("8226.39").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("8326.39").unwrap()));
    }
}
