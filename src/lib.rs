//! BudgetLens (预决算核验): read a pasted 部门预算 / 部门决算 report into its
//! standard tables, check every total and identity in exact decimals, and show
//! the result (CLI, JSON, Yew page, embeddable widget).
//!
//! Data flows one way: text → [`reader`] (normalise → segment → tables) →
//! [`model::Document`] → [`checks`] (findings) → [`model::Analysis`] → views.
//! The core (`reader`, `model`, `checks`) knows nothing of the web.

pub mod checks;
pub mod compare;
pub mod identities;
pub mod input;
pub mod model;
pub mod reader;
pub mod rounding;
pub mod text;
pub mod ui;
pub mod wasm_api;

pub use model::{Analysis, Document};

/// Largest paste analysed, in bytes. Beyond it the user gets a clear message
/// instead of a frozen page.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Read a report. Never fails, never panics: what could be read plus diagnostics.
pub fn read(text: &str) -> Document {
    reader::read(text)
}

/// Read and check a report: the one analysis object every door serves.
pub fn analyze(text: &str) -> Analysis {
    if let Some(problem) = reader::input_problem(text) {
        return Analysis {
            schema: "budgetlens/1",
            meta: Default::default(),
            tables: Vec::new(),
            sangong: None,
            findings: Vec::new(),
            input_problem: Some(problem),
        };
    }
    let doc = reader::read(text);
    let mut findings = doc.diagnostics.clone();
    findings.extend(checks::run_all(&doc));
    let input_problem = if doc.tables.is_empty() {
        Some(reader::no_table_problem())
    } else {
        None
    };
    Analysis {
        schema: "budgetlens/1",
        meta: doc.meta,
        tables: doc.tables,
        sangong: doc.sangong,
        findings,
        input_problem,
    }
}
