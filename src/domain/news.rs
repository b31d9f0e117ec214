//! 业界动态: industry news, with optional links to customers and competitors.

use crate::domain::validate::Problem;

/// The categories offered when the editable list is empty.
pub const DEFAULT_CATEGORIES: [&str; 6] = ["政策法规", "市场", "技术", "竞争对手", "客户", "其他"];

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct News {
    pub id: Option<i64>,
    pub on: String,
    pub title: String,
    pub source: String,
    pub category: String,
    /// Comma- or space-separated tags.
    pub tags: String,
    pub content: String,
    pub reported_by: String,
    pub customers: Vec<i64>,
    pub competitors: Vec<i64>,
}

pub use super::records::NewsField;

/// What is wrong with a news item, field by field (each field's rules are in its
/// declaration, [`crate::domain::records`]).
pub fn validate_news(n: &News) -> Vec<(NewsField, Problem)> {
    NewsField::problems(&super::records::Record::News(n.clone()))
}

/// Tags as a list: split on commas (either width), semicolons and white space.
pub fn tag_list(tags: &str) -> Vec<String> {
    tags.split(|c: char| matches!(c, ',' | '，' | ';' | '；' | '、') || c.is_whitespace())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_needs_a_date_and_a_title() {
        let p = validate_news(&News::default());
        assert_eq!(p.len(), 2);
        assert_eq!(
            tag_list("政策, 补贴，华东 出口"),
            ["政策", "补贴", "华东", "出口"]
        );
    }
}
