//! 业界动态: industry news, with optional links to customers and competitors.

use crate::domain::validate::{Problem, parse_date};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NewsField {
    Date,
    Title,
    Source,
    Category,
    Tags,
    Content,
    ReportedBy,
    Customers,
    Competitors,
}

impl NewsField {
    /// Its key in the kind's declaration ([`crate::domain::records`]), which gives its
    /// names.
    pub const fn key(self) -> &'static str {
        match self {
            NewsField::Date => "on",
            NewsField::Title => "title",
            NewsField::Source => "source",
            NewsField::Category => "category",
            NewsField::Tags => "tags",
            NewsField::Content => "content",
            NewsField::ReportedBy => "reported_by",
            NewsField::Customers => "customers",
            NewsField::Competitors => "competitors",
        }
    }
}

pub fn validate_news(n: &News) -> Vec<(NewsField, Problem)> {
    let mut p = Vec::new();
    match parse_date(&n.on) {
        None if n.on.trim().is_empty() => p.push((NewsField::Date, Problem::Required)),
        None => p.push((NewsField::Date, Problem::BadDate)),
        Some(_) => {}
    }
    let t = n.title.trim();
    if t.is_empty() {
        p.push((NewsField::Title, Problem::Required));
    } else if t.chars().count() > 200 {
        p.push((NewsField::Title, Problem::TooLong(200)));
    }
    p
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
