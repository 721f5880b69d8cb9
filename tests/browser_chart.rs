//! The 三公 chart rendered in headless Chromium: the bars a reader sees for a
//! known block (the 2020 corpus report's figures), an over-budget mark, and the
//! honest empty state. Run: `cargo test --target wasm32-unknown-unknown --test browser_chart`.
#![cfg(target_arch = "wasm32")]

use budgetlens::model::{Amount, SangongBlock, SangongFigures, SangongItem, Unit};
use budgetlens::ui::chart::{Orientation, SangongChart, SangongChartProps};
use budgetlens::ui::i18n::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn figs(v: [&str; 6]) -> SangongFigures {
    let mut f = SangongFigures::default();
    for (k, s) in SangongItem::ALL.iter().zip(v) {
        f.set(*k, Some(Amount::new(Decimal::from_str(s).unwrap())));
    }
    f
}

fn block(budget: [&str; 6], actual: Option<[&str; 6]>) -> SangongBlock {
    SangongBlock {
        unit: Unit::WanYuan,
        table: "t7".into(),
        budget: Some(figs(budget)),
        actual: actual.map(figs),
        admin_operation: None,
        empty: false,
    }
}

async fn render(props: SangongChartProps) -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<SangongChart>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
    root
}

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn corpus_2020_bars() {
    let b = block(
        ["4.00", "0.00", "3.00", "0.00", "3.00", "1.00"],
        Some(["1.02", "0.00", "1.02", "0.00", "1.02", "0.00"]),
    );
    let root = render(SangongChartProps {
        block: Some(b),
        lang: Lang::Zh,
        caption: None,
        orientation: Orientation::Vertical,
    })
    .await;
    let bars = all(&root, "g.sg-bar[tabindex]");
    assert_eq!(
        bars.len(),
        10,
        "budget + actual for 出国, 购置, 运行, 接待, 合计"
    );
    let total_budget = root
        .query_selector("g.sg-bar.budget[data-item=total]")
        .unwrap()
        .unwrap();
    assert_eq!(
        total_budget.get_attribute("data-value").as_deref(),
        Some("4.00")
    );
    let rect = total_budget.query_selector("rect").unwrap().unwrap();
    assert_eq!(rect.get_attribute("height").as_deref(), Some("163.2"));
    let total_actual = root
        .query_selector("g.sg-bar.actual[data-item=total]")
        .unwrap()
        .unwrap();
    let label = total_actual.get_attribute("aria-label").unwrap();
    assert!(
        label.contains("决算数 1.02 万元") && label.contains("执行率 25.50%"),
        "{label}"
    );
    let title = total_actual
        .query_selector("title")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(title, label, "tooltip and accessible name say the same");
    assert!(
        all(&root, ".sg-bar.over").is_empty(),
        "nothing over budget in 2020"
    );
    assert!(
        all(&root, "[style]").is_empty(),
        "no inline styles under a strict CSP"
    );
    let cells: Vec<String> = all(&root, "table.sg-data tbody tr.total td")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert_eq!(cells, vec!["4.00", "1.02", "25.50%", "未超预算"]);
}

#[wasm_bindgen_test]
async fn over_budget_is_marked_in_words() {
    let b = block(
        ["2.00", "0.00", "1.00", "0.00", "1.00", "1.00"],
        Some(["2.50", "0.00", "1.00", "0.00", "1.00", "1.50"]),
    );
    let root = render(SangongChartProps {
        block: Some(b),
        lang: Lang::En,
        caption: None,
        orientation: Orientation::Vertical,
    })
    .await;
    let over = all(&root, "g.sg-bar.actual.over[tabindex]");
    assert_eq!(over.len(), 2, "reception and total");
    assert_eq!(all(&root, ".sg-over-mark").len(), 2);
    assert!(over[0]
        .get_attribute("aria-label")
        .unwrap()
        .contains("over budget by 0.50"));
}

#[wasm_bindgen_test]
async fn no_table_is_an_honest_empty_state() {
    let root = render(SangongChartProps {
        block: None,
        lang: Lang::Zh,
        caption: None,
        orientation: Orientation::Vertical,
    })
    .await;
    assert!(all(&root, "svg").is_empty());
    assert!(root
        .text_content()
        .unwrap()
        .contains("没有找到“三公”经费表"));
}

#[wasm_bindgen_test]
async fn horizontal_bars_for_narrow_screens() {
    let b = block(
        ["4.00", "0.00", "3.00", "0.00", "3.00", "1.00"],
        Some(["1.02", "0.00", "1.02", "0.00", "1.02", "0.00"]),
    );
    let root = render(SangongChartProps {
        block: Some(b),
        lang: Lang::Zh,
        caption: None,
        orientation: Orientation::Horizontal,
    })
    .await;
    assert_eq!(all(&root, "svg.sg-horizontal").len(), 1);
    assert_eq!(all(&root, "g.sg-bar[tabindex]").len(), 10);
    // Bars grow to the right: the total budget (4.00 of 5) is 4/5 of the 292-unit plot.
    let rect = root
        .query_selector("g.sg-bar.budget[data-item=total] rect")
        .unwrap()
        .unwrap();
    assert_eq!(rect.get_attribute("width").as_deref(), Some("233.6"));
    // Round ticks only.
    let ticks: Vec<String> = all(&root, ".sg-tick-label")
        .iter()
        .map(|t| t.text_content().unwrap())
        .collect();
    assert_eq!(ticks, vec!["0", "1", "2", "3", "4", "5"]);
}
