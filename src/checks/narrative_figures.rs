//! `narrative_figures` — every figure the 情况说明 states for a table quantity
//! equals the table, at the precision it is written.
//!
//! What: a number in 万元 / 元 whose subject names a quantity is compared with
//! the table: 总收入 / 本年收入 / 总支出 / 本年支出 (the summary), 基本支出 /
//! 项目支出 / 上缴上级支出 … (支出决算表 合计), the summary's income lines
//! (一般公共预算财政拨款收入, 其他收入 …), 财政拨款收入合计 / 支出合计, 一般公共预算财政拨款
//! 支出, 人员经费 / 公用经费, each 三公 item and its 预算 (`完成预算 4 万元`), the
//! 非税收入 lines, and 机关运行经费 (against 公用经费合计 or the budget table's
//! 行政经费 — a `warning`, since the scopes can differ). `8,219.2` written for
//! 8,219.20 agrees; a figure exactly 10,000× off is named a 元/万元 slip.
//!
//! Why: the narrative is what most readers read; it must say what the tables say.
//!
//! Example: `“三公”经费财政拨款支出决算为 1.02 万元` against 决算数/合计 1.02: holds;
//! `1.20 万元` is an `error` (expected 1.02); `10,200 元` written as `10,200 万元`
//! is a magnitude slip.

use super::narrative::{read, Num, NumUnit, Sentence};
use super::util::{amount, bare_label, find_row, fmt, total_row_idx, Issue};
use crate::model::{CellRef, Document, Finding, ReportKind, SangongItem, Severity, Table};
use crate::rounding::half_unit;
use crate::text::compact;
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "narrative_figures";

/// A table quantity a figure can be checked against.
struct Target<'a> {
    value: Decimal,
    table: Option<&'a Table>,
    cell: Option<CellRef>,
    what: String,
    severity: Severity,
}

pub fn check(doc: &Document) -> Vec<Issue> {
    check_with(doc, &read(doc))
}

/// [`check`] with the narrative already read (once for all rules).
pub fn check_with(doc: &Document, n: &super::narrative::Narrative) -> Vec<Issue> {
    let mut out = Vec::new();
    let functions = std::cell::OnceCell::new();
    for s in &n.sentences {
        let mut last_item: Option<SangongItem> = None;
        for (k, num) in s.nums.iter().enumerate() {
            if !num.is_money() || num.is_change() {
                continue;
            }
            let Some(t) = resolve(doc, s, num, k, &mut last_item, &functions) else {
                continue;
            };
            if let Some(f) = judge(doc, n, num, &t) {
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

/// `上年 5.97 万元`, `较上年的`: only the words right before the figure count (a
/// glued earlier clause `与上年决算数持平3．事业收入` does not).
pub(crate) fn said_of_last_year(raw: &str) -> bool {
    let t = clause_tail(&compact(raw));
    t.has("上年") || t.has("去年") || t.has("上一年")
}

/// What follows the last glued heading (`…情况说明`) or item marker (`3．`).
fn clause_tail(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(p) = s.rfind("说明") {
        if p + "说明".len() < s.len() {
            s = s[p + "说明".len()..].to_string();
        }
    }
    let mut cut = None;
    {
        let b = s.as_bytes();
        for (i, ch) in s.char_indices() {
            if (ch == '．' || ch == '.')
                && i > 0
                && b[i - 1].is_ascii_digit()
                && !s[i + ch.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                cut = Some(i + ch.len_utf8());
            }
        }
    }
    match cut {
        Some(c) if c < s.len() => s[c..].to_string(),
        _ => s,
    }
}

/// True when the subject names a 4-digit year other than the report's (`2019年`).
fn other_year(raw: &str, year: Option<i32>) -> bool {
    let Some(y) = year else { return false };
    let b = raw.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i..i + 4].iter().all(|d| d.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|d| !d.is_ascii_digit())
            && raw[i + 4..].starts_with('年')
            && raw[i..i + 4]
                .parse::<i32>()
                .ok()
                .is_some_and(|v| v != y && v > 1990 && v < 2100)
    })
}

fn strip_subject(subj: &str) -> String {
    let mut s = bare_label(subj);
    // A heading glued on (`…决算情况说明“三公”经费预算数为`): keep what follows it.
    if let Some(p) = s.rfind("说明") {
        if p + "说明".len() < s.len() {
            s = s[p + "说明".len()..].to_string();
        }
    }
    // A heading or an earlier clause glued on: keep what follows the last `N．` / `N.`.
    let mut cut = None;
    {
        let b = s.as_bytes();
        for (i, ch) in s.char_indices() {
            if (ch == '．' || ch == '.')
                && i > 0
                && b[i - 1].is_ascii_digit()
                && !s[i + ch.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                cut = Some(i + ch.len_utf8());
            }
        }
    }
    if let Some(c) = cut {
        if c < s.len() {
            s = s[c..].to_string();
        }
    }
    // `2020 年度`, `2020年` before the noun (not the 年 of 本年).
    let mut year_end = None;
    {
        let b = s.as_bytes();
        for (i, ch) in s.char_indices() {
            if ch == '年' && i > 0 && b[i - 1].is_ascii_digit() {
                let after = i + '年'.len_utf8();
                year_end = Some(if s[after..].starts_with('度') {
                    after + '度'.len_utf8()
                } else {
                    after
                });
            }
        }
    }
    if let Some(e) = year_end {
        if e < s.len() {
            s = s[e..].to_string();
        }
    }
    for p in [
        "本部门",
        "我部门",
        "本单位",
        "全年",
        "主要包括",
        "包括",
        "其中",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    for suf in [
        "决算为",
        "决算数为",
        "为",
        "决算",
        "共计",
        "合计为",
        "预算为",
    ] {
        if let Some(r) = s.strip_suffix(suf) {
            if !r.is_empty() {
                s = r.to_string();
                break;
            }
        }
    }
    s
}

pub(crate) fn sangong_item(s: &str) -> Option<SangongItem> {
    if crate::text::names_outbound(s) {
        Some(SangongItem::Outbound)
    } else if s.has("公务用车购置及运行")
        || s.has("公务用车购置和运行")
        || s.ends_with("公务用车费")
    {
        Some(SangongItem::Vehicle)
    } else if s.has("公务用车购置") || s.has("车辆购置") {
        Some(SangongItem::VehiclePurchase)
    } else if s.has("公务用车运行") || s.has("车辆运行") {
        Some(SangongItem::VehicleOperation)
    } else if s.has("公务接待") {
        Some(SangongItem::Reception)
    } else if s.has("三公") {
        Some(SangongItem::Total)
    } else {
        None
    }
}

fn cell_target<'a>(t: &'a Table, row: usize, col: usize, what: String) -> Option<Target<'a>> {
    let v = amount(t.rows.get(row)?, col)?;
    Some(Target {
        value: v,
        table: Some(t),
        cell: Some(CellRef { row, col }),
        what,
        severity: Severity::Error,
    })
}

fn resolve<'a>(
    doc: &'a Document,
    s: &Sentence,
    num: &Num,
    _k: usize,
    last_item: &mut Option<SangongItem>,
    functions: &std::cell::OnceCell<FunctionNames>,
) -> Option<Target<'a>> {
    let subj = strip_subject(&num.subject);
    let section = compact(&s.section);
    let raw = compact(&num.subject);
    // Last year's figure, or another year's, is no figure of these tables.
    if said_of_last_year(&raw) || other_year(&raw, doc.meta.year) {
        *last_item = None;
        return None;
    }
    // 三公: an item, or the 预算 of the item just named.
    if let Some(b) = &doc.sangong {
        let budget_ref = raw.has("预算")
            && (raw.starts_with("完成") || raw.has("完成预算") || raw.has("年初预算"));
        if budget_ref {
            if let (Some(item), Some(fig)) = (*last_item, b.budget.as_ref()) {
                if doc.meta.kind != ReportKind::Budget {
                    let v = fig.get(item)?.value;
                    let st = doc.table(&b.table);
                    return Some(Target {
                        value: v,
                        table: st,
                        cell: st
                            .and_then(|t| super::util::sangong_cell(t, item, false))
                            .map(|(row, col)| CellRef { row, col }),
                        what: format!("三公表的{}预算数", item.zh()),
                        severity: Severity::Error,
                    });
                }
            }
            return None;
        }
        if let Some(item) = sangong_item(&subj) {
            if !subj.has("机关运行") && !raw.has("会议") && !raw.has("培训") {
                *last_item = Some(item);
                // In a 决算, `“三公”经费预算数为 4 万元` names the budget column.
                let wants_budget =
                    doc.meta.kind == ReportKind::Budget || (subj.has("预算") && !subj.has("决算"));
                let fig = if wants_budget {
                    b.budget.as_ref()
                } else {
                    b.actual.as_ref()
                }?;
                let v = fig.get(item)?.value;
                let kind = if wants_budget {
                    "预算数"
                } else {
                    "决算数"
                };
                let st = doc.table(&b.table);
                return Some(Target {
                    value: v,
                    table: st,
                    cell: st
                        .and_then(|t| super::util::sangong_cell(t, item, !wants_budget))
                        .map(|(row, col)| CellRef { row, col }),
                    what: format!("三公表的{}{}", item.zh(), kind),
                    severity: Severity::Error,
                });
            }
        }
    }
    *last_item = None;
    if subj.has("机关运行经费") {
        if doc.meta.kind == ReportKind::Budget {
            let v = doc.sangong.as_ref()?.admin_operation?.value;
            return Some(Target {
                value: v,
                table: None,
                cell: None,
                what: "行政经费（三公表）".into(),
                severity: Severity::Warning,
            });
        }
        let b = doc.table_of_kind("final.general_budget_basic_expenditure")?;
        let r = find_row(b, None, |l| l == "公用经费合计")?;
        let mut t = cell_target(b, r, 0, format!("{}的公用经费合计", b.title))?;
        t.severity = Severity::Warning;
        return Some(t);
    }
    // 非税收入 section: the non-tax table's lines.
    if section.has("非税收入") || raw.has("非税收入") {
        let t = doc.table_of_kind("final.non_tax_revenue")?;
        if subj.has("非税收入合计") || subj.ends_with("非税收入") {
            return cell_target(t, total_row_idx(t)?, 0, format!("{}的合计", t.title));
        }
        if subj.starts_with("纳入预算管理") {
            return cell_target(
                t,
                total_row_idx(t)?,
                t.col_named("纳入预算管理")?,
                format!("{}的纳入预算管理合计", t.title),
            );
        }
        if subj.starts_with("纳入财政专户") {
            return cell_target(
                t,
                total_row_idx(t)?,
                t.col_named("财政专户")?,
                format!("{}的纳入财政专户管理合计", t.title),
            );
        }
        let r = find_row(t, None, |l| l == subj)?;
        return cell_target(t, r, 0, format!("{}的“{}”", t.title, subj));
    }
    let summary = doc
        .table_of_kind("final.income_expenditure_summary")
        .or_else(|| doc.table_of_kind("budget.summary"));
    let fiscal = doc
        .table_of_kind("final.fiscal_summary")
        .or_else(|| doc.table_of_kind("budget.fiscal_summary"));
    let side_row = |t: &'a Table, side: usize, pred: &dyn Fn(&str) -> bool| -> Option<Target<'a>> {
        let r = find_row(t, Some(side), |l| pred(l))?;
        cell_target(
            t,
            r,
            0,
            format!("{}的“{}”", t.title, bare_label(&t.rows[r].label)),
        )
    };
    match subj.as_str() {
        "总收入" | "收入总计" | "收入预算" | "收入总预算" => {
            return side_row(summary?, 0, &|l| l.ends_with("总计"))
        }
        "总支出" | "支出总计" | "支出预算" | "支出总预算" => {
            return side_row(summary?, 1, &|l| l.ends_with("总计"))
        }
        "本年收入" | "本年收入合计" => {
            return side_row(summary?, 0, &|l| {
                l.starts_with("本年") && l.ends_with("合计")
            })
        }
        "本年支出" | "本年支出合计" => {
            return side_row(summary?, 1, &|l| {
                l.starts_with("本年") && l.ends_with("合计")
            })
        }
        "财政拨款收入合计" => {
            return side_row(fiscal?, 0, &|l| {
                l.starts_with("本年") && l.ends_with("合计")
            })
        }
        "财政拨款支出合计" => {
            return side_row(fiscal?, 1, &|l| {
                l.starts_with("本年") && l.ends_with("合计")
            })
        }
        _ => {}
    }
    // 基本支出 / 项目支出 …: of all money in a general section, of the 一般公共预算
    // in its section; in a 财政拨款 / 基金 section some other table's, so not judged.
    let spend_words = [
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ];
    if spend_words.contains(&subj.as_str()) && !raw.has("财政拨款") {
        let fiscal_section =
            section.has("财政拨款") || section.has("基金") || section.has("国有资本");
        let table = if section.has("一般公共预算") {
            doc.table_of_kind("final.general_budget_expenditure")
                .or_else(|| doc.table_of_kind("budget.general_budget_by_function"))
        } else if fiscal_section {
            None
        } else {
            doc.table_of_kind("final.expenditure")
                .or_else(|| doc.table_of_kind("budget.expenditure"))
        };
        let e = table?;
        let c = e
            .value_columns
            .iter()
            .position(|c| compact(c).ends_with(subj.as_str()))?;
        return cell_target(
            e,
            total_row_idx(e)?,
            c,
            format!("{}合计的{}", e.title, subj),
        );
    }
    // `政府性基金预算财政拨款支出 0 万元`, `国有资本经营预算财政拨款支出 0 万元`.
    for (word, kind) in [
        ("政府性基金预算财政拨款支出", "final.gov_fund"),
        ("国有资本经营预算财政拨款支出", "final.state_capital"),
    ] {
        if subj == word {
            let t = doc.table_of_kind(kind)?;
            let c = t.value_columns.iter().position(|c| {
                let c = compact(c);
                c.starts_with("本年支出") && (c.ends_with("小计") || c.ends_with("合计"))
                    || c == "本年支出"
                    || c == "小计"
                    || c == "合计"
            })?;
            return cell_target(
                t,
                total_row_idx(t)?,
                c,
                format!("{}合计的本年支出", t.title),
            );
        }
    }
    if doc.meta.kind != ReportKind::Budget {
        if let Some(g) = doc.table_of_kind("final.general_budget_expenditure") {
            if subj == "一般公共预算财政拨款支出" {
                return cell_target(g, total_row_idx(g)?, 0, format!("{}的合计", g.title));
            }
            if raw.has("一般公共预算")
                && (subj.ends_with("基本支出") || subj.ends_with("项目支出"))
                && !raw.has("年初")
            {
                let w = if subj.ends_with("基本支出") {
                    "基本支出"
                } else {
                    "项目支出"
                };
                let c = g.value_columns.iter().position(|c| compact(c) == w)?;
                return cell_target(g, total_row_idx(g)?, c, format!("{}合计的{}", g.title, w));
            }
        }
        if let Some(b) = doc.table_of_kind("final.general_budget_basic_expenditure") {
            if subj == "人员经费" || subj == "公用经费" {
                let r = find_row(b, None, |l| l == format!("{subj}合计"))?;
                return cell_target(b, r, 0, format!("{}的{}合计", b.title, subj));
            }
        }
        if subj.ends_with("收入") && subj.chars().count() >= 4 && !raw.has("比") {
            if let Some(t) = summary.and_then(|sm| side_row(sm, 0, &|l| l == subj)) {
                return Some(t);
            }
            // `一般公共预算财政拨款收入` where the summary prints only `财政拨款收入`.
            let short = subj.trim_end_matches("收入").to_string();
            if let Some(t) = fiscal.and_then(|f| side_row(f, 0, &|l| l == subj || l == short)) {
                return Some(t);
            }
        }
        // `住房保障支出（类）住房改革支出（款）购房补贴（项）108.17 万元`: a row of the
        // 一般公共预算 function table named with its ancestors.
        if let Some(g) = doc.table_of_kind("final.general_budget_expenditure") {
            let by_function = section.has("一般公共预算")
                || (section.has("财政拨款") && only_general_budget(doc));
            if by_function && !subj.is_empty() {
                let names = functions.get_or_init(|| FunctionNames::of(g));
                if let Some((r, _)) = function_row(g, names, &subj) {
                    return cell_target(
                        g,
                        r,
                        0,
                        format!("{}的“{}”", g.title, bare_label(&g.rows[r].label)),
                    );
                }
            }
        }
        // `工资福利支出 523.91 万元`: an economic group of the 基本支出 table.
        if let Some(b) = doc.table_of_kind("final.general_budget_basic_expenditure") {
            if section.has("基本支出") {
                if let Some(r) = b.rows.iter().position(|r| {
                    r.code.as_ref().is_some_and(|c| c.len() == 3) && bare_label(&r.label) == subj
                }) {
                    return cell_target(b, r, 0, format!("{}的“{}”", b.title, subj));
                }
            }
        }
    }
    None
}

/// The coded row whose name (and its ancestors' names) the subject spells out;
/// the deepest such row.
/// True when the 财政拨款 summary spends nothing from 政府性基金 / 国有资本经营
/// (so 财政拨款 figures by function are the 一般公共预算 table's).
fn only_general_budget(doc: &Document) -> bool {
    let Some(f) = doc.table_of_kind("final.fiscal_summary") else {
        return false;
    };
    let Some(side) = f.sides.get(1) else {
        return false;
    };
    let Some(r) = find_row(f, Some(1), |l| l.starts_with("本年") && l.ends_with("合计")) else {
        return false;
    };
    side.value_columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.has("基金") || c.has("国有资本"))
        .all(|(i, _)| amount(&f.rows[r], i).is_none_or(|v| v.is_zero()))
}

/// The 一般公共预算 function table's code tree and each row's name as
/// [`function_row`] compares it (no ordinal, no 支出): made once per check, not
/// once per stated figure.
struct FunctionNames {
    h: super::util::CodeHierarchy,
    names: Vec<String>,
}

impl FunctionNames {
    fn of(t: &Table) -> Self {
        FunctionNames {
            h: super::util::CodeHierarchy::build(t, None),
            names: t
                .rows
                .iter()
                .map(|r| bare_label(&r.label).trim_end_matches("支出").to_string())
                .collect(),
        }
    }
}

fn function_row(t: &Table, f: &FunctionNames, subj: &str) -> Option<(usize, usize)> {
    let h = &f.h;
    let subj_n = subj.trim_end_matches("支出");
    let mut best: Option<(usize, usize)> = None;
    for &i in &h.coded {
        let name = &f.names[i];
        if name.is_empty() || !subj_n.ends_with(name.as_str()) {
            continue;
        }
        // Every ancestor named in the subject, or the subject is the name alone.
        let mut ok = true;
        let mut p = h.parent[i];
        let alone = subj_n == name;
        while let Some(a) = p {
            if !alone && !subj_n.contains(f.names[a].as_str()) {
                ok = false;
            }
            p = h.parent[a];
        }
        let depth = t.rows[i].code.as_ref().map_or(0, |c| c.len());
        if ok && best.is_none_or(|(_, d)| d < depth) {
            best = Some((i, depth));
        }
    }
    best
}

/// `v` rounded half away from zero to `dp` decimals; a negative `dp` rounds to
/// tens, hundreds, … (`36,535,278.72` to −2 → `36,535,300`).
fn round_to(v: Decimal, dp: i64) -> Decimal {
    use rust_decimal::RoundingStrategy::MidpointAwayFromZero;
    if dp >= 0 {
        return v.round_dp_with_strategy(dp.min(28) as u32, MidpointAwayFromZero);
    }
    let shift = Decimal::from(10_i64.pow((-dp).min(18) as u32));
    (v / shift).round_dp_with_strategy(0, MidpointAwayFromZero) * shift
}

fn judge(
    doc: &Document,
    n: &super::narrative::Narrative,
    num: &Num,
    t: &Target,
) -> Option<Finding> {
    let unit = t
        .table
        .map(|x| x.unit_or(doc.meta.unit))
        .unwrap_or(crate::model::Unit::WanYuan);
    // The stated figure in the table's unit.
    let stated = match unit {
        crate::model::Unit::WanYuan => num.wan(),
        crate::model::Unit::Yuan => num.wan() * Decimal::from(10_000),
    };
    if stated == t.value {
        return None;
    }
    // Written at lower precision and rounded right: agrees. The precision is
    // counted in the table's unit: `3,653.53万元` against a table in 元 is
    // written to the hundred yuan.
    let written_dp = i64::from(num.value.scale())
        - match unit {
            crate::model::Unit::WanYuan => 0,
            crate::model::Unit::Yuan => 4,
        };
    if written_dp < i64::from(t.value.scale())
        && round_to(t.value, written_dp) == round_to(stated, written_dp)
    {
        return None;
    }
    let tol = match unit {
        crate::model::Unit::WanYuan => num.half_wan(),
        crate::model::Unit::Yuan => num.half_wan() * Decimal::from(10_000),
    } + half_unit(t.value);
    let diff = (stated - t.value).abs();
    let line = n.line_at(num.start);
    let wu = match num.unit {
        NumUnit::Yuan => "元",
        _ => "万元",
    };
    let (sev, zh, en) = if diff <= tol {
        (
            Severity::Notice,
            format!(
                "说明中“{}{} {}{}”与{} {} 相差 {}，在四舍五入误差范围内",
                num.subject,
                "",
                num.written,
                wu,
                t.what,
                fmt(t.value),
                fmt(diff)
            ),
            format!(
                "the narrative's “{} {} {}” differs from {} {} by {}, within rounding",
                num.subject,
                num.written,
                wu,
                t.what,
                fmt(t.value),
                fmt(diff)
            ),
        )
    } else if !t.value.is_zero()
        && (stated * Decimal::from(10_000) == t.value || stated == t.value * Decimal::from(10_000))
    {
        let other = if num.unit == NumUnit::Yuan {
            "万元"
        } else {
            "元"
        };
        (
            Severity::Error,
            format!("说明中“{} {}{}”与{} {} 恰好相差 10,000 倍：单位应为{}而写成了{}", num.subject, num.written, wu, t.what, fmt(t.value), other, wu),
            format!("the narrative's “{} {} {}” is exactly 10,000× {} {}: a unit slip ({} written for {})", num.subject, num.written, wu, t.what, fmt(t.value), wu, other),
        )
    } else {
        (
            t.severity,
            format!(
                "说明中“{} {}{}”与{} {} 不符，相差 {}{}",
                num.subject,
                num.written,
                wu,
                t.what,
                fmt(t.value),
                fmt(diff),
                if t.severity == Severity::Warning {
                    "（口径可能不同，请核对）"
                } else {
                    ""
                }
            ),
            format!(
                "the narrative's “{} {} {}” does not match {} {} (difference {}){}",
                num.subject,
                num.written,
                wu,
                t.what,
                fmt(t.value),
                fmt(diff),
                if t.severity == Severity::Warning {
                    " — the scopes may differ, please verify"
                } else {
                    ""
                }
            ),
        )
    };
    let mut f = Finding::new(RULE, sev, zh, en).at_line(line);
    f.table = t.table.map(|x| x.id.clone());
    f.row = Some(strip_subject(&num.subject));
    f.expected = Some(t.value);
    f.found = Some(stated);
    f.difference = Some(diff);
    f.tolerance = Some(tol);
    f.cell = t.cell;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn text(narr: &str) -> String {
        let s = include_str!("../../tests/fixtures/checks/sangong_final.txt");
        format!("2020 年部门决算\n{s}\n第三部分 情况说明\n三、“三公”经费支出决算情况说明\n{narr}\n")
    }

    #[test]
    fn sangong_figures_agree() {
        let doc = crate::reader::read(&text("2020 年度“三公”经费财政拨款支出决算为 1.02 万元，完成预算 4 万元的 25.50%。其中：公务接待费支出决算为 0 万元，完成预算 1 万元的 0.00%。"));
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn wrong_figure_and_unit_slip() {
        let doc = crate::reader::read(&text("2020 年度“三公”经费财政拨款支出决算为 1.20 万元，完成预算 4 万元的 25.50%。公务用车运行费支出决算为 10,200 万元。"));
        let issues = check(&doc);
        assert_eq!(issues.len(), 2, "{issues:#?}");
        let f = &issues[0].finding;
        assert_eq!((f.rule.as_str(), f.severity), (RULE, Severity::Error));
        assert_eq!(f.expected, Some(Decimal::from_str("1.02").unwrap()));
        assert_eq!(f.found, Some(Decimal::from_str("1.20").unwrap()));
        assert!(
            issues[1].finding.message_zh.has("10,000 倍"),
            "{}",
            issues[1].finding.message_zh
        );
    }

    #[test]
    fn budget_and_prior_year_figures_are_not_taken_for_actuals() {
        let doc = crate::reader::read(&text("“三公”经费预算数为 4 万元。2019 年“三公”经费支出决算为 5.97 万元。上年公务接待费支出 0.07 万元。"));
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    #[test]
    fn spending_words_follow_their_section() {
        let e = include_str!("../../tests/fixtures/checks/expenditure_pass.txt");
        let ok = format!("2020 年部门决算\n{e}\n（二）年度支出总体情况\n1. 基本支出 2,984.75 万元。\n二、财政拨款支出说明\n1. 基本支出 2,900.00 万元。\n");
        assert!(
            check(&crate::reader::read(&ok)).is_empty(),
            "{:#?}",
            check(&crate::reader::read(&ok))
        );
        let bad = ok.replace("2,984.75 万元", "2,994.75 万元");
        let issues = check(&crate::reader::read(&bad));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(
            issues[0].finding.expected,
            Some(Decimal::from_str("2984.75").unwrap())
        );
    }
}
