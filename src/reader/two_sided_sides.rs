//! Which half a lone label–value pair of a two-sided table belongs to, decided by
//! the halves' own totals.
//!
//! A 收支总表 prints income on the left and expenditure on the right; the
//! expenditure list is longer, so its last lines stand alone (`统计管理 359.77`).
//! PDF text keeps no position: a lone pair reads like a left-half line. The
//! halves' totals tell: income lines must add up to 本年收入合计 and expenditure
//! lines to 本年支出合计. The left half's lone lines come first and the right's
//! after them, so the only freedom is where the left half ends; the one split
//! under which both totals hold is taken. None or several: the table stays as
//! read (its sums then say it was not read reliably).
//!
//! Example: `财政拨款 5,417.80 一、一般公共服务支出 3,478.72`, `1.一般公共预算拨款
//! 5,417.80 统计信息事务 3,478.72`, then `统计管理 359.77`, `二、教育支出 193.00` …
//! alone: the left half ends after `3.国有资本经营预算拨款`, every lone line after
//! it is expenditure.

use crate::model::{Amount, Table};
use crate::rounding::{Agreement, RoundingTolerance};
use crate::text::compact;
use rust_decimal::Decimal;

fn ordinal(label: &str) -> bool {
    let s = compact(label);
    let head: String = s
        .chars()
        .take_while(|c| crate::text::is_cn_digit(*c))
        .collect();
    !head.is_empty() && s[head.len()..].starts_with('、')
}

/// `其中：…`, `（一）…`, `1.…`: a line under another, not one of the half's own.
pub fn sub_line(label: &str) -> bool {
    let c = compact(label);
    c.starts_with("其中")
        || c.starts_with('（')
        || c.starts_with('(')
        || c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
}

fn first(vals: &[Option<Amount>]) -> Option<Decimal> {
    vals.first().copied().flatten().map(|a| a.checked())
}

/// The 类 of the functional classification (支出功能分类科目), as a 收支总表 prints
/// its expenditure lines when it gives no codes and no numbering.
const FUNCTION_CLASSES: [&str; 27] = [
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "文化体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "医疗卫生与计划生育支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "其他支出",
    "债务还本支出",
    "债务付息支出",
];

/// The label without its ordinal (`一、`, `1.`, `（一）`).
fn without_ordinal(label: &str) -> String {
    let c = compact(label);
    let c = c.as_str();
    let numeral = |ch: char| crate::text::is_cn_digit(ch) || ch.is_ascii_digit();
    // `（一）`, `(1)`
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(r) = c.strip_prefix(open) {
            if let Some(p) = r.find(close) {
                if p > 0 && r[..p].chars().all(numeral) {
                    return r[p + close.len_utf8()..].to_string();
                }
            }
        }
    }
    // `一、`, `1.`, `2．`, `3、` — not the 一 of `一般公共服务支出`.
    let head: usize = c
        .chars()
        .take_while(|ch| numeral(*ch))
        .map(char::len_utf8)
        .sum();
    if head > 0 {
        if let Some(sep) = c[head..].chars().next().filter(|ch| "、.．".contains(*ch)) {
            return c[head + sep.len_utf8()..].to_string();
        }
    }
    c.to_string()
}

/// A 类 line of the functional classification: the first of a run of equal
/// labels (`其他支出` is also its own 款 and 项).
pub fn class_lines(labels: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = String::new();
    for (i, l) in labels.iter().enumerate() {
        let b = without_ordinal(l);
        if FUNCTION_CLASSES.contains(&b.as_str()) && b != prev {
            out.push(i);
        }
        prev = b;
    }
    out
}

/// Σ of a half's top lines = its total: the numbered lines, or the 类 lines,
/// when they make it, else every line that is no sub-line.
fn half_holds(total: Decimal, lines: &[(&str, Option<Decimal>)]) -> bool {
    let judge = |parts: Vec<Decimal>| {
        !parts.is_empty()
            && RoundingTolerance::for_sum(total, &parts).judge(total, parts.iter().copied().sum())
                != Agreement::Differs
    };
    let top: Vec<Decimal> = lines
        .iter()
        .filter(|(l, _)| ordinal(l))
        .filter_map(|(_, v)| *v)
        .collect();
    let all: Vec<Decimal> = lines
        .iter()
        .filter(|(l, _)| !sub_line(l))
        .filter_map(|(_, v)| *v)
        .collect();
    let labels: Vec<&str> = lines.iter().map(|(l, _)| *l).collect();
    let classes: Vec<Decimal> = class_lines(&labels)
        .into_iter()
        .filter_map(|i| lines[i].1)
        .collect();
    judge(top) || judge(classes) || judge(all)
}

/// Income labels a 收支总表 prints on the left (after their ordinal).
const INCOME_LABELS: [&str; 24] = [
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "一般公共预算拨款收入",
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
    "一般公共预算资金",
    "政府性基金预算资金",
    "国有资本经营预算资金",
    "财政拨款收入",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政专户管理资金",
    "财政拨款",
    "单位资金",
    "事业收入",
    "事业单位经营收入",
    "经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
    "用事业基金弥补收支差额",
];

/// A whole income line (`二、事业收入`, `上级补助收入`).
fn is_income_label(label: &str) -> bool {
    let b = without_ordinal(label);
    INCOME_LABELS.contains(&b.as_str()) || b.ends_with("收入") || b.ends_with("资金")
}

/// `政府性基金预算行政运行`: an income label printed without its value, run
/// together with the expenditure line beside it. Returns (income label,
/// expenditure label) when the label is such a pair.
pub fn split_joined(label: &str) -> Option<(String, String)> {
    let c = compact(label);
    let ord_len = c.len() - without_ordinal(&c).len();
    let body = &c[ord_len..];
    let mut best: Option<&str> = None;
    for w in INCOME_LABELS {
        if body.starts_with(w) && best.is_none_or(|b| w.len() > b.len()) {
            best = Some(w);
        }
    }
    let w = best?;
    let rest = &body[w.len()..];
    // `国有资本经营预算支出` is a 类 of its own.
    if FUNCTION_CLASSES.contains(&body) || rest == "支出" {
        return None;
    }
    // `财政拨款收入`, `一般公共预算财政拨款`, `（补助）`: one label, not two.
    const GOES_ON: [&str; 12] = [
        "收入",
        "资金",
        "拨款",
        "财政拨款",
        "结转",
        "结余",
        "补助",
        "（",
        "(",
        "合计",
        "小计",
        "其中",
    ];
    if rest.chars().count() < 2 || GOES_ON.iter().any(|g| rest.starts_with(g)) {
        return None;
    }
    Some((c[..ord_len + w.len()].to_string(), rest.to_string()))
}

/// Split the income–expenditure label pairs the text ran together: the income
/// half gets its (blank) line, the expenditure half the value.
pub fn split_joined_labels(t: &mut Table) {
    if t.sides.len() != 2 {
        return;
    }
    let n_left = t.sides[0].value_columns.len();
    let mut out = Vec::with_capacity(t.rows.len());
    for r in std::mem::take(&mut t.rows) {
        let k = r.values.iter().flatten().count();
        match split_joined(&r.label) {
            Some((income, spending)) if k <= t.sides[1].value_columns.len() => {
                let mut left = r.clone();
                left.label = income;
                left.side = Some(0);
                left.values = vec![None; n_left];
                left.ambiguous = false;
                let mut right = r;
                right.label = spending;
                right.side = Some(1);
                out.push(left);
                out.push(right);
            }
            _ => out.push(r),
        }
    }
    t.rows = out;
}

/// Move the left half's lone lines that are the right half's, when one split
/// makes both halves add up.
pub fn settle(t: &mut Table) {
    if t.sides.len() != 2 {
        return;
    }
    let is_total = |r: &crate::model::Row| {
        let l = compact(&r.label);
        l.starts_with("本年") && l.ends_with("合计")
    };
    let Some(lt) = t.rows.iter().position(|r| r.side == Some(0) && is_total(r)) else {
        return;
    };
    // Without a 本年支出合计 (some tables print only the 总计) the income half
    // alone decides.
    let rtv = t
        .rows
        .iter()
        .position(|r| r.side == Some(1) && is_total(r))
        .and_then(|rt| first(&t.rows[rt].values));
    let Some(ltv) = first(&t.rows[lt].values) else {
        return;
    };
    let total_line = t.rows[lt].line;
    // Left rows before the totals; the lone ones (no right row on their line).
    // Rows before the totals; the lone ones stand alone on their line, on
    // whichever half the text made them.
    let before: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].line < total_line && t.rows[i].side.is_some())
        .collect();
    let on_line = |line: usize| before.iter().filter(|&&i| t.rows[i].line == line).count();
    let mut lone: Vec<usize> = before
        .iter()
        .copied()
        .filter(|&i| on_line(t.rows[i].line) == 1)
        .collect();
    crate::stable_sort::by_key(&mut lone, |&i| t.rows[i].line);
    if lone.is_empty() {
        return;
    }
    let fixed = |side: usize| -> Vec<usize> {
        before
            .iter()
            .copied()
            .filter(|&i| t.rows[i].side == Some(side) && !lone.contains(&i))
            .collect()
    };
    let (left, right) = (fixed(0), fixed(1));
    let row = |i: usize| (t.rows[i].label.as_str(), first(&t.rows[i].values));
    let halves_hold = |l: Vec<usize>, r: Vec<usize>| {
        let mut l = l;
        let mut r = r;
        crate::stable_sort::by_key(&mut l, |&i| t.rows[i].line);
        crate::stable_sort::by_key(&mut r, |&i| t.rows[i].line);
        let l: Vec<_> = l.into_iter().map(row).collect();
        let r: Vec<_> = r.into_iter().map(row).collect();
        half_holds(ltv, &l) && rtv.is_none_or(|v| half_holds(v, &r))
    };
    // As read.
    let as_read = |side: usize| -> Vec<usize> {
        before
            .iter()
            .copied()
            .filter(|&i| t.rows[i].side == Some(side))
            .collect()
    };
    if halves_hold(as_read(0), as_read(1)) {
        return;
    }
    // The left half's lone lines first, the right's after them.
    let holds_at = |p: usize| {
        halves_hold(
            left.iter().chain(&lone[..p]).copied().collect(),
            right.iter().chain(&lone[p..]).copied().collect(),
        )
    };
    // Several splits hold when the lines between them are in neither sum (款
    // and 项 under a 类): then the left half keeps only the lone lines that
    // are income lines by name.
    let income_lead = lone
        .iter()
        .take_while(|&&i| is_income_label(&t.rows[i].label))
        .count();
    let Some(p) = (income_lead..=lone.len()).find(|&p| holds_at(p)) else {
        return;
    };
    let (n_left, n_right) = (
        t.sides[0].value_columns.len(),
        t.sides[1].value_columns.len(),
    );
    for (k, &i) in lone.iter().enumerate() {
        let side = if k < p { 0 } else { 1 };
        let r = &mut t.rows[i];
        if r.side == Some(side) {
            continue;
        }
        r.side = Some(side);
        let n = if side == 0 { n_left } else { n_right };
        let count = r.values.iter().flatten().count();
        let mut vals: Vec<Option<Amount>> = r.values.iter().flatten().map(|a| Some(*a)).collect();
        vals.resize(n.max(count), None);
        r.ambiguous = r.ambiguous || (count != n && count > 1);
        r.values = vals;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Row, Side, TableState};

    fn row(label: &str, v: &str, line: usize, side: usize) -> Row {
        Row {
            code: None,
            label: label.into(),
            line,
            values: vec![Some(Amount::new(v.parse().unwrap()))],
            side: Some(side),
            row_number: None,
            ambiguous: false,
            texts: vec![],
            page: None,
        }
    }

    fn table(rows: Vec<Row>) -> Table {
        Table {
            id: "t1".into(),
            kind: "budget.summary".into(),
            title: "收支总表".into(),
            number: None,
            unit: None,
            lines: [1, 20],
            columns: vec![],
            value_columns: vec![],
            sides: vec![
                Side {
                    name: "收入".into(),
                    value_columns: vec!["预算数".into()],
                },
                Side {
                    name: "支出".into(),
                    value_columns: vec!["预算数".into()],
                },
            ],
            rows,
            state: TableState::Data,
            notes: vec![],
            pages: 1,
            department: None,
        }
    }

    #[test]
    fn lone_expenditure_lines_go_right() {
        let mut t = table(vec![
            row("财政拨款", "100.00", 2, 0),
            row("一、一般公共服务支出", "60.00", 2, 1),
            row("1.一般公共预算拨款", "100.00", 3, 0),
            row("行政运行", "60.00", 3, 1),
            row("二、教育支出", "40.00", 4, 0),
            row("培训支出", "40.00", 5, 0),
            row("本年收入合计", "100.00", 6, 0),
            row("本年支出合计", "100.00", 6, 1),
        ]);
        settle(&mut t);
        assert_eq!(t.rows[4].side, Some(1));
        assert_eq!(t.rows[5].side, Some(1));
        assert_eq!(t.rows[2].side, Some(0));
    }

    #[test]
    fn run_together_labels_are_split() {
        assert_eq!(
            split_joined("政府性基金预算行政运行"),
            Some(("政府性基金预算".into(), "行政运行".into()))
        );
        assert_eq!(
            split_joined("三、国有资本经营预算财政拨款收入三、国防支出"),
            Some((
                "三、国有资本经营预算财政拨款收入".into(),
                "三、国防支出".into()
            ))
        );
        assert_eq!(split_joined("一般公共预算财政拨款"), None);
        assert_eq!(split_joined("一、财政拨款收入"), None);
        assert_eq!(split_joined("其他收入"), None);
        assert_eq!(
            split_joined("一般公共预算行政运行"),
            Some(("一般公共预算".into(), "行政运行".into()))
        );
        assert_eq!(split_joined("二十一、国有资本经营预算支出"), None);
    }

    #[test]
    fn classes_without_numbers_make_the_sum() {
        let lines = [
            ("一般公共服务支出", Some(Decimal::new(60, 0))),
            ("财政事务", Some(Decimal::new(60, 0))),
            ("其他支出", Some(Decimal::new(40, 0))),
            ("其他支出", Some(Decimal::new(40, 0))),
        ];
        assert!(half_holds(Decimal::new(100, 0), &lines));
    }

    #[test]
    fn a_table_that_adds_up_as_read_is_left_alone() {
        let rows = vec![
            row("一、财政拨款", "100.00", 2, 0),
            row("一、一般公共服务支出", "100.00", 2, 1),
            row("二、其他收入", "0.00", 3, 0),
            row("本年收入合计", "100.00", 4, 0),
            row("本年支出合计", "100.00", 4, 1),
        ];
        let mut t = table(rows.clone());
        settle(&mut t);
        assert_eq!(t.rows, rows);
    }
}
