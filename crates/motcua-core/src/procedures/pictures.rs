//! The pictures steps show: simple pictograms drawn for elderly readers (made by
//! `data/pictures/draw.py`, committed as PNG), embedded so a printout needs no files.

macro_rules! pictures {
    ($($name:literal),* $(,)?) => {
        /// Every picture a catalog step may name.
        pub const NAMES: &[&str] = &[$($name),*];

        /// The PNG bytes of the picture `name`.
        pub fn picture(name: &str) -> Option<&'static [u8]> {
            match name {
                $($name => Some(include_bytes!(concat!("../../data/pictures/", $name, ".png"))),)*
                _ => None,
            }
        }
    };
}

pictures!(
    "chup_anh_giay_to",
    "cong_an_xa",
    "cong_dich_vu_cong",
    "giay_to",
    "khuon_mat",
    "ma_otp",
    "mat_khau",
    "nha_o",
    "nhan_ket_qua",
    "so_dien_thoai",
    "the_can_cuoc",
    "tre_so_sinh",
    "ung_dung_vneid",
);
