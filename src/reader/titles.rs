//! Recognise a table title by its meaning, whatever the numbering and quotes.
//!
//! `表1`, `公开01表`, `一、`, `4．`, `表 1：`, `Z01`, `(财决01表)`, quotes in any
//! style or none, an optional `一般公共预算` / `财政拨款` prefix: all of it is
//! stripped or tolerated before the words are matched.

use crate::text::Has;
/// A recognised title.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleMatch {
    /// Kind id from REPORT-FORMAT.md, or `unknown`.
    pub kind: &'static str,
    /// The title without its numbering, as printed (report's characters).
    pub title: String,
    /// The numbering as printed (`表1`, `公开07表`), when on the title line.
    pub number: Option<String>,
}

/// Every standard kind with its canonical title, final accounts first.
pub const KINDS: &[(&str, &str)] = &[
    ("final.income_expenditure_summary", "收入支出决算总表"),
    ("final.income", "收入决算表"),
    ("final.expenditure", "支出决算表"),
    ("final.fiscal_summary", "财政拨款收入支出决算总表"),
    (
        "final.general_budget_expenditure",
        "一般公共预算财政拨款支出决算表",
    ),
    (
        "final.general_budget_basic_expenditure",
        "一般公共预算财政拨款基本支出决算表",
    ),
    ("final.sangong", "一般公共预算财政拨款“三公”经费支出决算表"),
    ("final.gov_fund", "政府性基金预算财政拨款收入支出决算表"),
    ("final.state_capital", "国有资本经营预算财政拨款支出决算表"),
    ("final.non_tax_revenue", "非税收入征缴情况表"),
    ("budget.summary", "收支总体情况表"),
    ("budget.income", "收入总体情况表"),
    ("budget.expenditure", "支出总体情况表"),
    ("budget.fiscal_summary", "财政拨款收支总体情况表"),
    (
        "budget.general_budget_by_function",
        "一般公共预算支出情况表（按功能分类科目）",
    ),
    (
        "budget.general_budget_basic_by_economic",
        "一般公共预算基本支出情况表（按经济分类科目）",
    ),
    (
        "budget.general_budget_project_by_economic",
        "一般公共预算项目支出情况表（按经济分类科目）",
    ),
    ("budget.sangong", "财政拨款安排的行政经费及“三公”经费预算表"),
    ("budget.gov_fund", "政府性基金预算支出情况表"),
    ("budget.state_capital", "国有资本经营预算支出情况表"),
    ("budget.basic_by_unit", "部门预算基本支出预算表"),
    ("budget.project_by_unit", "部门预算项目支出及其他支出预算表"),
];

pub fn canonical_title(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Characters that carry no meaning for matching: spaces, quotes, brackets' styles.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”'
                        | '"'
                        | '\''
                        | '‘'
                        | '’'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '〝'
                        | '〞'
                        | '＂'
                )
        })
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            _ => c,
        })
        .collect()
}

/// Split the numbering off a title line: returns (number as printed, rest).
pub fn strip_numbering(line: &str) -> (Option<String>, String) {
    let mut s = line
        .trim()
        .trim_start_matches(['-', '•', '·', '*', '#'])
        .trim()
        .to_string();
    let mut number: Option<String> = None;
    // `公开 07 表`, `公开07表` at either end; `表 1`, `表1：`, `表 1.` at the start.
    for _ in 0..3 {
        if let Some((num, rest)) = take_number_prefix(&s) {
            number.get_or_insert(num);
            s = rest;
            continue;
        }
        if let Some((rest, num)) = take_number_suffix(&s) {
            number.get_or_insert(num);
            s = rest;
            continue;
        }
        break;
    }
    (number, s.trim().to_string())
}

fn take_number_prefix(s: &str) -> Option<(String, String)> {
    let t = s.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let mut i;
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > st
    };
    let rest_from = |i: usize| -> String {
        chars[i..]
            .iter()
            .collect::<String>()
            .trim_start_matches(['：', ':', '.', '．', '、', ' ', '　'])
            .trim()
            .to_string()
    };
    let printed = |i: usize| -> String { chars[..i].iter().collect::<String>().trim().to_string() };
    // 公开 07 表 / 公开07表
    if t.starts_with("公开") {
        i = 2;
        skip_ws(&mut i);
        if digits(&mut i) {
            skip_ws(&mut i);
            if i < chars.len() && chars[i] == '表' {
                i += 1;
                return Some((printed(i), rest_from(i)));
            }
        }
        return None;
    }
    // 表 1 / 表1： / 表 1. / 附表1
    let st = if t.starts_with("附表") {
        2
    } else if t.starts_with('表') {
        1
    } else {
        usize::MAX
    };
    if st != usize::MAX {
        i = st;
        skip_ws(&mut i);
        let d0 = i;
        if digits(&mut i) || {
            // 表一
            let mut j = i;
            while j < chars.len() && crate::text::is_cn_digit(chars[j]) {
                j += 1;
            }
            let ok = j > d0;
            i = j;
            ok
        } {
            // `表1-1`
            if i < chars.len() && (chars[i] == '-' || chars[i] == '－') {
                let mut j = i + 1;
                if digits(&mut j) {
                    i = j;
                }
            }
            let p = printed(i);
            return Some((p, rest_from(i)));
        }
        return None;
    }
    // Z01 / C07 / Z01-1
    if !chars.is_empty() && chars[0].is_ascii_uppercase() {
        i = 1;
        if digits(&mut i) {
            let p = printed(i);
            if i < chars.len() && (chars[i].is_whitespace() || !chars[i].is_ascii()) {
                return Some((p, rest_from(i)));
            }
        }
        return None;
    }
    // 一、 / （一） / 4． / 4. / 4、 / 1 (followed by space)
    i = 0;
    while i < chars.len() && crate::text::is_cn_digit(chars[i]) {
        i += 1;
    }
    if i > 0 && i < chars.len() && chars[i] == '、' {
        return Some((
            printed(i + 1).trim_end_matches('、').to_string(),
            rest_from(i + 1),
        ));
    }
    i = 0;
    if digits(&mut i) && i < chars.len() && matches!(chars[i], '.' | '．' | '、' | '：' | ':') {
        // not a decimal number
        if i + 1 < chars.len() && !chars[i + 1].is_ascii_digit() {
            return Some((printed(i), rest_from(i + 1)));
        }
    }
    None
}

fn take_number_suffix(s: &str) -> Option<(String, String)> {
    let t = s.trim_end();
    // (财决01表) / （公开07表） / 公开07表
    for (open, close) in [('(', ')'), ('（', '）')] {
        if t.ends_with(close) {
            if let Some(p) = t.rfind(open) {
                let inner = &t[p + open.len_utf8()..t.len() - close.len_utf8()];
                let ci = crate::text::compact(inner);
                if ci.ends_with('表') && ci.chars().any(|c| c.is_ascii_digit()) {
                    return Some((t[..p].trim().to_string(), ci));
                }
            }
        }
    }
    let c: Vec<char> = t.chars().collect();
    if c.len() > 4 && c[c.len() - 1] == '表' {
        // …公开 07 表
        let mut j = c.len() - 1;
        while j > 0 && (c[j - 1].is_ascii_digit() || c[j - 1] == ' ') {
            j -= 1;
        }
        if j >= 2 && c[j - 2] == '公' && c[j - 1] == '开' && j < c.len() - 1 {
            let num: String = c[j - 2..].iter().collect();
            let rest: String = c[..j - 2].iter().collect();
            if num.chars().any(|ch| ch.is_ascii_digit()) {
                return Some((rest.trim().to_string(), num));
            }
        }
    }
    None
}

/// Classify a title (numbering already stripped). `None` when it is no table title.
pub fn classify_title(title: &str) -> Option<&'static str> {
    let k = key(title);
    if k.is_empty() || k.chars().count() > 70 {
        return None;
    }
    // Narrative headings and sentences are not titles.
    if k.has_char('。')
        || k.has("说明")
        || k.has("，")
        || k.has("详见")
        || k.has("如下")
        || k.has("见附")
    {
        return None;
    }
    // Strip a trailing `（按功能分类科目）`-like qualifier and `单位：…`.
    let core = strip_trailing_qualifiers(&k);
    if !core.ends_with('表') {
        return None;
    }
    // Part headings (`第二部分 2024年部门预算表`) and the report's own name.
    if core.starts_with('第') && core.has("部分") {
        return None;
    }
    let bare: String = core
        .chars()
        .skip_while(|c| c.is_ascii_digit() || *c == '年')
        .collect();
    if bare.ends_with("部门决算表")
        || bare.ends_with("部门预算表")
        || bare == "决算表"
        || bare == "预算表"
    {
        if !bare.has("收") && !bare.has("支") {
            return None;
        }
    }
    let has = |s: &str| core.has(s);
    // 机关运行经费 tables list 302 items of the 经济分类, and a 一般公共预算 table
    // `（按经济分类）` that is neither the basic nor the project one has no standard
    // kind: neither is the 一般公共预算 (功能分类) expenditure table, whose totals the
    // cross-checks compare.
    let economic_general =
        has("机关运行经费") || (k.has("经济分类") && !has("基本支出") && !has("项目支出"));
    let decision = if has("三公") {
        if has("决算") || has("执行") || has("统计") || has("汇总") {
            "final.sangong"
        } else if has("预算") {
            "budget.sangong"
        } else {
            "final.sangong"
        }
    } else if has("非税收入") {
        "final.non_tax_revenue"
    } else if has("决算") {
        // Since 2022 many templates drop 总 from the two summaries
        // (`收入支出决算表`, `财政拨款收入支出决算表`); the one-fund tables name
        // their fund, so a 财政拨款 title without one is the fiscal summary.
        let names_fund = has("一般公共预算") || has("政府性基金") || has("国有资本经营");
        if has("财政拨款收入支出决算总表")
            || (has("财政拨款") && has("总表"))
            || (has("财政拨款收入支出决算") && !names_fund)
        {
            "final.fiscal_summary"
        } else if has("收入支出决算总表")
            || has("收支决算总表")
            || (has("收入支出决算表") && !names_fund && !has("财政拨款"))
        {
            "final.income_expenditure_summary"
        } else if has("政府性基金") {
            "final.gov_fund"
        } else if has("国有资本经营") {
            "final.state_capital"
        } else if has("基本支出") {
            "final.general_budget_basic_expenditure"
        } else if has("项目支出") {
            // `一般公共预算财政拨款项目支出决算表`: no standard kind of its own,
            // and never the 一般公共预算 expenditure table it would duplicate.
            "unknown"
        } else if economic_general {
            "unknown"
        } else if has("一般公共预算") && has("支出") {
            "final.general_budget_expenditure"
        } else if has("收入决算表") || has("收入决算总表") {
            "final.income"
        } else if has("支出决算表") || has("支出决算总表") {
            "final.expenditure"
        } else {
            "unknown"
        }
    } else if has("预算")
        || has("情况表")
        || has("总表")
        || has("收支")
        || core.ends_with("支出表")
        || core.ends_with("收入表")
    {
        if has("绩效") {
            "unknown"
        } else if has("财政拨款") && (has("收支总") || has("收支预算总") || has("收支总体"))
        {
            "budget.fiscal_summary"
        } else if has("政府性基金") {
            "budget.gov_fund"
        } else if has("国有资本经营") {
            "budget.state_capital"
        } else if has("一般公共预算") && has("基本支出") {
            "budget.general_budget_basic_by_economic"
        } else if has("一般公共预算") && has("项目支出") {
            "budget.general_budget_project_by_economic"
        } else if economic_general {
            "unknown"
        } else if has("一般公共预算") && has("支出") {
            "budget.general_budget_by_function"
        } else if has("基本支出") {
            "budget.basic_by_unit"
        } else if has("项目支出") {
            "budget.project_by_unit"
        } else if has("收支总体") || has("收支总表") || has("收支预算总表") || has("财务收支")
        {
            "budget.summary"
        } else if has("收入总体") || has("收入预算表") || has("收入总表") || has("收入预算总表")
        {
            "budget.income"
        } else if has("支出总体") || has("支出预算表") || has("支出总表") || has("支出预算总表")
        {
            "budget.expenditure"
        } else {
            "unknown"
        }
    } else if has("绩效")
        || core.ends_with("情况表")
        || core.ends_with("明细表")
        || core.ends_with("统计表")
        || core.ends_with("评价表")
        || core.ends_with("自评表")
    {
        "unknown"
    } else {
        return None;
    };
    Some(decision)
}

fn strip_trailing_qualifiers(k: &str) -> String {
    let mut s = k.to_string();
    if let Some(p) = s.find("单位：") {
        s.truncate(p);
    }
    if let Some(p) = s.find("金额单位") {
        s.truncate(p);
    }
    loop {
        let t = s.trim_end_matches(['：', ':']).to_string();
        if t.ends_with('）') {
            if let Some(p) = t.rfind('（') {
                s = t[..p].to_string();
                continue;
            }
        }
        s = t;
        break;
    }
    s
}

/// Recognise a whole title line. `None` when the line is no table title.
pub fn match_title_line(line: &str) -> Option<TitleMatch> {
    let t = line.trim();
    // Every title names a 表 (`…决算表`, `…情况表 单位：万元`, `(财决01表)`): most
    // lines are ruled out here, before any allocation.
    if !t.has_char('表') {
        return None;
    }
    if t.is_empty()
        || t.contains('\t') && t.split('\t').filter(|c| !c.trim().is_empty()).count() > 1
    {
        return None;
    }
    if t.chars().count() > 80 {
        return None;
    }
    // A title copied out of an HTML table: its one cell between pipes
    // (`…统计表 | ||`, `| 收入决算表 | | |`).
    let t = if t.contains('|') {
        let mut cells = t.split('|').map(str::trim).filter(|c| !c.is_empty());
        match (cells.next(), cells.next()) {
            (Some(only), None) => only,
            _ => return None,
        }
    } else {
        t
    };
    // A table-of-contents entry is not a title (`- 七、…表`, `…表……12`).
    if t.has("……") || t.has("....") || t.has("···") {
        return None;
    }
    let (number, rest) = strip_numbering(t);
    // `收入支出决算总表 单位：万元` on one line.
    let rest_title = match rest.find("单位：").or_else(|| rest.find("单位:")) {
        Some(p) if p > 0 => rest[..p]
            .trim()
            .trim_end_matches(['部', '门'])
            .trim()
            .to_string(),
        _ => rest.clone(),
    };
    let kind = classify_title(&rest_title)?;
    Some(TitleMatch {
        kind,
        title: rest_title.trim().to_string(),
        number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    fn kind(s: &str) -> Option<&'static str> {
        match_title_line(s).map(|m| m.kind)
    }
    #[test]
    fn final_titles_with_numbering_and_quotes() {
        assert_eq!(
            kind("一般公共预算财政拨款“三公”经费支出决算表"),
            Some("final.sangong")
        );
        assert_eq!(
            kind("财政拨款\"三公\"经费支出决算表"),
            Some("final.sangong")
        );
        assert_eq!(kind("财政拨款 三公 经费支出决算表"), Some("final.sangong"));
        assert_eq!(
            kind("表 1：收入支出决算总表"),
            Some("final.income_expenditure_summary")
        );
        assert_eq!(
            kind("4．财政拨款收入支出决算总表"),
            Some("final.fiscal_summary")
        );
        assert_eq!(kind("公开 07 表"), None);
        assert_eq!(kind(" 收入决算表"), Some("final.income"));
        assert_eq!(
            kind("Z01 收入支出决算总表(财决01表)"),
            Some("final.income_expenditure_summary")
        );
        assert_eq!(
            kind("一般公共预算财政拨款基本支出决算表"),
            Some("final.general_budget_basic_expenditure")
        );
        assert_eq!(kind("支出决算表"), Some("final.expenditure"));
        assert_eq!(
            kind("政府性基金预算财政拨款收入支出决算表"),
            Some("final.gov_fund")
        );
        assert_eq!(kind("非税收入征缴情况表"), Some("final.non_tax_revenue"));
        assert_eq!(
            kind("部门“三公”经费和机关运行经费预算表"),
            Some("budget.sangong")
        );
        assert_eq!(kind("…“三公”经费情况统计表"), Some("final.sangong"));
        assert_eq!(
            kind("2015年某某局部门“三公”经费情况统计表 | ||"),
            Some("final.sangong")
        );
        assert_eq!(kind("| 收入决算表 | | |"), Some("final.income"));
        assert_eq!(kind("| 收入决算表 | 单位：万元 |"), None);
    }
    #[test]
    fn titles_of_the_2022_templates_and_other_provinces() {
        assert_eq!(
            kind("收入支出决算表"),
            Some("final.income_expenditure_summary")
        );
        assert_eq!(
            kind("公开01表 收入支出决算表"),
            Some("final.income_expenditure_summary")
        );
        assert_eq!(kind("财政拨款收入支出决算表"), Some("final.fiscal_summary"));
        assert_eq!(kind("二、收入决算总表"), Some("final.income"));
        assert_eq!(kind("三、支出决算总表"), Some("final.expenditure"));
        assert_eq!(
            kind("一般公共预算财政拨款收入支出决算表"),
            Some("final.general_budget_expenditure")
        );
        assert_eq!(
            kind("一般公共预算财政拨款基本支出决算明细表"),
            Some("final.general_budget_basic_expenditure")
        );
        assert_eq!(kind("一般公共预算财政拨款项目支出决算表"), Some("unknown"));
        assert_eq!(
            kind("国有资本经营预算财政拨款收入支出决算表"),
            Some("final.state_capital")
        );
        assert_eq!(kind("财政拨款支出决算明细表"), Some("unknown"));
    }
    #[test]
    fn titles_of_the_central_budget_template() {
        assert_eq!(kind("部门收支总表"), Some("budget.summary"));
        assert_eq!(kind("部门收入总表"), Some("budget.income"));
        assert_eq!(kind("部门支出总表"), Some("budget.expenditure"));
        assert_eq!(kind("财政拨款收支总表"), Some("budget.fiscal_summary"));
        assert_eq!(
            kind("一般公共预算支出表"),
            Some("budget.general_budget_by_function")
        );
        assert_eq!(
            kind("一般公共预算基本支出表"),
            Some("budget.general_budget_basic_by_economic")
        );
        assert_eq!(kind("一般公共预算“三公”经费支出表"), Some("budget.sangong"));
        assert_eq!(kind("政府性基金预算支出表"), Some("budget.gov_fund"));
        assert_eq!(kind("国有资本经营预算支出表"), Some("budget.state_capital"));
        assert_eq!(kind("项目支出表"), Some("budget.project_by_unit"));
        // Before 2019: …预算表 / …预算总表.
        assert_eq!(kind("收支预算总表"), Some("budget.summary"));
        assert_eq!(kind("收入预算总表"), Some("budget.income"));
        assert_eq!(kind("支出预算总表"), Some("budget.expenditure"));
        assert_eq!(kind("财政拨款收支预算总表"), Some("budget.fiscal_summary"));
        assert_eq!(
            kind("表五 一般公共预算支出预算表"),
            Some("budget.general_budget_by_function")
        );
        assert_eq!(
            kind("一般公共预算基本支出预算表"),
            Some("budget.general_budget_basic_by_economic")
        );
    }
    #[test]
    fn economic_tables_are_not_the_functional_one() {
        assert_eq!(kind("一般公共预算支出表（按经济分类）"), Some("unknown"));
        assert_eq!(
            kind("一般公共预算支出表（按功能分类）"),
            Some("budget.general_budget_by_function")
        );
        assert_eq!(kind("一般公共预算机关运行经费支出预算表"), Some("unknown"));
        assert_eq!(
            kind("一般公共预算财政拨款机关运行经费支出决算表"),
            Some("unknown")
        );
        assert_eq!(
            kind("一般公共预算基本支出表（按经济分类）"),
            Some("budget.general_budget_basic_by_economic")
        );
        assert_eq!(
            kind("部门“三公”经费和机关运行经费预算表"),
            Some("budget.sangong")
        );
    }
    #[test]
    fn budget_titles() {
        assert_eq!(kind("收支总体情况表"), Some("budget.summary"));
        assert_eq!(
            kind("财政拨款收支总体情况表"),
            Some("budget.fiscal_summary")
        );
        assert_eq!(
            kind("一般公共预算支出情况表（按功能分类科目）"),
            Some("budget.general_budget_by_function")
        );
        assert_eq!(
            kind("一般公共预算基本支出情况表（按经济分类科目）"),
            Some("budget.general_budget_basic_by_economic")
        );
        assert_eq!(
            kind("财政拨款安排的行政经费及“三公”经费预算表"),
            Some("budget.sangong")
        );
        assert_eq!(
            kind("部门预算项目支出及其他支出预算表"),
            Some("budget.project_by_unit")
        );
        assert_eq!(kind("部门预算基本支出预算表"), Some("budget.basic_by_unit"));
    }
    #[test]
    fn not_titles() {
        assert_eq!(
            kind("三、2020 年度一般公共预算财政拨款“三公”经费支出决算情况说明"),
            None
        );
        assert_eq!(kind("本表反映部门本年度“三公”经费支出预决算情况。"), None);
        assert_eq!(kind("第二部分 2024年部门预算表"), None);
    }
}
