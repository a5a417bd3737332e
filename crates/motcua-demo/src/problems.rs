//! The data problems real extracts have, planted at realistic shares and written down
//! in the truth list, so review and duplicate detection can be measured.

use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use unicode_normalization::UnicodeNormalization;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::record::RegisterRecord;

use crate::Truth;

/// Share of clean records that get each problem (a record gets at most one of these).
pub const PARTIAL_YEAR_ONLY: f64 = 0.03;
pub const PARTIAL_MONTH_YEAR: f64 = 0.02;
pub const NOT_NORMALIZED: f64 = 0.03;
pub const DUPLICATE: f64 = 0.015;
pub const ID_BIRTH_MISMATCH: f64 = 0.005;
pub const ID_FORMAT: f64 = 0.003;
pub const ID_PROVINCE: f64 = 0.002;
pub const MISSING_FIELD: f64 = 0.02;
pub const DECEASED_RESIDENT: f64 = 0.004;
pub const INVALID_DATE: f64 = 0.002;
pub const FAMILY_INCONSISTENT: f64 = 0.003;
pub const ID_SHARED: f64 = 0.001;
/// Share of households whose address is still written in the pre-2025 units.
pub const LEGACY_ADDRESS: f64 = 0.15;

pub struct Planter<'a, R: Rng> {
    pub rng: &'a mut R,
    pub as_of: PartialDate,
    pub births: &'a [PartialDate],
    pub truth: &'a mut Vec<Truth>,
    queue: Vec<usize>,
}

fn finding(kind: &str, records: Vec<String>, field: Option<&str>) -> Truth {
    Truth::Finding { kind: kind.into(), records, field: field.map(str::to_string) }
}

impl<'a, R: Rng> Planter<'a, R> {
    pub fn new(
        rng: &'a mut R,
        as_of: PartialDate,
        births: &'a [PartialDate],
        truth: &'a mut Vec<Truth>,
    ) -> Self {
        let mut queue: Vec<usize> = (0..births.len()).collect();
        queue.shuffle(rng);
        Planter { rng, as_of, births, truth, queue }
    }

    fn take(&mut self, share: f64, filter: impl Fn(usize) -> bool) -> Vec<usize> {
        let want = (self.births.len() as f64 * share).round() as usize;
        let mut picked = Vec::with_capacity(want);
        let mut rest = Vec::with_capacity(self.queue.len());
        for i in self.queue.drain(..) {
            if picked.len() < want && filter(i) { picked.push(i) } else { rest.push(i) }
        }
        self.queue = rest;
        picked
    }

    /// Plants every per-record problem; returns the duplicate records to append, each
    /// with the person index of its original.
    pub fn plant(
        &mut self,
        records: &mut [RegisterRecord],
        next_id: &mut dyn FnMut() -> String,
    ) -> Vec<(RegisterRecord, usize)> {
        let births = self.births;
        let as_of = self.as_of;
        let adult = move |i: usize| births[i].age_on(as_of) >= 18;
        for i in self.take(PARTIAL_YEAR_ONLY, |_| true) {
            records[i].ngay_sinh = Some(PartialDate::year(births[i].year).to_string());
            self.truth.push(finding(
                "partial_birth_date",
                vec![records[i].ma_ban_ghi.clone()],
                Some("ngay_sinh"),
            ));
        }
        for i in self.take(PARTIAL_MONTH_YEAR, |_| true) {
            let d = births[i];
            records[i].ngay_sinh = Some(format!("{:02}/{}", d.month.unwrap_or(1), d.year));
            self.truth.push(finding(
                "partial_birth_date",
                vec![records[i].ma_ban_ghi.clone()],
                Some("ngay_sinh"),
            ));
        }
        for i in self.take(NOT_NORMALIZED, |_| true) {
            records[i].ho_ten = self.unnormalize(&records[i].ho_ten);
            self.truth.push(finding("not_normalized", vec![records[i].ma_ban_ghi.clone()], Some("ho_ten")));
        }
        for i in self.take(ID_BIRTH_MISMATCH, |_| true) {
            let id = records[i].so_dinh_danh.clone().expect("clean records have numbers");
            records[i].so_dinh_danh = Some(self.mismatch_birth(&id));
            self.truth.push(finding(
                "id_birth_mismatch",
                vec![records[i].ma_ban_ghi.clone()],
                Some("so_dinh_danh"),
            ));
        }
        for i in self.take(ID_FORMAT, |_| true) {
            let id = records[i].so_dinh_danh.clone().expect("clean records have numbers");
            records[i].so_dinh_danh = Some(self.malformed(&id));
            self.truth.push(finding("id_format", vec![records[i].ma_ban_ghi.clone()], Some("so_dinh_danh")));
        }
        for i in self.take(ID_PROVINCE, |_| true) {
            let id = records[i].so_dinh_danh.clone().expect("clean records have numbers");
            let code = self.unknown_province_code();
            records[i].so_dinh_danh = Some(format!("{code}{}", &id[3..]));
            self.truth.push(finding(
                "id_province",
                vec![records[i].ma_ban_ghi.clone()],
                Some("so_dinh_danh"),
            ));
        }
        for i in self.take(MISSING_FIELD, adult) {
            let field = ["gioi_tinh", "noi_thuong_tru", "so_dinh_danh"].choose(self.rng).expect("fields");
            match *field {
                "gioi_tinh" => records[i].gioi_tinh = None,
                "noi_thuong_tru" => records[i].noi_thuong_tru = None,
                _ => records[i].so_dinh_danh = None,
            }
            self.truth.push(finding("missing_field", vec![records[i].ma_ban_ghi.clone()], Some(field)));
        }
        for i in self.take(DECEASED_RESIDENT, |i| births[i].age_on(as_of) >= 60) {
            let year = self.as_of.year - self.rng.random_range(0..=2);
            let month = self.rng.random_range(1..=self.as_of.month.unwrap_or(12));
            let day = self.rng.random_range(1..=28);
            records[i].ngay_chet = Some(format!("{day:02}/{month:02}/{year}"));
            self.truth.push(finding(
                "deceased_resident",
                vec![records[i].ma_ban_ghi.clone()],
                Some("ngay_chet"),
            ));
        }
        for i in self.take(INVALID_DATE, |_| true) {
            let year = births[i].year;
            records[i].ngay_sinh = Some(match self.rng.random_range(0..3) {
                0 => format!("30/02/{year}"),
                1 => format!("31/04/{year}"),
                _ => format!("15/06/{}", self.as_of.year + 1),
            });
            self.truth.push(finding("invalid_date", vec![records[i].ma_ban_ghi.clone()], Some("ngay_sinh")));
        }
        self.second_heads(records);
        self.shared_ids(records);
        let dups = self.take(DUPLICATE, |_| true);
        dups.into_iter()
            .map(|i| {
                let copy = self.duplicate(&records[i], births[i], next_id());
                self.truth.push(finding(
                    "duplicate",
                    vec![records[i].ma_ban_ghi.clone(), copy.ma_ban_ghi.clone()],
                    None,
                ));
                (copy, i)
            })
            .collect()
    }

    /// A household member also written down as head: the "head listed twice" problem.
    fn second_heads(&mut self, records: &mut [RegisterRecord]) {
        let is_member = |r: &RegisterRecord| r.quan_he_chu_ho.as_deref().is_some_and(|q| q != "Chủ hộ");
        for i in self.take(FAMILY_INCONSISTENT, |i| is_member(&records[i])) {
            let hs = records[i].so_ho_so_cu_tru.clone();
            let head = records
                .iter()
                .find(|r| r.so_ho_so_cu_tru == hs && r.quan_he_chu_ho.as_deref() == Some("Chủ hộ"))
                .map(|r| r.ma_ban_ghi.clone());
            records[i].quan_he_chu_ho = Some("Chủ hộ".into());
            let mut ids = vec![records[i].ma_ban_ghi.clone()];
            ids.extend(head);
            self.truth.push(finding("family_inconsistent", ids, Some("quan_he_chu_ho")));
        }
    }

    /// One number carried by two different people of the same sex and birth year (so the
    /// number's structure still agrees with both).
    fn shared_ids(&mut self, records: &mut [RegisterRecord]) {
        let births = self.births;
        for i in self.take(ID_SHARED, |_| true) {
            let donor = self.queue.iter().copied().find(|&j| {
                births[j].year == births[i].year
                    && records[j].gioi_tinh == records[i].gioi_tinh
                    && records[j].so_ho_so_cu_tru != records[i].so_ho_so_cu_tru
            });
            let Some(j) = donor else { continue };
            self.queue.retain(|&k| k != j);
            records[i].so_dinh_danh = records[j].so_dinh_danh.clone();
            self.truth.push(finding(
                "id_shared",
                vec![records[i].ma_ban_ghi.clone(), records[j].ma_ban_ghi.clone()],
                Some("so_dinh_danh"),
            ));
        }
    }

    fn unnormalize(&mut self, name: &str) -> String {
        const NEW_STYLE: [(&str, &str); 8] = [
            ("Hòa", "Hoà"),
            ("Thúy", "Thuý"),
            ("Thủy", "Thuỷ"),
            ("Hòe", "Hoè"),
            ("Thụy", "Thuỵ"),
            ("Khóa", "Khoá"),
            ("Lũy", "Luỹ"),
            ("Tòa", "Toà"),
        ];
        match self.rng.random_range(0..4) {
            0 => name.nfd().collect(),
            1 => match NEW_STYLE.iter().find(|(old, _)| name.split(' ').any(|w| w == *old)) {
                Some((old, new)) => name.replace(old, new),
                None => name.to_uppercase(),
            },
            2 => name.to_uppercase(),
            _ => name.replacen(' ', "  ", 1),
        }
    }

    fn mismatch_birth(&mut self, id: &str) -> String {
        let mut b: Vec<u8> = id.bytes().collect();
        if self.rng.random_bool(0.5) {
            b[3] ^= 1; // flips the sex, keeps the century
        } else {
            let yy = (b[4] - b'0') * 10 + (b[5] - b'0');
            let wrong = (yy + self.rng.random_range(1..=9)) % 100;
            b[4] = b'0' + wrong / 10;
            b[5] = b'0' + wrong % 10;
        }
        String::from_utf8(b).expect("ascii digits")
    }

    fn malformed(&mut self, id: &str) -> String {
        match self.rng.random_range(0..3) {
            0 => id[..11].to_string(),
            1 => format!("{id}{}", self.rng.random_range(0..10)),
            _ => format!("{}O{}", &id[..7], &id[8..]), // letter O typed for zero
        }
    }

    fn unknown_province_code(&mut self) -> String {
        let free: Vec<String> =
            (0..100).map(|n| format!("{n:03}")).filter(|c| idnum::province_by_code(c).is_none()).collect();
        free.choose(self.rng).expect("unused codes exist").clone()
    }

    fn duplicate(&mut self, r: &RegisterRecord, birth: PartialDate, ma_ban_ghi: String) -> RegisterRecord {
        let mut d = r.clone();
        d.ma_ban_ghi = ma_ban_ghi;
        // The copy came from another source: no household, often no phone.
        d.so_ho_so_cu_tru = None;
        d.quan_he_chu_ho = None;
        if self.rng.random_bool(0.5) {
            d.so_dien_thoai = None;
        }
        if self.rng.random_bool(0.4) {
            d.ho_ten = motcua_core::text::fold(&r.ho_ten)
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        if let Some(id) = &r.so_dinh_danh {
            d.so_dinh_danh = match self.rng.random_range(0..5) {
                0 => None,
                1 => Some(self.one_digit_typo(id)),
                2 => Some(self.transposed(id)),
                _ => Some(id.clone()),
            };
        }
        d.ngay_sinh = match (self.rng.random_range(0..4), birth.day, birth.month) {
            (0, Some(day), Some(month)) if day <= 12 && day != month => {
                Some(format!("{month:02}/{day:02}/{}", birth.year))
            }
            (1, _, _) => Some(birth.year.to_string()),
            _ => d.ngay_sinh,
        };
        d
    }

    fn one_digit_typo(&mut self, id: &str) -> String {
        let mut b: Vec<u8> = id.bytes().collect();
        let pos = self.rng.random_range(6..b.len());
        b[pos] = b'0' + (b[pos] - b'0' + self.rng.random_range(1..=9)) % 10;
        String::from_utf8(b).expect("ascii digits")
    }

    fn transposed(&mut self, id: &str) -> String {
        let mut b: Vec<u8> = id.bytes().collect();
        let pos = self.rng.random_range(6..b.len() - 1);
        if b[pos] == b[pos + 1] {
            return self.one_digit_typo(id);
        }
        b.swap(pos, pos + 1);
        String::from_utf8(b).expect("ascii digits")
    }
}
