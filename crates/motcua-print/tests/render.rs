//! Renders real documents and reads them back with poppler (`pdftotext`, `pdfinfo`,
//! `pdffonts`, `pdftoppm`; Debian's poppler-utils, installed by scripts/setup.sh), as a
//! PDF viewer and a printer driver would.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use motcua_print::{Block, Document, PrintError, render_pdf};

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A phone screen: a dark status bar, a white form with grey fields and a green button.
fn phone_screen() -> RgbImage {
    RgbImage::from_fn(360, 720, |x, y| match y {
        0..60 => Rgb([30, 40, 120]),
        200..250 | 300..350 if (30..330).contains(&x) => Rgb([225, 225, 225]),
        560..620 if (40..320).contains(&x) => Rgb([0, 200, 0]),
        _ => Rgb([255, 255, 255]),
    })
}

/// A wide photo of a counter, as a JPEG.
fn counter_photo() -> Vec<u8> {
    let img = RgbImage::from_fn(800, 450, |x, y| Rgb([(x / 4) as u8, (y / 2) as u8, 160]));
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

fn s(text: &str) -> String {
    text.to_owned()
}

fn guide() -> Document {
    Document {
        title: s("Hướng dẫn định danh điện tử"),
        blocks: vec![
            Block::Heading(s("Thông tin hồ sơ")),
            Block::Field { label: s("Họ và tên"), value: s("Nguyễn Thị Hoà") },
            Block::Field {
                label: s("Thủ tục"), value: s("Đăng ký định danh điện tử mức 2")
            },
            Block::Field { label: s("Mã hồ sơ"), value: s("G01.123-260312-0007") },
            Block::Spacer,
            Block::Heading(s("Giấy tờ cần mang")),
            Block::Checklist(vec![
                (true, s("Căn cước công dân gắn chip (bản chính)")),
                (true, s("Điện thoại có số đã đăng ký chính chủ")),
                (false, s("Ảnh chân dung nền trắng, nếu cán bộ yêu cầu chụp lại")),
            ]),
            Block::Heading(s("Các bước thực hiện")),
            Block::Step {
                number: 1,
                title: s("Mở ứng dụng VNeID"),
                text: s("Trên màn hình điện thoại, chạm vào biểu tượng VNeID. Nếu chưa có ứng dụng, \
                         nhờ cán bộ một cửa cài giúp từ CH Play hoặc App Store."),
                picture: Some(png(&phone_screen())),
            },
            Block::Step {
                number: 2,
                title: s("Đến quầy tiếp nhận"),
                text: s("Đưa căn cước cho cán bộ. Cán bộ chụp ảnh khuôn mặt và lấy vân tay của bác."),
                picture: Some(counter_photo()),
            },
            Block::Step {
                number: 3,
                title: s("Nhập mã OTP"),
                text: s("Điện thoại nhận một tin nhắn có 6 chữ số. Nhập đúng 6 chữ số đó vào ứng dụng \
                         trong vòng 5 phút."),
                picture: None,
            },
            Block::Paragraph(s("Lưu ý ở Bước 3: nhập mã OTP trong vòng 5 phút. Nếu không nhận được tin \
                               nhắn, bấm “Gửi lại mã”. Không đưa mã này cho bất kỳ ai.")),
            Block::Table {
                header: vec![s("Buổi"), s("Giờ làm việc"), s("Ghi chú")],
                rows: vec![
                    vec![s("Sáng"), s("7 giờ 30 – 11 giờ 30"), s("Thứ Hai đến Thứ Sáu")],
                    vec![s("Chiều"), s("13 giờ 30 – 17 giờ"), s("Thứ Hai đến Thứ Sáu")],
                    vec![s("Thứ Bảy"), s("7 giờ 30 – 11 giờ 30"), s("Uỷ ban nhân dân phường")],
                ],
            },
        ],
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (install poppler-utils: scripts/setup.sh)"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{program} {args:?} failed: {stderr}");
    // Poppler reports damaged fonts, images and streams on stderr and carries on.
    assert!(stderr.trim().is_empty(), "{program} {args:?} complained: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Each line with runs of spaces collapsed: `-layout` pads columns with spaces.
fn collapsed(text: &str) -> String {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

fn page_count(pdf: &str) -> usize {
    let info = run("pdfinfo", &[pdf]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

#[test]
fn a_guide_with_every_block_prints_searchable_vietnamese_on_two_pages() {
    let bytes = render_pdf(&guide()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path(), "guide.pdf", &bytes);
    // A copy for people to look at (tests/artifacts is not committed).
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    for stale in std::fs::read_dir(&artifacts).unwrap() {
        let path = stale.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("print-sample") && name.ends_with(".png") {
            std::fs::remove_file(path).unwrap();
        }
    }
    for page in 1..=page_count(&pdf) {
        let name = if page == 1 { s("print-sample") } else { format!("print-sample-{page}") };
        let page = page.to_string();
        let out = artifacts.join(&name);
        run(
            "pdftoppm",
            &["-r", "80", "-png", "-singlefile", "-f", &page, "-l", &page, &pdf, out.to_str().unwrap()],
        );
    }

    assert_eq!(page_count(&pdf), 2);
    let text = collapsed(&run("pdftotext", &["-layout", &pdf, "-"]));
    for expected in [
        "Hướng dẫn định danh điện tử",
        "Họ và tên: Nguyễn Thị Hoà",
        "Đăng ký định danh điện tử mức 2",
        "Bước 3: nhập mã OTP",
        "Mở ứng dụng VNeID",
        "Căn cước công dân gắn chip (bản chính)",
        "Mã hồ sơ: G01.123-260312-0007",
        "Giờ làm việc",
        "7 giờ 30 – 11 giờ 30",
        "Uỷ ban nhân dân phường",
        "Trang 1/2",
        "Trang 2/2",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    // What poppler extracted is what was written, in NFC, with no replacement marks.
    assert!(!text.contains('?') && !text.contains('\u{FFFD}'), "{text}");

    // Both faces embedded as subsets, each with a ToUnicode map.
    let fonts = run("pdffonts", &[&pdf]);
    // pdffonts prints a header line and a rule before a row per font.
    let rows: Vec<&str> = fonts
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("name ") && !l.starts_with("---"))
        .collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains("+DejaVuSans"), "{row}");
        assert_eq!(cols[1..5], ["CID", "TrueType", "Identity-H", "yes"], "{row}");
        assert_eq!(cols[5..7], ["yes", "yes"], "subset, unicode: {row}");
    }

    // It rasterizes, pictures included: the phone screen's green button is on page 1.
    let prefix = dir.path().join("page");
    run("pdftoppm", &["-r", "50", "-png", &pdf, prefix.to_str().unwrap()]);
    let first = image::open(dir.path().join("page-1.png")).unwrap().to_rgb8();
    // A4 at 50 dpi, give or take poppler's rounding.
    let (w, h) = first.dimensions();
    assert!((413..=414).contains(&w) && (584..=585).contains(&h), "{w}×{h}");
    assert!(first.pixels().any(|p| p[1] > 170 && p[0] < 70 && p[2] < 70), "no green button on page 1");
    assert!(dir.path().join("page-2.png").exists());
}

#[test]
fn a_text_receipt_is_one_small_page() {
    let receipt = Document {
        title: s("Giấy tiếp nhận hồ sơ"),
        blocks: vec![
            Block::Field { label: s("Họ và tên"), value: s("Trần Văn Quý") },
            Block::Field { label: s("Mã hồ sơ"), value: s("G01.123-260312-0008") },
            Block::Paragraph(s("Bác mang giấy này khi đến nhận kết quả.")),
        ],
    };
    let bytes = render_pdf(&receipt).unwrap();
    // The fonts are subset: the whole DejaVu Sans alone is 740 KB.
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path(), "receipt.pdf", &bytes);
    assert_eq!(page_count(&pdf), 1);
    let text = collapsed(&run("pdftotext", &["-layout", &pdf, "-"]));
    assert!(text.contains("Họ và tên: Trần Văn Quý") && text.contains("Trang 1/1"), "{text}");
}

#[test]
fn an_empty_document_is_one_page_with_its_number() {
    let bytes = render_pdf(&Document::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(dir.path(), "empty.pdf", &bytes);
    assert_eq!(page_count(&pdf), 1);
    assert_eq!(collapsed(&run("pdftotext", &[&pdf, "-"])).trim(), "Trang 1/1");
}

#[test]
fn a_step_whose_picture_is_not_an_image_is_refused() {
    let doc = Document {
        title: s("x"),
        blocks: vec![Block::Step {
            number: 2,
            title: s("a"),
            text: s("b"),
            picture: Some(b"<html>".to_vec()),
        }],
    };
    let error = render_pdf(&doc).unwrap_err();
    assert!(matches!(error, PrintError::Picture { step: 2, .. }), "{error}");
    assert!(error.to_string().starts_with("the picture of step 2"));
}
