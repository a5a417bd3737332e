//! A record with the forms every rule reads, derived once per review.

use crate::date::PartialDate;
use crate::idnum;
use crate::record::RegisterRecord;
use crate::sex::Sex;
use crate::text;

pub(crate) struct Subject<'a> {
    pub r: &'a RegisterRecord,
    /// The name as displayed (normalized, each word capitalized), and folded.
    pub name_norm: String,
    pub name_fold: String,
    /// `None` when empty or unreadable (`birth_text` tells which).
    pub birth: Option<PartialDate>,
    pub sex: Option<Sex>,
    pub death: Option<PartialDate>,
    /// The personal number when it is 12 digits.
    pub id: Option<&'a str>,
    pub relation_fold: Option<String>,
}

pub(crate) fn cell(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl<'a> Subject<'a> {
    pub fn new(r: &'a RegisterRecord) -> Subject<'a> {
        Subject {
            r,
            name_norm: text::normalize_name(&r.ho_ten),
            name_fold: text::fold(&r.ho_ten),
            birth: cell(&r.ngay_sinh).and_then(|s| PartialDate::parse(s).ok()),
            sex: cell(&r.gioi_tinh).and_then(Sex::parse),
            death: cell(&r.ngay_chet).and_then(|s| PartialDate::parse(s).ok()),
            id: cell(&r.so_dinh_danh).filter(|s| idnum::is_id_number(s)),
            relation_fold: cell(&r.quan_he_chu_ho).map(text::fold),
        }
    }

    pub fn ma(&self) -> &str {
        &self.r.ma_ban_ghi
    }

    /// The birth year on record, else the one the number carries.
    pub fn birth_year(&self) -> Option<i32> {
        self.birth.map(|b| b.year).or_else(|| Some(idnum::decode(self.id?)?.birth_year))
    }

    pub fn is_head(&self) -> bool {
        self.relation_fold.as_deref() == Some("chu ho")
    }

    pub fn household(&self) -> Option<&str> {
        cell(&self.r.so_ho_so_cu_tru)
    }
}
