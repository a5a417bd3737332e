//! House addresses and residential groups. An address is written in the 2025 two-level
//! form or, as many records still are, in the three-level form of the legacy commune
//! the house was in.

use std::collections::BTreeSet;

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;

use motcua_core::admin::{self, UnitLegacy};

use crate::DemoRng;

const STREETS_00004: &str = include_str!("../data/streets-00004.csv");

/// Residents per residential group (tổ dân phố / thôn); real ones hold 250–300.
pub const GROUP_SIZE: usize = 275;

struct Street {
    name: String,
    /// "phố" or "đường", as the street is officially named; empty for numbered roads.
    kind: &'static str,
    /// The legacy commune most of the street's houses were in.
    legacy: Option<&'static UnitLegacy>,
}

pub struct Place {
    pub ward: String,
    pub province: String,
    /// A xã: villages (thôn) instead of streets and residential groups.
    rural: bool,
    streets: Vec<Street>,
    street_weights: WeightedIndex<f64>,
    /// Birth-registration code of the ward's province before 2025 (the ID number scheme).
    pub local_code: String,
}

/// Where one household lives.
#[derive(Debug, Clone)]
pub struct Home {
    pub house: String,
    pub legacy: Option<&'static UnitLegacy>,
    /// Number of the residential group.
    pub group: u32,
}

/// A house on a street, before it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Spot {
    street: usize,
    lane: Option<(u32, Option<u32>)>,
    number: u32,
}

impl Place {
    pub fn new(ward_code: &str, rng: &mut DemoRng) -> Option<Place> {
        let unit = admin::unit_2025(ward_code)?;
        let predecessors: Vec<&'static UnitLegacy> =
            admin::predecessors(ward_code).into_iter().filter(|u| !u.ward.is_empty()).collect();
        let mappings: Vec<_> =
            admin::legacy_to_2025().iter().filter(|m| m.ward_code_2025 == ward_code).collect();
        // The predecessor that gave the ward most of its land gives most of its houses.
        let weight_of = |u: &UnitLegacy| {
            let m = mappings.iter().find(|m| m.legacy_ward_code == u.ward_code);
            match m.map(|m| (m.whole, m.default)) {
                Some((true, _)) => 4.0,
                Some((false, true)) => 2.0,
                _ => 0.6,
            }
        };
        let (streets, weights): (Vec<Street>, Vec<f64>) = if ward_code == "00004" {
            csv::Reader::from_reader(STREETS_00004.as_bytes())
                .records()
                .map(|r| {
                    let r = r.expect("vendored streets CSV is valid");
                    let kind = if &r[1] == "đường" { "đường" } else { "phố" };
                    let legacy = predecessors.iter().copied().find(|u| u.ward_code == r[2]);
                    let street = Street { name: r[0].to_string(), kind, legacy };
                    (street, r[3].parse::<f64>().expect("street weight"))
                })
                .unzip()
        } else {
            // No street list for other wards: numbered roads (or villages), each lying in
            // one of the predecessors.
            let pw = (!predecessors.is_empty())
                .then(|| WeightedIndex::new(predecessors.iter().map(|u| weight_of(u))).expect("weights"));
            (1..=24)
                .map(|n| {
                    let legacy = pw.as_ref().map(|w| predecessors[w.sample(rng)]);
                    (Street { name: format!("Đường số {n}"), kind: "", legacy }, 1.0)
                })
                .unzip()
        };
        let local_code =
            predecessors.iter().map(|u| &u.province_code).next().unwrap_or(&unit.province_code).to_string();
        Some(Place {
            ward: unit.ward.clone(),
            province: unit.province.clone(),
            rural: unit.ward_type == "Xã",
            streets,
            street_weights: WeightedIndex::new(weights).expect("positive street weights"),
            local_code: format!("0{local_code}"),
        })
    }

    pub fn group_label(&self, group: u32) -> String {
        if self.rural { format!("Thôn {group}") } else { format!("Tổ dân phố số {group}") }
    }

    fn spot(&self, rng: &mut DemoRng) -> Spot {
        let street = self.street_weights.sample(rng);
        // Most houses of an old city ward are down lanes (ngõ), some deeper down a
        // side lane (ngách).
        let lane = rng.random_bool(0.35).then(|| {
            let lane = rng.random_range(2..=180);
            let side = rng.random_bool(0.15).then(|| rng.random_range(1..=60));
            (lane, side)
        });
        let number = if lane.is_some() { rng.random_range(1..=80) } else { rng.random_range(1..=220) };
        Spot { street, lane, number }
    }

    fn write(&self, s: Spot) -> String {
        let street = &self.streets[s.street];
        let road = if street.kind.is_empty() {
            street.name.clone()
        } else {
            format!("{} {}", street.kind, street.name)
        };
        match s.lane {
            None => format!("Số {} {road}", s.number),
            Some((lane, None)) => format!("Số {} ngõ {lane} {road}", s.number),
            Some((lane, Some(side))) => format!("Số {} ngách {side} ngõ {lane} {road}", s.number),
        }
    }

    /// Homes for households of the given sizes. Groups are runs of neighbouring houses
    /// of about [`GROUP_SIZE`] residents, as residential groups are.
    pub fn lay_out(&self, sizes: &[usize], rng: &mut DemoRng) -> Vec<Home> {
        let residents: usize = sizes.iter().sum();
        let groups = (residents as f64 / GROUP_SIZE as f64).round().max(1.0) as usize;
        let per_group = residents as f64 / groups as f64;
        let group_at = |before: usize| ((before as f64 / per_group) as usize).min(groups - 1) as u32 + 1;
        if self.rural {
            // Villages are numbered; houses in them mostly have no street address.
            let mut before = 0;
            return sizes
                .iter()
                .map(|&n| {
                    let group = group_at(before);
                    before += n;
                    let legacy = self.streets[group as usize % self.streets.len()].legacy;
                    let house = if rng.random_bool(0.4) {
                        format!("Số nhà {}, Thôn {group}", rng.random_range(1..=150))
                    } else {
                        format!("Thôn {group}")
                    };
                    Home { house, legacy, group }
                })
                .collect();
        }
        let mut taken = BTreeSet::new();
        let spots: Vec<Spot> = sizes
            .iter()
            .map(|_| {
                // A few households share a house, as in the old quarter; most do not.
                let mut s = self.spot(rng);
                for _ in 0..4 {
                    if taken.insert(s) {
                        break;
                    }
                    s = self.spot(rng);
                }
                s
            })
            .collect();
        let mut order: Vec<usize> = (0..sizes.len()).collect();
        order.sort_by_key(|&h| (spots[h], h));
        let mut homes: Vec<Option<Home>> = vec![None; sizes.len()];
        let mut before = 0;
        for h in order {
            let s = spots[h];
            homes[h] = Some(Home {
                house: self.write(s),
                legacy: self.streets[s.street].legacy,
                group: group_at(before),
            });
            before += sizes[h];
        }
        homes.into_iter().map(|h| h.expect("every household placed")).collect()
    }

    /// Another house of the ward: where someone lived before moving, in an old record.
    pub fn another_home(&self, rng: &mut DemoRng) -> Home {
        if self.rural {
            let street = self.streets.choose(rng).expect("streets exist");
            let group = rng.random_range(1..=12);
            return Home { house: format!("Thôn {group}"), legacy: street.legacy, group };
        }
        let s = self.spot(rng);
        Home { house: self.write(s), legacy: self.streets[s.street].legacy, group: 0 }
    }

    pub fn current(&self, home: &Home) -> String {
        format!("{}, {}, {}", home.house, self.ward, self.province)
    }

    /// The pre-2025 form; `None` when the ward has no recorded predecessor.
    pub fn legacy(&self, home: &Home) -> Option<String> {
        let u = home.legacy?;
        Some(format!("{}, {}, {}, {}", home.house, u.ward, u.district, u.province))
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn ba_dinh_streets_lie_in_its_predecessors() {
        let mut rng = DemoRng::seed_from_u64(1);
        let place = Place::new("00004", &mut rng).unwrap();
        assert!(place.streets.len() >= 30);
        for s in &place.streets {
            assert!(s.legacy.is_some(), "{} has no legacy ward among the predecessors", s.name);
        }
        assert_eq!(place.local_code, "001");
    }

    #[test]
    fn addresses_read_like_the_register() {
        let mut rng = DemoRng::seed_from_u64(2);
        let place = Place::new("00004", &mut rng).unwrap();
        let homes = place.lay_out(&[3; 400], &mut rng);
        for home in &homes {
            let current = place.current(home);
            assert!(current.starts_with("Số "), "{current}");
            assert!(current.ends_with(", Phường Ba Đình, Thành phố Hà Nội"), "{current}");
            let legacy = place.legacy(home).unwrap();
            assert!(legacy.contains(", Quận "), "{legacy}");
        }
        // 1,200 residents: four groups, each a run of neighbouring houses.
        let groups: BTreeSet<u32> = homes.iter().map(|h| h.group).collect();
        assert_eq!(groups, (1..=4).collect());
    }

    #[test]
    fn rural_communes_have_villages() {
        let code = admin::units_2025().iter().find(|u| u.ward_type == "Xã").unwrap().ward_code.clone();
        let mut rng = DemoRng::seed_from_u64(3);
        let place = Place::new(&code, &mut rng).unwrap();
        let homes = place.lay_out(&[4; 100], &mut rng);
        assert!(homes.iter().all(|h| h.house.contains("Thôn ")));
        assert_eq!(place.group_label(2), "Thôn 2");
    }
}
