//! Where a person comes from and what runs in a family: birth-registration province,
//! home town, ethnic group, religion and blood group. Children take these from their
//! parents where the parents live in the household, so a family reads as one.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;

use motcua_core::idnum;

use crate::DemoRng;
use crate::households::Person;

const ETHNIC: &str = include_str!("../../motcua-core/data/ethnic-groups-qd121-1979.csv");

/// Share of people of the Kinh majority (about 85% nationally, far more in city wards).
const KINH: f64 = 0.975;
/// The other groups a city ward sees, weighted roughly by their national population.
const MINORITIES: [(&str, f64); 12] = [
    ("Tày", 1.85),
    ("Thái", 1.82),
    ("Mường", 1.45),
    ("H'Mông", 1.39),
    ("Khơ-me", 1.32),
    ("Nùng", 1.08),
    ("Dao", 0.89),
    ("Hoa", 0.75),
    ("Gia-rai", 0.51),
    ("Ê-đê", 0.40),
    ("Sán Dìu", 0.18),
    ("Chăm", 0.18),
];
const RELIGIONS: [(&str, f64); 5] =
    [("Không", 86.0), ("Phật giáo", 8.5), ("Công giáo", 4.5), ("Tin Lành", 0.7), ("Cao Đài", 0.3)];
/// ABO allele frequencies that give Vietnam's phenotype shares (O ~42%, B ~30%, A ~22%,
/// AB ~6%): drawing genotypes lets children's groups follow their parents'.
const ALLELES: [(Allele, f64); 3] = [(Allele::A, 0.152), (Allele::B, 0.200), (Allele::O, 0.648)];
/// Share of records whose blood group was never entered.
const BLOOD_UNKNOWN: f64 = 0.1;

/// Parts of the country; migrants come mostly from their own and neighbouring ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    North,
    Central,
    South,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Allele {
    A,
    B,
    O,
}

#[derive(Debug, Clone)]
pub struct Background {
    /// Index into [`idnum::provinces`].
    pub birth_province: usize,
    pub home_town: usize,
    pub ethnic: &'static str,
    pub religion: &'static str,
    blood: (Allele, Allele),
    blood_known: bool,
}

impl Background {
    pub fn province_code(&self) -> &'static str {
        &idnum::provinces()[self.birth_province].0
    }

    pub fn province_name(&self) -> &'static str {
        &idnum::provinces()[self.birth_province].1
    }

    pub fn home_town_name(&self) -> &'static str {
        &idnum::provinces()[self.home_town].1
    }

    pub fn blood_group(&self) -> Option<&'static str> {
        if !self.blood_known {
            return None;
        }
        Some(match self.blood {
            (Allele::A, Allele::B) | (Allele::B, Allele::A) => "AB",
            (Allele::A, _) | (_, Allele::A) => "A",
            (Allele::B, _) | (_, Allele::B) => "B",
            _ => "O",
        })
    }
}

/// The six socio-economic regions, by birth-registration province code, in north-to-south
/// order so that their distance says how far apart they are.
fn zone(code: &str) -> u8 {
    let n: u32 = code.parse().unwrap_or(0);
    match n {
        1 | 22 | 26 | 27 | 30 | 31 | 33..=37 => 1, // Red River Delta
        2..=25 => 0,                               // northern midlands and mountains
        38..=60 => 2,                              // north central and central coast
        62..=68 => 3,                              // Central Highlands
        70..=79 => 4,                              // South East
        _ => 5,                                    // Mekong Delta
    }
}

pub fn region_of(code: &str) -> Region {
    match zone(code) {
        0 | 1 => Region::North,
        2 | 3 => Region::Central,
        _ => Region::South,
    }
}

pub struct Origins {
    local: usize,
    /// Where people not from here come from: neighbouring regions and big provinces
    /// first.
    elsewhere: WeightedIndex<f64>,
    minorities: WeightedIndex<f64>,
    religions: WeightedIndex<f64>,
    alleles: WeightedIndex<f64>,
}

impl Origins {
    /// `local_code`: the birth-registration code of the ward's own province.
    pub fn new(local_code: &str) -> Origins {
        let provinces = idnum::provinces();
        let local = provinces.iter().position(|(c, _)| c == local_code).unwrap_or(0);
        let home_zone = zone(local_code);
        let weights = provinces.iter().enumerate().map(|(i, (code, _))| {
            if i == local {
                return 0.0;
            }
            let distance = zone(code).abs_diff(home_zone);
            let by_distance = [6.0, 2.5, 0.8, 0.4, 0.3, 0.3][usize::from(distance)];
            // The most populous provinces send the most people.
            let size = match code.as_str() {
                "001" | "079" => 3.0,
                "038" | "040" | "036" | "034" | "030" | "031" | "089" | "075" => 2.0,
                _ => 1.0,
            };
            by_distance * size
        });
        let ethnic_names: Vec<String> = csv::Reader::from_reader(ETHNIC.as_bytes())
            .records()
            .map(|r| r.expect("vendored ethnic CSV is valid")[1].to_string())
            .collect();
        debug_assert!(MINORITIES.iter().all(|(m, _)| ethnic_names.iter().any(|n| n == m)));
        Origins {
            local,
            elsewhere: WeightedIndex::new(weights).expect("other provinces exist"),
            minorities: WeightedIndex::new(MINORITIES.map(|m| m.1)).expect("weights"),
            religions: WeightedIndex::new(RELIGIONS.map(|r| r.1)).expect("weights"),
            alleles: WeightedIndex::new(ALLELES.map(|a| a.1)).expect("weights"),
        }
    }

    fn province(&self, local_share: f64, rng: &mut DemoRng) -> usize {
        if rng.random_bool(local_share) { self.local } else { self.elsewhere.sample(rng) }
    }

    /// Backgrounds for everyone, parents before their children.
    pub fn assign(&self, people: &[Person], as_of_year: i32, rng: &mut DemoRng) -> Vec<Background> {
        let mut order: Vec<usize> = (0..people.len()).collect();
        order.sort_by_key(|&i| (people[i].birth, i));
        let mut done: Vec<Option<Background>> = vec![None; people.len()];
        for i in order {
            let p = &people[i];
            let father = p.father.and_then(|f| done[f].clone());
            let mother = p.mother.and_then(|m| done[m].clone());
            let spouse = p.spouse.and_then(|s| done[s].clone());
            let parent = father.as_ref().or(mother.as_ref());
            let birth_province = match parent {
                // Born where the family lives, mostly.
                Some(_) if rng.random_bool(0.9) => self.local,
                Some(parent) if rng.random_bool(0.6) => parent.birth_province,
                _ => {
                    let age = as_of_year - p.birth.year;
                    self.province(if age >= 60 { 0.55 } else { 0.62 }, rng)
                }
            };
            // Home town is the father's line: inherited, not where one was born.
            let home_town = match &father {
                Some(f) => f.home_town,
                None => match rng.random_range(0..100) {
                    0..40 => self.local,
                    40..65 => birth_province,
                    _ => self.elsewhere.sample(rng),
                },
            };
            let ethnic = match parent {
                Some(parent) => parent.ethnic,
                None if rng.random_bool(KINH) => "Kinh",
                None => MINORITIES[self.minorities.sample(rng)].0,
            };
            let religion = match (parent, &spouse) {
                (Some(parent), _) => parent.religion,
                (None, Some(s)) if rng.random_bool(0.75) => s.religion,
                _ => RELIGIONS[self.religions.sample(rng)].0,
            };
            let from = |parent: &Option<Background>, rng: &mut DemoRng| match parent {
                Some(b) if rng.random_bool(0.5) => b.blood.0,
                Some(b) => b.blood.1,
                None => ALLELES[self.alleles.sample(rng)].0,
            };
            let blood = (from(&father, rng), from(&mother, rng));
            done[i] = Some(Background {
                birth_province,
                home_town,
                ethnic,
                religion,
                blood,
                blood_known: !rng.random_bool(BLOOD_UNKNOWN),
            });
        }
        done.into_iter().map(|b| b.expect("everyone has a background")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_the_map() {
        assert_eq!(region_of("001"), Region::North);
        assert_eq!(region_of("040"), Region::Central);
        assert_eq!(region_of("079"), Region::South);
        assert_eq!(region_of("096"), Region::South);
        assert_eq!(zone("036"), zone("001"));
    }

    #[test]
    fn minority_names_are_in_the_code_list() {
        let names: Vec<String> = csv::Reader::from_reader(ETHNIC.as_bytes())
            .records()
            .map(|r| r.unwrap()[1].to_string())
            .collect();
        for (m, _) in MINORITIES {
            assert!(names.iter().any(|n| n == m), "{m}");
        }
    }
}
