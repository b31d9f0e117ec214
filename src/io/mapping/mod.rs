//! Which file column goes into which field. Columns are matched automatically by their
//! header in Chinese or English (客户名称/公司名称/单位名称/Company/Account Name …); every
//! choice can be changed, a column ignored, and a field given a fixed value for all rows.

use crate::domain::{ContactField, CustomerField};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod target;
pub use target::*;

/// A header as aliases are written: full width folded, lower case, without spaces,
/// `_`, `*` or `:`.
pub fn normalise_header(h: &str) -> String {
    crate::domain::text::fold_width(h)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '*' | ':' | '：' | '-'))
        .collect()
}

/// Column → field, plus fixed values for fields the file lacks or leaves empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// One entry per file column, in file order.
    pub columns: Vec<Target>,
    /// A value used where the mapped cell is empty or the field has no column.
    pub fixed: BTreeMap<Target, String>,
}

impl Mapping {
    /// The column mapped to `t`, if any.
    pub fn column_of(&self, t: Target) -> Option<usize> {
        self.columns.iter().position(|&c| c == t)
    }

    pub fn maps(&self, t: Target) -> bool {
        self.column_of(t).is_some() || self.fixed.get(&t).is_some_and(|v| !v.is_empty())
    }

    /// Whose name the name-part columns (姓, 名 …) make: the customer's in a list of
    /// people (no 客户名称 column, or 客户类型 set to 个人 for every row), otherwise the
    /// contact's. They fill it on rows where its own column is empty or absent.
    pub fn person_target(&self) -> Target {
        let people = self
            .fixed
            .get(&Target::Customer(CustomerField::Kind))
            .is_some_and(|v| {
                super::cells::convert(
                    Target::Customer(CustomerField::Kind),
                    v,
                    super::cells::DateOrder::Auto,
                )
                .as_deref()
                    == Ok("individual")
            });
        if people
            || self
                .column_of(Target::Customer(CustomerField::Name))
                .is_none()
        {
            Target::Customer(CustomerField::Name)
        } else {
            Target::Contact(ContactField::Name)
        }
    }

    /// Some column holds a part of a person's name.
    pub fn has_name_parts(&self) -> bool {
        Target::NAME_PARTS
            .iter()
            .any(|t| self.column_of(*t).is_some())
    }

    /// Every row can have a customer name: a 客户名称 column or fixed value, or name
    /// parts (without a 客户名称 column, they make the customer's name).
    pub fn names_customers(&self) -> bool {
        self.maps(Target::Customer(CustomerField::Name)) || self.has_name_parts()
    }

    /// A key naming the header set, to offer a saved mapping again for the same layout.
    pub fn headers_key(headers: &[String]) -> String {
        headers
            .iter()
            .map(|h| normalise_header(h))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// The second pass of mapping by header, for customers and the other kinds alike: each
/// free column (`free`, its header normalised in `norm`) whose header contains a Chinese
/// alias of two or more characters of a field (`fields`, in order of preference, each
/// with its normalised aliases; empty for a field already taken). A Chinese compound
/// names its kind last (单位电话 is a phone, 单位地址 an address, 工作单位 a company), so
/// an alias the header ends with beats one inside it, then a longer alias a shorter;
/// best matches are taken first, each column and field once. Returns (column, field).
pub(crate) fn match_contained(
    norm: &[String],
    free: &[bool],
    fields: &[Vec<String>],
) -> Vec<(usize, usize)> {
    let mut found: Vec<((bool, usize), usize, usize)> = Vec::new();
    for (i, h) in norm.iter().enumerate() {
        if !free[i] || h.is_empty() {
            continue;
        }
        for (f, aliases) in fields.iter().enumerate() {
            let best = aliases
                .iter()
                .filter(|a| a.chars().count() >= 2 && a.chars().any(crate::domain::text::is_cjk))
                .filter(|a| h.contains(a.as_str()))
                .map(|a| (h.ends_with(a.as_str()), a.chars().count()))
                .max();
            if let Some(score) = best {
                found.push((score, i, f));
            }
        }
    }
    // Best score first; among equals, the earlier column, then the field listed first.
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut col_done = vec![false; norm.len()];
    let mut field_done = vec![false; fields.len()];
    let mut out = Vec::new();
    for (_, i, f) in found {
        if !col_done[i] && !field_done[f] {
            col_done[i] = true;
            field_done[f] = true;
            out.push((i, f));
        }
    }
    out
}

/// A column an import leaves out, with the field whose name is nearest to its header
/// (a suggestion for the clerk; None when no field's name is near).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    pub column: usize,
    pub header: String,
    pub nearest: Option<String>,
}

/// How alike two headers are, 0 to 1: the characters they share (Chinese) or the letter
/// pairs they share (Latin), as a Dice coefficient. 客户级别 and 客户等级 share three of
/// four characters: 0.75.
pub fn likeness(a: &str, b: &str) -> f32 {
    fn grams(s: &str) -> Vec<String> {
        let chars: Vec<char> = normalise_header(s).chars().collect();
        if chars.iter().any(|c| crate::domain::text::is_cjk(*c)) || chars.len() < 2 {
            chars.iter().map(|c| c.to_string()).collect()
        } else {
            chars.windows(2).map(|w| w.iter().collect()).collect()
        }
    }
    let (a, mut b) = (grams(a), grams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = (a.len() + b.len()) as f32;
    let mut shared = 0;
    for g in &a {
        if let Some(i) = b.iter().position(|x| x == g) {
            b.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f32 / total
}

/// The label of the field whose names are most like `header`, if one is like it enough
/// (more than half alike: 建档日期 shares only 日期 with 出生日期, and a birthday is no
/// suggestion for it). `fields` holds each field's label and names.
pub fn nearest(header: &str, fields: &[(&str, Vec<&str>)]) -> Option<String> {
    fields
        .iter()
        .map(|(label, names)| {
            let best = names
                .iter()
                .map(|n| likeness(header, n))
                .fold(0.0f32, f32::max);
            (best, *label)
        })
        .filter(|(score, _)| *score > 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, label)| label.to_string())
}

/// The columns with a header that `mapped` says fill no field, each with the nearest of
/// the `free` fields (label and names; those no other column fills): customers' and the
/// other kinds' imports alike.
pub(crate) fn unmapped_columns(
    headers: &[String],
    mapped: impl Fn(usize) -> bool,
    free: &[(&str, Vec<&str>)],
) -> Vec<Unmapped> {
    headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.trim().is_empty() && !mapped(*i))
        .map(|(i, h)| Unmapped {
            column: i,
            header: h.clone(),
            nearest: nearest(h, free),
        })
        .collect()
}

impl Mapping {
    /// The columns with a header that fill no field, each with the nearest field not
    /// filled by another column.
    pub fn unmapped(&self, headers: &[String]) -> Vec<Unmapped> {
        let free: Vec<(&str, Vec<&str>)> = Target::all()
            .iter()
            .filter(|t| **t != Target::Ignore && !self.columns.contains(t))
            .map(|t| {
                let mut names = vec![t.header()];
                names.extend(t.aliases().iter().copied());
                (crate::io::text::import_target(*t), names)
            })
            .collect();
        unmapped_columns(
            headers,
            |i| self.columns.get(i).is_some_and(|t| *t != Target::Ignore),
            &free,
        )
    }
}

/// Maps headers to fields by name. Exact alias matches first, then a header that
/// contains an alias (电话号码（办公） → 电话); each field is taken by one column only.
/// With no customer-name column but a person's name, that name is the customer (a list
/// of people: 个人 customers).
pub fn auto_map(headers: &[String]) -> Mapping {
    let norm: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut columns = vec![Target::Ignore; headers.len()];
    let mut taken = std::collections::HashSet::new();
    // Pass 1: exact matches, in the order of the alias lists (most specific field first).
    for (i, h) in norm.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if let Some(t) = Target::all()
            .iter()
            .copied()
            .find(|t| !taken.contains(t) && t.aliases().iter().any(|a| normalise_header(a) == *h))
        {
            columns[i] = t;
            taken.insert(t);
        }
    }
    // Pass 2: a header containing a Chinese alias (电话号码（办公） → 电话).
    let free: Vec<bool> = columns.iter().map(|c| *c == Target::Ignore).collect();
    let fields: Vec<Vec<String>> = Target::all()
        .iter()
        .map(|t| {
            // Fields with a fixed set of values match by exact name only: 交易类型 is
            // not a customer type.
            let choice = t.is_choice();
            if choice || taken.contains(t) {
                Vec::new()
            } else {
                t.aliases().iter().map(|a| normalise_header(a)).collect()
            }
        })
        .collect();
    for (i, f) in match_contained(&norm, &free, &fields) {
        columns[i] = Target::all()[f];
    }
    let mut m = Mapping {
        columns,
        fixed: BTreeMap::new(),
    };
    if m.column_of(Target::Customer(CustomerField::Name)).is_none()
        && let Some(i) = m.column_of(Target::Contact(ContactField::Name))
    {
        m.columns[i] = Target::Customer(CustomerField::Name);
        m.fixed
            .insert(Target::Customer(CustomerField::Kind), "个人".into());
    } else if m.column_of(Target::Contact(ContactField::Name)).is_some()
        && m.column_of(Target::Contact(ContactField::Mobile)).is_none()
        && let Some(i) = m.column_of(Target::Customer(CustomerField::Mobile))
    {
        // 公司, 联系人, 手机: the mobile is the contact person's.
        m.columns[i] = Target::Contact(ContactField::Mobile);
    } else if m.column_of(Target::Customer(CustomerField::Name)).is_none() && m.has_name_parts() {
        // 姓, 名, 电话: a list of people whose names are in parts.
        m.fixed
            .insert(Target::Customer(CustomerField::Kind), "个人".into());
    }
    m
}

/// A person's name from its parts: 张 + 伟 → 张伟 (family name first, no spaces) when
/// the name is Chinese, Jesse + L. + Jackson + Jr. → "Jesse L. Jackson Jr." otherwise.
/// `parts` are family, given, middle and suffix, as in [`Target::NAME_PARTS`].
pub fn join_name(parts: [&str; 4]) -> String {
    let [family, given, middle, suffix] = parts.map(str::trim);
    if [family, given]
        .iter()
        .any(|p| p.chars().any(crate::domain::text::is_cjk))
    {
        [family, given, middle, suffix].concat()
    } else {
        [given, middle, family, suffix]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_and_english_headers() {
        let m = auto_map(&h(&[
            "公司名称",
            "联系人",
            "手机",
            "地址",
            "Email",
            "无关列",
        ]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::Contact(ContactField::Name),
                Target::Contact(ContactField::Mobile),
                Target::Customer(CustomerField::Address),
                Target::Customer(CustomerField::Email),
                Target::Ignore
            ]
        );
        let m = auto_map(&h(&["Account Name", "Phone", "Billing Address"]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::Customer(CustomerField::Phone),
                Target::Customer(CustomerField::Address)
            ]
        );
    }

    #[test]
    fn containing_matches_and_people_lists() {
        let m = auto_map(&h(&["客户名称（全称）", "办公电话号码"]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::Customer(CustomerField::Phone)
            ]
        );
        let m = auto_map(&h(&["序号", "姓名", "年龄"]));
        assert_eq!(m.columns[1], Target::Customer(CustomerField::Name));
        assert_eq!(
            m.fixed
                .get(&Target::Customer(CustomerField::Kind))
                .map(String::as_str),
            Some("个人")
        );
    }

    #[test]
    fn a_header_is_the_kind_it_ends_with() {
        // 单位电话 is the company's phone, not its name; 工作单位 is the company.
        let m = auto_map(&h(&["姓名", "单位电话", "工作单位", "单位地址", "手机"]));
        assert_eq!(
            m.columns,
            vec![
                Target::Contact(ContactField::Name),
                Target::Customer(CustomerField::Phone),
                Target::Customer(CustomerField::Name),
                Target::Customer(CustomerField::Address),
                Target::Contact(ContactField::Mobile)
            ]
        );
        let m = auto_map(&h(&["公司", "联系人", "联系人电话号码", "联系人手机号"]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::Contact(ContactField::Name),
                Target::Contact(ContactField::Phone),
                Target::Contact(ContactField::Mobile)
            ]
        );
    }

    #[test]
    fn choice_fields_need_their_exact_name() {
        let m = auto_map(&h(&["商户名称", "交易类型", "交易状态", "客户类型"]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::Ignore,
                Target::Ignore,
                Target::Customer(CustomerField::Kind)
            ]
        );
    }

    #[test]
    fn names_in_parts() {
        // A list of people with the name in parts: the parts make the customer's name.
        let m = auto_map(&h(&["姓", "名", "手机"]));
        assert_eq!(
            m.columns,
            vec![
                Target::FamilyName,
                Target::GivenName,
                Target::Customer(CustomerField::Mobile)
            ]
        );
        assert_eq!(
            m.fixed
                .get(&Target::Customer(CustomerField::Kind))
                .map(String::as_str),
            Some("个人")
        );
        assert_eq!(m.person_target(), Target::Customer(CustomerField::Name));
        assert!(m.names_customers());
        // Beside a company column they make the contact's name.
        let m = auto_map(&h(&[
            "Company",
            "First Name",
            "Middle Name",
            "Last Name",
            "Suffix",
        ]));
        assert_eq!(
            m.columns,
            vec![
                Target::Customer(CustomerField::Name),
                Target::GivenName,
                Target::MiddleName,
                Target::FamilyName,
                Target::NameSuffix
            ]
        );
        assert_eq!(m.person_target(), Target::Contact(ContactField::Name));
        // A full-name column that is sometimes empty, with the parts beside it.
        let m = auto_map(&h(&["last_name", "first_name", "full_name"]));
        assert_eq!(m.columns[2], Target::Customer(CustomerField::Name));
        assert_eq!(m.person_target(), Target::Customer(CustomerField::Name));
        // Unmapped, they name no one.
        let mut m = auto_map(&h(&["姓", "名"]));
        m.columns = vec![Target::Ignore, Target::Ignore];
        assert!(!m.names_customers());

        assert_eq!(join_name(["张", "伟", "", ""]), "张伟");
        assert_eq!(join_name(["欧阳", "娜娜", "", ""]), "欧阳娜娜");
        assert_eq!(
            join_name(["Jackson", "Jesse", "L.", "Jr."]),
            "Jesse L. Jackson Jr."
        );
        assert_eq!(
            join_name(["Bassett", " Richard ", "", ""]),
            "Richard Bassett"
        );
        assert_eq!(join_name(["", "Cher", "", ""]), "Cher");
        assert_eq!(join_name(["", "", "", ""]), "");
    }

    #[test]
    fn keys_round_trip() {
        for &t in Target::all() {
            assert_eq!(Target::from_key(t.key()), Some(t));
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// Each field is recognised by its own names: a header or alias meaning two fields
    /// would make automatic mapping depend on the order of the table.
    #[test]
    fn every_field_has_its_own_key_header_and_aliases() {
        let mut keys = std::collections::HashSet::new();
        let mut names: std::collections::HashMap<String, Target> = Default::default();
        for &t in Target::all() {
            assert!(keys.insert(t.key()), "key {} twice", t.key());
            assert_eq!(Target::from_key(t.key()), Some(t));
            for a in std::iter::once(t.header()).chain(t.aliases().iter().copied()) {
                let n = normalise_header(a);
                if n.is_empty() {
                    continue;
                }
                if let Some(other) = names.insert(n, t) {
                    assert_eq!(other, t, "{a} means {other:?} and {t:?}");
                }
            }
        }
    }

    /// Saved mapping files name the fields as they always have (ContactName,
    /// CreditLimit …), and read back.
    #[test]
    fn saved_mappings_keep_their_names() {
        let m = Mapping {
            columns: vec![
                Target::Customer(crate::domain::CustomerField::CreditLimit),
                Target::Contact(crate::domain::ContactField::Name),
                Target::FamilyName,
                Target::Ignore,
            ],
            fixed: Default::default(),
        };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"columns":["CreditLimit","ContactName","FamilyName","Ignore"],"fixed":{}}"#
        );
        assert_eq!(serde_json::from_str::<Mapping>(&json).unwrap(), m);
    }
}
