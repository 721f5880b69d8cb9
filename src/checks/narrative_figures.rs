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
    let n = read(doc);
    let mut out = Vec::new();
    for s in &n.sentences {
        let mut last_item: Option<SangongItem> = None;
        for (k, num) in s.nums.iter().enumerate() {
            if !num.is_money() || num.is_change() {
                continue;
            }
            let Some(t) = resolve(doc, s, num, k, &mut last_item) else {
                continue;
            };
            if let Some(f) = judge(doc, &n, num, &t) {
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

fn strip_subject(subj: &str) -> String {
    let mut s = bare_label(subj);
    // `2020 年度`, `本部门`, `广州市…局 2020 年度` before the noun.
    if let Some(p) = s.rfind("年度").or_else(|| s.rfind('年')) {
        let tail = &s[p + if s[p..].starts_with("年度") {
            "年度".len()
        } else {
            '年'.len_utf8()
        }..];
        if !tail.is_empty() {
            s = tail.to_string();
        }
    }
    for p in ["本部门", "我部门", "本单位", "全年"] {
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

fn sangong_item(s: &str) -> Option<SangongItem> {
    if s.contains("出国") {
        Some(SangongItem::Outbound)
    } else if s.contains("公务用车购置及运行")
        || s.contains("公务用车购置和运行")
        || s.ends_with("公务用车费")
    {
        Some(SangongItem::Vehicle)
    } else if s.contains("公务用车购置") || s.contains("车辆购置") {
        Some(SangongItem::VehiclePurchase)
    } else if s.contains("公务用车运行") || s.contains("车辆运行") {
        Some(SangongItem::VehicleOperation)
    } else if s.contains("公务接待") {
        Some(SangongItem::Reception)
    } else if s.contains("三公") {
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
) -> Option<Target<'a>> {
    let subj = strip_subject(&num.subject);
    let section = compact(&s.section);
    let raw = compact(&num.subject);
    // 三公: an item, or the 预算 of the item just named.
    if let Some(b) = &doc.sangong {
        let budget_ref = raw.contains("预算")
            && (raw.starts_with("完成") || raw.contains("完成预算") || raw.contains("年初预算"));
        if budget_ref {
            if let (Some(item), Some(fig)) = (*last_item, b.budget.as_ref()) {
                if doc.meta.kind != ReportKind::Budget {
                    let v = fig.get(item)?.value;
                    return Some(Target {
                        value: v,
                        table: doc.table(&b.table),
                        cell: None,
                        what: format!("三公表的{}预算数", item.zh()),
                        severity: Severity::Error,
                    });
                }
            }
            return None;
        }
        if let Some(item) = sangong_item(&subj) {
            if !subj.contains("机关运行") && !raw.contains("会议") && !raw.contains("培训")
            {
                *last_item = Some(item);
                let fig = if doc.meta.kind == ReportKind::Budget {
                    b.budget.as_ref()
                } else {
                    b.actual.as_ref()
                }?;
                let v = fig.get(item)?.value;
                let kind = if doc.meta.kind == ReportKind::Budget {
                    "预算数"
                } else {
                    "决算数"
                };
                return Some(Target {
                    value: v,
                    table: doc.table(&b.table),
                    cell: None,
                    what: format!("三公表的{}{}", item.zh(), kind),
                    severity: Severity::Error,
                });
            }
        }
    }
    *last_item = None;
    if subj.contains("机关运行经费") {
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
    if section.contains("非税收入") || raw.contains("非税收入") {
        let t = doc.table_of_kind("final.non_tax_revenue")?;
        if subj.contains("非税收入合计") || subj.ends_with("非税收入") {
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
    if doc.meta.kind != ReportKind::Budget {
        if let Some(e) = doc.table_of_kind("final.expenditure") {
            if [
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ]
            .contains(&subj.as_str())
                && !raw.contains("财政拨款")
            {
                let c = e.value_columns.iter().position(|c| compact(c) == subj)?;
                return cell_target(
                    e,
                    total_row_idx(e)?,
                    c,
                    format!("{}合计的{}", e.title, subj),
                );
            }
        }
        if let Some(g) = doc.table_of_kind("final.general_budget_expenditure") {
            if subj == "一般公共预算财政拨款支出" {
                return cell_target(g, total_row_idx(g)?, 0, format!("{}的合计", g.title));
            }
            if raw.contains("一般公共预算")
                && (subj.ends_with("基本支出") || subj.ends_with("项目支出"))
                && !raw.contains("年初")
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
        if let Some(sm) = summary {
            if subj.ends_with("收入") && subj.chars().count() >= 4 && !raw.contains("比") {
                if let Some(t) = side_row(sm, 0, &|l| l == subj) {
                    return Some(t);
                }
            }
        }
    }
    None
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
    // Written at lower precision and rounded right: agrees.
    if num.value.scale() < t.value.scale()
        && t.value.round_dp(num.value.scale()) == stated.round_dp(num.value.scale())
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
            issues[1].finding.message_zh.contains("10,000 倍"),
            "{}",
            issues[1].finding.message_zh
        );
    }
}
