//! Households of realistic shape and the people in them, before any of it is written
//! down as register rows.

use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;

use motcua_core::date::{PartialDate, days_in_month};
use motcua_core::sex::Sex;

use crate::names::NamePool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Head,
    Wife,
    Husband,
    Child,
    Father,
    Mother,
}

impl Relation {
    pub fn label(self) -> &'static str {
        match self {
            Relation::Head => "Chủ hộ",
            Relation::Wife => "Vợ",
            Relation::Husband => "Chồng",
            Relation::Child => "Con",
            Relation::Father => "Bố",
            Relation::Mother => "Mẹ",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub household: usize,
    pub relation: Relation,
    pub surname: String,
    pub rest: String,
    pub sex: Sex,
    pub birth: PartialDate,
    pub father: Option<usize>,
    pub mother: Option<usize>,
    pub spouse: Option<usize>,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.surname, self.rest)
    }
}

/// Household shapes with their share of households.
const SHAPES: [(Shape, f64); 6] = [
    (Shape::CoupleWithChildren, 44.0),
    (Shape::Couple, 12.0),
    (Shape::Single, 13.0),
    (Shape::SingleParent, 8.0),
    (Shape::ThreeGenerations, 15.0),
    (Shape::ElderlyCouple, 8.0),
];

#[derive(Debug, Clone, Copy)]
enum Shape {
    CoupleWithChildren,
    Couple,
    Single,
    SingleParent,
    ThreeGenerations,
    ElderlyCouple,
}

pub struct Builder<'a, R: Rng> {
    pub rng: &'a mut R,
    pub names: &'a NamePool,
    pub as_of: PartialDate,
    pub people: Vec<Person>,
    pub households: usize,
}

impl<R: Rng> Builder<'_, R> {
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

    fn person(
        &mut self,
        household: usize,
        relation: Relation,
        sex: Sex,
        age: i32,
        surname: Option<&str>,
    ) -> usize {
        let surname = surname.map(str::to_string).unwrap_or_else(|| self.names.surname(self.rng));
        let rest = self.names.rest(sex, self.rng);
        let birth = self.birth_for_age(age);
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
        });
        self.people.len() - 1
    }

    fn marry(&mut self, a: usize, b: usize) {
        self.people[a].spouse = Some(b);
        self.people[b].spouse = Some(a);
    }

    fn children(&mut self, household: usize, father: Option<usize>, mother: Option<usize>, count: usize) {
        let mother_age = mother.map(|m| self.people[m].birth.age_on(self.as_of));
        let father_age = father.map(|f| self.people[f].birth.age_on(self.as_of));
        let parent_age = mother_age.or(father_age).expect("a child has a parent");
        let surname = father.or(mother).map(|p| self.people[p].surname.clone());
        // Children are born when the mother is 19..40; adult children may still live at home.
        let oldest = (parent_age - 19).clamp(0, 30);
        let youngest = (parent_age - 40).max(0);
        for _ in 0..count {
            if oldest < youngest {
                break;
            }
            let age = self.rng.random_range(youngest..=oldest);
            let sex = if self.rng.random_bool(0.51) { Sex::Nam } else { Sex::Nu };
            let c = self.person(household, Relation::Child, sex, age, surname.as_deref());
            self.people[c].father = father;
            self.people[c].mother = mother;
        }
    }

    fn child_count(&mut self) -> usize {
        let w = WeightedIndex::new([0.0, 30.0, 50.0, 20.0]).expect("weights");
        w.sample(self.rng)
    }

    /// Adds one household and returns how many people it has.
    pub fn household(&mut self) -> usize {
        let h = self.households;
        self.households += 1;
        let before = self.people.len();
        let shape = SHAPES[WeightedIndex::new(SHAPES.map(|s| s.1)).expect("weights").sample(self.rng)].0;
        match shape {
            Shape::CoupleWithChildren | Shape::ThreeGenerations => {
                let head_age = match shape {
                    Shape::ThreeGenerations => self.rng.random_range(30..=52),
                    _ => self.rng.random_range(26..=62),
                };
                let (husband, wife) = self.couple(h, head_age);
                let n = self.child_count();
                self.children(h, Some(husband), Some(wife), n);
                if matches!(shape, Shape::ThreeGenerations) {
                    let head = if self.people[husband].relation == Relation::Head { husband } else { wife };
                    self.elderly_parents(h, head);
                }
            }
            Shape::Couple => {
                let age = if self.rng.random_bool(0.5) {
                    self.rng.random_range(22..=32)
                } else {
                    self.rng.random_range(45..=70)
                };
                self.couple(h, age);
            }
            Shape::ElderlyCouple => {
                let age = self.rng.random_range(62..=88);
                self.couple(h, age);
            }
            Shape::Single => {
                let age = self.rng.random_range(19..=90);
                let sex = if self.rng.random_bool(0.5) { Sex::Nam } else { Sex::Nu };
                self.person(h, Relation::Head, sex, age, None);
            }
            Shape::SingleParent => {
                let age = self.rng.random_range(27..=58);
                let sex = if self.rng.random_bool(0.8) { Sex::Nu } else { Sex::Nam };
                let p = self.person(h, Relation::Head, sex, age, None);
                let n = self.child_count().max(1);
                let (f, m) = if sex == Sex::Nam { (Some(p), None) } else { (None, Some(p)) };
                self.children(h, f, m, n);
            }
        }
        self.people.len() - before
    }

    /// A household of one, used to reach an exact resident count.
    pub fn single(&mut self) {
        let h = self.households;
        self.households += 1;
        let age = self.rng.random_range(19..=80);
        let sex = if self.rng.random_bool(0.5) { Sex::Nam } else { Sex::Nu };
        self.person(h, Relation::Head, sex, age, None);
    }

    /// A married couple, the husband usually the head; returns (husband, wife).
    fn couple(&mut self, h: usize, head_age: i32) -> (usize, usize) {
        let wife_age = (head_age - self.rng.random_range(-2..=6)).max(18);
        let husband_heads = self.rng.random_bool(0.8);
        let (hr, wr) = if husband_heads {
            (Relation::Head, Relation::Wife)
        } else {
            (Relation::Husband, Relation::Head)
        };
        let husband = self.person(h, hr, Sex::Nam, head_age, None);
        let wife = self.person(h, wr, Sex::Nu, wife_age, None);
        self.marry(husband, wife);
        (husband, wife)
    }

    /// One or both parents of the head, living with the head's family.
    fn elderly_parents(&mut self, h: usize, head: usize) {
        let head_age = self.people[head].birth.age_on(self.as_of);
        let surname = self.people[head].surname.clone();
        let father_age = head_age + self.rng.random_range(23..=35);
        let mother_age = father_age - self.rng.random_range(0..=5);
        let father = (self.rng.random_bool(0.6) && father_age <= 95)
            .then(|| self.person(h, Relation::Father, Sex::Nam, father_age, Some(&surname)));
        let mother = (mother_age <= 97).then(|| self.person(h, Relation::Mother, Sex::Nu, mother_age, None));
        if let (Some(f), Some(m)) = (father, mother) {
            self.marry(f, m);
        }
        self.people[head].father = father;
        self.people[head].mother = mother;
    }
}
