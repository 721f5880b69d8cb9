//! One report table as a real `<table>`: 科目编码 hierarchy that folds (类 → 款 → 项),
//! sortable value columns, a filter box, numbers right-aligned as printed, every
//! cell with a finding marked and explained on hover and on focus, the source
//! line of each row. A two-sided table (收入 | 支出) shows its halves side by side.

use crate::model::{Analysis, CellRef, Table, TableState};
use crate::ui::format;
use crate::ui::glance::sev_key;
use crate::ui::hierarchy::{level_name, CodeHierarchy, SortDir, SortKey, ViewState};
use crate::ui::i18n::Lang;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct TableViewProps {
    pub analysis: Rc<Analysis>,
    /// Index into `Analysis::tables`.
    pub index: usize,
    pub lang: Lang,
    /// The cell of the finding the reader chose, when it is in this table.
    #[prop_or_default]
    pub highlight: Option<CellRef>,
    /// The row of the finding the reader chose, when it names a row but no cell.
    #[prop_or_default]
    pub highlight_row: Option<usize>,
}

/// Re-render a table only when what it shows changed: after an edit elsewhere
/// in the report the new analysis holds an equal table with equal findings, and
/// comparing them is far cheaper than rebuilding a few hundred rows of markup.
impl PartialEq for TableViewProps {
    fn eq(&self, o: &Self) -> bool {
        if self.index != o.index
            || self.lang != o.lang
            || self.highlight != o.highlight
            || self.highlight_row != o.highlight_row
        {
            return false;
        }
        if Rc::ptr_eq(&self.analysis, &o.analysis) {
            return true;
        }
        let (a, b) = (&self.analysis, &o.analysis);
        let (Some(ta), Some(tb)) = (a.tables.get(self.index), b.tables.get(o.index)) else {
            return false;
        };
        // The table shows its findings' severities and messages (its cells' ids are
        // the table's own, not the findings'), so a finding elsewhere that moved the
        // list's numbering does not change it.
        fn of<'a>(x: &'a Analysis, id: &str) -> Vec<&'a crate::model::Finding> {
            x.findings
                .iter()
                .filter(|f| f.table.as_deref() == Some(id))
                .collect()
        }
        ta == tb && a.meta == b.meta && of(a, &ta.id) == of(b, &tb.id)
    }
}

/// Per-side view state (sort and collapse) and one filter for the whole table.
#[derive(Clone, PartialEq, Default)]
struct TableUi {
    filter: String,
    sides: Vec<ViewState>,
}

#[function_component(TableView)]
pub fn table_view(p: &TableViewProps) -> Html {
    let ui = use_state(TableUi::default);
    let Some(t) = p.analysis.tables.get(p.index) else {
        return html! {};
    };
    let lang = p.lang;
    let sides: Vec<Option<usize>> = if t.is_two_sided() {
        (0..t.sides.len()).map(Some).collect()
    } else {
        vec![None]
    };
    let hierarchies: Vec<CodeHierarchy> =
        sides.iter().map(|s| CodeHierarchy::build(t, *s)).collect();
    let any_branches = hierarchies.iter().any(|h| !h.branches().is_empty());
    let cells = format::cell_findings(&p.analysis, &t.id);

    let on_filter = {
        let ui = ui.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*ui).clone();
            next.filter = input.value();
            ui.set(next);
        })
    };
    let set_all = |collapse: bool| {
        let ui = ui.clone();
        let branches: Vec<_> = hierarchies.iter().map(|h| h.branches()).collect();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*ui).clone();
            next.sides.resize(branches.len(), ViewState::default());
            for (s, b) in next.sides.iter_mut().zip(&branches) {
                s.collapsed = if collapse {
                    b.clone()
                } else {
                    Default::default()
                };
            }
            ui.set(next);
        })
    };
    let export_csv = {
        let a = p.analysis.clone();
        let idx = p.index;
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = a.tables.get(idx) {
                let name = format!("{}-{}-{}.csv", format::file_stem(&a), t.id, t.title);
                crate::ui::dom::download(&name, "text/csv;charset=utf-8", &format::table_csv(t));
            }
        })
    };
    let filter_id = format!("filter-{}", t.id);
    let title_id = format!("title-{}", t.id);
    let unit = t.unit.or(p.analysis.meta.unit);

    html! {
        <section class={classes!("bl-table", t.is_two_sided().then_some("bl-two-sided"))} id={format::table_dom_id(&t.id)} data-kind={t.kind.clone()} aria-labelledby={title_id.clone()}>
            <h3 class="bl-h3 bl-table-title" id={title_id}>
                { format::table_name(t, lang) }
            </h3>
            <p class="bl-table-meta">
                <span class="bl-kind-name">{ lang.table_kind(&t.kind) }</span>
                { " · " }
                <span>{ format!("{}{}", lang.pick("单位：", "unit: "), unit.map(|u| u.as_str()).unwrap_or(lang.pick("未注明", "not stated"))) }</span>
                { " · " }
                <span>{ format!("{} {}–{} {}", lang.pick("源文本第", "source lines"), t.lines[0], t.lines[1], lang.pick("行", "")) }</span>
                if t.pages > 1 { { format!(" · {} {}", t.pages, lang.pick("页", "pages")) } }
            </p>
            if t.state == TableState::Empty || t.rows.is_empty() {
                <p class="bl-empty-table">{ lang.pick("本表无数据（报告注明本年度无发生额，或未读到数据行）。", "No figures (the report says the table is empty, or no data row was read).") }</p>
            } else {
                <div class="bl-table-tools no-print">
                    <label for={filter_id.clone()}>{ lang.pick("筛选：", "Filter: ") }</label>
                    <input id={filter_id} type="search" class="bl-filter" value={ui.filter.clone()} oninput={on_filter}
                        placeholder={lang.pick("科目编码或名称", "code or name")} />
                    if any_branches {
                        <button type="button" class="bl-button bl-small" onclick={set_all(true)}>{ lang.pick("全部折叠", "Collapse all") }</button>
                        <button type="button" class="bl-button bl-small" onclick={set_all(false)}>{ lang.pick("全部展开", "Expand all") }</button>
                    }
                    <button type="button" class="bl-button bl-small" onclick={export_csv}>{ lang.pick("导出 CSV", "Export CSV") }</button>
                </div>
                <div class="bl-sides">
                    { for sides.iter().zip(hierarchies.iter()).enumerate().map(|(si, (side, h))| {
                        side_table(p, t, *side, si, h, &ui, &cells)
                    }) }
                </div>
            }
            if !t.notes.is_empty() {
                <ul class="bl-notes">{ for t.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }
        </section>
    }
}

fn side_table(
    p: &TableViewProps,
    t: &Table,
    side: Option<usize>,
    si: usize,
    h: &CodeHierarchy,
    ui: &UseStateHandle<TableUi>,
    cells: &format::Marked<(usize, usize)>,
) -> Html {
    let lang = p.lang;
    let a = &p.analysis;
    let mut state = ui.sides.get(si).cloned().unwrap_or_default();
    state.filter = ui.filter.clone();
    let target_row = p.highlight.map(|c| c.row).or(p.highlight_row);
    let shown = h.visible(t, &state, target_row);
    let row_flags = format::row_findings(a, &t.id);
    // Every row stays in the DOM (folded or filtered ones `hidden`), in sorted
    // order: a fold or a filter keystroke never replaces the row under focus.
    let visible: crate::ui::hierarchy::RowSet = shown.iter().map(|s| s.row).collect();
    let all = h.visible(
        t,
        &ViewState {
            sort: state.sort,
            ..Default::default()
        },
        None,
    );
    let cols = t.side_columns(side);
    let has_codes = h.rows.iter().any(|&i| t.rows[i].code.is_some());
    let label_header = match side {
        Some(s) => t.sides[s].name.clone(),
        None => t
            .columns
            .iter()
            .find(|c| !t.value_columns.contains(c) && !crate::text::compact(c).contains("编码"))
            .cloned()
            .unwrap_or_else(|| lang.pick("科目名称", "Name").to_string()),
    };

    let update_side = {
        let ui = ui.clone();
        move |f: Box<dyn Fn(&mut ViewState)>| {
            let mut next = (*ui).clone();
            if next.sides.len() <= si {
                next.sides.resize(si + 1, ViewState::default());
            }
            f(&mut next.sides[si]);
            ui.set(next);
        }
    };

    let header_cells = cols.iter().enumerate().map(|(c, name)| {
        let sort = state.sort.filter(|k| k.col == c);
        let aria_sort = match sort.map(|k| k.dir) {
            Some(SortDir::Asc) => "ascending",
            Some(SortDir::Desc) => "descending",
            None => "none",
        };
        let arrow = match sort.map(|k| k.dir) {
            Some(SortDir::Asc) => "▲",
            Some(SortDir::Desc) => "▼",
            None => "↕",
        };
        let upd = update_side.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            upd(Box::new(move |s: &mut ViewState| s.sort = SortKey::cycle(s.sort, c)));
        });
        html! {
            <th scope="col" class="num" aria-sort={aria_sort}>
                <button type="button" class="bl-sort" onclick={onclick}
                    title={lang.pick("按此列排序（同级科目之间）", "Sort by this column (among sibling codes)")}>
                    <span class="bl-col-name">{ name.replace('/', " / ") }</span>
                    <span class="bl-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    });

    let rows = all.iter().map(|sr| {
        let i = sr.row;
        let r = &t.rows[i];
        let collapsed = state.collapsed.contains(&i);
        let toggle = sr.has_children.then(|| {
            let upd = update_side.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                upd(Box::new(move |s: &mut ViewState| {
                    if !s.collapsed.remove(&i) {
                        s.collapsed.insert(i);
                    }
                }));
            });
            let what = format!("{} {}", r.code.clone().unwrap_or_default(), r.label);
            let label = if collapsed { format!("{} {what}", lang.pick("展开", "Expand")) } else { format!("{} {what}", lang.pick("折叠", "Collapse")) };
            html! {
                <button type="button" class="bl-toggle" aria-expanded={if collapsed { "false" } else { "true" }}
                    aria-label={label} onclick={onclick}>
                    <span aria-hidden="true">{ if collapsed { "▸" } else { "▾" } }</span>
                </button>
            }
        });
        let row_class = classes!(
            "bl-row",
            format!("bl-d{}", sr.depth.min(3)),
            r.is_total().then_some("bl-total"),
            r.ambiguous.then_some("bl-ambiguous"),
            (target_row == Some(i)).then_some("bl-hl-row"),
        );
        let value_cells = (0..cols.len()).map(|c| {
            let text = format::amount(r.values.get(c).copied().flatten());
            let id = format::cell_id(&t.id, i, c);
            let hl = p.highlight == Some(CellRef { row: i, col: c });
            match cells.get(&(i, c)) {
                Some(fs) => {
                    let sev = format::worst(a, fs).map(sev_key).unwrap_or("notice");
                    let msgs: Vec<&str> = fs.iter().map(|&f| format::message(&a.findings[f], lang)).collect();
                    let tip_id = format!("tip-{id}");
                    html! {
                        <td id={id} class={classes!("num", "bl-flag", format!("sev-{sev}"), hl.then_some("bl-hl"))}
                            tabindex="0" title={msgs.join("\n")} aria-describedby={tip_id.clone()}>
                            { text }
                            <span class="bl-tip" role="tooltip" id={tip_id}>{ msgs.join(" ") }</span>
                        </td>
                    }
                }
                None => html! { <td id={id} class={classes!("num", hl.then_some("bl-hl"))}>{ text }</td> },
            }
        });
        html! {
            <tr key={i} id={format::row_dom_id(&t.id, i)} class={row_class} data-row={i.to_string()} hidden={!visible.contains(&i)}
                tabindex={(target_row == Some(i)).then_some("-1")}>
                if has_codes {
                    <td class="bl-code" title={r.code.as_ref().map(|_| level_name(sr.depth, lang).to_string())}>{ r.code.clone().unwrap_or_default() }</td>
                }
                <th scope="row" class="bl-label">
                    { for toggle }
                    <span class="bl-label-text">{ r.label.clone() }</span>
                    if let Some(fs) = row_flags.get(&i) {
                        // A finding about the whole row: a mark that explains itself
                        // on hover (title) and on focus (the tip, for screen readers too).
                        <span class={classes!("bl-row-flag", format!("sev-{}", format::worst(a, fs).map(sev_key).unwrap_or("notice")))}
                            tabindex="0" title={fs.iter().map(|&f| format::message(&a.findings[f], lang)).collect::<Vec<_>>().join("\n")}
                            aria-describedby={format!("tip-{}", format::row_dom_id(&t.id, i))}>
                            { "!" }
                            <span class="bl-tip" role="tooltip" id={format!("tip-{}", format::row_dom_id(&t.id, i))}>
                                { fs.iter().map(|&f| format::message(&a.findings[f], lang)).collect::<Vec<_>>().join(" ") }
                            </span>
                        </span>
                    } else if r.ambiguous {
                        <span class="bl-amb" title={lang.pick("本行数字少于列数，位置不确定", "Fewer numbers than columns: placement uncertain")}>{ "?" }</span>
                    }
                </th>
                { for value_cells }
                <td class="bl-line">{ r.line }</td>
            </tr>
        }
    });

    let caption = match side {
        Some(s) => format!("{} — {}", format::table_name(t, lang), t.sides[s].name),
        None => format::table_name(t, lang),
    };
    html! {
        <div class="bl-scroll" role="region" tabindex="0" aria-label={caption.clone()}>
            <table class="bl-data" id={format!("data-{}-{si}", t.id)}>
                <caption class="sr-only">{ caption }</caption>
                <thead>
                    <tr>
                        if has_codes { <th scope="col">{ lang.pick("科目编码", "Code") }</th> }
                        <th scope="col">{ label_header }</th>
                        { for header_cells }
                        <th scope="col" class="bl-line">{ lang.pick("源行", "Line") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows }
                    if shown.is_empty() {
                        <tr><td colspan={(cols.len() + 3).to_string()} class="bl-no-match">{ lang.pick("没有匹配的行", "No matching rows") }</td></tr>
                    }
                </tbody>
            </table>
        </div>
    }
}
