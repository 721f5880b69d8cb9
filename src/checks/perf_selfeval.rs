//! `perf_selfeval` — the performance self-evaluation form's own arithmetic:
//! 预算完成率, 预算调整率 and 年度预算调整数, the project form's fund rows, and
//! the 分值 / 得分 sums.
//!
//! What (on the forms [`crate::reader::perf_form`] reads):
//! - 预算完成率 = 实际支出 ÷ 调整预算 (else ÷ 全年预算数), at the precision
//!   printed (each figure ± half its last digit): beyond that an `error`;
//! - 预算调整率 = (调整预算 − 年初预算) ÷ 年初预算 and 年度预算调整数 = 调整预算 −
//!   年初预算, in magnitude an `error` when they do not follow; a rate or an
//!   amount printed without its minus sign for a budget that was cut is a
//!   `warning` (forms differ in whether they print the sign);
//! - the project form's 总额 row: 预算完成率 = 完成数 ÷ 预算数 (`error`), and its
//!   其中 rows against it (`warning`: not every form lists every source);
//! - Σ 分值 (indicator rows, plus the funds row's own 分值) against the 总分
//!   row, and Σ 得分 likewise: a `warning` (the rows come from OCR text);
//! - with the final accounts pasted too: 实际支出 against the 收入支出决算总表's
//!   本年支出合计, a `notice` with both figures (the form may count only
//!   财政拨款).
//!
//! Why: the completion rate is the self-evaluation's headline figure, typed by
//! hand into a form nobody re-adds; reviewers recompute it first.
//!
//! Example: `部门调整预算收入 9368.62 … 实际支出数 9100.04 … 预算完成率 97.10%` is an
//! `error`: 9100.04 ÷ 9368.62 = 97.13 %. `97.13%` → nothing.

use super::narrative::{pct_consistent, pct_interval};
use super::util::{fmt, fmt_pct, Issue};
use crate::model::{Amount, Document, Finding, Severity};
use crate::reader::perf_form::{PerfForm, PerfKey};
use crate::rounding::half_unit;
use crate::text::Has;
use rust_decimal::Decimal;

pub const RULE: &str = "perf_selfeval";

fn field(f: &PerfForm, key: PerfKey) -> Option<&crate::reader::perf_form::PerfField> {
    f.fields.iter().find(|x| x.key == key)
}

fn hundred() -> Decimal {
    Decimal::from(100)
}

/// `rate` (a printed percentage) against `num ÷ den`; an error finding when
/// the intervals cannot meet.
fn rate_issue(
    line: usize,
    what_zh: &str,
    what_en: &str,
    num: Amount,
    den: Amount,
    rate: Amount,
) -> Option<Issue> {
    let (n, d) = (num.value, den.value);
    // No form holds 10^12 万元: larger is a misreading, and would overflow the ratio.
    let big = Decimal::from(1_000_000_000_000i64);
    if n.abs() > big || d.abs() > big || d.abs() < Decimal::new(1, 4) {
        return None;
    }
    let (lo, hi) = pct_interval(n, half_unit(n), d, half_unit(d))?;
    if pct_consistent(rate.value, lo, hi) {
        return None;
    }
    let expected = (n.abs() / d.abs() * hundred()).round_dp(rate.value.scale().max(2));
    let mut f = Finding::new(
        RULE,
        Severity::Error,
        format!(
            "绩效自评表{what_zh}为 {}%，按 {} 与 {} 计算应为 {}",
            rate.value,
            fmt(n),
            fmt(d),
            fmt_pct(expected)
        ),
        format!(
            "the self-evaluation form's {what_en} is {}%; from {} against {} it is {}",
            rate.value,
            fmt(n),
            fmt(d),
            fmt_pct(expected)
        ),
    )
    .at_line(line);
    f.expected = Some(expected);
    f.found = Some(rate.value);
    f.difference = Some((rate.value.abs() - expected).abs());
    f.tolerance = Some(half_unit(rate.value));
    Some(Issue::plain(f))
}

pub fn check(doc: &Document) -> Vec<Issue> {
    let mut out = Vec::new();
    for form in &doc.perf_forms {
        out.extend(money_block(doc, form));
        out.extend(fund_rows(form));
        out.extend(scores(form));
    }
    out
}

fn money_block(doc: &Document, form: &PerfForm) -> Vec<Issue> {
    let mut out = Vec::new();
    let adjusted = field(form, PerfKey::Adjusted);
    let initial = field(form, PerfKey::Initial);
    let actual = field(form, PerfKey::Actual);
    if let (Some(a), Some(b), Some(r)) = (actual, adjusted, field(form, PerfKey::Rate)) {
        out.extend(rate_issue(
            r.line,
            &format!("的{}", r.label),
            "completion rate",
            a.value,
            b.value,
            r.value,
        ));
    }
    if let (Some(adj), Some(init)) = (adjusted, initial) {
        let change = adj.value.value - init.value.value;
        let tol = half_unit(adj.value.value) + half_unit(init.value.value);
        let cut = change < -tol;
        if let Some(r) = field(form, PerfKey::AdjustRate) {
            let issue = rate_issue(
                r.line,
                &format!("的{}", r.label),
                "budget adjustment rate",
                Amount::new(change),
                init.value,
                r.value,
            );
            let wrong = issue.is_some();
            out.extend(issue);
            if !wrong
                && (cut && r.value.value > Decimal::ZERO
                    || change > tol && r.value.value < Decimal::ZERO)
            {
                out.push(Issue::plain(
                    Finding::new(
                        RULE,
                        Severity::Warning,
                        format!(
                            "绩效自评表的预算调整率写作 {}%，但调整预算 {} {}年初预算 {}，调整率应为{}数",
                            r.value.value,
                            fmt(adj.value.value),
                            if cut { "小于" } else { "大于" },
                            fmt(init.value.value),
                            if cut { "负" } else { "正" }
                        ),
                        format!(
                            "the form's budget adjustment rate is {}%, but the adjusted budget {} is {} the initial {}: the rate should be {}",
                            r.value.value,
                            fmt(adj.value.value),
                            if cut { "below" } else { "above" },
                            fmt(init.value.value),
                            if cut { "negative" } else { "positive" }
                        ),
                    )
                    .at_line(r.line),
                ));
            }
        }
        if let Some(m) = field(form, PerfKey::AdjustAmount) {
            let v = m.value.value;
            let t = tol + half_unit(v);
            if (v.abs() - change.abs()).abs() > t {
                let mut f = Finding::new(
                    RULE,
                    Severity::Error,
                    format!(
                        "绩效自评表的年度预算调整数为 {}，按调整预算 {} 与年初预算 {} 计算应为 {}",
                        fmt(v),
                        fmt(adj.value.value),
                        fmt(init.value.value),
                        fmt(change)
                    ),
                    format!(
                        "the form's budget adjustment is {}; from the adjusted budget {} and the initial {} it is {}",
                        fmt(v),
                        fmt(adj.value.value),
                        fmt(init.value.value),
                        fmt(change)
                    ),
                )
                .at_line(m.line);
                f.expected = Some(change);
                f.found = Some(v);
                f.difference = Some((v.abs() - change.abs()).abs());
                f.tolerance = Some(t);
                out.push(Issue::plain(f));
            }
        }
    }
    // With the final accounts pasted too: 实际支出 against 本年支出合计.
    if let (Some(a), Some(t)) = (
        actual,
        doc.table_of_kind("final.income_expenditure_summary"),
    ) {
        let total = t
            .rows
            .iter()
            .filter(|r| r.side == Some(1) || r.side.is_none())
            .find(|r| crate::text::compact(&r.label).has("本年支出合计"))
            .and_then(|r| r.values.iter().flatten().next().copied());
        if let Some(total) = total {
            let unit = t.unit_or(doc.meta.unit);
            let tv = unit.convert(total.value, crate::model::Unit::WanYuan);
            let tol = half_unit(a.value.value)
                + unit.convert(half_unit(total.value), crate::model::Unit::WanYuan);
            if (tv - a.value.value).abs() > tol {
                let mut f = Finding::new(
                    RULE,
                    Severity::Notice,
                    format!(
                        "绩效自评表的实际支出 {} 万元与收入支出决算总表的本年支出合计 {} 万元不同（自评表可能只计财政拨款）",
                        fmt(a.value.value),
                        fmt(tv)
                    ),
                    format!(
                        "the form's actual spending {} differs from the final accounts' 本年支出合计 {} (the form may count only fiscal appropriations)",
                        fmt(a.value.value),
                        fmt(tv)
                    ),
                )
                .at_line(a.line);
                f.expected = Some(tv);
                f.found = Some(a.value.value);
                f.difference = Some((tv - a.value.value).abs());
                f.tolerance = Some(tol);
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

fn fund_rows(form: &PerfForm) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(total) = form
        .fund_rows
        .first()
        .filter(|r| r.label == "总额" || r.label == "合计")
    else {
        return out;
    };
    if let Some(rate) = total.rate {
        out.extend(rate_issue(
            total.line,
            "资金“总额”行的预算完成率",
            "funds row's completion rate",
            total.actual,
            total.budget,
            rate,
        ));
    }
    let parts = &form.fund_rows[1..];
    if parts.len() >= 2 {
        for (name_zh, name_en, get) in [
            (
                "预算数",
                "budget",
                (|r: &crate::reader::perf_form::FundRow| r.budget.value) as fn(&_) -> Decimal,
            ),
            ("完成数", "actual", |r| r.actual.value),
        ] {
            let sum: Decimal = parts.iter().map(get).sum();
            let t = get(total);
            let tol = parts.iter().map(|r| half_unit(get(r))).sum::<Decimal>() + half_unit(t);
            if (sum - t).abs() > tol {
                let mut f = Finding::new(
                    RULE,
                    Severity::Warning,
                    format!(
                        "绩效自评表资金“总额”的{name_zh} {} 与其下各行之和 {} 不符",
                        fmt(t),
                        fmt(sum)
                    ),
                    format!(
                        "the form's funds total {name_en} {} differs from the sum of its rows {}",
                        fmt(t),
                        fmt(sum)
                    ),
                )
                .at_line(total.line);
                f.expected = Some(sum);
                f.found = Some(t);
                f.difference = Some((sum - t).abs());
                f.tolerance = Some(tol);
                out.push(Issue::plain(f));
            }
        }
    }
    out
}

fn scores(form: &PerfForm) -> Vec<Issue> {
    let mut out = Vec::new();
    let Some(total) = &form.total_score else {
        return out;
    };
    if form.scores.is_empty() {
        return out;
    }
    let fund = form.fund_rows.first();
    let mut check = |name_zh: &str,
                     name_en: &str,
                     printed: Option<Amount>,
                     rows: Decimal,
                     fund_part: Option<Decimal>| {
        let Some(p) = printed else { return };
        let expected = rows + fund_part.unwrap_or_default();
        if expected != p.value {
            let mut f = Finding::new(
                RULE,
                Severity::Warning,
                format!(
                    "绩效自评表“{}”的{name_zh} {} 与各项之和 {} 不符",
                    total.label, p.value, expected
                ),
                format!(
                    "the form's {} {name_en} {} differs from the sum of its rows {}",
                    total.label, p.value, expected
                ),
            )
            .at_line(total.line);
            f.expected = Some(expected);
            f.found = Some(p.value);
            f.difference = Some((expected - p.value).abs());
            out.push(Issue::plain(f));
        }
    };
    let w: Decimal = form
        .scores
        .iter()
        .filter_map(|s| s.weight)
        .map(|a| a.value)
        .sum();
    let s: Decimal = form
        .scores
        .iter()
        .filter_map(|s| s.score)
        .map(|a| a.value)
        .sum();
    check(
        "分值",
        "weight",
        total.weight,
        w,
        fund.and_then(|f| f.weight).map(|a| a.value),
    );
    check(
        "得分",
        "score",
        total.score,
        s,
        fund.and_then(|f| f.score).map(|a| a.value),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str =
        include_str!("../../tests/fixtures/perf/tianhe-zwsjj-2021-perf-selfeval.txt");

    #[test]
    fn the_corpus_form_s_completion_rate_is_wrong() {
        let doc = crate::reader::read(FORM);
        let f: Vec<_> = check(&doc).into_iter().map(|i| i.finding).collect();
        let errors: Vec<_> = f.iter().filter(|f| f.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 1, "{f:#?}");
        assert_eq!(errors[0].line, Some(9));
        assert_eq!(errors[0].expected, Some(Decimal::new(9713, 2)));
        assert_eq!(errors[0].found, Some(Decimal::new(9710, 2)));
        // 9368.62 < 9543.38: the adjustment rate 1.83% is right in size, printed without its sign.
        assert!(f
            .iter()
            .any(|f| f.severity == Severity::Warning && f.line == Some(9)));
    }

    #[test]
    fn the_corrected_form_passes() {
        let fixed = FORM.replace("97.10%", "97.13%").replace("1.83%", "-1.83%");
        let doc = crate::reader::read(&fixed);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
    }

    const PROJECT: &str = "2020 年度项目支出绩效自评表\n单位：万元\n项目资金\t\t年度预算数\t年度预算完\t分值\t预算完成\t得分\n(万元)\t\t\t\t成数\t\t率\t\t\n\t总额\t\t\t43.13\t43.13\t20\t100%\t20\n\t其中：财政拨款（区级支出）\t\t\t43.13\t43.13\t\t\t\n\t财政拨款（转移支付）\t\t\t0.00\t0.00\t\t\t\n\t非财政拨款\t\t\t0.00\t0.00\t\t\t\n指标类别\t一级指标\t二级指标\t年度指标值\t实际完成指标值\t分值\t得分\t偏差原因分析及改进措施\n产出指标\t数量指标\t系统改造\t完成\t完成\t40\t40\t-\n\t\t初步验收\t通过\t通过\t20\t20\t-\n效益指标\t社会效益\t用户体验度\t提升\t提升\t20\t20\t-\n总分\t\t\t100\t\t\t\t\n";

    #[test]
    fn a_project_form_that_adds_up_passes_and_a_slip_is_named() {
        let doc = crate::reader::read(PROJECT);
        assert_eq!(doc.perf_forms.len(), 1);
        assert_eq!(doc.perf_forms[0].scores.len(), 3);
        assert!(check(&doc).is_empty(), "{:#?}", check(&doc));
        let bad = PROJECT
            .replace("\t43.13\t20\t100%", "\t41.13\t20\t100%")
            .replace("\t40\t40\t-", "\t30\t30\t-");
        let doc = crate::reader::read(&bad);
        let f: Vec<_> = check(&doc).into_iter().map(|i| i.finding).collect();
        assert!(
            f.iter()
                .any(|f| f.severity == Severity::Error && f.line == Some(5)),
            "{f:#?}"
        );
        assert!(
            f.iter().any(|f| f.severity == Severity::Warning
                && f.line == Some(13)
                && f.expected == Some(Decimal::from(90))),
            "{f:#?}"
        );
    }
}
