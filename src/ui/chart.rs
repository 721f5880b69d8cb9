//! The 三公 budget-versus-actual chart (SVG drawn by the app, with a data table
//! for screen readers). Owned by the chart work; the page only places it.
//!
//! Split in two so the arithmetic is tested natively:
//! - [`ChartModel`] and its helpers (execution rate, share, scale, bar geometry,
//!   labels) are plain Rust over `Decimal`, no DOM;
//! - [`SangongChart`] only turns a model into SVG + a `<table>`.
//!
//! Invariants:
//! - No inline `style` attribute anywhere (the page runs under `style-src 'self'`):
//!   geometry travels in SVG attributes, colours in classes styled by `www/chart.css`.
//! - Money stays `Decimal`; geometry is computed in `Decimal` and printed with
//!   one decimal, so a test can compare bar heights exactly.
//! - Over budget is never colour alone: the bar gets the class `over`, a
//!   dashed outline, a `▲ 超预算` mark above it, and the words in its label and in
//!   the data table.

use crate::model::{Amount, SangongBlock, SangongFigures, SangongItem, Unit};
use crate::text::group_thousands;
use crate::ui::i18n::Lang;
use rust_decimal::Decimal;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct SangongChartProps {
    /// `None` when the report has no 三公 table.
    pub block: Option<SangongBlock>,
    pub lang: Lang,
    /// Optional heading shown above the chart (e.g. the report's name in a
    /// comparison view). Defaults to none: the page gives its own heading.
    #[prop_or_default]
    pub caption: Option<AttrValue>,
    /// Vertical bars, horizontal bars, or (the default) chosen by the width of
    /// the window: horizontal below [`NARROW_QUERY`], where ten vertical bars
    /// and their labels would be too small to read.
    #[prop_or_default]
    pub orientation: Orientation,
}

/// How the bars stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Auto,
    Vertical,
    Horizontal,
}

/// Below this width the chart draws horizontal bars (a phone, a narrow window).
pub const NARROW_QUERY: &str = "(max-width: 899px)";

/// Whether [`NARROW_QUERY`] matches now, kept up to date when the window is resized.
#[hook]
fn use_narrow() -> bool {
    let query = || web_sys::window().and_then(|w| w.match_media(NARROW_QUERY).ok().flatten());
    let narrow = use_state(|| query().map(|q| q.matches()).unwrap_or(false));
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let mql = query();
            let cb = mql.as_ref().map(|q| {
                let q2 = q.clone();
                let cb = Closure::<dyn Fn()>::new(move || narrow.set(q2.matches()));
                let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
                cb
            });
            move || {
                if let (Some(q), Some(cb)) = (mql, cb) {
                    let _ = q
                        .remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
                }
            }
        });
    }
    *narrow
}

/// The bars, left to right: the four items the public reads, then the total.
/// 公务用车购置及运行费 (the vehicle subtotal) is in the data table, not a bar,
/// because its two parts are drawn.
pub const CHART_ITEMS: [SangongItem; 5] = [
    SangongItem::Outbound,
    SangongItem::VehiclePurchase,
    SangongItem::VehicleOperation,
    SangongItem::Reception,
    SangongItem::Total,
];

/// The rows of the data table: every contract quantity, total last.
pub const TABLE_ITEMS: [SangongItem; 6] = [
    SangongItem::Outbound,
    SangongItem::Vehicle,
    SangongItem::VehiclePurchase,
    SangongItem::VehicleOperation,
    SangongItem::Reception,
    SangongItem::Total,
];

/// Which column group a bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Budget,
    Actual,
}

impl Series {
    pub fn class(self) -> &'static str {
        match self {
            Series::Budget => "budget",
            Series::Actual => "actual",
        }
    }
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Series::Budget => lang.pick("预算数", "budget"),
            Series::Actual => lang.pick("决算数", "actual"),
        }
    }
}

/// Short item names for the axis (the full names go in labels and the table).
pub fn item_name(item: SangongItem, lang: Lang) -> &'static str {
    match (item, lang) {
        (SangongItem::Total, Lang::Zh) => "合计",
        (SangongItem::Total, Lang::En) => "Total",
        (SangongItem::Outbound, Lang::En) => "Travel abroad",
        (SangongItem::Vehicle, Lang::En) => "Vehicles",
        (SangongItem::VehiclePurchase, Lang::En) => "Vehicle purchase",
        (SangongItem::VehicleOperation, Lang::En) => "Vehicle operation",
        (SangongItem::Reception, Lang::En) => "Reception",
        (i, Lang::Zh) => i.zh(),
    }
}

/// What the chart can honestly show.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartState {
    /// The report has no 三公 table.
    NoTable,
    /// The table exists but says it is empty, or holds no figure at all.
    Empty,
    Data(ChartModel),
}

/// One quantity: budget, actual (if a final report), rate and over-budget flag.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub item: SangongItem,
    pub budget: Option<Amount>,
    pub actual: Option<Amount>,
    /// actual / budget in percent, two decimals; `None` when either is missing
    /// or the budget is 0 (a rate against 0 is not a rate).
    pub rate: Option<Decimal>,
    /// Actual spending above the budget (including any spending against a 0 budget).
    pub over: bool,
    /// Budget share of the budget total in percent (composition of a budget report).
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    pub unit: Unit,
    /// False for a budget (预算) report: bars show the budget's composition.
    pub has_actual: bool,
    /// Rows in [`TABLE_ITEMS`] order.
    pub rows: Vec<ChartRow>,
    /// Top of the value axis (a "nice" number ≥ every value).
    pub scale_max: Decimal,
}

impl ChartModel {
    pub fn row(&self, item: SangongItem) -> Option<&ChartRow> {
        self.rows.iter().find(|r| r.item == item)
    }
    /// Any quantity spent beyond its budget.
    pub fn any_over(&self) -> bool {
        self.rows.iter().any(|r| r.over)
    }
}

/// actual / budget × 100, rounded half-up-away to two decimals. `None` for a 0
/// or negative budget.
pub fn execution_rate(budget: Decimal, actual: Decimal) -> Option<Decimal> {
    if budget <= Decimal::ZERO {
        return None;
    }
    let mut r = (actual * Decimal::ONE_HUNDRED / budget)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    Some(r)
}

/// part / total × 100 with two decimals; `None` when the total is 0.
pub fn share(part: Decimal, total: Decimal) -> Option<Decimal> {
    execution_rate(total, part)
}

/// The round steps an axis may use: 1, 2, 5 × 10ⁿ from 0.01 (printed figures
/// have two decimals) upwards.
fn nice_steps() -> impl Iterator<Item = Decimal> {
    let mut base = Decimal::new(1, 2);
    std::iter::from_fn(move || {
        let out = [base, base * Decimal::TWO, base * Decimal::from(5)];
        base *= Decimal::TEN;
        Some(out)
    })
    .flatten()
    .take(3 * 40)
}

/// The most ticks an axis gets (0 and the top included: `MAX_INTERVALS + 1`).
const MAX_INTERVALS: i64 = 5;

/// The top of the value axis: the smallest multiple of a round step (1, 2, 5 ×
/// 10ⁿ) strictly above `max`, in at most five steps, so every tick is round
/// (0, 5, 10 … never 6.25 / 18.75) and the tallest bar keeps room for its label.
/// 1 for nothing above 0.
pub fn nice_max(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ONE;
    }
    for step in nice_steps() {
        let n = (max / step).floor() + Decimal::ONE;
        if n <= Decimal::from(MAX_INTERVALS) {
            return (n * step).normalize();
        }
    }
    max
}

/// The round step of an axis whose top is `scale_max` (see [`nice_max`]).
pub fn tick_step(scale_max: Decimal) -> Decimal {
    for step in nice_steps() {
        let n = scale_max / step;
        if n.fract().is_zero() && n <= Decimal::from(MAX_INTERVALS) {
            return step;
        }
    }
    scale_max
}

/// Axis ticks: 0, one round step, two … up to the top of the scale.
pub fn ticks(scale_max: Decimal) -> Vec<Decimal> {
    let step = tick_step(scale_max);
    let mut out = vec![Decimal::ZERO];
    let mut t = step;
    while t <= scale_max && out.len() <= MAX_INTERVALS as usize {
        out.push(t.normalize());
        t += step;
    }
    out
}

/// Build the model, or say honestly why there is nothing to draw.
pub fn chart_state(block: Option<&SangongBlock>) -> ChartState {
    let Some(b) = block else {
        return ChartState::NoTable;
    };
    let empty = |f: &Option<SangongFigures>| f.as_ref().map(|f| f.is_empty()).unwrap_or(true);
    if b.empty || (empty(&b.budget) && empty(&b.actual)) {
        return ChartState::Empty;
    }
    let has_actual = b.actual.as_ref().map(|f| !f.is_empty()).unwrap_or(false);
    let get = |f: &Option<SangongFigures>, i| f.as_ref().and_then(|f| f.get(i));
    let budget_total = get(&b.budget, SangongItem::Total).map(|a| a.value);
    let mut rows = Vec::new();
    let mut max = Decimal::ZERO;
    for item in TABLE_ITEMS {
        let budget = get(&b.budget, item);
        let actual = if has_actual {
            get(&b.actual, item)
        } else {
            None
        };
        let rate = match (budget, actual) {
            (Some(bv), Some(av)) => execution_rate(bv.value, av.value),
            _ => None,
        };
        let over = match (budget, actual) {
            (Some(bv), Some(av)) => av.value > bv.value,
            _ => false,
        };
        let share = match (budget, budget_total) {
            (Some(bv), Some(t)) if item != SangongItem::Total => share(bv.value, t),
            _ => None,
        };
        if CHART_ITEMS.contains(&item) {
            for v in [budget, actual].into_iter().flatten() {
                max = max.max(v.value);
            }
        }
        rows.push(ChartRow {
            item,
            budget,
            actual,
            rate,
            over,
            share,
        });
    }
    ChartState::Data(ChartModel {
        unit: b.unit,
        has_actual,
        rows,
        scale_max: nice_max(max),
    })
}

/// Drawing area of the SVG (its `viewBox`), in SVG units.
pub const WIDTH: i64 = 960;
pub const HEIGHT: i64 = 300;
pub const MARGIN_LEFT: i64 = 64;
pub const MARGIN_RIGHT: i64 = 12;
pub const MARGIN_TOP: i64 = 40;
pub const MARGIN_BOTTOM: i64 = 56;

pub fn plot_height() -> Decimal {
    Decimal::from(HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
}
pub fn baseline_y() -> Decimal {
    Decimal::from(HEIGHT - MARGIN_BOTTOM)
}
fn group_width() -> Decimal {
    Decimal::from(WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / Decimal::from(CHART_ITEMS.len() as i64)
}

/// One drawn bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub item: SangongItem,
    pub series: Series,
    pub value: Amount,
    /// SVG geometry, one decimal.
    pub x: Decimal,
    pub y: Decimal,
    pub width: Decimal,
    pub height: Decimal,
    pub over: bool,
}

/// Centre x of an item's group.
pub fn group_center(index: usize) -> Decimal {
    (Decimal::from(MARGIN_LEFT)
        + group_width() * (Decimal::from(index as i64) + Decimal::new(5, 1)))
    .round_dp(1)
}

/// y of a value on the axis.
pub fn value_y(v: Decimal, scale_max: Decimal) -> Decimal {
    let v = v.max(Decimal::ZERO).min(scale_max);
    (baseline_y() - plot_height() * v / scale_max).round_dp(1)
}

/// The bars: budget then actual for each item of [`CHART_ITEMS`] (budget only
/// for a budget report). Missing figures draw no bar (the table says "—").
pub fn bars(m: &ChartModel) -> Vec<Bar> {
    let gw = group_width();
    let series: &[Series] = if m.has_actual {
        &[Series::Budget, Series::Actual]
    } else {
        &[Series::Budget]
    };
    let bw = if m.has_actual {
        (gw * Decimal::new(32, 2)).round_dp(1)
    } else {
        (gw * Decimal::new(45, 2)).round_dp(1)
    };
    let mut out = Vec::new();
    for (i, item) in CHART_ITEMS.iter().enumerate() {
        let Some(row) = m.row(*item) else { continue };
        let cx = group_center(i);
        let n = Decimal::from(series.len() as i64);
        let left = cx - bw * n / Decimal::TWO;
        for (k, s) in series.iter().enumerate() {
            let v = match s {
                Series::Budget => row.budget,
                Series::Actual => row.actual,
            };
            let Some(v) = v else { continue };
            let y = value_y(v.value, m.scale_max);
            out.push(Bar {
                item: *item,
                series: *s,
                value: v,
                x: (left + bw * Decimal::from(k as i64)).round_dp(1),
                y,
                width: bw,
                height: baseline_y() - y,
                over: *s == Series::Actual && row.over,
            });
        }
    }
    out
}

/// A figure as printed, with thousands separators.
pub fn money(a: Amount) -> String {
    group_thousands(&a.value.to_string())
}

fn pct(d: Decimal) -> String {
    format!("{}%", d)
}

/// The rate cell / caption: `执行率 25.50%`, or why there is none.
pub fn rate_text(row: &ChartRow, lang: Lang) -> String {
    match (row.rate, row.budget, row.actual) {
        (Some(r), _, _) => format!("{}{}", lang.pick("执行率 ", "rate "), pct(r)),
        (None, Some(b), Some(_)) if b.value.is_zero() => {
            lang.pick("预算为 0", "budget 0").to_string()
        }
        _ => "—".to_string(),
    }
}

/// The bar's accessible name and tooltip: every exact figure, in words.
pub fn bar_label(m: &ChartModel, bar: &Bar, lang: Lang) -> String {
    let unit = m.unit.as_str();
    let row = m.row(bar.item);
    let name = match lang {
        Lang::Zh => bar.item.zh(),
        Lang::En => item_name(bar.item, Lang::En),
    };
    let mut s = format!(
        "{name} {} {} {unit}",
        bar.series.name(lang),
        money(bar.value)
    );
    if let Some(row) = row {
        if m.has_actual {
            let other = match bar.series {
                Series::Budget => row.actual.map(|a| (Series::Actual, a)),
                Series::Actual => row.budget.map(|a| (Series::Budget, a)),
            };
            if let Some((s2, a)) = other {
                s.push_str(&format!(
                    "{}{} {} {unit}",
                    lang.pick("，", "; "),
                    s2.name(lang),
                    money(a)
                ));
            }
            let rate = rate_text(row, lang);
            if rate != "—" {
                s.push_str(&format!("{}{rate}", lang.pick("，", "; ")));
            }
            if row.over {
                let (b, a) = (
                    row.budget.map(|a| a.value).unwrap_or_default(),
                    row.actual.map(|a| a.value).unwrap_or_default(),
                );
                s.push_str(&format!(
                    "{}{} {} {unit}",
                    lang.pick("，超出预算 ", "; over budget by "),
                    "",
                    group_thousands(&(a - b).to_string())
                ));
            }
        } else if let Some(sh) = row.share {
            s.push_str(&format!(
                "{}{}",
                lang.pick("，占合计 ", "; share of total "),
                pct(sh)
            ));
        }
    }
    s.replace("  ", " ")
}

/// The chart for one 三公 block.
#[function_component(SangongChart)]
pub fn sangong_chart(props: &SangongChartProps) -> Html {
    let lang = props.lang;
    let narrow = use_narrow();
    let horizontal = match props.orientation {
        Orientation::Auto => narrow,
        Orientation::Vertical => false,
        Orientation::Horizontal => true,
    };
    let caption = props
        .caption
        .clone()
        .map(|c| html! { <h3 class="sg-caption">{ c }</h3> });
    match chart_state(props.block.as_ref()) {
        ChartState::NoTable => html! {
            <figure class="sg-chart sg-chart-empty" lang={lang.tag()}>
                { caption }
                <p class="chart-empty">{ lang.pick(
                    "本报告中没有找到“三公”经费表，因此没有图表。",
                    "No 三公 (three public expenses) table was found in this report, so there is no chart.") }</p>
            </figure>
        },
        ChartState::Empty => html! {
            <figure class="sg-chart sg-chart-empty" lang={lang.tag()}>
                { caption }
                <p class="chart-empty">{ lang.pick(
                    "“三公”经费表没有数据（报告说明本年度无此项支出或表为空），因此没有图表。",
                    "The 三公 table holds no figures (the report says it is empty), so there is no chart.") }</p>
            </figure>
        },
        ChartState::Data(m) => render_chart(&m, lang, caption, horizontal),
    }
}

fn render_chart(m: &ChartModel, lang: Lang, caption: Option<Html>, horizontal: bool) -> Html {
    let unit = m.unit.as_str();
    let title = if m.has_actual {
        format!(
            "{}（{unit}）",
            lang.pick(
                "“三公”经费预算数与决算数",
                "三公 expenses: budget and actual"
            )
        )
    } else {
        format!(
            "{}（{unit}）",
            lang.pick("“三公”经费预算构成", "三公 expenses: budget composition")
        )
    };
    let bars = bars(m);
    let base = baseline_y().to_string();
    let axis_ticks = ticks(m.scale_max).into_iter().map(|t| {
        let y = value_y(t, m.scale_max).to_string();
        html! {
            <g class="sg-tick">
                <line x1={MARGIN_LEFT.to_string()} x2={(WIDTH - MARGIN_RIGHT).to_string()} y1={y.clone()} y2={y.clone()} class="sg-grid" />
                <text x={(MARGIN_LEFT - 6).to_string()} y={y} class="sg-tick-label" text-anchor="end" dominant-baseline="middle">{ group_thousands(&t.to_string()) }</text>
            </g>
        }
    });
    let groups = CHART_ITEMS.iter().enumerate().map(|(i, item)| {
        let cx = group_center(i).to_string();
        let row = m.row(*item);
        let sub = match row {
            Some(r) if m.has_actual => rate_text(r, lang),
            Some(r) => r.share.map(|s| format!("{}{}", lang.pick("占 ", "share "), pct(s))).unwrap_or_default(),
            None => String::new(),
        };
        let over_class = if row.map(|r| r.over).unwrap_or(false) { "sg-sub over" } else { "sg-sub" };
        html! {
            <g class="sg-group">
                <text x={cx.clone()} y={(HEIGHT - MARGIN_BOTTOM + 18).to_string()} text-anchor="middle" class="sg-item">{ item_name(*item, lang) }</text>
                <text x={cx} y={(HEIGHT - MARGIN_BOTTOM + 36).to_string()} text-anchor="middle" class={over_class}>{ sub }</text>
            </g>
        }
    });
    let bar_nodes = bars.iter().map(|b| {
        let label = bar_label(m, b, lang);
        let cls = classes!("sg-bar", b.series.class(), b.over.then_some("over"));
        let cx = (b.x + b.width / Decimal::TWO).round_dp(1).to_string();
        let value_y = (b.y - Decimal::from(4)).to_string();
        let mark = b.over.then(|| html! {
            <text x={cx.clone()} y={(b.y - Decimal::from(18)).to_string()} text-anchor="middle" class="sg-over-mark">{ lang.pick("▲ 超预算", "▲ over") }</text>
        });
        html! {
            <g class={cls} tabindex="0" role="img" aria-label={label.clone()} data-item={b.item.key()} data-series={b.series.class()} data-value={b.value.value.to_string()}>
                <title>{ label }</title>
                <rect x={b.x.to_string()} y={b.y.to_string()} width={b.width.to_string()} height={b.height.to_string()} />
                <text x={cx} y={value_y} text-anchor="middle" class="sg-value">{ money(b.value) }</text>
                { mark }
            </g>
        }
    });
    let legend = {
        let mut items = vec![(
            Series::Budget.class(),
            Series::Budget.name(lang).to_string(),
        )];
        if m.has_actual {
            items.push((
                Series::Actual.class(),
                Series::Actual.name(lang).to_string(),
            ));
            if m.any_over() {
                items.push((
                    "actual over",
                    lang.pick("决算超预算（▲）", "actual over budget (▲)")
                        .to_string(),
                ));
            }
        }
        items.into_iter().enumerate().map(|(k, (cls, text))| {
            let x = MARGIN_LEFT + (k as i64) * 150;
            html! {
                <g class={classes!("sg-legend", "sg-bar", cls.split(' ').collect::<Vec<_>>())} aria-hidden="true">
                    <rect x={x.to_string()} y="8" width="14" height="14" />
                    <text x={(x + 20).to_string()} y="19" class="sg-legend-text">{ text }</text>
                </g>
            }
        }).collect::<Html>()
    };
    let svg = if horizontal {
        render_horizontal(m, lang, &title)
    } else {
        html! {
            <svg class="sg-svg sg-vertical" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group" aria-label={title.clone()} preserveAspectRatio="xMidYMid meet">
                <title>{ title.clone() }</title>
                { legend }
                { for axis_ticks }
                <line class="sg-axis" x1={MARGIN_LEFT.to_string()} x2={(WIDTH - MARGIN_RIGHT).to_string()} y1={base.clone()} y2={base} />
                { for groups }
                { for bar_nodes }
            </svg>
        }
    };
    html! {
        <figure class={classes!("sg-chart", horizontal.then_some("sg-chart-h"))} lang={lang.tag()}>
            { caption }
            { svg }
            <figcaption class="sg-figcaption">{ title }</figcaption>
            { data_table(m, lang) }
        </figure>
    }
}

/// Width of the horizontal chart's `viewBox`: about a phone's content width, so
/// its 12 px labels are drawn at about 12 px there.
pub const H_WIDTH: i64 = 360;
const H_LEFT: i64 = 4;
/// Room right of the longest bar for its value.
const H_RIGHT: i64 = 64;
const H_TOP: i64 = 30;
const H_LABEL: i64 = 18;
const H_BAR: i64 = 15;
const H_GAP: i64 = 10;

/// The horizontal bars (narrow screens): one block per item, its name and rate
/// on a line, then its budget and actual bars, values at their ends.
pub fn hbars(m: &ChartModel) -> Vec<Bar> {
    let series: &[Series] = if m.has_actual {
        &[Series::Budget, Series::Actual]
    } else {
        &[Series::Budget]
    };
    let plot = Decimal::from(H_WIDTH - H_LEFT - H_RIGHT);
    let mut out = Vec::new();
    for (i, item) in CHART_ITEMS.iter().enumerate() {
        let Some(row) = m.row(*item) else { continue };
        let top = h_block_top(i, series.len());
        for (k, s) in series.iter().enumerate() {
            let v = match s {
                Series::Budget => row.budget,
                Series::Actual => row.actual,
            };
            let Some(v) = v else { continue };
            let frac = v.value.max(Decimal::ZERO).min(m.scale_max) / m.scale_max;
            out.push(Bar {
                item: *item,
                series: *s,
                value: v,
                x: Decimal::from(H_LEFT),
                y: Decimal::from(top + H_LABEL + (k as i64) * (H_BAR + 2)),
                width: (plot * frac).round_dp(1),
                height: Decimal::from(H_BAR),
                over: *s == Series::Actual && row.over,
            });
        }
    }
    out
}

fn h_block_top(i: usize, n_series: usize) -> i64 {
    H_TOP + (i as i64) * (H_LABEL + (n_series as i64) * (H_BAR + 2) + H_GAP)
}

fn render_horizontal(m: &ChartModel, lang: Lang, title: &str) -> Html {
    let n_series = if m.has_actual { 2 } else { 1 };
    let axis_y = h_block_top(CHART_ITEMS.len(), n_series);
    let height = axis_y + 22;
    let plot = Decimal::from(H_WIDTH - H_LEFT - H_RIGHT);
    let x_of = |t: Decimal| (Decimal::from(H_LEFT) + plot * t / m.scale_max).round_dp(1);
    let ticks_html = ticks(m.scale_max).into_iter().map(|t| {
        let x = x_of(t).to_string();
        html! {
            <g class="sg-tick">
                <line x1={x.clone()} x2={x.clone()} y1={H_TOP.to_string()} y2={axis_y.to_string()} class="sg-grid" />
                <text x={x} y={(axis_y + 15).to_string()} class="sg-tick-label" text-anchor="middle">{ group_thousands(&t.to_string()) }</text>
            </g>
        }
    });
    let labels = CHART_ITEMS.iter().enumerate().map(|(i, item)| {
        let top = h_block_top(i, n_series);
        let row = m.row(*item);
        let sub = match row {
            Some(r) if m.has_actual => rate_text(r, lang),
            Some(r) => r.share.map(|s| format!("{}{}", lang.pick("占 ", "share "), pct(s))).unwrap_or_default(),
            None => String::new(),
        };
        let over = row.map(|r| r.over).unwrap_or(false);
        html! {
            <g class="sg-group">
                <text x={H_LEFT.to_string()} y={(top + 13).to_string()} class="sg-item">{ item_name(*item, lang) }</text>
                <text x={(H_WIDTH - 4).to_string()} y={(top + 13).to_string()} text-anchor="end" class={if over { "sg-sub over" } else { "sg-sub" }}>{ sub }</text>
            </g>
        }
    });
    let bar_nodes = hbars(m).into_iter().map(|b| {
        let label = bar_label(m, &b, lang);
        let cls = classes!("sg-bar", b.series.class(), b.over.then_some("over"));
        let vy = (b.y + Decimal::from(12)).to_string();
        let vx = (b.x + b.width + Decimal::from(4)).to_string();
        let mark = b.over.then(|| html! {
            <text x={(H_WIDTH - 4).to_string()} y={vy.clone()} text-anchor="end" class="sg-over-mark">{ lang.pick("▲ 超预算", "▲ over") }</text>
        });
        html! {
            <g class={cls} tabindex="0" role="img" aria-label={label.clone()} data-item={b.item.key()} data-series={b.series.class()} data-value={b.value.value.to_string()}>
                <title>{ label }</title>
                <rect x={b.x.to_string()} y={b.y.to_string()} width={b.width.max(Decimal::ONE).to_string()} height={b.height.to_string()} />
                <text x={vx} y={vy} class="sg-value">{ money(b.value) }</text>
                { mark }
            </g>
        }
    });
    let mut legend = vec![(
        Series::Budget.class(),
        Series::Budget.name(lang).to_string(),
    )];
    if m.has_actual {
        legend.push((
            Series::Actual.class(),
            Series::Actual.name(lang).to_string(),
        ));
        if m.any_over() {
            legend.push((
                "actual over",
                lang.pick("超预算（▲）", "over budget (▲)").to_string(),
            ));
        }
    }
    let legend = legend.into_iter().enumerate().map(|(k, (cls, text))| {
        let x = H_LEFT + (k as i64) * 96;
        html! {
            <g class={classes!("sg-legend", "sg-bar", cls.split(' ').collect::<Vec<_>>())} aria-hidden="true">
                <rect x={x.to_string()} y="6" width="13" height="13" />
                <text x={(x + 18).to_string()} y="17" class="sg-legend-text">{ text }</text>
            </g>
        }
    });
    html! {
        <svg class="sg-svg sg-horizontal" viewBox={format!("0 0 {H_WIDTH} {height}")} role="group" aria-label={title.to_string()} preserveAspectRatio="xMidYMin meet">
            <title>{ title.to_string() }</title>
            { for legend }
            { for ticks_html }
            <line class="sg-axis" x1={H_LEFT.to_string()} x2={H_LEFT.to_string()} y1={H_TOP.to_string()} y2={axis_y.to_string()} />
            { for labels }
            { for bar_nodes }
        </svg>
    }
}

fn data_table(m: &ChartModel, lang: Lang) -> Html {
    let unit = m.unit.as_str();
    let cell = |a: Option<Amount>| a.map(money).unwrap_or_else(|| "—".into());
    let rows = m.rows.iter().map(|r| {
        let name = match lang {
            Lang::Zh => r.item.zh(),
            Lang::En => item_name(r.item, Lang::En),
        };
        let cls = classes!("sg-row", r.over.then_some("over"), (r.item == SangongItem::Total).then_some("total"));
        if m.has_actual {
            let status = if r.over {
                lang.pick("▲ 超预算", "▲ over budget")
            } else if r.actual.is_some() && r.budget.is_some() {
                lang.pick("未超预算", "within budget")
            } else {
                "—"
            };
            html! {
                <tr class={cls}>
                    <th scope="row">{ name }</th>
                    <td class="num">{ cell(r.budget) }</td>
                    <td class="num">{ cell(r.actual) }</td>
                    <td class="num">{ r.rate.map(pct).unwrap_or_else(|| rate_text(r, lang)) }</td>
                    <td>{ status }</td>
                </tr>
            }
        } else {
            html! {
                <tr class={cls}>
                    <th scope="row">{ name }</th>
                    <td class="num">{ cell(r.budget) }</td>
                    <td class="num">{ r.share.map(pct).unwrap_or_else(|| if r.item == SangongItem::Total { "100%".into() } else { "—".into() }) }</td>
                </tr>
            }
        }
    });
    let head = if m.has_actual {
        html! { <tr>
            <th scope="col">{ lang.pick("项目", "Item") }</th>
            <th scope="col">{ format!("{}（{unit}）", lang.pick("预算数", "Budget")) }</th>
            <th scope="col">{ format!("{}（{unit}）", lang.pick("决算数", "Actual")) }</th>
            <th scope="col">{ lang.pick("执行率", "Execution rate") }</th>
            <th scope="col">{ lang.pick("与预算比", "Against budget") }</th>
        </tr> }
    } else {
        html! { <tr>
            <th scope="col">{ lang.pick("项目", "Item") }</th>
            <th scope="col">{ format!("{}（{unit}）", lang.pick("预算数", "Budget")) }</th>
            <th scope="col">{ lang.pick("占合计", "Share of total") }</th>
        </tr> }
    };
    html! {
        <table class="sg-data">
            <caption>{ if m.has_actual {
                lang.pick("“三公”经费预算与决算数据（执行率 = 决算数 ÷ 预算数）", "三公 budget and actual figures (rate = actual ÷ budget)")
            } else {
                lang.pick("“三公”经费预算构成数据", "三公 budget composition figures")
            } }</caption>
            <thead>{ head }</thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// One year of a department in the comparison chart: the 三公 total budgeted
/// and spent (`actual` is `None` for a 预算 report).
#[derive(Debug, Clone, PartialEq)]
pub struct YearGroup {
    /// `2020 决算`, `2024 预算`.
    pub label: String,
    pub budget: Option<Amount>,
    pub actual: Option<Amount>,
}

/// A bar of the by-year chart.
#[derive(Debug, Clone, PartialEq)]
pub struct YearBar {
    pub group: usize,
    pub series: Series,
    pub value: Amount,
    pub x: Decimal,
    pub y: Decimal,
    pub width: Decimal,
    pub height: Decimal,
    pub over: bool,
}

/// Centre x of group `i` of `n`.
pub fn nth_center(i: usize, n: usize) -> Decimal {
    let gw = Decimal::from(WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / Decimal::from(n.max(1) as i64);
    (Decimal::from(MARGIN_LEFT) + gw * (Decimal::from(i as i64) + Decimal::new(5, 1))).round_dp(1)
}

/// Scale and bars of the by-year chart: budget and actual side by side per year.
pub fn year_bars(groups: &[YearGroup]) -> (Decimal, Vec<YearBar>) {
    let max = groups
        .iter()
        .flat_map(|g| [g.budget, g.actual])
        .flatten()
        .map(|a| a.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    let scale = nice_max(max);
    let n = groups.len().max(1);
    let gw = Decimal::from(WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / Decimal::from(n as i64);
    let bw = (gw * Decimal::new(32, 2))
        .min(Decimal::from(48))
        .round_dp(1);
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let cx = nth_center(i, n);
        let over = matches!((g.budget, g.actual), (Some(b), Some(a)) if a.value > b.value);
        for (k, (s, v)) in [(Series::Budget, g.budget), (Series::Actual, g.actual)]
            .into_iter()
            .enumerate()
        {
            let Some(v) = v else { continue };
            let y = value_y(v.value, scale);
            out.push(YearBar {
                group: i,
                series: s,
                value: v,
                x: (cx - bw + bw * Decimal::from(k as i64)).round_dp(1),
                y,
                width: bw,
                height: baseline_y() - y,
                over: s == Series::Actual && over,
            });
        }
    }
    (scale, out)
}

#[derive(Properties, PartialEq, Clone)]
pub struct SangongYearsChartProps {
    pub groups: Vec<YearGroup>,
    pub lang: Lang,
    /// The chart's accessible name (the department).
    pub title: AttrValue,
}

/// 三公 total by year: budget and actual per year, with the same marks as the
/// single-report chart (over budget in words, exact figures in every label).
#[function_component(SangongYearsChart)]
pub fn sangong_years_chart(props: &SangongYearsChartProps) -> Html {
    let lang = props.lang;
    if props
        .groups
        .iter()
        .all(|g| g.budget.is_none() && g.actual.is_none())
    {
        return html! { <p class="chart-empty">{ lang.pick("这些报告中没有“三公”经费数字。", "No 三公 figures in these reports.") }</p> };
    }
    let (scale, bars) = year_bars(&props.groups);
    let n = props.groups.len();
    let base = baseline_y().to_string();
    let ticks_html = ticks(scale).into_iter().map(|t| {
        let y = value_y(t, scale).to_string();
        html! {
            <g class="sg-tick">
                <line x1={MARGIN_LEFT.to_string()} x2={(WIDTH - MARGIN_RIGHT).to_string()} y1={y.clone()} y2={y.clone()} class="sg-grid" />
                <text x={(MARGIN_LEFT - 6).to_string()} y={y} class="sg-tick-label" text-anchor="end" dominant-baseline="middle">{ group_thousands(&t.to_string()) }</text>
            </g>
        }
    });
    let labels = props.groups.iter().enumerate().map(|(i, g)| {
        let cx = nth_center(i, n).to_string();
        let rate = match (g.budget, g.actual) {
            (Some(b), Some(a)) => execution_rate(b.value, a.value).map(|r| format!("{}{}", lang.pick("执行率 ", "rate "), pct(r))),
            _ => None,
        };
        html! {
            <g class="sg-group">
                <text x={cx.clone()} y={(HEIGHT - MARGIN_BOTTOM + 18).to_string()} text-anchor="middle" class="sg-item">{ g.label.clone() }</text>
                <text x={cx} y={(HEIGHT - MARGIN_BOTTOM + 36).to_string()} text-anchor="middle" class="sg-sub">{ rate.unwrap_or_default() }</text>
            </g>
        }
    });
    let bar_nodes = bars.iter().map(|b| {
        let g = &props.groups[b.group];
        let mut label = format!("{} {} {} {}", g.label, lang.pick("“三公”经费", "三公 total"), b.series.name(lang), money(b.value));
        label.push_str(lang.pick(" 万元", " 万元"));
        if b.over {
            label.push_str(lang.pick("，超预算", "; over budget"));
        }
        let cx = (b.x + b.width / Decimal::TWO).round_dp(1).to_string();
        let mark = b.over.then(|| html! {
            <text x={cx.clone()} y={(b.y - Decimal::from(18)).to_string()} text-anchor="middle" class="sg-over-mark">{ "▲" }</text>
        });
        html! {
            <g class={classes!("sg-bar", b.series.class(), b.over.then_some("over"))} tabindex="0" role="img" aria-label={label.clone()} data-group={b.group.to_string()} data-series={b.series.class()} data-value={b.value.value.to_string()}>
                <title>{ label }</title>
                <rect x={b.x.to_string()} y={b.y.to_string()} width={b.width.to_string()} height={b.height.to_string()} />
                <text x={cx} y={(b.y - Decimal::from(4)).to_string()} text-anchor="middle" class="sg-value">{ money(b.value) }</text>
                { mark }
            </g>
        }
    });
    let legend = [(Series::Budget, 0i64), (Series::Actual, 150)].into_iter().map(|(s, dx)| {
        let x = MARGIN_LEFT + dx;
        html! {
            <g class={classes!("sg-legend", "sg-bar", s.class())} aria-hidden="true">
                <rect x={x.to_string()} y="8" width="14" height="14" />
                <text x={(x + 20).to_string()} y="19" class="sg-legend-text">{ s.name(lang) }</text>
            </g>
        }
    });
    html! {
        <svg class="sg-svg sg-years" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group" aria-label={props.title.clone()}>
            <title>{ props.title.clone() }</title>
            { for legend }
            { for ticks_html }
            <line class="sg-axis" x1={MARGIN_LEFT.to_string()} x2={(WIDTH - MARGIN_RIGHT).to_string()} y1={base.clone()} y2={base} />
            { for labels }
            { for bar_nodes }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn figs(v: [&str; 6]) -> SangongFigures {
        let mut f = SangongFigures::default();
        for (k, s) in SangongItem::ALL.iter().zip(v) {
            f.set(
                *k,
                if s.is_empty() {
                    None
                } else {
                    Some(Amount::new(d(s)))
                },
            );
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
    fn corpus_2020() -> SangongBlock {
        block(
            ["4.00", "0.00", "3.00", "0.00", "3.00", "1.00"],
            Some(["1.02", "0.00", "1.02", "0.00", "1.02", "0.00"]),
        )
    }

    #[test]
    fn rate_is_exact_decimal_with_two_places() {
        assert_eq!(execution_rate(d("4.00"), d("1.02")), Some(d("25.50")));
        assert_eq!(execution_rate(d("3"), d("1")), Some(d("33.33")));
        assert_eq!(execution_rate(d("3"), d("2")), Some(d("66.67")));
        assert_eq!(
            execution_rate(d("0.00"), d("1.00")),
            None,
            "a rate against 0 is not a rate"
        );
        assert_eq!(
            execution_rate(d("2"), d("3")).unwrap().to_string(),
            "150.00"
        );
    }

    #[test]
    fn nice_scale() {
        assert_eq!(nice_max(d("4.00")), d("5"));
        assert_eq!(nice_max(d("5.40")), d("6"));
        assert_eq!(nice_max(d("1.02")), d("1.5"));
        assert_eq!(nice_max(d("2.1")), d("2.5"));
        assert_eq!(nice_max(d("22.30")), d("25"));
        assert_eq!(nice_max(d("2796.27")), d("3000"));
        assert_eq!(nice_max(Decimal::ZERO), d("1"));
        let ds = |v: &[&str]| v.iter().map(|x| d(x)).collect::<Vec<_>>();
        assert_eq!(ticks(d("5")), ds(&["0", "1", "2", "3", "4", "5"]));
        assert_eq!(ticks(d("25")), ds(&["0", "5", "10", "15", "20", "25"]));
        assert_eq!(ticks(d("6")), ds(&["0", "2", "4", "6"]));
        assert_eq!(ticks(d("1.5")), ds(&["0", "0.5", "1", "1.5"]));
        assert_eq!(ticks(d("3000")), ds(&["0", "1000", "2000", "3000"]));
        assert_eq!(ticks(d("1")), ds(&["0", "0.2", "0.4", "0.6", "0.8", "1"]));
        // Every tick of every scale is a whole number of round steps.
        for m in ["0.37", "7.77", "18.75", "123.4", "99999.99"] {
            let s = nice_max(d(m));
            assert!(s > d(m));
            let t = ticks(s);
            assert!(
                t.len() >= 2 && t.len() <= 6 && *t.last().unwrap() == s,
                "{m}: {t:?}"
            );
        }
    }

    #[test]
    fn empty_states_are_told_apart() {
        assert_eq!(chart_state(None), ChartState::NoTable);
        let mut b = corpus_2020();
        b.empty = true;
        assert_eq!(chart_state(Some(&b)), ChartState::Empty);
        let none = block(["", "", "", "", "", ""], Some(["", "", "", "", "", ""]));
        assert_eq!(chart_state(Some(&none)), ChartState::Empty);
        // All zeros is data (the department spent nothing), not an empty table.
        let zeros = block(["0.00"; 6], Some(["0.00"; 6]));
        assert!(matches!(chart_state(Some(&zeros)), ChartState::Data(_)));
    }

    #[test]
    fn corpus_2020_bars_and_rates() {
        let ChartState::Data(m) = chart_state(Some(&corpus_2020())) else {
            panic!("data")
        };
        assert!(m.has_actual);
        assert_eq!(m.scale_max, d("5"));
        assert_eq!(m.row(SangongItem::Total).unwrap().rate, Some(d("25.50")));
        assert_eq!(
            m.row(SangongItem::VehicleOperation).unwrap().rate,
            Some(d("34.00"))
        );
        assert_eq!(m.row(SangongItem::Reception).unwrap().rate, Some(d("0.00")));
        assert_eq!(m.row(SangongItem::Outbound).unwrap().rate, None);
        assert!(!m.any_over());
        let bars = bars(&m);
        assert_eq!(bars.len(), 10, "budget and actual for five items");
        let total_budget = bars
            .iter()
            .find(|b| b.item == SangongItem::Total && b.series == Series::Budget)
            .unwrap();
        // 4.00 of 5 on a 204-unit plot = 163.2 high, top at 244 − 163.2.
        assert_eq!(total_budget.height, d("163.2"));
        assert_eq!(total_budget.y, d("80.8"));
        let total_actual = bars
            .iter()
            .find(|b| b.item == SangongItem::Total && b.series == Series::Actual)
            .unwrap();
        assert_eq!(total_actual.height, d("41.6"));
        assert!(
            total_actual.x > total_budget.x,
            "actual to the right of budget"
        );
        for b in &bars {
            assert!(
                b.x >= Decimal::from(MARGIN_LEFT)
                    && b.x + b.width <= Decimal::from(WIDTH - MARGIN_RIGHT)
            );
            assert_eq!(b.y + b.height, baseline_y());
        }
    }

    #[test]
    fn over_budget_is_flagged_and_worded() {
        let b = block(
            ["2.00", "0.00", "1.00", "0.00", "1.00", "1.00"],
            Some(["3.50", "0.50", "1.00", "0.00", "1.00", "2.00"]),
        );
        let ChartState::Data(m) = chart_state(Some(&b)) else {
            panic!()
        };
        assert!(m.row(SangongItem::Total).unwrap().over);
        assert!(
            m.row(SangongItem::Outbound).unwrap().over,
            "spending against a 0 budget is over budget"
        );
        assert_eq!(m.row(SangongItem::Outbound).unwrap().rate, None);
        assert!(!m.row(SangongItem::VehicleOperation).unwrap().over);
        let bars = bars(&m);
        let over: Vec<_> = bars.iter().filter(|b| b.over).map(|b| b.item).collect();
        assert_eq!(
            over,
            vec![
                SangongItem::Outbound,
                SangongItem::Reception,
                SangongItem::Total
            ]
        );
        let total = bars
            .iter()
            .find(|b| b.item == SangongItem::Total && b.series == Series::Actual)
            .unwrap();
        let zh = bar_label(&m, total, Lang::Zh);
        assert!(
            zh.contains("决算数 3.50 万元")
                && zh.contains("预算数 2.00 万元")
                && zh.contains("执行率 175.00%")
                && zh.contains("超出预算 1.50"),
            "{zh}"
        );
        let en = bar_label(&m, total, Lang::En);
        assert!(en.contains("over budget by 1.50"), "{en}");
        assert_eq!(
            rate_text(m.row(SangongItem::Outbound).unwrap(), Lang::Zh),
            "预算为 0"
        );
    }

    #[test]
    fn budget_report_shows_composition() {
        let b = block(["5.40", "0.00", "4.40", "0.00", "4.40", "1.00"], None);
        let ChartState::Data(m) = chart_state(Some(&b)) else {
            panic!()
        };
        assert!(!m.has_actual);
        assert_eq!(
            m.row(SangongItem::VehicleOperation).unwrap().share,
            Some(d("81.48"))
        );
        assert_eq!(
            m.row(SangongItem::Reception).unwrap().share,
            Some(d("18.52"))
        );
        let bars = bars(&m);
        assert_eq!(bars.len(), 5);
        assert!(bars.iter().all(|b| b.series == Series::Budget && !b.over));
        let label = bar_label(&m, &bars[2], Lang::Zh);
        assert!(label.contains("占合计 81.48%"), "{label}");
    }

    #[test]
    fn large_figures_keep_separators() {
        assert_eq!(money(Amount::new(d("2796.27"))), "2,796.27");
    }

    #[test]
    fn year_bars_side_by_side() {
        let g = |label: &str, b: Option<&str>, a: Option<&str>| YearGroup {
            label: label.into(),
            budget: b.map(|v| Amount::new(d(v))),
            actual: a.map(|v| Amount::new(d(v))),
        };
        let groups = vec![
            g("2020 决算", Some("4.00"), Some("1.02")),
            g("2021 决算", Some("1.00"), Some("1.50")),
            g("2024 预算", Some("5.40"), None),
        ];
        let (scale, bars) = year_bars(&groups);
        assert_eq!(scale, d("6"));
        assert_eq!(bars.len(), 5);
        assert_eq!(
            bars.iter()
                .filter(|b| b.over)
                .map(|b| b.group)
                .collect::<Vec<_>>(),
            vec![1]
        );
        for w in bars.windows(2) {
            assert!(w[0].x < w[1].x, "left to right in year order");
        }
        assert!(bars.iter().all(|b| b.x >= Decimal::from(MARGIN_LEFT)
            && b.x + b.width <= Decimal::from(WIDTH - MARGIN_RIGHT)));
    }
}
