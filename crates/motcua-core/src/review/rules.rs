//! The rules that read one record alone: numbers, required fields, dates, death,
//! unnormalized text.

use super::finding::Finding;
use super::kind::Kind;
use super::subject::{Subject, cell};
use crate::date::PartialDate;
use crate::idnum;
use crate::record::RegisterRecord;
use crate::text;

/// Age from which the chip card, hence the number on record, is required (Luật Căn cước
/// 2023, Art. 19).
const CARD_AGE: i32 = 14;

pub(super) fn check(s: &Subject, today: PartialDate, out: &mut Vec<Finding>) {
    numbers(s, today, out);
    missing(s, today, out);
    dates(s, today, out);
    deceased(s, out);
    unnormalized(s.r, out);
}

fn one(s: &Subject, kind: Kind, field: &str, message: impl Into<String>) -> Finding {
    Finding::new(kind, vec![s.ma().to_string()], field, message.into())
}

fn numbers(s: &Subject, today: PartialDate, out: &mut Vec<Finding>) {
    if let Some(n) = cell(&s.r.so_dinh_danh) {
        if !idnum::is_id_number(n) {
            out.push(
                one(s, Kind::IdFormat, "so_dinh_danh", format_problem("Số định danh", n, 12))
                    .suggest(repaired_id(n, s)),
            );
        }
    }
    if let Some(n) = cell(&s.r.so_cmnd) {
        if !idnum::is_old_id_number(n) {
            // A spreadsheet that read the number as a number dropped its leading zero.
            let fix = (n.len() == 8 && n.bytes().all(|b| b.is_ascii_digit())).then(|| format!("0{n}"));
            out.push(one(s, Kind::IdFormat, "so_cmnd", format_problem("Số CMND", n, 9)).suggest(fix));
        }
    }
    let Some(info) = s.id.and_then(idnum::decode) else { return };
    if info.province.is_none() {
        out.push(one(
            s,
            Kind::IdProvince,
            "so_dinh_danh",
            format!("Ba chữ số đầu {} không phải mã tỉnh nơi đăng ký khai sinh", info.province_code),
        ));
    }
    let mut wrong = Vec::new();
    if let Some(sex) = s.sex.filter(|&x| x != info.sex) {
        wrong.push(format!(
            "chữ số thứ 4 ứng với giới tính {} nhưng hồ sơ ghi {}",
            info.sex.label(),
            sex.label()
        ));
    }
    // A birth date that cannot be true is its own finding; the number is not judged by it.
    if let Some(b) = s.birth.filter(|b| b.year != info.birth_year && !surely_after(*b, today)) {
        wrong.push(format!("số định danh ứng với năm sinh {} nhưng hồ sơ ghi {}", info.birth_year, b.year));
    }
    if !wrong.is_empty() {
        let message = format!(
            "Số định danh không khớp: {}. Cần đối chiếu giấy khai sinh; số sai phải được cấp lại",
            wrong.join("; ")
        );
        out.push(one(s, Kind::IdBirthMismatch, "so_dinh_danh", message));
    }
}

/// What is wrong with a number that should be `digits` digits.
fn format_problem(what: &str, n: &str, digits: usize) -> String {
    let len = n.chars().count();
    if n.chars().all(|c| c.is_ascii_digit()) {
        format!("{what} phải có đúng {digits} chữ số; đang có {len} chữ số")
    } else {
        format!("{what} chỉ được gồm {digits} chữ số; đang có ký tự khác chữ số")
    }
}

/// The number with what typing and spreadsheets do to it undone (spaces, O for 0, l for
/// 1, leading zeros dropped), when what comes out is 12 digits that agree with the
/// person's sex and birth year.
fn repaired_id(n: &str, s: &Subject) -> Option<String> {
    let fixed: String = n
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .map(|c| match c {
            'O' | 'o' => '0',
            'l' | 'I' => '1',
            c => c,
        })
        .collect();
    let fixed = if fixed.len() < 12 && fixed.bytes().all(|b| b.is_ascii_digit()) {
        format!("{fixed:0>12}")
    } else {
        fixed
    };
    let info = idnum::decode(&fixed)?;
    let agrees = info.province.is_some()
        && s.sex.is_none_or(|x| x == info.sex)
        && s.birth.is_none_or(|b| b.year == info.birth_year);
    agrees.then_some(fixed)
}

fn missing(s: &Subject, today: PartialDate, out: &mut Vec<Finding>) {
    let r = s.r;
    if r.ho_ten.trim().is_empty() {
        out.push(one(s, Kind::MissingField, "ho_ten", "Thiếu họ tên"));
    }
    if cell(&r.ngay_sinh).is_none() {
        out.push(one(s, Kind::MissingField, "ngay_sinh", "Thiếu ngày sinh"));
    }
    if cell(&r.gioi_tinh).is_none() {
        out.push(one(s, Kind::MissingField, "gioi_tinh", "Thiếu giới tính"));
    }
    if cell(&r.noi_thuong_tru).is_none() && cell(&r.noi_tam_tru).is_none() && cell(&r.ngay_chet).is_none() {
        out.push(one(
            s,
            Kind::MissingField,
            "noi_thuong_tru",
            "Thiếu nơi thường trú (và không có nơi tạm trú)",
        ));
    }
    let adult = s.birth.is_none_or(|b| b.age_on(today) >= CARD_AGE);
    if cell(&r.so_dinh_danh).is_none() && adult && cell(&r.ngay_chet).is_none() {
        out.push(one(
            s,
            Kind::MissingField,
            "so_dinh_danh",
            "Thiếu số định danh cá nhân (bắt buộc từ 14 tuổi)",
        ));
    }
}

/// Whether `a` is surely after `b`, comparing only what both dates know.
fn surely_after(a: PartialDate, b: PartialDate) -> bool {
    let key = |d: PartialDate, month: Option<u8>, day: Option<u8>| {
        (d.year, month.map(|_| d.month), day.map(|_| d.day))
    };
    let (month, day) = (a.month.and(b.month), a.day.and(b.day));
    key(a, month, day) > key(b, month, day)
}

fn dates(s: &Subject, today: PartialDate, out: &mut Vec<Finding>) {
    let r = s.r;
    if let Some(text) = cell(&r.ngay_sinh) {
        match s.birth {
            None => out.push(
                one(s, Kind::InvalidDate, "ngay_sinh", format!("Ngày sinh \"{text}\" không có thật"))
                    .suggest(swapped(text)),
            ),
            Some(b) if surely_after(b, today) => {
                out.push(one(s, Kind::InvalidDate, "ngay_sinh", "Ngày sinh ở tương lai"))
            }
            Some(b) if b.is_partial() => {
                let message = if b.month.is_some() {
                    "Chỉ có tháng và năm sinh; cần bổ sung ngày sinh theo giấy khai sinh"
                } else {
                    "Chỉ có năm sinh; cần bổ sung ngày, tháng sinh theo giấy khai sinh"
                };
                out.push(one(s, Kind::PartialBirthDate, "ngay_sinh", message))
            }
            Some(_) => {}
        }
    }
    if let Some(text) = cell(&r.ngay_chet) {
        match (s.death, s.birth) {
            (None, _) => out.push(
                one(s, Kind::InvalidDate, "ngay_chet", format!("Ngày chết \"{text}\" không có thật"))
                    .suggest(swapped(text)),
            ),
            (Some(d), _) if surely_after(d, today) => {
                out.push(one(s, Kind::InvalidDate, "ngay_chet", "Ngày chết ở tương lai"))
            }
            // Reported on the birth date: a death is recorded from a paper, the birth
            // date is the one that most often was typed wrong.
            (Some(d), Some(b)) if surely_after(b, d) => {
                out.push(one(s, Kind::InvalidDate, "ngay_sinh", "Ngày sinh sau ngày chết"))
            }
            _ => {}
        }
    }
}

/// A date typed month first (`05/23/1990`) read the Vietnamese way.
fn swapped(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('/').collect();
    let [m, d, y] = parts[..] else { return None };
    let candidate = format!("{d}/{m}/{y}");
    let parsed = PartialDate::parse(&candidate).ok()?;
    (!parsed.is_partial()).then(|| parsed.to_string())
}

fn deceased(s: &Subject, out: &mut Vec<Finding>) {
    if cell(&s.r.ngay_chet).is_none() {
        return;
    }
    let resident = cell(&s.r.noi_thuong_tru).is_some() || s.household().is_some();
    if resident {
        out.push(
            one(
                s,
                Kind::DeceasedResident,
                "ngay_chet",
                "Đã có ngày chết nhưng vẫn còn đăng ký thường trú, trong hộ",
            )
            .suggest(Some("Xóa đăng ký thường trú (thủ tục khai tử – xóa đăng ký thường trú)".into())),
        );
    }
}

/// Names are compared in their displayed form (each word capitalized); other text in
/// its normalized form.
fn unnormalized(r: &RegisterRecord, out: &mut Vec<Finding>) {
    let names = [
        ("ten_goi_khac", &r.ten_goi_khac),
        ("ho_ten_cha", &r.ho_ten_cha),
        ("ho_ten_me", &r.ho_ten_me),
        ("ho_ten_vo_chong", &r.ho_ten_vo_chong),
    ];
    let texts = [
        ("noi_sinh", &r.noi_sinh),
        ("noi_dang_ky_khai_sinh", &r.noi_dang_ky_khai_sinh),
        ("que_quan", &r.que_quan),
        ("dan_toc", &r.dan_toc),
        ("ton_giao", &r.ton_giao),
        ("quoc_tich", &r.quoc_tich),
        ("tinh_trang_hon_nhan", &r.tinh_trang_hon_nhan),
        ("noi_thuong_tru", &r.noi_thuong_tru),
        ("noi_tam_tru", &r.noi_tam_tru),
        ("noi_o_hien_tai", &r.noi_o_hien_tai),
        ("quan_he_chu_ho", &r.quan_he_chu_ho),
        ("to_dan_pho", &r.to_dan_pho),
    ];
    let mut push = |field: &str, value: &str, fixed: String| {
        if fixed != value {
            let message = "Cần chuẩn hóa (dạng Unicode, vị trí dấu thanh, khoảng trắng, chữ hoa)".to_string();
            out.push(
                Finding::new(Kind::NotNormalized, vec![r.ma_ban_ghi.clone()], field, message)
                    .suggest(Some(fixed)),
            );
        }
    };
    push("ho_ten", &r.ho_ten, text::normalize_name(&r.ho_ten));
    for (field, v) in names {
        if let Some(v) = v {
            push(field, v, text::normalize_name(v));
        }
    }
    for (field, v) in texts {
        if let Some(v) = v {
            push(field, v, text::normalize(v));
        }
    }
}
