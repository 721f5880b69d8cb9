//! The Yew page (CSR). Compiles natively too, so its pure logic is unit-tested
//! with plain `cargo test`.
//!
//! - [`i18n`]: the interface language (zh-CN default, English switch);
//! - [`chart`]: the 三公 budget-versus-actual chart (SVG drawn by the app).

pub mod chart;
pub mod i18n;
