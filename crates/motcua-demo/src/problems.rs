//! The data problems real extracts have, planted at realistic shares and written down
//! in the truth list, so review and duplicate detection can be measured.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::{IndexedRandom, SliceRandom};
use unicode_normalization::UnicodeNormalization;

use motcua_core::date::{PartialDate, days_in_month, is_leap_year};
use motcua_core::idnum;
use motcua_core::record::RegisterRecord;
use motcua_core::text::{fold, normalize};

use crate::DemoRng;
use crate::addresses::{Home, Place};
use crate::households::{HEAD, Person};
use crate::ids::Issuer;

// Share of records planted with each problem. A record gets at most one of these; the
// legacy address is a household's and comes on top, and so do the problems a duplicate
// copy brings with it (a year-only date, a missing number, an old address).
pub const PARTIAL_YEAR_ONLY: f64 = 0.03;
pub const PARTIAL_MONTH_YEAR: f64 = 0.02;
/// Of households, not records.
pub const LEGACY_ADDRESS: f64 = 0.15;
pub const NOT_NORMALIZED: f64 = 0.03;
/// Extra records: a second record of someone already listed.
pub const DUPLICATE: f64 = 0.015;
pub const ID_BIRTH_MISMATCH: f64 = 0.005;
pub const ID_FORMAT: f64 = 0.003;
pub const ID_PROVINCE: f64 = 0.002;
pub const MISSING_FIELD: f64 = 0.02;
pub const DECEASED_RESIDENT: f64 = 0.004;
pub const INVALID_DATE: f64 = 0.002;
/// Half a child older than a parent, half a second head in the household.
pub const FAMILY_INCONSISTENT: f64 = 0.003;
pub const ID_SHARED: f64 = 0.001;

/// The shares by the finding kind that reports them (`register-csv.md`).
pub const KINDS: [(&str, f64); 12] = [
    ("partial_birth_date", PARTIAL_YEAR_ONLY + PARTIAL_MONTH_YEAR),
    ("legacy_admin_unit", LEGACY_ADDRESS),
    ("not_normalized", NOT_NORMALIZED),
    ("duplicate", DUPLICATE),
    ("id_birth_mismatch", ID_BIRTH_MISMATCH),
    ("id_format", ID_FORMAT),
    ("id_province", ID_PROVINCE),
    ("missing_field", MISSING_FIELD),
    ("deceased_resident", DECEASED_RESIDENT),
    ("invalid_date", INVALID_DATE),
    ("family_inconsistent", FAMILY_INCONSISTENT),
    ("id_shared", ID_SHARED),
];

/// A planted problem, by record index (person `i`'s clean record is record `i`; copies
/// follow them).
#[derive(Debug, Clone)]
pub struct Planted {
    pub kind: &'static str,
    pub records: Vec<usize>,
    pub field: Option<&'static str>,
}

/// What a duplicate copy is and what came with it.
pub struct Duplicate {
    pub record: RegisterRecord,
    pub original: usize,
    pub legacy: bool,
}

fn planted(kind: &'static str, records: Vec<usize>, field: &'static str) -> Planted {
    Planted { kind, records, field: Some(field) }
}

pub struct Planter {
    rng: DemoRng,
    as_of: PartialDate,
    /// Records still free of any planted problem, in random order.
    queue: Vec<usize>,
    /// Number of people: shares are of them.
    people: usize,
    pub planted: Vec<Planted>,
}

impl Planter {
    /// Its own random stream, so that changing how problems are planted leaves the
    /// people and households as they were.
    pub fn new(mut rng: DemoRng, as_of: PartialDate, people: usize) -> Self {
        let mut queue: Vec<usize> = (0..people).collect();
        queue.shuffle(&mut rng);
        Planter { rng, as_of, queue, people, planted: Vec::new() }
    }

    fn count(&self, share: f64) -> usize {
        (self.people as f64 * share).round() as usize
    }

    /// Takes up to `want` records that pass `filter` off the queue.
    fn take(&mut self, want: usize, filter: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut picked = Vec::with_capacity(want);
        let mut rest = Vec::with_capacity(self.queue.len());
        for i in self.queue.drain(..) {
            if picked.len() < want && filter(i) { picked.push(i) } else { rest.push(i) }
        }
        self.queue = rest;
        picked
    }

    /// Problems in the people themselves, planted before numbers are issued so that
    /// everything derived from them agrees: a child recorded as older than a parent
    /// (the child's number then carries the wrong year too, as such numbers do).
    pub fn plant_in_people(&mut self, people: &mut [Person]) {
        let mut is_parent = vec![false; people.len()];
        for p in people.iter() {
            for j in [p.father, p.mother].into_iter().flatten() {
                is_parent[j] = true;
            }
        }
        let want = self.count(FAMILY_INCONSISTENT) / 2;
        let candidates = {
            let people = &*people;
            self.take(want, |i| {
                let p = &people[i];
                p.spouse.is_none() && !is_parent[i] && (p.father.is_some() || p.mother.is_some())
            })
        };
        for c in candidates {
            let parents: Vec<usize> = [people[c].father, people[c].mother].into_iter().flatten().collect();
            let parent = *parents.choose(&mut self.rng).expect("a child with a parent");
            self.queue.retain(|&j| j != parent);
            let year = people[parent].birth.year - self.rng.random_range(1..=3);
            let b = people[c].birth;
            let (month, day) = (b.month.unwrap_or(1), b.day.unwrap_or(1));
            let day = day.min(days_in_month(year, month));
            people[c].birth = PartialDate::full(year, month, day).expect("a real date");
            self.planted.push(planted("family_inconsistent", vec![c, parent], "ngay_sinh"));
        }
    }

    /// Plants every per-record problem and makes the duplicate copies.
    #[allow(clippy::too_many_arguments)]
    pub fn plant_in_records(
        &mut self,
        records: &mut [RegisterRecord],
        people: &[Person],
        ages: &[i32],
        legacy: &[bool],
        duplicates: usize,
        place: &Place,
        homes: &[Home],
        issuer: &mut Issuer,
    ) -> Vec<Duplicate> {
        let births: Vec<PartialDate> = people.iter().map(|p| p.birth).collect();
        for i in self.take(self.count(PARTIAL_YEAR_ONLY), |i| ages[i] >= 30) {
            records[i].ngay_sinh = Some(PartialDate::year(births[i].year).to_string());
            self.planted.push(planted("partial_birth_date", vec![i], "ngay_sinh"));
        }
        for i in self.take(self.count(PARTIAL_MONTH_YEAR), |i| ages[i] >= 18) {
            let d = births[i];
            let month = PartialDate::month(d.year, d.month.unwrap_or(1)).expect("a real month");
            records[i].ngay_sinh = Some(month.to_string());
            self.planted.push(planted("partial_birth_date", vec![i], "ngay_sinh"));
        }
        self.not_normalized(records);
        for i in self.take(self.count(ID_BIRTH_MISMATCH), |_| true) {
            let id = records[i].so_dinh_danh.clone().expect("clean records have numbers");
            records[i].so_dinh_danh = Some(self.unique(issuer, |p| p.mismatch_birth(&id)));
            self.planted.push(planted("id_birth_mismatch", vec![i], "so_dinh_danh"));
        }
        for i in self.take(self.count(ID_FORMAT), |_| true) {
            let field = self.malformed(&mut records[i]);
            self.planted.push(planted("id_format", vec![i], field));
        }
        for i in self.take(self.count(ID_PROVINCE), |_| true) {
            let id = records[i].so_dinh_danh.clone().expect("clean records have numbers");
            records[i].so_dinh_danh =
                Some(self.unique(issuer, |p| format!("{}{}", p.unknown_province_code(), &id[3..])));
            self.planted.push(planted("id_province", vec![i], "so_dinh_danh"));
        }
        for i in self.take(self.count(MISSING_FIELD), |i| ages[i] >= 18) {
            let w = WeightedIndex::new([30.0, 25.0, 25.0, 20.0]).expect("weights");
            let field = ["gioi_tinh", "noi_thuong_tru", "so_dinh_danh", "ngay_sinh"][w.sample(&mut self.rng)];
            let r = &mut records[i];
            match field {
                "gioi_tinh" => r.gioi_tinh = None,
                "noi_thuong_tru" => r.noi_thuong_tru = None,
                "so_dinh_danh" => r.so_dinh_danh = None,
                _ => r.ngay_sinh = None,
            }
            self.planted.push(planted("missing_field", vec![i], field));
        }
        for i in self.take(self.count(DECEASED_RESIDENT), |i| ages[i] >= 55) {
            records[i].ngay_chet = Some(self.recent_day().to_string());
            self.planted.push(planted("deceased_resident", vec![i], "ngay_chet"));
        }
        for i in self.take(self.count(INVALID_DATE), |_| true) {
            records[i].ngay_sinh = Some(self.impossible_date(births[i]));
            self.planted.push(planted("invalid_date", vec![i], "ngay_sinh"));
        }
        self.second_heads(records, people);
        self.shared_ids(records, &births);
        self.take(duplicates, |_| true)
            .into_iter()
            .map(|i| self.duplicate(&records[i], i, legacy[i], place, &homes[people[i].household], issuer))
            .collect()
    }

    /// Draws variants until one is a number nobody has, so no sharing is planted by chance.
    fn unique(&mut self, issuer: &mut Issuer, mut make: impl FnMut(&mut Self) -> String) -> String {
        loop {
            let n = make(self);
            if issuer.claim(&n) {
                return n;
            }
        }
    }

    fn not_normalized(&mut self, records: &mut [RegisterRecord]) {
        let total = self.count(NOT_NORMALIZED);
        // Tone placement first: only some names have a syllable where it can differ.
        let tone = total / 5;
        let addresses = total / 10;
        for i in self.take(tone, |i| new_tone_placement(&records[i].ho_ten).is_some()) {
            records[i].ho_ten = new_tone_placement(&records[i].ho_ten).expect("filtered");
            self.planted.push(planted("not_normalized", vec![i], "ho_ten"));
        }
        for i in self.take(addresses, |i| records[i].noi_thuong_tru.is_some()) {
            let a = records[i].noi_thuong_tru.take().expect("filtered");
            // macOS files arrive in NFD; hand-typed ones with doubled spaces.
            let a = if self.rng.random_bool(0.6) { a.nfd().collect() } else { a.replacen(", ", ",  ", 1) };
            records[i].noi_thuong_tru = Some(a);
            self.planted.push(planted("not_normalized", vec![i], "noi_thuong_tru"));
        }
        for i in self.take(total.saturating_sub(tone + addresses), |_| true) {
            let name = &records[i].ho_ten;
            let nfd: String = name.nfd().collect();
            records[i].ho_ten = match self.rng.random_range(0..100) {
                0..40 if nfd != *name => nfd,
                40..55 => format!("{name} "),
                55..70 => name.replacen(' ', "  ", 1),
                70..78 => name.to_lowercase(),
                _ => name.to_uppercase(),
            };
            self.planted.push(planted("not_normalized", vec![i], "ho_ten"));
        }
    }

    /// A day in the last three years, not after `as_of`.
    fn recent_day(&mut self) -> PartialDate {
        let today = (self.as_of.year, self.as_of.month.unwrap_or(1), self.as_of.day.unwrap_or(1));
        loop {
            let year = self.as_of.year - self.rng.random_range(0..=2);
            let month = self.rng.random_range(1..=12u8);
            let day = self.rng.random_range(1..=days_in_month(year, month));
            if (year, month, day) <= today {
                return PartialDate::full(year, month, day).expect("a real date");
            }
        }
    }

    /// A birth date that does not exist, of the kinds typing produces; the year stays
    /// right so nothing but the date is wrong.
    fn impossible_date(&mut self, birth: PartialDate) -> String {
        let year = birth.year;
        let (month, day) = (birth.month.unwrap_or(6), birth.day.unwrap_or(15));
        match self.rng.random_range(0..5) {
            0 => format!("30/02/{year}"),
            1 => format!("31/{:02}/{year}", [4, 6, 9, 11].choose(&mut self.rng).expect("months")),
            2 if !is_leap_year(year) => format!("29/02/{year}"),
            // Month and day typed the American way, with a day past 12.
            3 if day > 12 => format!("{month:02}/{day:02}/{year}"),
            3 => format!("{month:02}/{:02}/{year}", day + 12),
            _ => format!("00/{month:02}/{year}"),
        }
    }

    /// A household member also written down as head: the "head listed twice" problem.
    fn second_heads(&mut self, records: &mut [RegisterRecord], people: &[Person]) {
        let want = self.count(FAMILY_INCONSISTENT) - self.count(FAMILY_INCONSISTENT) / 2;
        for i in self.take(want, |i| people[i].relation != HEAD) {
            let household = people[i].household;
            let head = (0..people.len())
                .find(|&j| people[j].household == household && people[j].relation == HEAD)
                .expect("every household has a head");
            records[i].quan_he_chu_ho = Some(HEAD.into());
            self.planted.push(planted("family_inconsistent", vec![i, head], "quan_he_chu_ho"));
        }
    }

    /// One number carried by two different people of the same sex and birth year (so the
    /// number's structure still agrees with both).
    fn shared_ids(&mut self, records: &mut [RegisterRecord], births: &[PartialDate]) {
        for i in self.take(self.count(ID_SHARED), |_| true) {
            let donor = self.queue.iter().position(|&j| {
                births[j].year == births[i].year
                    && records[j].gioi_tinh == records[i].gioi_tinh
                    && records[j].so_ho_so_cu_tru != records[i].so_ho_so_cu_tru
            });
            let Some(at) = donor else { continue };
            let j = self.queue.remove(at);
            records[i].so_dinh_danh = records[j].so_dinh_danh.clone();
            self.planted.push(planted("id_shared", vec![i, j], "so_dinh_danh"));
        }
    }

    fn mismatch_birth(&mut self, id: &str) -> String {
        let mut b: Vec<u8> = id.bytes().collect();
        match self.rng.random_range(0..10) {
            // Sex entered wrong: flips the sex, keeps the century.
            0..4 => b[3] ^= 1,
            // Century wrong: 1900s for 2000s or the reverse.
            4..6 => b[3] ^= 2,
            _ => {
                let yy = (b[4] - b'0') * 10 + (b[5] - b'0');
                let wrong = (yy + self.rng.random_range(1..=9)) % 100;
                b[4] = b'0' + wrong / 10;
                b[5] = b'0' + wrong % 10;
            }
        }
        String::from_utf8(b).expect("ascii digits")
    }

    /// Breaks the form of a number; returns the field it broke.
    fn malformed(&mut self, r: &mut RegisterRecord) -> &'static str {
        let id = r.so_dinh_danh.clone().expect("clean records have numbers");
        let cmnd_zero = r.so_cmnd.as_deref().is_some_and(|c| c.starts_with('0'));
        let choice = self.rng.random_range(0..10);
        if choice == 0 && cmnd_zero {
            // A spreadsheet dropped the old card's leading zero: 8 digits.
            r.so_cmnd = r.so_cmnd.as_deref().map(|c| c[1..].to_string());
            return "so_cmnd";
        }
        let pos = self.rng.random_range(3..12);
        r.so_dinh_danh = Some(match choice {
            // A spreadsheet read the number as a number and dropped the leading zeros.
            1..4 if id.starts_with('0') => id.trim_start_matches('0').to_string(),
            4..6 => format!("{}{}", &id[..pos], &id[pos + 1..]),
            6..8 => format!("{}{}", &id[..=pos], &id[pos..]),
            // Letter O typed for a zero, or l for a digit.
            _ => match id[6..].find('0') {
                Some(z) => format!("{}O{}", &id[..6 + z], &id[7 + z..]),
                None => format!("{}l{}", &id[..pos], &id[pos + 1..]),
            },
        });
        "so_dinh_danh"
    }

    fn unknown_province_code(&mut self) -> String {
        let free: Vec<String> =
            (0..100).map(|n| format!("{n:03}")).filter(|c| idnum::province_by_code(c).is_none()).collect();
        free.choose(&mut self.rng).expect("unused codes exist").clone()
    }

    /// A second record of person `i`, as another source wrote them down: some of name
    /// without marks, a mistyped or missing number, a date with day and month swapped or
    /// only partly known, an old address; at least one of these.
    fn duplicate(
        &mut self,
        r: &RegisterRecord,
        i: usize,
        legacy: bool,
        place: &Place,
        home: &Home,
        issuer: &mut Issuer,
    ) -> Duplicate {
        let mut d = r.clone();
        let mut legacy = legacy;
        let mut changed = false;
        if self.rng.random_bool(0.35) {
            d.ho_ten = fold(&r.ho_ten).split(' ').map(capitalized).collect::<Vec<_>>().join(" ");
            changed = true;
        }
        let id = r.so_dinh_danh.clone().expect("duplicates are made of clean records");
        match self.rng.random_range(0..100) {
            0..20 => d.so_dinh_danh = None,
            20..35 => d.so_dinh_danh = Some(self.unique(issuer, |p| p.one_digit_typo(&id))),
            35..50 => d.so_dinh_danh = Some(self.unique(issuer, |p| p.transposed(&id))),
            _ => {}
        }
        changed |= d.so_dinh_danh != r.so_dinh_danh;
        let birth = PartialDate::parse(r.ngay_sinh.as_deref().expect("clean dates")).expect("clean dates");
        d.ngay_sinh = match (self.rng.random_range(0..100), birth.day, birth.month) {
            (0..25, Some(day), Some(month)) if day <= 12 && day != month => {
                Some(format!("{month:02}/{day:02}/{}", birth.year))
            }
            (25..37, _, _) => Some(PartialDate::year(birth.year).to_string()),
            (37..43, _, Some(m)) => {
                Some(PartialDate::month(birth.year, m).expect("a real month").to_string())
            }
            _ => d.ngay_sinh,
        };
        changed |= d.ngay_sinh != r.ngay_sinh;
        if self.rng.random_bool(0.45) || !changed {
            // Written before the 2025 reform: the same house in the old units, or the
            // house the person lived in before.
            let same_house = !legacy && place.legacy(home).is_some() && self.rng.random_bool(0.6);
            let home = if same_house { home.clone() } else { place.another_home(&mut self.rng) };
            let address = match place.legacy(&home) {
                Some(old) => (old, true),
                None => (place.current(&home), false),
            };
            legacy = address.1;
            d.noi_thuong_tru = Some(address.0.clone());
            d.noi_o_hien_tai = Some(address.0);
        }
        // The copy came from another source: mostly outside the household book, often
        // without the phone or e-mail, sometimes with a status since changed.
        if r.quan_he_chu_ho.as_deref() == Some(HEAD) || self.rng.random_bool(0.7) {
            d.so_ho_so_cu_tru = None;
            d.quan_he_chu_ho = None;
        }
        if self.rng.random_bool(0.5) {
            d.so_dien_thoai = None;
        }
        if self.rng.random_bool(0.5) {
            d.email = None;
        }
        if d.tinh_trang_hon_nhan.as_deref() == Some("Đã kết hôn") && self.rng.random_bool(0.2) {
            d.tinh_trang_hon_nhan = Some("Chưa kết hôn".into());
            d.ho_ten_vo_chong = None;
            d.so_dinh_danh_vo_chong = None;
        }
        Duplicate { record: d, original: i, legacy }
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

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The name with the tone of one open oa/oe/uy syllable moved to the second vowel
/// (`Hòa` → `Hoà`, `Thủy` → `Thuỷ`): the other accepted placement, which normalizing
/// undoes. `None` when no syllable of the name has two placements.
pub fn new_tone_placement(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    for (k, w) in words.iter().enumerate() {
        let chars: Vec<char> = w.nfd().collect();
        let Some(tone) =
            chars.iter().position(|c| ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'].contains(c))
        else {
            continue;
        };
        if tone + 1 >= chars.len() {
            continue;
        }
        let mut moved = chars.clone();
        let mark = moved.remove(tone);
        moved.insert(tone + 1, mark);
        let moved: String = moved.into_iter().collect::<String>().nfc().collect();
        if moved != *w && normalize(&moved) == *w {
            let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            out[k] = moved;
            return Some(out.join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_moves_only_where_both_placements_are_accepted() {
        assert_eq!(new_tone_placement("Nguyễn Thị Hòa").as_deref(), Some("Nguyễn Thị Hoà"));
        assert_eq!(new_tone_placement("Lê Thủy").as_deref(), Some("Lê Thuỷ"));
        assert_eq!(new_tone_placement("Trần Thúy Hằng").as_deref(), Some("Trần Thuý Hằng"));
        assert_eq!(new_tone_placement("Nguyễn Văn Hoàng"), None);
        assert_eq!(new_tone_placement("Phạm Quý"), None);
        assert_eq!(new_tone_placement("Lê Huỳnh"), None);
    }

    #[test]
    fn shares_are_a_small_minority() {
        let per_record: f64 = KINDS.iter().filter(|(k, _)| *k != "legacy_admin_unit").map(|k| k.1).sum();
        assert!(per_record < 0.15, "{per_record}");
    }
}
