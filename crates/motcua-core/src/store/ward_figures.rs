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

#[cfg(test)]
mod tests {
    use super::super::{ApplicationUpload, RegisterKind, RegisterMeta};
    use super::*;
    use crate::access::{Officer, Role};
    use crate::record::RegisterRecord;

    fn filed(id: &str, ma: &str, group: &str) -> ApplicationUpload {
        ApplicationUpload {
            id: id.into(),
            procedure: "tam_tru".into(),
            catalog_version: "2026.12.1".into(),
            ma_ban_ghi: Some(ma.into()),
            applicant: format!("Công dân {ma}"),
            to_dan_pho: Some(group.into()),
            channel: "tai_quay".into(),
            state: "da_nop".into(),
            form: "{}".into(),
            answers: "{}".into(),
            documents: "{}".into(),
            steps_done: 1,
            portal_number: Some(format!("G01.{id}")),
            received_at: Some("2026-11-02T09:00:00".into()),
            due_on: Some("2026-11-05".into()),
            closed_at: None,
            refusal_reason: None,
            delay_reason: None,
            officer: "cb.lan".into(),
            created_at: "2026-11-02T09:00:00.000Z".into(),
            updated_at: "2026-11-02T09:00:00.000Z".into(),
            photos: vec![],
            events: vec![],
        }
    }

    #[test]
    fn a_mobile_teams_device_gets_the_ward_counts_but_only_its_groups_overdue_names() {
        let mut s = Store::open_in_memory().unwrap();
        let meta = RegisterMeta {
            kind: RegisterKind::Real,
            ward_code: "00004".into(),
            ward: "Phường Ba Đình".into(),
            province: "Thành phố Hà Nội".into(),
        };
        let person = |ma: &str, g: &str| RegisterRecord {
            ma_ban_ghi: ma.into(),
            ho_ten: format!("Công dân {ma}"),
            to_dan_pho: Some(g.into()),
            ..Default::default()
        };
        let (g1, g2) = ("Tổ dân phố số 1", "Tổ dân phố số 2");
        s.create_register(&meta, &[person("R1", g1), person("R2", g2)], &mut |_, _| {}).unwrap();
        let officer = |login: &str, role| Officer { login: login.into(), full_name: login.into(), role };
        s.add_device("máy tổ 1", &officer("ld.tuan", Role::MobileTeam), Some(&[g1.to_string()])).unwrap();
        s.add_device("máy quầy", &officer("cb.lan", Role::DeskOfficer), None).unwrap();
        // Found by officer: two devices added in one millisecond list in either order.
        let devices = s.devices().unwrap();
        let of = |login: &str| devices.iter().find(|d| d.officer.login == login).unwrap().clone();
        let (desk_device, team_device) = (of("cb.lan"), of("ld.tuan"));
        s.store_device_applications(&desk_device, &[filed("A1", "R1", g1), filed("A2", "R2", g2)]).unwrap();
        let q = DashboardQuery::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        );
        let desk = s.figures_for_device(&desk_device, &q).unwrap();
        let team = s.figures_for_device(&team_device, &q).unwrap();
        assert_eq!((desk.total.filed, team.total.filed), (2, 2), "both see the whole ward's counts");
        assert_eq!((desk.overdue_count, team.overdue_count), (2, 2));
        let names = |d: &Dashboard| d.overdue_applications.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(names(&desk), ["A1", "A2"]);
        assert_eq!(names(&team), ["A1"], "the team's device lists only its group's files");
    }
}
