//! Households of realistic shape and the people in them, before any of it is written
//! down as register rows.
//!
//! Ages come from how families form (a first child in the mother's twenties, a few
//! years between children, adult children leaving home), so the age pyramid emerges
//! from the households instead of being imposed on them.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;

use motcua_core::date::{PartialDate, days_in_month};
use motcua_core::sex::Sex;

use crate::DemoRng;
use crate::names::NamePool;

pub const HEAD: &str = "Chủ hộ";

/// Household shapes with their share of households (urban Vietnam: about one in seven
/// lives alone, most live as couples with children, one in five with three generations).
const SHAPES: [(Shape, f64); 8] = [
    (Shape::Single, 13.0),
    (Shape::Couple, 9.0),
    (Shape::Nuclear, 43.0),
    (Shape::SingleParent, 7.0),
    (Shape::WithGrandparents, 10.0),
    (Shape::WithMarriedChild, 14.0),
    (Shape::Siblings, 2.0),
    (Shape::SkippedGeneration, 2.0),
];

/// The largest household any shape makes: the loop that fills the ward leaves room
/// for it.
pub const MAX_HOUSEHOLD: usize = 11;

#[derive(Debug, Clone, Copy)]
enum Shape {
    Single,
    Couple,
    /// A couple and their children.
    Nuclear,
    SingleParent,
    /// A couple, their children and the head's (or the spouse's) parents.
    WithGrandparents,
    /// An older head, a married child with spouse and grandchildren.
    WithMarriedChild,
    Siblings,
    /// Grandparents raising grandchildren whose parents work elsewhere.
    SkippedGeneration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marital {
    Single,
    Married,
    Divorced,
    Widowed,
}

impl Marital {
    pub fn label(self) -> &'static str {
        match self {
            Marital::Single => "Chưa kết hôn",
            Marital::Married => "Đã kết hôn",
            Marital::Divorced => "Ly hôn",
            Marital::Widowed => "Góa",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub household: usize,
    /// Relation to the household head, as the register writes it.
    pub relation: &'static str,
    pub surname: String,
    pub rest: String,
    pub sex: Sex,
    pub birth: PartialDate,
    pub father: Option<usize>,
    pub mother: Option<usize>,
    pub spouse: Option<usize>,
    pub marital: Marital,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.surname, self.rest)
    }

    pub fn age_on(&self, on: PartialDate) -> i32 {
        self.birth.age_on(on)
    }
}

pub struct Builder<'a> {
    pub rng: &'a mut DemoRng,
    pub names: &'a NamePool,
    pub as_of: PartialDate,
    pub people: Vec<Person>,
    pub households: usize,
    shapes: WeightedIndex<f64>,
}

fn sex_of(rng: &mut DemoRng, male_share: f64) -> Sex {
    if rng.random_bool(male_share) { Sex::Nam } else { Sex::Nu }
}

impl<'a> Builder<'a> {
    pub fn new(rng: &'a mut DemoRng, names: &'a NamePool, as_of: PartialDate) -> Self {
        let shapes = WeightedIndex::new(SHAPES.map(|s| s.1)).expect("weights");
        Builder { rng, names, as_of, people: Vec::new(), households: 0, shapes }
    }

    /// A birth date for someone `age` years old on `as_of`.
    fn birth_for_age(&mut self, age: i32) -> PartialDate {
        loop {
            let year = self.as_of.year - age - i32::from(self.rng.random_bool(0.5));
            let month = self.rng.random_range(1..=12u8);
            let day = self.rng.random_range(1..=days_in_month(year, month));
            let d = PartialDate::full(year, month, day).expect("valid by construction");
            if d.age_on(self.as_of) == age {
                return d;
            }
        }
    }

    /// An age from weighted bands of (youngest, oldest, weight).
    fn age_in(&mut self, bands: &[(i32, i32, f64)]) -> i32 {
        let w = WeightedIndex::new(bands.iter().map(|b| b.2)).expect("weights");
        let (lo, hi, _) = bands[w.sample(self.rng)];
        self.rng.random_range(lo..=hi)
    }

    fn age(&self, i: usize) -> i32 {
        self.people[i].age_on(self.as_of)
    }

    fn add(
        &mut self,
        household: usize,
        relation: &'static str,
        sex: Sex,
        age: i32,
        surname: Option<&str>,
        marital: Marital,
    ) -> usize {
        let surname = surname.map(str::to_string).unwrap_or_else(|| self.names.surname(self.rng));
        let birth = self.birth_for_age(age);
        // Parents do not give two of their children the same name.
        let mut rest = self.names.rest(sex, birth.year, self.rng);
        for _ in 0..8 {
            let taken = self
                .people
                .iter()
                .rev()
                .take_while(|p| p.household == household)
                .any(|p| p.surname == surname && p.rest == rest);
            if !taken {
                break;
            }
            rest = self.names.rest(sex, birth.year, self.rng);
        }
        self.people.push(Person {
            household,
            relation,
            surname,
            rest,
            sex,
            birth,
            father: None,
            mother: None,
            spouse: None,
            marital,
        });
        self.people.len() - 1
    }

    fn marry(&mut self, a: usize, b: usize) {
        self.people[a].spouse = Some(b);
        self.people[b].spouse = Some(a);
    }

    /// Ages of the children a woman now `mother_age` has borne, oldest first. Older
    /// generations had more children.
    fn births(&mut self, mother_age: i32) -> Vec<i32> {
        let weights: &[f64] = match mother_age {
            65.. => &[8.0, 25.0, 32.0, 22.0, 13.0],
            45..65 => &[20.0, 50.0, 24.0, 6.0],
            _ => &[24.0, 52.0, 20.0, 4.0],
        };
        let count = 1 + WeightedIndex::new(weights).expect("weights").sample(self.rng);
        let mut at = 20 + self.rng.random_range(0..=7) + self.rng.random_range(0..=6);
        let mut ages = Vec::with_capacity(count);
        for _ in 0..count {
            let age = mother_age - at;
            if age < 0 || at > 44 {
                break;
            }
            ages.push(age);
            at += 2 + self.rng.random_range(0..=4);
        }
        ages
    }

    /// Whether a child of this age still lives with the parents.
    fn stays_home(&mut self, age: i32) -> bool {
        let p = match age {
            ..18 => 0.98,
            18..22 => 0.85,
            22..26 => 0.7,
            26..30 => 0.45,
            30..35 => 0.25,
            35..45 => 0.12,
            _ => 0.05,
        };
        self.rng.random_bool(p)
    }

    /// Adds the children of `mother_age` who still live at home; `at_least_one` keeps
    /// the youngest (or makes one) when all have left.
    #[allow(clippy::too_many_arguments)]
    fn children(
        &mut self,
        h: usize,
        relation: &'static str,
        father: Option<usize>,
        mother: Option<usize>,
        mother_age: i32,
        surname: &str,
        at_least_one: bool,
    ) -> Vec<usize> {
        let born = self.births(mother_age);
        let mut home: Vec<i32> = born.iter().copied().filter(|&a| self.stays_home(a)).collect();
        if home.is_empty() && at_least_one {
            let youngest =
                born.last().copied().unwrap_or_else(|| self.rng.random_range(0..=(mother_age - 20).max(0)));
            home.push(youngest);
        }
        let mut made = Vec::with_capacity(home.len());
        for age in home {
            let marital =
                if age >= 28 && self.rng.random_bool(0.12) { Marital::Divorced } else { Marital::Single };
            // Sex ratio at birth in Vietnam is about 111 boys to 100 girls.
            let sex = sex_of(self.rng, 0.526);
            let c = self.add(h, relation, sex, age, Some(surname), marital);
            self.people[c].father = father;
            self.people[c].mother = mother;
            made.push(c);
        }
        made
    }

    /// A married couple; `husband_heads` picks who is written down as head. Returns
    /// (husband, wife).
    fn couple(&mut self, h: usize, husband_age: i32, husband_heads: bool) -> (usize, usize) {
        let gap = self.age_in(&[(-3, 0, 15.0), (1, 4, 60.0), (5, 9, 25.0)]);
        let wife_age = (husband_age - gap).max(18);
        let (hr, wr) = if husband_heads { (HEAD, "Vợ") } else { ("Chồng", HEAD) };
        let husband = self.add(h, hr, Sex::Nam, husband_age, None, Marital::Married);
        let wife = self.add(h, wr, Sex::Nu, wife_age, None, Marital::Married);
        self.marry(husband, wife);
        (husband, wife)
    }

    /// Marital status of someone living without a spouse.
    fn unpartnered(&mut self, age: i32, had_children: bool) -> Marital {
        let (single, divorced): (f64, f64) = match age {
            ..30 => (if had_children { 15.0 } else { 95.0 }, 5.0),
            30..45 => (if had_children { 10.0 } else { 55.0 }, 35.0),
            45..60 => (if had_children { 5.0 } else { 25.0 }, 35.0),
            _ => (if had_children { 2.0 } else { 10.0 }, 12.0),
        };
        let widowed = 100.0 - single - divorced;
        let w = WeightedIndex::new([single, divorced, widowed.max(0.0)]).expect("weights");
        [Marital::Single, Marital::Divorced, Marital::Widowed][w.sample(self.rng)]
    }

    /// Adds one household and returns how many people it has.
    pub fn household(&mut self) -> usize {
        let h = self.households;
        self.households += 1;
        let before = self.people.len();
        match SHAPES[self.shapes.sample(self.rng)].0 {
            Shape::Single => self.alone(h),
            Shape::Couple => {
                let age = if self.rng.random_bool(0.35) {
                    self.rng.random_range(22..=34)
                } else {
                    self.age_in(&[(50, 64, 52.0), (65, 79, 37.0), (80, 90, 11.0)])
                };
                let husband_heads = self.rng.random_bool(0.8);
                self.couple(h, age, husband_heads);
            }
            Shape::Nuclear => {
                let age = self.age_in(&[
                    (23, 29, 14.0),
                    (30, 39, 38.0),
                    (40, 49, 28.0),
                    (50, 59, 14.0),
                    (60, 72, 6.0),
                ]);
                let husband_heads = self.rng.random_bool(0.78);
                let (husband, wife) = self.couple(h, age, husband_heads);
                let (mother_age, surname) = (self.age(wife), self.people[husband].surname.clone());
                self.children(h, "Con", Some(husband), Some(wife), mother_age, &surname, false);
            }
            Shape::SingleParent => self.single_parent(h),
            Shape::WithGrandparents => self.with_grandparents(h),
            Shape::WithMarriedChild => self.with_married_child(h),
            Shape::Siblings => self.siblings(h),
            Shape::SkippedGeneration => self.skipped_generation(h),
        }
        debug_assert!(self.people.len() - before <= MAX_HOUSEHOLD);
        self.people.len() - before
    }

    /// A household of one; also used to reach an exact resident count.
    pub fn alone(&mut self, h: usize) {
        let age =
            self.age_in(&[(19, 29, 32.0), (30, 44, 20.0), (45, 59, 15.0), (60, 74, 19.0), (75, 95, 14.0)]);
        // Old people living alone are mostly widows.
        let sex = sex_of(self.rng, if age >= 60 { 0.3 } else { 0.5 });
        let marital = self.unpartnered(age, age >= 45);
        self.add(h, HEAD, sex, age, None, marital);
    }

    /// The next household number, for [`Builder::alone`].
    pub fn next_household(&mut self) -> usize {
        self.households += 1;
        self.households - 1
    }

    fn single_parent(&mut self, h: usize) {
        let age = self.age_in(&[(25, 39, 30.0), (40, 54, 38.0), (55, 82, 32.0)]);
        let sex = sex_of(self.rng, 0.2);
        let marital = self.unpartnered(age, true);
        let p = self.add(h, HEAD, sex, age, None, marital);
        let (father, mother, mother_age) = match sex {
            Sex::Nam => (Some(p), None, age - 3),
            Sex::Nu => (None, Some(p), age),
        };
        // Children take their father's surname, here mostly one not in the household;
        // some children of unmarried mothers take hers.
        let surname = if sex == Sex::Nam || self.rng.random_bool(0.15) {
            self.people[p].surname.clone()
        } else {
            self.names.surname(self.rng)
        };
        self.children(h, "Con", father, mother, mother_age, &surname, true);
    }

    fn with_grandparents(&mut self, h: usize) {
        let age = self.age_in(&[(28, 39, 40.0), (40, 52, 60.0)]);
        let husband_heads = self.rng.random_bool(0.8);
        let (husband, wife) = self.couple(h, age, husband_heads);
        let (mother_age, surname) = (self.age(wife), self.people[husband].surname.clone());
        self.children(h, "Con", Some(husband), Some(wife), mother_age, &surname, false);
        // Mostly the head's own parents; sometimes the spouse's.
        let head = if husband_heads { husband } else { wife };
        let spouse = if husband_heads { wife } else { husband };
        let (whose, labels) = match (self.rng.random_bool(0.8), husband_heads) {
            (true, _) => (head, ("Bố", "Mẹ")),
            (false, true) => (spouse, ("Bố vợ", "Mẹ vợ")),
            (false, false) => (spouse, ("Bố chồng", "Mẹ chồng")),
        };
        let child_age = self.age(whose);
        let father_age = child_age + self.rng.random_range(24..=34);
        let mother_age = (father_age - self.rng.random_range(0..=6)).max(child_age + 19);
        let mut with_father = father_age <= 97 && self.rng.random_bool(0.55);
        let with_mother = mother_age <= 99 && (self.rng.random_bool(0.85) || !with_father);
        if !with_mother && !with_father && father_age <= 97 {
            with_father = true;
        }
        let widowed = |both: bool| if both { Marital::Married } else { Marital::Widowed };
        let line = self.people[whose].surname.clone();
        let father = with_father
            .then(|| self.add(h, labels.0, Sex::Nam, father_age, Some(&line), widowed(with_mother)));
        let mother =
            with_mother.then(|| self.add(h, labels.1, Sex::Nu, mother_age, None, widowed(with_father)));
        if let (Some(f), Some(m)) = (father, mother) {
            self.marry(f, m);
        }
        self.people[whose].father = father;
        self.people[whose].mother = mother;
    }

    fn with_married_child(&mut self, h: usize) {
        let age = self.age_in(&[(52, 64, 42.0), (65, 74, 38.0), (75, 90, 20.0)]);
        let (elder_father, elder_mother, mother_age, line) = if self.rng.random_bool(0.7) {
            let husband_heads = self.rng.random_bool(0.85);
            let (f, m) = self.couple(h, age, husband_heads);
            (Some(f), Some(m), self.age(m), self.people[f].surname.clone())
        } else {
            let sex = sex_of(self.rng, 0.25);
            let marital = if self.rng.random_bool(0.85) { Marital::Widowed } else { Marital::Divorced };
            let p = self.add(h, HEAD, sex, age, None, marital);
            match sex {
                Sex::Nam => (Some(p), None, age - 3, self.people[p].surname.clone()),
                // Her children carry their late father's surname.
                Sex::Nu => (None, Some(p), age, self.names.surname(self.rng)),
            }
        };
        let child_age = self.rng.random_range((mother_age - 36).max(22)..=(mother_age - 21).max(22));
        let son = self.rng.random_bool(0.8);
        let (child_sex, in_law_sex, in_law_label) =
            if son { (Sex::Nam, Sex::Nu, "Con dâu") } else { (Sex::Nu, Sex::Nam, "Con rể") };
        let child = self.add(h, "Con", child_sex, child_age, Some(&line), Marital::Married);
        self.people[child].father = elder_father;
        self.people[child].mother = elder_mother;
        let gap = self.rng.random_range(0..=5);
        let in_law_age = if son { (child_age - gap).max(20) } else { child_age + gap };
        let in_law = self.add(h, in_law_label, in_law_sex, in_law_age, None, Marital::Married);
        self.marry(child, in_law);
        let (young_father, young_mother) = if son { (child, in_law) } else { (in_law, child) };
        let (young_mother_age, grand_line) =
            (self.age(young_mother), self.people[young_father].surname.clone());
        self.children(
            h,
            "Cháu",
            Some(young_father),
            Some(young_mother),
            young_mother_age,
            &grand_line,
            false,
        );
        // Sometimes a younger, unmarried brother or sister still lives at home.
        let sibling_age = child_age - self.rng.random_range(2..=8);
        if sibling_age >= 18 && self.rng.random_bool(0.25) {
            let sex = sex_of(self.rng, 0.5);
            let s = self.add(h, "Con", sex, sibling_age, Some(&line), Marital::Single);
            self.people[s].father = elder_father;
            self.people[s].mother = elder_mother;
        }
    }

    fn siblings(&mut self, h: usize) {
        let age = self.rng.random_range(20..=45);
        let sex = sex_of(self.rng, 0.5);
        let marital = self.unpartnered(age, false);
        let head = self.add(h, HEAD, sex, age, None, marital);
        let line = self.people[head].surname.clone();
        let older = self.rng.random_bool(0.3);
        let sibling_age = if older {
            age + self.rng.random_range(1..=6)
        } else {
            (age - self.rng.random_range(1..=8)).max(18)
        };
        let sibling_sex = sex_of(self.rng, 0.5);
        let label = match (sibling_age > age, sibling_sex) {
            (true, Sex::Nam) => "Anh",
            (true, Sex::Nu) => "Chị",
            (false, _) => "Em",
        };
        let marital = self.unpartnered(sibling_age, false);
        self.add(h, label, sibling_sex, sibling_age, Some(&line), marital);
    }

    fn skipped_generation(&mut self, h: usize) {
        let age = self.rng.random_range(55..=80);
        let paternal = self.rng.random_bool(0.7);
        let grandfather_line = if self.rng.random_bool(0.6) {
            let (f, _) = self.couple(h, age, true);
            self.people[f].surname.clone()
        } else {
            self.add(h, HEAD, Sex::Nu, age, None, Marital::Widowed);
            self.names.surname(self.rng)
        };
        let line = if paternal { grandfather_line } else { self.names.surname(self.rng) };
        let count = self.rng.random_range(1..=2);
        for _ in 0..count {
            let age = self.rng.random_range(1..=15);
            let sex = sex_of(self.rng, 0.526);
            self.add(h, "Cháu", sex, age, Some(&line), Marital::Single);
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::background::Region;

    fn build(n: usize) -> Vec<Person> {
        let names = NamePool::load(Region::North);
        let mut rng = DemoRng::seed_from_u64(11);
        let as_of = PartialDate::full(2026, 1, 1).unwrap();
        let mut b = Builder::new(&mut rng, &names, as_of);
        while b.people.len() < n {
            b.household();
        }
        b.people
    }

    #[test]
    fn parents_are_old_enough_and_spouses_adults() {
        let people = build(5000);
        let as_of = PartialDate::full(2026, 1, 1).unwrap();
        for (i, p) in people.iter().enumerate() {
            for parent in [p.father, p.mother].into_iter().flatten() {
                let gap = people[parent].age_on(as_of) - p.age_on(as_of);
                assert!((16..=60).contains(&gap), "{i}: parent {gap} years older");
                assert_eq!(people[parent].household, p.household);
            }
            if let Some(s) = p.spouse {
                assert_eq!(people[s].spouse, Some(i));
                assert!(p.age_on(as_of) >= 18);
                assert_eq!(p.marital, Marital::Married);
            }
        }
    }

    #[test]
    fn children_carry_their_fathers_surname_and_distinct_names() {
        let people = build(3000);
        for (i, p) in people.iter().enumerate() {
            if let Some(f) = p.father {
                assert_eq!(people[f].surname, p.surname, "{i}");
            }
            let twins = people
                .iter()
                .enumerate()
                .filter(|(j, q)| *j != i && q.household == p.household && q.full_name() == p.full_name())
                .count();
            assert_eq!(twins, 0, "{}", p.full_name());
        }
    }

    #[test]
    fn every_household_has_one_head() {
        let people = build(3000);
        let households = people.last().unwrap().household + 1;
        for h in 0..households {
            let heads = people.iter().filter(|p| p.household == h && p.relation == HEAD).count();
            assert_eq!(heads, 1, "household {h}");
        }
    }
}
