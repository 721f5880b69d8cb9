//! `sangong_disclosure` — a 决算's narrative states the 三公 counts the rules
//! ask for, and the counts agree with the spending.
//!
//! What: in a final-accounts report whose 三公 table shows spending, the
//! narrative should give, for each item with spending: 因公出国（境） — the
//! number of 团组 and of 人次; 公务用车 — the 购置数 (辆) and the 保有量 (辆);
//! 公务接待 — the 批次 (次) and the 人次 (人). A count not stated is a `notice`
//! naming it (the disclosure rules ask for it, but several provinces'
//! templates leave it out, and it is no figure wrong). A count that contradicts the spending — 0 团组 with 出国 spending,
//! 0 接待 (国内 and 外宾 alike) with 接待 spending, 购置数 0 with 购置 spending or
//! vehicles bought with no 购置 spending — is a `warning` with both figures
//! (spending can fall in a year other than the event's, so it is no error).
//!
//! Why: the disclosure rules for 部门决算 require these counts; reviewers check
//! them item by item, and a count copied from last year shows as a contradiction.
//!
//! Example: `公务接待费支出 0.5 万元 … 发生国内接待 0 次，接待人数共 0 人` → `warning`;
//! `… 国内接待 3 次，接待人数共 25 人` → nothing.

use super::util::{fmt, Issue};
use crate::model::{Document, Finding, ReportKind, SangongItem, Severity};
use rust_decimal::Decimal;

pub const RULE: &str = "sangong_disclosure";

/// The first `<keyword> … N <unit>` after any of `keys`: (N, byte offset).
fn count(text: &str, keys: &[&str], units: &[&str]) -> Option<(u64, usize)> {
    for k in keys {
        let mut from = 0;
        while let Some(p) = text[from..].find(k) {
            let at = from + p + k.len();
            let rest = &text[at..];
            // Up to 4 connecting characters (`为`, `共`, `：`, spaces), then digits.
            let mut skipped = 0;
            let mut i = 0;
            for (j, c) in rest.char_indices() {
                if c.is_ascii_digit() {
                    i = j;
                    break;
                }
                skipped += 1;
                if skipped > 4 || !"为共计是： :达累计有".contains(c) {
                    i = usize::MAX;
                    break;
                }
            }
            if i != usize::MAX && rest[i..].starts_with(|c: char| c.is_ascii_digit()) {
                let digits: String = rest[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                let after = rest[i + digits.len()..].trim_start();
                if units.iter().any(|u| after.starts_with(u)) {
                    if let Ok(n) = digits.parse() {
                        return Some((n, at));
                    }
                }
            }
            from = at;
        }
    }
    None
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    if doc.meta.kind != ReportKind::Final {
        return out;
    }
    let Some(block) = &doc.sangong else {
        return out;
    };
    if block.empty {
        return out;
    }
    let Some(actual) = &block.actual else {
        return out;
    };
    let spent = |k: SangongItem| actual.get(k).map(|a| a.value).unwrap_or_default();
    if spent(SangongItem::Total) <= Decimal::ZERO
        && SangongItem::ALL.iter().all(|k| spent(*k) <= Decimal::ZERO)
    {
        return out;
    }
    let joined = doc.narrative_text();
    let text = crate::text::compact(&joined.text);
    let line_of = |pos: usize| -> Option<usize> {
        // `text` lost the spaces of `joined.text`: map back by counting.
        let mut seen = 0;
        for (i, c) in joined.text.char_indices() {
            if seen >= pos {
                return Some(joined.line_at(i));
            }
            if !c.is_whitespace() {
                seen += c.len_utf8();
            }
        }
        None
    };
    let table_line = doc.table(&block.table).map(|t| t.lines[0]);
    let mut push = |sev: Severity, line: Option<usize>, zh: String, en: String| {
        let mut f = Finding::new(RULE, sev, zh, en);
        f.line = line.or(table_line);
        f.table = if line.is_none() {
            Some(block.table.clone())
        } else {
            None
        };
        out.push(Issue::plain(f));
    };
    let unit = block.unit.as_str();
    // 因公出国（境）
    let out_spent = spent(SangongItem::Outbound);
    if out_spent > Decimal::ZERO {
        let groups = count(
            &text,
            &["出国团组", "出国（境）团组", "出国(境)团组", "团组"],
            &["个", "批"],
        );
        let people = count(&text, &["累计", "出国人次", "共"], &["人次"]);
        for (what_zh, what_en, c) in [
            ("出国团组数", "delegations", groups),
            ("出国人次", "person-trips", people),
        ] {
            if c.is_none() {
                push(Severity::Notice, None, format!("三公表有因公出国（境）费 {} {unit}，但说明未写{what_zh}", fmt(out_spent)), format!("the 三公 table shows {} {unit} of travel abroad, but the narrative does not state the number of {what_en}", fmt(out_spent)));
            }
        }
        if let Some((0, p)) = groups {
            push(Severity::Warning, line_of(p), format!("说明称出国团组 0 个，但因公出国（境）费决算为 {} {unit}", fmt(out_spent)), format!("the narrative states 0 delegations abroad, but travel abroad spending is {} {unit}", fmt(out_spent)));
        }
    }
    // 公务用车
    let veh_spent = spent(SangongItem::Vehicle).max(spent(SangongItem::VehicleOperation));
    let buy_spent = spent(SangongItem::VehiclePurchase);
    let bought = count(
        &text,
        &["购置数", "购置车辆", "新购车辆", "购置公务用车"],
        &["辆"],
    );
    let fleet = count(&text, &["保有量"], &["辆"]);
    if veh_spent > Decimal::ZERO || buy_spent > Decimal::ZERO {
        if bought.is_none() {
            push(Severity::Notice, None, "三公表有公务用车购置及运行费，但说明未写公务用车购置数（辆）".into(), "the 三公 table shows vehicle spending, but the narrative does not state the number of vehicles bought".into());
        }
        if fleet.is_none() {
            push(Severity::Notice, None, "三公表有公务用车购置及运行费，但说明未写公务用车保有量（辆）".into(), "the 三公 table shows vehicle spending, but the narrative does not state the fleet size".into());
        }
    }
    match bought {
        Some((0, p)) if buy_spent > Decimal::ZERO => push(Severity::Warning, line_of(p), format!("说明称公务用车购置数 0 辆，但购置费决算为 {} {unit}", fmt(buy_spent)), format!("the narrative states 0 vehicles bought, but vehicle purchase spending is {} {unit}", fmt(buy_spent))),
        Some((n, p)) if n > 0 && buy_spent <= Decimal::ZERO && actual.vehicle_purchase.is_some() => push(Severity::Warning, line_of(p), format!("说明称购置公务用车 {n} 辆，但购置费决算为 0"), format!("the narrative states {n} vehicles bought, but vehicle purchase spending is 0")),
        _ => {}
    }
    // 公务接待
    let rec_spent = spent(SangongItem::Reception);
    if rec_spent > Decimal::ZERO {
        let batches = count(
            &text,
            &["国内接待", "国内公务接待", "接待批次", "公务接待", "接待"],
            &["批次", "次", "批"],
        );
        let guests = count(
            &text,
            &["接待人数", "接待人次", "共接待", "人数共"],
            &["人次", "人"],
        );
        for (what_zh, what_en, c) in [
            ("接待批次", "receptions", batches),
            ("接待人次", "guests", guests),
        ] {
            if c.is_none() {
                push(Severity::Notice, None, format!("三公表有公务接待费 {} {unit}，但说明未写{what_zh}", fmt(rec_spent)), format!("the 三公 table shows {} {unit} of official reception, but the narrative does not state the number of {what_en}", fmt(rec_spent)));
            }
        }
        let foreign = count(&text, &["来访团组", "外宾团组"], &["个", "批"]);
        if let Some((0, p)) = batches {
            if foreign.is_none_or(|(n, _)| n == 0) {
                push(
                    Severity::Warning,
                    line_of(p),
                    format!(
                        "说明称接待 0 批次，但公务接待费决算为 {} {unit}",
                        fmt(rec_spent)
                    ),
                    format!(
                        "the narrative states 0 receptions, but reception spending is {} {unit}",
                        fmt(rec_spent)
                    ),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, NarrativeLine, SangongBlock, SangongFigures, Unit};

    fn doc(reception: &str, text: &str) -> Document {
        let a = |s: &str| Some(Amount::new(s.parse().unwrap()));
        Document {
            meta: crate::model::Meta {
                kind: ReportKind::Final,
                ..Default::default()
            },
            sangong: Some(SangongBlock {
                unit: Unit::WanYuan,
                table: "t7".into(),
                budget: None,
                actual: Some(SangongFigures {
                    total: a("1.52"),
                    outbound: a("0"),
                    vehicle: a("1.02"),
                    vehicle_purchase: a("0"),
                    vehicle_operation: a("1.02"),
                    reception: a(reception),
                }),
                admin_operation: None,
                empty: false,
            }),
            narrative: vec![NarrativeLine {
                line: 40,
                text: text.into(),
            }],
            ..Default::default()
        }
    }

    const FULL: &str = "出国团组0个、累计0人次。公务用车购置支出为0万元，2020年公务用车购置数0辆。2020年局机关公务用车保有量为1辆。公务接待费支出0.5万元。共接待国外来访团组0个，来访外宾0人次；发生国内接待3次，接待人数共25人。";

    #[test]
    fn a_full_disclosure_passes() {
        let d = doc("0.5", FULL);
        assert!(check(&d).is_empty(), "{:#?}", check(&d));
    }

    #[test]
    fn missing_and_contradicting_counts_are_named() {
        let d = doc(
            "0.5",
            &FULL
                .replace(
                    "发生国内接待3次，接待人数共25人",
                    "发生国内接待0次，接待人数共0人",
                )
                .replace("公务用车保有量为1辆", "公务用车1辆"),
        );
        let f: Vec<_> = check(&d).into_iter().map(|i| i.finding).collect();
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f
            .iter()
            .any(|f| f.message_zh.contains("保有量") && f.severity == Severity::Notice));
        assert!(f
            .iter()
            .any(|f| f.message_zh.contains("接待 0 批次") && f.line == Some(40)));
    }
}
