//! Importing an extract by its path: the one entry point the CLI and the app share.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{ImportError, ImportProgress, ImportReport, prepare_real_register};
use crate::folder::RegisterFolder;
use crate::store::{Credentials, RegisterKind, Store, StoreError};

/// How far an import of a file has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileProgress {
    pub rows: usize,
    pub bytes: u64,
    /// The file's size, when progress is counted in its bytes (CSV). A workbook is read
    /// cell by cell out of a zip, so there progress is rows only.
    pub total_bytes: Option<u64>,
}

/// The kinds of extract, told by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
            FileKind::Xlsx
        } else {
            FileKind::Csv
        }
    }
}

/// Imports `file` (CSV, or `.xlsx`) into the real register at `db` (opened with `creds`),
/// creating it for `ward_code` if it does not exist (encrypted, with `creds` as its ward
/// admin, when given). A refused import of a new register leaves no register behind.
pub fn import_file(
    db: &Path,
    ward_code: Option<&str>,
    creds: Option<&Credentials>,
    file: &Path,
    progress: &mut dyn FnMut(FileProgress),
) -> Result<ImportReport, ImportError> {
    // Opened before the register, so a wrong path creates nothing.
    let input = File::open(file)?;
    let is_new = !db.exists();
    let mut store = Store::open(db, creds)?;
    if let Err(e) = prepare_real_register(&mut store, ward_code) {
        if is_new {
            drop(store);
            // Best effort: what is left is an empty register, which the next import sets up.
            let _ = crate::store::remove_register(db);
        }
        return Err(e);
    }
    import_opened(&mut store, input, file, progress)
}

/// Imports `file` into an open real register (set up for `ward_code` if it is not yet).
pub fn import_into(
    store: &mut Store,
    ward_code: Option<&str>,
    file: &Path,
    progress: &mut dyn FnMut(FileProgress),
) -> Result<ImportReport, ImportError> {
    let input = File::open(file)?;
    prepare_real_register(store, ward_code)?;
    import_opened(store, input, file, progress)
}

/// Imports `file` into the ward's register in the app's `folder`, and returns the report
/// and the register, open for the officer. The first import makes the register for
/// `ward_code`, encrypted, with `admin` as its first ward admin (required). Later ones go
/// through `signed_in`, a second connection to the ward's register for the officer who
/// has it open (made by [`Store::reopen`], so searches go on in the first meanwhile);
/// without one, the register must open without a password, which only a plaintext one
/// does.
pub fn import_to_folder(
    folder: &RegisterFolder,
    signed_in: Option<Store>,
    ward_code: Option<&str>,
    admin: Option<&Credentials>,
    file: &Path,
    progress: &mut dyn FnMut(FileProgress),
) -> Result<(ImportReport, Store), ImportError> {
    let db = folder.path(RegisterKind::Real);
    if folder.has_ward_register() {
        let mut store = match signed_in.filter(|s| s.path() == Some(db.as_path())) {
            Some(second) => second,
            None => Store::open(&db, None)?,
        };
        let report = import_into(&mut store, None, file, progress)?;
        return Ok((report, store));
    }
    let Some(admin) = admin else {
        return Err(StoreError::InvalidAccount(
            "the first import makes the ward's register encrypted: it needs its ward admin's login and password"
                .into(),
        )
        .into());
    };
    let report = import_file(&db, ward_code, Some(admin), file, progress)?;
    Ok((report, Store::open(&db, Some(admin))?))
}

fn import_opened(
    store: &mut Store,
    input: File,
    file: &Path,
    progress: &mut dyn FnMut(FileProgress),
) -> Result<ImportReport, ImportError> {
    let size = input.metadata()?.len();
    let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match FileKind::of(file) {
        FileKind::Xlsx => {
            drop(input);
            store.import_xlsx(file, &source, &mut |p: ImportProgress| {
                progress(FileProgress { rows: p.rows, bytes: p.bytes, total_bytes: None })
            })
        }
        FileKind::Csv => store.import_csv(BufReader::new(input), &source, &mut |p: ImportProgress| {
            progress(FileProgress { rows: p.rows, bytes: p.bytes, total_bytes: Some(size) })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXTRACT: &str = "ma_ban_ghi,ho_ten,ngay_sinh\nR1,Nguyễn Văn An,01/02/1990\nR2,Lê Thị Bình,1985\nR3,Trần Chí,năm ngoái\n";

    #[test]
    fn a_csv_lands_in_a_new_register_with_its_size_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let (csv, db) = (dir.path().join("x.csv"), dir.path().join("r.sqlite3"));
        std::fs::write(&csv, EXTRACT).unwrap();
        let mut seen = Vec::new();
        let report = import_file(&db, Some("00004"), None, &csv, &mut |p| seen.push(p)).unwrap();
        assert_eq!((report.rows, report.inserted, report.errors.len()), (3, 2, 1));
        let last = seen.last().unwrap();
        assert_eq!(
            (last.rows, last.bytes, last.total_bytes),
            (3, EXTRACT.len() as u64, Some(EXTRACT.len() as u64))
        );
        let store = Store::open(&db, None).unwrap();
        assert_eq!(store.register_meta().unwrap().unwrap().ward_code, "00004");
    }

    #[test]
    fn a_refused_new_register_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let (csv, db) = (dir.path().join("x.csv"), dir.path().join("r.sqlite3"));
        std::fs::write(&csv, EXTRACT).unwrap();
        let e = import_file(&db, Some("99999"), None, &csv, &mut |_| {}).unwrap_err();
        assert!(matches!(e, ImportError::UnknownWard(_)), "{e}");
        let e = import_file(&db, None, None, &csv, &mut |_| {}).unwrap_err();
        assert!(matches!(e, ImportError::NoWard), "{e}");
        assert!(!db.exists());
    }

    #[test]
    fn a_missing_file_creates_no_register() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.sqlite3");
        let e = import_file(&db, Some("00004"), None, &dir.path().join("none.csv"), &mut |_| {}).unwrap_err();
        assert!(matches!(e, ImportError::Io(_)), "{e}");
        assert!(!db.exists());
    }

    #[test]
    fn the_kind_comes_from_the_extension() {
        assert_eq!(FileKind::of(Path::new("a/B.XLSX")), FileKind::Xlsx);
        assert_eq!(FileKind::of(Path::new("a/b.csv")), FileKind::Csv);
        assert_eq!(FileKind::of(Path::new("a/b")), FileKind::Csv);
    }

    #[test]
    fn the_first_import_into_the_folder_makes_an_encrypted_register_for_its_admin() {
        let dir = tempfile::tempdir().unwrap();
        let folder = RegisterFolder::new(dir.path().join("registers"));
        std::fs::create_dir_all(folder.dir()).unwrap();
        let csv = dir.path().join("x.csv");
        std::fs::write(&csv, EXTRACT).unwrap();
        let Err(e) = import_to_folder(&folder, None, Some("00004"), None, &csv, &mut |_| {}) else {
            panic!("imported without an admin")
        };
        assert!(matches!(e, ImportError::Store(StoreError::InvalidAccount(_))), "{e}");
        assert!(!folder.has_ward_register(), "nothing made without an admin");

        let admin = Credentials::new("quantri", "mật khẩu quản trị");
        let (report, store) =
            import_to_folder(&folder, None, Some("00004"), Some(&admin), &csv, &mut |_| {}).unwrap();
        assert_eq!(report.inserted, 2);
        assert_eq!(store.account().map(|o| o.role), Some(crate::access::Role::WardAdmin));
        let path = folder.path(RegisterKind::Real);
        assert!(matches!(
            crate::store::file_state(&path).unwrap(),
            crate::store::FileState::Encrypted { .. }
        ));

        // Again, through the signed-in register: no password asked, nothing changed.
        let (again, second) =
            import_to_folder(&folder, Some(store.reopen().unwrap()), None, None, &csv, &mut |_| {}).unwrap();
        assert_eq!((again.inserted, again.unchanged), (0, 2));
        assert_eq!(second.officer().login, "quantri");
        // Without it, the encrypted register does not open.
        let Err(e) = import_to_folder(&folder, None, None, None, &csv, &mut |_| {}) else {
            panic!("opened an encrypted register without a password")
        };
        assert!(matches!(e, ImportError::Store(StoreError::PasswordNeeded)), "{e}");
    }
}
