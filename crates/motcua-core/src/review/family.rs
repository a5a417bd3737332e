//! Rules across records: a number carried by different people, households with no head
//! or two, a child older than a parent, a spouse under the marriage age. A person in
//! two households is a duplicate in two households, said in the duplicate's finding.

use std::collections::HashMap;

use super::duplicates::Cluster;
use super::finding::Finding;
use super::kind::Kind;
use super::subject::{Subject, cell};
use crate::date::PartialDate;
use crate::sex::Sex;
use crate::text;

/// A parent this much younger than a child, or less than this older, is a typing error.
const MIN_PARENT_AGE: i32 = 12;

pub(super) fn check(
    subjects: &[Subject],
    clusters: &[Cluster],
    today: PartialDate,
    wanted: &dyn Fn(usize) -> bool,
    out: &mut Vec<Finding>,
) {
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    for (n, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            cluster_of.insert(m, n);
        }
    }
    let same_person = |a: usize, b: usize| cluster_of.get(&a).is_some_and(|c| cluster_of.get(&b) == Some(c));
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_household: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in subjects.iter().enumerate() {
        if let Some(id) = s.id {
            by_id.entry(id).or_default().push(i);
        }
        if let Some(h) = s.household() {
            by_household.entry(h).or_default().push(i);
        }
    }
    let ma = |is: &[usize]| is.iter().map(|&i| subjects[i].ma().to_string()).collect::<Vec<_>>();
    let any_wanted = |is: &[usize]| is.iter().any(|&i| wanted(i));

    // A malformed number one digit longer or shorter than a valid one is that number
    // mistyped: carried by someone else, it is shared too.
    for (i, s) in subjects.iter().enumerate() {
        let Some(n) = cell(&s.r.so_dinh_danh).filter(|_| s.id.is_none()) else { continue };
        if let Some(valid) = near_valid(n, &by_id) {
            let holders = by_id.get_mut(valid).expect("found in the map");
            holders.push(i);
        }
    }
    for group in by_id.values().filter(|g| g.len() > 1) {
        // Records of one person sharing their number are a duplicate, not a shared number.
        let mut people: Vec<usize> = Vec::new();
        for &i in group {
            if !people.iter().any(|&p| same_person(p, i)) {
                people.push(i);
            }
        }
        if people.len() > 1 && any_wanted(group) {
            let message = format!("Số định danh này đang ghi cho {} người khác nhau", people.len());
            out.push(Finding::new(Kind::IdShared, ma(group), "so_dinh_danh", message));
        }
    }

    for (household, members) in &by_household {
        if !any_wanted(members) {
            continue;
        }
        let heads: Vec<usize> = members.iter().copied().filter(|&i| subjects[i].is_head()).collect();
        match heads.len() {
            0 => out.push(Finding::new(
                Kind::FamilyInconsistent,
                ma(members),
                "quan_he_chu_ho",
                format!("Hộ {household} không có chủ hộ"),
            )),
            1 => {}
            n => out.push(Finding::new(
                Kind::FamilyInconsistent,
                ma(&heads),
                "quan_he_chu_ho",
                format!("Hộ {household} có {n} người ghi là chủ hộ"),
            )),
        }
    }

    for (i, s) in subjects.iter().enumerate() {
        // One finding per child, naming every parent the dates contradict: the child's
        // date is then the first thing to check.
        let mut contradicted: Vec<(i32, usize, &str)> = Vec::new();
        for (who, number, name) in
            [("cha", &s.r.so_dinh_danh_cha, &s.r.ho_ten_cha), ("mẹ", &s.r.so_dinh_danh_me, &s.r.ho_ten_me)]
        {
            let Some(p) = parent(subjects, &by_id, &by_household, s, number, name) else { continue };
            let (Some(child), Some(parent_birth)) = (s.birth, subjects[p].birth) else { continue };
            let gap = parent_gap(parent_birth, child);
            if gap < MIN_PARENT_AGE {
                contradicted.push((gap, p, who));
            }
        }
        if !contradicted.is_empty() && (wanted(i) || contradicted.iter().any(|c| wanted(c.1))) {
            let parts: Vec<String> = contradicted
                .iter()
                .map(|&(gap, _, who)| {
                    if gap <= 0 {
                        format!("không sinh sau {who}")
                    } else {
                        format!("{who} chỉ hơn {gap} tuổi")
                    }
                })
                .collect();
            let message = format!("Ngày sinh không hợp lý so với cha mẹ: {}", parts.join("; "));
            let mut records = vec![i];
            records.extend(contradicted.iter().map(|c| c.1));
            out.push(Finding::new(Kind::FamilyInconsistent, ma(&records), "ngay_sinh", message));
        }
        let married = s.r.tinh_trang_hon_nhan.as_deref().map(text::fold).as_deref() == Some("da ket hon");
        let legal_age = match s.sex {
            Some(Sex::Nam) => 20,
            Some(Sex::Nu) => 18,
            None => 18,
        };
        if married && wanted(i) && s.birth.is_some_and(|b| (0..legal_age).contains(&b.age_on(today))) {
            let message = format!("Ghi đã kết hôn nhưng chưa đủ {legal_age} tuổi");
            out.push(Finding::new(Kind::FamilyInconsistent, ma(&[i]), "tinh_trang_hon_nhan", message));
        }
    }
}

/// Years from the parent's birth to the child's, counting only what both dates know
/// (a partial date gives whole years).
fn parent_gap(parent: PartialDate, child: PartialDate) -> i32 {
    let mut gap = child.year - parent.year;
    if let (Some(pm), Some(cm)) = (parent.month, child.month) {
        let (pd, cd) = (parent.day.unwrap_or(1), child.day.unwrap_or(1));
        if (cm, cd) < (pm, pd) {
            gap -= 1;
        }
    }
    gap
}

/// The parent's record: by their number when exactly one record holds it, else by
/// name within the child's household.
fn parent(
    subjects: &[Subject],
    by_id: &HashMap<&str, Vec<usize>>,
    by_household: &HashMap<&str, Vec<usize>>,
    child: &Subject,
    number: &Option<String>,
    name: &Option<String>,
) -> Option<usize> {
    if let Some(found) = cell(number).and_then(|n| by_id.get(n)) {
        return (found.len() == 1).then(|| found[0]);
    }
    let name = text::fold(cell(name)?);
    let members = by_household.get(child.household()?)?;
    let matching: Vec<usize> = members.iter().copied().filter(|&j| subjects[j].name_fold == name).collect();
    (matching.len() == 1).then(|| matching[0])
}

/// The valid number a malformed one becomes with one digit dropped or added, when
/// exactly one such number is on record.
fn near_valid<'a>(n: &str, by_id: &HashMap<&'a str, Vec<usize>>) -> Option<&'a str> {
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut found: Vec<&'a str> = Vec::new();
    let mut try_one = |candidate: String| {
        if let Some((k, _)) = by_id.get_key_value(candidate.as_str()) {
            if !found.contains(k) {
                found.push(k);
            }
        }
    };
    match n.len() {
        13 => (0..13).for_each(|i| try_one(format!("{}{}", &n[..i], &n[i + 1..]))),
        11 => {
            for i in 0..=11 {
                for d in b'0'..=b'9' {
                    try_one(format!("{}{}{}", &n[..i], d as char, &n[i..]));
                }
            }
        }
        _ => {}
    }
    (found.len() == 1).then(|| found[0])
}
