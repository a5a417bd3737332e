//! Accounts, roles and the audit log, through the store's own commands.

use super::tests::sample_records;
use super::*;
use crate::access::{Action, Role};
use crate::record::RegisterRecord;

const ADMIN_PW: &str = "quản trị phường 2026";

fn creds(login: &str) -> Credentials {
    Credentials::new(login, format!("mật khẩu của {login}"))
}

/// An encrypted register of `kind` with the samples and one account per role.
fn register_with_staff(dir: &Path, kind: RegisterKind) -> PathBuf {
    let path = dir.join("r.sqlite3");
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", ADMIN_PW))).unwrap();
    let meta =
        RegisterMeta {
            kind, ward_code: "00004".into(), ward: "Ba Đình".into(), province: "Hà Nội".into()
        };
    admin.create_register(&meta, &sample_records(), &mut |_, _| {}).unwrap();
    for role in Role::ALL {
        let c = creds(role.code());
        admin.add_officer(c.login(), "Cán bộ thử", role, c.password()).unwrap();
    }
    path
}

/// Runs the command behind `action` and says whether the role check let it through.
/// Actions without a command yet are not listed.
fn attempt(store: &mut Store, action: Action, tag: &str) -> Option<Result<(), StoreError>> {
    let done = match action {
        Action::Search => store.search("nguyen", 5).map(drop),
        Action::ViewCitizen => store.person_detail("R1").map(drop),
        Action::ImportRegister => {
            let r = RegisterRecord {
                ma_ban_ghi: format!("NEW-{tag}"),
                ho_ten: "Lê Văn Mới".into(),
                ..Default::default()
            };
            store.insert_records(&[r], &mut |_, _| {}).map(drop)
        }
        Action::ExportRegister => store.export_csv(Vec::new()).map(drop).map_err(|e| match e {
            ExportError::Store(e) => e,
            other => panic!("{other}"),
        }),
        Action::ManageUsers => store.officers().map(drop),
        Action::ViewAudit => store.verify_audit().map(drop),
        _ => return None,
    };
    Some(done)
}

/// The permissions written out by hand (not read from `access::permits`), for the
/// actions that have a command: S search, V view, I import, E export, M manage users,
/// A audit.
fn expected(role: Role, kind: RegisterKind) -> &'static str {
    match (role, kind) {
        (Role::DeskOfficer | Role::MobileTeam, _) => "SV",
        (Role::Supervisor, _) => "SVEA",
        (Role::Trainer, RegisterKind::Real) => "",
        (Role::Trainer, RegisterKind::Demo) => "SVIEMA",
        (Role::WardAdmin, _) => "SVIEMA",
    }
}

fn letter(action: Action) -> char {
    match action {
        Action::Search => 'S',
        Action::ViewCitizen => 'V',
        Action::ImportRegister => 'I',
        Action::ExportRegister => 'E',
        Action::ManageUsers => 'M',
        Action::ViewAudit => 'A',
        _ => '?',
    }
}

#[test]
fn each_role_is_refused_each_command_it_must_not_run() {
    for kind in [RegisterKind::Real, RegisterKind::Demo] {
        let dir = tempfile::tempdir().unwrap();
        let path = register_with_staff(dir.path(), kind);
        for role in Role::ALL {
            let mut store = Store::open(&path, Some(&creds(role.code()))).unwrap();
            assert_eq!(store.officer().role, role);
            for action in Action::ALL {
                let Some(result) = attempt(&mut store, action, role.code()) else { continue };
                let allowed = expected(role, kind).contains(letter(action));
                match result {
                    Ok(()) => assert!(allowed, "{role:?} ran {action:?} in a {kind:?} register"),
                    Err(StoreError::Forbidden { role: r, action: a }) => {
                        assert!(!allowed, "{role:?} was refused {action:?} in a {kind:?} register");
                        assert_eq!((r, a), (role, action));
                    }
                    Err(e) => panic!("{role:?} {action:?}: {e}"),
                }
            }
        }
        // Nothing a refused command would have written is there.
        let admin = Store::open(&path, Some(&Credentials::new("admin", ADMIN_PW))).unwrap();
        let imported = admin.count_persons().unwrap() as usize - sample_records().len();
        let importers = Role::ALL.iter().filter(|r| expected(**r, kind).contains('I')).count();
        assert_eq!(imported, importers, "one record per role allowed to import");
    }
}

#[test]
fn a_disabled_account_opens_nothing_even_with_its_old_key_slot() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    let saved = std::fs::read(keyring::path_for(&path)).unwrap();
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", ADMIN_PW))).unwrap();
    assert!(matches!(admin.disable_officer("admin"), Err(StoreError::InvalidAccount(_))), "not oneself");
    admin.disable_officer("desk_officer").unwrap();
    drop(admin);
    assert!(matches!(Store::open(&path, Some(&creds("desk_officer"))), Err(StoreError::WrongPassword)));
    // A keyring restored from before: the slot opens the key, the account stays disabled.
    std::fs::write(keyring::path_for(&path), saved).unwrap();
    assert!(matches!(Store::open(&path, Some(&creds("desk_officer"))), Err(StoreError::AccountDisabled(_))));
    assert!(Store::open(&path, Some(&creds("supervisor"))).is_ok());
}

#[test]
fn a_changed_password_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    let mut s = Store::open(&path, Some(&creds("supervisor"))).unwrap();
    assert!(matches!(s.change_password("short"), Err(StoreError::InvalidAccount(_))));
    s.change_password("một mật khẩu mới").unwrap();
    drop(s);
    assert!(matches!(Store::open(&path, Some(&creds("supervisor"))), Err(StoreError::WrongPassword)));
    let s = Store::open(&path, Some(&Credentials::new("supervisor", "một mật khẩu mới"))).unwrap();
    assert_eq!(s.officer().role, Role::Supervisor);
}

#[test]
fn accounts_need_valid_logins_and_an_encrypted_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", ADMIN_PW))).unwrap();
    for bad in ["Lan", "lân", "x"] {
        assert!(matches!(
            admin.add_officer(bad, "A", Role::DeskOfficer, "12345678"),
            Err(StoreError::InvalidAccount(_))
        ));
    }
    assert!(matches!(
        admin.add_officer("lan.nt", "Lan", Role::DeskOfficer, "1234567"),
        Err(StoreError::InvalidAccount(_))
    ));
    assert!(matches!(
        admin.add_officer("supervisor", "Again", Role::DeskOfficer, "12345678"),
        Err(StoreError::InvalidAccount(_))
    ));
    let mut plain = Store::open(&dir.path().join("p.sqlite3"), None).unwrap();
    assert!(matches!(
        plain.add_officer("lan.nt", "Lan", Role::DeskOfficer, "12345678"),
        Err(StoreError::NoAccounts)
    ));
}

#[test]
fn a_missing_keyring_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    std::fs::remove_file(keyring::path_for(&path)).unwrap();
    assert!(matches!(Store::open(&path, Some(&creds("admin"))), Err(StoreError::KeyringMissing(_))));
}

fn plain_register_with_activity(dir: &Path) -> PathBuf {
    let path = dir.join("p.sqlite3");
    let mut s = Store::open(&path, None).unwrap();
    s.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    s.search("Nguyễn Văn Hùng", 5).unwrap();
    s.search("001068012345", 5).unwrap();
    s.person_detail("R1").unwrap();
    s.export_csv(Vec::new()).unwrap();
    path
}

#[test]
fn the_audit_records_who_did_what_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_register_with_activity(dir.path());
    let s = Store::open(&path, None).unwrap();
    let entries = s.audit_entries(0, 100).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["unlock", "import_register", "search", "search", "view_citizen", "export_register", "unlock"]
    );
    assert_eq!(entries[4].record.as_deref(), Some("R1"));
    assert!(entries.iter().all(|e| e.officer == "local"));
    let text = serde_json::to_string(&entries).unwrap();
    for personal in ["Nguyễn", "Nguyen", "nguyen", "Hùng", "001068012345", "0912"] {
        assert!(!text.contains(personal), "{personal} in the audit log");
    }
    assert_eq!(s.verify_audit().unwrap(), AuditCheck { entries: 7, broken_at: None });
}

/// What someone with the file (and SQL) might do to hide an access.
fn tamper(path: &Path, sql: &str) -> AuditCheck {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    raw.execute_batch(sql).unwrap();
    drop(raw);
    let s = Store::open(path, None).unwrap();
    s.verify_audit().unwrap()
}

#[test]
fn the_code_cannot_rewrite_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_register_with_activity(dir.path());
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert!(raw.execute("UPDATE audit_log SET record = 'R2' WHERE seq = 5", []).is_err());
    assert!(raw.execute("DELETE FROM audit_log WHERE seq = 5", []).is_err());
}

#[test]
fn a_modified_audit_entry_breaks_the_chain_and_is_reported() {
    let cases = [
        ("UPDATE audit_log SET record = 'R2' WHERE seq = 5", 5, BreakReason::Altered, 4),
        ("UPDATE audit_log SET officer = 'someone' WHERE seq = 3", 3, BreakReason::Altered, 2),
        ("DELETE FROM audit_log WHERE seq = 4", 5, BreakReason::Gap, 3),
        // Renumbered after a removal and the entry's own hash recomputed elsewhere: the
        // next entry still points at the removed one.
        (
            "DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4",
            4,
            BreakReason::Unlinked,
            3,
        ),
    ];
    for (sql, seq, reason, good) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = plain_register_with_activity(dir.path());
        let check = tamper(&path, sql);
        assert_eq!(check.broken_at, Some(AuditBreak { seq, reason }), "{sql}");
        assert_eq!(check.entries, good, "{sql}: entries before the break");
    }
}

#[test]
fn a_locked_session_reopens_with_its_pin_and_three_wrong_pins_need_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    let store = Store::open(&path, Some(&creds("desk_officer"))).unwrap();
    let mut lock = store.seal_session("2468").unwrap();
    store.lock().unwrap();
    assert!(matches!(lock.unlock("1357"), Err(StoreError::WrongPin { tries_left: 2 })));
    let again = lock.unlock("2468").unwrap();
    assert_eq!(again.officer().login, "desk_officer");
    assert_eq!(again.search("nguyen", 5).unwrap().hits.len(), 3);
    let second = again.reopen().unwrap();
    assert_eq!(second.officer().role, Role::DeskOfficer);

    let mut lock = again.seal_session("2468").unwrap();
    drop((again, second));
    assert_eq!(lock.tries_left(), PIN_TRIES);
    for left in [2, 1] {
        assert!(
            matches!(lock.unlock("0000"), Err(StoreError::WrongPin { tries_left }) if tries_left == left)
        );
    }
    assert!(matches!(lock.unlock("0000"), Err(StoreError::PinExhausted)));
    assert!(matches!(lock.unlock("2468"), Err(StoreError::PinExhausted)), "the seal is gone");
    assert!(Store::open(&path, Some(&creds("desk_officer"))).is_ok(), "the password still opens");
}

#[test]
fn only_an_encrypted_register_locks_and_pins_are_digits() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_with_staff(dir.path(), RegisterKind::Real);
    let store = Store::open(&path, Some(&creds("supervisor"))).unwrap();
    assert!(matches!(store.seal_session("12a4"), Err(StoreError::InvalidAccount(_))));
    for bad in ["123", "123456789", "12 34", "١٢٣٤"] {
        assert!(!valid_pin(bad), "{bad}");
    }
    let plain = Store::open(&dir.path().join("p.sqlite3"), None).unwrap();
    assert!(matches!(plain.seal_session("1234"), Err(StoreError::NoAccounts)));
}

#[test]
fn the_server_keeps_each_devices_audit_chain_and_refuses_one_that_was_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let device = Store::open(&plain_register_with_activity(dir.path()), None).unwrap();
    let entries = device.audit_to_upload(100).unwrap();
    assert_eq!(entries.len(), 7);
    let mut server = Store::open(&dir.path().join("server.sqlite3"), None).unwrap();
    assert_eq!(server.store_device_audit("d1", &entries[..4]).unwrap(), 4);
    // Again, overlapping: what is held is skipped, the rest appended.
    assert_eq!(server.store_device_audit("d1", &entries).unwrap(), 7);

    let mut rewritten = entries.clone();
    rewritten[2].record = Some("R9".into());
    let e = server.store_device_audit("d1", &rewritten[2..]).unwrap_err();
    assert!(matches!(e, StoreError::AuditBroken { seq: 3, reason: BreakReason::Altered }), "{e}");
    // Rewritten with its hash recomputed: it no longer matches the copy the server holds.
    rewritten[2].hash = super::audit::entry_hash(&rewritten[2]);
    let e = server.store_device_audit("d1", &rewritten[2..]).unwrap_err();
    assert!(matches!(e, StoreError::AuditBroken { seq: 3, reason: BreakReason::Altered }), "{e}");
    // Another device starting mid-chain, or skipping an entry.
    let e = server.store_device_audit("d2", &entries[1..]).unwrap_err();
    assert!(matches!(e, StoreError::AuditBroken { seq: 2, reason: BreakReason::Gap }), "{e}");
    let skipping = [entries[0].clone(), entries[2].clone()];
    assert!(matches!(
        server.store_device_audit("d3", &skipping),
        Err(StoreError::AuditBroken { seq: 3, .. })
    ));
    let held: i64 = server.conn().query_row("SELECT count(*) FROM device_audit", [], |r| r.get(0)).unwrap();
    assert_eq!(held, 7, "refused uploads add nothing");
}
