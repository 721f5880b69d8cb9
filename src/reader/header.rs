//! Reading a table's header into column names.
//!
//! Two ways in, one result:
//! - tab-separated text keeps cell positions, so a multi-row header is merged
//!   column by column (a group cell such as `预算数` spans the empty cells to its
//!   right while the rows below name sub-columns);
//! - space-separated PDF text loses positions and wraps words (`本年支出合` /
//!   `计`), so the header's words are re-joined and read against a lexicon of the
//!   column names these reports use, longest match first; group headers are
//!   nested by meaning (`本年支出` over `小计 基本支出 项目支出`) and 三公 headers
//!   by their items (see [`sangong_columns`]).
//!
//! Column names of nested headers are paths joined with `/`.

use crate::text::compact;
use crate::text::Has;

/// What a column of the header is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    Code,
    Label,
    RowNumber,
    Value,
}

/// Label-ish header words (not value columns).
pub fn label_role(name: &str) -> Option<ColumnRole> {
    let c = compact(name);
    let last = c.rsplit('/').next().unwrap_or(&c).to_string();
    let l = last.as_str();
    if l == "行次" || l == "栏次" || l == "序号" {
        return Some(ColumnRole::RowNumber);
    }
    // `类 款 项` over a split code, also run together (`类款项`, `类款`).
    let code_levels = !l.is_empty() && l.chars().all(|c| matches!(c, '类' | '款' | '项'));
    if l.has("编码") || l.has("代码") || code_levels {
        return Some(ColumnRole::Code);
    }
    if l.has("名称")
        || l == "项目"
        || l.ends_with("科目")
        || l.has("项目类别")
        || l.has("经济科目")
        || l.has("功能科目")
        || l.has("单位名称")
        || l == "科目"
        || l == "指标"
        || l.starts_with("项目（")
        || c == "项目/科目名称"
    {
        return Some(ColumnRole::Label);
    }
    None
}

/// Value and label column names these reports print, for reading space-separated
/// headers. Order does not matter: the scan takes the longest match.
const LEXICON: &[&str] = &[
    // label columns
    "功能分类科目编码",
    "经济分类科目编码",
    "功能分类科目名称",
    "经济分类科目名称",
    "科目编码",
    "科目名称",
    "功能分类科目",
    "经济分类科目",
    "功能科目名称",
    "部门预算支出经济科目",
    "部门预算支出经济分类科目",
    "支出经济分类科目",
    "支出项目类别（资金使用单位）",
    "项目",
    "行次",
    "单位名称",
    "功能分类",
    "经济分类",
    // income / expenditure
    "本年收入合计",
    "本年支出合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    "事业单位经营支出",
    "事业单位经营收入",
    "用事业基金弥补收支差额",
    "使用非财政拨款结余",
    "结余分配",
    "结转下年",
    "年初结转和结余",
    "年末结转和结余",
    "本年收入",
    "本年支出",
    "合计",
    "小计",
    "总计",
    "金额",
    "决算数",
    "预算数",
    "预算",
    "决算",
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政拨款",
    "财政专户拨款",
    // budget templates
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "财政专户管理资金",
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
    "上年结转结余",
    "上年结转",
    "单位资金",
    "其他资金",
    "纳入预算管理",
    "纳入财政专户管理",
    "已缴国库",
    "已缴财政专户",
    "人员经费",
    "公用经费",
    "上年预算数",
    "本年预算数",
    "本年预算",
    "上年预算",
    "上年决算数",
    "本年决算数",
    "上年",
    "本年",
    "增减额",
    "增减幅度",
    "增减率",
    "增减",
    "调整预算数",
    "年初预算数",
    "全年预算数",
    "执行数",
    "实际支出",
    "完成率",
    // 三公
    "因公出国（境）费用",
    "因公出国（境）经费",
    "因公出国（境）费",
    "因公出国（境）支出",
    "因公出国(境)费用",
    "因公出国(境)费",
    "公务用车购置及运行维护费",
    "公务用车购置及运行费",
    "公务用车购置及运行维护支出",
    "公务用车费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务用车运行费",
    "公务用车购置",
    "公务用车运行",
    "车辆购置费",
    "车辆运行费",
    "购置费",
    "运行维护费",
    "运行费",
    "公务接待费",
    "公务接待费支出",
    "“三公”经费合计",
    "三公经费合计",
    "“三公”经费预算数",
    "机关运行经费",
    "会议费",
    "培训费",
];

/// The value columns of a standard table in their standard order
/// (REPORT-FORMAT.md), where the national template fixes them. Used only to
/// order names the header itself printed, never to invent them.
pub fn standard_value_columns(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "final.income" => &[
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        "final.expenditure" => &[
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        // The budget's income sources, in the order every template keeps them (a
        // unit prints some of them); used only without positions, as below.
        "budget.income" => &[
            "合计",
            "总计",
            "财政拨款收入",
            "财政专户管理资金收入",
            "事业收入",
            "事业单位经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        "final.general_budget_expenditure" | "final.state_capital" => {
            &["本年支出合计", "基本支出", "项目支出"]
        }
        "final.gov_fund" => &[
            "年初结转和结余",
            "本年收入",
            "本年支出/小计",
            "本年支出/基本支出",
            "本年支出/项目支出",
            "年末结转和结余",
        ],
        // Budget templates differ from place to place in their other columns, never
        // in these: the total (whichever word prints it) before 基本支出 before 项目支出.
        // (Used where the text kept no positions and the header prints no other name.)
        "budget.expenditure"
        | "budget.general_budget_by_function"
        | "budget.gov_fund"
        | "budget.state_capital" => &["合计", "总计", "小计", "基本支出", "项目支出"],
        _ => return None,
    })
}

/// Is `w` one of the column names these reports print?
pub fn is_known_column(w: &str) -> bool {
    // Called for every pair of header pieces: searched by halves.
    let c = compact(w);
    plain_lexicon()
        .binary_search_by(|x| x.as_str().cmp(c.as_str()))
        .is_ok()
}

/// The lexicon without its quotes (`“三公”经费` → `三公经费`), sorted: made once.
fn plain_lexicon() -> &'static [String] {
    static PLAIN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PLAIN.get_or_init(|| {
        let mut v: Vec<String> = LEXICON.iter().map(|x| x.replace(['“', '”'], "")).collect();
        crate::stable_sort::by(&mut v, |a, b| a.cmp(b));
        v
    })
}

/// Words that finish another column's name but also exist alone in the lexicon
/// (`…已缴国库` + `小计` is one column in 非税收入 tables).
fn merges_into_previous(prev: &str, word: &str) -> bool {
    (word == "小计" && (prev.has("纳入") || prev.has("已缴")))
        || (word.starts_with("已缴") && prev.starts_with("纳入"))
}

/// Scan compacted header text into known words, longest match first. Unknown
/// stretches are kept as their own word.
pub fn lexicon_words(header_text: &str) -> Vec<String> {
    let text: String = compact(header_text).replace(['“', '”', '"'], "");
    let chars: Vec<char> = text.chars().collect();
    // The plain lexicon as chars, grouped by first char: made once (made per call
    // it was a fifth of the header reading, and comparing every word at every
    // position most of the rest). Sorted words keep each group together.
    type ByFirstChar = Vec<(char, Vec<Vec<char>>)>;
    static LEX: std::sync::OnceLock<ByFirstChar> = std::sync::OnceLock::new();
    let lex = LEX.get_or_init(|| {
        let mut by_first: ByFirstChar = Vec::new();
        for w in plain_lexicon() {
            let w: Vec<char> = w.chars().collect();
            let Some(&first) = w.first() else { continue };
            match by_first.last_mut() {
                Some((c, words)) if *c == first => words.push(w),
                _ => by_first.push((first, vec![w])),
            }
        }
        by_first
    });
    let starting_with = |c: char| -> &[Vec<char>] {
        lex.binary_search_by_key(&c, |(f, _)| *f)
            .map_or(&[][..], |i| &lex[i].1[..])
    };
    let mut out: Vec<String> = Vec::new();
    let mut unknown = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut best: Option<usize> = None;
        for w in starting_with(chars[i]) {
            if w.len() <= chars.len() - i
                && chars[i..i + w.len()] == w[..]
                && best.is_none_or(|b| w.len() > b)
            {
                best = Some(w.len());
            }
        }
        match best {
            Some(n) => {
                if !unknown.is_empty() {
                    out.push(std::mem::take(&mut unknown));
                }
                let word: String = chars[i..i + n].iter().collect();
                if let Some(prev) = out.last_mut() {
                    if merges_into_previous(prev, &word) {
                        prev.push_str(&word);
                        i += n;
                        continue;
                    }
                }
                out.push(word);
                i += n;
            }
            None => {
                unknown.push(chars[i]);
                i += 1;
            }
        }
    }
    if !unknown.is_empty() {
        out.push(unknown);
    }
    // `2016年执行数 2017年预算数`: a year printed before a column name belongs to it.
    let mut k = 0;
    while k + 1 < out.len() {
        if is_year_prefix(&out[k]) && !is_year_prefix(&out[k + 1]) {
            let year = out.remove(k);
            out[k] = format!("{year}{}", out[k]);
        }
        k += 1;
    }
    // Drop leftovers that are only numbering or punctuation (`栏次`, `1`).
    out.retain(|w| {
        w.chars()
            .any(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && c != '（' && c != '）')
    });
    out
}

/// `2016年`, `2024年度`: a year alone, as printed before a column name.
fn is_year_prefix(w: &str) -> bool {
    let digits = w.chars().take_while(|c| c.is_ascii_digit()).count();
    digits == 4 && matches!(&w[4..], "年" | "年度")
}

/// The year a column name starts with (`2017年预算数` → 2017).
pub fn column_year(w: &str) -> Option<i32> {
    let c = compact(w);
    let p = c.find('年')?;
    let digits = &c[..p];
    let digits = digits.rsplit(|ch: char| !ch.is_ascii_digit()).next()?;
    (digits.len() == 4)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// Value-column names from lexicon words: label words dropped, a group word
/// that heads sub-columns (`本年支出` over `小计 基本支出 项目支出`) nested.
/// `expected` is the number of value columns the 栏次 row or the data show.
pub fn value_columns_from_words(words: &[String], expected: Option<usize>) -> Vec<String> {
    let mut vals: Vec<String> = words
        .iter()
        .filter(|w| {
            label_role(w).is_none() && !matches!(w.as_str(), "功能分类" | "经济分类" | "栏次")
        })
        .filter(|w| !(w.len() <= 6 && w.chars().all(|c| c.is_ascii_digit() || c == ' ')))
        .cloned()
        .collect();
    let Some(n) = expected else { return vals };
    // Nest groups while there are more words than columns.
    let mut guard = 0;
    while vals.len() > n && guard < 4 {
        guard += 1;
        // Sub-columns start at a 小计 that follows at least one other word.
        let Some(s) = vals.iter().skip(1).position(|w| w == "小计").map(|p| p + 1) else {
            break;
        };
        // The sub-columns: 小计 and the words after it until the end (row-major
        // header text puts the second header row last).
        let extra = vals.len() - n; // parents to remove
        if extra != 1 {
            break;
        }
        let children: Vec<String> = vals[s..].to_vec();
        let last_tail: String = children
            .last()
            .map(|c| {
                c.chars()
                    .rev()
                    .take(2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect()
            })
            .unwrap_or_default();
        let parent = (0..s)
            .rev()
            .find(|&i| vals[i].ends_with(&last_tail))
            .or_else(|| (0..s).find(|&i| !vals[i].has("合计")));
        let Some(p) = parent else { break };
        let pname = vals[p].clone();
        let mut next: Vec<String> = Vec::new();
        for (i, v) in vals[..s].iter().enumerate() {
            if i == p {
                for c in &children {
                    next.push(format!("{pname}/{c}"));
                }
            } else {
                next.push(v.clone());
            }
        }
        vals = next;
    }
    // `项目 收入预算` over the columns, the heading read as `收入` + `预算`: the
    // pieces of a heading are no columns where dropping them leaves as many
    // names as columns.
    if vals.len() > n {
        let piece = |w: &String| matches!(compact(w).as_str(), "收入" | "支出" | "预算" | "决算");
        if vals.iter().filter(|w| !piece(w)).count() == n {
            vals.retain(|w| !piece(w));
        }
    }
    if vals.len() == n + 1 {
        if let Some(nested) = basic_split_in_two(&vals) {
            vals = nested;
        }
    }
    if vals.len() > n {
        if let Some(run) = columns_under_group(&vals, n) {
            vals = run;
        }
    }
    vals
}

/// `合计 基本支出 项目支出` over `人员经费 公用经费` (row-major text prints the
/// second header row last): 基本支出 is the group of the two, one column fewer than
/// the words — `合计, 基本支出/人员经费, 基本支出/公用经费, 项目支出`, as the
/// national template nests them.
/// (Without a count of columns — text without positions — only where 项目支出 stands
/// between: the two came from a line below the others.)
pub fn basic_split_in_two(vals: &[String]) -> Option<Vec<String>> {
    let at = |w: &str| vals.iter().position(|v| compact(v) == w);
    let (basic, staff, office) = (at("基本支出")?, at("人员经费")?, at("公用经费")?);
    if !(basic < staff && staff < office) {
        return None;
    }
    if at("项目支出").is_some_and(|p| !(basic < p && p < staff)) {
        return None;
    }
    let mut out = Vec::with_capacity(vals.len() - 1);
    for (i, v) in vals.iter().enumerate() {
        if i == basic {
            out.push(format!("{v}/人员经费"));
            out.push(format!("{v}/公用经费"));
        } else if i != staff && i != office {
            out.push(v.clone());
        }
    }
    Some(out)
}

/// `支出预算` / `本年一般公共预算基本支出` printed over `合计 基本支出 项目支出`:
/// a group heading over all the value columns is no column itself. Row-major
/// text prints the heading first, so where the last `n` words are known column
/// names starting with the one total (合计, 总计, 小计) and the words before
/// them hold no total, those are the columns and the words before them the
/// heading (or the unit's name), not cells.
fn columns_under_group(vals: &[String], n: usize) -> Option<Vec<String>> {
    if n < 2 || vals.len() <= n {
        return None;
    }
    let is_total = |w: &str| {
        let c = compact(w);
        matches!(c.as_str(), "合计" | "总计" | "小计") || c.ends_with("合计")
    };
    let (heading, run) = vals.split_at(vals.len() - n);
    let fits = is_total(&run[0])
        && run.iter().all(|w| is_known_column(w) && !w.contains('/'))
        && !run[1..].iter().any(|w| is_total(w))
        && !heading.iter().any(|w| is_total(w));
    fits.then(|| run.to_vec())
}

/// Merge tab-separated header rows into column names, position by position.
pub fn merge_tab_header(rows: &[Vec<String>]) -> Vec<String> {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let cell = |r: usize, c: usize| -> String {
        rows.get(r)
            .and_then(|row| row.get(c))
            .map(|s| compact(s))
            .unwrap_or_default()
    };
    // Fill group cells rightwards: an empty cell inherits its left neighbour in
    // the same row when some lower row names a sub-column below it and the
    // neighbour itself heads sub-columns.
    let mut grid: Vec<Vec<String>> = (0..rows.len())
        .map(|r| (0..width).map(|c| cell(r, c)).collect())
        .collect();
    for r in 0..grid.len() {
        for c in 1..width {
            if grid[r][c].is_empty() && !grid[r][c - 1].is_empty() {
                let below_here = (r + 1..grid.len()).any(|rr| !grid[rr][c].is_empty());
                let below_left = (r + 1..grid.len()).any(|rr| !grid[rr][c - 1].is_empty());
                // …and only inside the span of the group above (a sub-column
                // never reaches under the next group: `小计 … 运行费 | 公务接待费`).
                let same_parent = r == 0 || grid[r - 1][c] == grid[r - 1][c - 1];
                if below_here && below_left && same_parent && label_role(&grid[r][c - 1]).is_none()
                {
                    grid[r][c] = grid[r][c - 1].clone();
                }
            }
        }
    }
    (0..width)
        .map(|c| {
            let mut parts: Vec<String> = Vec::new();
            for row in &grid {
                let v = &row[c];
                if !v.is_empty() && parts.last() != Some(v) {
                    parts.push(v.clone());
                }
            }
            // `项目` over `科目名称` says nothing more than `科目名称`.
            if parts.len() > 1 && parts[0] == "项目" {
                parts.remove(0);
            }
            // `功能分类科目编码` spelt over two rows.
            parts.join("/")
        })
        .collect()
}

/// One of the 三公 quantities a column or row can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SangongWord {
    Total,
    Outbound,
    Vehicle,
    Subtotal,
    Purchase,
    Operation,
    Reception,
    AdminOperation,
    /// 会议费 / 培训费, printed beside the 三公 in many provinces' tables: a
    /// column of their own, never one of the 三公 items.
    MeetingOrTraining,
}

/// The 三公 item a header word or row label names.
pub fn sangong_word(w: &str) -> Option<SangongWord> {
    let c = compact(w).replace(['“', '”', '"'], "");
    // The statistics under a 三公 table count groups, people, cars and visits
    // (`因公出国（境）团组数（个）`, `公务用车保有量（辆）`): no money.
    if [
        "团组",
        "人数",
        "人次",
        "批次",
        "保有量",
        "购置数",
        "辆）",
        "辆)",
    ]
    .iter()
    .any(|x| c.has(x))
    {
        return None;
    }
    if c.has("机关运行经费") || c == "行政经费" {
        return Some(SangongWord::AdminOperation);
    }
    if crate::text::names_outbound(&c) {
        return Some(SangongWord::Outbound);
    }
    if c.ends_with("会议费") || c.ends_with("培训费") {
        return Some(SangongWord::MeetingOrTraining);
    }
    if c.has("接待") {
        return Some(SangongWord::Reception);
    }
    if c.has("购置及运行")
        || c == "公务用车费"
        || c.ends_with("公务用车费")
        || c.has("公务用车购置和运行")
    {
        return Some(SangongWord::Vehicle);
    }
    if c.has("购置") {
        return Some(SangongWord::Purchase);
    }
    if c.has("运行") {
        return Some(SangongWord::Operation);
    }
    if c == "小计" {
        return Some(SangongWord::Subtotal);
    }
    if c.has("合计") || c.has("三公经费") || c == "总计" {
        return Some(SangongWord::Total);
    }
    None
}

/// Column groups of a 三公 table.
pub fn group_word(w: &str) -> Option<&'static str> {
    let c = compact(w);
    // `2017年预算数` is the 预算数 group of that year.
    let c = match c.find('年') {
        Some(p) if column_year(&c).is_some() => c[p + '年'.len_utf8()..]
            .trim_start_matches('度')
            .to_string(),
        _ => c,
    };
    for g in [
        "上年预算数",
        "本年预算数",
        "上年决算数",
        "本年决算数",
        "调整预算数",
        "年初预算数",
        "全年预算数",
        "预算数",
        "决算数",
        "执行数",
        "实际支出",
        "增减额",
        "增减幅度",
        "增减率",
        "上年",
        "本年",
        "预算",
        "决算",
        "增减",
    ] {
        if c == g {
            return Some(g);
        }
    }
    None
}

/// Rebuild 三公 column names from header words whose positions were lost.
///
/// Works both for `预算数 决算数` over the items (Guangzhou: groups first, the
/// items repeated per group, vehicle sub-columns last) and for items over
/// `预算数 决算数` pairs (Shanghai). Returns `None` when the words do not give
/// exactly `n` columns.
pub fn sangong_columns(words: &[String], n: usize) -> Option<Vec<String>> {
    let mut groups: Vec<String> = Vec::new();
    let mut group_positions: Vec<usize> = Vec::new();
    let mut items: Vec<(SangongWord, String, usize)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(g) = group_word(w) {
            group_positions.push(i);
            if !groups.iter().any(|x| x == g) {
                groups.push(g.to_string());
            }
        } else if let Some(s) = sangong_word(w) {
            items.push((s, w.clone(), i));
        }
    }
    // `“三公”经费` printed over 合计 and the items is their heading, not a column.
    let totals = items
        .iter()
        .filter(|(s, _, _)| *s == SangongWord::Total)
        .count();
    if totals > 1 {
        items.retain(|(s, w, _)| {
            !(*s == SangongWord::Total && w.replace(['“', '”', '"'], "") == "三公经费")
        });
    }
    let g = groups.len().max(1);
    let has_vehicle = items.iter().any(|(s, _, _)| *s == SangongWord::Vehicle);
    let is_l3 = |s: SangongWord| {
        matches!(s, SangongWord::Subtotal)
            || (has_vehicle && matches!(s, SangongWord::Purchase | SangongWord::Operation))
    };
    let mut l2: Vec<&(SangongWord, String, usize)> =
        items.iter().filter(|(s, _, _)| !is_l3(*s)).collect();
    let l3: Vec<&(SangongWord, String, usize)> =
        items.iter().filter(|(s, _, _)| is_l3(*s)).collect();
    // A group word printed on a line of its own above its sub-columns
    // (`公务用车购置及运行费` over `合计 出国 接待 小计 购置费 运行费 机关运行经费`) comes
    // first in the text but stands where its sub-columns are.
    if groups.is_empty() {
        let first_other = l2
            .iter()
            .filter(|(s, _, _)| *s != SangongWord::Vehicle)
            .map(|x| x.2)
            .min();
        let first_child = l3.first().map(|x| x.2);
        if let (Some(o), Some(c)) = (first_other, first_child) {
            crate::stable_sort::by_key(&mut l2, |(s, _, p)| {
                if *s == SangongWord::Vehicle && *p < o && c > o {
                    c
                } else {
                    *p
                }
            });
        }
    }
    let groups_first = group_positions
        .first()
        .is_none_or(|&gp| items.first().is_none_or(|(_, _, ip)| gp < *ip));
    let expand = |l2c: &[&(SangongWord, String, usize)],
                  l3c: &[&(SangongWord, String, usize)]|
     -> Vec<String> {
        let mut cols = Vec::new();
        for (s, w, _) in l2c {
            if *s == SangongWord::Vehicle && !l3c.is_empty() {
                for (_, w3, _) in l3c {
                    cols.push(format!("{w}/{w3}"));
                }
            } else {
                cols.push(w.clone());
            }
        }
        cols
    };
    let result: Vec<String> = if groups.is_empty() {
        expand(&l2, &l3)
    } else if groups_first && group_positions.len() == groups.len() {
        // Items repeated once per group: each group takes the first of each
        // item not yet its own, in the order printed. A one-line cell printed
        // between wrapped ones (`合计` centred on the middle line) comes after
        // them in the text; the total still heads its group.
        if l2.len() % g != 0 || l3.len() % g != 0 {
            return None;
        }
        fn deal<'a>(
            items: &[&'a (SangongWord, String, usize)],
            g: usize,
        ) -> Option<Vec<Vec<&'a (SangongWord, String, usize)>>> {
            let mut per: Vec<Vec<&(SangongWord, String, usize)>> = vec![Vec::new(); g];
            for it in items {
                // (会议费 and 培训费 are two columns of one kind.)
                let same = |x: &&(SangongWord, String, usize)| {
                    x.0 == it.0 && (x.0 != SangongWord::MeetingOrTraining || x.1 == it.1)
                };
                let slot = (0..g).find(|&k| !per[k].iter().any(same))?;
                per[slot].push(*it);
            }
            for p in per.iter_mut() {
                crate::stable_sort::by_key(p, |x| x.0 != SangongWord::Total);
            }
            Some(per)
        }
        let (Some(p2), Some(p3)) = (deal(&l2, g), deal(&l3, g)) else {
            return None;
        };
        if p2.iter().any(|p| p.len() != l2.len() / g) || p3.iter().any(|p| p.len() != l3.len() / g)
        {
            return None;
        }
        let mut cols = Vec::new();
        for (gi, gname) in groups.iter().enumerate() {
            for c in expand(&p2[gi], &p3[gi]) {
                cols.push(format!("{gname}/{c}"));
            }
        }
        cols
    } else {
        // Each item carries every group (pairs per category).
        let leaves = expand(&l2, &l3);
        let mut cols = Vec::new();
        for leaf in &leaves {
            for gname in &groups {
                cols.push(format!("{leaf}/{gname}"));
            }
        }
        cols
    };
    (result.len() == n).then_some(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn w(s: &str) -> Vec<String> {
        lexicon_words(s)
    }
    #[test]
    fn wrapped_space_header_is_read_by_meaning() {
        let words = w("项 目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上 缴收入 其他收入功能分类 科目编码 科目名称");
        let cols = value_columns_from_words(&words, Some(7));
        assert_eq!(
            cols,
            vec![
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入"
            ]
        );
    }
    #[test]
    fn a_heading_over_all_value_columns_is_no_column() {
        // Shanghai: `项目 支出预算 / 功能分类科目编码 / 功能分类科目名称 合计 基本支出 项目支出 / 类 款 项`.
        let words =
            w("项目 支出预算 功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出 类款项");
        assert_eq!(
            value_columns_from_words(&words, Some(3)),
            vec!["合计", "基本支出", "项目支出"]
        );
        // Huzhou: `经济分类科目 本年一般公共预算基本支出 / 科目编码 科目名称 合计 人员经费 公用经费`.
        let words =
            w("经济分类科目 本年一般公共预算基本支出 科目编码 科目名称 合计 人员经费 公用经费");
        assert_eq!(
            value_columns_from_words(&words, Some(3)),
            vec!["合计", "人员经费", "公用经费"]
        );
    }

    #[test]
    fn columns_after_the_total_are_not_a_heading() {
        // Six names for five counted columns: the last is no heading to drop,
        // so the names stay unread rather than lose a real column.
        let words =
            w("项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出");
        assert_ne!(
            value_columns_from_words(&words, Some(5)),
            vec![
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出"
            ]
        );
    }

    #[test]
    fn group_header_nests_its_sub_columns() {
        let words = w("项 目 年初结转和 结余 本年收入 本年支出 年末结转和 结余功能分类 科目编码 科目名称 小计 基本支出 项目支出");
        let cols = value_columns_from_words(&words, Some(6));
        assert_eq!(
            cols,
            vec![
                "年初结转和结余",
                "本年收入",
                "本年支出/小计",
                "本年支出/基本支出",
                "本年支出/项目支出",
                "年末结转和结余"
            ]
        );
    }
    #[test]
    fn sangong_groups_first() {
        let words = w("预算数 决算数 合计 因公出国 （境）费 公务用车购置及运行费 公务接 待费 合计 因公出国 （境）费 公务用车购置及运行费 公务接待费 小计 公务用车 购置费 公务用车 运行费 小计 公务用车 购置费 公务用车 运行费");
        let cols = sangong_columns(&words, 12).expect("12 columns");
        assert_eq!(cols[0], "预算数/合计");
        assert_eq!(cols[2], "预算数/公务用车购置及运行费/小计");
        assert_eq!(cols[4], "预算数/公务用车购置及运行费/公务用车运行费");
        assert_eq!(cols[5], "预算数/公务接待费");
        assert_eq!(cols[11], "决算数/公务接待费");
    }
    #[test]
    fn sangong_totals_printed_on_the_middle_line_head_their_groups() {
        // PDF text: two-line cells first, the one-line 合计 centred between.
        let words = w("预算数 决算数 因公出国（境）费 公务用车购置及运行费 公务接待费 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 合计 小计 购置费 运行费 小计 购置费 运行费");
        let cols = sangong_columns(&words, 12).expect("12 columns");
        assert_eq!(cols[0], "预算数/合计");
        assert_eq!(cols[1], "预算数/因公出国（境）费");
        assert_eq!(cols[4], "预算数/公务用车购置及运行费/运行费");
        assert_eq!(cols[6], "决算数/合计");
        assert_eq!(cols[11], "决算数/公务接待费");
    }
    #[test]
    fn sangong_heading_over_its_items_is_no_column() {
        let words = w("“三公”经费 公务用车购置及运行费 单位名称 合计 因公出国（境）费 公务接待费 小计 购置费 运行费 机关运行经费");
        let cols = sangong_columns(&words, 7).expect("7 columns");
        assert_eq!(cols[0], "合计");
        assert_eq!(cols[2], "公务接待费");
        assert_eq!(cols[3], "公务用车购置及运行费/小计");
        assert_eq!(cols[6], "机关运行经费");
    }
    #[test]
    fn sangong_group_word_above_its_sub_columns() {
        let words = w(
            "公务用车购置及运行费 合计 因公出国(境)费 公务接待费 小计 购置费 运行费 机关运行经费",
        );
        let cols = sangong_columns(&words, 7).expect("7 columns");
        assert_eq!(
            cols,
            [
                "合计",
                "因公出国(境)费",
                "公务接待费",
                "公务用车购置及运行费/小计",
                "公务用车购置及运行费/购置费",
                "公务用车购置及运行费/运行费",
                "机关运行经费"
            ]
        );
    }

    #[test]
    fn a_year_before_a_column_name_is_part_of_it() {
        let words = w("项目 2016年执行数 2017年预算数");
        assert_eq!(words, ["项目", "2016年执行数", "2017年预算数"]);
        assert_eq!(group_word("2017年预算数"), Some("预算数"));
        assert_eq!(group_word("2016年度执行数"), Some("执行数"));
        assert_eq!(column_year("2016年执行数"), Some(2016));
        assert_eq!(column_year("预算数"), None);
    }
    #[test]
    fn sangong_statistics_are_no_money() {
        assert_eq!(sangong_word("1.因公出国(境)团组数(个)"), None);
        assert_eq!(sangong_word("3.公务用车购置数(辆)"), None);
        assert_eq!(sangong_word("5.公务接待批次(批)"), None);
        assert_eq!(
            sangong_word("其中:(1)公务用车运行维护费"),
            Some(SangongWord::Operation)
        );
        assert_eq!(sangong_word("3.公务用车费"), Some(SangongWord::Vehicle));
    }
    #[test]
    fn sangong_pairs_per_item() {
        let words = w("合计 因公出国（境）费 公务用车购置及运行费 公务接待费 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数");
        let cols = sangong_columns(&words, 8).expect("8 columns");
        assert_eq!(cols[0], "合计/预算数");
        assert_eq!(cols[1], "合计/决算数");
        assert_eq!(cols[7], "公务接待费/决算数");
    }
    #[test]
    fn tab_header_merges_groups() {
        let rows = vec![
            vec!["预算数".into(), "".into(), "".into(), "".into(), "".into(), "".into(), "决算数".into(), "".into(), "".into(), "".into(), "".into(), "".into()],
            "合计\t因公出国 (境)费\t公务用车购置及运行费\t\t\t公务接待 费\t合计\t因公出国 (境)费\t公务用车购置及运行费\t\t\t公务接待 费".split('\t').map(String::from).collect(),
            "\t\t小计\t公务用车 购置费\t公务用车 运行费\t\t\t\t小计\t公务用车 购置费\t公务用车 运行费\t".split('\t').map(String::from).collect(),
        ];
        let cols = merge_tab_header(&rows);
        assert_eq!(cols[0], "预算数/合计");
        assert_eq!(cols[3], "预算数/公务用车购置及运行费/公务用车购置费");
        assert_eq!(cols[5], "预算数/公务接待费");
        assert_eq!(cols[6], "决算数/合计");
    }
}
