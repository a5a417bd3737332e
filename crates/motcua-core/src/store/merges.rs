//! Merging duplicate records: an officer proposes which record to keep and which of the
//! other records' values to take into it; a supervisor confirms. Nothing is deleted: the
//! merged records stay, marked with the record they went into, and every value taken
//! is kept with the one it replaced, so a supervisor can undo the merge.
//!
//! The values taken are ordinary field edits (history, audit, outbox), so they reach
//! the ward server like any other correction.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::edit::edit_in;
use super::person_row::{RECORD_SQL, record_from_row};
use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::record::RegisterRecord;
use crate::review::{Comparison, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeState {
    ChoDuyet,
    DaGop,
    TuChoi,
    DaHoanTac,
}

impl MergeState {
    pub fn code(self) -> &'static str {
        match self {
            MergeState::ChoDuyet => "cho_duyet",
            MergeState::DaGop => "da_gop",
            MergeState::TuChoi => "tu_choi",
            MergeState::DaHoanTac => "da_hoan_tac",
        }
    }

    fn from_code(c: &str) -> Option<MergeState> {
        [MergeState::ChoDuyet, MergeState::DaGop, MergeState::TuChoi, MergeState::DaHoanTac]
            .into_iter()
            .find(|s| s.code() == c)
    }
}

/// A value taken from a merged record into the kept one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeField {
    pub field: String,
    /// The record the value comes from.
    pub from: String,
    pub value: Option<String>,
    /// What the kept record held before (set when the merge is confirmed).
    pub replaced: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub id: i64,
    pub finding_id: i64,
    pub keep: String,
    pub merged: Vec<String>,
    pub fields: Vec<MergeField>,
    pub state: MergeState,
    pub requested_by: String,
    pub requested_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

impl Store {
    /// Proposes merging a duplicate finding's records into `keep`, taking `take`
    /// (field, from record) into it. Waits for a supervisor.
    pub fn request_merge(
        &mut self,
        finding_id: i64,
        keep: &str,
        take: &[(String, String)],
    ) -> Result<Merge, StoreError> {
        self.require(Action::EditCitizen)?;
        let item = self.work_item(finding_id)?;
        if item.finding.kind != Kind::Duplicate {
            return Err(StoreError::InvalidEdit("chỉ gộp được các bản ghi trùng".into()));
        }
        if !item.state.is_open() {
            return Err(StoreError::InvalidEdit("phát hiện này đã xử lý xong".into()));
        }
        let records = &item.finding.records;
        if !records.iter().any(|r| r == keep) {
            return Err(StoreError::InvalidEdit(format!("bản ghi {keep} không thuộc nhóm trùng này")));
        }
        let pending: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM merges WHERE finding_id = ?1 AND state = 'cho_duyet'",
                [finding_id],
                |r| r.get(0),
            )
            .optional()?;
        if pending.is_some() {
            return Err(StoreError::InvalidEdit("đã có đề nghị gộp đang chờ duyệt".into()));
        }
        let mut fields = Vec::new();
        for (field, from) in take {
            if from == keep || !records.contains(from) {
                return Err(StoreError::InvalidEdit(format!("bản ghi {from} không phải bản ghi được gộp")));
            }
            let record = self.stored_record(from)?;
            let mut probe = record.clone();
            let value = if field == "ho_ten" {
                Some(record.ho_ten.clone())
            } else {
                probe
                    .field_mut(field)
                    .ok_or_else(|| StoreError::InvalidEdit(format!("không có trường {field}")))?
                    .clone()
            };
            fields.push(MergeField { field: field.clone(), from: from.clone(), value, replaced: None });
        }
        let merged: Vec<String> = records.iter().filter(|r| *r != keep).cloned().collect();
        let officer = self.officer().login;
        let now = audit::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO merges (finding_id, keep, merged, fields, requested_by, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                finding_id,
                keep,
                serde_json::to_string(&merged).expect("strings serialize"),
                serde_json::to_string(&fields).expect("fields serialize"),
                officer,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE findings SET state = 'dang_xu_ly', owner = coalesce(owner, ?2), updated_at = ?3 WHERE id = ?1",
            params![finding_id, officer, now],
        )?;
        audit::append(&tx, &officer, "merge_request", Some(keep), &format!("{id} of {}", merged.len() + 1))?;
        tx.commit()?;
        self.merge(id)
    }

    /// A supervisor confirms: the values are taken into the kept record (edits with
    /// history, audit and outbox), the others are marked merged, the finding is closed;
    /// all in one transaction.
    pub fn approve_merge(&mut self, merge_id: i64) -> Result<Merge, StoreError> {
        self.require(Action::ApproveMerge)?;
        let mut m = self.merge(merge_id)?;
        if m.state != MergeState::ChoDuyet {
            return Err(StoreError::InvalidEdit("đề nghị gộp này không còn chờ duyệt".into()));
        }
        let officer = self.officer().login;
        let syncs = self.syncs()?;
        let now = audit::now();
        let mut changed = Vec::new();
        let tx = self.conn.transaction()?;
        for f in &mut m.fields {
            let kept = {
                let mut record = read_record(&tx, &m.keep)?;
                if f.field == "ho_ten" {
                    Some(record.ho_ten.clone())
                } else {
                    record.field_mut(&f.field).and_then(|v| v.take())
                }
            };
            f.replaced = kept;
            let (person, _) = edit_in(&tx, &officer, syncs, &m.keep, &f.field, f.value.clone(), None, None)?;
            changed.extend(person);
        }
        for other in &m.merged {
            tx.execute("UPDATE persons SET merged_into = ?2 WHERE ma_ban_ghi = ?1", params![other, m.keep])?;
        }
        tx.execute(
            "UPDATE merges SET state = 'da_gop', fields = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
            params![merge_id, serde_json::to_string(&m.fields).expect("fields serialize"), officer, now],
        )?;
        tx.execute(
            "UPDATE findings SET state = 'da_sua', reason = ?2, closed_at = ?3, updated_at = ?3 WHERE id = ?1",
            params![m.finding_id, format!("Đã gộp vào bản ghi {}", m.keep), now],
        )?;
        // The merged records are no longer part of the register's review: what was found
        // about them is settled by the merge (it reopens at the next review if it still
        // holds for the kept record).
        for other in &m.merged {
            tx.execute(
                "UPDATE findings SET state = 'da_sua', reason = ?2, closed_at = ?3, updated_at = ?3
                 WHERE state IN ('moi', 'dang_xu_ly', 'chuyen_cap_tren')
                   AND id IN (SELECT finding_id FROM finding_records WHERE ma_ban_ghi = ?1)",
                params![other, format!("Bản ghi đã gộp vào {}", m.keep), now],
            )?;
        }
        audit::append(&tx, &officer, "merge", Some(&m.keep), &format!("{merge_id}"))?;
        tx.commit()?;
        self.search_persons_changed(changed);
        self.merge(merge_id)
    }

    /// A supervisor turns a proposal down, with a reason; the finding goes back to work.
    pub fn reject_merge(&mut self, merge_id: i64, reason: &str) -> Result<Merge, StoreError> {
        self.require(Action::ApproveMerge)?;
        let m = self.merge(merge_id)?;
        if m.state != MergeState::ChoDuyet {
            return Err(StoreError::InvalidEdit("đề nghị gộp này không còn chờ duyệt".into()));
        }
        if reason.trim().is_empty() {
            return Err(StoreError::InvalidEdit("cần ghi lý do".into()));
        }
        let officer = self.officer().login;
        let now = audit::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE merges SET state = 'tu_choi', decided_by = ?2, decided_at = ?3 WHERE id = ?1",
            params![merge_id, officer, now],
        )?;
        tx.execute(
            "UPDATE findings SET reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![m.finding_id, format!("Không duyệt gộp: {}", reason.trim()), now],
        )?;
        audit::append(&tx, &officer, "merge_reject", Some(&m.keep), &format!("{merge_id}"))?;
        tx.commit()?;
        self.merge(merge_id)
    }

    /// Undoes a confirmed merge: the kept record gets back the values it had, the merged
    /// records are listed again, the finding reopens.
    pub fn undo_merge(&mut self, merge_id: i64) -> Result<Merge, StoreError> {
        self.require(Action::ApproveMerge)?;
        let m = self.merge(merge_id)?;
        if m.state != MergeState::DaGop {
            return Err(StoreError::InvalidEdit("chỉ hoàn tác được một lần gộp đã duyệt".into()));
        }
        let officer = self.officer().login;
        let syncs = self.syncs()?;
        let now = audit::now();
        let mut changed = Vec::new();
        let tx = self.conn.transaction()?;
        for f in m.fields.iter().rev() {
            let (person, _) =
                edit_in(&tx, &officer, syncs, &m.keep, &f.field, f.replaced.clone(), None, None)?;
            changed.extend(person);
        }
        for other in &m.merged {
            tx.execute("UPDATE persons SET merged_into = NULL WHERE ma_ban_ghi = ?1", [other])?;
        }
        tx.execute(
            "UPDATE merges SET state = 'da_hoan_tac', undone_by = ?2, undone_at = ?3 WHERE id = ?1",
            params![merge_id, officer, now],
        )?;
        tx.execute(
            "UPDATE findings SET state = 'dang_xu_ly', reason = 'Đã hoàn tác việc gộp', closed_at = NULL, updated_at = ?2
             WHERE id = ?1",
            params![m.finding_id, now],
        )?;
        audit::append(&tx, &officer, "merge_undo", Some(&m.keep), &format!("{merge_id}"))?;
        tx.commit()?;
        self.search_persons_changed(changed);
        self.merge(merge_id)
    }

    pub fn merge(&self, id: i64) -> Result<Merge, StoreError> {
        self.merges_where("id = ?1", id)?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("đề nghị gộp {id}")))
    }

    /// The merges proposed for a finding, newest first.
    pub fn merges_of(&self, finding_id: i64) -> Result<Vec<Merge>, StoreError> {
        self.require(Action::ViewCitizen)?;
        self.merges_where("finding_id = ?1", finding_id)
    }

    /// The record a merged record went into, if it was merged.
    pub fn merged_into(&self, ma_ban_ghi: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT merged_into FROM persons WHERE ma_ban_ghi = ?1", [ma_ban_ghi], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Two stored records compared as a duplicate pair (the side-by-side view of a
    /// group of three or more), audited as a view of the first.
    pub fn compare_records(&self, keep: &str, other: &str) -> Result<(f64, Vec<Comparison>), StoreError> {
        self.require(Action::ViewCitizen)?;
        let (a, b) = (self.stored_record(keep)?, self.stored_record(other)?);
        self.audit_action(Action::ViewCitizen, Some(keep), &format!("compare {other}"))?;
        Ok(crate::review::compare_records(&a, &b))
    }

    pub(super) fn stored_record(&self, ma_ban_ghi: &str) -> Result<RegisterRecord, StoreError> {
        read_record(&self.conn, ma_ban_ghi)
    }

    fn merges_where(&self, condition: &str, value: i64) -> Result<Vec<Merge>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, finding_id, keep, merged, fields, state, requested_by, requested_at, decided_by, decided_at
             FROM merges WHERE {condition} ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([value], |r| {
            let bad = |i: usize, e: String| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
            };
            let merged: String = r.get(3)?;
            let fields: String = r.get(4)?;
            let state: String = r.get(5)?;
            Ok(Merge {
                id: r.get(0)?,
                finding_id: r.get(1)?,
                keep: r.get(2)?,
                merged: serde_json::from_str(&merged).map_err(|e| bad(3, e.to_string()))?,
                fields: serde_json::from_str(&fields).map_err(|e| bad(4, e.to_string()))?,
                state: MergeState::from_code(&state).ok_or_else(|| bad(5, state.clone()))?,
                requested_by: r.get(6)?,
                requested_at: r.get(7)?,
                decided_by: r.get(8)?,
                decided_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn read_record(conn: &rusqlite::Connection, ma_ban_ghi: &str) -> Result<RegisterRecord, StoreError> {
    conn.query_row(
        &format!("SELECT {RECORD_SQL} FROM persons WHERE ma_ban_ghi = ?1"),
        [ma_ban_ghi],
        record_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(ma_ban_ghi.to_string()))
}
