//! Writing people down as register rows, the way a clean extract would carry them.
//! Problems are planted afterwards, on these rows.

use rand::Rng;
use rand::seq::IndexedRandom;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::record::RegisterRecord;

use crate::addresses::{Address, Place};
use crate::ids::Issuer;
use crate::people::{Person, Relation};

const ETHNIC: &str = include_str!("../../motcua-core/data/ethnic-groups-qd121-1979.csv");

/// Household-level facts shared by its members.
pub struct HouseholdInfo {
    pub number: String,
    pub address: Address,
    pub group: u32,
    /// The address is still written in the pre-2025 units.
    pub legacy: bool,
}

/// Facts about a person that the people model does not carry.
pub struct Extras {
    pub province: (String, String),
    pub que_quan: String,
    pub dan_toc: String,
    pub ton_giao: &'static str,
    pub nhom_mau: &'static str,
}

pub struct Renderer<'a> {
    pub place: &'a Place,
    pub as_of: PartialDate,
    pub local_code: String,
    ethnic: Vec<String>,
}

impl<'a> Renderer<'a> {
    pub fn new(place: &'a Place, as_of: PartialDate) -> Self {
        let provinces = idnum::provinces();
        // The birth-registration code of the ward's own province, by name.
        let local_code = provinces
            .iter()
            .find(|(_, name)| place.province.ends_with(name.as_str()))
            .map(|(c, _)| c.clone())
            .unwrap_or_else(|| "001".into());
        let ethnic = csv::Reader::from_reader(ETHNIC.as_bytes())
            .records()
            .map(|r| r.expect("vendored ethnic CSV is valid")[1].to_string())
            .collect();
        Renderer { place, as_of, local_code, ethnic }
    }

    pub fn extras(&self, rng: &mut impl Rng, parent: Option<&Extras>) -> Extras {
        let provinces = idnum::provinces();
        let province = if rng.random_bool(0.68) {
            provinces.iter().find(|(c, _)| *c == self.local_code).cloned().expect("local code is listed")
        } else {
            provinces.choose(rng).cloned().expect("provinces exist")
        };
        let que_quan = match parent {
            Some(p) => p.que_quan.clone(),
            None => provinces.choose(rng).expect("provinces exist").1.clone(),
        };
        let dan_toc = match parent {
            Some(p) => p.dan_toc.clone(),
            None if rng.random_bool(0.95) => "Kinh".into(),
            None => self.ethnic[1..12].choose(rng).expect("ethnic groups exist").clone(),
        };
        let ton_giao = match rng.random_range(0..100) {
            0..86 => "Không",
            86..95 => "Phật giáo",
            95..99 => "Công giáo",
            _ => "Tin Lành",
        };
        let nhom_mau = match rng.random_range(0..100) {
            0..42 => "O",
            42..72 => "B",
            72..93 => "A",
            _ => "AB",
        };
        Extras { province, que_quan, dan_toc, ton_giao, nhom_mau }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &self,
        people: &[Person],
        ids: &[String],
        i: usize,
        ma_ban_ghi: String,
        household: &HouseholdInfo,
        extras: &Extras,
        issuer: &mut Issuer,
        rng: &mut impl Rng,
    ) -> RegisterRecord {
        let p = &people[i];
        let age = p.birth.age_on(self.as_of);
        let address = match household.legacy {
            true => self
                .place
                .legacy(&household.address)
                .unwrap_or_else(|| self.place.current(&household.address)),
            false => self.place.current(&household.address),
        };
        let name_of = |j: Option<usize>| j.map(|j| people[j].full_name());
        let id_of = |j: Option<usize>| j.map(|j| ids[j].clone());
        let marital = match (p.spouse, p.relation) {
            (Some(_), _) => "Đã kết hôn",
            (None, Relation::Head) if age >= 45 && rng.random_bool(0.35) => "Góa",
            (None, Relation::Head) if age >= 30 && rng.random_bool(0.25) => "Ly hôn",
            _ => "Chưa kết hôn",
        };
        let born_before_cards = p.birth.year < 1995;
        RegisterRecord {
            ma_ban_ghi,
            so_dinh_danh: Some(ids[i].clone()),
            so_cmnd: (born_before_cards && age >= 14 && rng.random_bool(0.6)).then(|| issuer.old_id(rng)),
            ho_ten: p.full_name(),
            ngay_sinh: Some(p.birth.to_string()),
            gioi_tinh: Some(p.sex.label().to_string()),
            noi_sinh: Some(extras.province.1.clone()),
            noi_dang_ky_khai_sinh: Some(extras.province.1.clone()),
            que_quan: Some(extras.que_quan.clone()),
            dan_toc: Some(extras.dan_toc.clone()),
            ton_giao: Some(extras.ton_giao.to_string()),
            quoc_tich: Some("Việt Nam".into()),
            nhom_mau: Some(extras.nhom_mau.to_string()),
            tinh_trang_hon_nhan: (age >= 16).then(|| marital.to_string()),
            noi_thuong_tru: Some(address.clone()),
            noi_o_hien_tai: Some(address),
            so_ho_so_cu_tru: Some(household.number.clone()),
            quan_he_chu_ho: Some(p.relation.label().to_string()),
            ho_ten_cha: name_of(p.father),
            so_dinh_danh_cha: id_of(p.father),
            ho_ten_me: name_of(p.mother),
            so_dinh_danh_me: id_of(p.mother),
            ho_ten_vo_chong: name_of(p.spouse),
            so_dinh_danh_vo_chong: id_of(p.spouse),
            so_dien_thoai: (age >= 15 && rng.random_bool(0.9)).then(|| issuer.phone(rng)),
            email: ((18..=50).contains(&age) && rng.random_bool(0.2)).then(|| email(p, rng)),
            to_dan_pho: Some(format!("Tổ dân phố số {}", household.group)),
            ..Default::default()
        }
    }
}

fn email(p: &Person, rng: &mut impl Rng) -> String {
    let given = motcua_core::text::fold(p.rest.rsplit(' ').next().unwrap_or("user"));
    let surname = motcua_core::text::fold(&p.surname);
    let domain = ["gmail.com", "yahoo.com", "outlook.com"].choose(rng).expect("domains");
    format!("{given}.{surname}{}@{domain}", p.birth.year % 100)
}
