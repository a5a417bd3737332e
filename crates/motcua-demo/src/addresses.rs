//! House addresses in the ward, written in the 2025 two-level form or, as many records
//! still are, in the legacy three-level form of a predecessor commune.

use rand::Rng;
use rand::seq::IndexedRandom;

use motcua_core::admin::{self, UnitLegacy};

const STREETS_00004: &str = include_str!("../data/streets-00004.csv");

pub struct Place {
    pub ward: String,
    pub province: String,
    streets: Vec<String>,
    predecessors: Vec<&'static UnitLegacy>,
}

/// Where a household lives: the house part, and which legacy commune the spot was in.
#[derive(Debug, Clone)]
pub struct Address {
    pub house: String,
    pub legacy: Option<&'static UnitLegacy>,
}

impl Place {
    pub fn new(ward_code: &str) -> Option<Place> {
        let unit = admin::unit_2025(ward_code)?;
        let streets = if ward_code == "00004" {
            csv::Reader::from_reader(STREETS_00004.as_bytes())
                .records()
                .map(|r| r.expect("vendored streets CSV is valid")[0].to_string())
                .collect()
        } else {
            // No street list for other wards: numbered roads, as many new areas have.
            (1..=24).map(|n| format!("Đường số {n}")).collect()
        };
        let predecessors =
            admin::predecessors(ward_code).into_iter().filter(|u| !u.ward.is_empty()).collect();
        Some(Place { ward: unit.ward.clone(), province: unit.province.clone(), streets, predecessors })
    }

    pub fn address(&self, rng: &mut impl Rng) -> Address {
        let street = self.streets.choose(rng).expect("streets exist");
        let kind = if street.starts_with("Đường") { "" } else { "phố " };
        let number = rng.random_range(1..=250);
        let house = if rng.random_bool(0.3) {
            let lane = rng.random_range(2..=120);
            format!("Số {number} ngõ {lane} {kind}{street}")
        } else {
            format!("Số {number} {kind}{street}")
        };
        Address { house, legacy: self.predecessors.choose(rng).copied() }
    }

    pub fn current(&self, a: &Address) -> String {
        format!("{}, {}, {}", a.house, self.ward, self.province)
    }

    /// The pre-2025 form; `None` when the ward has no recorded predecessor.
    pub fn legacy(&self, a: &Address) -> Option<String> {
        let u = a.legacy?;
        Some(format!("{}, {}, {}, {}", a.house, u.ward, u.district, u.province))
    }
}
