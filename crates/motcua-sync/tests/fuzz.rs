//! Fuzzing the sync message decoder, the first thing either side runs on a peer's
//! bytes: arbitrary bytes, and valid messages with their text cut or spliced. It never
//! panics, and what it accepts keeps the protocol's limits.
//!
//! The test run tries 256 cases a target; `PROPTEST_CASES=1000000 cargo test --release
//! -p motcua-sync --test fuzz` is the long run (figures in BENCHMARKS.md).

use motcua_sync::wire::{self, EnrollRequest, MAX_OPS_PER_PUSH, Op, PullResponse, PushRequest, VneidUpload};
use proptest::prelude::*;

fn sample_push() -> String {
    let op = Op {
        op_id: "00112233445566778899aabbccddeeff".into(),
        ma_ban_ghi: "R000001".into(),
        field: "ngay_sinh".into(),
        base_version: 3,
        old_value: Some("1968".into()),
        new_value: Some("12/03/1968".into()),
    };
    serde_json::to_string(&PushRequest { ops: vec![op.clone(), op] }).unwrap()
}

fn sample_pull() -> String {
    r#"{"records":[{"record":{"ma_ban_ghi":"R1","so_dinh_danh":null,"so_cmnd":null,"ho_ten":"Nguyễn Văn An","ten_goi_khac":null,"ngay_sinh":"1990","gioi_tinh":null,"noi_sinh":null,"noi_dang_ky_khai_sinh":null,"que_quan":null,"dan_toc":null,"ton_giao":null,"quoc_tich":null,"nhom_mau":null,"tinh_trang_hon_nhan":null,"noi_thuong_tru":null,"noi_tam_tru":null,"noi_o_hien_tai":null,"so_ho_so_cu_tru":null,"quan_he_chu_ho":null,"ho_ten_cha":null,"so_dinh_danh_cha":null,"ho_ten_me":null,"so_dinh_danh_me":null,"ho_ten_vo_chong":null,"so_dinh_danh_vo_chong":null,"so_dien_thoai":null,"email":null,"ngay_chet":null,"to_dan_pho":null},"version":2}],"cursor":7,"more":false}"#.into()
}

fn sample_vneid() -> String {
    r#"{"accounts":[{"ma_ban_ghi":"R000005","state":"loi","registered_on":"2026-12-01","approved_on":"2026-12-02","activated_on":null,"failure":"otp_not_received","note":"máy hết bộ nhớ","officer":"lan.nt","to_dan_pho":"Tổ dân phố số 3","updated_at":"2026-12-04T03:00:00.000Z"}]}"#.into()
}

/// A message with a piece cut out and something else put in its place.
fn spliced(base: String) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (0..=len, 0..=len, prop::collection::vec(any::<u8>(), 0..24)).prop_map(move |(a, b, insert)| {
        let (a, b) = (a.min(b), a.max(b));
        let mut bytes = base.as_bytes()[..a].to_vec();
        bytes.extend(insert);
        bytes.extend(&base.as_bytes()[b..]);
        bytes
    })
}

proptest! {
    #[test]
    fn the_decoder_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = wire::decode::<PushRequest>(&bytes);
        let _ = wire::decode::<PullResponse>(&bytes);
        let _ = wire::decode::<EnrollRequest>(&bytes);
        let _ = wire::decode::<VneidUpload>(&bytes);
    }

    #[test]
    fn a_spliced_vneid_upload_is_refused_or_holds_only_rows_a_register_can(bytes in spliced(sample_vneid())) {
        if let Ok(upload) = wire::decode::<VneidUpload>(&bytes) {
            prop_assert!(upload.accounts.len() <= wire::MAX_VNEID_PER_UPLOAD);
            prop_assert!(upload.accounts.iter().all(|a| a.is_well_formed()));
        }
    }

    #[test]
    fn a_spliced_push_is_refused_or_within_limits(bytes in spliced(sample_push())) {
        if let Ok(push) = wire::decode::<PushRequest>(&bytes) {
            prop_assert!(push.ops.len() <= MAX_OPS_PER_PUSH);
            for op in &push.ops {
                prop_assert!(op.op_id.len() >= 16 && op.op_id.bytes().all(|b| b.is_ascii_hexdigit()));
            }
        }
    }

    #[test]
    fn a_spliced_pull_page_is_refused_or_sound(bytes in spliced(sample_pull())) {
        if let Ok(page) = wire::decode::<PullResponse>(&bytes) {
            prop_assert!(page.cursor >= 0);
        }
    }
}

#[test]
fn the_samples_themselves_decode() {
    assert_eq!(wire::decode::<PushRequest>(sample_push().as_bytes()).unwrap().ops.len(), 2);
    assert_eq!(wire::decode::<PullResponse>(sample_pull().as_bytes()).unwrap().records.len(), 1);
    assert_eq!(wire::decode::<VneidUpload>(sample_vneid().as_bytes()).unwrap().accounts.len(), 1);
    let unknown = sample_vneid().replace("otp_not_received", "no_such_failure");
    assert!(matches!(wire::decode::<VneidUpload>(unknown.as_bytes()), Err(wire::DecodeError::Invalid(_))));
    let too_many = PushRequest {
        ops: vec![
            wire::decode::<PushRequest>(sample_push().as_bytes()).unwrap().ops[0].clone();
            MAX_OPS_PER_PUSH + 1
        ],
    };
    let e = wire::decode::<PushRequest>(serde_json::to_string(&too_many).unwrap().as_bytes()).unwrap_err();
    assert!(matches!(e, wire::DecodeError::Invalid(_)), "{e}");
}
