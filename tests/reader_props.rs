//! Property tests of the reader: a corpus table re-rendered in the shapes
//! reports arrive in (space-separated, full-width digits, CRLF, page breaks
//! with or without repeated title and header, tab) reads back to the same
//! rows; and no input makes the reader panic.

use budgetlens::model::{Document, Table};
use proptest::prelude::*;
use std::sync::OnceLock;

fn corpus() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/corpus/tianhe-zwsjj-2020-final.txt");
        budgetlens::read(&std::fs::read_to_string(p).expect("fixture"))
    })
}

/// The single-sided coded tables of the corpus report, by kind.
const KINDS: [&str; 3] = [
    "final.income",
    "final.expenditure",
    "final.general_budget_expenditure",
];

/// (code, label, values as printed) of every row.
type Rows = Vec<(Option<String>, String, Vec<Option<String>>)>;

fn rows_of(t: &Table) -> Rows {
    t.rows
        .iter()
        .map(|r| {
            (
                r.code.clone(),
                r.label.clone(),
                r.values
                    .iter()
                    .map(|v| v.map(|a| a.value.to_string()))
                    .collect(),
            )
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Shape {
    tabs: bool,
    full_width: bool,
    crlf: bool,
    /// Row indices after which a page break falls.
    breaks: Vec<usize>,
    /// Which marker a break is printed as.
    marker: usize,
    /// Repeat title, unit and header after a break (a continuation page).
    repeat_header: bool,
    /// Thousands separators on values ≥ 1000.
    separators: bool,
}

fn group(v: &str) -> String {
    budgetlens::text::group_thousands(v)
}

fn render(t: &Table, s: &Shape) -> String {
    let sep = if s.tabs { "\t" } else { " " };
    let mut head: Vec<String> = vec![
        t.title.clone(),
        "部门：广州市天河区政务服务数据管理局".into(),
        "单位：万元".into(),
    ];
    let mut cols = vec!["科目编码".to_string(), "科目名称".to_string()];
    cols.extend(t.value_columns.iter().cloned());
    head.push(cols.join(sep));
    let mut out: Vec<String> = head.clone();
    for (i, r) in t.rows.iter().enumerate() {
        let mut cells: Vec<String> = vec![r.code.clone().unwrap_or_default(), r.label.clone()];
        if !s.tabs && r.code.is_none() {
            cells.remove(0);
        }
        for v in &r.values {
            let p = v.map(|a| a.value.to_string()).unwrap_or_else(|| "-".into());
            cells.push(if s.separators { group(&p) } else { p });
        }
        out.push(cells.join(sep));
        if s.breaks.contains(&i) && i + 1 < t.rows.len() {
            out.push(
                [
                    "-- PAGE_BREAK --",
                    "\u{c}",
                    "-- 3 of 29 --",
                    "- 7 -",
                    "第 4 页",
                ][s.marker % 5]
                    .to_string(),
            );
            if s.repeat_header {
                out.extend(head.iter().cloned());
            }
        }
    }
    out.push("注：本表反映部门本年度各项支出情况。".into());
    let mut text = out.join("\n") + "\n";
    if s.full_width {
        text = text
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)
                } else if c == '.' {
                    '．'
                } else if c == ',' {
                    '，'
                } else {
                    c
                }
            })
            .collect();
    }
    if s.crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(0usize..25, 0..3),
        0usize..5,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(tabs, full_width, crlf, breaks, marker, repeat_header, separators)| Shape {
                tabs,
                full_width,
                crlf,
                breaks,
                marker,
                repeat_header,
                separators,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_table_reads_the_same_in_every_shape(k in 0usize..3, s in shape()) {
        let original = corpus().table_of_kind(KINDS[k]).expect("corpus table");
        let text = render(original, &s);
        let doc = budgetlens::read(&text);
        prop_assert_eq!(doc.tables.len(), 1, "tables: {:?}\n{}", doc.tables.iter().map(|t| &t.kind).collect::<Vec<_>>(), text);
        let t = &doc.tables[0];
        prop_assert_eq!(t.kind.as_str(), KINDS[k]);
        prop_assert_eq!(&t.value_columns, &original.value_columns);
        prop_assert_eq!(rows_of(t), rows_of(original), "{}", text);
        // A repeated title starts a page of the same table.
        let mut breaks: Vec<usize> = s.breaks.iter().copied().filter(|&b| b + 1 < original.rows.len()).collect();
        breaks.sort_unstable();
        breaks.dedup();
        if s.repeat_header {
            prop_assert_eq!(t.pages, breaks.len() + 1);
        }
        let last_line = text.matches('\n').count();
        prop_assert!(t.lines[1] <= last_line);
    }

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
        let doc = budgetlens::read(&s);
        for t in &doc.tables {
            prop_assert!(t.lines[0] <= t.lines[1]);
        }
    }

    #[test]
    fn never_panics_on_report_like_noise(parts in proptest::collection::vec(prop_oneof![
        Just("收入支出决算总表".to_string()), Just("“三公”经费支出决算表".to_string()), Just("单位：元".to_string()),
        Just("合计".to_string()), Just("\t".to_string()), Just("\n".to_string()), Just(" ".to_string()), Just("201 05 07".to_string()),
        Just("[2010301]".to_string()), Just("1,234.56".to_string()), Just("-".to_string()), Just("栏次".to_string()), Just("|".to_string()),
        Just("\u{c}".to_string()), Just("-- 1 of 2 --".to_string()), Just("本表无数据".to_string()), Just("预算数".to_string()),
        Just("决算数".to_string()), Just("小计".to_string()), Just("公务接待费".to_string()), Just("２０１".to_string()), Just("\r".to_string()),
        "[0-9]{1,8}", "[一-龥]{1,6}",
    ], 0..120)) {
        let text: String = parts.concat();
        let _ = budgetlens::read(&text);
        let _ = budgetlens::analyze(&text);
    }
}

/// A title followed by thousands of word lines before its first row: no header
/// is that long, and reading what stands above the data must not grow with the
/// square of it (pairs of header pieces are compared). The reader still finds
/// the table and its row.
#[test]
fn a_huge_header_block_is_read_within_bounds() {
    let words = [
        "本年支出合",
        "计",
        "基本",
        "支出",
        "项目",
        "上缴上级支",
        "出",
        "合计",
        "财政拨款",
        "小计",
    ];
    let mut text = String::from("收入决算表\n单位：万元\n");
    for i in 0..3000 {
        let line: Vec<&str> = (0..12)
            .map(|k| words[(i * 7 + k * 3) % words.len()])
            .collect();
        text.push_str(&line.join("  "));
        text.push('\n');
    }
    text.push_str("201 一般公共服务支出 1.00 2.00\n");
    let doc = budgetlens::read(&text);
    let t = doc.table_of_kind("final.income").expect("table");
    assert!(t.rows.iter().any(|r| r.code.as_deref() == Some("201")));
}
