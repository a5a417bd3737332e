//! Each citizen's VNeID level-2 account as the ward follows it: filing the registration
//! moves it to "chờ duyệt"; the officer records the approval SMS, the activation, or a
//! failure from the known list (with its guidance). The 7-day activation window counts
//! down from the approval.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::procedures::vneid::{self, Failure, VneidState};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VneidRecord {
    pub ma_ban_ghi: String,
    pub state: VneidState,
    pub registered_on: Option<NaiveDate>,
    pub approved_on: Option<NaiveDate>,
    pub activated_on: Option<NaiveDate>,
    /// While waiting for activation: the last day, and the days left (negative once missed).
    pub activate_by: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub failure: Option<Failure>,
    pub note: Option<String>,
    pub updated_at: Option<String>,
}

impl Store {
    pub fn vneid_status(&self, ma_ban_ghi: &str) -> Result<VneidRecord, StoreError> {
        self.require(Action::ViewCitizen)?;
        self.stored_record(ma_ban_ghi)?;
        let row = self
            .conn
            .query_row(
                "SELECT state, registered_on, approved_on, activated_on, failure, note, updated_at
                 FROM vneid WHERE ma_ban_ghi = ?1",
                [ma_ban_ghi],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        let date = |d: Option<String>| d.and_then(|d| d.parse::<NaiveDate>().ok());
        let Some((state, reg, appr, act, failure, note, at)) = row else {
            return Ok(VneidRecord {
                ma_ban_ghi: ma_ban_ghi.into(),
                state: VneidState::ChuaDangKy,
                registered_on: None,
                approved_on: None,
                activated_on: None,
                activate_by: None,
                days_left: None,
                failure: None,
                note: None,
                updated_at: None,
            });
        };
        let state = VneidState::from_code(&state).unwrap_or(VneidState::Loi);
        let approved_on = date(appr);
        let window = approved_on
            .filter(|_| state == VneidState::ChoKichHoat)
            .map(|a| vneid::activation_deadline(a, chrono::Local::now().date_naive()));
        Ok(VneidRecord {
            ma_ban_ghi: ma_ban_ghi.into(),
            state,
            registered_on: date(reg),
            approved_on,
            activated_on: date(act),
            activate_by: window.map(|w| w.0),
            days_left: window.map(|w| w.1),
            failure: failure.as_deref().and_then(vneid::failure).copied(),
            note,
            updated_at: Some(at),
        })
    }

    /// Records a move of the citizen's account: `on` is the day it happened (the SMS's
    /// day for an approval); a failure needs its code from [`vneid::FAILURES`].
    pub fn set_vneid(
        &mut self,
        ma_ban_ghi: &str,
        to: VneidState,
        on: NaiveDate,
        failure: Option<&str>,
        note: Option<&str>,
    ) -> Result<VneidRecord, StoreError> {
        self.require(Action::EditCitizen)?;
        let now = self.vneid_status(ma_ban_ghi)?;
        if !now.state.may_become(to) {
            return Err(StoreError::Application(format!(
                "tài khoản VNeID đang \"{}\": không chuyển sang \"{}\" được",
                now.state.label(),
                to.label()
            )));
        }
        let failure = match (to, failure) {
            (VneidState::Loi, Some(code)) => Some(vneid::failure(code).ok_or_else(|| {
                StoreError::Application(format!("không có lỗi \"{code}\" trong danh sách"))
            })?),
            (VneidState::Loi, None) => return Err(StoreError::Application("chọn lỗi gặp phải".into())),
            _ => None,
        };
        if on > chrono::Local::now().date_naive() {
            return Err(StoreError::Application("ngày chưa tới".into()));
        }
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        write(&tx, ma_ban_ghi, to, on, failure.map(|f| f.code), note, &officer)?;
        tx.commit()?;
        self.vneid_status(ma_ban_ghi)
    }
}

/// Filing the VNeID procedure registers the account (unless it already went further),
/// inside the filing's transaction.
pub(super) fn registered_in(
    tx: &Transaction<'_>,
    ma_ban_ghi: &str,
    on: NaiveDate,
    officer: &str,
) -> Result<(), StoreError> {
    let state: Option<String> = tx
        .query_row("SELECT state FROM vneid WHERE ma_ban_ghi = ?1", [ma_ban_ghi], |r| r.get(0))
        .optional()?;
    let state = state.as_deref().and_then(VneidState::from_code).unwrap_or(VneidState::ChuaDangKy);
    if state.may_become(VneidState::ChoDuyet) {
        write(tx, ma_ban_ghi, VneidState::ChoDuyet, on, None, None, officer)?;
    }
    Ok(())
}

/// Records the move to `to` inside `tx`, with its audit entry.
fn write(
    tx: &Transaction<'_>,
    ma_ban_ghi: &str,
    to: VneidState,
    on: NaiveDate,
    failure: Option<&str>,
    note: Option<&str>,
    officer: &str,
) -> Result<(), StoreError> {
    let day = on.to_string();
    tx.execute(
            "INSERT INTO vneid (ma_ban_ghi, state, officer, updated_at, to_dan_pho)
             SELECT ?1, 'chua_dang_ky', ?2, ?3, coalesce(to_dan_pho_norm, to_dan_pho) FROM persons WHERE ma_ban_ghi = ?1
             ON CONFLICT (ma_ban_ghi) DO NOTHING",
            params![ma_ban_ghi, officer, audit::now()],
        )?;
    let column = match to {
        VneidState::ChoDuyet => Some("registered_on"),
        VneidState::ChoKichHoat => Some("approved_on"),
        VneidState::DaKichHoat => Some("activated_on"),
        _ => None,
    };
    if let Some(c) = column {
        tx.execute(&format!("UPDATE vneid SET {c} = ?2 WHERE ma_ban_ghi = ?1"), params![ma_ban_ghi, day])?;
    }
    tx.execute(
        "UPDATE vneid SET state = ?2, failure = ?3, note = ?4, officer = ?5, updated_at = ?6, uploaded = 0
             WHERE ma_ban_ghi = ?1",
        params![
            ma_ban_ghi,
            to.code(),
            failure,
            note.map(str::trim).filter(|n| !n.is_empty()),
            officer,
            audit::now()
        ],
    )?;
    audit::append(tx, officer, "vneid", Some(ma_ban_ghi), to.code())?;
    Ok(())
}
