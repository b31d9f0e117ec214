//! The bundled CJK font (a Noto Sans SC subset, OFL; see assets/fonts/OFL.txt), and
//! measuring text with it, so pages are laid out with the widths the PDF will have.

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

pub static CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-kehu-subset.otf");

/// Advance widths of the bundled font, looked up once per character.
pub struct FontMetrics {
    font: FontRef<'static>,
    upem: f32,
    /// For the Basic Multilingual Plane: the advance in font units, NaN until looked
    /// up, negative when the font has no glyph.
    cache: std::cell::RefCell<Vec<f32>>,
}

impl FontMetrics {
    pub fn bundled() -> FontMetrics {
        let font = FontRef::new(CJK_FONT).expect("the bundled font is a valid font");
        let upem = font
            .head()
            .map(|h| h.units_per_em() as f32)
            .unwrap_or(1000.0);
        FontMetrics {
            font,
            upem,
            cache: std::cell::RefCell::new(vec![f32::NAN; 0x10000]),
        }
    }

    /// The advance of `c` in font units, and whether the font has it.
    fn advance(&self, c: char) -> (f32, bool) {
        let look = || {
            let gid = self.font.charmap().map(c);
            let metrics = self
                .font
                .glyph_metrics(Size::unscaled(), LocationRef::default());
            let w = metrics
                .advance_width(gid.unwrap_or_default())
                .unwrap_or(self.upem / 2.0);
            (w, gid.is_some())
        };
        let i = c as usize;
        if i >= 0x10000 {
            return look();
        }
        let cached = self.cache.borrow()[i];
        if !cached.is_nan() {
            return (cached.abs(), cached >= 0.0);
        }
        let (w, has) = look();
        // -0.0 would read as "has": store a missing glyph's width as at least a hair.
        self.cache.borrow_mut()[i] = if has { w } else { -w.max(f32::MIN_POSITIVE) };
        (w, has)
    }

    /// True when the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.advance(c).1
    }
}

impl super::layout::Measure for FontMetrics {
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance(c).0).sum();
        units * size / self.upem
    }
}
