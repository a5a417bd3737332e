//! The procedure catalog and the holiday calendar a register works with: the shipped
//! ones unless a ward admin loaded newer ones. Both live in the register so every
//! officer of the device sees the same rules, and an application records the catalog
//! version it was filed under.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, audit};
use crate::access::Action;
use crate::procedures::{Catalog, CatalogError};
use crate::workdays::{Calendar, Year};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogInfo {
    pub version: String,
    pub effective_from: NaiveDate,
    pub procedures: usize,
    /// `None` for the one shipped with this build.
    pub loaded_by: Option<String>,
    pub loaded_at: Option<String>,
}

impl Store {
    /// The catalog in force: the newest loaded one whose date has come, or the shipped
    /// one when it is newer.
    pub fn catalog(&self) -> Result<Catalog, StoreError> {
        Ok(self.catalog_with_info()?.0)
    }

    pub fn catalog_info(&self) -> Result<CatalogInfo, StoreError> {
        Ok(self.catalog_with_info()?.1)
    }

    fn catalog_with_info(&self) -> Result<(Catalog, CatalogInfo), StoreError> {
        let today = chrono::Local::now().date_naive().to_string();
        let loaded: Option<(String, String, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT text, loaded_by, loaded_at FROM catalogs WHERE effective_from <= ?1",
            )?;
            let rows = stmt.query_map([&today], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            let mut best: Option<(Vec<u64>, (String, String, String))> = None;
            for row in rows {
                let row = row?;
                // Parsed again: stored text was valid when loaded and the schema only grows.
                let Ok(c) = Catalog::parse(&row.0) else { continue };
                let v = version_key(&c.version);
                if best.as_ref().is_none_or(|(b, _)| v > *b) {
                    best = Some((v, row));
                }
            }
            best.map(|(_, row)| row)
        };
        let shipped = Catalog::shipped();
        if let Some((text, by, at)) = loaded {
            let c = Catalog::parse(&text).map_err(StoreError::Catalog)?;
            if version_key(&c.version) > version_key(&shipped.version) {
                let info = info(&c, Some(by), Some(at));
                return Ok((c, info));
            }
        }
        let info = info(&shipped, None, None);
        Ok((shipped, info))
    }

    /// Loads a newer catalog file (a ward admin's): refused with every reason when it
    /// is invalid, and when it is not newer than the one in force.
    pub fn load_catalog(&mut self, text: &str) -> Result<CatalogInfo, StoreError> {
        self.require(Action::LoadCatalog)?;
        let c = Catalog::parse(text).map_err(StoreError::Catalog)?;
        let current = self.catalog_info()?;
        if version_key(&c.version) <= version_key(&current.version) {
            return Err(StoreError::Catalog(CatalogError::Invalid(vec![format!(
                "phiên bản {} không mới hơn phiên bản {} đang dùng",
                c.version, current.version
            )])));
        }
        let officer = self.officer().login;
        let at = audit::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO catalogs (version, effective_from, text, loaded_by, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.version, c.effective_from.to_string(), text, officer, at],
        )?;
        audit::append(&tx, &officer, "load_catalog", None, &c.version)?;
        tx.commit()?;
        Ok(info(&c, Some(officer), Some(at)))
    }

    /// The working-day calendar: shipped years, overridden by the years the ward set.
    pub fn calendar(&self) -> Result<Calendar, StoreError> {
        let mut calendar = Calendar::default();
        let mut stmt = self.conn.prepare_cached("SELECT definition FROM holiday_years ORDER BY year")?;
        for def in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let year: Year =
                serde_json::from_str(&def?).map_err(|e| StoreError::InvalidEdit(e.to_string()))?;
            calendar.set_year(year).map_err(|e| StoreError::InvalidEdit(e.to_string()))?;
        }
        Ok(calendar)
    }

    /// Sets one year's days off and worked weekend days (Tết, Giỗ Tổ, swaps) as the
    /// Government announced them; a ward admin's, like the catalog.
    pub fn set_holiday_year(&mut self, year: Year) -> Result<(), StoreError> {
        self.require(Action::LoadCatalog)?;
        Calendar::solar_only().set_year(year.clone()).map_err(|e| StoreError::InvalidEdit(e.to_string()))?;
        let officer = self.officer().login;
        let tx = self.conn.transaction()?;
        let def = serde_json::to_string(&year).expect("a year serializes");
        tx.execute(
            "INSERT INTO holiday_years (year, definition, set_by, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (year) DO UPDATE SET definition = excluded.definition, set_by = excluded.set_by,
                                              set_at = excluded.set_at",
            params![year.year, def, officer, audit::now()],
        )?;
        audit::append(&tx, &officer, "set_holidays", None, &year.year.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Whether the ward set `year` itself.
    pub fn holiday_year_set(&self, year: i32) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM holiday_years WHERE year = ?1", [year], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

fn info(c: &Catalog, by: Option<String>, at: Option<String>) -> CatalogInfo {
    CatalogInfo {
        version: c.version.clone(),
        effective_from: c.effective_from,
        procedures: c.procedures.len(),
        loaded_by: by,
        loaded_at: at,
    }
}

/// `2026.12.1` < `2026.12.10`: compared as numbers, part by part.
fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}
