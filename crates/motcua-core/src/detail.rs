//! A citizen's full record with their household, as the desk officer sees it.

use crate::access::Action;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::date::PartialDate;
use crate::sex::Sex;
use crate::store::{Store, StoreError};
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonDetail {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub ten_goi_khac: Option<String>,
    /// Display form: `dd/mm/yyyy`, `mm/yyyy` or `yyyy`; the raw cell when unreadable.
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub so_dinh_danh: Option<String>,
    pub so_cmnd: Option<String>,
    pub noi_sinh: Option<String>,
    pub noi_dang_ky_khai_sinh: Option<String>,
    pub que_quan: Option<String>,
    pub dan_toc: Option<String>,
    pub ton_giao: Option<String>,
    pub quoc_tich: Option<String>,
    pub nhom_mau: Option<String>,
    pub tinh_trang_hon_nhan: Option<String>,
    pub noi_thuong_tru: Option<String>,
    pub noi_tam_tru: Option<String>,
    pub noi_o_hien_tai: Option<String>,
    pub so_dien_thoai: Option<String>,
    pub email: Option<String>,
    pub ngay_chet: Option<String>,
    pub to_dan_pho: Option<String>,
    pub ho_ten_cha: Option<String>,
    pub ho_ten_me: Option<String>,
    pub ho_ten_vo_chong: Option<String>,
    pub household: Option<Household>,
    /// Bumped by every change: an edit names the version it was made from.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Household {
    pub so_ho_so_cu_tru: String,
    pub dia_chi: Option<String>,
    pub to_dan_pho: Option<String>,
    /// The head first, then by birth date (oldest first).
    pub members: Vec<HouseholdMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdMember {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub quan_he_chu_ho: Option<String>,
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub so_dinh_danh: Option<String>,
}

/// The display form of a stored date: parsed when it could be, else the cell as written.
pub(crate) fn display_date(parsed: Option<String>, raw: Option<String>) -> Option<String> {
    match parsed.as_deref().map(PartialDate::parse) {
        Some(Ok(d)) => Some(d.to_string()),
        _ => raw,
    }
}

/// The label of the stored sex code, else the cell as written.
pub(crate) fn display_sex(code: Option<String>, raw: Option<String>) -> Option<String> {
    match code.as_deref() {
        Some("nam") => Some(Sex::Nam.label().to_string()),
        Some("nu") => Some(Sex::Nu.label().to_string()),
        _ => raw,
    }
}

impl Store {
    pub fn person_detail(&self, ma_ban_ghi: &str) -> Result<PersonDetail, StoreError> {
        self.require(Action::ViewCitizen)?;
        let found = self
            .conn()
            .query_row(
                "SELECT id, ma_ban_ghi, ho_ten, ten_goi_khac, ngay_sinh_date, ngay_sinh,
                        gioi_tinh_code, gioi_tinh, so_dinh_danh, so_cmnd, noi_sinh,
                        noi_dang_ky_khai_sinh, que_quan, dan_toc, ton_giao, quoc_tich, nhom_mau,
                        tinh_trang_hon_nhan, noi_thuong_tru, noi_tam_tru, noi_o_hien_tai,
                        so_dien_thoai, email, ngay_chet_date, ngay_chet, to_dan_pho,
                        ho_ten_cha, ho_ten_me, ho_ten_vo_chong, so_ho_so_cu_tru, version
                 FROM persons WHERE ma_ban_ghi = ?1",
                [ma_ban_ghi],
                |r| Ok((r.get::<_, Option<String>>(29)?, person_from_row(r)?)),
            )
            .optional()?;
        let Some((so_ho, mut person)) = found else {
            return Err(StoreError::NotFound(ma_ban_ghi.to_string()));
        };
        if let Some(hs) = so_ho.filter(|h| !h.trim().is_empty()) {
            person.household = Some(self.household(&hs)?);
        }
        self.audit_action(Action::ViewCitizen, Some(ma_ban_ghi), "")?;
        Ok(person)
    }

    /// The household a record names by its residence file number, members head first,
    /// then oldest first. Its address and group are the head's (else the first member's
    /// that has one).
    fn household(&self, so_ho_so_cu_tru: &str) -> Result<Household, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT ma_ban_ghi, ho_ten, quan_he_chu_ho, ngay_sinh_date, ngay_sinh,
                    gioi_tinh_code, gioi_tinh, so_dinh_danh,
                    coalesce(noi_thuong_tru_norm, noi_thuong_tru), coalesce(to_dan_pho_norm, to_dan_pho)
             FROM persons WHERE so_ho_so_cu_tru = ?1",
        )?;
        let mut rows: Vec<MemberRow> = stmt
            .query_map(params![so_ho_so_cu_tru], |r| {
                let relation: Option<String> = r.get(2)?;
                Ok(MemberRow {
                    is_head: relation.as_deref().is_some_and(|rel| text::fold(rel) == "chu ho"),
                    born: r.get(3)?,
                    member: HouseholdMember {
                        ma_ban_ghi: r.get(0)?,
                        ho_ten: r.get(1)?,
                        quan_he_chu_ho: relation,
                        ngay_sinh: display_date(r.get(3)?, r.get(4)?),
                        gioi_tinh: display_sex(r.get(5)?, r.get(6)?),
                        so_dinh_danh: r.get(7)?,
                    },
                    address: r.get(8)?,
                    group: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        rows.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(Household {
            so_ho_so_cu_tru: so_ho_so_cu_tru.to_string(),
            dia_chi: rows.iter().find_map(|r| r.address.clone()),
            to_dan_pho: rows.iter().find_map(|r| r.group.clone()),
            members: rows.into_iter().map(|r| r.member).collect(),
        })
    }
}

struct MemberRow {
    is_head: bool,
    /// Stored form (`yyyy[-mm[-dd]]`), which sorts by age.
    born: Option<String>,
    member: HouseholdMember,
    address: Option<String>,
    group: Option<String>,
}

impl MemberRow {
    fn order_key(&self) -> (bool, bool, &Option<String>, &str) {
        (!self.is_head, self.born.is_none(), &self.born, &self.member.ma_ban_ghi)
    }
}

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<PersonDetail> {
    Ok(PersonDetail {
        ma_ban_ghi: r.get(1)?,
        ho_ten: r.get(2)?,
        ten_goi_khac: r.get(3)?,
        ngay_sinh: display_date(r.get(4)?, r.get(5)?),
        gioi_tinh: display_sex(r.get(6)?, r.get(7)?),
        so_dinh_danh: r.get(8)?,
        so_cmnd: r.get(9)?,
        noi_sinh: r.get(10)?,
        noi_dang_ky_khai_sinh: r.get(11)?,
        que_quan: r.get(12)?,
        dan_toc: r.get(13)?,
        ton_giao: r.get(14)?,
        quoc_tich: r.get(15)?,
        nhom_mau: r.get(16)?,
        tinh_trang_hon_nhan: r.get(17)?,
        noi_thuong_tru: r.get(18)?,
        noi_tam_tru: r.get(19)?,
        noi_o_hien_tai: r.get(20)?,
        so_dien_thoai: r.get(21)?,
        email: r.get(22)?,
        ngay_chet: display_date(r.get(23)?, r.get(24)?),
        to_dan_pho: r.get(25)?,
        ho_ten_cha: r.get(26)?,
        ho_ten_me: r.get(27)?,
        ho_ten_vo_chong: r.get(28)?,
        household: None,
        version: r.get(30)?,
    })
}
