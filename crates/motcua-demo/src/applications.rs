//! Made-up applications for a demo ward: what a ward's desk and mobile teams file over
//! some weeks, for dashboards in training and for benchmarks. Deterministic from the
//! seed, like the register.

use chrono::{Days, NaiveDate};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, SeedableRng};

use motcua_core::procedures::Catalog;
use motcua_core::record::RegisterRecord;
use motcua_core::store::{AppState, ApplicationUpload, Channel};
use motcua_core::workdays::Calendar;

use crate::DemoRng;

/// How often each procedure is filed at a ward (per 100), by catalog code.
const MIX: &[(&str, u32)] = &[
    ("vneid_muc_2", 30),
    ("xac_nhan_cu_tru", 18),
    ("tam_tru", 12),
    ("thuong_tru", 8),
    ("khai_sinh", 7),
    ("lien_thong_khai_sinh", 6),
    ("ly_lich_tu_phap", 8),
    ("ket_hon", 4),
    ("khai_tu", 3),
    ("lien_thong_khai_tu", 4),
];

const OFFICERS: &[&str] = &["cb.lan", "cb.minh", "cb.hoa", "ld.tuan", "ld.thu"];

/// `n` applications by the ward's people over the `days` days up to `last`.
pub fn generate(
    people: &[RegisterRecord],
    n: usize,
    seed: u64,
    last: NaiveDate,
    days: u32,
) -> Vec<ApplicationUpload> {
    let mut rng = DemoRng::seed_from_u64(seed ^ 0x6170_706c);
    let catalog = Catalog::shipped();
    let calendar = Calendar::default();
    let mix = WeightedIndex::new(MIX.iter().map(|m| m.1)).expect("weights");
    // Desk, mobile team, alone, paper: the share online grows over the weeks.
    let first = last - Days::new(u64::from(days.max(1) - 1));
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let code = MIX[mix.sample(&mut rng)].0;
        let p = catalog.procedure(code).expect("a shipped procedure");
        let person = &people[rng.random_range(0..people.len().max(1))];
        let day = first + Days::new(rng.random_range(0..u64::from(days.max(1))));
        let progress = (day - first).num_days() as f64 / f64::from(days.max(1));
        let paper = rng.random_bool(0.35 - 0.2 * progress);
        let channel = match (paper, rng.random_range(0..10)) {
            (true, _) => Channel::Giay,
            (false, 0..=4) => Channel::TaiQuay,
            (false, 5..=7) => Channel::LuuDong,
            _ => Channel::TuNop,
        };
        let hour = rng.random_range(7..17);
        let at = day.and_hms_opt(hour, rng.random_range(0..60), 0).expect("a time");
        let due = calendar.due_date(at, p.time_limit_days);
        let age = (last - day).num_days();
        let state = match rng.random_range(0..100) {
            _ if age < 1 => AppState::DaNop,
            0..=9 => AppState::DangXuLy,
            10..=13 => AppState::BiTuChoi,
            14..=19 if due < last => AppState::DaNop,
            _ => AppState::CoKetQua,
        };
        let settled = matches!(state, AppState::CoKetQua | AppState::BiTuChoi);
        let stamp = at.format("%Y-%m-%dT%H:%M:%S").to_string();
        let late = state.is_running() && due < last;
        out.push(ApplicationUpload {
            id: format!("demo{seed:x}{i:08x}"),
            procedure: code.into(),
            catalog_version: catalog.version.clone(),
            ma_ban_ghi: Some(person.ma_ban_ghi.clone()),
            applicant: person.ho_ten.clone(),
            to_dan_pho: person.to_dan_pho.clone(),
            channel: channel.code().into(),
            state: state.code().into(),
            form: "{}".into(),
            answers: "{}".into(),
            documents: "{}".into(),
            steps_done: p.steps.len() as u32,
            portal_number: Some(format!("G{:02}.{:06}", rng.random_range(1..99), i)),
            received_at: Some(stamp.clone()),
            due_on: Some(due.to_string()),
            closed_at: settled.then(|| format!("{}T10:00:00.000Z", due.min(last))),
            refusal_reason: (state == AppState::BiTuChoi).then(|| "Thiếu giấy tờ chứng minh chỗ ở".into()),
            delay_reason: (late && rng.random_bool(0.5)).then(|| "Chờ xác minh tại nơi cư trú cũ".into()),
            officer: OFFICERS[rng.random_range(0..OFFICERS.len())].into(),
            created_at: format!("{stamp}.000Z"),
            updated_at: format!("{stamp}.000Z"),
            photos: Vec::new(),
            events: Vec::new(),
        });
    }
    out
}
