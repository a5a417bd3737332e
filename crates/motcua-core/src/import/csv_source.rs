//! Rows of a CSV extract, read one at a time.

use std::io::Read;

use super::row::{Header, RowProblem};
use super::{ImportError, RawRow};

pub(super) fn open(
    input: impl Read,
) -> Result<(Header, impl Iterator<Item = Result<RawRow, ImportError>>), ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut raw = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut raw)? {
        return Err(ImportError::NoHeader);
    }
    let names = raw.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let header = Header::new(names).map_err(ImportError::MissingColumns)?;
    let rows = std::iter::from_fn(move || match reader.read_byte_record(&mut raw) {
        Err(e) => Some(Err(ImportError::Read(e))),
        Ok(false) => None,
        Ok(true) => {
            let cells = raw
                .iter()
                .map(|c| std::str::from_utf8(c).map(str::to_string))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| RowProblem::BadEncoding);
            Some(Ok(RawRow {
                line: raw.position().map_or(0, |p| p.line()),
                cells,
                bytes: reader.position().byte(),
            }))
        }
    });
    Ok((header, rows))
}
