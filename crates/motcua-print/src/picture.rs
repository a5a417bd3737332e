//! A step's picture as a PDF image: a plain JPEG goes in as it is (PDF reads JPEG), any
//! other is decoded, turned upright, shrunk to what paper can show and compressed.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use pdf_writer::Filter;

use crate::font::deflate;

/// A picture printed at most ~17 cm wide needs no more than this at 180 dpi.
const MAX_SIDE: u32 = 1200;
/// Screenshots and photos are a few megapixels; a header claiming more is refused
/// before anything is allocated.
const MAX_PIXELS: u64 = 40_000_000;

pub(crate) struct Picture {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
    pub filter: Filter,
    pub gray: bool,
    /// Deflated 8-bit alpha, when some pixel is not opaque.
    pub alpha: Option<Vec<u8>>,
}

pub(crate) fn load(bytes: &[u8]) -> Result<Picture, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let format = reader.format();
    if !matches!(format, Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        return Err("not a PNG or JPEG image".to_owned());
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!("image too large ({width}×{height})"));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let jpeg = format == Some(ImageFormat::Jpeg);
    if jpeg && orientation == Orientation::NoTransforms {
        // The decoder reports CMYK JPEGs as RGB (it converts them); the frame header
        // says what the stream really holds, and only gray or RGB pass through.
        if let Some(components @ (1 | 3)) = jpeg_components(bytes) {
            // Decode anyway: a corrupt stream is refused here rather than printed blank.
            DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
            return Ok(Picture {
                width,
                height,
                data: bytes.to_vec(),
                filter: Filter::DctDecode,
                gray: components == 1,
                alpha: None,
            });
        }
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > MAX_SIDE {
        image = image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let (width, height) = (image.width(), image.height());
    if jpeg {
        let mut data = Vec::new();
        JpegEncoder::new_with_quality(&mut data, 85)
            .encode_image(&image.to_rgb8())
            .map_err(|e| e.to_string())?;
        return Ok(Picture { width, height, data, filter: Filter::DctDecode, gray: false, alpha: None });
    }
    let alpha = image.color().has_alpha().then(|| image.to_rgba8()).and_then(|rgba| {
        let alpha: Vec<u8> = rgba.pixels().map(|p| p[3]).collect();
        alpha.iter().any(|&a| a != 255).then(|| deflate(&alpha))
    });
    let gray = !image.color().has_color();
    let raw = if gray { image.to_luma8().into_raw() } else { image.to_rgb8().into_raw() };
    Ok(Picture { width, height, data: deflate(&raw), filter: Filter::FlateDecode, gray, alpha })
}

/// The number of colour components in a JPEG's frame header, walking the segments.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0–SOF15, without DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(i + 9).copied();
        }
        i += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90).encode_image(img).unwrap();
        out
    }

    #[test]
    fn an_upright_rgb_jpeg_goes_in_unchanged() {
        let bytes = jpeg(&RgbImage::from_pixel(300, 200, Rgb([10, 200, 30])));
        assert_eq!(jpeg_components(&bytes), Some(3));
        let picture = load(&bytes).unwrap();
        assert_eq!((picture.width, picture.height), (300, 200));
        assert_eq!(picture.data, bytes);
        assert!(matches!(picture.filter, Filter::DctDecode));
        assert!(!picture.gray && picture.alpha.is_none());
    }

    #[test]
    fn a_large_png_with_transparency_is_shrunk_and_keeps_its_alpha() {
        let img = RgbaImage::from_fn(2400, 1200, |x, _| Rgba([200, 0, 0, if x < 100 { 0 } else { 255 }]));
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bytes)
            .write_image(img.as_raw(), 2400, 1200, image::ExtendedColorType::Rgba8)
            .unwrap();
        let picture = load(&bytes).unwrap();
        assert_eq!((picture.width, picture.height), (1200, 600));
        assert!(matches!(picture.filter, Filter::FlateDecode));
        let alpha = miniz_oxide::inflate::decompress_to_vec_zlib(picture.alpha.as_ref().unwrap()).unwrap();
        assert_eq!(alpha.len(), 1200 * 600);
        assert_eq!((alpha[0], alpha[1199]), (0, 255));
        let rgb = miniz_oxide::inflate::decompress_to_vec_zlib(&picture.data).unwrap();
        assert_eq!(rgb.len(), 1200 * 600 * 3);
    }

    #[test]
    fn an_opaque_gray_png_is_one_channel_without_alpha() {
        let img = image::GrayImage::from_pixel(40, 30, image::Luma([90]));
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bytes)
            .write_image(img.as_raw(), 40, 30, image::ExtendedColorType::L8)
            .unwrap();
        let picture = load(&bytes).unwrap();
        assert!(picture.gray && picture.alpha.is_none());
        assert_eq!(miniz_oxide::inflate::decompress_to_vec_zlib(&picture.data).unwrap(), vec![90; 1200]);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(load(b"").is_err());
        assert!(load(b"GIF89a....").is_err());
        assert!(load(&[0xFF, 0xD8, 0xFF, 0xC0, 0, 1]).is_err());
        let mut truncated = jpeg(&RgbImage::from_pixel(64, 64, Rgb([1, 2, 3])));
        truncated.truncate(40);
        assert!(load(&truncated).is_err());
    }
}
