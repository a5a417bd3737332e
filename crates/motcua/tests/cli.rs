//! The `motcua` binary, run as an officer or a script would run it.

use std::path::Path;
use std::process::{Command, Output};

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua")).args(args).output().expect("motcua runs")
}

fn ok(args: &[&str]) -> String {
    ok_with(args, &[])
}

/// `motcua args` with `env` added; its stdout, failing the test if it failed.
fn ok_with(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("motcua runs");
    assert!(out.status.success(), "motcua {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn demo(db: &Path, residents: &str, seed: &str) {
    ok(&["demo", "--residents", residents, "--seed", seed, "--db", db.to_str().unwrap()]);
}

fn digest(db: &Path) -> String {
    ok(&["digest", "--db", db.to_str().unwrap()]).trim().to_string()
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) =
        (dir.path().join("a.sqlite3"), dir.path().join("b.sqlite3"), dir.path().join("c.sqlite3"));
    demo(&a, "10000", "1");
    demo(&b, "10000", "1");
    demo(&c, "10000", "2");
    assert_eq!(digest(&a), digest(&b));
    assert_ne!(digest(&a), digest(&c));
    assert_eq!(digest(&a).len(), 64);
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    demo(&db, "200", "3");
    let out = motcua(&["demo", "--residents", "200", "--seed", "3", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    let before = digest(&db);
    ok(&["demo", "--residents", "200", "--seed", "4", "--force", "--db", db.to_str().unwrap()]);
    assert_ne!(digest(&db), before);
}

#[test]
fn search_prints_one_json_object_per_hit_and_show_finds_the_household() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    demo(&db, "1000", "5");
    let db = db.to_str().unwrap();
    let out = ok(&["search", "--db", db, "--format", "jsonl", "--limit", "5", "nguyen"]);
    let hits: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 5);
    for key in ["ma_ban_ghi", "ho_ten", "ngay_sinh", "so_dinh_danh", "score"] {
        assert!(hits[0].get(key).is_some(), "missing {key}: {}", hits[0]);
    }
    // Duplicate records planted by the generator belong to no household; take a resident who does.
    let resident = hits.iter().find(|h| h["so_ho_so_cu_tru"].is_string()).expect("a hit with a household");
    let id = resident["ma_ban_ghi"].as_str().unwrap();
    let detail: serde_json::Value = serde_json::from_str(&ok(&["show", "--db", db, id])).unwrap();
    assert_eq!(detail["ma_ban_ghi"], id);
    assert_eq!(detail["household"]["so_ho_so_cu_tru"], resident["so_ho_so_cu_tru"]);
    let members = detail["household"]["members"].as_array().expect("the person has a household");
    assert!(members.iter().any(|m| m["ma_ban_ghi"] == id));
}

#[test]
fn reading_commands_never_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.sqlite3");
    let out = motcua(&["search", "--db", db.to_str().unwrap(), "lan"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no register"));
    assert!(!db.exists());
}

#[test]
fn unknown_record_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.sqlite3");
    demo(&db, "100", "6");
    let out = motcua(&["show", "--db", db.to_str().unwrap(), "R999999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record R999999"));
}

#[test]
fn export_import_export_round_trips_and_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    demo(Path::new(&p("demo.sqlite3")), "2000", "8");
    ok(&["export", "--db", &p("demo.sqlite3"), "--out", &p("a.csv")]);
    let first = ok(&["import", "--db", &p("real.sqlite3"), "--ward", "00004", &p("a.csv")]);
    assert!(first.starts_with("2000 rows: 2000 new, 0 updated, 0 unchanged, 0 rejected"), "{first}");
    ok(&["export", "--db", &p("real.sqlite3"), "--out", &p("b.csv")]);
    assert_eq!(std::fs::read(p("a.csv")).unwrap(), std::fs::read(p("b.csv")).unwrap());
    let before = digest(Path::new(&p("real.sqlite3")));
    let again = ok(&["import", "--db", &p("real.sqlite3"), &p("a.csv")]);
    assert!(again.starts_with("2000 rows: 0 new, 0 updated, 2000 unchanged"), "{again}");
    assert_eq!(digest(Path::new(&p("real.sqlite3"))), before);

    // The same through an Excel workbook.
    ok(&["export", "--db", &p("real.sqlite3"), "--out", &p("c.xlsx")]);
    let from_xlsx = ok(&["import", "--db", &p("x.sqlite3"), "--ward", "00004", &p("c.xlsx")]);
    assert!(from_xlsx.starts_with("2000 rows: 2000 new"), "{from_xlsx}");
    ok(&["export", "--db", &p("x.sqlite3"), "--out", &p("d.csv")]);
    assert_eq!(std::fs::read(p("a.csv")).unwrap(), std::fs::read(p("d.csv")).unwrap());
}

#[test]
fn real_extracts_are_refused_by_a_demo_ward() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let csv = dir.path().join("x.csv");
    demo(&db, "100", "9");
    std::fs::write(&csv, "ma_ban_ghi,ho_ten,ngay_sinh\nX1,Lê Văn Tám,1970\n").unwrap();
    let before = digest(&db);
    let out = motcua(&["import", "--db", db.to_str().unwrap(), csv.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo ward"));
    assert_eq!(digest(&db), before);
}

#[test]
fn row_errors_are_listed_with_their_line_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.sqlite3");
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "ma_ban_ghi,ho_ten,ngay_sinh\nX1,Lê Văn Tám,1970\nX2,Lê Văn Chín,ngày 5\nX3,Lê Văn Mười\n",
    )
    .unwrap();
    let out = ok(&["import", "--db", db.to_str().unwrap(), "--ward", "00004", csv.to_str().unwrap()]);
    assert!(out.contains("3 rows: 1 new"), "{out}");
    assert!(out.contains("dòng 3 (X2): không đọc được ngày \"ngày 5\""), "{out}");
    assert!(out.contains("dòng 4 (X3): dòng có 2 ô, tiêu đề có 3 cột"), "{out}");
}

/// A plain extract of `n` rows, written directly (generating a demo ward in a debug
/// build would take longer than the import it feeds).
fn write_extract(path: &Path, n: usize) -> String {
    let mut csv =
        String::from("ma_ban_ghi,so_dinh_danh,ho_ten,ngay_sinh,gioi_tinh,so_ho_so_cu_tru,noi_o_hien_tai\n");
    let given = ["An", "Bình", "Chi", "Dũng", "Hoà", "Lan", "Minh", "Thuý"];
    for i in 0..n {
        csv.push_str(&format!(
            "R{i:06},0011{:08},Nguyễn Văn {},{:02}/{:02}/{},{},HS{:06},Số {} phố Hàng Bông\n",
            i,
            given[i % given.len()],
            i % 28 + 1,
            i % 12 + 1,
            1940 + i % 80,
            if i % 2 == 0 { "Nam" } else { "Nữ" },
            i / 3,
            i % 200 + 1
        ));
    }
    std::fs::write(path, &csv).unwrap();
    csv
}

/// The rows of a comma-separated text (no quoted cells) cut down to `header`'s columns, so an
/// export, which writes every column, compares with a narrower extract.
fn project(text: &str, header: &str) -> Vec<String> {
    let mut lines = text.lines();
    let names: Vec<&str> = lines.next().unwrap().split(',').collect();
    let picks: Vec<usize> = header
        .split(',')
        .map(|c| names.iter().position(|n| *n == c).unwrap_or_else(|| panic!("no column {c}")))
        .collect();
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            picks.iter().map(|&i| cells[i]).collect::<Vec<_>>().join(",")
        })
        .collect()
}

#[test]
fn a_killed_import_leaves_whole_batches_and_the_next_one_finishes() {
    const ROWS: usize = 60_000;
    const BATCH: usize = motcua_core::import::BATCH_ROWS;
    let dir = tempfile::tempdir().unwrap();
    let (csv, db) = (dir.path().join("x.csv"), dir.path().join("r.sqlite3"));
    let text = write_extract(&csv, ROWS);
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["import", "--ward", "00004", "--db", db.to_str().unwrap(), csv.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) as soon as a first batch has landed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let landed = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM persons", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if landed > 0 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Opening again (export does) rebuilds the number indexes the bulk load had left out.
    let partial = dir.path().join("partial.csv");
    ok(&["export", "--db", db.to_str().unwrap(), "--out", partial.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&partial).unwrap();
    let landed = exported.lines().count() - 1;
    assert!(landed > 0 && landed < ROWS, "killed mid-import, {landed} rows landed");
    assert_eq!(landed % BATCH, 0, "whole batches only");
    let header = text.lines().next().unwrap();
    let file_rows = project(&text, header);
    let stored = project(&exported, header);
    let first_diff = stored.iter().zip(&file_rows).position(|(a, b)| a != b);
    assert_eq!(first_diff, None, "the rows that landed are the file's first rows, whole");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'persons_so_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 6, "number indexes rebuilt at open");
    drop(conn);

    let again = ok(&["import", "--db", db.to_str().unwrap(), csv.to_str().unwrap()]);
    let want = format!("{ROWS} rows: {} new, 0 updated, {landed} unchanged, 0 rejected", ROWS - landed);
    assert!(again.starts_with(&want), "{again}");
    let full = dir.path().join("full.csv");
    ok(&["export", "--db", db.to_str().unwrap(), "--out", full.to_str().unwrap()]);
    let all = project(&std::fs::read_to_string(&full).unwrap(), header);
    assert_eq!(all.len(), ROWS);
    assert!(all == file_rows, "after the second import the register is the whole file");
}

fn with_password(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .env("MOTCUA_PASSWORD", password)
        .output()
        .expect("motcua runs")
}

#[test]
fn a_password_makes_an_encrypted_register_that_only_it_opens() {
    const PASSWORD: &str = "Tổ 3, phường Ba Đình";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("enc.sqlite3");
    let db_arg = db.to_str().unwrap();
    let made = with_password(&["demo", "--residents", "500", "--seed", "4", "--db", db_arg], PASSWORD);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    // What the demo ward holds, read back with the password.
    let found =
        with_password(&["search", "--db", db_arg, "--format", "jsonl", "--limit", "300", "nguyen"], PASSWORD);
    assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stderr));
    let hits: Vec<serde_json::Value> =
        String::from_utf8(found.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(hits.len() > 50, "{} hits", hits.len());
    let mut secrets: Vec<String> = Vec::new();
    for h in &hits {
        secrets.push(h["ho_ten"].as_str().unwrap().to_string());
        if let Some(id) = h["so_dinh_danh"].as_str() {
            secrets.push(id.to_string());
        }
    }

    // The raw files, as a thief would read them.
    let mut raw = std::fs::read(&db).unwrap();
    raw.extend(std::fs::read(dir.path().join("enc.sqlite3-wal")).unwrap_or_default());
    let leaked: Vec<&String> =
        secrets.iter().filter(|s| raw.windows(s.len()).any(|w| w == s.as_bytes())).collect();
    assert!(leaked.is_empty(), "plaintext in the encrypted file: {:?}", &leaked[..leaked.len().min(5)]);

    let without = motcua(&["search", "--db", db_arg, "nguyen"]);
    assert!(!without.status.success());
    assert!(String::from_utf8_lossy(&without.stderr).contains("MOTCUA_PASSWORD"));
    let wrong = with_password(&["search", "--db", db_arg, "nguyen"], "tổ 3, phường ba đình");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong login or password"));

    // Encrypted or not, the same seed gives the same content.
    let plain = dir.path().join("plain.sqlite3");
    demo(&plain, "500", "4");
    let enc_digest = with_password(&["digest", "--db", db_arg], PASSWORD);
    assert_eq!(String::from_utf8(enc_digest.stdout).unwrap().trim(), digest(&plain));
    let plain_raw = std::fs::read(&plain).unwrap();
    assert!(plain_raw.windows(secrets[0].len()).any(|w| w == secrets[0].as_bytes()), "the check can fail");
}

fn as_officer(args: &[&str], login: &str, password: &str, new_password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_motcua"));
    cmd.args(args).env("MOTCUA_USER", login).env("MOTCUA_PASSWORD", password);
    if let Some(p) = new_password {
        cmd.env("MOTCUA_NEW_PASSWORD", p);
    }
    cmd.output().expect("motcua runs")
}

#[test]
fn each_officer_gets_their_role_and_every_access_is_in_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let db_arg = db.to_str().unwrap();
    let (admin, desk) = ("quản trị phường", "mật khẩu của Lan");
    let made =
        as_officer(&["demo", "--residents", "300", "--seed", "9", "--db", db_arg], "admin", admin, None);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let add = [
        "user",
        "add",
        "--db",
        db_arg,
        "--login",
        "lan.nt",
        "--name",
        "Nguyễn Thị Lan",
        "--role",
        "desk-officer",
    ];
    let added = as_officer(&add, "admin", admin, Some(desk));
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let search = ["search", "--db", db_arg, "--format", "jsonl", "--limit", "3", "nguyen"];
    assert!(as_officer(&search, "lan.nt", desk, None).status.success());
    let out = dir.path().join("x.csv");
    let export = ["export", "--db", db_arg, "--out", out.to_str().unwrap()];
    let refused = as_officer(&export, "lan.nt", desk, None);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("desk_officer may not export_register"));
    assert!(!out.exists(), "a refused export writes nothing");
    let list = as_officer(&["user", "list", "--db", db_arg], "lan.nt", desk, None);
    assert!(String::from_utf8_lossy(&list.stderr).contains("may not manage_users"));
    let other = as_officer(&search, "lan.nt", admin, None);
    assert!(String::from_utf8_lossy(&other.stderr).contains("wrong login or password"));

    let audit = as_officer(&["audit", "--db", db_arg], "admin", admin, None);
    assert!(audit.status.success(), "{}", String::from_utf8_lossy(&audit.stderr));
    let entries: Vec<serde_json::Value> =
        String::from_utf8(audit.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let by_lan: Vec<&str> =
        entries.iter().filter(|e| e["officer"] == "lan.nt").map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(by_lan, ["unlock", "search", "unlock", "unlock"], "refused commands did nothing");
    let verify = as_officer(&["audit", "--db", db_arg, "--verify"], "admin", admin, None);
    assert!(String::from_utf8_lossy(&verify.stdout).contains("audit log intact"));
}

#[test]
fn edit_changes_one_field_from_the_version_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    demo(&db, "200", "6");
    let db = db.to_str().unwrap();
    let shown: serde_json::Value = serde_json::from_str(&ok(&["show", "--db", db, "R000001"])).unwrap();
    assert_eq!(shown["version"], 1);
    let out = ok(&[
        "edit",
        "--db",
        db,
        "--record",
        "R000001",
        "--field",
        "so_dien_thoai",
        "--value",
        "0987 654 321",
    ]);
    assert!(out.contains("\"version\":2"), "{out}");
    let shown: serde_json::Value = serde_json::from_str(&ok(&["show", "--db", db, "R000001"])).unwrap();
    assert_eq!((shown["so_dien_thoai"].as_str(), shown["version"].as_i64()), (Some("0987 654 321"), Some(2)));
    let stale = motcua(&[
        "edit",
        "--db",
        db,
        "--record",
        "R000001",
        "--field",
        "email",
        "--clear",
        "--base-version",
        "1",
    ]);
    assert!(!stale.status.success());
    assert!(String::from_utf8_lossy(&stale.stderr).contains("changed since it was read"));
}

mod killed {
    //! `motcua sync` and `motcua serve` killed with SIGKILL mid-work, then started again:
    //! every queued edit reaches the server once.

    use std::io::{BufRead, BufReader};
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::time::Duration;

    use motcua_core::store::{Credentials, FieldEdit, Store};

    const PASSWORD: &str = "mật khẩu của Lan";
    const EDITS: usize = 10_000;

    fn motcua() -> Command {
        Command::new(env!("CARGO_BIN_EXE_motcua"))
    }

    use super::ok_with as run;

    fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    /// Starts `motcua serve` on `port` and waits for its "listening on" line.
    fn serve(db: &Path, port: u16) -> Child {
        let mut child = motcua()
            .args(["serve", "--db", db.to_str().unwrap(), "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.starts_with("listening on"), "{line}");
        child
    }

    fn sync_child(device: &Path) -> Child {
        motcua()
            .args(["sync", "--db", device.to_str().unwrap()])
            .envs([("MOTCUA_USER", "lan.nt"), ("MOTCUA_PASSWORD", PASSWORD)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Kills `child` as soon as `moved` says the work has begun, if it is still working
    /// then; says whether it was.
    fn kill_when(child: &mut Child, moved: impl Fn() -> bool) -> bool {
        while !moved() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        running
    }

    fn applied_once(server: &Path, device: &Path) {
        let store = Store::open(device, Some(&Credentials::new("lan.nt", PASSWORD))).unwrap();
        let ops = store.outbox_ops().unwrap();
        assert_eq!(ops.len(), EDITS);
        assert!(ops.iter().all(|(_, state)| state == "applied"), "every edit answered");
        let raw = rusqlite::Connection::open(server).unwrap();
        let applied: i64 = raw.query_row("SELECT count(*) FROM applied_ops", [], |r| r.get(0)).unwrap();
        let changed: i64 = raw
            .query_row("SELECT count(*) FROM person_history WHERE source = 'sync:lan.nt'", [], |r| r.get(0))
            .unwrap();
        assert_eq!((applied, changed), (EDITS as i64, EDITS as i64), "each edit applied once, none twice");
    }

    #[test]
    /// A 10,000-edit backlog: five batches, with both kills inside it.
    fn sigkill_of_the_device_mid_push_and_of_the_server_mid_apply_loses_and_doubles_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (server, device, csv) =
            (dir.path().join("ward.sqlite3"), dir.path().join("lan.sqlite3"), dir.path().join("x.csv"));
        let src = dir.path().join("src.sqlite3");
        run(&["demo", "--residents", "5000", "--seed", "4", "--db", src.to_str().unwrap()], &[]);
        run(&["export", "--db", src.to_str().unwrap(), "--out", csv.to_str().unwrap()], &[]);
        run(&["import", "--db", server.to_str().unwrap(), "--ward", "00004", csv.to_str().unwrap()], &[]);
        let added = run(
            &[
                "device",
                "add",
                "--db",
                server.to_str().unwrap(),
                "--name",
                "máy",
                "--login",
                "lan.nt",
                "--full-name",
                "Lan",
                "--role",
                "desk-officer",
            ],
            &[],
        );
        let line = |prefix: &str| added.lines().find_map(|l| l.strip_prefix(prefix)).unwrap().to_string();
        let (code, fingerprint) = (line("enrollment code "), line("certificate fingerprint "));
        let port = free_port();
        let mut serving = serve(&server, port);
        let url = format!("https://127.0.0.1:{port}");
        let enroll = [
            "enroll",
            "--db",
            device.to_str().unwrap(),
            "--server",
            &url,
            "--code",
            &code,
            "--fingerprint",
            &fingerprint,
        ];
        run(&enroll, &[("MOTCUA_PASSWORD", PASSWORD)]);

        // Offline: edits queue up (two per record, different fields).
        {
            let mut store = Store::open(&device, Some(&Credentials::new("lan.nt", PASSWORD))).unwrap();
            for i in 0..EDITS {
                let ma = format!("R{:06}", 1 + i % 5000);
                let field = if i < 5000 { "email" } else { "so_dien_thoai" };
                let version = store.person_detail(&ma).unwrap().version;
                let edit = FieldEdit {
                    ma_ban_ghi: ma,
                    field: field.into(),
                    value: Some(format!("v{i}")),
                    base_version: version,
                };
                store.edit_field(&edit).unwrap();
            }
        }

        // The device dies mid-push; then the server dies while applying a later batch.
        let applied = || -> i64 {
            let raw = rusqlite::Connection::open(&server).unwrap();
            raw.query_row("SELECT count(*) FROM applied_ops", [], |r| r.get(0)).unwrap()
        };
        // Each batch of 2,000 is one transaction on the server: the device is killed once
        // the first has landed, the server once the next has.
        let mut first = sync_child(&device);
        let device_killed = kill_when(&mut first, || applied() > 0);
        let after_device = applied();
        let mut second = sync_child(&device);
        let server_killed = kill_when(&mut serving, || applied() > after_device);
        let after_server = applied();
        second.wait().unwrap();
        let mut serving = serve(&server, port);
        run(
            &["sync", "--db", device.to_str().unwrap()],
            &[("MOTCUA_USER", "lan.nt"), ("MOTCUA_PASSWORD", PASSWORD)],
        );
        serving.kill().unwrap();
        serving.wait().unwrap();
        eprintln!(
            "device killed mid-sync: {device_killed} ({after_device} of {EDITS} applied); \
             server killed mid-sync: {server_killed} ({after_server} applied)"
        );
        applied_once(&server, &device);
    }
}

#[test]
fn review_prints_the_specs_lines_and_the_worklist_carries_a_merge_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    demo(&db, "2000", "5");
    let db_arg = db.to_str().unwrap();
    let lines = ok(&["review", "--db", db_arg]);
    let findings: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(findings.len() > 100, "{}", findings.len());
    for f in &findings {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        let want: &[&str] = if f["kind"] == "duplicate" {
            &["kind", "message", "records", "score", "severity"]
        } else {
            &["field", "kind", "message", "records", "severity", "suggestion"]
        };
        assert_eq!(keys, want, "{f}");
    }
    let refused = motcua(&["review", "--db", db_arg, "--format", "xlsx"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("needs --out"));
    let book = dir.path().join("ra-soat.xlsx");
    ok(&["review", "--db", db_arg, "--format", "xlsx", "--out", book.to_str().unwrap()]);
    assert!(book.exists());

    let dup: serde_json::Value = serde_json::from_str(
        ok(&["worklist", "--db", db_arg, "list", "--open", "--kind", "duplicate"]).lines().next().unwrap(),
    )
    .unwrap();
    let id = dup["id"].to_string();
    let keep = dup["finding"]["records"][0].as_str().unwrap().to_string();
    let no_reason = motcua(&["worklist", "--db", db_arg, "decide", &id, "not-error"]);
    assert!(String::from_utf8_lossy(&no_reason.stderr).contains("needs --reason"));
    let merge: serde_json::Value =
        serde_json::from_str(ok(&["worklist", "--db", db_arg, "merge", &id, "--keep", &keep]).trim())
            .unwrap();
    assert_eq!(merge["state"], "cho_duyet");
    let merge_id = merge["id"].to_string();
    let done: serde_json::Value =
        serde_json::from_str(ok(&["worklist", "--db", db_arg, "approve", &merge_id]).trim()).unwrap();
    assert_eq!(done["state"], "da_gop");
    let item: serde_json::Value = serde_json::from_str(
        ok(&["worklist", "--db", db_arg, "list", "--record", &keep, "--kind", "duplicate"])
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(item["state"], "da_sua");
    let progress = ok(&["worklist", "--db", db_arg, "progress"]);
    assert!(
        progress
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["percent_clean"].is_number())
    );
    let again = ok(&["review", "--db", db_arg]);
    assert!(
        !again.lines().any(|l| l.contains(&format!("\"{keep}\"")) && l.contains("\"duplicate\"")),
        "merged pair not found again"
    );
}

#[test]
fn procedure_commands_check_catalogs_count_due_days_and_prepare_photos() {
    let dir = tempfile::tempdir().unwrap();
    let listed = ok(&["procedure", "list"]);
    assert!(listed.contains("vneid_muc_2") && listed.contains("ly_lich_tu_phap"), "{listed}");
    // Thursday 12/2/2026 after 15:00 counts from Friday; Tết follows; 3 days → 25/2.
    let due = ok(&["procedure", "due", "--received", "2026-02-12 15:30", "--days", "3"]);
    assert_eq!(due.trim(), "received 2026-02-12 15:30:00  counts from 2026-02-13  due 2026-02-25");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = \"x\"\neffective_from = \"2026-01-01\"\nprocedure = []\n").unwrap();
    let out = motcua(&["procedure", "check", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("phiên bản \"x\"") && err.contains("không có thủ tục nào"), "{err}");
    // A dark photo: shrunk below 2000 px and warned about.
    let dark = image::RgbImage::from_fn(2600, 1800, |x, y| image::Rgb([((x + y) % 20) as u8; 3]));
    let input = dir.path().join("dark.png");
    dark.save(&input).unwrap();
    let output = dir.path().join("dark.jpg");
    let said = ok(&["procedure", "photo", input.to_str().unwrap(), output.to_str().unwrap()]);
    assert!(said.contains("2000x138") && said.contains("warning too_dark"), "{said}");
    // A ward sets 2028 (Tết on Wednesday 26/1): a file that day counts from the 27th.
    let db = dir.path().join("demo.sqlite3");
    demo(&db, "50", "1");
    let db = db.to_str().unwrap();
    let year = dir.path().join("2028.toml");
    std::fs::write(&year, "[[year]]\nyear = 2028\ndays_off = [\"2028-01-26\"]\n").unwrap();
    let set = ok(&["procedure", "holidays", "--db", db, year.to_str().unwrap()]);
    assert!(set.contains("set the days off of 2028") && set.contains("2028: set by the ward"), "{set}");
    let due = ok(&["procedure", "due", "--received", "2028-01-26 09:00", "--days", "0", "--db", db]);
    assert!(due.contains("counts from 2028-01-27"), "{due}");
}

#[test]
fn report_writes_the_same_figures_as_xlsx_and_pdf_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db = db.to_str().unwrap();
    ok(&[
        "demo",
        "--residents",
        "300",
        "--db",
        db,
        "--applications",
        "400",
        "--applications-until",
        "2026-11-30",
    ]);
    let xlsx = dir.path().join("tuan.xlsx");
    let week = ["report", "--db", db, "--from", "2026-11-24", "--to", "2026-11-30"];
    let said = ok(&[&week[..], &["--format", "xlsx", "--out", xlsx.to_str().unwrap()]].concat());
    let pdf = dir.path().join("tuan.pdf");
    let again = ok(&[&week[..], &["--format", "pdf", "--out", pdf.to_str().unwrap()]].concat());
    let figures = |s: &str| s.split_once(':').unwrap().1.to_string();
    assert_eq!(figures(&said), figures(&again), "one set of figures");
    assert!(said.contains(" filed, "), "{said}");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout;
    assert!(String::from_utf8_lossy(&text).contains("Báo cáo tuần 24/11 – 30/11/2026"));
    let wrong = motcua(&[&week[..], &["--format", "pdf", "--out", xlsx.to_str().unwrap()]].concat());
    assert!(!wrong.status.success());
}
