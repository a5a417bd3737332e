use super::*;
use image::{ImageEncoder, Rgb, Rgba, RgbaImage};

/// A small deterministic generator, so the test images are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

/// A photographed document: paper lit unevenly, lines of dark "print" made of short
/// strokes, a red stamp, a colour photo in the corner, and sensor noise.
fn document(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut rng = Lcg(seed);
    let mut img = RgbImage::from_fn(width, height, |x, y| {
        let light = 205.0 + 30.0 * (x as f32 / width as f32) - 15.0 * (y as f32 / height as f32);
        let v = light as u8;
        Rgb([v, v, v.saturating_sub(8)])
    });
    let scale = (width / 400).max(1);
    let line_h = 12 * scale;
    let mut y = 4 * line_h;
    while y + line_h < height - 2 * line_h {
        let mut x = 3 * line_h;
        while x + 8 * scale < width - 3 * line_h {
            // One "word": a few letters, each a couple of vertical and horizontal strokes.
            let letters = 2 + rng.below(7);
            for _ in 0..letters {
                let letter_w = 5 * scale;
                let stroke = scale.max(1);
                for _ in 0..3 {
                    let vertical = rng.below(2) == 0;
                    let (sx, sy) = (x + rng.below(letter_w), y + rng.below(line_h / 2));
                    let (len_x, len_y) =
                        if vertical { (stroke, line_h / 2) } else { (letter_w / 2 + 1, stroke) };
                    for yy in sy..(sy + len_y).min(height) {
                        for xx in sx..(sx + len_x).min(width) {
                            img.put_pixel(xx, yy, Rgb([30, 30, 40]));
                        }
                    }
                }
                x += letter_w + scale;
            }
            x += 4 * scale;
        }
        y += 2 * line_h;
    }
    // A red stamp ring.
    let (cx, cy, r) = (width as i64 * 3 / 4, height as i64 * 3 / 4, (height / 8) as i64);
    for yy in (cy - r - 4)..(cy + r + 4) {
        for xx in (cx - r - 4)..(cx + r + 4) {
            let d = (((xx - cx).pow(2) + (yy - cy).pow(2)) as f64).sqrt();
            if (d - r as f64).abs() < 2.0 * scale as f64 {
                img.put_pixel(xx as u32, yy as u32, Rgb([200, 30, 40]));
            }
        }
    }
    // A portrait photo: smooth colour gradients.
    let (pw, ph) = (width / 6, height / 4);
    for yy in 0..ph {
        for xx in 0..pw {
            let r = (60 + 150 * xx / pw) as u8;
            let g = (90 + 100 * yy / ph) as u8;
            img.put_pixel(line_h + xx, line_h + yy, Rgb([r, g, 150]));
        }
    }
    for px in img.pixels_mut() {
        let n = rng.below(17) as i16 - 8;
        for c in 0..3 {
            px[c] = (i16::from(px[c]) + n).clamp(0, 255) as u8;
        }
    }
    img
}

fn jpeg_of(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92).encode_image(img).unwrap();
    out
}

fn png_of(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn decoded(jpeg: &[u8]) -> RgbImage {
    image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap().into_rgb8()
}

fn has_exif(jpeg: &[u8]) -> bool {
    jpeg.windows(6).any(|w| w == b"Exif\0\0")
}

fn kinds(warnings: &[PhotoWarning]) -> Vec<&'static str> {
    warnings.iter().map(PhotoWarning::code).collect()
}

#[test]
fn a_large_detailed_photo_is_shrunk_to_2000_px_and_500_kb_without_warnings() {
    let input = jpeg_of(&document(4000, 3000, 1));
    let photo = prepare(&input).unwrap();
    assert_eq!((photo.width, photo.height), (2000, 1500));
    assert!(photo.jpeg.len() <= MAX_JPEG_BYTES, "{} bytes", photo.jpeg.len());
    assert_eq!(decoded(&photo.jpeg).dimensions(), (2000, 1500));
    assert!(photo.warnings.is_empty(), "{:?}", photo.warnings);
    let thumb = decoded(&photo.thumbnail);
    assert_eq!(thumb.width().max(thumb.height()), THUMB_SIDE);
    assert_eq!(thumb.dimensions(), (320, 240));
}

#[test]
fn a_small_photo_is_not_enlarged() {
    let photo = prepare(&jpeg_of(&document(800, 600, 2))).unwrap();
    assert_eq!((photo.width, photo.height), (800, 600));
    assert!(photo.warnings.is_empty(), "{:?}", photo.warnings);
}

/// An APP1 segment holding a little-endian TIFF header whose IFD0 has one entry:
/// Orientation (0x0112), SHORT, 1 value.
fn exif_orientation_segment(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II");
    tiff.extend_from_slice(&42u16.to_le_bytes());
    tiff.extend_from_slice(&8u32.to_le_bytes()); // IFD0 right after the header
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]); // value field padding
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

#[test]
fn the_exif_orientation_is_baked_into_the_pixels_and_the_exif_dropped() {
    let img =
        RgbImage::from_fn(600, 400, |x, _| if x < 300 { Rgb([220, 20, 20]) } else { Rgb([20, 20, 220]) });
    let plain = jpeg_of(&img);
    assert_eq!(&plain[..2], &[0xFF, 0xD8]);
    let mut rotated = plain[..2].to_vec();
    rotated.extend_from_slice(&exif_orientation_segment(6));
    rotated.extend_from_slice(&plain[2..]);
    assert!(has_exif(&rotated));

    let photo = prepare(&rotated).unwrap();
    assert_eq!((photo.width, photo.height), (400, 600));
    assert!(!has_exif(&photo.jpeg));
    let out = decoded(&photo.jpeg);
    assert_eq!(out.dimensions(), (400, 600));
    // Rotated a quarter turn clockwise, the left (red) half is now on top.
    for (x, y) in [(50, 50), (200, 150), (350, 250)] {
        let Rgb([r, _, b]) = *out.get_pixel(x, y);
        assert!(r > 180 && b < 70, "top ({x},{y}) = {:?}", out.get_pixel(x, y));
    }
    for (x, y) in [(50, 350), (200, 450), (350, 550)] {
        let Rgb([r, _, b]) = *out.get_pixel(x, y);
        assert!(b > 180 && r < 70, "bottom ({x},{y}) = {:?}", out.get_pixel(x, y));
    }
    let thumb = decoded(&photo.thumbnail);
    assert_eq!(thumb.dimensions(), (213, 320));

    // Without the segment the same file stays landscape: it is the tag that turns it.
    let unrotated = prepare(&plain).unwrap();
    assert_eq!((unrotated.width, unrotated.height), (600, 400));
}

#[test]
fn a_dark_photo_is_flagged_too_dark() {
    let mut img = document(1600, 1200, 3);
    for px in img.pixels_mut() {
        for c in 0..3 {
            px[c] /= 10;
        }
    }
    let photo = prepare(&jpeg_of(&img)).unwrap();
    // Only the darkness: its low contrast would also read as blur, but light is the fix.
    let [PhotoWarning::TooDark { mean_luma }] = photo.warnings[..] else {
        panic!("{:?}", photo.warnings);
    };
    assert!((15.0..25.0).contains(&mean_luma), "{mean_luma}");
    assert_eq!(photo.warnings[0].code(), "too_dark");
    assert!(photo.warnings[0].message().contains("quá tối"));
}

#[test]
fn a_blurred_photo_is_flagged_and_its_sharp_original_is_not() {
    let sharp = document(1600, 1200, 4);
    let blurred = image::imageops::blur(&sharp, 8.0);
    let sharp_photo = prepare(&jpeg_of(&sharp)).unwrap();
    assert!(sharp_photo.warnings.is_empty(), "{:?}", sharp_photo.warnings);
    let photo = prepare(&jpeg_of(&blurred)).unwrap();
    assert_eq!(kinds(&photo.warnings), ["blurred"]);
    assert!(photo.warnings[0].message().contains("mờ"));
    // A slight blur that still leaves the print readable is not flagged.
    let slight = prepare(&jpeg_of(&image::imageops::blur(&sharp, 0.8))).unwrap();
    assert!(slight.warnings.is_empty(), "{:?}", slight.warnings);
}

#[test]
fn the_sharpness_measure_separates_sharp_from_blurred_by_a_wide_margin() {
    let sharp = document(1000, 750, 5);
    let gray = |img: &RgbImage| DynamicImage::ImageRgb8(img.clone()).to_luma8();
    let s = laplacian_variance(&gray(&sharp));
    let b = laplacian_variance(&gray(&image::imageops::blur(&sharp, 8.0)));
    assert!(s > 10.0 * BLUR_SHARPNESS, "sharp {s}");
    assert!(b < BLUR_SHARPNESS / 5.0, "blurred {b}");
    // A flat image has no edges at all.
    assert_eq!(laplacian_variance(&GrayImage::from_pixel(50, 50, image::Luma([128]))), 0.0);
}

#[test]
fn garbage_and_empty_input_are_unreadable() {
    for bytes in [&b""[..], b"not an image at all", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]] {
        match prepare(bytes) {
            Err(PhotoError::Unreadable(why)) => assert!(!why.is_empty()),
            other => panic!("{bytes:?}: {other:?}"),
        }
    }
    let error = prepare(b"").unwrap_err();
    assert!(error.to_string().starts_with("không đọc được ảnh"), "{error}");
    // A GIF decodes elsewhere, but is not a document photo here.
    assert!(matches!(prepare(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), Err(PhotoError::Unreadable(_))));
}

#[test]
fn a_header_claiming_a_huge_image_is_refused_before_decoding() {
    let mut jpeg = jpeg_of(&RgbImage::from_pixel(16, 16, Rgb([200, 200, 200])));
    // Rewrite the frame header (SOF0: FF C0, length, precision, height, width) to 10000×9000.
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&9000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&10000u16.to_be_bytes());
    match prepare(&jpeg) {
        Err(PhotoError::Unreadable(why)) => assert!(why.contains("10000×9000"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_png_is_accepted_and_its_transparency_becomes_white() {
    let doc = document(2400, 1800, 6);
    let rgba = RgbaImage::from_fn(2400, 1800, |x, y| {
        let Rgb([r, g, b]) = *doc.get_pixel(x, y);
        // The right quarter is transparent (a cut-out scan).
        Rgba([r, g, b, if x >= 1800 { 0 } else { 255 }])
    });
    let photo = prepare(&png_of(&rgba)).unwrap();
    assert_eq!((photo.width, photo.height), (2000, 1500));
    assert!(photo.jpeg.len() <= MAX_JPEG_BYTES);
    assert!(photo.warnings.is_empty(), "{:?}", photo.warnings);
    let out = decoded(&photo.jpeg);
    let Rgb([r, g, b]) = *out.get_pixel(1900, 700);
    assert!(r > 245 && g > 245 && b > 245, "{:?}", out.get_pixel(1900, 700));
}

#[test]
fn noise_that_cannot_fit_at_2000_px_is_scaled_down_until_it_does() {
    let mut rng = Lcg(7);
    let noise = RgbImage::from_fn(2000, 2000, |_, _| {
        Rgb([rng.below(256) as u8, rng.below(256) as u8, rng.below(256) as u8])
    });
    let photo = prepare(&jpeg_of(&noise)).unwrap();
    assert!(photo.jpeg.len() <= MAX_JPEG_BYTES, "{} bytes", photo.jpeg.len());
    assert!(photo.width < 2000 && photo.width == photo.height, "{}", photo.width);
    assert!(photo.width >= MIN_SIDE);
    assert_eq!(decoded(&photo.jpeg).dimensions(), (photo.width, photo.height));
}

#[test]
fn halving_averages_each_2x2_block_and_drops_an_odd_edge() {
    let img = RgbImage::from_fn(5, 3, |x, y| Rgb([(10 * x + 100 * y) as u8, 7, (x * y) as u8]));
    let half = halve(&img);
    assert_eq!(half.dimensions(), (2, 1));
    // (0+10+100+110)/4 = 55, (20+30+120+130)/4 = 75; blue (0+0+0+1)/4 rounds to 0, (0+0+2+3)/4 to 1.
    assert_eq!(half.get_pixel(0, 0), &Rgb([55, 7, 0]));
    assert_eq!(half.get_pixel(1, 0), &Rgb([75, 7, 1]));
}

#[test]
fn warnings_have_stable_codes_and_vietnamese_messages() {
    let dark = PhotoWarning::TooDark { mean_luma: 20.0 };
    let blur = PhotoWarning::Blurred { sharpness: 3.0 };
    assert_eq!((dark.code(), blur.code()), ("too_dark", "blurred"));
    assert_eq!(dark.message(), "Ảnh quá tối: nên chụp lại nơi đủ sáng");
    assert_eq!(blur.message(), "Ảnh bị mờ: giữ chắc máy và chụp lại");
    assert_eq!(serde_json::to_string(&dark).unwrap(), r#"{"TooDark":{"mean_luma":20.0}}"#);
}
