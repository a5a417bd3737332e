//! Mobile numbers and e-mail addresses, written the way people write them on forms.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;

use motcua_core::text::fold;

use crate::DemoRng;
use crate::households::Person;
use crate::ids::Issuer;

/// Mobile prefixes since the 2018 renumbering, weighted by the carriers' market shares
/// (Viettel about half, then Vinaphone, MobiFone, Vietnamobile, Gmobile).
const MOBILE_PREFIXES: [(&str, f64); 31] = [
    ("032", 5.0),
    ("033", 5.0),
    ("034", 5.0),
    ("035", 5.0),
    ("036", 5.0),
    ("037", 5.0),
    ("038", 5.0),
    ("039", 5.0),
    ("086", 4.0),
    ("096", 4.0),
    ("097", 4.0),
    ("098", 4.0),
    ("081", 3.0),
    ("082", 3.0),
    ("083", 3.0),
    ("084", 3.0),
    ("085", 3.0),
    ("088", 2.0),
    ("091", 4.0),
    ("094", 3.0),
    ("070", 2.5),
    ("076", 2.5),
    ("077", 2.5),
    ("078", 2.5),
    ("079", 2.5),
    ("089", 1.5),
    ("090", 3.0),
    ("093", 3.0),
    ("052", 0.8),
    ("056", 0.8),
    ("058", 0.8),
];

const MAIL_DOMAINS: [(&str, f64); 6] = [
    ("gmail.com", 78.0),
    ("yahoo.com", 8.0),
    ("outlook.com", 5.0),
    ("hotmail.com", 4.0),
    ("icloud.com", 3.0),
    ("fpt.vn", 2.0),
];

pub struct Contacts {
    prefixes: WeightedIndex<f64>,
    domains: WeightedIndex<f64>,
}

impl Default for Contacts {
    fn default() -> Self {
        Contacts {
            prefixes: WeightedIndex::new(MOBILE_PREFIXES.map(|p| p.1)).expect("weights"),
            domains: WeightedIndex::new(MAIL_DOMAINS.map(|d| d.1)).expect("weights"),
        }
    }
}

/// Share of people of an age with a mobile number of their own.
fn own_phone_share(age: i32) -> f64 {
    match age {
        ..10 => 0.0,
        10..15 => 0.1,
        15..18 => 0.7,
        18..65 => 0.92,
        65..75 => 0.8,
        _ => 0.55,
    }
}

impl Contacts {
    /// Ten digits, as the register stores them when typed carefully.
    fn mobile(&self, issuer: &mut Issuer, rng: &mut DemoRng) -> String {
        loop {
            let prefix = MOBILE_PREFIXES[self.prefixes.sample(rng)].0;
            let n = format!("{prefix}{:07}", rng.random_range(0..10_000_000));
            if issuer.claim(&n) {
                return n;
            }
        }
    }

    /// The number as written on a form: mostly plain, sometimes international or grouped.
    fn written(digits: &str, rng: &mut DemoRng) -> String {
        let (a, b, c) = (&digits[..4], &digits[4..7], &digits[7..]);
        match rng.random_range(0..100) {
            0..80 => digits.to_string(),
            80..87 => format!("+84{}", &digits[1..]),
            87..92 => format!("{a} {b} {c}"),
            92..96 => format!("{a}.{b}.{c}"),
            _ => format!("+84 {}.{b}.{c}", &a[1..]),
        }
    }

    /// Phone numbers for everyone, in person order. Young children and some old people
    /// have none of their own: the register then often carries a parent's or the head's.
    pub fn phones(
        &self,
        people: &[Person],
        ages: &[i32],
        heads: &[usize],
        issuer: &mut Issuer,
        rng: &mut DemoRng,
    ) -> Vec<Option<String>> {
        let mut digits: Vec<Option<String>> = Vec::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            let age = ages[i];
            let own = rng.random_bool(own_phone_share(age)).then(|| self.mobile(issuer, rng));
            let borrowed = || {
                let from = if age < 18 { p.mother.or(p.father) } else { Some(heads[p.household]) };
                from.filter(|&j| j < i).and_then(|j| digits[j].clone())
            };
            let shares = !(15..65).contains(&age);
            let n = match own {
                Some(n) => Some(n),
                None if shares && rng.random_bool(0.3) => borrowed(),
                None => None,
            };
            digits.push(n);
        }
        digits.into_iter().map(|d| d.map(|d| Self::written(&d, rng))).collect()
    }

    /// An e-mail address for some adults, built from the name as Vietnamese users do.
    pub fn email(&self, p: &Person, age: i32, issuer: &mut Issuer, rng: &mut DemoRng) -> Option<String> {
        let share = match age {
            ..15 => 0.0,
            15..18 => 0.1,
            18..51 => 0.25,
            51..66 => 0.08,
            _ => 0.02,
        };
        if !rng.random_bool(share) {
            return None;
        }
        let words: Vec<String> = fold(&p.full_name()).split(' ').map(str::to_string).collect();
        let given = words.last().expect("a name has words");
        let surname = &words[0];
        let initials: String = words[..words.len() - 1].iter().filter_map(|w| w.chars().next()).collect();
        let year = p.birth.year;
        let domain = MAIL_DOMAINS[self.domains.sample(rng)].0;
        let mut local = match rng.random_range(0..4) {
            0 => format!("{given}{surname}{:02}", year % 100),
            1 => format!("{surname}{given}{year}"),
            2 => format!("{given}.{surname}"),
            _ => format!("{given}{initials}{}", rng.random_range(1..=99)),
        };
        loop {
            let address = format!("{local}@{domain}");
            if issuer.claim(&address) {
                return Some(address);
            }
            local.push(*['1', '2', '6', '8', '9'].choose(rng).expect("digits"));
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn every_written_form_is_a_valid_mobile_number() {
        let mut rng = DemoRng::seed_from_u64(4);
        let contacts = Contacts::default();
        let mut issuer = Issuer::default();
        for _ in 0..2000 {
            let d = contacts.mobile(&mut issuer, &mut rng);
            let w = Contacts::written(&d, &mut rng);
            assert_eq!(motcua_core::phone::normalize(&w).as_deref(), Some(d.as_str()), "{w}");
        }
    }
}
