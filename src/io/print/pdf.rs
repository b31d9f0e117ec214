//! Pages of the layout model written as a PDF with krilla: the bundled CJK font embedded
//! as a subset (with a ToUnicode map, so the text can be selected and searched). The file
//! is written under a temporary name and renamed, so no half-written PDF is left behind.

use std::path::Path;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::font::CJK_FONT;
use super::layout::{Item, Page, PageSetup};

fn colour([r, g, b]: [u8; 3]) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The PDF bytes of `pages`.
pub fn pdf_bytes(pages: &[Page], setup: &PageSetup, title: &str) -> Result<Vec<u8>, String> {
    let (w, h) = setup.size();
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_string())
            .creator("kehu 客户资源管理系统".to_string()),
    );
    let font = Font::new(CJK_FONT.to_vec().into(), 0).ok_or("the bundled font cannot be read")?;
    for p in pages {
        let mut page = doc.start_page_with(PageSettings::from_wh(w, h).ok_or("bad page size")?);
        let mut s = page.surface();
        for item in &p.items {
            match item {
                Item::Text { x, y, size, text } => {
                    s.set_fill(Some(Fill::default()));
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Fill { x, y, w, h, gray } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_fill(Some(Fill {
                                paint: rgb::Color::new(*gray, *gray, *gray).into(),
                                opacity: NormalizedF32::ONE,
                                rule: Default::default(),
                            }));
                            s.draw_path(&path);
                        }
                    }
                }
                Item::Paint { x, y, w, h, rgb } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            s.set_fill(Some(colour(*rgb)));
                            s.draw_path(&path);
                        }
                    }
                }
                Item::Ring(slice) => {
                    let pts = slice.outline();
                    let mut pb = PathBuilder::new();
                    pb.move_to(pts[0].0, pts[0].1);
                    for (x, y) in &pts[1..] {
                        pb.line_to(*x, *y);
                    }
                    pb.close();
                    if let Some(path) = pb.finish() {
                        s.set_fill(Some(colour(slice.rgb)));
                        s.draw_path(&path);
                    }
                }
                Item::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(150, 150, 150).into(),
                            width: 0.5,
                            ..Default::default()
                        }));
                        s.draw_path(&path);
                        s.set_stroke(None);
                    }
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// Writes `pages` to `path` as a PDF (via a temporary file, then renamed).
pub fn write_pdf(
    pages: &[Page],
    setup: &PageSetup,
    title: &str,
    path: &Path,
) -> Result<(), String> {
    let bytes = pdf_bytes(pages, setup, title)?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let tmp = path.with_file_name(name);
    std::fs::write(&tmp, &bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        e.to_string()
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        e.to_string()
    })
}
