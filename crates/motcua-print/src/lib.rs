//! MotCua's printouts: receipts and step-by-step guides handed to citizens, many of them
//! elderly, so on A4 in large type (body 16 pt, headings 22–26 pt), with the page number
//! as "Trang 1/2" on every page.
//!
//! A [`Document`] is a title and a list of [`Block`]s; [`render_pdf`] lays them out
//! (`layout`: line breaking in `wrap`, page breaks that keep a heading with what follows
//! and a table's header with its rows) and writes the PDF (`pdf`) with DejaVu Sans
//! embedded as a subset (`font`) and the steps' pictures (`picture`). The text stays
//! text: a ToUnicode map lets it be searched, copied and read aloud.

mod font;
mod layout;
mod pdf;
mod picture;
mod wrap;

/// A printout: the title heads the first page and, small, every later one.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// A label and its value on one line, e.g. "Họ và tên" / "Nguyễn Thị Hoà".
    Field {
        label: String,
        value: String,
    },
    /// A numbered step with an optional picture (PNG or JPEG bytes), drawn beside or under the text.
    Step {
        number: u32,
        title: String,
        text: String,
        picture: Option<Vec<u8>>,
    },
    /// Items with a tick box, e.g. documents to bring.
    Checklist(Vec<(bool, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A picture (PNG or JPEG) across the text width, such as a report's chart.
    Picture(Vec<u8>),
    Spacer,
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the picture of step {step} cannot be used: {reason}")]
    Picture { step: u32, reason: String },
    #[error("the embedded font cannot be used: {0}")]
    Font(String),
}

/// Renders `doc` to a PDF file's bytes.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let mut fonts = font::Fonts::load()?;
    let laid_out = layout::lay_out(doc, &fonts)?;
    pdf::write(&doc.title, &laid_out, &mut fonts)
}
