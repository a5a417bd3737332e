//! Field-by-field comparison of two records, as evidence for or against their being one
//! person: weights are log-odds (Fellegi–Sunter), calibrated on generated wards with
//! known truth (`motcua bench review`).

use serde::{Deserialize, Serialize};

use super::super::subject::{Subject, cell};
use crate::date::PartialDate;
use crate::{phone, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Same,
    Similar,
    Different,
}

/// One field's evidence, for the officer deciding a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub field: String,
    pub verdict: Verdict,
    /// Vietnamese: what the two values have in common or not.
    pub detail: String,
    pub weight: f64,
}

/// The weight at which a pair is even odds of being one person.
pub(crate) const EVEN_ODDS: f64 = 10.0;

/// Probability-like score in 0..1 from a total weight.
pub(crate) fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-(weight - EVEN_ODDS) / 1.5).exp())
}

struct Tally {
    weight: f64,
    explain: Option<Vec<Comparison>>,
}

impl Tally {
    fn add(&mut self, field: &str, verdict: Verdict, weight: f64, detail: impl FnOnce() -> String) {
        self.weight += weight;
        if let Some(e) = &mut self.explain {
            e.push(Comparison { field: field.into(), verdict, detail: detail(), weight });
        }
    }
}

/// The total weight of evidence that `a` and `b` are one person, and when `explain`,
/// each field's part of it.
pub(crate) fn compare(a: &Subject, b: &Subject, explain: bool) -> (f64, Vec<Comparison>) {
    let mut t = Tally { weight: 0.0, explain: explain.then(Vec::new) };
    name(&mut t, a, b);
    birth(&mut t, a.birth, b.birth);
    if let (Some(x), Some(y)) = (a.sex, b.sex) {
        if x == y {
            t.add("gioi_tinh", Verdict::Same, 0.5, || "cùng giới tính".into());
        } else {
            t.add("gioi_tinh", Verdict::Different, -6.0, || "khác giới tính".into());
        }
    }
    numbers(&mut t, a, b);
    relatives(&mut t, a, b);
    let (pa, pb) = (
        cell(&a.r.so_dien_thoai).and_then(phone::normalize),
        cell(&b.r.so_dien_thoai).and_then(phone::normalize),
    );
    if let (Some(x), Some(y)) = (pa, pb) {
        if x == y {
            t.add("so_dien_thoai", Verdict::Same, 1.5, || "cùng số điện thoại".into());
        }
    }
    if let (Some(x), Some(y)) = (cell(&a.r.noi_thuong_tru), cell(&b.r.noi_thuong_tru)) {
        if text::fold(x) == text::fold(y) {
            t.add("noi_thuong_tru", Verdict::Same, 1.5, || "cùng nơi thường trú".into());
        }
    }
    (t.weight, t.explain.unwrap_or_default())
}

fn name(t: &mut Tally, a: &Subject, b: &Subject) {
    if a.name_norm == b.name_norm {
        return t.add("ho_ten", Verdict::Same, 9.0, || "trùng họ tên".into());
    }
    if a.name_fold == b.name_fold {
        // Written without marks (another source's keyboard) is the same name; two
        // names with marks that fold alike (Hòa, Hoa) are different names.
        let unmarked = a.r.ho_ten.is_ascii() || b.r.ho_ten.is_ascii();
        return if unmarked {
            t.add("ho_ten", Verdict::Similar, 7.5, || "trùng họ tên, một bản ghi viết không dấu".into())
        } else {
            t.add("ho_ten", Verdict::Similar, 2.0, || "họ tên chỉ khác dấu thanh".into())
        };
    }
    // One letter wrong, missing, extra, or two neighbours swapped (Loan, Laon).
    let distance = strsim::osa_distance(&a.name_fold, &b.name_fold);
    if distance == 1 && a.name_fold.len() >= 8 {
        return t.add("ho_ten", Verdict::Similar, 4.0, || "họ tên lệch một chữ cái".into());
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) =
        (a.name_fold.split(' ').collect(), b.name_fold.split(' ').collect());
    if wa.first() == wb.first() && wa.last() == wb.last() {
        return t.add("ho_ten", Verdict::Similar, 0.0, || "cùng họ và tên, khác tên đệm".into());
    }
    t.add("ho_ten", Verdict::Different, -9.0, || "khác họ tên".into());
}

fn birth(t: &mut Tally, a: Option<PartialDate>, b: Option<PartialDate>) {
    let (Some(a), Some(b)) = (a, b) else { return };
    let f = "ngay_sinh";
    if a.year != b.year {
        let w = if (a.year - b.year).abs() == 1 { -4.0 } else { -10.0 };
        return t.add(f, Verdict::Different, w, || format!("khác năm sinh ({} / {})", a.year, b.year));
    }
    match (a.month, a.day, b.month, b.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) if m1 == m2 && d1 == d2 => {
            t.add(f, Verdict::Same, 6.0, || "trùng ngày sinh".into())
        }
        (Some(m1), Some(d1), Some(m2), Some(d2)) if m1 == d2 && d1 == m2 => {
            t.add(f, Verdict::Similar, 4.5, || "ngày và tháng sinh bị đảo chỗ".into())
        }
        (Some(m1), Some(_), Some(m2), Some(_)) if m1 == m2 => {
            t.add(f, Verdict::Different, -1.5, || "cùng tháng, năm sinh, khác ngày".into())
        }
        (Some(_), Some(_), Some(_), Some(_)) => {
            t.add(f, Verdict::Different, -3.0, || "cùng năm sinh, khác ngày tháng".into())
        }
        (Some(m1), _, Some(m2), _) if m1 != m2 => {
            t.add(f, Verdict::Different, -3.0, || "khác tháng sinh".into())
        }
        _ => {
            t.add(f, Verdict::Similar, 2.5, || "cùng năm sinh; một bản ghi chỉ có năm hoặc tháng sinh".into())
        }
    }
}

fn numbers(t: &mut Tally, a: &Subject, b: &Subject) {
    if let (Some(x), Some(y)) = (a.id, b.id) {
        let (x, y) = (x.as_bytes(), y.as_bytes());
        let differing: Vec<usize> = (0..12).filter(|&i| x[i] != y[i]).collect();
        match differing[..] {
            [] => t.add("so_dinh_danh", Verdict::Same, 9.0, || "trùng số định danh".into()),
            [_] => t.add("so_dinh_danh", Verdict::Similar, 5.0, || "số định danh lệch một chữ số".into()),
            [i, j] if j == i + 1 && x[i] == y[j] && x[j] == y[i] => {
                t.add("so_dinh_danh", Verdict::Similar, 5.0, || {
                    "số định danh đảo chỗ hai chữ số liền nhau".into()
                })
            }
            _ => t.add("so_dinh_danh", Verdict::Different, -7.0, || "khác số định danh".into()),
        }
    }
    let (x, y) = (cell(&a.r.so_dinh_danh), cell(&b.r.so_dinh_danh));
    if let (Some(x), Some(y), true) = (x, y, a.id.is_none() || b.id.is_none()) {
        // A malformed number (a digit dropped or doubled, zeros lost) against another.
        let digits = |s: &str| {
            s.chars().filter(char::is_ascii_digit).collect::<String>().trim_start_matches('0').to_string()
        };
        let (x, y) = (digits(x), digits(y));
        if x == y {
            t.add("so_dinh_danh", Verdict::Similar, 6.0, || {
                "cùng số định danh, một bản ghi sai định dạng".into()
            });
        } else if strsim::levenshtein(&x, &y) <= 1 {
            t.add("so_dinh_danh", Verdict::Similar, 4.0, || {
                "số định danh lệch một chữ số, một bản ghi sai định dạng".into()
            });
        } else {
            t.add("so_dinh_danh", Verdict::Different, -5.0, || "khác số định danh".into());
        }
    }
    let digits = |v: &Option<String>| cell(v).map(|s| s.trim_start_matches('0').to_string());
    if let (Some(x), Some(y)) = (digits(&a.r.so_cmnd), digits(&b.r.so_cmnd)) {
        if x == y {
            t.add("so_cmnd", Verdict::Same, 7.0, || "trùng số CMND".into());
        } else {
            t.add("so_cmnd", Verdict::Different, -3.0, || "khác số CMND".into());
        }
    }
}

fn relatives(t: &mut Tally, a: &Subject, b: &Subject) {
    let pairs = [
        ("ho_ten_cha", &a.r.ho_ten_cha, &b.r.ho_ten_cha, "cha", 2.5, -3.0),
        ("ho_ten_me", &a.r.ho_ten_me, &b.r.ho_ten_me, "mẹ", 2.5, -3.0),
        ("ho_ten_vo_chong", &a.r.ho_ten_vo_chong, &b.r.ho_ten_vo_chong, "vợ/chồng", 1.5, -4.0),
    ];
    for (field, x, y, who, same, different) in pairs {
        let (Some(x), Some(y)) = (cell(x), cell(y)) else { continue };
        if text::fold(x) == text::fold(y) {
            t.add(field, Verdict::Same, same, || format!("cùng tên {who}"));
        } else {
            t.add(field, Verdict::Different, different, || format!("khác tên {who}"));
        }
    }
}
