//! Laid-out pages to PDF objects. Fonts are written last: their subsets hold exactly the
//! glyphs the content streams used.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::PrintError;
use crate::font::{Fonts, Style, deflate};
use crate::layout::{Item, LaidOut, PAGE_H, PAGE_W};

/// Bézier handle length for a quarter circle of radius 1.
const KAPPA: f32 = 0.552_284_8;

pub(crate) fn write(title: &str, laid_out: &LaidOut, fonts: &mut Fonts) -> Result<Vec<u8>, PrintError> {
    let mut next = 1;
    let mut alloc = move || {
        next += 1;
        Ref::new(next - 1)
    };
    let (catalog_id, tree_id, info_id) = (alloc(), alloc(), alloc());
    let (regular_id, bold_id) = (alloc(), alloc());
    let picture_ids: Vec<(Ref, Option<Ref>)> = laid_out
        .pictures
        .iter()
        .map(|p| {
            let id = alloc();
            (id, p.alpha.as_ref().map(|_| alloc()))
        })
        .collect();
    let page_ids: Vec<(Ref, Ref)> = laid_out.pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr("vi"));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.document_info(info_id).title(TextStr(title)).producer(TextStr("MotCua"));
    pdf.pages(tree_id).kids(page_ids.iter().map(|(page, _)| *page)).count(page_ids.len() as i32);

    for (items, &(page_id, content_id)) in laid_out.pages.iter().zip(&page_ids) {
        let content = page_content(items, fonts);
        let mut page = pdf.page(page_id);
        page.parent(tree_id).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(content_id);
        let mut resources = page.resources();
        resources.fonts().pair(Name(b"F1"), regular_id).pair(Name(b"F2"), bold_id);
        let mut used: Vec<usize> = items
            .iter()
            .filter_map(|item| match item {
                Item::Image { index, .. } => Some(*index),
                _ => None,
            })
            .collect();
        used.sort_unstable();
        used.dedup();
        if !used.is_empty() {
            let mut x_objects = resources.x_objects();
            for index in used {
                x_objects.pair(Name(image_name(index).as_bytes()), picture_ids[index].0);
            }
        }
        resources.finish();
        page.finish();
        pdf.stream(content_id, &deflate(&content)).filter(Filter::FlateDecode);
    }

    for (picture, &(id, mask_id)) in laid_out.pictures.iter().zip(&picture_ids) {
        let mut image = pdf.image_xobject(id, &picture.data);
        image.filter(picture.filter);
        image.width(picture.width as i32).height(picture.height as i32);
        if picture.gray {
            image.color_space().device_gray();
        } else {
            image.color_space().device_rgb();
        }
        image.bits_per_component(8);
        if let Some(mask_id) = mask_id {
            image.s_mask(mask_id);
        }
        image.finish();
        if let (Some(mask_id), Some(alpha)) = (mask_id, &picture.alpha) {
            let mut mask = pdf.image_xobject(mask_id, alpha);
            mask.filter(Filter::FlateDecode);
            mask.width(picture.width as i32).height(picture.height as i32);
            mask.color_space().device_gray();
            mask.bits_per_component(8);
        }
    }

    fonts.regular.write(&mut pdf, regular_id, &mut alloc)?;
    fonts.bold.write(&mut pdf, bold_id, &mut alloc)?;
    Ok(pdf.finish())
}

fn image_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

/// PDF's y axis points up from the bottom of the page.
fn flip(y: f32) -> f32 {
    PAGE_H - y
}

fn page_content(items: &[Item], fonts: &mut Fonts) -> Vec<u8> {
    let mut content = Content::new();
    for item in items {
        match item {
            Item::Text { style, size, x, baseline, text, gray } => {
                let name = match style {
                    Style::Regular => Name(b"F1"),
                    Style::Bold => Name(b"F2"),
                };
                let glyphs = fonts.get_mut(*style).encode(text);
                content.set_fill_gray(*gray);
                content.begin_text();
                content.set_font(name, *size);
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, flip(*baseline)]);
                content.show(pdf_writer::Str(&glyphs));
                content.end_text();
            }
            Item::Rule { x1, x2, y, width } => {
                content.set_stroke_gray(0.0).set_line_width(*width);
                content.move_to(*x1, flip(*y)).line_to(*x2, flip(*y)).stroke();
            }
            Item::Frame { x, top, w, h, fill, line_width } => {
                content.set_stroke_gray(0.0).set_line_width(*line_width);
                content.rect(*x, flip(top + h), *w, *h);
                match fill {
                    Some(gray) => content.set_fill_gray(*gray).fill_nonzero_and_stroke(),
                    None => content.stroke(),
                };
            }
            Item::Disc { cx, cy, r } => {
                let (cx, cy, r) = (*cx, flip(*cy), *r);
                let k = KAPPA * r;
                content.set_fill_gray(0.15);
                content.move_to(cx + r, cy);
                content.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                content.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                content.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                content.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                content.close_path().fill_nonzero();
            }
            Item::Tick { x, top, size } => {
                let at = |fx: f32, fy: f32| (x + fx * size, flip(top + fy * size));
                content.set_stroke_gray(0.0).set_line_width(size / 7.0);
                let (a, b, c) = (at(0.18, 0.52), at(0.42, 0.78), at(0.86, 0.2));
                content.move_to(a.0, a.1).line_to(b.0, b.1).line_to(c.0, c.1).stroke();
            }
            Item::Image { index, x, top, w, h } => {
                content.save_state();
                content.transform([*w, 0.0, 0.0, *h, *x, flip(top + h)]);
                content.x_object(Name(image_name(*index).as_bytes()));
                content.restore_state();
            }
        }
    }
    content.finish().into_vec()
}
