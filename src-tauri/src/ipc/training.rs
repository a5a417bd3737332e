//! The trainer's scenarios across IPC: the demo ward's people each is about.

use motcua_core::store::{Subject, TrainingSubjects};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SubjectInfo {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub ngay_sinh: Option<String>,
    pub so_dinh_danh: Option<String>,
}

impl From<Subject> for SubjectInfo {
    fn from(s: Subject) -> Self {
        SubjectInfo {
            ma_ban_ghi: s.ma_ban_ghi,
            ho_ten: s.ho_ten,
            ngay_sinh: s.ngay_sinh,
            so_dinh_danh: s.so_dinh_danh,
        }
    }
}

/// Each scenario's people; null where the demo ward has none (a duplicate before the
/// first review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrainingSubjectsInfo {
    pub elderly: Option<SubjectInfo>,
    pub year_only: Option<SubjectInfo>,
    pub mother: Option<SubjectInfo>,
    /// The two records of a duplicate left by a move.
    pub moved_duplicate: Option<Vec<SubjectInfo>>,
}

impl From<TrainingSubjects> for TrainingSubjectsInfo {
    fn from(t: TrainingSubjects) -> Self {
        TrainingSubjectsInfo {
            elderly: t.elderly.map(Into::into),
            year_only: t.year_only.map(Into::into),
            mother: t.mother.map(Into::into),
            moved_duplicate: t.moved_duplicate.map(|(a, b)| vec![a.into(), b.into()]),
        }
    }
}
