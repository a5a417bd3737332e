//! The worklist and the progress per residential group as files for officers: CSV (the
//! findings) or an Excel workbook (a sheet of findings, a sheet of progress). Written
//! beside and renamed, so a file appears whole or not at all.

use std::io::Write;
use std::path::Path;

use super::export::ExportError;
use super::findings::{GroupProgress, WorkItem, WorklistFilter};
use super::{Store, audit};
use crate::access::Action;

const HEADER: [&str; 13] = [
    "Mã phát hiện",
    "Loại",
    "Mức độ",
    "Mã bản ghi",
    "Trường",
    "Nội dung",
    "Gợi ý sửa",
    "Tổ dân phố",
    "Trạng thái",
    "Người xử lý",
    "Ngày phát hiện",
    "Hạn xử lý",
    "Quá hạn / lý do",
];

fn cells(i: &WorkItem) -> [String; 13] {
    let late = match (i.overdue, &i.delay_reason) {
        (false, _) => String::new(),
        (true, Some(r)) => format!("Quá hạn: {r}"),
        (true, None) => "Quá hạn: chưa giải trình".into(),
    };
    [
        i.id.to_string(),
        i.finding.kind.label().into(),
        match i.finding.severity {
            crate::review::Severity::Error => "Lỗi".into(),
            crate::review::Severity::Warning => "Cảnh báo".into(),
            crate::review::Severity::Info => "Cần chuẩn hóa".into(),
        },
        i.finding.records.join(", "),
        i.finding.field.clone().unwrap_or_default(),
        i.finding.message.clone(),
        i.finding.suggestion.clone().unwrap_or_default(),
        i.group.clone().unwrap_or_default(),
        i.state.label().into(),
        i.owner.clone().unwrap_or_default(),
        i.opened_at.get(..10).unwrap_or_default().into(),
        i.due.clone(),
        late,
    ]
}

const PROGRESS_HEADER: [&str; 7] =
    ["Tổ dân phố", "Số bản ghi", "Bản ghi sạch", "% sạch", "Đang mở", "Đã xử lý", "Quá hạn"];

impl Store {
    /// Writes the findings (and, in a workbook, the progress) to `path`: CSV or XLSX by
    /// its extension. Returns the number of findings written.
    pub fn export_worklist(&self, path: &Path, filter: &WorklistFilter) -> Result<usize, ExportError> {
        self.require(Action::ViewCitizen)?;
        let items = self.worklist(filter)?;
        let progress = self.review_progress()?;
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = std::path::PathBuf::from(part);
        let is_xlsx = crate::import::FileKind::of(path) == crate::import::FileKind::Xlsx;
        let written = if is_xlsx {
            write_xlsx(&part, &items, &progress)
        } else {
            std::fs::File::create(&part).map_err(ExportError::from).and_then(|f| write_csv(f, &items))
        };
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        std::fs::rename(&part, path)?;
        audit::append(
            &self.conn,
            &self.officer().login,
            "export_worklist",
            None,
            &format!("{} findings", items.len()),
        )?;
        Ok(items.len())
    }
}

fn write_csv(out: impl Write, items: &[WorkItem]) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(out));
    w.write_record(HEADER)?;
    for i in items {
        w.write_record(cells(i))?;
    }
    w.flush()?;
    Ok(())
}

fn write_xlsx(path: &Path, items: &[WorkItem], progress: &[GroupProgress]) -> Result<(), ExportError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("phat_hien")?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, i) in items.iter().enumerate() {
        for (c, v) in cells(i).iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("tien_do")?;
    for (c, h) in PROGRESS_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, p) in progress.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, p.group.as_deref().unwrap_or("(chưa có tổ)"))?;
        sheet.write_number(r, 1, p.records as f64)?;
        sheet.write_number(r, 2, p.clean_records as f64)?;
        sheet.write_number(r, 3, p.percent_clean)?;
        sheet.write_number(r, 4, p.open as f64)?;
        sheet.write_number(r, 5, p.resolved as f64)?;
        sheet.write_number(r, 6, p.overdue as f64)?;
    }
    workbook.save(path)?;
    Ok(())
}
