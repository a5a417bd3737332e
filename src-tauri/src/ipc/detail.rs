use motcua_core::detail;
use serde::Serialize;
use ts_rs::TS;

/// A citizen's record for the detail screen. Dates are display strings (`dd/mm/yyyy`,
/// or `mm/yyyy` / `yyyy` when only partly known).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonDetail {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub ten_goi_khac: Option<String>,
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
    /// An edit names the version it was made from.
    pub version: i32,
    /// Where this record's own edits stand with the ward server.
    pub sync_state: Option<RecordSyncState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordSyncState {
    /// Edited here, not yet confirmed by the server.
    Pending,
    /// Someone else changed the same field first: to settle on Đồng bộ.
    Conflict,
    /// Refused by the server for good (see Đồng bộ).
    Rejected,
}

impl PersonDetail {
    /// The detail with the record's sync state, as the store says it (`outbox` states).
    pub fn with_sync_state(mut self, state: Option<String>) -> Self {
        self.sync_state = match state.as_deref() {
            Some("pending") => Some(RecordSyncState::Pending),
            Some("conflict") => Some(RecordSyncState::Conflict),
            Some("rejected") => Some(RecordSyncState::Rejected),
            _ => None,
        };
        self
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Household {
    pub so_ho_so_cu_tru: String,
    pub dia_chi: Option<String>,
    pub to_dan_pho: Option<String>,
    pub members: Vec<HouseholdMember>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HouseholdMember {
    pub ma_ban_ghi: String,
    pub ho_ten: String,
    pub quan_he_chu_ho: Option<String>,
    pub ngay_sinh: Option<String>,
    pub gioi_tinh: Option<String>,
    pub so_dinh_danh: Option<String>,
}

impl From<detail::PersonDetail> for PersonDetail {
    fn from(p: detail::PersonDetail) -> Self {
        PersonDetail {
            ma_ban_ghi: p.ma_ban_ghi,
            ho_ten: p.ho_ten,
            ten_goi_khac: p.ten_goi_khac,
            ngay_sinh: p.ngay_sinh,
            gioi_tinh: p.gioi_tinh,
            so_dinh_danh: p.so_dinh_danh,
            so_cmnd: p.so_cmnd,
            noi_sinh: p.noi_sinh,
            noi_dang_ky_khai_sinh: p.noi_dang_ky_khai_sinh,
            que_quan: p.que_quan,
            dan_toc: p.dan_toc,
            ton_giao: p.ton_giao,
            quoc_tich: p.quoc_tich,
            nhom_mau: p.nhom_mau,
            tinh_trang_hon_nhan: p.tinh_trang_hon_nhan,
            noi_thuong_tru: p.noi_thuong_tru,
            noi_tam_tru: p.noi_tam_tru,
            noi_o_hien_tai: p.noi_o_hien_tai,
            so_dien_thoai: p.so_dien_thoai,
            email: p.email,
            ngay_chet: p.ngay_chet,
            to_dan_pho: p.to_dan_pho,
            ho_ten_cha: p.ho_ten_cha,
            ho_ten_me: p.ho_ten_me,
            ho_ten_vo_chong: p.ho_ten_vo_chong,
            household: p.household.map(Household::from),
            version: p.version as i32,
            sync_state: None,
        }
    }
}

impl From<detail::Household> for Household {
    fn from(h: detail::Household) -> Self {
        Household {
            so_ho_so_cu_tru: h.so_ho_so_cu_tru,
            dia_chi: h.dia_chi,
            to_dan_pho: h.to_dan_pho,
            members: h.members.into_iter().map(HouseholdMember::from).collect(),
        }
    }
}

impl From<detail::HouseholdMember> for HouseholdMember {
    fn from(m: detail::HouseholdMember) -> Self {
        HouseholdMember {
            ma_ban_ghi: m.ma_ban_ghi,
            ho_ten: m.ho_ten,
            quan_he_chu_ho: m.quan_he_chu_ho,
            ngay_sinh: m.ngay_sinh,
            gioi_tinh: m.gioi_tinh,
            so_dinh_danh: m.so_dinh_danh,
        }
    }
}
