//! Writing people down as register rows, the way a clean extract would carry them.
//! Problems are planted afterwards, on these rows.

use rand::Rng;

use motcua_core::record::RegisterRecord;

use crate::DemoRng;
use crate::addresses::{Home, Place};
use crate::background::Background;
use crate::households::Person;
use crate::ids::Issuer;

/// Household-level facts shared by its members.
pub struct HouseholdInfo {
    pub number: String,
    pub home: Home,
    /// The address is still written in the pre-2025 units.
    pub legacy: bool,
}

/// Everything known about one person, gathered for writing the row.
pub struct Facts<'a> {
    pub place: &'a Place,
    pub people: &'a [Person],
    pub ids: &'a [String],
    pub backgrounds: &'a [Background],
    pub phones: &'a [Option<String>],
    pub ages: &'a [i32],
}

impl Facts<'_> {
    /// The row of person `i`. `legacy` tells whether its address came out in the
    /// pre-2025 form (a ward with no predecessor has none).
    pub fn record(
        &self,
        i: usize,
        ma_ban_ghi: String,
        household: &HouseholdInfo,
        email: Option<String>,
        issuer: &mut Issuer,
        rng: &mut DemoRng,
    ) -> (RegisterRecord, bool) {
        let p = &self.people[i];
        let b = &self.backgrounds[i];
        let age = self.ages[i];
        let place = self.place;
        let legacy_form = household.legacy.then(|| place.legacy(&household.home)).flatten();
        let legacy = legacy_form.is_some();
        let address = legacy_form.unwrap_or_else(|| place.current(&household.home));
        let name_of = |j: Option<usize>| j.map(|j| self.people[j].full_name());
        let id_of = |j: Option<usize>| j.map(|j| self.ids[j].clone());
        // CMND cards were issued from 14 until chip cards replaced them (2016–2021); older
        // people often still have theirs on record.
        let cmnd_share = match p.birth.year {
            ..1990 => 0.7,
            1990..2000 => 0.4,
            2000..2004 => 0.15,
            _ => 0.0,
        };
        let so_cmnd = (age >= 14 && rng.random_bool(cmnd_share))
            .then(|| issuer.old_id(place.local_code == "001" && b.province_code() == "001", rng));
        let record = RegisterRecord {
            ma_ban_ghi,
            so_dinh_danh: Some(self.ids[i].clone()),
            so_cmnd,
            ho_ten: p.full_name(),
            ngay_sinh: Some(p.birth.to_string()),
            gioi_tinh: Some(p.sex.label().to_string()),
            noi_sinh: Some(b.province_name().to_string()),
            noi_dang_ky_khai_sinh: Some(b.province_name().to_string()),
            que_quan: Some(b.home_town_name().to_string()),
            dan_toc: Some(b.ethnic.to_string()),
            ton_giao: Some(b.religion.to_string()),
            quoc_tich: Some("Việt Nam".into()),
            nhom_mau: b.blood_group().map(str::to_string),
            tinh_trang_hon_nhan: Some(p.marital.label().to_string()),
            noi_thuong_tru: Some(address.clone()),
            noi_o_hien_tai: Some(address),
            so_ho_so_cu_tru: Some(household.number.clone()),
            quan_he_chu_ho: Some(p.relation.to_string()),
            ho_ten_cha: name_of(p.father),
            so_dinh_danh_cha: id_of(p.father),
            ho_ten_me: name_of(p.mother),
            so_dinh_danh_me: id_of(p.mother),
            ho_ten_vo_chong: name_of(p.spouse),
            so_dinh_danh_vo_chong: id_of(p.spouse),
            so_dien_thoai: self.phones[i].clone(),
            email,
            to_dan_pho: Some(place.group_label(household.home.group)),
            ..Default::default()
        };
        (record, legacy)
    }
}
