//! Opening the app's register, making the demo ward on first start.

use std::path::Path;

use motcua_core::folder::RegisterFolder;
use motcua_core::store::{RegisterKind, RegisterMeta, Store, StoreError};

use crate::{DemoConfig, DemoError, generate_with_progress};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Generating,
    Writing,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error("cannot create the app's data folder: {0}")]
    Folder(String),
}

/// Opens the register at `path`; a database that holds no register yet receives the
/// demo ward made from `config`. `progress(stage, done, total)` follows the work.
pub fn open_or_create(
    path: &Path,
    config: &DemoConfig,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<Store, OpenError> {
    let mut store = Store::open(path, None)?;
    if store.register_meta()?.is_none() {
        create_demo_register(&mut store, config, progress)?;
    }
    Ok(store)
}

/// Opens the register of `kind` in the app's folder: the demo ward, made on first use,
/// or the ward's own register, which only an import makes.
pub fn open_in_folder(
    folder: &RegisterFolder,
    kind: RegisterKind,
    config: &DemoConfig,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<Store, OpenError> {
    let path = folder.path(kind);
    match kind {
        RegisterKind::Demo => {
            std::fs::create_dir_all(folder.dir()).map_err(|e| OpenError::Folder(e.to_string()))?;
            open_or_create(&path, config, progress)
        }
        RegisterKind::Real => {
            if !path.exists() {
                return Err(StoreError::NotInitialized.into());
            }
            let store = Store::open(&path, None)?;
            store.register_meta()?.ok_or(StoreError::NotInitialized)?;
            Ok(store)
        }
    }
}

/// Puts the demo ward back as it was made: its files removed, then made again from the
/// same configuration (the same people, and the same filings on the same day). The
/// caller closes its own connection first.
pub fn reset_in_folder(
    folder: &RegisterFolder,
    config: &DemoConfig,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<Store, OpenError> {
    let path = folder.path(RegisterKind::Demo);
    if path.exists() {
        motcua_core::store::remove_register(&path).map_err(|e| OpenError::Folder(e.to_string()))?;
    }
    open_in_folder(folder, RegisterKind::Demo, config, progress)
}

/// Fills an empty database with a demo ward, in one transaction.
pub fn create_demo_register(
    store: &mut Store,
    config: &DemoConfig,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<motcua_core::store::InsertReport, OpenError> {
    let ward = generate_with_progress(config, &mut |done, total| progress(Stage::Generating, done, total))?;
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    let report = store
        .create_register(&meta, &ward.records, &mut |done, total| progress(Stage::Writing, done, total))?;
    if config.applications > 0 {
        let today = chrono::Local::now().date_naive();
        let filed = crate::applications::generate(&ward.records, config.applications, config.seed, today, 90);
        store.seed_applications(&filed)?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_makes_the_demo_ward_but_never_a_ward_register() {
        let dir = tempfile::tempdir().unwrap();
        let folder = RegisterFolder::new(dir.path().join("app"));
        let e = open_in_folder(&folder, RegisterKind::Real, &DemoConfig::default(), &mut |_, _, _| {}).err();
        assert!(matches!(e, Some(OpenError::Store(StoreError::NotInitialized))), "{e:?}");
        assert!(!folder.has_ward_register());
        let config = DemoConfig { residents: 50, applications: 40, ..DemoConfig::default() };
        let demo = open_in_folder(&folder, RegisterKind::Demo, &config, &mut |_, _, _| {}).unwrap();
        assert_eq!(demo.register_meta().unwrap().unwrap().kind, RegisterKind::Demo);
        let filed = demo.applications(&Default::default()).unwrap();
        assert_eq!(filed.len(), 40, "the demo ward has filings for Thống kê");
    }

    #[test]
    fn a_reset_demo_ward_is_the_one_first_made() {
        let dir = tempfile::tempdir().unwrap();
        let folder = RegisterFolder::new(dir.path().join("app"));
        let config = DemoConfig { residents: 80, applications: 30, ..DemoConfig::default() };
        let mut demo = open_in_folder(&folder, RegisterKind::Demo, &config, &mut |_, _, _| {}).unwrap();
        let (digest, filed) =
            (demo.content_digest().unwrap(), demo.applications(&Default::default()).unwrap().len());
        let someone = demo.applications(&Default::default()).unwrap()[0].ma_ban_ghi.clone().unwrap();
        let version = demo.person_detail(&someone).unwrap().version;
        let edit = motcua_core::store::FieldEdit {
            ma_ban_ghi: someone.clone(),
            field: "so_dien_thoai".into(),
            value: Some("0912345678".into()),
            base_version: version,
        };
        demo.edit_field(&edit).unwrap();
        demo.start_application("tam_tru", Some(&someone), motcua_core::store::Channel::TaiQuay).unwrap();
        assert_ne!(demo.content_digest().unwrap(), digest);
        drop(demo);
        let again = reset_in_folder(&folder, &config, &mut |_, _, _| {}).unwrap();
        assert_eq!(again.content_digest().unwrap(), digest, "the same people, as they were");
        assert_eq!(
            again.applications(&Default::default()).unwrap().len(),
            filed,
            "the same filings, no more"
        );
        assert!(!folder.has_ward_register());
    }
}
