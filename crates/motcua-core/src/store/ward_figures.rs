//! The ward server's figures for a device: the whole ward's, as `Store::dashboard`
//! computes them on the server's register (every device's applications and VNeID
//! accounts arrive there at sync). A mobile team's device, which holds only its groups,
//! gets the counts but not the names on the overdue list.

use super::devices::Device;
use super::{Dashboard, DashboardQuery, Store, StoreError, audit};
use crate::access::{self, Action};

/// The overdue files a device is sent, the longest overdue first.
const OVERDUE_SENT: usize = 100;

impl Store {
    pub fn figures_for_device(&self, device: &Device, q: &DashboardQuery) -> Result<Dashboard, StoreError> {
        let kind = self.register_meta()?.map(|m| m.kind).ok_or(StoreError::NotInitialized)?;
        if !access::permits(device.officer.role, Action::ViewCitizen, kind) {
            return Err(StoreError::Forbidden { role: device.officer.role, action: Action::ViewCitizen });
        }
        let q = DashboardQuery {
            overdue_listed: Some(q.overdue_listed.unwrap_or(OVERDUE_SENT).min(OVERDUE_SENT)),
            ..q.clone()
        };
        let mut d = self.dashboard(&q)?;
        if let Some(groups) = &device.scope {
            d.overdue_applications.retain(|a| a.group.as_ref().is_some_and(|g| groups.contains(g)));
        }
        audit::append(
            &self.conn,
            &device.officer.login,
            "figures_sent",
            None,
            &format!("{} {} {}", device.device_id, q.from, q.to),
        )?;
        Ok(d)
    }
}
