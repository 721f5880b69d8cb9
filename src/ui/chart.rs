//! The 三公 budget-versus-actual chart (SVG drawn by the app, with a data table
//! for screen readers). Owned by the chart work; the page only places it.

use crate::model::SangongBlock;
use crate::ui::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct SangongChartProps {
    /// `None` when the report has no 三公 table.
    pub block: Option<SangongBlock>,
    pub lang: Lang,
}

/// Placeholder until the chart lands: an honest empty state.
#[function_component(SangongChart)]
pub fn sangong_chart(props: &SangongChartProps) -> Html {
    let _ = &props.block;
    html! { <p class="chart-empty">{ props.lang.pick("暂无“三公”经费图表", "No 三公 chart yet") }</p> }
}
