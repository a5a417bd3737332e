//! Vietnamese mobile numbers, written many ways (`0912 345 678`, `+84.912.345.678`),
//! reduced to one form: ten digits starting with 0.

/// `None` when the text is not a Vietnamese mobile number in any accepted form.
pub fn normalize(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect();
    let digits = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{rest}")
    } else if compact.len() == 11 && compact.starts_with("84") {
        format!("0{}", &compact[2..])
    } else {
        compact
    };
    let ok = digits.len() == 10
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(digits.as_bytes()[1], b'3' | b'5' | b'7' | b'8' | b'9');
    ok.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn every_written_form_reaches_one() {
        for s in
            ["0912345678", "0912 345 678", "0912.345.678", "+84912345678", "+84 912 345 678", "84912345678"]
        {
            assert_eq!(normalize(s).as_deref(), Some("0912345678"), "{s}");
        }
    }

    #[test]
    fn non_mobile_numbers_are_refused() {
        for s in ["091234567", "02412345678", "0112345678", "09123456789", "abc", ""] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }
}
