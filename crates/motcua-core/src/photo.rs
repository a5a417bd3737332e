//! Photos of a citizen's documents, taken at the desk or by a mobile team, made fit to
//! keep: upright, at most `MAX_SIDE` pixels and `MAX_JPEG_BYTES`, with a thumbnail for
//! lists, and a warning when the picture is too dark or blurred to read, so the officer
//! retakes it while the citizen is still there.
//!
//! `prepare` of a 12-megapixel phone photo takes about 0.3 s in a release build (decoding,
//! shrinking and encoding a third each); it is meant to run off the UI thread.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use serde::Serialize;

/// Longest side of a prepared photo, in pixels: an A4 page at 2000 px is ~240 dpi,
/// enough to read the smallest print on an ID card or a certificate.
pub const MAX_SIDE: u32 = 2000;
pub const MAX_JPEG_BYTES: usize = 500 * 1024;
pub const THUMB_SIDE: u32 = 320;

/// A phone camera makes 12–50 MP; anything beyond this is a decompression bomb or a
/// scan nobody needs at that size, and decoding it would take gigabytes.
const MAX_PIXELS: u64 = 80_000_000;

/// Mean luma (0–255) below which text on a document is hard to read. A page photographed
/// under office light lands around 120–200; a photo taken in a dim corridor under 60.
const DARK_MEAN_LUMA: f32 = 60.0;

/// The variance of the Laplacian is the usual sharpness measure: edges of print give large
/// second derivatives, a blur flattens them. Calibrated on the test documents, measured on
/// the ≤ 1000 px copy (blur radii below are in that copy's pixels): sharp pages score
/// 1600–4200; a Gaussian blur of sigma 0.75 about 340, 1.25 about 100, 1.9 about 25, and
/// 5 or more under 3. Around sigma 1.5 px of the copy (0.3 mm on an A4 page) small print
/// starts to smear; 60 sits there, an order of magnitude below any sharp page.
const BLUR_SHARPNESS: f32 = 60.0;

/// Side of the copy the warnings are computed on: the Laplacian over 4 MP would cost more
/// than the resize, and a 1000 px page still shows whether the print is sharp.
const ANALYSIS_SIDE: u32 = 1000;

const QUALITY_START: u8 = 85;
const QUALITY_STEP: u8 = 10;
const QUALITY_FLOOR: u8 = 40;
const THUMB_QUALITY: u8 = 75;
/// Below this the picture is useless as evidence; a photo that cannot be compressed
/// under the budget at this size is refused instead of being kept as a smudge.
const MIN_SIDE: u32 = 400;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum PhotoWarning {
    TooDark { mean_luma: f32 },
    Blurred { sharpness: f32 },
}

impl PhotoWarning {
    /// A stable code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoWarning::TooDark { .. } => "too_dark",
            PhotoWarning::Blurred { .. } => "blurred",
        }
    }

    /// What the officer reads under the photo.
    pub fn message(&self) -> String {
        match self {
            PhotoWarning::TooDark { .. } => "Ảnh quá tối: nên chụp lại nơi đủ sáng".to_owned(),
            PhotoWarning::Blurred { .. } => "Ảnh bị mờ: giữ chắc máy và chụp lại".to_owned(),
        }
    }
}

#[derive(Debug)]
pub struct PreparedPhoto {
    /// Baseline JPEG, upright, without EXIF (the orientation is in the pixels, and
    /// the camera's metadata — place, device — is not the ward's to keep).
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// JPEG, longest side at most `THUMB_SIDE`.
    pub thumbnail: Vec<u8>,
    pub warnings: Vec<PhotoWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("không đọc được ảnh: {0}")]
    Unreadable(String),
    #[error("không nén được ảnh xuống dưới 500 KB")]
    TooBig,
}

/// Decodes a JPEG or PNG, turns it upright, shrinks it to `MAX_SIDE` and under
/// `MAX_JPEG_BYTES`, makes the thumbnail and checks whether it is readable.
pub fn prepare(bytes: &[u8]) -> Result<PreparedPhoto, PhotoError> {
    let image = decode(bytes)?;
    let image = flatten(image);
    let image = fit_within(image, MAX_SIDE, FilterType::CatmullRom);
    let warnings = assess(&image);
    let (jpeg, image) = encode_within_budget(image)?;
    // Area averaging: fast, and at a 6× reduction as good as any filter.
    let thumb = DynamicImage::ImageRgb8(image.clone()).thumbnail(THUMB_SIDE, THUMB_SIDE);
    let thumbnail = encode_jpeg(&thumb.to_rgb8(), THUMB_QUALITY)?;
    Ok(PreparedPhoto { jpeg, width: image.width(), height: image.height(), thumbnail, warnings })
}

fn unreadable(error: impl std::fmt::Display) -> PhotoError {
    PhotoError::Unreadable(error.to_string())
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Unreadable("tệp rỗng".to_owned()));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(unreadable)?;
    // Only what a camera or a scanner hands over; other formats the image crate may know
    // (through features another crate enables) are not documents we accept.
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png) => {}
        _ => return Err(PhotoError::Unreadable("chỉ nhận ảnh JPEG hoặc PNG".to_owned())),
    }
    let mut limits = Limits::default();
    // Four bytes a pixel at the pixel cap; the decoders refuse to allocate more.
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    // The header alone gives the size: refuse before a single row is decoded.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::Unreadable(format!("ảnh quá lớn ({width}×{height} điểm ảnh)")));
    }
    // A missing or malformed EXIF block leaves the photo as stored rather than refusing it.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// RGB for the JPEG encoder; transparent areas of a PNG become white paper, not the
/// black that dropping the alpha channel would leave.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = RgbImage::new(width, height);
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(px[3]);
        for c in 0..3 {
            let v = (u16::from(px[c]) * alpha + 255 * (255 - alpha) + 127) / 255;
            out[c] = v as u8;
        }
    }
    rgb
}

/// Shrinks so that the longest side is at most `side`; never enlarges.
fn fit_within(mut image: RgbImage, side: u32, filter: FilterType) -> RgbImage {
    // A filtered resize of 12 MP costs ~400 ms; halving by 2×2 averages first (a box
    // prefilter, as mipmaps do) leaves the filter a reduction under 2× at a tenth of that.
    while image.width().max(image.height()) >= 2 * side {
        image = halve(&image);
    }
    if image.width().max(image.height()) <= side {
        return image;
    }
    DynamicImage::ImageRgb8(image).resize(side, side, filter).into_rgb8()
}

/// Each output pixel is the mean of a 2×2 block (an odd last row or column is dropped).
fn halve(image: &RgbImage) -> RgbImage {
    let (width, height) = (image.width() / 2, image.height() / 2);
    let stride = image.width() as usize * 3;
    let src = image.as_raw();
    let mut out = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height as usize {
        let top = &src[2 * y * stride..][..stride];
        let bottom = &src[(2 * y + 1) * stride..][..stride];
        for x in 0..width as usize {
            for c in 0..3 {
                let i = 6 * x + c;
                let sum = u16::from(top[i])
                    + u16::from(top[i + 3])
                    + u16::from(bottom[i])
                    + u16::from(bottom[i + 3]);
                out.push(((sum + 2) / 4) as u8);
            }
        }
    }
    RgbImage::from_raw(width, height, out).expect("buffer sized for the halved image")
}

fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(image).map_err(unreadable)?;
    Ok(out)
}

/// Lowers the quality first (a document stays readable at 40), then the size, until the
/// JPEG fits. Returns the image actually encoded, which may be smaller than the input.
fn encode_within_budget(mut image: RgbImage) -> Result<(Vec<u8>, RgbImage), PhotoError> {
    loop {
        let mut quality = QUALITY_START;
        let mut last_len;
        loop {
            let jpeg = encode_jpeg(&image, quality)?;
            if jpeg.len() <= MAX_JPEG_BYTES {
                return Ok((jpeg, image));
            }
            last_len = jpeg.len();
            if quality <= QUALITY_FLOOR {
                break;
            }
            quality = quality.saturating_sub(QUALITY_STEP).max(QUALITY_FLOOR);
        }
        // JPEG size grows roughly with the pixel count: shrink the sides by the square
        // root of the overshoot, with a margin so that one more round usually suffices.
        let ratio = (MAX_JPEG_BYTES as f64 / last_len as f64).sqrt() * 0.9;
        let longest = image.width().max(image.height());
        let next = (f64::from(longest) * ratio) as u32;
        if next < MIN_SIDE {
            return Err(PhotoError::TooBig);
        }
        image = fit_within(image, next, FilterType::CatmullRom);
    }
}

fn assess(image: &RgbImage) -> Vec<PhotoWarning> {
    let small = DynamicImage::ImageRgb8(image.clone()).thumbnail(ANALYSIS_SIDE, ANALYSIS_SIDE);
    let gray = small.to_luma8();
    let mut warnings = Vec::new();
    let mean_luma = mean(&gray);
    if mean_luma < DARK_MEAN_LUMA {
        warnings.push(PhotoWarning::TooDark { mean_luma });
    }
    // A dark photo has little contrast, so its Laplacian is small however sharp it is;
    // retaking it in the light is the advice, and the new photo gets checked again.
    let sharpness = laplacian_variance(&gray);
    if warnings.is_empty() && sharpness < BLUR_SHARPNESS {
        warnings.push(PhotoWarning::Blurred { sharpness });
    }
    warnings
}

fn mean(gray: &GrayImage) -> f32 {
    let pixels = gray.as_raw();
    if pixels.is_empty() {
        return 0.0;
    }
    let sum: u64 = pixels.iter().map(|&p| u64::from(p)).sum();
    (sum as f64 / pixels.len() as f64) as f32
}

/// Variance of the 4-neighbour Laplacian over the interior pixels.
fn laplacian_variance(gray: &GrayImage) -> f32 {
    let (width, height) = (gray.width() as usize, gray.height() as usize);
    if width < 3 || height < 3 {
        return 0.0;
    }
    let px = gray.as_raw();
    let (mut sum, mut sum_sq) = (0f64, 0f64);
    for y in 1..height - 1 {
        let row = y * width;
        for x in 1..width - 1 {
            let i = row + x;
            let lap = i32::from(px[i - 1])
                + i32::from(px[i + 1])
                + i32::from(px[i - width])
                + i32::from(px[i + width])
                - 4 * i32::from(px[i]);
            let lap = f64::from(lap);
            sum += lap;
            sum_sq += lap * lap;
        }
    }
    let n = ((width - 2) * (height - 2)) as f64;
    let mean = sum / n;
    (sum_sq / n - mean * mean) as f32
}

#[cfg(test)]
#[path = "photo_tests.rs"]
mod tests;
