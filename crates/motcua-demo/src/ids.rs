//! Identity numbers consistent with the person they belong to, and unique: a generated
//! register has no shared number that was not planted.

use std::collections::HashSet;

use rand::Rng;

use motcua_core::date::PartialDate;
use motcua_core::idnum;
use motcua_core::sex::Sex;

use crate::DemoRng;

/// Hands out each number (ID, old ID card, phone, e-mail) once. Only membership is
/// asked of the set, so its order never reaches the output.
#[derive(Default)]
pub struct Issuer {
    used: HashSet<String>,
}

impl Issuer {
    /// Claims a number made elsewhere (a planted variant); false when already in use.
    pub fn claim(&mut self, n: &str) -> bool {
        self.used.insert(n.to_string())
    }

    pub fn id_number(
        &mut self,
        province_code: &str,
        birth: PartialDate,
        sex: Sex,
        rng: &mut DemoRng,
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

    /// An old 9-digit CMND. It was issued where one lived at 14, and its first two
    /// digits named that province: Hà Nội's began 01, Hà Tây's 11, the others up to 38.
    pub fn old_id(&mut self, hanoi: bool, rng: &mut DemoRng) -> String {
        loop {
            let province = if hanoi { 1 } else { rng.random_range(2..=38) };
            let n = format!("{province:02}{:07}", rng.random_range(0..10_000_000));
            if self.used.insert(n.clone()) {
                return n;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn numbers_agree_with_the_person_and_never_repeat() {
        let mut rng = DemoRng::seed_from_u64(1);
        let mut issuer = Issuer::default();
        let birth = PartialDate::full(2003, 5, 17).unwrap();
        let mut seen = HashSet::new();
        for _ in 0..2000 {
            let n = issuer.id_number("036", birth, Sex::Nu, &mut rng);
            let info = idnum::decode(&n).unwrap();
            assert_eq!((info.province, info.sex, info.birth_year), (Some("Nam Định"), Sex::Nu, 2003));
            assert!(seen.insert(n));
        }
        let old = issuer.old_id(true, &mut rng);
        assert!(idnum::is_old_id_number(&old) && old.starts_with("01"), "{old}");
    }
}
