//! The people of a demo ward that the trainer's scenarios are about, each found by the
//! real case it stands for: an elderly woman registering VNeID (whose phone may be in
//! her son's name), a record with only a birth year, a young mother with a newborn to
//! register, and a duplicate left behind by a move. Found by the same rules every time,
//! so a reset demo ward gives the same people.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::{RegisterKind, Store, StoreError};
use crate::access::Action;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    /// As the register shows it (dd/mm/yyyy, mm/yyyy or yyyy).
    pub ngay_sinh: Option<String>,
    pub so_dinh_danh: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TrainingSubjects {
    /// A woman of 70 or more, alive, with a valid number and a phone, whose VNeID
    /// account is not registered yet.
    pub elderly: Option<Subject>,
    /// A living resident whose birth date is only a year.
    pub year_only: Option<Subject>,
    /// A married woman of 20 to 35 at the head or spouse of a household: the mother of
    /// a newborn to register (the birth–residence–insurance bundle).
    pub mother: Option<Subject>,
    /// The two records of a duplicate whose addresses differ (a move not brought up to
    /// date), as the last review found them; none before a review.
    pub moved_duplicate: Option<(Subject, Subject)>,
}

const SUBJECT: &str = "SELECT ma_ban_ghi, ho_ten, ngay_sinh, so_dinh_danh FROM persons";

impl Store {
    /// The scenario people of a demo ward; refused in a real register.
    pub fn training_subjects(&self) -> Result<TrainingSubjects, StoreError> {
        self.require(Action::ViewCitizen)?;
        if self.register_meta()?.map(|m| m.kind) != Some(RegisterKind::Demo) {
            return Err(StoreError::Application("kịch bản tập huấn chỉ chạy trên phường mẫu".into()));
        }
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let one = |filter: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Option<Subject>, StoreError> {
            let sql = format!(
                "{SUBJECT} WHERE merged_into IS NULL AND ngay_chet IS NULL AND {filter} ORDER BY ma_ban_ghi LIMIT 1"
            );
            Ok(self.conn.query_row(&sql, args, subject).optional()?)
        };
        let elderly = one(
            "gioi_tinh_code = 'nu' AND length(ngay_sinh_date) = 10 AND ngay_sinh_year <= ?1
             AND length(so_dinh_danh) = 12 AND so_dien_thoai_norm IS NOT NULL
             AND ma_ban_ghi NOT IN (SELECT ma_ban_ghi FROM vneid)",
            &[&(year - 70)],
        )?;
        let year_only = one("length(ngay_sinh_date) = 4 AND length(so_dinh_danh) = 12", &[])?;
        let mother = one(
            "gioi_tinh_code = 'nu' AND length(ngay_sinh_date) = 10 AND ngay_sinh_year BETWEEN ?1 AND ?2
             AND ho_ten_vo_chong IS NOT NULL AND length(so_dinh_danh) = 12 AND so_ho_so_cu_tru IS NOT NULL",
            &[&(year - 35), &(year - 20)],
        )?;
        let moved_duplicate = self.moved_duplicate()?;
        Ok(TrainingSubjects { elderly, year_only, mother, moved_duplicate })
    }

    fn moved_duplicate(&self) -> Result<Option<(Subject, Subject)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT f.records FROM findings f WHERE f.kind = 'duplicate' AND f.state = 'moi' ORDER BY f.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut by_id = self.conn.prepare_cached(&format!("{SUBJECT} WHERE ma_ban_ghi = ?1"))?;
        let mut address = self.conn.prepare_cached(
            "SELECT coalesce(noi_thuong_tru_norm, noi_thuong_tru, '') FROM persons WHERE ma_ban_ghi = ?1",
        )?;
        while let Some(r) = rows.next()? {
            let records: Vec<String> = serde_json::from_str(&r.get::<_, String>(0)?).unwrap_or_default();
            let [a, b] = records.as_slice() else { continue };
            let (at_a, at_b): (String, String) =
                (address.query_row([a], |r| r.get(0))?, address.query_row([b], |r| r.get(0))?);
            if at_a != at_b {
                return Ok(Some((by_id.query_row([a], subject)?, by_id.query_row([b], subject)?)));
            }
        }
        Ok(None)
    }
}

fn subject(r: &rusqlite::Row<'_>) -> rusqlite::Result<Subject> {
    Ok(Subject { ma_ban_ghi: r.get(0)?, ho_ten: r.get(1)?, ngay_sinh: r.get(2)?, so_dinh_danh: r.get(3)? })
}
