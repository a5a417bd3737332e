//! The two embedded faces (DejaVu Sans and its bold), their metrics for line breaking,
//! and their embedding: a subset of the glyphs a document uses, as a CID-keyed TrueType
//! font with a ToUnicode map so that the printed text can be searched and copied.
//!
//! DejaVu covers every precomposed Vietnamese letter, so text in NFC needs one glyph per
//! character and no shaping.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use crate::PrintError;

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Regular,
    Bold,
}

/// One face: measuring during layout, then the glyphs the pages used.
pub(crate) struct Font {
    face: Face<'static>,
    data: &'static [u8],
    /// PostScript name with the subset tag PDF asks for (six capitals and a plus).
    base_name: &'static str,
    stem_v: f32,
    units_per_em: f32,
    remapper: GlyphRemapper,
    /// New glyph id → the character it was drawn for, for the ToUnicode map.
    chars: HashMap<u16, char>,
}

pub(crate) struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub fn load() -> Result<Fonts, PrintError> {
        Ok(Fonts {
            regular: Font::parse(REGULAR, "MCPRTA+DejaVuSans", 80.0)?,
            bold: Font::parse(BOLD, "MCPRTB+DejaVuSans-Bold", 140.0)?,
        })
    }

    pub fn get(&self, style: Style) -> &Font {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    pub fn get_mut(&mut self, style: Style) -> &mut Font {
        match style {
            Style::Regular => &mut self.regular,
            Style::Bold => &mut self.bold,
        }
    }
}

impl Font {
    fn parse(data: &'static [u8], base_name: &'static str, stem_v: f32) -> Result<Font, PrintError> {
        let face = Face::parse(data, 0).map_err(|e| PrintError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Font {
            face,
            data,
            base_name,
            stem_v,
            units_per_em,
            remapper: GlyphRemapper::new(),
            chars: HashMap::new(),
        })
    }

    /// Whether the face can draw `c`; layout replaces the others before measuring.
    pub fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    /// Advance of `glyph` in thousandths of an em, the unit of PDF font widths.
    fn advance(&self, glyph: GlyphId) -> f32 {
        let units = self.face.glyph_hor_advance(glyph).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(self.glyph(c))).sum::<f32>() * size / 1000.0
    }

    /// Height above the baseline of capitals, in points at `size`: used to centre
    /// text vertically in boxes and circles.
    pub fn cap_height(&self, size: f32) -> f32 {
        let units = self.face.capital_height().unwrap_or(self.face.ascender());
        f32::from(units) * size / self.units_per_em
    }

    /// Height of the tallest marks above the baseline (stacked Vietnamese marks on a
    /// capital reach it), in points at `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        f32::from(self.face.ascender()) * size / self.units_per_em
    }

    /// Depth of descenders below the baseline, positive, in points at `size`.
    pub fn descent(&self, size: f32) -> f32 {
        -f32::from(self.face.descender()) * size / self.units_per_em
    }

    /// The text as the content stream shows it: two-byte glyph ids of the subset
    /// (`Identity-H`), remembering each glyph for the subset and the ToUnicode map.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let glyph = self.glyph(c);
            let new = self.remapper.remap(glyph.0);
            if glyph.0 != 0 {
                self.chars.entry(new).or_insert(c);
            }
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }

    /// Writes the Type 0 font `id` with its descendant, descriptor, program and map.
    pub fn write(&self, pdf: &mut Pdf, id: Ref, alloc: &mut impl FnMut() -> Ref) -> Result<(), PrintError> {
        let (cid_id, descriptor_id, file_id, cmap_id) = (alloc(), alloc(), alloc(), alloc());
        let name = Name(self.base_name.as_bytes());
        let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        pdf.type0_font(id)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);

        // The subset renumbers glyphs in the order they were first used, so a glyph's
        // new id is its CID and the map from CIDs to glyphs is the identity.
        let widths: Vec<f32> = self.remapper.remapped_gids().map(|old| self.advance(GlyphId(old))).collect();
        let mut cid = pdf.cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(system_info)
            .font_descriptor(descriptor_id)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let scale = 1000.0 / self.units_per_em;
        let bbox = self.face.global_bounding_box();
        pdf.font_descriptor(descriptor_id)
            .name(name)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(self.face.ascender()) * scale)
            .descent(f32::from(self.face.descender()) * scale)
            .cap_height(self.cap_height(1000.0))
            .stem_v(self.stem_v)
            .font_file2(file_id);

        let subset =
            subsetter::subset(self.data, 0, &self.remapper).map_err(|e| PrintError::Font(e.to_string()))?;
        let compressed = deflate(&subset);
        let mut file = pdf.stream(file_id, &compressed);
        file.filter(Filter::FlateDecode);
        // Length1: the decoded program's length, which PDF asks of TrueType programs.
        file.pair(Name(b"Length1"), subset.len() as i32);
        file.finish();

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        let mut pairs: Vec<(u16, char)> = self.chars.iter().map(|(&g, &c)| (g, c)).collect();
        pairs.sort_unstable();
        for (glyph, c) in pairs {
            cmap.pair(glyph, c);
        }
        let cmap = cmap.finish();
        pdf.cmap(cmap_id, &cmap).name(Name(b"Custom")).system_info(system_info);
        Ok(())
    }
}

pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_has_a_glyph_in_both_faces() {
        let fonts = Fonts::load().unwrap();
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ\
                       pqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for c in letters.chars().chain(letters.to_uppercase().chars()) {
            assert!(fonts.regular.covers(c), "regular lacks {c}");
            assert!(fonts.bold.covers(c), "bold lacks {c}");
        }
    }

    #[test]
    fn widths_scale_with_size_and_bold_is_wider() {
        let fonts = Fonts::load().unwrap();
        let w16 = fonts.regular.width("Nguyễn Thị Hoà", 16.0);
        let w32 = fonts.regular.width("Nguyễn Thị Hoà", 32.0);
        assert!((w32 - 2.0 * w16).abs() < 0.01);
        assert!(fonts.bold.width("Nguyễn Thị Hoà", 16.0) > w16);
        // DejaVu Sans' space is 318/1000 em... at 10 pt, 3.18 pt.
        assert!((fonts.regular.width(" ", 10.0) - 3.18).abs() < 0.01);
    }

    #[test]
    fn encoding_numbers_glyphs_in_first_use_order_after_notdef() {
        let mut fonts = Fonts::load().unwrap();
        let font = fonts.get_mut(Style::Regular);
        assert_eq!(font.encode("ệa"), vec![0, 1, 0, 2]);
        assert_eq!(font.encode("aệb"), vec![0, 2, 0, 1, 0, 3]);
        assert_eq!(font.chars.get(&1), Some(&'ệ'));
        assert_eq!(font.remapper.num_gids(), 4);
    }
}
