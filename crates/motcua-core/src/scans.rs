//! The folder a desk's scanner or camera saves into: its newest pictures, so the officer
//! attaches the paper just scanned without hunting for it in a file dialog.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A picture in the scan folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanFile {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    pub modified: SystemTime,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("không đọc được thư mục ảnh {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("không đọc được ảnh {0}: {1}")]
    File(String, std::io::Error),
    #[error("{0} không phải ảnh JPEG hay PNG")]
    NotAPicture(String),
}

/// Larger files are not photos of a paper (the scanner saved a PDF, a video…).
const MAX_SCAN_BYTES: u64 = 40 * 1024 * 1024;

fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["jpg", "jpeg", "png"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The `newest` JPEG and PNG files directly in `folder`, the latest first (by the time
/// they were last written; equal times by name). Sub-folders are not searched.
pub fn newest_scans(folder: &Path, newest: usize) -> Result<Vec<ScanFile>, ScanError> {
    let shown = folder.display().to_string();
    let entries = std::fs::read_dir(folder).map_err(|e| ScanError::Folder(shown.clone(), e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| ScanError::Folder(shown.clone(), e))?;
        let path = entry.path();
        // A file that vanished or cannot be read while listing is simply not offered.
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || !is_picture(&path) || meta.len() == 0 || meta.len() > MAX_SCAN_BYTES {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        out.push(ScanFile { path, name, size: meta.len(), modified });
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.name.cmp(&b.name)));
    out.truncate(newest);
    Ok(out)
}

/// The bytes of a picture the officer chose from the scan folder.
pub fn read_scan(path: &Path) -> Result<Vec<u8>, ScanError> {
    let shown = path.display().to_string();
    if !is_picture(path) {
        return Err(ScanError::NotAPicture(shown));
    }
    std::fs::read(path).map_err(|e| ScanError::File(shown, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str, bytes: &[u8], age_s: u64) {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let at = SystemTime::now() - std::time::Duration::from_secs(age_s);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(at).unwrap();
    }

    #[test]
    fn the_newest_pictures_come_first_and_nothing_else_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "scan-001.jpg", b"jpeg", 300);
        touch(dir.path(), "scan-002.JPG", b"jpeg", 10);
        touch(dir.path(), "anh.png", b"png", 60);
        touch(dir.path(), "ghi-chu.txt", b"text", 1);
        touch(dir.path(), "trong.jpeg", b"", 1);
        std::fs::create_dir(dir.path().join("cu.jpg")).unwrap();
        let names: Vec<String> = newest_scans(dir.path(), 10).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["scan-002.JPG", "anh.png", "scan-001.jpg"]);
        let two: Vec<String> = newest_scans(dir.path(), 2).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(two, ["scan-002.JPG", "anh.png"]);
    }

    #[test]
    fn a_missing_folder_or_a_file_that_is_no_picture_is_said_in_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let gone = newest_scans(&dir.path().join("khong-co"), 5).unwrap_err().to_string();
        assert!(gone.starts_with("không đọc được thư mục ảnh"), "{gone}");
        touch(dir.path(), "ghi-chu.txt", b"text", 1);
        let text = read_scan(&dir.path().join("ghi-chu.txt")).unwrap_err().to_string();
        assert!(text.ends_with("không phải ảnh JPEG hay PNG"), "{text}");
        touch(dir.path(), "a.jpg", b"jpeg", 1);
        assert_eq!(read_scan(&dir.path().join("a.jpg")).unwrap(), b"jpeg");
    }
}
