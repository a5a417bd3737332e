//! Synthetic demo wards: realistic households, names, ID numbers and the data problems
//! real extracts have. Demo data is for training and tests only: it is written into its
//! own register, marked as a demo, and never synced.
//!
//! Output is a pure function of [`DemoConfig`]: the same seed, size, ward and `as_of`
//! give the same records and truth, bit for bit.

mod addresses;
mod ids;
mod names;
mod people;
mod problems;
mod register;
mod render;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use motcua_core::date::PartialDate;
use motcua_core::record::RegisterRecord;

pub use register::{OpenError, Stage, create_demo_register, open_or_create};

use addresses::Place;
use ids::Issuer;
use people::Builder;
use render::{HouseholdInfo, Renderer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    pub residents: usize,
    pub seed: u64,
    /// The ward, as a 2025 commune code.
    pub ward_code: String,
    /// The day ages are counted on. Fixed by default so output does not change with
    /// the calendar.
    pub as_of: PartialDate,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            residents: 10_000,
            seed: 1,
            ward_code: "00004".into(),
            as_of: PartialDate::full(2026, 1, 1).expect("a real date"),
        }
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Truth {
    Person { record: String, person: usize },
    Finding { kind: String, records: Vec<String>, field: Option<String> },
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("no 2025 ward has code {0}")]
    UnknownWard(String),
    #[error("a demo ward needs at least one resident")]
    NoResidents,
}

pub fn generate(config: &DemoConfig) -> Result<DemoWard, DemoError> {
    generate_with_progress(config, &mut |_, _| {})
}

pub fn generate_with_progress(
    config: &DemoConfig,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoWard, DemoError> {
    if config.residents == 0 {
        return Err(DemoError::NoResidents);
    }
    let place =
        Place::new(&config.ward_code).ok_or_else(|| DemoError::UnknownWard(config.ward_code.clone()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let names = names::NamePool::load();
    let total = config.residents;
    let duplicates = (total as f64 * problems::DUPLICATE / (1.0 + problems::DUPLICATE)).round() as usize;
    let clean = total - duplicates;

    let mut b =
        Builder { rng: &mut rng, names: &names, as_of: config.as_of, people: Vec::new(), households: 0 };
    // Whole households while there is room for the largest; single people fill the rest.
    while b.people.len() + 8 < clean {
        b.household();
    }
    while b.people.len() < clean {
        b.single();
    }
    let Builder { people, households, .. } = b;

    let group_size = 275;
    let groups = households.div_ceil((clean / group_size).max(1)).max(1);
    let renderer = Renderer::new(&place, config.as_of);
    let infos: Vec<HouseholdInfo> = (0..households)
        .map(|h| HouseholdInfo {
            number: format!("HS{:06}", h + 1),
            address: place.address(&mut rng),
            group: (h / groups) as u32 + 1,
            legacy: rng.random_bool(problems::LEGACY_ADDRESS),
        })
        .collect();

    let mut issuer = Issuer::default();
    let mut extras = Vec::with_capacity(people.len());
    for p in &people {
        let parent = p.father.or(p.mother).filter(|&j| j < extras.len()).map(|j| &extras[j]);
        let e = renderer.extras(&mut rng, parent);
        extras.push(e);
    }
    let ids: Vec<String> = people
        .iter()
        .zip(&extras)
        .map(|(p, e)| issuer.id_number(&e.province.0, p.birth, p.sex, &mut rng))
        .collect();

    let mut numbers: Vec<usize> = (1..=total).collect();
    numbers.shuffle(&mut rng);
    let mut numbers = numbers.into_iter().map(|n| format!("R{n:06}"));

    let mut truth = Vec::with_capacity(total * 11 / 10);
    let mut records = Vec::with_capacity(total);
    for (i, p) in people.iter().enumerate() {
        let info = &infos[p.household];
        let ma = numbers.next().expect("one number per record");
        let record = renderer.record(&people, &ids, i, ma, info, &extras[i], &mut issuer, &mut rng);
        if info.legacy && record.noi_thuong_tru.is_some() {
            truth.push(Truth::Finding {
                kind: "legacy_admin_unit".into(),
                records: vec![record.ma_ban_ghi.clone()],
                field: Some("noi_thuong_tru".into()),
            });
        }
        records.push(record);
        if (i + 1) % 500 == 0 {
            progress(i + 1, total);
        }
    }

    let births: Vec<PartialDate> = people.iter().map(|p| p.birth).collect();
    let mut person_of: Vec<usize> = (0..records.len()).collect();
    let dups = problems::Planter::new(&mut rng, config.as_of, &births, &mut truth)
        .plant(&mut records, &mut || numbers.next().expect("numbers were reserved for duplicates"));
    for (copy, original) in dups {
        records.push(copy);
        person_of.push(original);
    }
    for (r, &person) in records.iter().zip(&person_of) {
        truth.push(Truth::Person { record: r.ma_ban_ghi.clone(), person });
    }
    // Numbers not used (rounding) leave gaps, as real extracts have.
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| records[a].ma_ban_ghi.cmp(&records[b].ma_ban_ghi));
    let records = order.into_iter().map(|i| records[i].clone()).collect();
    truth.sort_by_key(truth_key);
    progress(total, total);

    Ok(DemoWard {
        ward_code: config.ward_code.clone(),
        ward: place.ward,
        province: place.province,
        records,
        truth,
    })
}

fn truth_key(t: &Truth) -> (u8, String, String) {
    match t {
        Truth::Person { record, .. } => (0, record.clone(), String::new()),
        Truth::Finding { kind, records, .. } => (1, kind.clone(), records.join(",")),
    }
}

#[cfg(test)]
mod tests;
