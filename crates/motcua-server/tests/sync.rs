//! The ward server and devices over loopback: the real HTTP server, the real client and
//! engine, real registers on disk.

use std::net::SocketAddr;
use std::path::PathBuf;

#[path = "support/proxy.rs"]
mod proxy;

use motcua_core::access::{Officer, Role};
use motcua_core::store::{Credentials, FieldEdit, OpAnswer, RegisterKind, RegisterMeta, Resolution, Store};
use motcua_server::Server;
use motcua_sync::client::{Client, Ended, drive};
use motcua_sync::engine::{Config, Engine, Event, Failure, Phase};
use motcua_sync::wire::{Answer, Op};

struct Ward {
    dir: tempfile::TempDir,
    /// The server over TLS, and the fingerprint devices pin.
    url: String,
    pin: String,
    /// The same server in clear on loopback, for the fault proxy to sit in front of.
    addr: SocketAddr,
    /// Enrollment codes by officer login.
    codes: Vec<(String, String)>,
    server_db: PathBuf,
}

fn officer(login: &str, role: Role) -> Officer {
    Officer { login: login.into(), full_name: format!("Cán bộ {login}"), role }
}

/// A ward server of `residents` demo residents (as a real register) on a free port, with
/// one device registered for each officer.
fn ward(residents: usize, officers: &[(&str, Role)]) -> Ward {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.sqlite3");
    let demo = motcua_demo::generate(&motcua_demo::DemoConfig { residents, ..Default::default() }).unwrap();
    let mut store = Store::open(&server_db, None).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: demo.ward_code,
        ward: demo.ward,
        province: demo.province,
    };
    store.create_register(&meta, &demo.records, &mut |_, _| {}).unwrap();
    let codes = officers
        .iter()
        .map(|(login, role)| {
            (
                login.to_string(),
                store.add_device(&format!("máy {login}"), &officer(login, *role), None).unwrap().1,
            )
        })
        .collect();
    let server = Server::new(store).unwrap();
    let identity = motcua_server::Identity::load_or_create(&server_db).unwrap();
    let pin = identity.fingerprint.clone();
    let tls = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", tls.local_addr().unwrap());
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    plain.set_nonblocking(true).unwrap();
    let addr = plain.local_addr().unwrap();
    let serving = server.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let plain = tokio::net::TcpListener::from_std(plain).unwrap();
            let clear = tokio::spawn(motcua_server::serve(plain, serving.clone()));
            motcua_server::serve_tls(tls, serving, &identity).await.unwrap();
            clear.await.unwrap().unwrap();
        });
    });
    Ward { dir, url, pin, addr, codes, server_db }
}

struct Device {
    store: Store,
    client: Client,
    engine: Engine,
    /// Added to the device's clock: its engine's time need not agree with anyone's.
    skew: u64,
}

impl Ward {
    fn code(&self, login: &str) -> &str {
        &self.codes.iter().find(|(l, _)| l == login).unwrap().1
    }

    /// Enrolls a device for `login` and makes its encrypted register for that officer.
    fn device(&self, login: &str) -> Device {
        self.device_via(login, &self.url)
    }

    /// The same, the device reaching the server at `url` (through a proxy, say).
    fn device_via(&self, login: &str, url: &str) -> Device {
        let enrolled = Client::enroll(&self.url, self.code(login), Some(&self.pin)).unwrap();
        let path = self.dir.path().join(format!("{login}.sqlite3"));
        let password = format!("mật khẩu của {login}");
        let mut admin = Store::open(&path, Some(&Credentials::new("admin", "quản trị máy này"))).unwrap();
        let meta = RegisterMeta {
            kind: RegisterKind::Real,
            ward_code: enrolled.ward_code,
            ward: enrolled.ward,
            province: enrolled.province,
        };
        admin.init_register(&meta).unwrap();
        let role = Role::from_code(&enrolled.role).unwrap();
        admin.add_officer(login, &enrolled.full_name, role, &password).unwrap();
        drop(admin);
        let store = Store::open(&path, Some(&Credentials::new(login, password))).unwrap();
        let client = Client::new(url, &enrolled.token, Some(&self.pin)).unwrap();
        let engine = Engine::new(Config::default(), 0, login.len() as u64);
        Device { store, client, engine, skew: 0 }
    }

    fn server_record(&self, ma: &str) -> (motcua_core::detail::PersonDetail, i64) {
        let s = Store::open(&self.server_db, None).unwrap();
        let d = s.person_detail(ma).unwrap();
        let v = d.version;
        (d, v)
    }
}

impl Device {
    fn sync(&mut self) -> Ended {
        let skew = self.skew;
        drive(&mut self.store, &self.client, &mut self.engine, Event::SyncNow, &move || skew).unwrap()
    }

    fn edit(&mut self, ma: &str, field: &str, value: &str) {
        let version = self.store.person_detail(ma).unwrap().version;
        let e = FieldEdit {
            ma_ban_ghi: ma.into(),
            field: field.into(),
            value: Some(value.into()),
            base_version: version,
        };
        self.store.edit_field(&e).unwrap();
    }
}

#[test]
fn a_device_pulls_the_ward_and_its_edit_reaches_another_device() {
    let w = ward(300, &[("lan.nt", Role::DeskOfficer), ("binh.tv", Role::MobileTeam)]);
    let mut lan = w.device("lan.nt");
    assert!(matches!(lan.sync(), Ended::Waiting(_)));
    assert_eq!(lan.store.count_persons().unwrap(), 300, "the initial pull brings the whole ward");
    assert!(
        Client::enroll(&w.url, w.code("lan.nt"), Some(&w.pin)).is_err(),
        "a code enrolls one device once"
    );

    lan.edit("R000007", "so_dien_thoai", "0912 000 777");
    assert_eq!(lan.store.pending_ops().unwrap().len(), 1);
    lan.sync();
    assert!(lan.store.pending_ops().unwrap().is_empty());
    let (on_server, version) = w.server_record("R000007");
    assert_eq!(on_server.so_dien_thoai.as_deref(), Some("0912 000 777"));

    let mut binh = w.device("binh.tv");
    binh.sync();
    let there = binh.store.person_detail("R000007").unwrap();
    assert_eq!((there.so_dien_thoai.as_deref(), there.version), (Some("0912 000 777"), version));
    assert_eq!(
        lan.store.person_detail("R000007").unwrap().version,
        version,
        "the editor's copy has the server's version"
    );

    // The device's audit log went up with it, chained as written.
    let raw = rusqlite::Connection::open(&w.server_db).unwrap();
    let uploaded: Vec<String> = raw
        .prepare("SELECT action FROM device_audit WHERE officer = 'lan.nt' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(uploaded.contains(&"edit_citizen".to_string()), "{uploaded:?}");
    assert!(lan.store.audit_to_upload(10).unwrap().len() <= 2, "only what came after the last upload waits");

    // A newer extract imported on the server machine while it serves (the same importer
    // as the desk's) reaches the devices at their next pull.
    let extract = "ma_ban_ghi,ho_ten,ngay_sinh\nR900001,Đỗ Thị Mới Chuyển Đến,15/08/2001\n";
    let mut on_server = Store::open(&w.server_db, None).unwrap();
    on_server.import_csv(extract.as_bytes(), "bo-sung.csv", &mut |_| {}).unwrap();
    drop(on_server);
    binh.sync();
    assert_eq!(binh.store.person_detail("R900001").unwrap().ho_ten, "Đỗ Thị Mới Chuyển Đến");
}

#[test]
fn a_replayed_push_gets_its_first_answer_and_changes_nothing() {
    let w = ward(50, &[("lan.nt", Role::DeskOfficer)]);
    let mut lan = w.device("lan.nt");
    lan.sync();
    lan.edit("R000003", "email", "a@example.vn");
    let ops: Vec<Op> = lan.store.pending_ops().unwrap().iter().map(Op::from).collect();
    let first = lan.client.push(ops.clone()).unwrap();
    let (_, version) = w.server_record("R000003");
    let again = lan.client.push(ops).unwrap();
    assert_eq!(first.receipts[0].answer, Answer::Applied { version });
    assert_eq!(
        (again.receipts[0].answer.clone(), again.receipts[0].replayed),
        (Answer::Applied { version }, true)
    );
    assert_eq!(w.server_record("R000003").1, version, "applied once");
}

#[test]
fn edits_to_different_fields_merge_and_to_one_field_conflict_with_both_values_kept() {
    let w = ward(50, &[("lan.nt", Role::DeskOfficer), ("binh.tv", Role::DeskOfficer)]);
    let (mut lan, mut binh) = (w.device("lan.nt"), w.device("binh.tv"));
    lan.sync();
    binh.sync();
    // Offline, both change R000010: different fields, and the same one.
    lan.edit("R000010", "email", "lan@example.vn");
    binh.edit("R000010", "so_dien_thoai", "0903 111 222");
    lan.edit("R000010", "noi_o_hien_tai", "Số 1 phố Lan");
    binh.edit("R000010", "noi_o_hien_tai", "Số 2 phố Bình");
    lan.sync();
    binh.sync();
    let (s, _) = w.server_record("R000010");
    assert_eq!(s.email.as_deref(), Some("lan@example.vn"));
    assert_eq!(s.so_dien_thoai.as_deref(), Some("0903 111 222"));
    assert_eq!(s.noi_o_hien_tai.as_deref(), Some("Số 1 phố Lan"), "the first to arrive stands");
    let conflicts = binh.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1, "surfaced, not dropped");
    let (op, answer) = &conflicts[0];
    assert_eq!(op.new_value.as_deref(), Some("Số 2 phố Bình"), "the officer's value is kept");
    assert!(matches!(answer, OpAnswer::Conflict { server_value: Some(v), .. } if v == "Số 1 phố Lan"));
    lan.sync();
    assert_eq!(lan.store.person_detail("R000010").unwrap().so_dien_thoai.as_deref(), Some("0903 111 222"));

    // Bình keeps his value: it goes out again, over the one the server holds.
    let op_id = conflicts[0].0.op_id.clone();
    binh.store.resolve_conflict(&op_id, Resolution::Mine).unwrap();
    assert!(binh.store.conflicts().unwrap().is_empty());
    binh.sync();
    assert_eq!(w.server_record("R000010").0.noi_o_hien_tai.as_deref(), Some("Số 2 phố Bình"));
    lan.sync();
    assert_eq!(lan.store.person_detail("R000010").unwrap().noi_o_hien_tai.as_deref(), Some("Số 2 phố Bình"));

    // Lan then changes it again while Bình, offline, types a third value: Bình takes theirs.
    lan.edit("R000010", "noi_o_hien_tai", "Số 3 phố Lan");
    binh.edit("R000010", "noi_o_hien_tai", "Số 4 phố Bình");
    lan.sync();
    binh.sync();
    let (op, _) = binh.store.conflicts().unwrap().remove(0);
    binh.store.resolve_conflict(&op.op_id, Resolution::Theirs).unwrap();
    assert!(binh.store.pending_ops().unwrap().is_empty(), "taking theirs sends nothing");
    assert_eq!(binh.store.person_detail("R000010").unwrap().noi_o_hien_tai.as_deref(), Some("Số 3 phố Lan"));
    binh.sync();
    assert_eq!(w.server_record("R000010").0.noi_o_hien_tai.as_deref(), Some("Số 3 phố Lan"));
}

#[test]
fn strangers_are_refused_and_a_revoked_device_is_told_to_wipe() {
    let w = ward(30, &[("lan.nt", Role::DeskOfficer)]);
    let mut lan = w.device("lan.nt");
    lan.sync();
    let digest = || Store::open(&w.server_db, None).unwrap().content_digest().unwrap();
    let before = digest();
    let op = Op {
        op_id: "00112233445566778899aabbccddeeff".into(),
        ma_ban_ghi: "R000001".into(),
        field: "email".into(),
        base_version: 1,
        old_value: None,
        new_value: Some("x@y.vn".into()),
    };
    let stranger = Client::new(&w.url, "not-a-token", Some(&w.pin)).unwrap();
    assert_eq!(stranger.push(vec![op.clone()]), Err(Failure::Unauthorized));
    assert_eq!(stranger.pull(0), Err(Failure::Unauthorized));
    let raw = reqwest::blocking::Client::builder()
        .tls_backend_preconfigured(motcua_sync::tls::pinned_client_config(&w.pin))
        .build()
        .unwrap();
    let status = raw.post(format!("{}/v1/push", w.url)).body("{}").send().unwrap().status();
    assert_eq!(status.as_u16(), 401, "no token");
    let tampered = raw
        .post(format!("{}/v1/push", w.url))
        .bearer_auth("x")
        .body(r#"{"ops":[{"op_id":"zz"}]}"#)
        .send()
        .unwrap()
        .status();
    assert_eq!(tampered.as_u16(), 401, "a stranger's body is not even read");
    let malformed =
        raw.post(format!("{}/v1/push", w.url)).bearer_auth(lan_token(&w, &lan)).body("{\"ops\":7}").send();
    assert_eq!(malformed.unwrap().status().as_u16(), 400);
    assert_eq!(digest(), before, "nothing changed");

    let device_id = {
        let s = Store::open(&w.server_db, None).unwrap();
        s.devices().unwrap().into_iter().find(|d| d.officer.login == "lan.nt").unwrap().device_id
    };
    Store::open(&w.server_db, None).unwrap().revoke_device(&device_id).unwrap();
    lan.edit("R000002", "email", "sau-khi-thu-hoi@example.vn");
    assert_eq!(lan.sync(), Ended::Wipe);
    assert_eq!(lan.client.pull(0), Err(Failure::Revoked));
    assert_eq!(digest(), before, "a revoked device changes nothing");
}

#[test]
fn an_operation_the_server_can_never_apply_is_set_aside_with_its_reason() {
    let w = ward(20, &[("lan.nt", Role::DeskOfficer)]);
    let mut lan = w.device("lan.nt");
    lan.sync();
    lan.edit("R000004", "email", "ok@example.vn");
    // The record is gone from the server (merged there, say): its edit cannot land.
    let ops = lan.store.pending_ops().unwrap();
    let mut gone = Op::from(&ops[0]);
    gone.ma_ban_ghi = "R999999".into();
    let answer = lan.client.push(vec![gone]).unwrap().receipts.remove(0).answer;
    assert!(matches!(answer, Answer::Rejected { ref reason } if reason.contains("R999999")), "{answer:?}");
    let Ended::Waiting(status) = lan.sync() else { panic!("not revoked") };
    assert_eq!((status.pending, status.phase), (0, Phase::Idle));
    // The op id had its answer: the device's own op is set aside with that reason, for
    // the officer to see, and never sent again.
    let gone = lan.store.rejected_ops().unwrap();
    assert_eq!(gone.len(), 1);
    assert!(gone[0].1.contains("R999999"), "{gone:?}");
}

#[test]
fn a_trainer_has_no_device_for_a_real_ward() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("s.sqlite3"), None).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    s.init_register(&meta).unwrap();
    assert!(s.add_device("máy tập huấn", &officer("hoa.gv", Role::Trainer), None).is_err());
}

fn lan_token(w: &Ward, _lan: &Device) -> String {
    // The token is only in the client; enroll a second device for the same officer.
    let mut s = Store::open(&w.server_db, None).unwrap();
    let (_, code) = s.add_device("máy thứ hai", &officer("lan.nt", Role::DeskOfficer), None).unwrap();
    Client::enroll(&w.url, &code, Some(&w.pin)).unwrap().token
}

#[test]
fn only_the_pinned_certificate_is_trusted_and_never_clear_http_over_a_network() {
    let w = ward(10, &[("lan.nt", Role::DeskOfficer)]);
    let wrong = "00".repeat(32);
    let refused = Client::enroll(&w.url, w.code("lan.nt"), Some(&wrong)).unwrap_err();
    assert!(refused.to_string().contains("reach"), "{refused}");
    assert!(Client::enroll(&w.url, w.code("lan.nt"), None).is_err(), "https needs a pin");
    assert!(Client::new("http://10.1.2.3:8443", "t", None).is_err(), "no clear http over a network");
    // The code was not spent on the impostor: with the right pin it enrolls.
    assert!(Client::enroll(&w.url, w.code("lan.nt"), Some(&w.pin.to_uppercase())).is_ok());
}

/// The server's stored answer kind for every op id it applied.
fn server_answers(w: &Ward) -> std::collections::HashMap<String, String> {
    let raw = rusqlite::Connection::open(&w.server_db).unwrap();
    let mut stmt = raw.prepare("SELECT op_id, json_extract(answer, '$.kind') FROM applied_ops").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_thousand_injected_faults_lose_nothing_double_nothing_and_surface_every_conflict() {
    let w = ward(120, &[("lan.nt", Role::DeskOfficer), ("binh.tv", Role::MobileTeam)]);
    // One request in three meets a fault: dropped, delayed, its answer lost or cut, or sent twice.
    let proxy = proxy::Proxy::start(w.addr, 333, 20261203);
    let mut devices = [w.device_via("lan.nt", &proxy.url), w.device_via("binh.tv", &proxy.url)];
    devices[1].skew = 10 * 24 * 3600 * 1000;
    let fields = ["email", "so_dien_thoai", "noi_o_hien_tai"];
    let mut round = 0u64;
    while proxy.faults() < 1000 {
        for (d, dev) in devices.iter_mut().enumerate() {
            // Edits only on records this device has pulled; both devices touch the same
            // few records, so some edits meet and conflict.
            for i in 0..4u64 {
                let ma = format!("R{:06}", 1 + (round * 7 + i * 3 + d as u64) % 12);
                if dev.store.person_detail(&ma).is_err() {
                    continue;
                }
                let field = fields[((round + i) % 3) as usize];
                dev.edit(&ma, field, &format!("giá trị {round}-{i}-{d}"));
            }
            let _ = dev.sync();
        }
        round += 1;
        assert!(round < 2_000, "faults are being injected: {} so far", proxy.faults());
    }
    proxy.heal();
    for _ in 0..3 {
        for dev in devices.iter_mut() {
            let Ended::Waiting(status) = dev.sync() else { panic!("not revoked") };
            assert_eq!(status.last_error, None);
        }
    }

    let answers = server_answers(&w);
    let mut ops = 0;
    for dev in &devices {
        let conflicts: Vec<String> =
            dev.store.conflicts().unwrap().into_iter().map(|(op, _)| op.op_id).collect();
        for (op, state) in dev.store.outbox_ops().unwrap() {
            ops += 1;
            // Lost: an edit the server never got. Doubled: a state the server did not give.
            let answer = answers.get(&op.op_id).unwrap_or_else(|| panic!("op {} lost", op.op_id));
            assert_eq!(&state, answer, "op {}: the device and the server disagree", op.op_id);
            assert_eq!(state == "conflict", conflicts.contains(&op.op_id), "every conflict is surfaced");
        }
    }
    assert_eq!(answers.len(), ops, "the server applied no op the devices did not make");
    // Applied exactly once: every version step of a record is one history entry.
    let raw = rusqlite::Connection::open(&w.server_db).unwrap();
    let uneven: i64 = raw
        .query_row(
            "SELECT count(*) FROM persons p WHERE p.version != 1 + (SELECT count(*) FROM person_history h WHERE h.person_id = p.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uneven, 0);
    // And every device ends with the server's copy.
    let server = Store::open(&w.server_db, None).unwrap();
    for n in 1..=12 {
        let ma = format!("R{n:06}");
        let s = server.person_detail(&ma).unwrap();
        for dev in &devices {
            let d = dev.store.person_detail(&ma).unwrap();
            assert_eq!(
                (&d.email, &d.so_dien_thoai, &d.noi_o_hien_tai, d.version),
                (&s.email, &s.so_dien_thoai, &s.noi_o_hien_tai, s.version),
                "{ma}"
            );
        }
    }
    println!(
        "{} faults over {round} rounds, {ops} operations, {} conflicts",
        proxy.faults(),
        answers.values().filter(|a| *a == "conflict").count()
    );
}

#[test]
fn a_mobile_teams_device_holds_and_edits_only_its_residential_groups() {
    let w = ward(2000, &[]);
    let mut s = Store::open(&w.server_db, None).unwrap();
    // As the admin might type them: the second in lower case without marks.
    let groups = vec!["Tổ dân phố số 3".to_string(), "to dan pho so 5".to_string()];
    let unknown = s.add_device("x", &officer("binh.tv", Role::MobileTeam), Some(&["Tổ 99".to_string()]));
    assert!(unknown.is_err(), "a group the register does not have is refused");
    let (_, code) =
        s.add_device("laptop tổ 3 và 5", &officer("binh.tv", Role::MobileTeam), Some(&groups)).unwrap();
    drop(s);
    let raw = rusqlite::Connection::open(&w.server_db).unwrap();
    let first_of = |group: &str| -> String {
        raw.query_row("SELECT ma_ban_ghi FROM persons WHERE to_dan_pho = ?1 LIMIT 1", [group], |r| r.get(0))
            .unwrap()
    };
    let in_scope: i64 = raw
        .query_row(
            "SELECT count(*) FROM persons WHERE to_dan_pho IN ('Tổ dân phố số 3', 'Tổ dân phố số 5')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let w = Ward { codes: vec![("binh.tv".into(), code)], ..w };
    let mut binh = w.device("binh.tv");
    binh.sync();
    assert_eq!(binh.store.count_persons().unwrap(), in_scope, "only the two groups came down");
    assert!(in_scope > 0 && in_scope < 2000);

    // Its own group's record: applied. Another group's, reached around the outbox: refused.
    let mine = first_of("Tổ dân phố số 3");
    binh.edit(&mine, "email", "binh@example.vn");
    binh.sync();
    assert_eq!(w.server_record(&mine).0.email.as_deref(), Some("binh@example.vn"));
    let other = first_of("Tổ dân phố số 1");
    let before = w.server_record(&other);
    let op = Op {
        op_id: "ffeeddccbbaa99887766554433221100".into(),
        ma_ban_ghi: other.clone(),
        field: "email".into(),
        base_version: 1,
        old_value: None,
        new_value: Some("x@y.vn".into()),
    };
    let answer = binh.client.push(vec![op]).unwrap().receipts.remove(0).answer;
    assert!(matches!(answer, Answer::Rejected { ref reason } if reason.contains("ngoài")), "{answer:?}");
    let after = w.server_record(&other);
    assert_eq!((after.0.email, after.1), (before.0.email, before.1), "unchanged");
}

/// Bytes that look like a photo to nobody but weigh like one.
fn photo(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 9) as u8).collect()
}

#[test]
fn attachments_upload_in_resumable_chunks_and_are_kept_only_whole_and_intact() {
    let w = ward(30, &[("lan.nt", Role::DeskOfficer)]);
    let mut lan = w.device("lan.nt");
    lan.sync();
    let data = photo(700_000, 7);
    let sha = lan.store.add_attachment("R000005", "cccd-mat-truoc.jpg", "image/jpeg", &data).unwrap();
    assert_eq!(lan.store.attachments_to_upload().unwrap().len(), 1);

    let chunk = motcua_sync::wire::UPLOAD_CHUNK_BYTES;
    let raw_server = rusqlite::Connection::open(&w.server_db).unwrap();
    let held = || -> i64 {
        raw_server
            .query_row("SELECT coalesce(sum(length(bytes)), 0) FROM upload_chunks", [], |r| r.get(0))
            .unwrap()
    };

    // As Lan's device: one chunk arrives, then a second altered on the way, then the
    // connection is cut. The next sync resumes after what the server holds; the whole
    // then fails its hash, so it is sent again from the start, and kept only then.
    let own = |offset: usize, bytes: &[u8]| {
        let info = motcua_core::store::AttachmentInfo {
            sha256: sha.clone(),
            ma_ban_ghi: "R000005".into(),
            file_name: "cccd-mat-truoc.jpg".into(),
            mime: "image/jpeg".into(),
            size: data.len() as i64,
        };
        let mut s = Store::open(&w.server_db, None).unwrap();
        let device = s.devices().unwrap().into_iter().find(|d| d.name == "máy lan.nt").unwrap();
        s.upload_state(&info, &device).unwrap();
        s.upload_chunk(&sha, offset as i64, bytes, &device).unwrap()
    };
    own(0, &data[..chunk]);
    assert_eq!(held(), chunk as i64, "the first chunk is held");
    let mut bad = data[chunk..2 * chunk].to_vec();
    bad[10] ^= 0xff;
    own(chunk, &bad);
    let skipped = own(2 * chunk + 100, &data[2 * chunk + 100..2 * chunk + 200]);
    let two = motcua_core::store::UploadState::Receiving { received: 2 * chunk as i64 };
    assert_eq!(skipped, two, "a chunk at the wrong offset changes nothing");

    lan.sync();
    assert!(lan.store.attachments_to_upload().unwrap().is_empty(), "uploaded");
    let server = Store::open(&w.server_db, None).unwrap();
    let stored = server.attachments_of("R000005").unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(server.attachment_data(&sha).unwrap(), data, "whole and intact, the altered chunk sent again");
    assert_eq!(held(), 0, "nothing half-made is left");
}

#[test]
fn applications_reach_the_server_with_their_photos_and_each_event_once() {
    use motcua_core::store::{ApplicationChange, ApplicationFilter, Channel, DocState};
    let w = ward(30, &[("lan.nt", Role::DeskOfficer)]);
    let mut lan = w.device("lan.nt");
    lan.sync();
    let a = lan.store.start_application("tam_tru", Some("R000005"), Channel::LuuDong).unwrap();
    let img = image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([(x % 200) as u8, (y % 180) as u8, 90]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let photo = lan.store.attach_photo(&a.id, "cho_o_hop_phap", "hop-dong.png", &png).unwrap();
    let docs = std::collections::BTreeMap::from([("to_khai_ct01".to_string(), DocState::Present)]);
    lan.store
        .change_application(&a.id, &ApplicationChange { documents: Some(docs), ..Default::default() })
        .unwrap();
    assert_eq!(lan.store.applications_to_upload(10).unwrap()[0].events.len(), 3);
    lan.sync();
    assert!(lan.store.applications_to_upload(10).unwrap().is_empty(), "every event is held");

    let events = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM application_events", [], |r| r.get(0))
            .unwrap()
    };
    let server = Store::open(&w.server_db, None).unwrap();
    let held = server.applications(&ApplicationFilter::default()).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].id.as_str(), held[0].channel), (a.id.as_str(), Channel::LuuDong));
    assert_eq!(held[0].documents.len(), 2);
    assert_eq!(
        held[0].attachments.iter().map(|x| x.sha256.as_str()).collect::<Vec<_>>(),
        [photo.sha256.as_str()]
    );
    assert_eq!(events(&w.server_db), 3);
    drop(server);

    // Nothing again on the next sync; a later change sends its one event and the new row.
    lan.sync();
    assert_eq!(events(&w.server_db), 3);
    let steps = ApplicationChange { steps_done: Some(1), ..Default::default() };
    lan.store.change_application(&a.id, &steps).unwrap();
    lan.sync();
    assert_eq!(events(&w.server_db), 4);
    let server = Store::open(&w.server_db, None).unwrap();
    assert_eq!(server.application(&a.id).unwrap().steps_done, 1);
}

#[test]
fn vneid_accounts_reach_the_server_as_of_their_last_move_and_count_in_its_figures() {
    use motcua_core::procedures::vneid::VneidState;
    use motcua_core::store::DashboardQuery;
    let w = ward(30, &[("lan.nt", Role::DeskOfficer), ("minh.tv", Role::MobileTeam)]);
    let (mut lan, mut minh) = (w.device("lan.nt"), w.device("minh.tv"));
    lan.sync();
    minh.sync();
    let today = chrono::Local::now().date_naive();
    for (device, ma) in [(&mut lan, "R000005"), (&mut minh, "R000006")] {
        device.store.set_vneid(ma, VneidState::ChoDuyet, today, None, None).unwrap();
        device.store.set_vneid(ma, VneidState::ChoKichHoat, today, None, None).unwrap();
    }
    lan.store.set_vneid("R000005", VneidState::DaKichHoat, today, None, None).unwrap();
    assert_eq!(lan.store.vneid_to_upload(10).unwrap().len(), 1, "one account, as of its last move");
    lan.sync();
    minh.sync();
    assert!(
        lan.store.vneid_to_upload(10).unwrap().is_empty()
            && minh.store.vneid_to_upload(10).unwrap().is_empty()
    );

    // The server's figures count both devices' work.
    let figures = |w: &Ward| {
        Store::open(&w.server_db, None).unwrap().dashboard(&DashboardQuery::new(today, today)).unwrap()
    };
    let v = figures(&w).vneid;
    assert_eq!((v.registered, v.activated, v.waiting_activation), (2, 1, 1));
    let status = |ma: &str| Store::open(&w.server_db, None).unwrap().vneid_status(ma).unwrap().state;
    assert_eq!((status("R000005"), status("R000006")), (VneidState::DaKichHoat, VneidState::ChoKichHoat));

    // A later move is sent again; an older copy arriving late does not undo it.
    let stale = minh.store.vneid_status("R000006").unwrap();
    minh.store
        .set_vneid("R000006", VneidState::Loi, today, Some("otp_not_received"), Some("máy hết bộ nhớ"))
        .unwrap();
    minh.sync();
    assert_eq!(status("R000006"), VneidState::Loi);
    let mut server = Store::open(&w.server_db, None).unwrap();
    let device = server.devices().unwrap().into_iter().find(|d| d.officer.login == "minh.tv").unwrap();
    let old = motcua_core::store::VneidUpload {
        ma_ban_ghi: "R000006".into(),
        state: "cho_kich_hoat".into(),
        registered_on: stale.registered_on.map(|d| d.to_string()),
        approved_on: stale.approved_on.map(|d| d.to_string()),
        activated_on: None,
        failure: None,
        note: None,
        officer: "minh.tv".into(),
        to_dan_pho: None,
        updated_at: stale.updated_at.unwrap(),
    };
    assert_eq!(server.store_device_vneid(&device, &[old]).unwrap(), 1);
    drop(server);
    assert_eq!(status("R000006"), VneidState::Loi, "the newer move stays");
    assert_eq!(figures(&w).vneid.failed, 1);

    // A device reads the whole ward's figures from the server: both devices' work.
    let day = today.to_string();
    let ward = lan.client.figures(&day, &day).unwrap();
    let served = Store::open(&w.server_db, None).unwrap();
    let local = served
        .dashboard(&DashboardQuery { overdue_listed: Some(100), ..DashboardQuery::new(today, today) })
        .unwrap();
    assert_eq!(ward, local, "the figures the server computes, as it computes them");
    assert_eq!((ward.vneid.registered, ward.vneid.activated, ward.vneid.failed), (2, 1, 1));
    let sent: i64 = rusqlite::Connection::open(&w.server_db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'figures_sent'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sent, 1, "every reading is audited on the server");
    assert!(lan.client.figures(&day, "2020-01-01").is_err(), "a backwards range is refused");
}
