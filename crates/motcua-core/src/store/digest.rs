//! A digest of everything a register holds, so two databases can be compared by
//! content rather than by file bytes (page layout differs between equal databases).

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use super::{Store, StoreError};

impl Store {
    /// SHA-256 (hex) over the schema version and every row of every table, in a fixed
    /// order, with each value tagged by its type. Who worked on the register (accounts,
    /// the audit log) is not its content: reading it must not change its digest.
    pub fn content_digest(&self) -> Result<String, StoreError> {
        let mut h = Sha256::new();
        h.update(self.schema_version()?.to_le_bytes());
        let tables: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                   AND name NOT IN ('audit_log', 'officers', 'outbox', 'change_log', 'applied_ops', 'devices', 'device_audit', 'uploads', 'upload_chunks')
                   ORDER BY name",
            )?;
            stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        for table in tables {
            h.update(b"T");
            h.update(table.as_bytes());
            let stmt = self.conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let n = stmt.column_count();
            let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
            drop(stmt);
            // Where a device or server is in its sync is not content either.
            let only = if table == "meta" {
                "WHERE key NOT IN ('sync_cursor', 'change_log', 'sync_server', 'sync_token', 'sync_pin', 'audit_uploaded')"
            } else {
                ""
            };
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\" {only} ORDER BY {}", order.join(", ")))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                h.update(b"R");
                for i in 0..n {
                    match row.get_ref(i)? {
                        ValueRef::Null => h.update(b"n"),
                        ValueRef::Integer(v) => {
                            h.update(b"i");
                            h.update(v.to_le_bytes());
                        }
                        ValueRef::Real(v) => {
                            h.update(b"r");
                            h.update(v.to_le_bytes());
                        }
                        ValueRef::Text(t) => {
                            h.update(b"t");
                            h.update((t.len() as u64).to_le_bytes());
                            h.update(t);
                        }
                        ValueRef::Blob(b) => {
                            h.update(b"b");
                            h.update((b.len() as u64).to_le_bytes());
                            h.update(b);
                        }
                    }
                }
            }
        }
        Ok(format!("{:x}", h.finalize()))
    }
}
