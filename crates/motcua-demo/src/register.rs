//! Opening the app's register, making the demo ward on first start.

use std::path::Path;

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
    Ok(report)
}
