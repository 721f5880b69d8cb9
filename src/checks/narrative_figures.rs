use super::util::Issue;
use crate::model::Document;
pub fn check(_d: &Document) -> Vec<Issue> {
    Vec::new()
}
