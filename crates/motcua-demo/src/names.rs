//! Vietnamese names drawn by their real frequencies: surname by national share, middle
//! name (chữ đệm) and given name by sex.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;

use motcua_core::sex::Sex;

use crate::DemoRng;
use crate::background::Region;

const SURNAMES: &str = include_str!("../data/surnames.csv");
const MIDDLE: &str = include_str!("../data/middle-names.csv");
const GIVEN: &str = include_str!("../data/given-names.csv");

/// Hoàng/Huỳnh and Vũ/Võ are one name each, written the southern way in the south (an
/// old naming taboo); the national shares lump both spellings. Share of each pair kept
/// in its minority spelling within a region.
const MINORITY_SPELLING: f64 = 0.12;

/// How much more (or less) often the generational markers Văn and Thị are given, by
/// birth cohort: near universal for the old, far rarer for children today.
const MARKER_FACTOR: [(i32, f64); 3] = [(1970, 1.8), (1995, 1.0), (i32::MAX, 0.45)];

pub struct NamePool {
    surnames: Vec<String>,
    surname_weights: WeightedIndex<f64>,
    /// Per sex: the middle names, and their weights per cohort of [`MARKER_FACTOR`].
    middle: [(Vec<String>, Vec<WeightedIndex<f64>>); 2],
    given: [Vec<String>; 2],
}

fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("vendored name CSV is valid"))
        .collect()
}

fn slot(sex: Sex) -> usize {
    match sex {
        Sex::Nam => 0,
        Sex::Nu => 1,
    }
}

impl NamePool {
    pub fn load(region: Region) -> NamePool {
        let s = rows(SURNAMES);
        let surnames: Vec<String> = s.iter().map(|r| r[0].to_string()).collect();
        let mut shares: Vec<f64> = s.iter().map(|r| r[1].parse().expect("share is a number")).collect();
        let pairs = [("Hoàng", "Huỳnh"), ("Vũ", "Võ")];
        let position = |name: &str| surnames.iter().position(|n| n == name);
        for (northern, southern) in pairs {
            let (Some(n), Some(s)) = (position(northern), position(southern)) else { continue };
            let both = shares[n] + shares[s];
            let northern_share = match region {
                Region::North => 1.0 - MINORITY_SPELLING,
                Region::Central => shares[n] / both,
                Region::South => MINORITY_SPELLING,
            };
            shares[n] = both * northern_share;
            shares[s] = both - shares[n];
        }
        let surname_weights = WeightedIndex::new(shares).expect("positive shares");
        let middle_for = |sex: &str| {
            let m: Vec<_> = rows(MIDDLE).into_iter().filter(|r| &r[0] == sex).collect();
            let names: Vec<String> = m.iter().map(|r| r[1].to_string()).collect();
            let base: Vec<f64> = m.iter().map(|r| r[2].parse().expect("weight")).collect();
            let cohorts = MARKER_FACTOR
                .iter()
                .map(|&(_, factor)| {
                    let w = names.iter().zip(&base).map(|(n, &w)| match n.as_str() {
                        "Văn" | "Thị" => w * factor,
                        _ => w,
                    });
                    WeightedIndex::new(w).expect("positive weights")
                })
                .collect();
            (names, cohorts)
        };
        let given_for = |sex: &str| -> Vec<String> {
            rows(GIVEN).into_iter().filter(|r| &r[0] == sex).map(|r| r[1].to_string()).collect()
        };
        NamePool {
            surnames,
            surname_weights,
            middle: [middle_for("Nam"), middle_for("Nữ")],
            given: [given_for("Nam"), given_for("Nữ")],
        }
    }

    pub fn surname(&self, rng: &mut DemoRng) -> String {
        self.surnames[self.surname_weights.sample(rng)].clone()
    }

    /// Middle and given name for someone born in `birth_year`; about one in ten has two
    /// middle names.
    pub fn rest(&self, sex: Sex, birth_year: i32, rng: &mut DemoRng) -> String {
        let (names, cohorts) = &self.middle[slot(sex)];
        let cohort = MARKER_FACTOR.iter().position(|&(before, _)| birth_year < before).unwrap_or(0);
        let weights = &cohorts[cohort];
        let mut middle = names[weights.sample(rng)].clone();
        if rng.random_bool(0.1) {
            let second = names[weights.sample(rng)].clone();
            // The generational marker leads: "Thị Kim", never "Kim Thị".
            if second != middle {
                middle = match second.as_str() {
                    "Thị" | "Văn" => format!("{second} {middle}"),
                    _ => format!("{middle} {second}"),
                };
            }
        }
        // "Mai Mai" is no name: the given name differs from the middle ones.
        let given = loop {
            let g = self.given[slot(sex)].choose(rng).expect("given names exist");
            if !middle.split(' ').any(|m| g.split(' ').any(|w| w == m)) {
                break g;
            }
        };
        format!("{middle} {given}")
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn women_mostly_carry_thi_and_men_van_among_others() {
        let pool = NamePool::load(Region::North);
        let mut rng = DemoRng::seed_from_u64(7);
        let women: Vec<String> = (0..2000).map(|_| pool.rest(Sex::Nu, 1980, &mut rng)).collect();
        let thi = women.iter().filter(|n| n.starts_with("Thị")).count();
        assert!((500..1300).contains(&thi), "{thi}");
        let men: Vec<String> = (0..2000).map(|_| pool.rest(Sex::Nam, 1980, &mut rng)).collect();
        assert!(!men.iter().any(|n| n.split(' ').any(|w| w == "Thị")));
    }

    #[test]
    fn the_generational_marker_fades_with_younger_cohorts() {
        let pool = NamePool::load(Region::North);
        let mut rng = DemoRng::seed_from_u64(8);
        let mut thi = |year| (0..3000).filter(|_| pool.rest(Sex::Nu, year, &mut rng).contains("Thị")).count();
        let (old, young) = (thi(1950), thi(2015));
        assert!(old > young * 2, "born 1950: {old}, born 2015: {young}");
    }

    #[test]
    fn hoang_is_northern_and_huynh_southern() {
        let mut rng = DemoRng::seed_from_u64(9);
        let count = |region, name: &str, rng: &mut DemoRng| {
            let pool = NamePool::load(region);
            (0..20_000).filter(|_| pool.surname(rng) == name).count()
        };
        let (north_hoang, north_huynh) =
            (count(Region::North, "Hoàng", &mut rng), count(Region::North, "Huỳnh", &mut rng));
        assert!(north_hoang > 4 * north_huynh, "{north_hoang} vs {north_huynh}");
        let (south_hoang, south_huynh) =
            (count(Region::South, "Hoàng", &mut rng), count(Region::South, "Huỳnh", &mut rng));
        assert!(south_huynh > 4 * south_hoang, "{south_huynh} vs {south_hoang}");
    }
}
