//! The 12-digit personal identification number (số định danh cá nhân).
//!
//! Digits 1–3: province where the birth was registered (old 63-province scheme, not
//! changed by the 2025 merger); digit 4: century and sex; digits 5–6: birth year;
//! digits 7–12: random (NĐ 137/2015 Art. 7). There is no check digit. Whether the
//! structure binds numbers issued after 1/7/2024 is disputed, so a mismatch is
//! something for an officer to look at, never a rejection.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::sex::Sex;

const PROVINCE_CODES_CSV: &str = include_str!("../data/id-number-province-codes.csv");

/// What the structure of a well-formed number says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumberInfo {
    pub province_code: String,
    /// `None` when the first three digits are not a birth-registration province code.
    pub province: Option<&'static str>,
    pub sex: Sex,
    pub birth_year: i32,
}

/// Decodes a 12-digit number; `None` when it is not exactly 12 ASCII digits.
pub fn decode(number: &str) -> Option<IdNumberInfo> {
    if !is_id_number(number) {
        return None;
    }
    let b = number.as_bytes();
    let century_sex = b[3] - b'0';
    let century = 1900 + 100 * i32::from(century_sex / 2);
    let sex = if century_sex % 2 == 0 { Sex::Nam } else { Sex::Nu };
    let yy = i32::from(b[4] - b'0') * 10 + i32::from(b[5] - b'0');
    Some(IdNumberInfo {
        province_code: number[..3].to_string(),
        province: province_by_code(&number[..3]),
        sex,
        birth_year: century + yy,
    })
}

/// The fourth digit for a birth year and sex: 1900s male 0 / female 1, 2000s 2 / 3, ...
/// `None` outside 1900–2399.
pub fn century_sex_digit(birth_year: i32, sex: Sex) -> Option<u8> {
    if !(1900..2400).contains(&birth_year) {
        return None;
    }
    let century = ((birth_year - 1900) / 100) as u8;
    Some(century * 2 + u8::from(sex == Sex::Nu))
}

/// The first six digits a number must start with for this person.
pub fn expected_prefix(province_code: &str, birth_year: i32, sex: Sex) -> Option<String> {
    let d4 = century_sex_digit(birth_year, sex)?;
    Some(format!("{province_code}{d4}{:02}", birth_year.rem_euclid(100)))
}

pub fn is_id_number(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The old 9-digit identity card (CMND) has no public structure beyond its length.
pub fn is_old_id_number(s: &str) -> bool {
    s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Birth-registration provinces: (three-digit code, name), in code order.
pub fn provinces() -> &'static [(String, String)] {
    static LIST: OnceLock<Vec<(String, String)>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut rdr = csv::Reader::from_reader(PROVINCE_CODES_CSV.as_bytes());
        rdr.records()
            .map(|r| {
                let r = r.expect("vendored id-number-province-codes.csv is valid");
                (r[0].to_string(), r[1].to_string())
            })
            .collect()
    })
}

pub fn province_by_code(code: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| provinces().iter().map(|(c, n)| (c.as_str(), n.as_str())).collect()).get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_structure() {
        let info = decode("001089552813").unwrap();
        assert_eq!(info.province, Some("Hà Nội"));
        assert_eq!(info.sex, Sex::Nam);
        assert_eq!(info.birth_year, 1989);
        let info = decode("092301377160").unwrap();
        assert_eq!(info.sex, Sex::Nu);
        assert_eq!(info.birth_year, 2001);
    }

    #[test]
    fn unknown_province_code_is_reported_not_rejected() {
        let info = decode("003089552813").unwrap();
        assert_eq!(info.province, None);
    }

    #[test]
    fn wrong_lengths_are_not_numbers() {
        assert!(decode("00108955281").is_none());
        assert!(decode("0010895528130").is_none());
        assert!(decode("00108955281a").is_none());
        assert!(is_old_id_number("434017303"));
        assert!(!is_old_id_number("43401730"));
    }

    #[test]
    fn century_digit_round_trips() {
        for (year, sex) in [(1955, Sex::Nam), (1999, Sex::Nu), (2001, Sex::Nu), (2010, Sex::Nam)] {
            let prefix = expected_prefix("001", year, sex).unwrap();
            let info = decode(&format!("{prefix}123456")).unwrap();
            assert_eq!((info.birth_year, info.sex), (year, sex));
        }
        assert_eq!(century_sex_digit(1899, Sex::Nam), None);
    }

    #[test]
    fn vendored_province_list_is_complete() {
        assert_eq!(provinces().len(), 63);
    }
}
