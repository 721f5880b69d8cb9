//! The page's components in headless Chromium (wasm-bindgen-test): the code
//! hierarchy folds, columns sort, a finding leads to its highlighted cell.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use budgetlens::model::{Analysis, CellRef, Finding, Severity};
use budgetlens::ui::findings::FindingsPanel;
use budgetlens::ui::i18n::Lang;
use budgetlens::ui::table_view::TableView;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const FINAL_2020: &str = include_str!("fixtures/corpus/tianhe-zwsjj-2020-final.txt");

/// Let Yew's scheduler (deferred to the microtask queue) and the browser run.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn fresh_root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn all(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn has_class(el: &Element, c: &str) -> bool {
    el.class_name().split_whitespace().any(|x| x == c)
}

fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
}

/// Rows of a `<table>` not hidden by a fold or the filter.
fn visible_rows(table: &Element) -> Vec<Element> {
    all(table, "tbody tr")
        .into_iter()
        .filter(|r| !r.has_attribute("hidden"))
        .collect()
}

async fn mounted_with(text: &str) -> (Element, budgetlens::ui::mount::AppHandle) {
    let root = fresh_root();
    let h = budgetlens::ui::mount::mount(root.clone(), "zh-CN".into(), false, None);
    tick().await;
    h.set_text(text);
    tick().await;
    tick().await;
    (root, h)
}

/// The first table (as an element) that has a foldable class row.
fn table_with_branches(root: &Element) -> Element {
    all(root, "table.bl-data")
        .into_iter()
        .find(|t| t.query_selector("button.bl-toggle").unwrap().is_some())
        .expect("a table with a code hierarchy")
}

#[wasm_bindgen_test]
async fn folding_a_class_hides_its_sections_and_items() {
    let (root, _h) = mounted_with(FINAL_2020).await;
    let table = table_with_branches(&root);
    let before = visible_rows(&table).len();
    let toggle = table.query_selector("button.bl-toggle").unwrap().unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let row = toggle.closest("tr").unwrap().unwrap();
    let code = row
        .query_selector(".bl-code")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    click(&toggle);
    tick().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false"),
        "the same button, now folded"
    );
    let after = visible_rows(&table);
    assert!(
        after.len() < before,
        "{} rows before, {} after",
        before,
        after.len()
    );
    // No visible row under the folded class remains.
    for r in &after {
        if let Some(c) = r
            .query_selector(".bl-code")
            .unwrap()
            .and_then(|c| c.text_content())
        {
            assert!(
                !(c.starts_with(&code) && c.len() > code.len()),
                "{c} still shown under folded {code}"
            );
        }
    }
    click(&toggle);
    tick().await;
    assert_eq!(visible_rows(&table).len(), before);
}

#[wasm_bindgen_test]
async fn sorting_a_column_orders_sibling_classes_by_value() {
    let (root, _h) = mounted_with(FINAL_2020).await;
    let table = table_with_branches(&root);
    let th = table
        .query_selector("thead th[aria-sort]")
        .unwrap()
        .unwrap();
    click(&th.query_selector("button").unwrap().unwrap());
    tick().await;
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("descending"));
    // The top-level classes (depth 0 with a code) now come largest first.
    let values: Vec<f64> = visible_rows(&table)
        .iter()
        .filter(|r| {
            has_class(&r, "bl-d0")
                && r.query_selector(".bl-code")
                    .unwrap()
                    .and_then(|c| c.text_content())
                    .is_some_and(|c| !c.is_empty())
        })
        .map(|r| {
            let cell = r
                .query_selector("td.num")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap();
            cell.replace(',', "")
                .parse::<f64>()
                .unwrap_or(f64::NEG_INFINITY)
        })
        .collect();
    assert!(values.len() >= 2, "{values:?}");
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    click(&th.query_selector("button").unwrap().unwrap());
    tick().await;
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("ascending"));
}

/// The findings panel and a table wired the way the app wires them.
#[derive(Properties, PartialEq)]
struct Harness {
    analysis: Rc<Analysis>,
    table: usize,
}

#[function_component(FindingToCell)]
fn finding_to_cell(p: &Harness) -> Html {
    let hl = use_state(|| None::<usize>);
    let a = p.analysis.clone();
    let on_locate = {
        let hl = hl.clone();
        Callback::from(move |i: usize| hl.set(Some(i)))
    };
    let cell = hl.and_then(|i| a.findings.get(i)).and_then(|f| f.cell);
    html! {
        <>
            <FindingsPanel analysis={a.clone()} lang={Lang::Zh} shown={[true, true, true]} selected={*hl}
                on_toggle={Callback::noop()} on_locate={on_locate} />
            <TableView analysis={a.clone()} index={p.table} lang={Lang::Zh} highlight={cell} />
        </>
    }
}

#[wasm_bindgen_test]
async fn a_finding_leads_to_its_cell_marked_and_explained() {
    let mut a = budgetlens::analyze(FINAL_2020);
    let ti = a
        .tables
        .iter()
        .position(|t| t.kind == "final.expenditure")
        .expect("支出决算表");
    let t = a.tables[ti].clone();
    // A deep row, inside a class that the reader could have folded.
    let row = t
        .rows
        .iter()
        .position(|r| r.code.as_ref().is_some_and(|c| c.len() == 7))
        .unwrap();
    let mut f = Finding::new(
        "test_rule",
        Severity::Error,
        "测试：此数不对".into(),
        "test: this figure is wrong".into(),
    )
    .at_table(&t);
    f.cell = Some(CellRef { row, col: 0 });
    a.findings.push(f);
    let planted = a.findings.len() - 1;
    let root = fresh_root();
    yew::Renderer::<FindingToCell>::with_root_and_props(
        root.clone(),
        Harness {
            analysis: Rc::new(a),
            table: ti,
        },
    )
    .render();
    tick().await;

    let id = format!("cell-{}-{row}-0", t.id);
    let cell = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .expect("the cell");
    assert!(has_class(&cell, "bl-flag") && has_class(&cell, "sev-error"));
    assert_eq!(
        cell.get_attribute("title").as_deref(),
        Some("测试：此数不对")
    );
    assert_eq!(cell.get_attribute("tabindex").as_deref(), Some("0"));
    let tip = cell.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        root.query_selector(&format!("#{tip}"))
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("测试：此数不对")
    );
    assert!(!has_class(&cell, "bl-hl"));

    // Fold everything, then choose the finding: its row must come back into view.
    let collapse_all = all(&root, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("全部折叠"))
        .unwrap();
    click(&collapse_all);
    tick().await;
    assert!(cell.closest("tr").unwrap().unwrap().has_attribute("hidden"));
    let button = root
        .query_selector(&format!("#finding-{planted} button.bl-finding-msg"))
        .unwrap()
        .unwrap();
    click(&button);
    tick().await;
    let cell = root.query_selector(&format!("#{id}")).unwrap().unwrap();
    assert!(
        has_class(&cell, "bl-hl"),
        "highlighted: {}",
        cell.class_name()
    );
    assert!(
        !cell.closest("tr").unwrap().unwrap().has_attribute("hidden"),
        "revealed through its folded ancestors"
    );
    assert!(root
        .query_selector(".bl-finding.bl-selected")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn bad_input_shows_a_message_not_a_blank_page() {
    let (root, h) = mounted_with("<script>alert(1)</script>").await;
    let problem = root
        .query_selector(".bl-problem")
        .unwrap()
        .expect("a message");
    assert!(problem.text_content().unwrap().chars().count() > 5);
    assert!(
        root.query_selector("script").unwrap().is_none(),
        "pasted HTML is text, never markup"
    );
    h.set_lang("en");
    tick().await;
    assert_eq!(
        root.query_selector(".bl-app")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
}
