//! What the header of the app shows about the open register.

use super::{RegisterMeta, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSummary {
    pub meta: RegisterMeta,
    pub residents: i64,
    pub households: i64,
    pub residential_groups: i64,
}

impl Store {
    pub fn register_summary(&self) -> Result<RegisterSummary, StoreError> {
        let meta = self.register_meta()?.ok_or(StoreError::NotInitialized)?;
        Ok(RegisterSummary {
            meta,
            residents: self.count_persons()?,
            households: self.count_households()?,
            residential_groups: self.count_residential_groups()?,
        })
    }
}
