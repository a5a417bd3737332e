//! Blocks to positioned items on A4 pages. Coordinates here run from the top-left corner
//! down, in points; the PDF writer flips them.
//!
//! Page breaks go between lines, never through one. A heading keeps two lines of what
//! follows, a step keeps its title with the start of its text (and a step with a picture
//! beside it stays whole), a table repeats its header on every page it spans.

use unicode_normalization::UnicodeNormalization;

use crate::font::{Fonts, Style};
use crate::picture::{self, Picture};
use crate::wrap::wrap;
use crate::{Block, Document, PrintError};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const LEFT: f32 = 57.0;
const RIGHT: f32 = PAGE_W - 57.0;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 50.0;
/// Later pages start below the running header.
const TOP_LATER: f32 = TOP + 34.0;
/// Nothing but the page number goes below this.
const BOTTOM: f32 = PAGE_H - 64.0;
const FOOTER_BASELINE: f32 = PAGE_H - 34.0;

const BODY: f32 = 16.0;
const TITLE: f32 = 26.0;
const HEADING: f32 = 22.0;
const STEP_TITLE: f32 = 20.0;
const SMALL: f32 = 13.0;
/// Line height over type size: generous, for readers with poor eyesight.
const LEADING: f32 = 1.35;
const HEADING_LEADING: f32 = 1.25;

/// Where a step's text starts, right of its numbered disc.
const STEP_TEXT_X: f32 = LEFT + 46.0;
const STEP_DISC_R: f32 = 16.0;
/// A picture under a step's text is at most this tall, so a step and its picture
/// usually share a page.
const PICTURE_UNDER_MAX_H: f32 = 210.0;
/// A tall picture (a phone screen) goes beside the text, at most this share of the width
/// and this tall: about a phone's real size.
const PICTURE_BESIDE_SHARE: f32 = 0.36;
const PICTURE_BESIDE_MAX_H: f32 = 290.0;
const CELL_PAD_X: f32 = 6.0;
const CELL_PAD_Y: f32 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// `gray` is the fill: 0 black, 1 white.
    Text {
        style: Style,
        size: f32,
        x: f32,
        baseline: f32,
        text: String,
        gray: f32,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
    Frame {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        fill: Option<f32>,
        line_width: f32,
    },
    Disc {
        cx: f32,
        cy: f32,
        r: f32,
    },
    Tick {
        x: f32,
        top: f32,
        size: f32,
    },
    Image {
        index: usize,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
    },
}

impl Item {
    fn moved_down(self, dy: f32) -> Item {
        match self {
            Item::Text { style, size, x, baseline, text, gray } => {
                Item::Text { style, size, x, baseline: baseline + dy, text, gray }
            }
            Item::Rule { x1, x2, y, width } => Item::Rule { x1, x2, y: y + dy, width },
            Item::Frame { x, top, w, h, fill, line_width } => {
                Item::Frame { x, top: top + dy, w, h, fill, line_width }
            }
            Item::Disc { cx, cy, r } => Item::Disc { cx, cy: cy + dy, r },
            Item::Tick { x, top, size } => Item::Tick { x, top: top + dy, size },
            Item::Image { index, x, top, w, h } => Item::Image { index, x, top: top + dy, w, h },
        }
    }
}

pub(crate) struct LaidOut {
    pub pages: Vec<Vec<Item>>,
    pub pictures: Vec<Picture>,
}

pub(crate) fn lay_out(doc: &Document, fonts: &Fonts) -> Result<LaidOut, PrintError> {
    let mut layout = Layout::new(fonts, clean(fonts, &doc.title));
    layout.new_page();
    layout.title();
    let mut i = 0;
    while i < doc.blocks.len() {
        match &doc.blocks[i] {
            Block::Heading(text) => layout.heading(&clean(fonts, text)),
            Block::Paragraph(text) => layout.paragraph(&clean(fonts, text)),
            Block::Field { .. } => {
                // Consecutive fields share one column for their values.
                let run: Vec<(String, String)> = doc.blocks[i..]
                    .iter()
                    .map_while(|b| match b {
                        Block::Field { label, value } => Some((clean(fonts, label), clean(fonts, value))),
                        _ => None,
                    })
                    .collect();
                i += run.len();
                layout.fields(&run);
                continue;
            }
            Block::Step { number, title, text, picture } => {
                let picture = picture
                    .as_deref()
                    .map(picture::load)
                    .transpose()
                    .map_err(|reason| PrintError::Picture { step: *number, reason })?;
                layout.step(*number, &clean(fonts, title), &clean(fonts, text), picture);
            }
            Block::Checklist(items) => {
                let items: Vec<(bool, String)> = items.iter().map(|(d, t)| (*d, clean(fonts, t))).collect();
                layout.checklist(&items);
            }
            Block::Table { header, rows } => {
                let header: Vec<String> = header.iter().map(|c| clean(fonts, c)).collect();
                let rows: Vec<Vec<String>> =
                    rows.iter().map(|r| r.iter().map(|c| clean(fonts, c)).collect()).collect();
                layout.table(&header, &rows);
            }
            Block::Spacer => layout.gap(BODY * LEADING),
            Block::Picture(bytes) => {
                let picture =
                    picture::load(bytes).map_err(|reason| PrintError::Picture { step: 0, reason })?;
                layout.picture(picture);
            }
        }
        i += 1;
    }
    layout.page_numbers();
    Ok(LaidOut { pages: layout.pages, pictures: layout.pictures })
}

/// NFC (DejaVu has the precomposed letters, not mark positioning), tabs as spaces, no
/// control characters, and `?` for what the font cannot draw rather than an empty box.
fn clean(fonts: &Fonts, text: &str) -> String {
    text.nfc()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c if fonts.regular.covers(c) && fonts.bold.covers(c) => Some(c),
            _ => Some('?'),
        })
        .collect()
}

struct Layout<'a> {
    fonts: &'a Fonts,
    title: String,
    pages: Vec<Vec<Item>>,
    /// Top of the next line on the current page.
    y: f32,
    content_top: f32,
    pictures: Vec<Picture>,
    /// The heading that was the last thing drawn: (index of its first item on the page,
    /// its top, the cursor after it). A page break moves it to the new page with what
    /// it heads.
    orphan: Option<(usize, f32, f32)>,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts, title: String) -> Layout<'a> {
        Layout {
            fonts,
            title,
            pages: Vec::new(),
            y: TOP,
            content_top: TOP,
            pictures: Vec::new(),
            orphan: None,
        }
    }

    fn new_page(&mut self) {
        self.orphan = None;
        self.pages.push(Vec::new());
        self.content_top = if self.pages.len() == 1 { TOP } else { TOP_LATER };
        self.y = self.content_top;
        if self.pages.len() > 1 && !self.title.is_empty() {
            let title = self.fit_one_line(&self.title, Style::Regular, SMALL, WIDTH);
            let baseline = TOP + SMALL;
            self.push(Item::Text {
                style: Style::Regular,
                size: SMALL,
                x: LEFT,
                baseline,
                text: title,
                gray: 0.3,
            });
            self.push(Item::Rule { x1: LEFT, x2: RIGHT, y: baseline + 8.0, width: 0.6 });
        }
    }

    fn push(&mut self, item: Item) {
        self.orphan = None;
        self.pages.last_mut().expect("a page is always open").push(item);
    }

    /// A new page for something `height` tall, taking along a heading left at the bottom
    /// of this one when the two fit a page together.
    fn break_page(&mut self, height: f32) {
        let carried =
            self.orphan.take().filter(|&(_, top, bottom)| bottom - top + height <= BOTTOM - TOP_LATER);
        let items =
            carried.map(|(start, _, _)| self.pages.last_mut().expect("a page is open").split_off(start));
        self.new_page();
        if let (Some((_, top, bottom)), Some(items)) = (carried, items) {
            let shift = self.y - top;
            for item in items {
                self.push(item.moved_down(shift));
            }
            self.y += bottom - top;
        }
    }

    fn fresh(&self) -> bool {
        self.y <= self.content_top + 0.01
    }

    /// Starts a new page unless `height` fits below the cursor or the page is empty.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.fresh() {
            self.break_page(height);
        }
    }

    /// Vertical space between blocks; none at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.fresh() {
            self.y += height;
        }
    }

    /// Baseline of a line whose box starts at `top`, centring the font's full height
    /// (marks above capitals included) in the line box.
    fn baseline(&self, style: Style, size: f32, line_height: f32, top: f32) -> f32 {
        let font = self.fonts.get(style);
        let (ascent, descent) = (font.ascent(size), font.descent(size));
        top + (line_height - ascent - descent) / 2.0 + ascent
    }

    /// Lines one under the other from the cursor, breaking pages between them.
    fn flow(&mut self, lines: &[String], style: Style, size: f32, line_height: f32, x: f32) {
        for line in lines {
            self.ensure(line_height);
            let baseline = self.baseline(style, size, line_height, self.y);
            self.push(Item::Text { style, size, x, baseline, text: line.clone(), gray: 0.0 });
            self.y += line_height;
        }
    }

    fn fit_one_line(&self, text: &str, style: Style, size: f32, width: f32) -> String {
        let font = self.fonts.get(style);
        if font.width(text, size) <= width {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            if font.width(&format!("{out}{c}…"), size) > width {
                break;
            }
            out.push(c);
        }
        out.push('…');
        out
    }

    fn title(&mut self) {
        if self.title.is_empty() {
            return;
        }
        let lines = wrap(self.fonts.get(Style::Bold), TITLE, &self.title.clone(), WIDTH);
        self.flow(&lines, Style::Bold, TITLE, TITLE * HEADING_LEADING, LEFT);
        self.y += 6.0;
        self.push(Item::Rule { x1: LEFT, x2: RIGHT, y: self.y, width: 1.5 });
        self.y += 16.0;
    }

    fn heading(&mut self, text: &str) {
        let lines = wrap(self.fonts.get(Style::Bold), HEADING, text, WIDTH);
        let line_height = HEADING * HEADING_LEADING;
        self.gap(14.0);
        self.ensure(lines.len() as f32 * line_height + 2.0 * BODY * LEADING);
        // Headings in a row travel together.
        let (start, top) = match self.orphan.take() {
            Some((start, top, _)) => (start, top),
            None => (self.pages.last().map_or(0, Vec::len), self.y),
        };
        self.flow(&lines, Style::Bold, HEADING, line_height, LEFT);
        self.gap(6.0);
        self.orphan = Some((start, top, self.y));
    }

    fn paragraph(&mut self, text: &str) {
        let lines = wrap(self.fonts.get(Style::Regular), BODY, text, WIDTH);
        self.flow(&lines, Style::Regular, BODY, BODY * LEADING, LEFT);
        self.gap(10.0);
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let bold = self.fonts.get(Style::Bold);
        let line_height = BODY * LEADING;
        let labels: Vec<String> = fields.iter().map(|(label, _)| format!("{label}:")).collect();
        // Labels wider than this put their value on the lines below instead.
        let max_inline = WIDTH * 0.45;
        let widest =
            labels.iter().map(|l| bold.width(l, BODY)).filter(|&w| w <= max_inline).fold(0.0, f32::max);
        let column = LEFT + widest + 10.0;
        for (label, (_, value)) in labels.iter().zip(fields) {
            if bold.width(label, BODY) <= max_inline {
                let lines = wrap(self.fonts.get(Style::Regular), BODY, value, RIGHT - column);
                self.ensure(line_height);
                let baseline = self.baseline(Style::Bold, BODY, line_height, self.y);
                self.push(Item::Text {
                    style: Style::Bold,
                    size: BODY,
                    x: LEFT,
                    baseline,
                    text: label.clone(),
                    gray: 0.0,
                });
                if lines.is_empty() {
                    self.y += line_height;
                }
                self.flow(&lines, Style::Regular, BODY, line_height, column);
            } else {
                let label_lines = wrap(bold, BODY, label, WIDTH);
                let lines = wrap(self.fonts.get(Style::Regular), BODY, value, WIDTH - 20.0);
                self.ensure(2.0 * line_height);
                self.flow(&label_lines, Style::Bold, BODY, line_height, LEFT);
                self.flow(&lines, Style::Regular, BODY, line_height, LEFT + 20.0);
            }
            self.y += 4.0;
        }
        self.gap(8.0);
    }

    fn checklist(&mut self, items: &[(bool, String)]) {
        let line_height = BODY * LEADING;
        let text_x = LEFT + 28.0;
        let size = 14.0;
        for (done, text) in items {
            let lines = wrap(self.fonts.get(Style::Regular), BODY, text, RIGHT - text_x);
            self.ensure(line_height);
            // The box centred on the first line's capitals.
            let baseline = self.baseline(Style::Regular, BODY, line_height, self.y);
            let top = baseline - self.fonts.regular.cap_height(BODY) / 2.0 - size / 2.0;
            self.push(Item::Frame { x: LEFT + 2.0, top, w: size, h: size, fill: None, line_width: 1.2 });
            if *done {
                self.push(Item::Tick { x: LEFT + 2.0, top, size });
            }
            if lines.is_empty() {
                self.y += line_height;
            }
            self.flow(&lines, Style::Regular, BODY, line_height, text_x);
            self.y += 6.0;
        }
        self.gap(6.0);
    }

    /// The step's number, white on a dark disc beside its title's first line.
    fn disc(&mut self, number: u32, top: f32) {
        let cy = top + STEP_TITLE * HEADING_LEADING / 2.0;
        let cx = LEFT + STEP_DISC_R + 1.0;
        self.push(Item::Disc { cx, cy, r: STEP_DISC_R });
        let text = number.to_string();
        let size = if text.len() > 2 { 12.0 } else { 18.0 };
        let bold = self.fonts.get(Style::Bold);
        let x = cx - bold.width(&text, size) / 2.0;
        let baseline = cy + bold.cap_height(size) / 2.0;
        self.push(Item::Text { style: Style::Bold, size, x, baseline, text, gray: 1.0 });
    }

    /// A picture across the text width, kept whole on one page.
    fn picture(&mut self, p: Picture) {
        let aspect = p.height as f32 / p.width.max(1) as f32;
        let w = WIDTH.min(PICTURE_UNDER_MAX_H / aspect);
        let h = w * aspect;
        self.pictures.push(p);
        let index = self.pictures.len() - 1;
        self.gap(6.0);
        self.ensure(h);
        let top = self.y;
        self.push(Item::Image { index, x: LEFT, top, w, h });
        self.y += h;
        self.gap(10.0);
    }

    fn step(&mut self, number: u32, title: &str, text: &str, picture: Option<Picture>) {
        let title_height = STEP_TITLE * HEADING_LEADING;
        let line_height = BODY * LEADING;
        let (bold, regular) = (self.fonts.get(Style::Bold), self.fonts.get(Style::Regular));
        self.gap(10.0);
        let picture = picture.map(|p| {
            let aspect = p.height as f32 / p.width.max(1) as f32;
            self.pictures.push(p);
            (self.pictures.len() - 1, aspect)
        });
        if let Some((index, aspect)) = picture
            && aspect > 1.1
        {
            let w = (WIDTH * PICTURE_BESIDE_SHARE).min(PICTURE_BESIDE_MAX_H / aspect);
            let h = w * aspect;
            let text_width = RIGHT - w - 16.0 - STEP_TEXT_X;
            let title_lines = wrap(bold, STEP_TITLE, title, text_width);
            let lines = wrap(regular, BODY, text, text_width);
            let text_height =
                title_lines.len() as f32 * title_height + 4.0 + lines.len() as f32 * line_height;
            let height = text_height.max(h).max(2.0 * STEP_DISC_R);
            // Whole on one page; a text too long for that flows instead, picture under.
            if height <= BOTTOM - TOP_LATER {
                self.ensure(height);
                let top = self.y;
                self.disc(number, top);
                self.push(Item::Image { index, x: RIGHT - w, top, w, h });
                self.push(Item::Frame { x: RIGHT - w, top, w, h, fill: None, line_width: 0.5 });
                self.flow(&title_lines, Style::Bold, STEP_TITLE, title_height, STEP_TEXT_X);
                self.y += 4.0;
                self.flow(&lines, Style::Regular, BODY, line_height, STEP_TEXT_X);
                self.y = top + height;
                self.gap(16.0);
                return;
            }
        }
        let text_width = RIGHT - STEP_TEXT_X;
        let title_lines = wrap(bold, STEP_TITLE, title, text_width);
        let lines = wrap(regular, BODY, text, text_width);
        let picture = picture.map(|(index, aspect)| {
            let w = text_width.min(PICTURE_UNDER_MAX_H / aspect);
            (index, w, w * aspect)
        });
        let title_height_all = title_lines.len().max(1) as f32 * title_height + 4.0;
        let whole =
            title_height_all + lines.len() as f32 * line_height + picture.map_or(0.0, |(_, _, h)| 8.0 + h);
        // The whole step on one page when it fits one, else at least its title with the
        // start of its text.
        let keep = if whole <= BOTTOM - TOP_LATER {
            whole
        } else {
            title_height_all + lines.len().min(2) as f32 * line_height
        };
        self.ensure(keep);
        let top = self.y;
        self.disc(number, top);
        if title_lines.is_empty() {
            self.y += title_height;
        }
        self.flow(&title_lines, Style::Bold, STEP_TITLE, title_height, STEP_TEXT_X);
        self.y += 4.0;
        self.flow(&lines, Style::Regular, BODY, line_height, STEP_TEXT_X);
        if let Some((index, w, h)) = picture {
            self.y += 8.0;
            self.ensure(h);
            let top = self.y;
            self.push(Item::Image { index, x: STEP_TEXT_X, top, w, h });
            self.push(Item::Frame { x: STEP_TEXT_X, top, w, h, fill: None, line_width: 0.5 });
            self.y += h;
        }
        self.gap(16.0);
    }

    /// Narrow columns (an order number, a date) get what they need on one line; the
    /// others share the rest in proportion to their longest line (a full line at most,
    /// so one very long cell does not squeeze its neighbours into broken words).
    fn column_widths(&self, header: &[String], rows: &[Vec<String>], columns: usize) -> Vec<f32> {
        let (bold, regular) = (self.fonts.get(Style::Bold), self.fonts.get(Style::Regular));
        let mut natural = vec![2.0 * CELL_PAD_X + BODY; columns];
        let cells = header
            .iter()
            .enumerate()
            .map(|(c, t)| (c, t, bold))
            .chain(rows.iter().flat_map(|r| r.iter().enumerate().map(move |(c, t)| (c, t, regular))));
        for (c, text, font) in cells {
            for line in text.split('\n') {
                natural[c] = natural[c].max((font.width(line, BODY) + 2.0 * CELL_PAD_X).min(WIDTH));
            }
        }
        let mut widths: Vec<Option<f32>> = vec![None; columns];
        let mut left = WIDTH;
        loop {
            let open: Vec<usize> = (0..columns).filter(|&c| widths[c].is_none()).collect();
            if open.is_empty() {
                // Everything fits on one line: widen all columns alike to the full width.
                let total: f32 = natural.iter().sum();
                return natural.iter().map(|n| n * WIDTH / total).collect();
            }
            let fair = left / open.len() as f32;
            let narrow: Vec<usize> = open.iter().copied().filter(|&c| natural[c] <= fair).collect();
            if narrow.is_empty() {
                let total: f32 = open.iter().map(|&c| natural[c]).sum();
                for &c in &open {
                    widths[c] = Some(left * natural[c] / total);
                }
                return widths.into_iter().map(|w| w.unwrap_or(0.0)).collect();
            }
            for c in narrow {
                widths[c] = Some(natural[c]);
                left -= natural[c];
            }
        }
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        let widths = self.column_widths(header, rows, columns);
        let line_height = BODY * LEADING;
        let wrap_row = |style: Style, cells: &[String]| -> Vec<Vec<String>> {
            (0..columns)
                .map(|c| {
                    let text = cells.get(c).map_or("", String::as_str);
                    wrap(self.fonts.get(style), BODY, text, widths[c] - 2.0 * CELL_PAD_X)
                })
                .collect()
        };
        let row_height = |cells: &[Vec<String>]| {
            cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * line_height + 2.0 * CELL_PAD_Y
        };
        let head = if header.is_empty() { None } else { Some(wrap_row(Style::Bold, header)) };
        let head_height = head.as_ref().map_or(0.0, |h| row_height(h));
        let rows: Vec<Vec<Vec<String>>> = rows.iter().map(|r| wrap_row(Style::Regular, r)).collect();
        self.gap(6.0);
        self.ensure(head_height + rows.first().map_or(0.0, |r| row_height(r)));
        if let Some(head) = &head {
            self.row(head, &widths, Style::Bold, Some(0.88));
        }
        let mut page_start = self.y;
        for row in rows {
            let mut cells = row;
            loop {
                let height = row_height(&cells);
                if self.y + height <= BOTTOM {
                    self.row(&cells, &widths, Style::Regular, None);
                    break;
                }
                if self.y > page_start {
                    self.new_page();
                    if let Some(head) = &head {
                        self.row(head, &widths, Style::Bold, Some(0.88));
                    }
                    page_start = self.y;
                    continue;
                }
                // A row taller than a page: as many of its lines as fit, the rest after.
                let fit = (((BOTTOM - self.y - 2.0 * CELL_PAD_Y) / line_height).floor() as usize).max(1);
                let rest: Vec<Vec<String>> =
                    cells.iter_mut().map(|lines| lines.split_off(fit.min(lines.len()))).collect();
                self.row(&cells, &widths, Style::Regular, None);
                cells = rest;
                self.new_page();
                if let Some(head) = &head {
                    self.row(head, &widths, Style::Bold, Some(0.88));
                }
                page_start = self.y;
            }
        }
        self.gap(12.0);
    }

    fn row(&mut self, cells: &[Vec<String>], widths: &[f32], style: Style, fill: Option<f32>) {
        let line_height = BODY * LEADING;
        let height =
            cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * line_height + 2.0 * CELL_PAD_Y;
        let top = self.y;
        let mut x = LEFT;
        for (lines, &w) in cells.iter().zip(widths) {
            self.push(Item::Frame { x, top, w, h: height, fill, line_width: 0.8 });
            for (i, line) in lines.iter().enumerate() {
                let line_top = top + CELL_PAD_Y + i as f32 * line_height;
                let baseline = self.baseline(style, BODY, line_height, line_top);
                let text = line.clone();
                self.push(Item::Text { style, size: BODY, x: x + CELL_PAD_X, baseline, text, gray: 0.0 });
            }
            x += w;
        }
        self.y = top + height;
    }

    fn page_numbers(&mut self) {
        let count = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let text = format!("Trang {}/{count}", i + 1);
            let x = (PAGE_W - self.fonts.regular.width(&text, SMALL)) / 2.0;
            page.push(Item::Text {
                style: Style::Regular,
                size: SMALL,
                x,
                baseline: FOOTER_BASELINE,
                text,
                gray: 0.0,
            });
        }
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
