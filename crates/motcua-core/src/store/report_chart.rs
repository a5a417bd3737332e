//! A bar chart drawn as a PNG for the PDF report: each day a light bar for all filings
//! and a dark one inside it for those filed online, so the gap is what is still paper.

use image::{ImageFormat, Rgb, RgbImage};

const W: u32 = 900;
const H: u32 = 300;

/// `(all, online)` per day, left to right.
pub(super) fn bars(days: &[(u64, u64)]) -> Vec<u8> {
    let mut img = RgbImage::from_pixel(W, H, Rgb([255, 255, 255]));
    let top = days.iter().map(|d| d.0).max().unwrap_or(0).max(1) as f64;
    let (left, bottom, plot_h) = (10u32, H - 10, H - 20);
    let slot = (W - 2 * left) as f64 / days.len().max(1) as f64;
    for y in [0.25, 0.5, 0.75, 1.0] {
        let row = bottom - (plot_h as f64 * y) as u32;
        for x in left..W - left {
            img.put_pixel(x, row, Rgb([225, 229, 236]));
        }
    }
    for (i, &(all, online)) in days.iter().enumerate() {
        let x0 = left + (slot * i as f64 + slot * 0.15) as u32;
        let x1 = (left + (slot * (i + 1) as f64 - slot * 0.15) as u32).max(x0 + 1);
        for (value, colour) in [(all, Rgb([160, 190, 230])), (online, Rgb([30, 90, 170]))] {
            let h = (plot_h as f64 * value as f64 / top) as u32;
            for x in x0..x1.min(W) {
                for y in bottom - h..bottom {
                    img.put_pixel(x, y, colour);
                }
            }
        }
    }
    for x in left..W - left {
        img.put_pixel(x, bottom, Rgb([60, 60, 60]));
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .expect("a PNG encodes in memory");
    png
}
