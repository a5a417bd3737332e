//! Thống kê: the progress figures, the lists behind them, targets and reports.

use std::path::{Path, PathBuf};

use motcua_core::store::{ExportError, ReportFormat};
use tauri::{AppHandle, State};

use crate::ipc::{DashboardInfo, DayRange, ErrorCode, FigureListInfo, FigureQuery, IpcError, ReportKind};
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard(range: DayRange, app: AppHandle) -> Result<DashboardInfo, IpcError> {
    let q = range.query()?;
    super::blocking(app, move |_, state| {
        state.with_store(|s| Ok(s.dashboard(&q).map_err(out_of_range)?.into()))
    })
    .await
}

/// The whole ward's figures, from the ward server this device is enrolled with.
#[tauri::command]
pub async fn ward_dashboard(range: DayRange, app: AppHandle) -> Result<DashboardInfo, IpcError> {
    let (from, to) = range.days()?;
    super::blocking(app, move |_, state| {
        let unavailable = |why: &str| IpcError::new(ErrorCode::WardFiguresUnavailable, why);
        let endpoint =
            state.with_store(|s| Ok(s.sync_endpoint()?))?.ok_or_else(|| unavailable("not enrolled"))?;
        let client =
            motcua_sync::client::Client::new(&endpoint.url, &endpoint.token, endpoint.pin.as_deref())
                .map_err(|e| unavailable(&e.to_string()))?;
        let figures =
            client.figures(&from.to_string(), &to.to_string()).map_err(|f| unavailable(&format!("{f:?}")))?;
        Ok(figures.into())
    })
    .await
}

#[tauri::command]
pub fn figure_applications(
    query: FigureQuery,
    state: State<'_, AppState>,
) -> Result<FigureListInfo, IpcError> {
    let filter = query.filter()?;
    state.with_store(|s| Ok(s.figure_applications(&filter)?.into()))
}

/// Sets the online-share target (0–100 %) of the ward (`group` null) or one group.
#[tauri::command]
pub fn set_target(group: Option<String>, percent: f64, state: State<'_, AppState>) -> Result<(), IpcError> {
    let group = group.filter(|g| !g.trim().is_empty());
    state.with_store_mut(|s| s.set_target(group.as_deref(), percent / 100.0).map_err(out_of_range))
}

/// Writes the report of `range` to `<data dir>/bao-cao/`; the file's path.
#[tauri::command]
pub async fn write_report(range: DayRange, kind: ReportKind, app: AppHandle) -> Result<String, IpcError> {
    let q = range.report_query()?;
    super::blocking(app, move |_, state| {
        let (format, ext) = match kind {
            ReportKind::Xlsx => (ReportFormat::Xlsx, "xlsx"),
            ReportKind::Pdf => (ReportFormat::Pdf, "pdf"),
        };
        let path = report_path(state.folder().dir(), &range, ext)?;
        state.with_store(|s| match s.write_report(&q, format, &path) {
            Ok(_) => Ok(()),
            Err(ExportError::Store(e)) => Err(out_of_range(e)),
            Err(other) => Err(other.into()),
        })?;
        Ok(path.to_string_lossy().into_owned())
    })
    .await
}

fn report_path(dir: &Path, range: &DayRange, ext: &str) -> Result<PathBuf, IpcError> {
    let folder = dir.join("bao-cao");
    std::fs::create_dir_all(&folder).map_err(|e| IpcError::new(ErrorCode::ExportFailed, &e.to_string()))?;
    let name = if range.from == range.to {
        format!("bao-cao-{}.{ext}", range.from)
    } else {
        format!("bao-cao-{}-den-{}.{ext}", range.from, range.to)
    };
    Ok(folder.join(name))
}

/// The core refuses a range or a target in a Vietnamese sentence; across IPC that is
/// `invalid_range`, not a refused application.
fn out_of_range(e: motcua_core::store::StoreError) -> IpcError {
    match e {
        motcua_core::store::StoreError::Application(why) => IpcError::new(ErrorCode::InvalidRange, &why),
        other => other.into(),
    }
}
