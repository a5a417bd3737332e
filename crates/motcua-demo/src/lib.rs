//! Synthetic demo wards: realistic households, names, ID numbers and the data problems
//! real extracts have. Demo data is for training and tests only: it is written into its
//! own register, marked as a demo, and never synced.
//!
//! Output is a pure function of [`DemoConfig`]: the same seed, size, ward and `as_of`
//! give the same records and truth, bit for bit.

mod addresses;
pub mod applications;
mod background;
mod contacts;
pub mod evaluate;
mod households;
mod ids;
mod names;
mod problems;
mod records;
mod register;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use motcua_core::date::PartialDate;
use motcua_core::record::RegisterRecord;

/// Intended share of each planted finding kind, by `register-csv.md` kind code.
pub use problems::KINDS as PLANTED_SHARES;
pub use register::{OpenError, Stage, create_demo_register, open_in_folder, open_or_create, reset_in_folder};

use addresses::Place;
use background::{Origins, region_of};
use contacts::Contacts;
use households::{Builder, HEAD, MAX_HOUSEHOLD};
use ids::Issuer;
use names::NamePool;
use problems::{Planted, Planter};
use records::{Facts, HouseholdInfo};

/// The one random stream everything is drawn from (seeded, portable, fast).
type DemoRng = ChaCha8Rng;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    pub residents: usize,
    pub seed: u64,
    /// The ward, as a 2025 commune code.
    pub ward_code: String,
    /// The day ages are counted on. Fixed by default so output does not change with
    /// the calendar.
    pub as_of: PartialDate,
    /// Made-up applications filed over the 90 days up to today (for Thống kê in
    /// training); none by default.
    pub applications: usize,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            residents: 10_000,
            seed: 1,
            ward_code: "00004".into(),
            as_of: PartialDate::full(2026, 1, 1).expect("a real date"),
            applications: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct DemoWard {
    pub ward_code: String,
    pub ward: String,
    pub province: String,
    /// Sorted by `ma_ban_ghi`, which is shuffled relative to households.
    pub records: Vec<RegisterRecord>,
    pub truth: Vec<Truth>,
}

/// What the generator knows that a register does not: which records are one person,
/// and which problems were planted. Same shape as `register-sample-truth.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Truth {
    Person {
        record: String,
        person: usize,
    },
    Finding {
        kind: String,
        records: Vec<String>,
        /// Absent for findings about whole records (duplicates).
        #[serde(skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("no 2025 ward has code {0}")]
    UnknownWard(String),
    #[error("a demo ward needs at least one resident")]
    NoResidents,
    #[error("a demo ward can be made as of 2001 to 2299, not {0}")]
    AsOfOutOfRange(PartialDate),
}

/// Makes the demo ward `config` describes: `config.residents` records in all,
/// duplicate copies included.
pub fn generate(config: &DemoConfig) -> Result<DemoWard, DemoError> {
    generate_with_progress(config, &mut |_, _| {})
}

/// [`generate`], calling `progress(done, total)` every 500 residents written and once
/// more with `(total, total)` at the end.
pub fn generate_with_progress(
    config: &DemoConfig,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoWard, DemoError> {
    if config.residents == 0 {
        return Err(DemoError::NoResidents);
    }
    let as_of = config.as_of;
    // Everyone alive on `as_of` must have a birth year the ID number scheme can carry.
    if !(2001..=2299).contains(&as_of.year) {
        return Err(DemoError::AsOfOutOfRange(as_of));
    }
    // Two wards made with one seed should not hold the same people.
    let mut rng = DemoRng::seed_from_u64(config.seed ^ fnv1a(config.ward_code.as_bytes()));
    let place = Place::new(&config.ward_code, &mut rng)
        .ok_or_else(|| DemoError::UnknownWard(config.ward_code.clone()))?;
    let names = NamePool::load(region_of(&place.local_code));
    let total = config.residents;
    let duplicates = (total as f64 * problems::DUPLICATE / (1.0 + problems::DUPLICATE)).round() as usize;
    let clean = total - duplicates;
    let mut planter = Planter::new(DemoRng::seed_from_u64(rng.random()), as_of, clean);

    let mut b = Builder::new(&mut rng, &names, as_of);
    // Whole households while there is room for the largest; people living alone fill
    // the rest, so the count is exact.
    while b.people.len() + MAX_HOUSEHOLD <= clean {
        b.household();
    }
    while b.people.len() < clean {
        let h = b.next_household();
        b.alone(h);
    }
    let (mut people, households) = (b.people, b.households);
    planter.plant_in_people(&mut people);

    let ages: Vec<i32> = people.iter().map(|p| p.age_on(as_of)).collect();
    let backgrounds = Origins::new(&place.local_code).assign(&people, as_of.year, &mut rng);
    let mut issuer = Issuer::default();
    let ids: Vec<String> = people
        .iter()
        .zip(&backgrounds)
        .map(|(p, b)| issuer.id_number(b.province_code(), p.birth, p.sex, &mut rng))
        .collect();
    let mut sizes = vec![0; households];
    let mut heads = vec![0; households];
    for (i, p) in people.iter().enumerate() {
        sizes[p.household] += 1;
        if p.relation == HEAD {
            heads[p.household] = i;
        }
    }
    let contacts = Contacts::default();
    let phones = contacts.phones(&people, &ages, &heads, &mut issuer, &mut rng);
    let homes = place.lay_out(&sizes, &mut rng);
    let infos: Vec<HouseholdInfo> = homes
        .iter()
        .enumerate()
        .map(|(h, home)| HouseholdInfo {
            number: format!("HS{:06}", h + 1),
            home: home.clone(),
            legacy: rng.random_bool(problems::LEGACY_ADDRESS),
        })
        .collect();

    // Record numbers in an order unrelated to households, as extracts have them.
    let mut numbers: Vec<usize> = (1..=total).collect();
    numbers.shuffle(&mut rng);
    let mut numbers = numbers.into_iter().map(|n| format!("R{n:06}"));

    let facts = Facts {
        place: &place,
        people: &people,
        ids: &ids,
        backgrounds: &backgrounds,
        phones: &phones,
        ages: &ages,
    };
    let mut records = Vec::with_capacity(total);
    let mut legacy = Vec::with_capacity(total);
    for (i, p) in people.iter().enumerate() {
        let ma = numbers.next().expect("one number per record");
        let email = contacts.email(p, ages[i], &mut issuer, &mut rng);
        let (record, old) = facts.record(i, ma, &infos[p.household], email, &mut issuer, &mut rng);
        records.push(record);
        legacy.push(old);
        if (i + 1) % 500 == 0 {
            progress(i + 1, total);
        }
    }

    let copies = planter.plant_in_records(
        &mut records,
        &people,
        &ages,
        &legacy,
        duplicates,
        &place,
        &homes,
        &mut issuer,
    );
    let mut person_of: Vec<usize> = (0..records.len()).collect();
    let mut planted = std::mem::take(&mut planter.planted);
    for copy in copies {
        let c = records.len();
        let mut r = copy.record;
        r.ma_ban_ghi = numbers.next().expect("numbers were reserved for duplicates");
        planted.push(Planted { kind: "duplicate", records: vec![copy.original, c], field: None });
        // What the copy brought with it is a finding of its own.
        let partial =
            r.ngay_sinh.as_deref().and_then(|d| PartialDate::parse(d).ok()).is_some_and(|d| d.is_partial());
        if partial {
            planted.push(Planted { kind: "partial_birth_date", records: vec![c], field: Some("ngay_sinh") });
        }
        if r.so_dinh_danh.is_none() && ages[copy.original] >= 18 {
            planted.push(Planted { kind: "missing_field", records: vec![c], field: Some("so_dinh_danh") });
        }
        records.push(r);
        legacy.push(copy.legacy);
        person_of.push(copy.original);
    }
    for (i, r) in records.iter().enumerate() {
        if legacy[i] && r.noi_thuong_tru.is_some() {
            planted.push(Planted {
                kind: "legacy_admin_unit",
                records: vec![i],
                field: Some("noi_thuong_tru"),
            });
        }
    }

    let mut truth: Vec<Truth> = records
        .iter()
        .zip(&person_of)
        .map(|(r, &person)| Truth::Person { record: r.ma_ban_ghi.clone(), person })
        .collect();
    truth.extend(planted.into_iter().map(|p| Truth::Finding {
        kind: p.kind.to_string(),
        records: p.records.iter().map(|&i| records[i].ma_ban_ghi.clone()).collect(),
        field: p.field.map(str::to_string),
    }));
    truth.sort_by_key(truth_key);
    records.sort_by(|a, b| a.ma_ban_ghi.cmp(&b.ma_ban_ghi));
    progress(total, total);

    Ok(DemoWard {
        ward_code: config.ward_code.clone(),
        ward: place.ward,
        province: place.province,
        records,
        truth,
    })
}

/// A stable hash (the standard library's may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn truth_key(t: &Truth) -> (u8, String, String) {
    match t {
        Truth::Person { record, .. } => (0, record.clone(), String::new()),
        Truth::Finding { kind, records, .. } => (1, kind.clone(), records.join(",")),
    }
}

#[cfg(test)]
mod tests;
