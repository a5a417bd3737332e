//! Encryption at rest, end to end through `Store::open`.

use super::tests::sample_records;
use super::*;

/// Every file the register is made of, as a thief would read them.
fn raw_bytes(path: &Path) -> Vec<u8> {
    register_files(path).iter().filter_map(|p| std::fs::read(p).ok()).flatten().collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_encrypted_register_holds_no_plaintext_name_or_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let key = Credentials::new("admin", "Phường-Ba-Đình 2026");
    let mut store = Store::open(&path, Some(&key)).unwrap();
    store.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    assert_eq!(store.search("nguyen van hung", 5).unwrap().hits.len(), 1);
    // Still open, so the WAL holds the latest pages too.
    let bytes = raw_bytes(&path);
    assert!(!bytes.starts_with(b"SQLite format 3"), "no plaintext header");
    for r in sample_records() {
        for text in
            [Some(r.ho_ten.clone()), r.so_dinh_danh, r.so_cmnd, r.noi_thuong_tru].into_iter().flatten()
        {
            assert!(!contains(&bytes, &text), "{text:?} found in the raw file");
        }
    }
    // The check itself can fail: a plaintext register has them.
    let plain = dir.path().join("p.sqlite3");
    let mut open = Store::open(&plain, None).unwrap();
    open.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    assert!(contains(&raw_bytes(&plain), "001068012345"));
}

#[test]
fn the_right_password_reopens_and_others_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut store = Store::open(&path, Some(&Credentials::new("admin", "đúng"))).unwrap();
    store.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    drop(store);

    let again = Store::open(&path, Some(&Credentials::new("admin", "đúng"))).unwrap();
    assert_eq!(again.search("tran thi hoa", 5).unwrap().hits[0].ma_ban_ghi, "R2");
    drop(again);
    assert!(matches!(
        Store::open(&path, Some(&Credentials::new("admin", "dung"))),
        Err(StoreError::WrongPassword)
    ));
    assert!(matches!(
        Store::open(&path, Some(&Credentials::new("admin", ""))),
        Err(StoreError::WrongPassword)
    ));
    assert!(matches!(Store::open(&path, None), Err(StoreError::PasswordNeeded)));
    // A refused open changes nothing: the right password still works.
    assert!(Store::open(&path, Some(&Credentials::new("admin", "đúng"))).is_ok());
}

#[test]
fn a_plaintext_register_is_not_opened_with_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    drop(Store::open(&path, None).unwrap());
    assert!(matches!(
        Store::open(&path, Some(&Credentials::new("admin", "x"))),
        Err(StoreError::NotEncrypted)
    ));
    assert!(Store::open(&path, None).is_ok());
}

#[test]
fn an_encrypted_register_is_migrated_and_checked_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let store = Store::open(&path, Some(&Credentials::new("admin", "k"))).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let check: String =
        store.conn().query_row("PRAGMA cipher_integrity_check", [], |r| r.get(0)).unwrap_or_default();
    assert!(check.is_empty() || check == "ok", "{check}");
}

/// SQLCipher answers `PRAGMA page_size` on a keyed connection itself, as text.
fn page_size(store: &Store) -> i64 {
    let size: String = store.conn().query_row("PRAGMA cipher_page_size", [], |r| r.get(0)).unwrap();
    size.parse().unwrap()
}

fn keyring_format(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(keyring::path_for(path)).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["format"].clone()
}

#[test]
fn a_new_register_is_laid_out_in_8_kib_pages_and_its_keyring_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut store = Store::open(&path, Some(&Credentials::new("admin", "k"))).unwrap();
    store.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    assert_eq!(page_size(&store), 8192);
    assert_eq!(keyring_format(&path), 2);
    drop(store);
    let again = Store::open(&path, Some(&Credentials::new("admin", "k"))).unwrap();
    assert_eq!(again.search("tran thi hoa", 5).unwrap().hits[0].ma_ban_ghi, "R2");
}

/// Registers an earlier MotCua encrypted (keyring format 1: SQLCipher 4's defaults)
/// open, read, take new accounts and stay in their format.
#[test]
fn a_register_encrypted_by_an_earlier_motcua_still_opens_and_keeps_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let admin = Credentials::new("admin", "cũ");
    let mut store =
        Store::setup(key::create_in_format(&path, &admin, 1).unwrap(), migrations::LATEST).unwrap();
    store.create_first_admin("admin").unwrap();
    store.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    drop(store);
    assert_eq!(keyring_format(&path), 1);

    let mut store = Store::open(&path, Some(&admin)).unwrap();
    assert_eq!(page_size(&store), 4096);
    assert_eq!(store.search("tran thi hoa", 5).unwrap().hits[0].ma_ban_ghi, "R2");
    store
        .add_officer("lan.nt", "Nguyễn Thị Lan", crate::access::Role::DeskOfficer, "mật khẩu của Lan")
        .unwrap();
    drop(store);
    assert_eq!(keyring_format(&path), 1, "a new account does not change the format");
    let lan = Store::open(&path, Some(&Credentials::new("lan.nt", "mật khẩu của Lan"))).unwrap();
    assert_eq!(lan.search("tran thi hoa", 5).unwrap().hits[0].ma_ban_ghi, "R2");
}

#[test]
fn a_keyring_from_a_newer_motcua_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    drop(Store::open(&path, Some(&Credentials::new("admin", "k"))).unwrap());
    let ring = keyring::path_for(&path);
    let text = std::fs::read_to_string(&ring).unwrap().replace("\"format\": 2", "\"format\": 3");
    std::fs::write(&ring, text).unwrap();
    let err = Store::open(&path, Some(&Credentials::new("admin", "k"))).err().unwrap();
    assert!(err.to_string().contains("newer MotCua"), "{err}");
}

#[test]
fn repeated_wrong_passwords_lock_the_register_for_a_while() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    drop(Store::open(&path, Some(&Credentials::new("admin", "đúng"))).unwrap());
    for _ in 1..FREE_TRIES {
        assert!(matches!(
            Store::open(&path, Some(&Credentials::new("admin", "sai"))),
            Err(StoreError::WrongPassword)
        ));
    }
    assert!(matches!(
        Store::open(&path, Some(&Credentials::new("admin", "sai"))),
        Err(StoreError::LockedOut { seconds: 30 })
    ));
    // While locked, even the right password is not tried.
    match Store::open(&path, Some(&Credentials::new("admin", "đúng"))) {
        Err(StoreError::LockedOut { seconds }) => assert!((1..=30).contains(&seconds), "{seconds}"),
        other => panic!("{:?}", other.map(|_| ())),
    }
    let lockout = Lockout::for_register(&path);
    assert!(lockout.wait(super::key::unix_now() + 31).is_none(), "the wait ends");
    // Once it has (here: the count reset), the right password opens, and resets it.
    lockout.succeeded().unwrap();
    assert!(Store::open(&path, Some(&Credentials::new("admin", "đúng"))).is_ok());
    assert!(matches!(
        Store::open(&path, Some(&Credentials::new("admin", "sai"))),
        Err(StoreError::WrongPassword)
    ));
}

#[test]
fn removing_a_register_removes_its_password_count_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    drop(Store::open(&path, Some(&Credentials::new("admin", "đúng"))).unwrap());
    assert!(Store::open(&path, Some(&Credentials::new("admin", "sai"))).is_err());
    assert!(register_files(&path)[4].exists(), "the wrong password was counted");
    remove_register(&path).unwrap();
    assert!(register_files(&path).iter().all(|p| !p.exists()));
}

#[test]
fn attachments_are_encrypted_with_the_register() {
    const MARKER: &str = "ẢNH-CCCD-MẶT-TRƯỚC-0123456789";
    let photo: Vec<u8> = MARKER.repeat(200).into_bytes();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut admin = Store::open(&path, Some(&Credentials::new("admin", "quản trị 2026"))).unwrap();
    admin.insert_records(&sample_records(), &mut |_, _| {}).unwrap();
    admin.add_officer("lan.nt", "Lan", crate::access::Role::DeskOfficer, "mật khẩu Lan").unwrap();
    drop(admin);
    let mut lan = Store::open(&path, Some(&Credentials::new("lan.nt", "mật khẩu Lan"))).unwrap();
    let sha = lan.add_attachment("R1", "cccd.jpg", "image/jpeg", &photo).unwrap();
    assert_eq!(lan.attachment_data(&sha).unwrap(), photo);
    assert!(!contains(&raw_bytes(&path), MARKER), "the photo is not readable in the raw files");
    // The check itself can fail: a plaintext register holds the bytes as they are.
    let plain = dir.path().join("p.sqlite3");
    let mut open = Store::open(&plain, None).unwrap();
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: "00004".into(),
        ward: "Ba Đình".into(),
        province: "Hà Nội".into(),
    };
    open.create_register(&meta, &sample_records(), &mut |_, _| {}).unwrap();
    open.add_attachment("R1", "cccd.jpg", "image/jpeg", &photo).unwrap();
    assert!(contains(&raw_bytes(&plain), MARKER));
}
