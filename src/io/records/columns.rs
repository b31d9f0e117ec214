use super::*;

/// File column → field (by key), plus fixed values, for one kind.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RecordMapping {
    /// The kind's key, so a saved customer mapping is never taken for this one.
    pub kind: String,
    /// One entry per file column: the field key, or None to ignore the column.
    pub columns: Vec<Option<String>>,
    pub fixed: BTreeMap<String, String>,
}

impl RecordMapping {
    pub fn column_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.as_deref() == Some(key))
    }

    pub fn maps(&self, key: &str) -> bool {
        self.column_of(key).is_some() || self.fixed.get(key).is_some_and(|v| !v.is_empty())
    }

    /// Required fields with neither a column nor a fixed value.
    pub fn missing(&self, kind: RecordKind) -> Vec<&'static str> {
        kind.required()
            .iter()
            .filter(|k| !self.maps(k))
            .map(|k| kind.field(k).map(|f| f.label()).unwrap_or(k))
            .collect()
    }

    /// The columns with a header that fill no field, each with the nearest field of the
    /// kind not filled by another column.
    pub fn unmapped(
        &self,
        kind: RecordKind,
        headers: &[String],
    ) -> Vec<crate::io::mapping::Unmapped> {
        let free: Vec<(&str, Vec<&str>)> = kind
            .fields()
            .iter()
            .filter(|fd| !self.columns.iter().any(|c| c.as_deref() == Some(fd.key)))
            .map(|fd| {
                let mut names = vec![fd.header];
                names.extend(fd.aliases.iter().copied());
                (fd.label(), names)
            })
            .collect();
        crate::io::mapping::unmapped_columns(
            headers,
            |i| self.columns.get(i).is_some_and(|c| c.is_some()),
            &free,
        )
    }
}

/// Maps headers to a kind's fields: exact names first (the export's header, then the
/// aliases), then a header containing a Chinese name of two or more characters (合同金额
/// （万元）→ 合同金额), best match first as for customers (see
/// [`crate::io::mapping::match_contained`]). Each field takes one column.
pub fn auto_map_records(kind: RecordKind, headers: &[String]) -> RecordMapping {
    let norm: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut columns: Vec<Option<String>> = vec![None; headers.len()];
    let mut taken = std::collections::HashSet::new();
    let names = |fd: &Field| {
        std::iter::once(fd.header)
            .chain(fd.aliases.iter().copied())
            .map(normalise_header)
            .collect::<Vec<_>>()
    };
    for (i, h) in norm.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if let Some(fd) = kind
            .fields()
            .iter()
            .find(|fd| !taken.contains(fd.key) && names(fd).contains(h))
        {
            columns[i] = Some(fd.key.to_string());
            taken.insert(fd.key);
        }
    }
    let choice = |fd: &Field| {
        matches!(
            fd.form,
            Form::FeedbackKind | Form::FollowStatus | Form::ContractStatus | Form::Threat
        )
    };
    let free: Vec<bool> = columns.iter().map(Option::is_none).collect();
    let fields: Vec<Vec<String>> = kind
        .fields()
        .iter()
        .map(|fd| {
            if choice(fd) || taken.contains(fd.key) {
                Vec::new()
            } else {
                names(fd)
            }
        })
        .collect();
    for (i, f) in crate::io::mapping::match_contained(&norm, &free, &fields) {
        columns[i] = Some(kind.fields()[f].key.to_string());
    }
    RecordMapping {
        kind: kind.key().to_string(),
        columns,
        fixed: BTreeMap::new(),
    }
}

/// Everything a record import needs; the wizard and `kehu import --kind` fill it.
#[derive(Debug, Clone)]
pub struct RecordSpec {
    pub kind: RecordKind,
    pub path: PathBuf,
    pub read: ReadOptions,
    pub mapping: RecordMapping,
    pub date_order: DateOrder,
    pub duplicates: DupChoice,
    pub row_choices: HashMap<u64, DupChoice>,
}

impl RecordSpec {
    pub fn new(kind: RecordKind, path: PathBuf, mapping: RecordMapping) -> RecordSpec {
        RecordSpec {
            kind,
            path,
            read: ReadOptions::default(),
            mapping,
            date_order: DateOrder::Auto,
            duplicates: DupChoice::Skip,
            row_choices: HashMap::new(),
        }
    }

    pub(super) fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub(super) fn choice(&self, line: u64) -> DupChoice {
        self.row_choices
            .get(&line)
            .copied()
            .unwrap_or(self.duplicates)
    }
}
