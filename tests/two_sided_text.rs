//! Two-sided tables (收支总表, 财政拨款收支总表) in text without positions, as a PDF
//! viewer copies them: a line naming the halves over the header, a spending row with
//! the income half blank, both halves' labels on one line and their figures on the
//! next. Each must read as printed — every column named, every figure in its half —
//! so that correct figures raise nothing and a planted one raises an error.

use budgetlens::model::{Severity, Table};

fn analysis(text: &str) -> budgetlens::Analysis {
    budgetlens::analyze(text)
}

fn table<'a>(a: &'a budgetlens::Analysis, kind: &str) -> &'a Table {
    a.tables
        .iter()
        .find(|t| t.kind == kind)
        .expect("table read")
}

fn serious(a: &budgetlens::Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.severity != Severity::Notice)
        .map(|f| format!("{}: {}", f.rule, f.message_en))
        .collect()
}

/// The errors of an analysis (of one rule, or of any), as `rule: message` lines.
fn errors(a: &budgetlens::Analysis, rule: Option<&str>) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.severity == Severity::Error && rule.is_none_or(|r| f.rule == r))
        .map(|f| format!("{}: {}", f.rule, f.message_en))
        .collect()
}

fn row<'a>(t: &'a Table, label: &str) -> &'a budgetlens::model::Row {
    t.rows.iter().find(|r| r.label == label).unwrap_or_else(|| {
        panic!(
            "row {label} in {:?}",
            t.rows.iter().map(|r| &r.label).collect::<Vec<_>>()
        )
    })
}

fn figures(r: &budgetlens::model::Row) -> Vec<String> {
    r.values
        .iter()
        .map(|v| v.map(|a| a.value.to_string()).unwrap_or_default())
        .collect()
}

const SUMMARY: &str = "2024年部门财务收支预算总表
编制部门：某某街道办事处 单位：元
本年收入 本年支出
项目 预算数 项目 预算数
一、财政拨款收入 1,000 一、一般公共服务支出 600
二、事业收入 二、教育支出 400
收入总计 1,000 支出总计 1,000
";

#[test]
fn a_line_naming_the_halves_names_no_column() {
    let a = analysis(SUMMARY);
    let t = table(&a, "budget.summary");
    assert_eq!(
        t.columns,
        ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    );
    assert_eq!(figures(row(t, "一、财政拨款收入")), ["1000"]);
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    let planted = analysis(&SUMMARY.replace("支出总计 1,000", "支出总计 1,100"));
    assert!(
        !errors(&planted, Some("two_sided_totals")).is_empty(),
        "{:#?}",
        serious(&planted)
    );
}

const FISCAL: &str = "2024年部门财政拨款收支预算总表
编制部门：某某街道办事处 单位：元
财政拨款收入 财政拨款支出
项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算
一、一般公共预算资金 1,000 一、一般公共服务支出 600 600
二、政府性基金 二、教育支出 300 300
五、社会保障和就业支出 100 100
收入总计 1,000 支出总计 1,000 1,000
";

#[test]
fn a_spending_row_with_the_income_half_blank_is_the_spending_halfs() {
    let a = analysis(FISCAL);
    let t = table(&a, "budget.fiscal_summary");
    assert_eq!(t.columns[..2], ["收入/项目", "收入/预算数"]);
    let r = row(t, "五、社会保障和就业支出");
    assert_eq!(r.side, Some(1));
    assert_eq!(figures(r), ["100", "100", "", ""]);
    // (Which fund column a figure beside 合计 stands in the text cannot tell: those
    // rows are said to be unchecked, never errors.)
    assert!(errors(&a, None).is_empty(), "{:#?}", serious(&a));
}

const FINAL: &str = "收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 一、一般公共服务支出
2,940.05 2,106.66
二、其他收入 二、教育支出
6.20 839.39
本年收入合计 本年支出合计
2,946.25 2,946.05
";

#[test]
fn both_halves_labels_on_one_line_and_their_figures_below() {
    let a = analysis(FINAL);
    let t = table(&a, "final.income_expenditure_summary");
    assert_eq!(
        t.columns,
        ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    );
    let left = row(t, "一、一般公共预算财政拨款收入");
    assert_eq!(
        (left.side, figures(left)),
        (Some(0), vec!["2940.05".to_string()])
    );
    let right = row(t, "一、一般公共服务支出");
    assert_eq!(
        (right.side, figures(right)),
        (Some(1), vec!["2106.66".to_string()])
    );
    assert_eq!(row(t, "本年支出合计").side, Some(1));
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
}

#[test]
fn figures_under_a_wrapped_spending_label_are_one_row_of_its_half() {
    let text = FISCAL
        .replace("一、一般公共预算资金 1,000", "一、一般公共预算资金 1,050")
        .replace(
            "收入总计 1,000 支出总计 1,000 1,000",
            "四、文化旅游体育与传媒\n50 50\n支出\n收入总计 1,050 支出总计 1,050 1,050",
        );
    let a = analysis(&text);
    let t = table(&a, "budget.fiscal_summary");
    let r = row(t, "四、文化旅游体育与传媒支出");
    assert_eq!(
        (r.side, figures(r)),
        (Some(1), ["50", "50", "", ""].map(String::from).to_vec())
    );
    assert!(errors(&a, None).is_empty(), "{:#?}", serious(&a));
}

/// The unit budget's summary: the spending half's figures under 合计, 基本支出
/// (人员经费, 公用经费) and 项目支出, printed on three lines that text without
/// positions stitches into one run (the 合计 onto 本年收入).
const UNIT_SUMMARY: &str = "2024年预算单位财务收支预算总表
编制单位：某某福利院 单位：元
本年收入 本年支出
预算数
项目 预算数 项目 基本支出
合计 项目支出
人员经费 公用经费
一、财政拨款收入 1,000 一、社会保障和就业支出 1,000 600 150 250
二、事业收入
收入总计 1,000 支出总计 1,000 600 150 250
";

#[test]
fn the_spending_half_nests_staff_and_office_costs_under_basic_spending() {
    let a = analysis(UNIT_SUMMARY);
    let t = table(&a, "budget.summary");
    assert_eq!(
        t.columns,
        [
            "收入/项目",
            "收入/预算数",
            "支出/项目",
            "支出/合计",
            "支出/基本支出/人员经费",
            "支出/基本支出/公用经费",
            "支出/项目支出"
        ]
    );
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    // 合计 = 人员经费 + 公用经费 + 项目支出, so a planted 人员经费 breaks the row.
    let planted =
        analysis(&UNIT_SUMMARY.replace("支出 1,000 600 150 250\n二", "支出 1,000 700 150 250\n二"));
    assert!(
        !errors(&planted, None).is_empty(),
        "{:#?}",
        serious(&planted)
    );
}

/// Not two-sided, but printed in the same reports: the budget's income table under a
/// `收入预算` heading, its 事业单位经营收入 wrapped around the line of the others.
const INCOME: &str = "2024年部门收入预算总表
编制部门：某某街道办事处 单位：元
项目 收入预算
功能分类科目编码
事业单位
功能分类科目名称 合计 财政拨款收入 事业收入 其他收入
经营收入
类 款 项
201 一般公共服务支出 1,000 700 100 150 50
201 05 统计信息事务 1,000 700 100 150 50
201 05 06 统计管理 1,000 700 100 150 50
合计 1,000 700 100 150 50
";

#[test]
fn an_income_heading_in_pieces_names_no_column() {
    let a = analysis(INCOME);
    let t = table(&a, "budget.income");
    assert_eq!(
        t.value_columns,
        [
            "合计",
            "财政拨款收入",
            "事业收入",
            "事业单位经营收入",
            "其他收入"
        ]
    );
    assert!(
        a.findings.iter().all(|f| f.rule != "header_unread"),
        "{:#?}",
        serious(&a)
    );
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    let planted = analysis(&INCOME.replace("统计管理 1,000 700", "统计管理 1,000 710"));
    assert!(
        !errors(&planted, None).is_empty(),
        "{:#?}",
        serious(&planted)
    );
}

#[test]
fn a_numbered_spending_label_after_a_label_of_several_pieces_opens_the_right_half() {
    let a = analysis(&SUMMARY.replace(
        "二、事业收入 二、教育支出 400",
        "2. 政府性基金 二、教育支出 400",
    ));
    let t = table(&a, "budget.summary");
    assert_eq!(row(t, "2.政府性基金").side, Some(0));
    let r = row(t, "二、教育支出");
    assert_eq!((r.side, figures(r)), (Some(1), vec!["400".to_string()]));
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
}
