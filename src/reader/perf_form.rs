//! The performance self-evaluation forms (部门整体支出绩效自评表, 项目支出绩效自评表,
//! 绩效目标完成情况表): their money block, their fund rows and their scores,
//! read from the lines themselves.
//!
//! The table reader sees these forms as `unknown` tables: their "header" is a
//! block of label / value pairs (`部门调整预算收入 | 9368.62 | 部门年初预算收入 |
//! 9543.38`), often OCR text with garbled labels. Here a value is taken only
//! where the cell before it is a label we know; a garbled label leaves its value
//! unread rather than guessed.
//!
//! Read:
//! - label / value pairs: 调整预算 (全年预算数), 年初预算, 实际支出 (执行数),
//!   预算完成率 (执行率), 年度预算调整数, 预算调整率;
//! - a project form's fund row (`总额 | 43.13 | 43.13 | 20 | 100% | 20` under a
//!   header naming 预算数 … 完成率): budget, actual, weight, rate, score;
//! - the indicator rows under a `分值 | 得分` header, the cells at those
//!   positions counted from the right (the trailing 偏差原因 column keeps them
//!   in place), and the 总分 row;
//! - the `任务涉及资金` column of a department form's task rows.

use super::normalize::Line;
use super::numbers::{parse_cell, CellValue};
use crate::model::Amount;
use crate::text::Has;

/// What a labelled figure of the money block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerfKey {
    /// 调整预算数 / 部门调整预算收入 / 全年预算数.
    Adjusted,
    /// 年初预算数 / 部门年初预算收入.
    Initial,
    /// 实际支出数 / 全年执行数.
    Actual,
    /// 预算完成率 / 预算执行率.
    Rate,
    /// 年度预算调整数.
    AdjustAmount,
    /// 预算调整率.
    AdjustRate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PerfField {
    pub key: PerfKey,
    /// The label as printed.
    pub label: String,
    pub value: Amount,
    pub line: usize,
}

/// One scored row: 分值 and 得分.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub label: String,
    pub weight: Option<Amount>,
    pub score: Option<Amount>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PerfForm {
    pub title: String,
    pub title_line: usize,
    /// The labelled figures, in order (a form may print two money blocks).
    pub fields: Vec<PerfField>,
    /// Fund rows of a project form (`总额`, `其中：财政拨款`): the first is the total.
    pub fund_rows: Vec<FundRow>,
    /// Indicator rows (分值 / 得分), and the funds row's own weight first when
    /// the project form scores it.
    pub scores: Vec<ScoreRow>,
    /// The 总分 row: (line, 分值, 得分).
    pub total_score: Option<ScoreRow>,
    /// 任务涉及资金 of each task row, and the total the form prints (if any).
    pub task_funds: Vec<(usize, Amount)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FundRow {
    pub label: String,
    pub line: usize,
    pub budget: Amount,
    pub actual: Amount,
    pub weight: Option<Amount>,
    pub rate: Option<Amount>,
    pub score: Option<Amount>,
}

fn key_of(label: &str) -> Option<PerfKey> {
    let l = crate::text::compact(label);
    let l = l.trim_end_matches([':', '：']);
    if l.chars().count() > 16 {
        return None;
    }
    if l.ends_with("预算调整率") {
        return Some(PerfKey::AdjustRate);
    }
    if l.has("预算调整数") {
        return Some(PerfKey::AdjustAmount);
    }
    if l.ends_with("预算完成率") || l.ends_with("预算执行率") || l == "执行率" {
        return Some(PerfKey::Rate);
    }
    if l.ends_with('率') {
        return None;
    }
    if l.has("年初预算") {
        return Some(PerfKey::Initial);
    }
    if l.has("调整预算") || l.has("调整后预算") || l.has("全年预算数") {
        return Some(PerfKey::Adjusted);
    }
    if l.has("实际支出") || l.has("全年执行数") || l == "执行数" {
        return Some(PerfKey::Actual);
    }
    None
}

fn is_form_title(t: &str) -> bool {
    // Asked of every line: most hold no 绩 at all.
    if !t.has_char('绩') {
        return false;
    }
    let c = crate::text::compact(t);
    c.chars().count() <= 40
        && !c.has_char('。')
        && (c.has("绩效自评表") || c.has("绩效自评情况表") || c.has("绩效目标完成情况表"))
}

fn ends_form(t: &str) -> bool {
    // Asked of every line of a form: `第…部分` holds a 第, `名词解释` a 释.
    if !crate::text::has_any(t, &['第', '释']) {
        return false;
    }
    let c = crate::text::compact(t);
    (c.starts_with('第') && c.has("部分") && c.chars().count() < 30) || c.ends_with("名词解释")
}

fn cells(t: &str) -> Vec<String> {
    if t.contains('\t') {
        t.split('\t').map(|c| c.trim().to_string()).collect()
    } else {
        t.split("  ")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    }
}

fn number(c: &str) -> Option<Amount> {
    match parse_cell(c) {
        CellValue::Number(a) => Some(a),
        _ => None,
    }
}

/// Every self-evaluation form in the text.
pub fn read(lines: &[Line]) -> Vec<PerfForm> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !(lines[i].is_text() && is_form_title(&lines[i].text)) {
            i += 1;
            continue;
        }
        let mut form = PerfForm {
            title: crate::text::compact(&lines[i].text),
            title_line: lines[i].no,
            fields: Vec::new(),
            fund_rows: Vec::new(),
            scores: Vec::new(),
            total_score: None,
            task_funds: Vec::new(),
        };
        let mut j = i + 1;
        // Column positions of 分值 / 得分 in the indicator header, from the left and
        // from the right (a page break can drop a row's trailing blank cells).
        let mut score_cols: Option<(usize, usize, usize, usize)> = None;
        let mut fund_header = false;
        let mut task_col: Option<usize> = None;
        while j < lines.len() && j < i + 400 {
            let l = &lines[j];
            if l.is_text() && (is_form_title(&l.text) || ends_form(&l.text)) {
                break;
            }
            j += 1;
            if !l.is_text() {
                continue;
            }
            let cs = cells(&l.text);
            let compact: Vec<String> = cs.iter().map(|c| crate::text::compact(c)).collect();
            // Label / value pairs.
            for (k, c) in compact.iter().enumerate() {
                let Some(key) = key_of(c) else { continue };
                let Some(next) = compact[k + 1..].iter().find(|x| !x.is_empty()) else {
                    continue;
                };
                let Some(v) = number(next) else { continue };
                let pct = matches!(key, PerfKey::Rate | PerfKey::AdjustRate);
                if v.percent == pct {
                    form.fields.push(PerfField {
                        key,
                        label: c.clone(),
                        value: v,
                        line: l.no,
                    });
                }
            }
            let first = compact
                .iter()
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            // A project form's fund header and rows.
            if compact.iter().any(|c| c.has("预算数"))
                && compact
                    .iter()
                    .any(|c| c.has("分值") || c.has("预算完成") || c.has("执行率"))
            {
                fund_header = true;
                continue;
            }
            if fund_header
                && (first == "总额"
                    || first.starts_with("其中")
                    || first.starts_with("财政拨款")
                    || first.starts_with("非财政拨款")
                    || first == "合计")
            {
                let nums: Vec<Amount> = compact.iter().filter_map(|c| number(c)).collect();
                let pct = nums.iter().position(|a| a.percent);
                let money: Vec<Amount> = nums[..pct.unwrap_or(nums.len())].to_vec();
                if money.len() >= 2 {
                    form.fund_rows.push(FundRow {
                        label: first.clone(),
                        line: l.no,
                        budget: money[0],
                        actual: money[1],
                        weight: money.get(2).copied(),
                        rate: pct.map(|p| nums[p]),
                        score: pct.and_then(|p| nums.get(p + 1).copied()),
                    });
                }
                continue;
            }
            // The indicator header (分值 … 得分).
            let wpos = compact.iter().position(|c| c == "分值");
            let spos = compact.iter().position(|c| c == "得分");
            if let (Some(w), Some(s)) = (wpos, spos) {
                if s > w && !compact.iter().any(|c| c.has("预算数")) {
                    score_cols = Some((w, s, cs.len() - w, cs.len() - s));
                    fund_header = false;
                    continue;
                }
            }
            if first == "总分" || first == "合计" && score_cols.is_some() {
                let nums: Vec<Amount> = compact.iter().filter_map(|c| number(c)).collect();
                if !nums.is_empty() {
                    form.total_score = Some(ScoreRow {
                        label: first.clone(),
                        weight: nums.first().copied(),
                        score: nums.get(1).copied(),
                        line: l.no,
                    });
                }
                score_cols = None;
                continue;
            }
            if let Some((wl, sl, wr, sr)) = score_cols {
                let at = |i: usize| compact.get(i).and_then(|c| number(c));
                let left = (at(wl), at(sl), wl);
                let right = if cs.len() >= wr {
                    (at(cs.len() - wr), at(cs.len() - sr), cs.len() - wr)
                } else {
                    (None, None, 0)
                };
                let pick = match (left, right) {
                    ((Some(w), Some(s), p), _) => Some((w, s, p)),
                    (_, (Some(w), Some(s), p)) => Some((w, s, p)),
                    _ => None,
                };
                {
                    if let Some((w, s, wpos)) = pick {
                        if !w.percent && !s.percent {
                            let label = compact[..wpos]
                                .iter()
                                .rev()
                                .find(|c| !c.is_empty() && number(c).is_none())
                                .cloned()
                                .unwrap_or_default();
                            form.scores.push(ScoreRow {
                                label,
                                weight: Some(w),
                                score: Some(s),
                                line: l.no,
                            });
                        }
                    }
                }
                continue;
            }
            // 任务涉及资金: the last column of the department form's task rows.
            if let Some(p) = compact
                .iter()
                .position(|c| c.has("任务涉及") || c == "涉及资金")
            {
                task_col = Some(cs.len() - p);
                continue;
            }
            if let Some(r) = task_col {
                if cs.len() >= r {
                    if let Some(v) = number(&compact[cs.len() - r]) {
                        if !v.percent {
                            form.task_funds.push((l.no, v));
                        }
                    }
                }
            }
        }
        if !form.fields.is_empty() || !form.fund_rows.is_empty() || !form.scores.is_empty() {
            out.push(form);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_form_money_block_is_read_and_garbled_labels_are_not() {
        let text = include_str!("../../tests/fixtures/perf/tianhe-zwsjj-2021-perf-selfeval.txt");
        let forms = read(&super::super::normalize::normalize(text));
        assert_eq!(forms.len(), 1);
        let f = &forms[0];
        let got: Vec<(PerfKey, String, usize)> = f
            .fields
            .iter()
            .map(|x| (x.key, x.value.value.to_string(), x.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (PerfKey::Adjusted, "9368.62".into(), 6),
                (PerfKey::Initial, "9543.38".into(), 6),
                (PerfKey::Actual, "9100.04".into(), 7),
                (PerfKey::Rate, "97.10".into(), 9),
                (PerfKey::AdjustRate, "1.83".into(), 9),
            ]
        );
        let funds: Vec<String> = f
            .task_funds
            .iter()
            .map(|(_, a)| a.value.to_string())
            .collect();
        assert_eq!(funds, vec!["463.41", "88.77"]);
    }
}
