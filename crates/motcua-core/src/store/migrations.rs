//! Embedded, append-only, numbered schema migrations.
//!
//! The schema version is SQLite's `user_version`: the number of migrations applied.
//! Migrations are only ever appended; editing a released one would leave databases
//! that claim a version whose schema they do not have. A database whose version is
//! above [`LATEST`] was written by a newer MotCua and is refused rather than guessed at.

use rusqlite::{Transaction, params};

use super::StoreError;
use crate::admin;

pub(crate) enum Step {
    Sql(&'static str),
    /// Loads data; runs in the same transaction as the version bump.
    Rust(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

pub(crate) struct Migration {
    pub name: &'static str,
    pub steps: &'static [Step],
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { name: "0001_register", steps: &[Step::Sql(include_str!("migrations/0001_register.sql"))] },
    Migration {
        name: "0002_admin_units",
        steps: &[Step::Sql(include_str!("migrations/0002_admin_units.sql")), Step::Rust(load_admin_units)],
    },
    Migration {
        name: "0003_person_history",
        steps: &[Step::Sql(include_str!("migrations/0003_person_history.sql"))],
    },
    Migration {
        name: "0004_name_vocabulary",
        steps: &[Step::Sql(include_str!("migrations/0004_name_vocabulary.sql"))],
    },
    Migration {
        name: "0005_search_in_memory",
        steps: &[Step::Sql(include_str!("migrations/0005_search_in_memory.sql"))],
    },
    Migration {
        name: "0006_accounts_audit",
        steps: &[Step::Sql(include_str!("migrations/0006_accounts_audit.sql"))],
    },
    Migration { name: "0007_outbox", steps: &[Step::Sql(include_str!("migrations/0007_outbox.sql"))] },
    Migration { name: "0008_sync", steps: &[Step::Sql(include_str!("migrations/0008_sync.sql"))] },
    Migration {
        name: "0009_history_per_write",
        steps: &[Step::Sql(include_str!("migrations/0009_history_per_write.sql"))],
    },
    Migration {
        name: "0010_device_audit",
        steps: &[Step::Sql(include_str!("migrations/0010_device_audit.sql"))],
    },
    Migration {
        name: "0011_outbox_resolved",
        steps: &[Step::Sql(include_str!("migrations/0011_outbox_resolved.sql"))],
    },
    Migration {
        name: "0012_device_scope",
        steps: &[Step::Sql(include_str!("migrations/0012_device_scope.sql"))],
    },
    Migration {
        name: "0013_attachments",
        steps: &[Step::Sql(include_str!("migrations/0013_attachments.sql"))],
    },
    Migration { name: "0014_review", steps: &[Step::Sql(include_str!("migrations/0014_review.sql"))] },
    Migration {
        name: "0015_namesakes_covering",
        steps: &[Step::Sql(include_str!("migrations/0015_namesakes_covering.sql"))],
    },
    Migration {
        name: "0016_applications",
        steps: &[Step::Sql(include_str!("migrations/0016_applications.sql"))],
    },
    Migration { name: "0017_targets", steps: &[Step::Sql(include_str!("migrations/0017_targets.sql"))] },
    Migration {
        name: "0018_vneid_sync",
        steps: &[Step::Sql(include_str!("migrations/0018_vneid_sync.sql"))],
    },
    Migration {
        name: "0019_search_source",
        steps: &[Step::Sql(include_str!("migrations/0019_search_source.sql"))],
    },
];

/// The schema version this binary writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &rusqlite::Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to `target` (normally [`LATEST`]), one transaction per
/// migration so that a crash leaves a consistent earlier version.
pub(crate) fn migrate_to(conn: &mut rusqlite::Connection, target: u32) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > LATEST {
        return Err(StoreError::TooNew { found, supported: LATEST });
    }
    for (i, m) in MIGRATIONS.iter().enumerate() {
        if i < found as usize || i >= target as usize {
            continue;
        }
        let tx = conn.transaction()?;
        for step in m.steps {
            match step {
                Step::Sql(sql) => tx.execute_batch(sql),
                Step::Rust(f) => f(&tx),
            }
            .map_err(|source| StoreError::Migration { name: m.name, source })?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as u32)?;
        tx.commit()?;
    }
    Ok(())
}

fn load_admin_units(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut ins = tx.prepare(
        "INSERT INTO admin_units_2025 (ward_code, ward, ward_type, province_code, province)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for u in admin::units_2025() {
        ins.execute(params![u.ward_code, u.ward, u.ward_type, u.province_code, u.province])?;
    }
    let mut ins = tx.prepare(
        "INSERT INTO admin_units_legacy
            (ward_code, ward, district_code, district, province_code, province)
         VALUES (nullif(?1, ''), nullif(?2, ''), ?3, ?4, ?5, ?6)",
    )?;
    for u in admin::units_legacy() {
        ins.execute(params![u.ward_code, u.ward, u.district_code, u.district, u.province_code, u.province])?;
    }
    let mut ins = tx.prepare(
        "INSERT INTO admin_legacy_to_2025 (legacy_ward_code, ward_code_2025, whole, is_default)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in admin::legacy_to_2025() {
        ins.execute(params![m.legacy_ward_code, m.ward_code_2025, m.whole, m.default])?;
    }
    Ok(())
}
