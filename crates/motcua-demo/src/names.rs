//! Vietnamese names drawn by their real frequencies: surname by national share, middle
//! name (chữ đệm) and given name by sex.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;

use motcua_core::sex::Sex;

const SURNAMES: &str = include_str!("../data/surnames.csv");
const MIDDLE: &str = include_str!("../data/middle-names.csv");
const GIVEN: &str = include_str!("../data/given-names.csv");

pub struct NamePool {
    surnames: Vec<String>,
    surname_weights: WeightedIndex<f64>,
    middle: [(Vec<String>, WeightedIndex<f64>); 2],
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
    pub fn load() -> NamePool {
        let s = rows(SURNAMES);
        let surnames = s.iter().map(|r| r[0].to_string()).collect();
        let surname_weights =
            WeightedIndex::new(s.iter().map(|r| r[1].parse::<f64>().expect("share is a number")))
                .expect("positive shares");
        let middle_for = |sex: &str| {
            let m: Vec<_> = rows(MIDDLE).into_iter().filter(|r| &r[0] == sex).collect();
            let names = m.iter().map(|r| r[1].to_string()).collect();
            let w = WeightedIndex::new(m.iter().map(|r| r[2].parse::<f64>().expect("weight")))
                .expect("positive weights");
            (names, w)
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

    pub fn surname(&self, rng: &mut impl Rng) -> String {
        self.surnames[self.surname_weights.sample(rng)].clone()
    }

    /// Middle and given name; about one in ten has two middle names.
    pub fn rest(&self, sex: Sex, rng: &mut impl Rng) -> String {
        let (names, weights) = &self.middle[slot(sex)];
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
        let given = self.given[slot(sex)].choose(rng).expect("given names exist");
        format!("{middle} {given}")
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn women_mostly_carry_thi_and_men_van_among_others() {
        let pool = NamePool::load();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let women: Vec<String> = (0..2000).map(|_| pool.rest(Sex::Nu, &mut rng)).collect();
        let thi = women.iter().filter(|n| n.starts_with("Thị")).count();
        assert!((500..1300).contains(&thi), "{thi}");
        let men: Vec<String> = (0..2000).map(|_| pool.rest(Sex::Nam, &mut rng)).collect();
        assert!(!men.iter().any(|n| n.starts_with("Thị ")));
    }
}
