//! The Yew page (CSR). Compiles natively too, so its pure logic is unit-tested
//! with plain `cargo test`.
//!
//! Code map:
//! - [`mount`]: the one entry point (`mount(root, lang, compact, onAnalyzed)`), used
//!   by `index.html` and by the `<budget-lens>` element;
//! - [`app`]: the page component: input, at a glance, findings, tables, chart;
//! - [`analysis`]: the single function that asks for an analysis (worker hook);
//! - [`glance`], [`findings`], [`table_view`]: the panels;
//! - [`hierarchy`], [`format`]: pure view logic (code hierarchy, sort, filter,
//!   number text, finding groups, CSV), tested natively;
//! - [`i18n`]: the interface language (zh-CN default, English switch);
//! - [`chart`]: the 三公 budget-versus-actual chart (SVG drawn by the app);
//! - [`compare`] (`#compare`) and [`batch`] (`#batch`): many reports at once, each
//!   mounted by its own entry (`mount_compare`, `mount_batch`) from `www/main.js`;
//! - [`export`]: the 问题清单 rows for the .docx / .xlsx export (`www/export.js` writes them);
//! - [`dom`]: downloads, printing, scrolling, timing marks, file decoding.
//!
//! Invariants: no `inner_html` anywhere (pasted text is shown as text only); no
//! inline styles (all CSS is in `www/app.css`, so a strict CSP holds).

pub mod analysis;
pub mod app;
pub mod batch;
pub mod chart;
pub mod compare;
pub mod dom;
pub mod export;
pub mod findings;
pub mod format;
pub mod glance;
pub mod hierarchy;
pub mod i18n;
pub mod mount;
pub mod samples;
pub mod source_view;
pub mod table_view;
