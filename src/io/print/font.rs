//! The bundled CJK font (a Noto Sans SC subset, OFL; see assets/fonts/OFL.txt), and
//! measuring text with it, so pages are laid out with the widths the PDF will have.

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

pub static CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-kehu-subset.otf");

/// Advance widths of the bundled font.
pub struct FontMetrics {
    font: FontRef<'static>,
    upem: f32,
}

impl FontMetrics {
    pub fn bundled() -> FontMetrics {
        let font = FontRef::new(CJK_FONT).expect("the bundled font is a valid font");
        let upem = font
            .head()
            .map(|h| h.units_per_em() as f32)
            .unwrap_or(1000.0);
        FontMetrics { font, upem }
    }

    /// True when the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.font.charmap().map(c).is_some()
    }
}

impl super::layout::Measure for FontMetrics {
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                metrics.advance_width(gid).unwrap_or(self.upem / 2.0)
            })
            .sum();
        units * size / self.upem
    }
}
