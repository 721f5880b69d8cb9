//! Reports in shapes the corpus lacks, written from REPORT-FORMAT.md's "other
//! provinces" survey (`tests/fixtures/provinces/*.txt`), with what a careful
//! reader of each must get. The fixtures are whole reports, not snippets, so
//! segmentation (contents pages, page furniture, narrative) is exercised too.

use budgetlens::model::{Document, ReportKind, Row, SangongFigures, Table, TableState, Unit};
use budgetlens::text::compact;

fn read(name: &str) -> Document {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/provinces")
        .join(name);
    budgetlens::read(&std::fs::read_to_string(p).expect("fixture"))
}

fn kinds(doc: &Document) -> Vec<&str> {
    doc.tables.iter().map(|t| t.kind.as_str()).collect()
}

fn table<'a>(doc: &'a Document, kind: &str) -> &'a Table {
    doc.table_of_kind(kind)
        .unwrap_or_else(|| panic!("no {kind} in {:?}", kinds(doc)))
}

/// Values of a row as printed strings (`-` for absent).
fn vals(r: &Row) -> Vec<String> {
    r.values
        .iter()
        .map(|v| v.map(|a| a.value.to_string()).unwrap_or_else(|| "-".into()))
        .collect()
}

fn row<'a>(t: &'a Table, code_or_label: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code_or_label) || compact(&r.label) == code_or_label)
        .unwrap_or_else(|| {
            panic!(
                "no row {code_or_label} in {} ({:?})",
                t.kind,
                t.rows
                    .iter()
                    .map(|r| (r.code.clone(), r.label.clone()))
                    .collect::<Vec<_>>()
            )
        })
}

/// total / outbound / vehicle / purchase / operation / reception
fn figures(f: Option<&SangongFigures>) -> Vec<String> {
    let f = f.expect("figures");
    [
        f.total,
        f.outbound,
        f.vehicle,
        f.vehicle_purchase,
        f.vehicle_operation,
        f.reception,
    ]
    .iter()
    .map(|a| a.map(|a| a.value.to_string()).unwrap_or_else(|| "-".into()))
    .collect()
}

fn has_diag(doc: &Document, rule: &str, table: &Table) -> bool {
    doc.diagnostics
        .iter()
        .any(|f| f.rule == rule && f.table.as_deref() == Some(table.id.as_str()))
}

/// Shanghai-style final accounts: tables in 元 (whole yuan with commas), the 三公
/// table in 万元 as 预算数/决算数 pairs per item copied from HTML (pipes),
/// 类/款/项 as three code columns, `-- n of N --` page markers, the expenditure
/// table split over two pages, loose quotes under the 三公 title, empty tables
/// declared by `故本表为空表`.
#[test]
fn shanghai_final_in_yuan_with_pairs() {
    let doc = read("shanghai-changning-2023-final.txt");
    assert_eq!(doc.meta.department.as_deref(), Some("上海市长宁区档案局"));
    assert_eq!(doc.meta.year, Some(2023));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(doc.meta.unit, Some(Unit::Yuan));
    assert_eq!(
        kinds(&doc),
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
        ],
        "the contents page lists titles but is no table"
    );
    // Units travel with each table.
    assert_eq!(table(&doc, "final.income").unit, Some(Unit::Yuan));
    assert_eq!(table(&doc, "final.sangong").unit, Some(Unit::WanYuan));
    // 类 款 项 columns joined into one code; whole yuan without separators.
    let inc = table(&doc, "final.income");
    assert_eq!(
        vals(row(inc, "2012604")),
        ["3400000", "3300000", "-", "-", "-", "-", "100000"]
    );
    assert_eq!(row(inc, "20805").label, "行政事业单位养老支出");
    assert_eq!(vals(row(inc, "合计"))[0], "18600000");
    // Split over two pages: one table, its header not read as rows.
    let exp = table(&doc, "final.expenditure");
    assert_eq!(exp.pages, 2);
    assert_eq!(exp.rows.len(), 12);
    assert_eq!(
        vals(row(exp, "2012604")),
        ["3456789", "1456789", "2000000", "-", "-", "-"]
    );
    // Two-sided summary: both halves, blanks are absent, not zero.
    let sum = table(&doc, "final.income_expenditure_summary");
    assert_eq!(sum.sides.len(), 2);
    let inc_total = sum
        .rows_on_side(0)
        .find(|r| compact(&r.label) == "本年收入合计")
        .expect("本年收入合计");
    assert_eq!(vals(inc_total), ["18600000"]);
    let upper = sum
        .rows_on_side(0)
        .find(|r| compact(&r.label) == "二、上级补助收入")
        .expect("上级补助收入");
    assert_eq!(vals(upper), ["-"]);
    let basic = table(&doc, "final.general_budget_basic_expenditure");
    assert_eq!(
        basic
            .rows_on_side(1)
            .find(|r| r.code.as_deref() == Some("30231"))
            .map(vals),
        Some(vec!["54300".to_string()])
    );
    // 三公: pairs per item, read from the header.
    let sg = doc.sangong.as_ref().expect("三公");
    assert_eq!(sg.unit, Unit::WanYuan);
    assert_eq!(
        figures(sg.budget.as_ref()),
        ["12.50", "3.00", "6.00", "0.00", "6.00", "3.50"]
    );
    assert_eq!(
        figures(sg.actual.as_ref()),
        ["9.87", "2.10", "5.43", "0.00", "5.43", "2.34"]
    );
    // Declared empty: a state of its own, the 合计 line holds no figure.
    for k in ["final.gov_fund", "final.state_capital"] {
        let t = table(&doc, k);
        assert_eq!(t.state, TableState::Empty, "{k}");
        assert!(
            t.rows.iter().all(|r| r.values.iter().all(|v| v.is_none())),
            "{k}"
        );
    }
    // The narrative after the last table is narrative, not rows.
    assert!(table(&doc, "final.state_capital").lines[1] < 140);
    assert!(doc
        .narrative
        .iter()
        .any(|l| l.text.contains("“三公”经费财政拨款支出决算为9.87万元")));
}

/// Chongqing-style budget as pdftotext -layout prints it: space-aligned
/// columns with vanished blank cells, form feeds between pages, `金额单位：万元`,
/// `一、` numbering, a title wrapped over two lines, one table pasted one cell
/// per line, and the 三公 table with 公务接待费 before the vehicle group and
/// 机关运行经费 as a 7th value, in four decimals.
#[test]
fn chongqing_budget_in_aligned_columns() {
    let doc = read("chongqing-yuzhong-2024-budget.txt");
    assert_eq!(doc.meta.department.as_deref(), Some("重庆市渝中区统计局"));
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.kind, ReportKind::Budget);
    assert_eq!(doc.meta.unit, Some(Unit::WanYuan));
    assert_eq!(
        kinds(&doc),
        [
            "budget.summary",
            "budget.income",
            "budget.expenditure",
            "budget.fiscal_summary",
            "budget.general_budget_by_function",
            "budget.general_budget_basic_by_economic",
            "budget.general_budget_project_by_economic",
            "budget.sangong",
            "budget.gov_fund",
            "budget.state_capital",
            "budget.basic_by_unit",
            "budget.project_by_unit",
        ]
    );
    // The wrapped title `四、财政拨款收支总体` / `情况表` is one title.
    assert_eq!(
        table(&doc, "budget.fiscal_summary").number.as_deref(),
        Some("四")
    );
    // Vanished blanks placed by the columns' alignment, and said so.
    let exp = table(&doc, "budget.expenditure");
    assert_eq!(vals(row(exp, "2010501")), ["600.00", "600.00", "-"]);
    assert_eq!(vals(row(exp, "2010507")), ["300.00", "-", "300.00"]);
    assert!(!row(exp, "2010507").ambiguous);
    assert!(has_diag(&doc, "row_placed_by_layout", exp));
    let inc = table(&doc, "budget.income");
    assert_eq!(vals(row(inc, "2080506")), ["40.00", "40.00", "-", "0.00"]);
    let basic = table(&doc, "budget.general_budget_basic_by_economic");
    assert_eq!(vals(row(basic, "30217")), ["2.30", "-", "2.30"]);
    // Two-sided in aligned columns: a left label with a blank cell is a row of
    // its own, and an indented line belongs to the right half.
    let sum = table(&doc, "budget.summary");
    let left: Vec<String> = sum.rows_on_side(0).map(|r| compact(&r.label)).collect();
    assert!(
        left.contains(&"四、事业收入".to_string()) && left.contains(&"五、其他收入".to_string()),
        "{left:?}"
    );
    assert_eq!(
        sum.rows_on_side(1)
            .find(|r| r.label == "二、社会保障和就业支出")
            .map(vals),
        Some(vec!["120.00".to_string()])
    );
    let fs = table(&doc, "budget.fiscal_summary");
    let housing = fs
        .rows
        .iter()
        .find(|r| r.label == "三、住房保障支出")
        .expect("住房保障支出");
    assert_eq!(housing.side, Some(1));
    // No complete row and two placements that add up: ambiguous, and said so.
    assert!(housing.ambiguous);
    assert!(has_diag(&doc, "ambiguous_row", fs));
    // One cell per line, rebuilt into rows; a 3-digit code alone on a line is
    // no page number.
    let proj = table(&doc, "budget.general_budget_project_by_economic");
    assert_eq!(proj.value_columns, ["金额"]);
    assert_eq!(
        proj.rows
            .iter()
            .map(|r| (r.code.clone(), vals(r)[0].clone()))
            .collect::<Vec<_>>(),
        [
            (None, "300.00".to_string()),
            (Some("302".into()), "300.00".into()),
            (Some("30226".into()), "180.00".into()),
            (Some("30227".into()), "120.00".into())
        ]
    );
    // 三公 read from the header's order, 机关运行经费 kept aside.
    let sg = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(sg.budget.as_ref()),
        ["12.30", "0.00", "10.00", "0.00", "10.00", "2.30"]
    );
    assert!(sg.actual.is_none());
    assert_eq!(
        sg.admin_operation.map(|a| a.value.to_string()).as_deref(),
        Some("100.00")
    );
    // Empty tables said in words.
    assert_eq!(table(&doc, "budget.gov_fund").state, TableState::Empty);
    assert_eq!(table(&doc, "budget.state_capital").state, TableState::Empty);
    // The sentence that says so stays with the table (the checks read it).
    assert!(table(&doc, "budget.state_capital")
        .notes
        .iter()
        .any(|n| n.contains("本表无数据")));
    let units = table(&doc, "budget.basic_by_unit");
    assert_eq!(
        vals(row(units, "重庆市渝中区普查中心")),
        ["80.00", "70.00", "10.00"]
    );
}

/// Hunan-style final accounts as PDF text: CRLF line ends, `Z01 …(财决01表)`
/// numbering, header cells wrapped line by line (`本年收入合` … / `计 入 入 缴收入`),
/// labels wrapped before and after their number line, two halves on one line
/// with the left label's tail on the next, the income table in full-width
/// digits, the expenditure table over two pages repeating a 合计 that differs,
/// a row whose blanks vanished, 三公 items as rows with 本年预算数 / 本年决算数 /
/// 上年决算数 / 增减额 columns and 运行 before 购置, empty tables said in words.
#[test]
fn hunan_final_in_pdf_text() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/provinces/hunan-lusong-2022-final.txt"),
    )
    .expect("fixture");
    assert!(
        text.contains("\r\n"),
        "the fixture keeps its CRLF line ends"
    );
    let doc = read("hunan-lusong-2022-final.txt");
    assert_eq!(
        doc.meta.department.as_deref(),
        Some("湖南省株洲市芦淞区审计局")
    );
    assert_eq!(doc.meta.year, Some(2022));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(
        kinds(&doc),
        [
            "final.income_expenditure_summary",
            "final.income",
            "final.expenditure",
            "final.sangong",
            "final.gov_fund",
            "final.state_capital"
        ]
    );
    assert_eq!(table(&doc, "final.income").number.as_deref(), Some("Z02"));
    // Two halves, the left label's tail on the next line.
    let sum = table(&doc, "final.income_expenditure_summary");
    let left: Vec<String> = sum.rows_on_side(0).map(|r| r.label.clone()).collect();
    assert!(
        left.contains(&"一、一般公共预算财政拨款收入".to_string())
            && left.contains(&"二、政府性基金预算财政拨款收入".to_string()),
        "{left:?}"
    );
    assert!(sum
        .rows_on_side(1)
        .any(|r| r.label == "一、一般公共服务支出"));
    assert_eq!(
        sum.rows_on_side(0)
            .find(|r| r.label == "总计")
            .map(|r| r.row_number),
        Some(Some(8))
    );
    // Wrapped header cells re-joined; full-width digits read.
    let inc = table(&doc, "final.income");
    assert_eq!(
        inc.value_columns,
        [
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert_eq!(
        vals(row(inc, "2013201")),
        ["1012.00", "1000.00", "0.00", "0.00", "0.00", "0.00", "12.00"]
    );
    // Label pieces before and after the number line.
    assert_eq!(
        row(inc, "2080505").label,
        "机关事业单位基本养老保险缴费支出"
    );
    assert_eq!(row(inc, "2080506").label, "机关事业单位职业年金缴费支出");
    // Two pages, one table; the repeated 合计 dropped but its difference said.
    let exp = table(&doc, "final.expenditure");
    assert_eq!(exp.pages, 2);
    assert_eq!(
        exp.value_columns,
        [
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_eq!(
        exp.rows
            .iter()
            .filter(|r| compact(&r.label) == "合计")
            .count(),
        1
    );
    assert_eq!(exp.rows.len(), 12);
    assert!(has_diag(&doc, "repeated_total_differs", exp));
    assert_eq!(
        row(exp, "2080505").label,
        "机关事业单位基本养老保险缴费支出"
    );
    // Two numbers for six columns, five placements add up: not guessed.
    let r = row(exp, "2013201");
    assert!(r.ambiguous);
    assert!(doc.diagnostics.iter().any(|f| f.rule == "ambiguous_row"
        && f.row.as_deref() == Some("2013201")
        && f.line.is_some()));
    // 三公 items as rows; 上年 and 增减 columns are neither budget nor actual.
    let sg = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(sg.budget.as_ref()),
        ["20.00", "5.00", "10.00", "0.00", "10.00", "5.00"]
    );
    assert_eq!(
        figures(sg.actual.as_ref()),
        ["15.60", "3.10", "9.50", "0.00", "9.50", "3.00"]
    );
    assert_eq!(
        table(&doc, "final.sangong").value_columns,
        ["本年预算数", "本年决算数", "上年决算数", "增减额"]
    );
    // Empty tables: a state, not zeros; the gov_fund header still read.
    let gf = table(&doc, "final.gov_fund");
    assert_eq!(gf.state, TableState::Empty);
    assert_eq!(gf.value_columns[2], "本年支出/小计");
    assert_eq!(table(&doc, "final.state_capital").state, TableState::Empty);
    assert!(doc.narrative.iter().any(|l| l.text.contains("下降14.29%")));
}

/// Jiangsu-style small unit: tab rows copied from a web page with a leading
/// space, `表 1：` numbering, `-- PAGE_BREAK --`, NBSP and zero-width spaces,
/// `单位不需填列`, a 三公 title in ASCII quotes wrapped over two lines, and a
/// 三公 table declared empty in words (not zeros).
#[test]
fn jiangsu_small_unit_with_empty_sangong() {
    let doc = read("jiangsu-xuanwu-2021-final.txt");
    assert_eq!(
        doc.meta.department.as_deref(),
        Some("南京市玄武区地方志办公室")
    );
    assert_eq!(doc.meta.year, Some(2021));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(
        kinds(&doc),
        [
            "final.income_expenditure_summary",
            "final.income",
            "final.sangong"
        ]
    );
    assert_eq!(table(&doc, "final.income").number.as_deref(), Some("表 2"));
    // A leading space is no empty first cell of a label column.
    let inc = table(&doc, "final.income");
    assert_eq!(vals(row(inc, "2080505")), ["25.68", "25.68", "-", "-"]);
    // `单位不需填列` is absent, not zero.
    let sum = table(&doc, "final.income_expenditure_summary");
    assert_eq!(
        sum.rows_on_side(0)
            .find(|r| r.label == "三、事业收入")
            .map(vals),
        Some(vec!["-".to_string()])
    );
    // The wrapped 三公 title, empty by its sentence: a state, and the block says so.
    let sg_table = table(&doc, "final.sangong");
    assert_eq!(sg_table.state, TableState::Empty);
    assert_eq!(sg_table.value_columns.len(), 12);
    let sg = doc.sangong.as_ref().expect("三公 block");
    assert!(sg.empty);
    assert!(sg.budget.is_none() && sg.actual.is_none());
    // Zero-width spaces vanish from the narrative.
    assert!(doc
        .narrative
        .iter()
        .any(|l| l.text.contains("支出总计245.68万元")));
}

/// The 2022+ final-accounts template as `pdftotext -layout` prints it: titles
/// without 总 (`收入支出决算表`, `财政拨款收入支出决算表`), every table in
/// space-aligned columns, two-sided summaries whose left half is blank on some
/// lines, headers wrapped cell by cell (`本年收入` / `合计`, `一般公共预算` /
/// `财政拨款`), and the basic-expenditure table in THREE column groups (人员经费 |
/// 公用经费 | 公用经费 continued).
#[test]
fn yunnan_final_in_layout_columns_with_three_groups() {
    let doc = read("yunnan-style-2023-final-layout.txt");
    assert_eq!(doc.meta.department.as_deref(), Some("某某县农业农村局"));
    assert_eq!(doc.meta.year, Some(2023));
    assert_eq!(doc.meta.kind, ReportKind::Final);
    assert_eq!(
        kinds(&doc),
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
    // No column was left unnamed, no row was guessed at.
    assert!(
        doc.diagnostics.is_empty(),
        "{:#?}",
        doc.diagnostics
            .iter()
            .map(|f| &f.message_en)
            .collect::<Vec<_>>()
    );

    let s = table(&doc, "final.income_expenditure_summary");
    assert_eq!(s.sides.len(), 2);
    let left: Vec<&Row> = s.rows.iter().filter(|r| r.side == Some(0)).collect();
    let right: Vec<&Row> = s.rows.iter().filter(|r| r.side == Some(1)).collect();
    assert_eq!((left.len(), right.len()), (12, 9));
    assert_eq!(vals(row(s, "八、其他收入")), ["5.44"]);
    // `一、一般公共服务支出 32` with no amount: the 行次 is no value.
    assert_eq!(vals(right[0]), ["-"]);
    assert_eq!(vals(right[3]), ["1100.00"]);

    let income = table(&doc, "final.income");
    assert_eq!(
        income.value_columns,
        [
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert_eq!(
        row(income, "2080505").label,
        "机关事业单位基本养老保险缴费支出"
    );
    assert_eq!(
        vals(row(income, "2130101")),
        ["690.00", "684.56", "0.00", "0.00", "0.00", "0.00", "5.44"]
    );

    let fiscal = table(&doc, "final.fiscal_summary");
    assert_eq!(
        fiscal.sides[1].value_columns,
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    let totals: Vec<Vec<String>> = fiscal
        .rows
        .iter()
        .filter(|r| r.label == "总计")
        .map(vals)
        .collect();
    assert_eq!(
        totals,
        [vec!["1384.56"], vec!["1384.56", "1384.56", "0.00", "0.00"]]
    );

    let basic = table(&doc, "final.general_budget_basic_expenditure");
    let codes = |side: usize| -> Vec<String> {
        basic
            .rows
            .iter()
            .filter(|r| r.side == Some(side))
            .map(|r| r.code.clone().unwrap_or_else(|| r.label.clone()))
            .collect()
    };
    assert_eq!(
        codes(0),
        [
            "301",
            "30101",
            "30102",
            "30108",
            "30109",
            "30110",
            "30113",
            "30199",
            "303",
            "30302",
            "30309",
            "人员经费合计"
        ]
    );
    // The third group's rows follow the second's, before 公用经费合计.
    assert_eq!(
        codes(1),
        [
            "302",
            "30201",
            "30211",
            "30217",
            "30228",
            "30229",
            "30231",
            "30239",
            "310",
            "31002",
            "公用经费合计"
        ]
    );
    assert_eq!(vals(row(basic, "310")), ["5.00"]);
    assert_eq!(vals(row(basic, "公用经费合计")), ["120.00"]);

    let b = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(b.budget.as_ref()),
        ["30.00", "0.00", "26.00", "0.00", "26.00", "4.00"]
    );
    assert_eq!(
        figures(b.actual.as_ref()),
        ["28.00", "0.00", "25.00", "0.00", "25.00", "3.00"]
    );
    assert_eq!(table(&doc, "final.gov_fund").state, TableState::Empty);
    assert_eq!(table(&doc, "final.state_capital").state, TableState::Empty);
}

fn read_sangong(name: &str) -> Document {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sangong")
        .join(name);
    budgetlens::read(&std::fs::read_to_string(p).expect("fixture"))
}

/// 三公 tables printed as ROWS, as the stand-alone 三公 disclosures of many
/// cities are: numbered labels (`1.`, `(二)`, `其中:(1)`), an item whose cells
/// are blank (`1.公务用车购置费` with nothing after it) kept as its own row and
/// not glued to the label above, `单位不需填列`, a title cell between pipes.
#[test]
fn sangong_as_rows_in_three_shapes() {
    // Pipes, a 统计表 with only the budget.
    let doc = read_sangong("rows-pipes-statistics.txt");
    assert_eq!(kinds(&doc), ["final.sangong"]);
    let b = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(b.budget.as_ref()),
        ["34.35", "0.00", "32.65", "0.00", "32.65", "1.70"]
    );

    // 会议费 and 培训费 rows beside the 三公 items; a blank 购置费 row.
    let doc = read_sangong("rows-budget-with-meetings.txt");
    assert_eq!(kinds(&doc), ["budget.sangong"]);
    let t = &doc.tables[0];
    assert_eq!(t.title, "2016年市某某委财政拨款“三公”经费预算表");
    assert_eq!(vals(row(t, "(三)公务用车费")), ["6.8", "6.8"]);
    assert_eq!(vals(row(t, "1.公务用车购置费")), ["-", "-"]);
    let b = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(b.budget.as_ref()),
        ["21.63", "-", "6.80", "-", "6.80", "14.83"]
    );

    // 元, last year's 执行数 beside this year's 预算数, statistics (counts) below.
    let doc = read_sangong("rows-two-years-yuan.txt");
    assert_eq!(doc.meta.kind, ReportKind::Budget);
    let t = &doc.tables[0];
    assert_eq!(t.unit, Some(Unit::Yuan));
    assert_eq!(t.value_columns, ["2016年执行数", "2017年预算数"]);
    let b = doc.sangong.as_ref().expect("三公");
    assert_eq!(
        figures(b.budget.as_ref()),
        [
            "250000.00",
            "0.00",
            "100000.00",
            "0.00",
            "100000.00",
            "150000.00"
        ]
    );
    assert!(b.actual.is_none());
}
