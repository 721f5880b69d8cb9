use super::util::Issue;
use crate::model::{Document, Finding};
pub fn group(_d: &Document, issues: Vec<Issue>) -> Vec<Finding> {
    issues.into_iter().map(|i| i.finding).collect()
}
