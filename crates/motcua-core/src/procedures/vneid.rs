//! A citizen's VNeID level-2 account, from registration at the police to activation in
//! the app (NĐ 69/2024, amended by NĐ 169/2025): the states, the moves between them, the
//! 7-day activation window, and the usual failures with what fixes each.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

/// Days after approval in which the account must be activated in the app.
pub const ACTIVATION_WINDOW_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VneidState {
    ChuaDangKy,
    ChoDuyet,
    ChoKichHoat,
    DaKichHoat,
    Loi,
}

impl VneidState {
    pub const ALL: [VneidState; 5] =
        [Self::ChuaDangKy, Self::ChoDuyet, Self::ChoKichHoat, Self::DaKichHoat, Self::Loi];

    pub fn code(self) -> &'static str {
        match self {
            Self::ChuaDangKy => "chua_dang_ky",
            Self::ChoDuyet => "cho_duyet",
            Self::ChoKichHoat => "cho_kich_hoat",
            Self::DaKichHoat => "da_kich_hoat",
            Self::Loi => "loi",
        }
    }

    pub fn from_code(code: &str) -> Option<VneidState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ChuaDangKy => "Chưa đăng ký",
            Self::ChoDuyet => "Đã đăng ký, chờ duyệt",
            Self::ChoKichHoat => "Đã duyệt, chờ kích hoạt",
            Self::DaKichHoat => "Đã kích hoạt",
            Self::Loi => "Lỗi",
        }
    }

    /// Whether an officer may record the move to `to`. Any state may fail; a failure
    /// is left by registering again (or by being approved, when the failure was only a
    /// late SMS); an activated account does not go back.
    pub fn may_become(self, to: VneidState) -> bool {
        use VneidState::*;
        matches!(
            (self, to),
            (ChuaDangKy, ChoDuyet)
                | (ChoDuyet, ChoKichHoat)
                | (ChoKichHoat, DaKichHoat)
                | (ChuaDangKy | ChoDuyet | ChoKichHoat, Loi)
                | (Loi, ChoDuyet | ChoKichHoat)
        )
    }
}

/// The last day to activate after an approval on `approved`, and the days left on `today`
/// (negative once missed).
pub fn activation_deadline(approved: NaiveDate, today: NaiveDate) -> (NaiveDate, i64) {
    let last = approved + TimeDelta::days(ACTIVATION_WINDOW_DAYS);
    (last, (last - today).num_days())
}

/// The usual reasons a registration or an activation fails, with the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub code: &'static str,
    pub label: &'static str,
    pub guidance: &'static str,
}

pub const FAILURES: &[Failure] = &[
    Failure {
        code: "phone_not_own",
        label: "Số điện thoại không đứng tên công dân",
        guidance: "Đăng ký số thuê bao chính chủ (hoặc chuẩn hoá thông tin thuê bao tại nhà mạng), rồi đăng ký lại.",
    },
    Failure {
        code: "carrier_mismatch",
        label: "Thông tin thuê bao không khớp với dữ liệu dân cư",
        guidance: "Soạn TTTB gửi 1414 để xem thông tin thuê bao; ra cửa hàng nhà mạng cập nhật theo thẻ căn cước.",
    },
    Failure {
        code: "otp_not_received",
        label: "Không nhận được mã OTP",
        guidance: "Kiểm tra sóng, hộp tin nhắn đầy và chặn tin nhắn; chờ 5 phút rồi bấm gửi lại mã.",
    },
    Failure {
        code: "window_missed",
        label: "Quá 7 ngày chưa kích hoạt",
        guidance: "Đến Công an cấp xã đề nghị cấp lại tài khoản (đăng ký lại).",
    },
    Failure {
        code: "still_pending",
        label: "Hồ sơ vẫn chờ duyệt",
        guidance: "Chờ tin nhắn SMS (3 ngày làm việc, 7 ngày nếu thẻ hết hạn); quá hạn thì hỏi Công an cấp xã hoặc tổng đài 1900 0368.",
    },
    Failure {
        code: "face_scan_failed",
        label: "Không quét được khuôn mặt hoặc mã QR",
        guidance: "Chụp nơi đủ sáng, tháo kính, lau camera; quét mã QR trên thẻ thẳng và gần.",
    },
    Failure {
        code: "unsupported_phone",
        label: "Điện thoại không cài được ứng dụng VNeID",
        guidance: "Dùng điện thoại Android 7 / iOS 13 trở lên; có thể mượn máy người thân để kích hoạt, sau đó đăng nhập lại trên máy mình.",
    },
    Failure {
        code: "card_expired",
        label: "Thẻ căn cước hết hạn",
        guidance: "Làm thủ tục cấp đổi thẻ căn cước trước; hồ sơ mức 2 với thẻ hết hạn được duyệt trong 7 ngày làm việc.",
    },
    Failure {
        code: "sim_suspended",
        label: "Thuê bao bị khoá chiều gọi đi sau khi đổi máy",
        guidance: "Xác thực lại khuôn mặt với nhà mạng (áp dụng từ 15/6/2026) rồi đăng nhập lại.",
    },
];

pub fn failure(code: &str) -> Option<&'static Failure> {
    FAILURES.iter().find(|f| f.code == code)
}
