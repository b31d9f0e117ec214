//! The layers point down only (src/lib.rs says which): a lower module never names a
//! higher one. A source scan: every `crate::module` a file names, and every module in
//! a `use crate::{…}` group, must sit below the file's own module.

use std::path::{Path, PathBuf};

/// Bottom first. Modules on one rung may not name each other either, except the rung
/// of `io` and `demo`, which never do.
const LAYERS: &[&[&str]] = &[
    &["domain"],
    &["strings"],
    &["store"],
    &["io", "demo"],
    &["ui"],
    &["bench"],
    &["cli"],
];

fn rung(module: &str) -> Option<usize> {
    LAYERS.iter().position(|r| r.contains(&module))
}

/// The modules `text` names with `crate::`.
fn named_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

/// Every upward or sideways name in one file of module `own`.
fn violations(own: &str, text: &str) -> Vec<String> {
    let Some(mine) = rung(own) else {
        return Vec::new();
    };
    named_modules(text)
        .into_iter()
        .filter(|m| m != own)
        .filter(|m| rung(m).is_some_and(|r| r >= mine))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_scan_sees_an_upward_import() {
    assert_eq!(
        violations("store", "use crate::ui::KehuApp;"),
        vec!["ui".to_string()]
    );
    assert_eq!(
        violations(
            "strings",
            "use crate::{domain::Grade, io::mapping::Target};"
        ),
        vec!["io".to_string()]
    );
    assert!(violations("ui", "use crate::{domain, store::Store, strings};").is_empty());
    assert_eq!(
        violations("io", "crate::demo::fill(&mut store)"),
        vec!["demo".to_string()]
    );
}

#[test]
fn no_module_names_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let own = first.trim_end_matches(".rs");
        for name in violations(own, &std::fs::read_to_string(file).unwrap()) {
            found.push(format!("{} names crate::{name}", rel.display()));
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "layers pointing up: {found:#?}");
    // The scan saw the whole tree, not an empty folder.
    assert!(files.len() > 40, "only {} files under src/", files.len());
}
