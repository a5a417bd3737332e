//! The figures against a small ward counted by hand.

use chrono::NaiveDate;

use super::*;
use crate::record::RegisterRecord;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn person(ma: &str, group: &str) -> RegisterRecord {
    RegisterRecord {
        ma_ban_ghi: ma.into(),
        ho_ten: format!("Công dân {ma}"),
        to_dan_pho: Some(group.into()),
        ..Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn filed(
    id: &str,
    procedure: &str,
    ma: &str,
    group: &str,
    channel: &str,
    state: &str,
    received: &str,
    due: &str,
    delay: Option<&str>,
    officer: &str,
) -> ApplicationUpload {
    ApplicationUpload {
        id: id.into(),
        procedure: procedure.into(),
        catalog_version: "2026.12.1".into(),
        ma_ban_ghi: Some(ma.into()),
        applicant: format!("Công dân {ma}"),
        to_dan_pho: Some(group.into()),
        channel: channel.into(),
        state: state.into(),
        form: "{}".into(),
        answers: "{}".into(),
        documents: "{}".into(),
        steps_done: 1,
        portal_number: Some(format!("G01.{id}")),
        received_at: Some(received.into()),
        due_on: Some(due.into()),
        closed_at: (state == "co_ket_qua").then(|| "2026-11-04T03:00:00.000Z".into()),
        refusal_reason: None,
        delay_reason: delay.map(Into::into),
        officer: officer.into(),
        created_at: format!("{received}.000Z"),
        updated_at: format!("{received}.000Z"),
        photos: vec![],
        events: vec![],
    }
}

fn ward() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Phường Ba Đình".into(),
        province: "Thành phố Hà Nội".into(),
    };
    let people =
        [person("R1", "Tổ dân phố số 1"), person("R2", "Tổ dân phố số 1"), person("R3", "Tổ dân phố số 2")];
    s.create_register(&meta, &people, &mut |_, _| {}).unwrap();
    let (g1, g2) = ("Tổ dân phố số 1", "Tổ dân phố số 2");
    s.seed_applications(&[
        filed(
            "A1",
            "vneid_muc_2",
            "R1",
            g1,
            "tai_quay",
            "da_nop",
            "2026-11-02T09:00:00",
            "2026-11-05",
            None,
            "cb.lan",
        ),
        filed(
            "A2",
            "tam_tru",
            "R2",
            g1,
            "giay",
            "co_ket_qua",
            "2026-11-02T10:00:00",
            "2026-11-05",
            None,
            "cb.minh",
        ),
        filed(
            "A3",
            "thuong_tru",
            "R3",
            g2,
            "luu_dong",
            "dang_xu_ly",
            "2026-11-03T08:00:00",
            "2026-11-12",
            Some("Chờ xác minh"),
            "cb.lan",
        ),
        filed(
            "A4",
            "khai_sinh",
            "R3",
            g2,
            "tu_nop",
            "co_ket_qua",
            "2026-10-31T08:00:00",
            "2026-10-31",
            None,
            "cb.hoa",
        ),
    ])
    .unwrap();
    s.set_target(None, 0.8).unwrap();
    s.set_target(Some(g2), 0.9).unwrap();
    s
}

#[test]
fn the_figures_of_a_small_ward_are_the_hand_counted_ones() {
    let s = ward();
    let d = s.dashboard(&DashboardQuery::new(day(11, 1), day(11, 3))).unwrap();
    assert_eq!(d.ward, "Phường Ba Đình, Thành phố Hà Nội");
    // A4 was received on 31/10: outside the range.
    assert_eq!((d.total.filed, d.total.online, d.total.by_channel), (3, 2, [0, 1, 1, 1]));
    assert_eq!(d.total.share(), Some(2.0 / 3.0));
    assert_eq!(d.target, Some(0.8));
    let days: Vec<(NaiveDate, u64, u64)> =
        d.days.iter().map(|x| (x.day, x.filings.filed, x.filings.online)).collect();
    assert_eq!(days, [(day(11, 1), 0, 0), (day(11, 2), 2, 1), (day(11, 3), 1, 1)]);
    let groups: Vec<(Option<&str>, u64, u64, Option<f64>)> = d
        .groups
        .iter()
        .filter(|g| g.filings.filed > 0)
        .map(|g| (g.group.as_deref(), g.filings.filed, g.filings.online, g.target))
        .collect();
    assert_eq!(
        groups,
        [(Some("Tổ dân phố số 1"), 2, 1, Some(0.8)), (Some("Tổ dân phố số 2"), 1, 1, Some(0.9))]
    );
    let procs: Vec<(&str, u64, [u64; 6])> =
        d.procedures.iter().map(|p| (p.procedure.as_str(), p.filings.filed, p.by_state)).collect();
    assert_eq!(
        procs,
        [
            ("tam_tru", 1, [0, 0, 0, 0, 1, 0]),
            ("thuong_tru", 1, [0, 0, 0, 1, 0, 0]),
            ("vneid_muc_2", 1, [0, 0, 1, 0, 0, 0])
        ]
    );
    // The VNeID registration of A1 (2/11), still waiting for approval.
    assert_eq!((d.vneid.registered, d.vneid.activated, d.vneid.waiting_approval), (1, 0, 1));
    assert_eq!(d.days[1].vneid_registered, 1);
    let officers: Vec<(&str, u64, u64)> =
        d.officers.iter().map(|o| (o.officer.as_str(), o.filed, o.online)).collect();
    assert_eq!(officers, [("cb.lan", 2, 2), ("cb.minh", 1, 0)]);
    // Both running files are past their due day; A3 says why, A1 not yet.
    let overdue: Vec<(&str, Option<&str>)> =
        d.overdue_applications.iter().map(|a| (a.id.as_str(), a.reason.as_deref())).collect();
    assert_eq!(overdue, [("A1", None), ("A3", Some("Chờ xác minh"))]);
    assert_eq!(d.overdue_count, 2);
    // A screen lists the longest overdue only; the count stays whole.
    let q = DashboardQuery { overdue_listed: Some(1), ..DashboardQuery::new(day(11, 1), day(11, 3)) };
    let d = s.dashboard(&q).unwrap();
    let listed: Vec<&str> = d.overdue_applications.iter().map(|a| a.id.as_str()).collect();
    assert_eq!((listed, d.overdue_count), (vec!["A1"], 2));
}

#[test]
fn findings_are_counted_by_kind_and_group_and_their_totals_agree() {
    let mut s = ward();
    s.run_review().unwrap();
    let today = chrono::Local::now().date_naive();
    let d = s.dashboard(&DashboardQuery::new(today, today)).unwrap();
    let opened: u64 = d.kinds.iter().map(|k| k.opened).sum();
    let open: u64 = d.kinds.iter().map(|k| k.open).sum();
    assert!(opened > 0, "the three made-up people lack birth dates, numbers and more");
    assert_eq!(opened, open, "everything found today is still open");
    assert_eq!(d.groups.iter().map(|g| g.findings_open).sum::<u64>(), open);
    assert_eq!(d.days.iter().map(|x| x.findings_opened).sum::<u64>(), opened);
    assert_eq!(d.overdue_findings, 0, "nothing found today is late");
    assert!(s.dashboard(&DashboardQuery::new(today, day(1, 1))).is_err(), "the range runs forwards");
    assert!(s.set_target(None, 1.5).is_err());
}

#[test]
fn the_reports_open_with_their_sheets_and_figures_and_the_pdf_names_the_ward() {
    use calamine::{Reader, Xlsx, open_workbook};
    let s = ward();
    let dir = tempfile::tempdir().unwrap();
    let q = DashboardQuery::new(day(11, 1), day(11, 3));
    let xlsx = dir.path().join("bao-cao.xlsx");
    s.write_report(&q, ReportFormat::Xlsx, &xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["tong_hop", "theo_ngay", "theo_to", "theo_thu_tuc", "ra_soat", "can_bo", "qua_han"]
    );
    let summary = book.worksheet_range("tong_hop").unwrap();
    let cell = |r: &calamine::Range<calamine::Data>, row: u32, col: u32| {
        r.get_value((row, col)).unwrap().to_string()
    };
    assert_eq!(cell(&summary, 0, 0), "Báo cáo từ 01/11/2026 đến 03/11/2026");
    assert_eq!(cell(&summary, 1, 0), "Phường Ba Đình, Thành phố Hà Nội");
    assert_eq!((cell(&summary, 3, 0), cell(&summary, 3, 1)), ("Hồ sơ tiếp nhận".into(), "3".into()));
    assert_eq!(cell(&summary, 5, 1), "66.7%");
    let days = book.worksheet_range("theo_ngay").unwrap();
    assert_eq!(
        (cell(&days, 4, 0), cell(&days, 4, 1), cell(&days, 4, 2)),
        ("02/11/2026".into(), "2".into(), "1".into())
    );
    let late = book.worksheet_range("qua_han").unwrap();
    assert_eq!((cell(&late, 3, 0), cell(&late, 3, 4)), ("A1".into(), "chưa giải trình".into()));
    assert_eq!(cell(&late, 4, 4), "Chờ xác minh");

    let pdf = dir.path().join("bao-cao.pdf");
    s.write_report(&q, ReportFormat::Pdf, &pdf).unwrap();
    let text =
        std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("poppler-utils").stdout;
    let text: String =
        unicode_normalization::UnicodeNormalization::nfc(String::from_utf8_lossy(&text).as_ref()).collect();
    assert!(
        text.contains("Phường Ba Đình") && text.contains("Tỷ lệ trực tuyến") && text.contains("66.7%"),
        "{text}"
    );
    let png = dir.path().join("page");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap();
    assert!(rendered.success() && dir.path().join("page-1.png").exists());
    let reports: i64 =
        s.conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'report'", [], |r| r.get(0)).unwrap();
    assert_eq!(reports, 2);
}

#[test]
fn each_figure_opens_the_applications_it_counts() {
    let s = ward();
    let range = FigureFilter::range(day(11, 1), day(11, 3));
    let ids = |f: FigureFilter| -> (u64, Vec<String>) {
        let list = s.figure_applications(&f).unwrap();
        (list.total, list.rows.into_iter().map(|a| a.id).collect())
    };
    // Latest received first; A4 came on 31/10, before the range.
    assert_eq!(ids(range.clone()), (3, vec!["A3".into(), "A2".into(), "A1".into()]));
    assert_eq!(ids(FigureFilter { online_only: true, ..range.clone() }).1, ["A3", "A1"]);
    assert_eq!(ids(FigureFilter { from: day(11, 2), to: day(11, 2), ..range.clone() }).1, ["A2", "A1"]);
    assert_eq!(ids(FigureFilter { group: Some("Tổ dân phố số 2".into()), ..range.clone() }).1, ["A3"]);
    assert_eq!(ids(FigureFilter { ungrouped: true, ..range.clone() }).0, 0);
    assert_eq!(ids(FigureFilter { procedure: Some("tam_tru".into()), ..range.clone() }).1, ["A2"]);
    assert_eq!(ids(FigureFilter { channel: Some(Channel::LuuDong), ..range.clone() }).1, ["A3"]);
    assert_eq!(ids(FigureFilter { state: Some(AppState::CoKetQua), ..range.clone() }).1, ["A2"]);
    assert_eq!(ids(FigureFilter { officer: Some("cb.lan".into()), ..range.clone() }).1, ["A3", "A1"]);
    let late = s.figure_applications(&FigureFilter { overdue_only: true, ..range.clone() }).unwrap();
    let late: Vec<(&str, bool, Option<&str>)> =
        late.rows.iter().map(|a| (a.id.as_str(), a.overdue, a.delay_reason.as_deref())).collect();
    assert_eq!(late, [("A3", true, Some("Chờ xác minh")), ("A1", true, None)]);
    let capped = s.figure_applications(&FigureFilter { limit: 1, ..range.clone() }).unwrap();
    assert_eq!((capped.total, capped.rows.len()), (3, 1), "the total counts past the limit");
    let a2 = &s
        .figure_applications(&FigureFilter { state: Some(AppState::CoKetQua), ..range.clone() })
        .unwrap()
        .rows[0];
    assert_eq!(
        (a2.procedure.as_str(), a2.received_on, a2.officer.as_str()),
        ("Đăng ký tạm trú", day(11, 2), "cb.minh")
    );
    assert!(s.figure_applications(&FigureFilter { from: day(11, 3), to: day(11, 1), ..range }).is_err());
}

#[test]
fn the_findings_of_a_day_are_listed_by_when_they_opened_and_closed() {
    let mut s = ward();
    s.run_review().unwrap();
    let today = chrono::Local::now().date_naive();
    let d = s.dashboard(&DashboardQuery::new(today, today)).unwrap();
    let opened =
        s.worklist(&WorklistFilter { opened_in: Some((today, today)), ..Default::default() }).unwrap();
    assert_eq!(opened.len() as u64, d.kinds.iter().map(|k| k.opened).sum::<u64>());
    let yesterday = today - chrono::Days::new(1);
    let before =
        s.worklist(&WorklistFilter { opened_in: Some((yesterday, yesterday)), ..Default::default() });
    assert!(before.unwrap().is_empty());
    let first = opened[0].clone();
    s.decide_finding(first.id, &Decision::NotAnError { reason: "Đã đối chiếu giấy tờ".into() }).unwrap();
    let closed =
        s.worklist(&WorklistFilter { closed_in: Some((today, today)), ..Default::default() }).unwrap();
    assert_eq!(closed.iter().map(|w| w.id).collect::<Vec<_>>(), [first.id]);
    let d = s.dashboard(&DashboardQuery::new(today, today)).unwrap();
    assert_eq!(d.kinds.iter().map(|k| k.resolved).sum::<u64>(), 1);
    let no_group = s.worklist(&WorklistFilter { ungrouped: true, ..Default::default() }).unwrap();
    let none_figure = d.groups.iter().find(|g| g.group.is_none()).map_or(0, |g| g.findings_open);
    assert_eq!(no_group.iter().filter(|w| w.state.is_open()).count() as u64, none_figure);
}
