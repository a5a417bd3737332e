//! Rows of the first sheet of an Excel workbook, read cell by cell (the sheet is never
//! held whole in memory).
//!
//! Excel stores what looks like a number as one, dropping leading zeros: an ID number
//! `001089552813` comes back as 1089552813. Number columns whose values have a fixed
//! width in the format (12-digit ID numbers, 9-digit CMND, 10-digit phones) get their
//! zeros back; dates Excel converted are written back as `dd/mm/yyyy`.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx, open_workbook};

use super::row::Header;
use super::{ImportError, RawRow};

pub(super) struct Workbook {
    xlsx: Xlsx<BufReader<File>>,
    sheet: String,
}

fn err(e: impl std::fmt::Display) -> ImportError {
    ImportError::Workbook(e.to_string())
}

impl Workbook {
    pub fn open(path: &Path) -> Result<Workbook, ImportError> {
        let xlsx: Xlsx<_> = open_workbook(path).map_err(err)?;
        let sheet = xlsx.sheet_names().first().cloned().ok_or_else(|| err("the workbook has no sheet"))?;
        Ok(Workbook { xlsx, sheet })
    }

    pub fn rows(
        &mut self,
    ) -> Result<(Header, impl Iterator<Item = Result<RawRow, ImportError>> + '_), ImportError> {
        let mut cells = self.xlsx.worksheet_cells_reader(&self.sheet).map_err(err)?;
        // Cells arrive row by row; a row is complete when the next row's first cell shows.
        let mut pending: Option<(u32, u32, Cell)> = None;
        // The reader must not be asked again once it has reported the end.
        let mut ended = false;
        let mut next_row = move || -> Result<Option<(u32, Vec<Cell>)>, ImportError> {
            let mut row: Option<(u32, Vec<Cell>)> = None;
            loop {
                let cell = match pending.take() {
                    Some(c) => Some(c),
                    None if ended => None,
                    None => cells.next_cell().map_err(err)?.map(|c| {
                        let (r, col) = c.get_position();
                        (r, col, cell(c.get_value()))
                    }),
                };
                let Some((r, col, value)) = cell else {
                    ended = true;
                    return Ok(row);
                };
                match &mut row {
                    Some((current, _)) if *current != r => {
                        pending = Some((r, col, value));
                        return Ok(row);
                    }
                    _ => {}
                }
                let (_, values) = row.get_or_insert_with(|| (r, Vec::new()));
                if values.len() <= col as usize {
                    values.resize(col as usize + 1, Cell::default());
                }
                values[col as usize] = value;
            }
        };
        let Some((_, names)) = next_row()? else { return Err(ImportError::NoHeader) };
        let names = names.into_iter().map(|c| c.text).collect();
        let header = Header::new(names).map_err(ImportError::MissingColumns)?;
        let width = header.len();
        let fixed = fixed_widths(&header);
        let rows = std::iter::from_fn(move || match next_row() {
            Err(e) => Some(Err(e)),
            Ok(None) => None,
            Ok(Some((r, cells))) => {
                let mut values: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
                // Trailing empty cells are not stored in a sheet; only content beyond the
                // header is a real extra cell.
                while values.len() > width && values.last().is_some_and(String::is_empty) {
                    values.pop();
                }
                if values.len() < width {
                    values.resize(width, String::new());
                }
                // Only cells Excel stored as numbers lost zeros; text cells are as typed.
                for (col, w) in &fixed {
                    if cells.get(*col).is_some_and(|c| c.number) {
                        restore_zeros(&mut values[*col], *w);
                    }
                }
                Some(Ok(RawRow { line: u64::from(r) + 1, cells: Ok(values), bytes: 0 }))
            }
        });
        Ok((header, rows))
    }
}

/// Columns whose values have one width in the format.
fn fixed_widths(header: &Header) -> Vec<(usize, usize)> {
    [
        ("so_dinh_danh", 12),
        ("so_dinh_danh_cha", 12),
        ("so_dinh_danh_me", 12),
        ("so_dinh_danh_vo_chong", 12),
        ("so_cmnd", 9),
        ("so_dien_thoai", 10),
    ]
    .into_iter()
    .filter_map(|(c, w)| header.position(c).map(|i| (i, w)))
    .collect()
}

/// Puts back the leading zeros Excel dropped from an all-digit value.
fn restore_zeros(v: &mut String, width: usize) {
    if !v.is_empty() && v.len() < width && v.bytes().all(|b| b.is_ascii_digit()) {
        *v = format!("{v:0>width$}");
    }
}

#[derive(Debug, Clone, Default)]
struct Cell {
    text: String,
    /// Stored by Excel as a number.
    number: bool,
}

fn cell(v: &DataRef<'_>) -> Cell {
    Cell { text: text(v), number: matches!(v, DataRef::Int(_) | DataRef::Float(_)) }
}

fn text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}/{m:02}/{y:04}")
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}
