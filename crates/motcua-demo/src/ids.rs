//! Identity numbers and contact details consistent with the person they belong to.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::IndexedRandom;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::sex::Sex;

/// Mobile prefixes of the Vietnamese carriers (after the 2018 renumbering).
const MOBILE_PREFIXES: [&str; 24] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "083",
    "084", "085", "086", "088", "090", "091", "093", "096", "098",
];

/// Hands out numbers once: a generated register has no accidental shared numbers.
#[derive(Default)]
pub struct Issuer {
    used: BTreeSet<String>,
}

impl Issuer {
    pub fn id_number(
        &mut self,
        province_code: &str,
        birth: PartialDate,
        sex: Sex,
        rng: &mut impl Rng,
    ) -> String {
        let prefix =
            idnum::expected_prefix(province_code, birth.year, sex).expect("birth years are 1900..2400");
        loop {
            let n = format!("{prefix}{:06}", rng.random_range(0..1_000_000));
            if self.used.insert(n.clone()) {
                return n;
            }
        }
    }

    /// Old 9-digit CMND numbers; Hà Nội's started with 0 or 1.
    pub fn old_id(&mut self, rng: &mut impl Rng) -> String {
        loop {
            let n = format!("{:09}", rng.random_range(10_000_000..200_000_000));
            if self.used.insert(n.clone()) {
                return n;
            }
        }
    }

    /// A mobile number, written the way people write it on forms.
    pub fn phone(&mut self, rng: &mut impl Rng) -> String {
        let digits = loop {
            let prefix = MOBILE_PREFIXES.choose(rng).expect("prefixes exist");
            let n = format!("{prefix}{:07}", rng.random_range(0..10_000_000));
            if self.used.insert(n.clone()) {
                break n;
            }
        };
        match rng.random_range(0..20) {
            0 => format!("+84{}", &digits[1..]),
            1 => format!("{} {} {}", &digits[..4], &digits[4..7], &digits[7..]),
            2 => format!("{}.{}.{}", &digits[..4], &digits[4..7], &digits[7..]),
            _ => digits,
        }
    }
}
