//! Chinese glyphs on every machine: the system's own CJK font where one is installed,
//! the bundled Noto Sans SC subset (assets/fonts, OFL) behind it, and eframe's system
//! font fallback behind both for rare characters.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Sans CJK SC cut to GBK, Latin and punctuation (about 5 MB).
pub static BUNDLED_CJK: &[u8] = crate::io::print::font::CJK_FONT;

/// Well-known places of a Simplified Chinese system font, with the face index inside
/// the collection.
const SYSTEM_CJK: &[(&str, u32)] = &[
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\simsun.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    (
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        0,
    ),
];

/// The first system CJK font found, read into memory.
fn system_cjk() -> Option<FontData> {
    SYSTEM_CJK.iter().find_map(|(path, index)| {
        let bytes = std::fs::read(path).ok()?;
        let mut data = FontData::from_owned(bytes);
        data.index = *index;
        Some(data)
    })
}

/// Which CJK fonts to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CjkSource {
    /// The system's font first, the bundled one behind it.
    PreferSystem,
    /// Only the bundled font (tests and benchmarks: the same glyphs on every machine).
    BundledOnly,
}

/// Puts the CJK fonts behind egui's Latin fonts for both families.
pub fn install(ctx: &egui::Context, source: CjkSource) {
    let mut fonts = FontDefinitions::default();
    let mut names = Vec::new();
    if source == CjkSource::PreferSystem
        && let Some(data) = system_cjk()
    {
        fonts.font_data.insert("system-cjk".into(), Arc::new(data));
        names.push("system-cjk".to_string());
    }
    fonts.font_data.insert(
        "bundled-cjk".into(),
        Arc::new(FontData::from_static(BUNDLED_CJK)),
    );
    names.push("bundled-cjk".to_string());
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.extend(names.iter().cloned());
    }
    ctx.set_fonts(fonts);
}
