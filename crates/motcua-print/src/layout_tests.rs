use super::*;
use image::{ImageEncoder, Rgb, RgbImage};

fn fonts() -> Fonts {
    Fonts::load().unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn texts(page: &[Item]) -> Vec<&str> {
    page.iter()
        .filter_map(|item| match item {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Every drawn box on a page: (left, top, right, bottom) with what it is.
fn boxes(fonts: &Fonts, page: &[Item]) -> Vec<(f32, f32, f32, f32, String)> {
    page.iter()
        .filter_map(|item| match item {
            Item::Text { style, size, x, baseline, text, .. } => {
                let font = fonts.get(*style);
                let right = x + font.width(text, *size);
                Some((*x, baseline - font.ascent(*size), right, baseline + font.descent(*size), text.clone()))
            }
            Item::Image { x, top, w, h, .. } => Some((*x, *top, x + w, top + h, "image".to_owned())),
            _ => None,
        })
        .collect()
}

fn assert_no_overlap_and_inside(fonts: &Fonts, laid_out: &LaidOut) {
    for (p, page) in laid_out.pages.iter().enumerate() {
        let boxes = boxes(fonts, page);
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.0 >= LEFT - 0.01 && a.2 <= RIGHT + 0.01, "page {p}: {a:?} outside the margins");
            assert!(a.1 >= TOP - 1.0 && a.3 <= PAGE_H - 20.0, "page {p}: {a:?} off the page");
            if !a.4.starts_with("Trang ") {
                assert!(a.3 <= BOTTOM + 0.01, "page {p}: {a:?} below the text area");
            }
            for b in &boxes[i + 1..] {
                let overlap = a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01;
                assert!(!overlap, "page {p}: {a:?} overlaps {b:?}");
            }
        }
    }
}

fn doc(blocks: Vec<Block>) -> Document {
    Document { title: "Hướng dẫn đăng ký định danh điện tử mức 2".to_owned(), blocks }
}

#[test]
fn a_long_text_breaks_into_numbered_pages_without_overlaps() {
    let fonts = fonts();
    let text = "Công dân mang theo căn cước và điện thoại có số đã đăng ký chính chủ. ".repeat(12);
    let blocks = (0..8).map(|_| Block::Paragraph(text.clone())).collect();
    let laid_out = lay_out(&doc(blocks), &fonts).unwrap();
    let n = laid_out.pages.len();
    assert!(n >= 3, "{n} pages");
    for (i, page) in laid_out.pages.iter().enumerate() {
        assert_eq!(*texts(page).last().unwrap(), format!("Trang {}/{n}", i + 1));
        if i > 0 {
            assert_eq!(texts(page)[0], "Hướng dẫn đăng ký định danh điện tử mức 2");
        }
    }
    assert_no_overlap_and_inside(&fonts, &laid_out);
}

#[test]
fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
    let fonts = fonts();
    let filler = "dòng ".repeat(8);
    for lines_before in 20..30 {
        let mut blocks: Vec<Block> = (0..lines_before).map(|_| Block::Paragraph(filler.clone())).collect();
        blocks.push(Block::Heading("Giấy tờ cần mang".to_owned()));
        blocks.push(Block::Paragraph("Căn cước công dân.\nSổ hộ khẩu.\nẢnh 3x4.".to_owned()));
        let laid_out = lay_out(&doc(blocks), &fonts).unwrap();
        let page = laid_out.pages.iter().find(|p| texts(p).contains(&"Giấy tờ cần mang")).unwrap();
        let after = texts(page).iter().skip_while(|t| **t != "Giấy tờ cần mang").count();
        // The heading, at least two lines of its text, and the page number.
        assert!(after >= 4, "{lines_before} lines before: {:?}", texts(page));
    }
}

#[test]
fn fields_share_one_value_column() {
    let fonts = fonts();
    let blocks = vec![
        Block::Field { label: "Họ và tên".to_owned(), value: "Nguyễn Thị Hoà".to_owned() },
        Block::Field { label: "Ngày sinh".to_owned(), value: "02/09/1948".to_owned() },
        Block::Field { label: "Mã hồ sơ".to_owned(), value: "G01.123-260312-0007".to_owned() },
    ];
    let laid_out = lay_out(&doc(blocks), &fonts).unwrap();
    let xs: Vec<f32> = laid_out.pages[0]
        .iter()
        .filter_map(|item| match item {
            Item::Text { style: Style::Regular, x, text, .. } if !text.starts_with("Trang") => Some(*x),
            _ => None,
        })
        .collect();
    assert_eq!(xs.len(), 3);
    assert!(xs.iter().all(|x| (x - xs[0]).abs() < 0.01) && xs[0] > LEFT + 40.0, "{xs:?}");
    assert!(texts(&laid_out.pages[0]).contains(&"Họ và tên:"));
    assert_no_overlap_and_inside(&fonts, &laid_out);
}

#[test]
fn a_tall_picture_goes_beside_the_step_text_and_a_wide_one_under_it() {
    let fonts = fonts();
    let text =
        "Mở ứng dụng VNeID, chọn Đăng ký tài khoản, nhập số định danh cá nhân và số điện thoại. ".repeat(2);
    let blocks = vec![
        Block::Step {
            number: 1,
            title: "Mở ứng dụng".to_owned(),
            text: text.clone(),
            picture: Some(png(360, 720)),
        },
        Block::Step { number: 2, title: "Nhập mã OTP".to_owned(), text, picture: Some(png(800, 400)) },
    ];
    let laid_out = lay_out(&doc(blocks), &fonts).unwrap();
    assert_eq!(laid_out.pictures.len(), 2);
    let images: Vec<(f32, f32, f32, f32)> = laid_out
        .pages
        .iter()
        .flatten()
        .filter_map(|item| match item {
            Item::Image { x, top, w, h, .. } => Some((*x, *top, *w, *h)),
            _ => None,
        })
        .collect();
    let (x, _, w, h) = images[0];
    assert!((x + w - RIGHT).abs() < 0.01 && (h / w - 2.0).abs() < 0.01, "{:?}", images[0]);
    let (x, _, w, h) = images[1];
    assert!((x - STEP_TEXT_X).abs() < 0.01 && (w / h - 2.0).abs() < 0.01, "{:?}", images[1]);
    assert_no_overlap_and_inside(&fonts, &laid_out);
}

#[test]
fn a_bad_picture_names_its_step() {
    let blocks =
        vec![Block::Step { number: 4, title: "x".into(), text: "y".into(), picture: Some(vec![1, 2, 3]) }];
    match lay_out(&doc(blocks), &fonts()) {
        Err(PrintError::Picture { step: 4, .. }) => {}
        other => panic!("{:?}", other.map(|l| l.pages.len())),
    }
}

#[test]
fn a_long_table_repeats_its_header_and_splits_a_row_taller_than_a_page() {
    let fonts = fonts();
    let header = vec!["STT".to_owned(), "Giấy tờ".to_owned(), "Ghi chú".to_owned()];
    let mut rows: Vec<Vec<String>> = (1..=40)
        .map(|i| {
            vec![i.to_string(), format!("Giấy tờ số {i}"), "Bản chính hoặc bản sao có chứng thực".to_owned()]
        })
        .collect();
    rows.push(vec!["41".to_owned(), "Rất dài".to_owned(), "chữ ".repeat(600)]);
    let laid_out = lay_out(&doc(vec![Block::Table { header, rows }]), &fonts).unwrap();
    assert!(laid_out.pages.len() >= 4, "{}", laid_out.pages.len());
    for page in &laid_out.pages {
        assert!(texts(page).contains(&"Giấy tờ"), "{:?}", texts(page));
    }
    let words: usize = laid_out.pages.iter().flat_map(|p| texts(p)).map(|t| t.matches("chữ").count()).sum();
    assert_eq!(words, 600);
    assert_no_overlap_and_inside(&fonts, &laid_out);
}

#[test]
fn column_widths_fill_the_text_width_and_follow_the_content() {
    let fonts = fonts();
    let layout = Layout::new(&fonts, String::new());
    let header = vec!["STT".to_owned(), "Thủ tục".to_owned()];
    let rows =
        vec![vec!["1".to_owned(), "Đăng ký thường trú cho người cao tuổi sống cùng con cháu".repeat(3)]];
    let widths = layout.column_widths(&header, &rows, 2);
    assert!((widths.iter().sum::<f32>() - WIDTH).abs() < 0.01);
    assert!(widths[0] < 80.0 && widths[1] > 380.0, "{widths:?}");
}

#[test]
fn text_is_normalized_and_undrawable_characters_replaced() {
    let fonts = fonts();
    // "Hoà" with the grave as a combining mark, a tab, a control character, an emoji.
    assert_eq!(clean(&fonts, "Hoa\u{300}\tA\u{7}B 🙂"), "Hoà AB ?");
}

#[test]
fn a_heading_moves_to_the_next_page_with_the_step_it_heads() {
    let fonts = fonts();
    let filler = "dòng ".repeat(8);
    for lines_before in 10..26 {
        let mut blocks: Vec<Block> = (0..lines_before).map(|_| Block::Paragraph(filler.clone())).collect();
        blocks.push(Block::Heading("Các bước thực hiện".to_owned()));
        blocks.push(Block::Step {
            number: 1,
            title: "Mở ứng dụng VNeID".to_owned(),
            text: "Chạm vào biểu tượng.".to_owned(),
            picture: Some(png(300, 600)),
        });
        let laid_out = lay_out(&doc(blocks), &fonts).unwrap();
        let heading_page =
            laid_out.pages.iter().position(|p| texts(p).contains(&"Các bước thực hiện")).unwrap();
        let step_page = laid_out.pages.iter().position(|p| texts(p).contains(&"Mở ứng dụng VNeID")).unwrap();
        assert_eq!(heading_page, step_page, "{lines_before} lines before");
        assert_no_overlap_and_inside(&fonts, &laid_out);
    }
}
