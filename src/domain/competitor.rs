//! 竞争对手: competitors, the customers who also buy from them, and dated intelligence.

use crate::domain::validate::{Problem, parse_date};

/// 高 / 中 / 低.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Threat {
    High,
    #[default]
    Medium,
    Low,
}

impl Threat {
    pub const ALL: [Threat; 3] = [Threat::High, Threat::Medium, Threat::Low];
    pub fn code(self) -> &'static str {
        match self {
            Threat::High => "high",
            Threat::Medium => "medium",
            Threat::Low => "low",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Competitor {
    pub id: Option<i64>,
    pub name: String,
    pub website: String,
    pub products: String,
    /// 价格水平, in the clerk's words (高于我们 / 相当 / 低价 …).
    pub price_level: String,
    pub strengths: String,
    pub weaknesses: String,
    /// Estimated market share in percent, if known.
    pub market_share: Option<u8>,
    pub threat: Threat,
    pub notes: String,
    /// Customers who also buy from it.
    pub customers: Vec<i64>,
}

/// A dated piece of intelligence about a competitor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intel {
    pub id: Option<i64>,
    pub on: String,
    pub source: String,
    pub reported_by: String,
    pub text: String,
}

pub use super::records::CompetitorField;

/// What is wrong with a competitor, field by field (each field's rules are in its
/// declaration, [`crate::domain::records`]; a name already taken is the store's to check).
pub fn validate_competitor(c: &Competitor) -> Vec<(CompetitorField, Problem)> {
    CompetitorField::problems(&super::records::Record::Competitor(c.clone()))
}

/// A competitor's website: one word with a dot in it (kept loose: a clerk types what the
/// card says).
pub(crate) fn website_problem(w: &str) -> Option<Problem> {
    (w.contains(char::is_whitespace) || !w.contains('.')).then_some(Problem::BadWebsite)
}

pub fn validate_intel(i: &Intel) -> Vec<(CompetitorField, Problem)> {
    let mut p = Vec::new();
    match parse_date(&i.on) {
        None if i.on.trim().is_empty() => p.push((CompetitorField::IntelDate, Problem::Required)),
        None => p.push((CompetitorField::IntelDate, Problem::BadDate)),
        Some(_) => {}
    }
    if i.text.trim().is_empty() {
        p.push((CompetitorField::IntelText, Problem::Required));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_competitor_needs_a_name_and_a_sane_share() {
        let c = Competitor {
            market_share: Some(120),
            ..Default::default()
        };
        let p = validate_competitor(&c);
        assert!(p.contains(&(CompetitorField::Name, Problem::Required)));
        assert!(p.contains(&(CompetitorField::MarketShare, Problem::OutOfRange(0, 100))));
    }
}
