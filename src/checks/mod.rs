//! The checks: one rule a file, each with a What / Why / Example doc comment and
//! its own tests. Every rule reads the [`Document`] and appends [`Finding`]s.

use crate::model::{Document, Finding};

/// Run every rule over a document.
pub fn run_all(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let _ = doc;
    out.sort_by_key(|f: &Finding| std::cmp::Reverse(f.severity));
    out
}
