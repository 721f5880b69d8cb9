//! Whole reports in layouts the corpus does not have, read AND checked end to
//! end: a 2022+ template printed by `pdftotext -layout` (Yunnan-style, three
//! column groups in the basic-expenditure table) and a final report pasted
//! from a web page as pipes whose merged header cells collapsed (`| 收入 | 支出 |`
//! over six data cells, `| 预算数 | 决算数 |` over sixteen, a 三公 table with
//! 会议费 and 培训费 beside the items). Correct figures must raise no error and no
//! warning; one planted cell must raise an error in its own table.

use budgetlens::model::Severity;

fn text(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/provinces")
        .join(name);
    std::fs::read_to_string(p).expect("fixture")
}

fn serious(a: &budgetlens::Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.severity != Severity::Notice)
        .map(|f| format!("{} line {:?}: {}", f.rule, f.line, f.message_en))
        .collect()
}

fn errors_in(a: &budgetlens::Analysis, table_kind: &str) -> usize {
    let ids: Vec<&str> = a
        .tables
        .iter()
        .filter(|t| t.kind == table_kind)
        .map(|t| t.id.as_str())
        .collect();
    a.findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error && f.table.as_deref().is_some_and(|t| ids.contains(&t))
        })
        .count()
}

/// The tables' kinds, in order.
fn kinds(a: &budgetlens::Analysis) -> Vec<&str> {
    a.tables.iter().map(|t| t.kind.as_str()).collect()
}

/// Each table's kind and row count, in order.
fn kinds_and_rows(a: &budgetlens::Analysis) -> Vec<(&str, usize)> {
    a.tables
        .iter()
        .map(|t| (t.kind.as_str(), t.rows.len()))
        .collect()
}

/// `t` with the first `from` turned into `to`, analysed: the finding that pins
/// the planted cell.
fn pinned_after(t: &str, from: &str, to: &str) -> budgetlens::model::Finding {
    let planted = t.replacen(from, to, 1);
    assert_ne!(planted, t, "nothing planted");
    budgetlens::analyze(&planted)
        .findings
        .into_iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("the planted cell is pinned")
}

#[test]
fn layout_columns_report_is_consistent() {
    let a = budgetlens::analyze(&text("yunnan-style-2023-final-layout.txt"));
    assert_eq!(a.tables.len(), 9);
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
}

#[test]
fn layout_columns_report_with_planted_cells() {
    let t = text("yunnan-style-2023-final-layout.txt");
    // 30231 in the third column group's neighbour half; 2130101 in the expenditure table.
    let planted = t
        .replace("公务用车运行维护费   25.00", "公务用车运行维护费   26.00")
        .replacen(
            "2130101  行政运行                    700.00       700.00",
            "2130101  行政运行                    700.00       710.00",
            1,
        );
    assert_ne!(planted, t);
    let a = budgetlens::analyze(&planted);
    assert!(errors_in(&a, "final.general_budget_basic_expenditure") >= 1);
    assert!(errors_in(&a, "final.expenditure") >= 1);
    let pin = a
        .findings
        .iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("the planted expenditure cell is pinned");
    assert_eq!(pin.row.as_deref(), Some("2130101"));
    assert_eq!(
        pin.expected.map(|d| d.to_string()).as_deref(),
        Some("700.00")
    );
}

#[test]
fn pasted_web_tables_hold_only_the_narrative_slip() {
    let a = budgetlens::analyze(&text("html-pipes-2022-final.txt"));
    let kinds = kinds(&a);
    assert_eq!(
        kinds,
        [
            "final.income_expenditure_summary",
            "final.income",
            "final.expenditure",
            "final.fiscal_summary",
            "final.general_budget_expenditure",
            "final.general_budget_basic_expenditure",
            "final.sangong",
            "final.gov_fund",
            "final.state_capital",
        ]
    );
    let rows: Vec<usize> = a.tables.iter().map(|t| t.rows.len()).collect();
    assert_eq!(rows[..7], [36, 23, 23, 15, 23, 33, 1]);
    // Merged cells widened: the 合计 label over 编码 + 名称, the two 合计 of the
    // basic table on one four-cell line.
    let income = &a.tables[1];
    assert_eq!(income.value_columns[0], "本年收入合计");
    let total = &income.rows[0];
    assert_eq!(total.label, "合计");
    assert_eq!(
        total
            .values
            .iter()
            .map(|v| v.map(|a| a.value.to_string()))
            .collect::<Vec<_>>(),
        [
            Some("5925.55".into()),
            Some("5726.80".into()),
            None,
            Some("186.30".into()),
            None,
            None,
            Some("12.45".into())
        ]
    );
    let basic = &a.tables[5];
    let t2 = |label: &str| {
        basic
            .rows
            .iter()
            .find(|r| r.label == label)
            .and_then(|r| r.values[0])
            .map(|v| v.value.to_string())
    };
    assert_eq!(t2("人员经费合计").as_deref(), Some("2372.38"));
    assert_eq!(t2("公用经费合计").as_deref(), Some("160.99"));
    let sg = a.sangong.as_ref().expect("三公");
    let show = |f: &budgetlens::model::SangongFigures| {
        [
            f.total,
            f.outbound,
            f.vehicle,
            f.vehicle_purchase,
            f.vehicle_operation,
            f.reception,
        ]
        .iter()
        .map(|v| v.map(|a| a.value.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
    };
    assert_eq!(
        show(sg.budget.as_ref().unwrap()),
        ["12.00", "0.00", "8.50", "0.00", "8.50", "3.50"]
    );
    assert_eq!(
        show(sg.actual.as_ref().unwrap()),
        ["9.86", "0.00", "7.42", "0.00", "7.42", "2.44"]
    );
    // The narrative's 公务接待费 2.64 against the table's 2.44 is the one error.
    let s = serious(&a);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(
        s[0].starts_with("narrative_figures line Some(250)"),
        "{s:#?}"
    );
}

#[test]
fn pasted_web_tables_with_a_planted_cell() {
    let t = text("html-pipes-2022-final.txt");
    let planted = t.replacen(
        "| 2080505 | 机关事业单位基本养老保险缴费支出 | 312.56 | 312.56 |",
        "| 2080505 | 机关事业单位基本养老保险缴费支出 | 312.56 | 321.56 |",
        1,
    );
    assert_ne!(planted, t);
    let a = budgetlens::analyze(&planted);
    assert!(errors_in(&a, "final.income") >= 1, "{:#?}", serious(&a));
}

/// The central budget template many provinces use since 2019 (部门收支总表 …
/// 项目支出表), tab text in 元 with 类/款/项 as three columns, a table split over
/// two pages, 上年结转结余 as a column of the income table, the 三公 in one row.
#[test]
fn central_budget_template_is_consistent() {
    let a = budgetlens::analyze(&text("central-template-2025-budget.txt"));
    let kinds = kinds(&a);
    assert_eq!(
        kinds,
        [
            "budget.summary",
            "budget.income",
            "budget.expenditure",
            "budget.fiscal_summary",
            "budget.general_budget_by_function",
            "budget.general_budget_basic_by_economic",
            "budget.sangong",
            "budget.gov_fund",
            "budget.state_capital",
            "budget.project_by_unit",
        ]
    );
    // The split table is one table; 201 38 01 is one code.
    let by_function = &a.tables[4];
    assert_eq!(by_function.pages, 2);
    assert!(by_function
        .rows
        .iter()
        .any(|r| r.code.as_deref() == Some("2013801")));
    let sg = a.sangong.as_ref().expect("三公");
    let b = sg.budget.as_ref().expect("budget");
    assert_eq!(
        b.total.map(|v| v.value.to_string()).as_deref(),
        Some("286000.00")
    );
    assert_eq!(
        b.vehicle_purchase.map(|v| v.value.to_string()).as_deref(),
        Some("180000.00")
    );
    assert!(sg.actual.is_none());
    // Narrative figures in 万元 rounded from 元 agree; the income table's 合计
    // (with 上年结转结余) is the summary's 收入总计; a bracketed split of 基本支出
    // is no part of the 一般公共预算 breakdown.
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    assert!(
        !a.findings.iter().any(|f| f.rule == "narrative_figures"),
        "{:#?}",
        a.findings
            .iter()
            .filter(|f| f.rule == "narrative_figures")
            .collect::<Vec<_>>()
    );
}

#[test]
fn central_budget_template_with_a_planted_cell() {
    let t = text("central-template-2025-budget.txt");
    let planted = t.replacen(
        "201\t38\t01\t行政运行\t18,426,530.00\t18,426,530.00",
        "201\t38\t01\t行政运行\t18,426,530.00\t18,462,530.00",
        1,
    );
    assert_ne!(planted, t);
    let a = budgetlens::analyze(&planted);
    assert!(
        errors_in(&a, "budget.general_budget_by_function") >= 1,
        "{:#?}",
        serious(&a)
    );
}

/// The same web page copied as tab text (what a browser puts on the clipboard:
/// one tab per cell, merged cells once) and as tab text whose trailing blank
/// cells an editor trimmed: read to the same rows and 三公 as the pipes.
#[test]
fn web_tables_as_pipes_tabs_or_trimmed_tabs_read_alike() {
    let pipes = text("html-pipes-2022-final.txt");
    let as_tabs = |trim: bool| -> String {
        pipes
            .lines()
            .map(|l| {
                if l.matches('|').count() < 2 {
                    return l.to_string();
                }
                let inner = l.trim();
                let inner = &inner[1..inner.len() - 1];
                let row = inner
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\t");
                if trim {
                    row.trim_end_matches('\t').to_string()
                } else {
                    row
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let rows = |a: &budgetlens::Analysis| -> Vec<Vec<String>> {
        a.tables
            .iter()
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| {
                        format!(
                            "{:?} {} {:?} {:?}",
                            r.code,
                            r.label,
                            r.side,
                            r.values
                                .iter()
                                .map(|v| v.map(|a| a.value.to_string()))
                                .collect::<Vec<_>>()
                        )
                    })
                    .collect()
            })
            .collect()
    };
    let from_pipes = budgetlens::analyze(&pipes);
    for trim in [false, true] {
        let a = budgetlens::analyze(&as_tabs(trim));
        assert_eq!(rows(&a), rows(&from_pipes), "trimmed: {trim}");
        assert_eq!(
            serde_json::to_string(&a.sangong).unwrap(),
            serde_json::to_string(&from_pipes.sangong).unwrap()
        );
        assert_eq!(serious(&a), serious(&from_pipes), "trimmed: {trim}");
    }
}

/// PDF text without layout (Shaanxi-style): single spaces, header cells wrapped
/// over three lines with one-line cells centred between (`本年支出合 上缴上级支
/// 对附属单位` / `基本支出 项目支出 经营支出` / `科目编码 科目名称 计 出 补助支出`),
/// the 三公 header the same way (`公务接` / `待费`, 合计 on the middle line),
/// two-sided rows whose labels wrap on either side, a table over two pages.
#[test]
fn wrapped_pdf_text_report_is_consistent() {
    let a = budgetlens::analyze(&text("shaanxi-style-2021-final-pdftext.txt"));
    let rows = kinds_and_rows(&a);
    assert_eq!(
        rows[..7],
        [
            ("final.income_expenditure_summary", 39),
            ("final.income", 17),
            ("final.expenditure", 17),
            ("final.fiscal_summary", 16),
            ("final.general_budget_expenditure", 17),
            ("final.general_budget_basic_expenditure", 33),
            ("final.sangong", 1),
        ]
    );
    assert_eq!(
        a.tables[2].value_columns,
        [
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    let summary = &a.tables[0];
    assert!(summary
        .rows
        .iter()
        .any(|r| r.label == "三、国有资本经营预算财政拨款收入"));
    assert!(summary
        .rows
        .iter()
        .any(|r| r.label == "二十二、灾害防治及应急管理支出"));
    let sg = a.sangong.as_ref().expect("三公");
    let actual = sg.actual.as_ref().expect("actual");
    assert_eq!(
        actual.total.map(|v| v.value.to_string()).as_deref(),
        Some("8.03")
    );
    assert_eq!(
        actual.reception.map(|v| v.value.to_string()).as_deref(),
        Some("1.28")
    );
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
}

#[test]
fn wrapped_pdf_text_report_with_a_planted_cell() {
    let pin = pinned_after(
        &text("shaanxi-style-2021-final-pdftext.txt"),
        "2101101 行政单位医疗 21.37 21.37",
        "2101101 行政单位医疗 21.37 22.37",
    );
    assert_eq!(pin.row.as_deref(), Some("2101101"));
    // The first 2101101 line is the income table's.
    assert_eq!(pin.table.as_deref(), Some("t2"));
    assert_eq!(pin.column.as_deref(), Some("财政拨款收入"));
    assert_eq!(
        pin.expected.map(|d| d.to_string()).as_deref(),
        Some("21.37")
    );
}

/// A table made from another department's file, or a cover left from another
/// report, shows in the `部门：` line or the cover: both are named.
#[test]
fn a_department_named_differently_in_one_table_or_on_the_cover() {
    let t = text("yunnan-style-2023-final-layout.txt");
    let one_table = t.replacen(
        "部门：某某县农业农村局                                                      金额单位：万元\n                    预算数",
        "部门：某某县农业农材局                                                      金额单位：万元\n                    预算数",
        1,
    );
    assert_ne!(one_table, t);
    let a = budgetlens::analyze(&one_table);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "department_name")
        .expect("named");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message_zh.contains("某某县农业农材局"),
        "{}",
        f.message_zh
    );
    assert_eq!(f.table.as_deref(), Some("t7"));

    let cover = t.replacen(
        "某某县农业农村局2023年度部门决算公开",
        "某某县林业局2023年度部门决算公开",
        1,
    );
    let a = budgetlens::analyze(&cover);
    assert!(
        a.findings
            .iter()
            .any(|f| f.rule == "department_name" && f.message_zh.contains("封面")),
        "{:#?}",
        serious(&a)
    );
    // The same report as written: nothing.
    assert!(!budgetlens::analyze(&t)
        .findings
        .iter()
        .any(|f| f.rule == "department_name"));
}

/// The narrative first and the tables in an appendix (`附表N`), every row of
/// tab text behind a leading tab, the 支出决算表 over three pages with its
/// header and 合计 repeated: no phantom column, one table, no finding.
#[test]
fn narrative_first_with_leading_tabs_is_consistent() {
    let a = budgetlens::analyze(&text("narrative-first-2023-final.txt"));
    let rows = kinds_and_rows(&a);
    assert_eq!(
        rows[..7],
        [
            ("final.income_expenditure_summary", 24),
            ("final.income", 22),
            ("final.expenditure", 22),
            ("final.fiscal_summary", 16),
            ("final.general_budget_expenditure", 22),
            ("final.general_budget_basic_expenditure", 35),
            ("final.sangong", 1),
        ]
    );
    assert_eq!(a.tables[2].pages, 3);
    assert_eq!(a.tables[2].value_columns.len(), 6);
    assert!(a.tables[2].rows.iter().all(|r| r.values.len() == 6));
    // `决算为13.56万元，完成预算18.00万元的75.33%，比上年减少1.64万元，下降10.79%`
    // is measured from 13.56, not from the budget.
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
}

/// Main tables in whole yuan, the 三公 table in 万元 to four decimals, the
/// narrative in 万元, and one table whose title, number and `单位：元` line are
/// printed after its rows: that table is one 支出决算表 in 元, and figures
/// compare across units within rounding.
#[test]
fn yuan_tables_and_a_title_printed_after_its_rows() {
    let a = budgetlens::analyze(&text("yuan-4dp-2020-final.txt"));
    let kinds = kinds(&a);
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    let e = &a.tables[2];
    assert_eq!(e.kind, "final.expenditure");
    assert_eq!(e.rows.len(), 22);
    assert_eq!(e.number.as_deref(), Some("公开03表"));
    assert_eq!(e.unit, Some(budgetlens::model::Unit::Yuan));
    let sg = a.sangong.as_ref().expect("三公");
    let actual = sg.actual.as_ref().expect("actual");
    assert_eq!(
        actual.total.map(|v| v.value.to_string()).as_deref(),
        Some("32.5975")
    );
    // The only non-notice: 机关运行经费 stated for 局机关 only (口径 differs).
    let s = serious(&a);
    assert!(
        s.iter()
            .all(|m| m.starts_with("narrative_figures line Some(210)")),
        "{s:#?}"
    );
}

/// A budget printed by `pdftotext -layout`: every blank cell gone from its row,
/// header words standing over their columns (wrapped over two lines, single-line
/// cells interleaved), a 三公 table with 接待 before the vehicle columns,
/// 机关运行经费 as a seventh value and `“三公”经费` as a heading. Rows are placed
/// under the header's own columns; where only the row's totals can place it,
/// arithmetic does; where two placements add up, a warning says so.
#[test]
fn aligned_budget_places_blank_cells_by_the_header() {
    let a = budgetlens::analyze(&text("hunan-budget-2025-layout.txt"));
    let rows = kinds_and_rows(&a);
    assert_eq!(
        rows,
        [
            ("budget.summary", 37),
            ("budget.income", 19),
            ("budget.expenditure", 19),
            ("budget.fiscal_summary", 16),
            ("budget.general_budget_by_function", 19),
            ("budget.general_budget_basic_by_economic", 30),
            ("budget.general_budget_project_by_economic", 9),
            ("budget.sangong", 4),
            ("budget.gov_fund", 0),
            ("budget.state_capital", 0),
            ("budget.project_by_unit", 8),
        ]
    );
    let income = &a.tables[1];
    assert_eq!(income.value_columns.len(), 7);
    assert_eq!(income.value_columns[6], "上年结转");
    let sg = a.sangong.as_ref().expect("三公");
    let b = sg.budget.as_ref().expect("budget");
    let show =
        |v: Option<budgetlens::model::Amount>| v.map(|a| a.value.to_string()).unwrap_or_default();
    assert_eq!(
        [
            b.total,
            b.outbound,
            b.vehicle,
            b.vehicle_purchase,
            b.vehicle_operation,
            b.reception
        ]
        .map(show),
        ["55.10", "0.00", "47.60", "24.00", "23.60", "7.50"]
    );
    assert_eq!(
        sg.admin_operation.map(|v| v.value.to_string()).as_deref(),
        Some("310.90")
    );
    // 质监站 1.50 1.50: 出国 or 接待, the text cannot tell — the only warning.
    let s = serious(&a);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].starts_with("ambiguous_row line Some(206)"), "{s:#?}");
    // One notice a table for the rows placed by alignment, not one a row.
    let placed = a
        .findings
        .iter()
        .filter(|f| f.rule == "row_placed_by_layout")
        .count();
    assert!(placed <= a.tables.len(), "{placed}");
}

#[test]
fn aligned_budget_with_a_planted_cell() {
    let pin = pinned_after(
        &text("hunan-budget-2025-layout.txt"),
        "30201     办公费                                        38.50",
        "30201     办公费                                        48.50",
    );
    assert_eq!(pin.row.as_deref(), Some("30201"));
    assert_eq!(
        pin.expected.map(|d| d.to_string()).as_deref(),
        Some("38.50")
    );
}

/// A budget in the pre-2019 naming (收支预算总表, 收入预算总表 …, `表五` on the line
/// above each title) as PDF text, its 三公 table with a 本年预算数 row above an
/// 上年预算数 row: the block is this year's, the number line is no part of the
/// title, and a planted cell is pinned in its table.
#[test]
fn older_budget_template_reads_this_years_sangong() {
    let t = text("older-budget-2017.txt");
    let a = budgetlens::analyze(&t);
    let kinds = kinds(&a);
    assert_eq!(
        kinds,
        [
            "budget.summary",
            "budget.income",
            "budget.expenditure",
            "budget.fiscal_summary",
            "budget.general_budget_by_function",
            "budget.general_budget_basic_by_economic",
            "budget.sangong",
            "budget.gov_fund",
        ]
    );
    assert_eq!(a.tables[4].title, "一般公共预算支出预算表");
    assert_eq!(a.tables[4].number.as_deref(), Some("表五"));
    let b = a
        .sangong
        .as_ref()
        .and_then(|s| s.budget.as_ref())
        .expect("budget");
    assert_eq!(
        b.total.map(|v| v.value.to_string()).as_deref(),
        Some("11.90")
    );
    assert_eq!(
        b.reception.map(|v| v.value.to_string()).as_deref(),
        Some("3.50")
    );
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));

    // The last 2010505 line is the 一般公共预算 table's.
    let at = t
        .rfind("2010505 专项统计业务 72.65 0.00 72.65")
        .expect("row");
    let planted = format!(
        "{}2010505 专项统计业务 72.65 0.00 74.65{}",
        &t[..at],
        &t[at + "2010505 专项统计业务 72.65 0.00 72.65".len()..]
    );
    assert_ne!(planted, t);
    let a = budgetlens::analyze(&planted);
    let pin = a
        .findings
        .iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("pinned");
    assert_eq!(pin.table.as_deref(), Some("t5"));
    assert_eq!(pin.row.as_deref(), Some("2010505"));
}

/// A final report copied out of Excel: merged header cells as a value and empty
/// cells, 类/款/项 in three columns, numbers in the general format (`38.6`,
/// `0`) among two-decimal ones. Such a cell is judged at its table's precision,
/// so a typo of 1.00 is an error pinned to its cell, not rounding.
#[test]
fn spreadsheet_numbers_are_judged_at_their_tables_precision() {
    let t = text("excel-merged-2021-final.txt");
    let a = budgetlens::analyze(&t);
    assert_eq!(a.tables.len(), 9);
    assert!(
        a.findings.iter().all(|f| f.severity != Severity::Error),
        "{:#?}",
        serious(&a)
    );
    let mut lines: Vec<String> = t.lines().map(String::from).collect();
    let row = lines
        .iter()
        .position(|l| l.starts_with("204\t06\t05\t普法宣传\t38.6\t0\t38.6"))
        .expect("row");
    lines[row] = lines[row].replacen("\t38.6\t0\t38.6", "\t38.6\t0\t37.6", 1);
    let a = budgetlens::analyze(&lines.join("\n"));
    let pin = a
        .findings
        .iter()
        .find(|f| f.rule == "cell_pinpoint")
        .expect("pinned");
    assert_eq!(pin.row.as_deref(), Some("2040605"));
    assert_eq!(pin.column.as_deref(), Some("项目支出"));
    // The table still shows the cell as printed.
    let cell = a.tables[2]
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2040605"))
        .and_then(|r| r.values[2])
        .expect("cell");
    assert_eq!(cell.value.to_string(), "37.6");
}

/// `pdftotext -layout` of a two-sided 基本支出 table whose long labels wrap around their
/// code line (`机关事业单位基本` / `30108   9.40   30206 电费 2.30` / `养老保险缴费`): the
/// code is the code (not a figure the half has no column for), the label is both
/// pieces, and 301 adds up. A planted cell in 30108 is an error on 301.
#[test]
fn layout_basic_table_with_labels_wrapped_around_code_lines() {
    let t = text("layout-basic-wrapped-labels-final.txt");
    let a = budgetlens::analyze(&t);
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    let rows = &a.tables[0].rows;
    let row = |code: &str| rows.iter().find(|r| r.code.as_deref() == Some(code));
    let r = row("30108").expect("30108 read as a code");
    assert_eq!(r.label, "机关事业单位基本养老保险缴费");
    assert_eq!(
        r.values[0].map(|v| v.value.to_string()).as_deref(),
        Some("9.40")
    );
    assert_eq!(
        row("30110").map(|r| r.label.as_str()),
        Some("职工基本医疗保险缴费")
    );
    assert_eq!(row("30107").map(|r| r.label.as_str()), Some("绩效工资"));
    assert_eq!(row("30206").map(|r| r.label.as_str()), Some("电费"));
    let planted = budgetlens::analyze(&t.replacen("    9.40   30206", "    9.90   30206", 1));
    assert_eq!(
        errors_in(&planted, "final.general_budget_basic_expenditure"),
        1,
        "{:#?}",
        serious(&planted)
    );
}

/// The same table copied without positions (one space between cells, as a PDF
/// viewer's plain copy gives it): the header's wrapped `经济分类` / `科目编码` must not
/// leave the left half without its 决算数 column, and the rows around a wrapped label
/// decide its half — the same codes, figures and labels as the aligned text.
#[test]
fn single_spaced_basic_table_with_labels_wrapped_around_code_lines() {
    let aligned = text("layout-basic-wrapped-labels-final.txt");
    let single: String = aligned
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let a = budgetlens::analyze(&single);
    assert!(serious(&a).is_empty(), "{:#?}", serious(&a));
    let t = &a.tables[0];
    assert_eq!(t.sides.len(), 2);
    assert!(
        t.sides.iter().all(|s| s.value_columns == ["决算数"]),
        "{:?}",
        t.columns
    );
    let rows_of = |a: &budgetlens::Analysis| -> Vec<(Option<String>, String, Vec<String>)> {
        a.tables[0]
            .rows
            .iter()
            .map(|r| {
                (
                    r.code.clone(),
                    r.label.clone(),
                    r.values
                        .iter()
                        .flatten()
                        .map(|v| v.value.to_string())
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(rows_of(&a), rows_of(&budgetlens::analyze(&aligned)));
}

/// A 决算 收入决算表 header copied without positions, one name wrapped onto a line of
/// its own above the others (`经营收入` / `科目编码 科目名称 本年收入合计 财政拨款收入 事业收入
/// 其他收入`), the unit printing a subset of the national columns: the names stand in
/// the template's order, so 财政拨款收入 is the column of 300.00, not of 100.00.
#[test]
fn wrapped_income_header_without_positions_takes_the_template_order() {
    let t = "收入决算表\n单位：万元\n经营收入\n科目编码 科目名称 本年收入合计 财政拨款收入 事业收入 其他收入\n\
             201 一般公共服务支出 500.00 300.00 100.00 60.00 40.00\n\
             20101 人大事务 500.00 300.00 100.00 60.00 40.00\n\
             2010101 行政运行 500.00 300.00 100.00 60.00 40.00\n";
    let a = budgetlens::analyze(t);
    let tb = &a.tables[0];
    assert_eq!(
        tb.value_columns,
        [
            "本年收入合计",
            "财政拨款收入",
            "事业收入",
            "经营收入",
            "其他收入"
        ]
    );
    let c = tb.col_named("财政拨款收入").expect("财政拨款收入");
    assert_eq!(
        tb.rows[0].values[c].map(|v| v.value.to_string()).as_deref(),
        Some("300.00")
    );
}

/// The same for a budget table: `项目支出` wrapped onto a line above `合计 基本支出`, no
/// positions. Any order of the parts adds up to the total, so only the template's
/// order (total, 基本支出, 项目支出) names them: 基本支出 is the 300.00 column.
#[test]
fn wrapped_budget_header_without_positions_puts_basic_before_project() {
    for title in ["支出预算总表", "一般公共预算支出情况表"] {
        let t = format!(
            "{title}\n单位：万元\n项目支出\n科目编码 科目名称 合计 基本支出\n\
             201 一般公共服务支出 500.00 300.00 200.00\n\
             20101 人大事务 500.00 300.00 200.00\n\
             2010101 行政运行 500.00 300.00 200.00\n"
        );
        let a = budgetlens::analyze(&t);
        let tb = &a.tables[0];
        assert_eq!(
            tb.value_columns,
            ["合计", "基本支出", "项目支出"],
            "{title}"
        );
        let c = tb.col_named("基本支出").expect("基本支出");
        assert_eq!(
            tb.rows[0].values[c].map(|v| v.value.to_string()).as_deref(),
            Some("300.00")
        );
    }
}

/// `收入预算` over a one-sided income table's columns opens the header with 收入, as a
/// two-sided table's 收入 half does; without a 支出 half it stays one table of columns.
#[test]
fn a_header_opening_with_shouru_yusuan_is_not_two_sided() {
    let t = "收入预算总表\n单位：元\n收入预算\n科目名称 合计 财政拨款收入 事业收入 其他收入\n\
             201 一般公共服务支出 600 300 200 100\n20101 人大事务 600 300 200 100\n";
    let a = budgetlens::analyze(t);
    let tb = &a.tables[0];
    assert!(tb.sides.is_empty(), "{:?}", tb.columns);
    assert_eq!(
        tb.value_columns,
        ["合计", "财政拨款收入", "事业收入", "其他收入"]
    );
}
