//! The daily and weekly progress reports the city asks for, as an Excel workbook (tables
//! and native charts) or a PDF (tables and drawn charts), in Vietnamese, with the
//! ward's name and the date range. Built from [`Dashboard`], so the screen, the files
//! and the command line show the same figures. No citizen's name is in a report: the
//! overdue list names applications by their ids.

use std::path::Path;

use chrono::NaiveDate;
use motcua_print::{Block, Document};
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet};

use super::dashboard::{Dashboard, DashboardQuery, Filings};
use super::export::ExportError;
use super::{Store, StoreError, audit};
use crate::access::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Xlsx,
    Pdf,
}

impl Store {
    /// Writes the report of `q` to `path` (whole or not at all); returns the figures.
    pub fn write_report(
        &self,
        q: &DashboardQuery,
        format: ReportFormat,
        path: &Path,
    ) -> Result<Dashboard, ExportError> {
        self.require(Action::Print)?;
        let d = self.dashboard(q)?;
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = std::path::PathBuf::from(part);
        let written = match format {
            ReportFormat::Xlsx => write_xlsx(&d, &part),
            ReportFormat::Pdf => motcua_print::render_pdf(&document(&d))
                .map_err(|e| ExportError::Store(StoreError::Application(e.to_string())))
                .and_then(|pdf| std::fs::write(&part, pdf).map_err(ExportError::from)),
        };
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        std::fs::rename(&part, path)?;
        let what = if format == ReportFormat::Xlsx { "xlsx" } else { "pdf" };
        audit::append(
            &self.conn,
            &self.officer().login,
            "report",
            None,
            &format!("{what} {} {}", q.from, q.to),
        )?;
        Ok(d)
    }
}

/// "Báo cáo ngày 03/12/2026", "Báo cáo tuần 30/11 – 06/12/2026" or a range.
pub fn report_title(from: NaiveDate, to: NaiveDate) -> String {
    let d = |x: NaiveDate| x.format("%d/%m/%Y").to_string();
    match (to - from).num_days() {
        0 => format!("Báo cáo ngày {}", d(from)),
        6 => format!("Báo cáo tuần {} – {}", from.format("%d/%m"), d(to)),
        _ => format!("Báo cáo từ {} đến {}", d(from), d(to)),
    }
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

fn range(d: &Dashboard) -> (NaiveDate, NaiveDate) {
    (d.from.unwrap_or_default(), d.to.unwrap_or_default())
}

/// The rows of each table, shared by both formats: (sheet, title, header, rows).
/// One table of a report: its sheet's name, its heading, its header and its rows.
type Table = (&'static str, &'static str, Vec<&'static str>, Vec<Vec<String>>);

fn tables(d: &Dashboard) -> Vec<Table> {
    let n = |v: u64| v.to_string();
    let filings = |f: &Filings| vec![n(f.filed), n(f.online), percent(f.share())];
    let mut out = Vec::new();
    out.push((
        "theo_ngay",
        "Theo ngày",
        vec![
            "Ngày",
            "Hồ sơ",
            "Trực tuyến",
            "Tỷ lệ trực tuyến",
            "Đăng ký VNeID",
            "Kích hoạt VNeID",
            "Phát hiện mới",
            "Đã xử lý",
        ],
        d.days
            .iter()
            .map(|x| {
                let mut row = vec![x.day.format("%d/%m/%Y").to_string()];
                row.extend(filings(&x.filings));
                row.extend([
                    n(x.vneid_registered),
                    n(x.vneid_activated),
                    n(x.findings_opened),
                    n(x.findings_resolved),
                ]);
                row
            })
            .collect(),
    ));
    out.push((
        "theo_to",
        "Theo tổ dân phố",
        vec![
            "Tổ dân phố",
            "Hồ sơ",
            "Trực tuyến",
            "Tỷ lệ",
            "Chỉ tiêu",
            "VNeID đăng ký",
            "VNeID kích hoạt",
            "Đang mở",
            "Quá hạn",
        ],
        d.groups
            .iter()
            .map(|g| {
                let mut row = vec![g.group.clone().unwrap_or_else(|| "(chưa có tổ)".into())];
                row.extend(filings(&g.filings));
                row.extend([
                    percent(g.target),
                    n(g.vneid_registered),
                    n(g.vneid_activated),
                    n(g.findings_open),
                    n(g.findings_overdue),
                ]);
                row
            })
            .collect(),
    ));
    out.push((
        "theo_thu_tuc",
        "Theo thủ tục",
        vec!["Thủ tục", "Hồ sơ", "Trực tuyến", "Tỷ lệ", "Đang xử lý", "Có kết quả", "Bị từ chối"],
        d.procedures
            .iter()
            .map(|p| {
                let mut row = vec![p.name.clone()];
                row.extend(filings(&p.filings));
                row.extend([n(p.by_state[2] + p.by_state[3]), n(p.by_state[4]), n(p.by_state[5])]);
                row
            })
            .collect(),
    ));
    out.push((
        "ra_soat",
        "Rà soát dữ liệu",
        vec!["Loại phát hiện", "Mới trong kỳ", "Đã xử lý trong kỳ", "Đang mở", "Quá hạn"],
        d.kinds
            .iter()
            .map(|k| vec![k.label.clone(), n(k.opened), n(k.resolved), n(k.open), n(k.overdue)])
            .collect(),
    ));
    out.push((
        "can_bo",
        "Theo cán bộ",
        vec!["Cán bộ", "Hồ sơ", "Trực tuyến", "Phát hiện đã xử lý"],
        d.officers
            .iter()
            .map(|o| vec![o.officer.clone(), n(o.filed), n(o.online), n(o.findings_resolved)])
            .collect(),
    ));
    out.push((
        "qua_han",
        "Hồ sơ quá hạn",
        vec!["Mã hồ sơ", "Thủ tục", "Tổ dân phố", "Hạn", "Lý do chậm"],
        d.overdue_applications
            .iter()
            .map(|a| {
                vec![
                    a.id.clone(),
                    a.procedure.clone(),
                    a.group.clone().unwrap_or_default(),
                    a.due_on.format("%d/%m/%Y").to_string(),
                    a.reason.clone().unwrap_or_else(|| "chưa giải trình".into()),
                ]
            })
            .collect(),
    ));
    out
}

fn summary(d: &Dashboard) -> Vec<(&'static str, String)> {
    vec![
        ("Hồ sơ tiếp nhận", d.total.filed.to_string()),
        ("Nộp trực tuyến", d.total.online.to_string()),
        ("Tỷ lệ trực tuyến", percent(d.total.share())),
        ("Chỉ tiêu của phường", percent(d.target)),
        ("Đăng ký VNeID mức 2", d.vneid.registered.to_string()),
        ("Kích hoạt VNeID mức 2", d.vneid.activated.to_string()),
        ("Chờ kích hoạt / quá 7 ngày", format!("{} / {}", d.vneid.waiting_activation, d.vneid.window_missed)),
        ("Hồ sơ quá hạn", d.overdue_count.to_string()),
        ("Phát hiện rà soát quá hạn", d.overdue_findings.to_string()),
    ]
}

fn write_xlsx(d: &Dashboard, path: &Path) -> Result<(), ExportError> {
    let (from, to) = range(d);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(16);
    let sheet = book.add_worksheet();
    sheet.set_name("tong_hop")?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 18)?;
    sheet.write_string_with_format(0, 0, report_title(from, to), &title)?;
    sheet.write_string(1, 0, &d.ward)?;
    for (i, (label, value)) in summary(d).into_iter().enumerate() {
        sheet.write_string_with_format(3 + i as u32, 0, label, &bold)?;
        sheet.write_string(3 + i as u32, 1, &value)?;
    }
    for (name, heading, header, rows) in tables(d) {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        sheet.write_string_with_format(0, 0, heading, &title)?;
        table(sheet, &bold, &header, &rows)?;
        match name {
            "theo_ngay" if !rows.is_empty() => {
                chart(sheet, name, ChartType::Line, "Hồ sơ theo ngày", rows.len(), &[1, 2])?
            }
            "theo_to" if !rows.is_empty() => {
                chart(sheet, name, ChartType::Column, "Hồ sơ theo tổ dân phố", rows.len(), &[1, 2])?
            }
            _ => {}
        }
    }
    book.save(path)?;
    Ok(())
}

/// Writes a header at row 2 and the rows under it; numbers as numbers, so Excel sums them.
fn table(
    sheet: &mut Worksheet,
    bold: &Format,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), ExportError> {
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, bold)?;
        sheet.set_column_width(c as u16, if c == 0 { 32 } else { 14 })?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (3 + r as u32, c as u16);
            match v.parse::<f64>() {
                Ok(x) if c > 0 => sheet.write_number(r, c, x)?,
                _ => sheet.write_string(r, c, v)?,
            };
        }
    }
    Ok(())
}

fn chart(
    sheet: &mut Worksheet,
    name: &str,
    kind: ChartType,
    title: &str,
    rows: usize,
    cols: &[u16],
) -> Result<(), ExportError> {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title);
    let last = 2 + rows as u32;
    for &c in cols {
        chart
            .add_series()
            .set_name((name, 2, c))
            .set_categories((name, 3, 0, last, 0))
            .set_values((name, 3, c, last, c));
    }
    sheet.insert_chart(3, 10, &chart)?;
    Ok(())
}

fn document(d: &Dashboard) -> Document {
    let (from, to) = range(d);
    let mut blocks = vec![Block::Paragraph(d.ward.clone())];
    blocks.push(Block::Table {
        header: vec!["Chỉ số".into(), "Giá trị".into()],
        rows: summary(d).into_iter().map(|(l, v)| vec![l.to_string(), v]).collect(),
    });
    if d.days.len() > 1 {
        blocks.push(Block::Heading("Hồ sơ theo ngày (cột: tất cả; phần đậm: trực tuyến)".into()));
        let bars: Vec<(u64, u64)> = d.days.iter().map(|x| (x.filings.filed, x.filings.online)).collect();
        blocks.push(Block::Picture(super::report_chart::bars(&bars)));
        blocks.push(Block::Paragraph(format!("Từ {} đến {}.", from.format("%d/%m"), to.format("%d/%m/%Y"))));
    }
    for (_, heading, header, rows) in tables(d) {
        if rows.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(heading.into()));
        blocks.push(Block::Table { header: header.into_iter().map(String::from).collect(), rows });
    }
    Document { title: format!("{} — {}", report_title(from, to), d.ward), blocks }
}
