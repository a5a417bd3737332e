//! The desktop shell. Commands are one-line adapters from IPC types to motcua-core;
//! nothing here knows the register's rules.

mod commands;
pub mod ipc;
mod state;
mod sync;

use motcua_core::folder::RegisterFolder;
use tauri::Manager;

/// The folder of the app's registers: `MOTCUA_DATA_DIR` if set (tests, trainers keeping
/// several wards apart), else the app's data folder.
fn register_folder(app: &tauri::App) -> RegisterFolder {
    if let Some(dir) = std::env::var_os("MOTCUA_DATA_DIR") {
        return RegisterFolder::new(std::path::PathBuf::from(dir));
    }
    RegisterFolder::new(app.path().app_data_dir().expect("the OS gives the app a data folder"))
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let folder = register_folder(app);
            app.manage(state::AppState::new(folder));
            app.manage(sync::Syncer::new());
            sync::Syncer::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::open_register,
            commands::switch_register,
            commands::reset_demo,
            commands::training_subjects,
            commands::ward_register,
            commands::import_register,
            commands::find_wards,
            commands::search_persons,
            commands::person_detail,
            commands::session::sign_in,
            commands::session::lock_register,
            commands::session::lock_state,
            commands::session::unlock_with_pin,
            commands::session::sign_out,
            commands::sync::sync_status,
            commands::sync::sync_now,
            commands::sync::enroll_device,
            commands::sync::edit_field,
            commands::sync::sync_conflicts,
            commands::sync::sync_rejected,
            commands::sync::resolve_conflict,
            commands::review::run_review,
            commands::review::worklist,
            commands::review::work_item,
            commands::review::decide_finding,
            commands::review::fix_finding,
            commands::review::request_merge,
            commands::review::approve_merge,
            commands::review::reject_merge,
            commands::review::undo_merge,
            commands::review::merges_of,
            commands::review::review_progress,
            commands::review::export_worklist,
            commands::review::compare_records,
            commands::procedures::catalog_info,
            commands::procedures::procedures,
            commands::procedures::procedure,
            commands::procedures::load_catalog,
            commands::procedures::start_application,
            commands::procedures::application,
            commands::procedures::applications,
            commands::procedures::change_application,
            commands::procedures::mark_guided,
            commands::procedures::file_application,
            commands::procedures::advance_application,
            commands::procedures::explain_application_delay,
            commands::procedures::attach_photo,
            commands::procedures::attachment_thumbnail,
            commands::procedures::step_picture,
            commands::procedures::vneid_status,
            commands::procedures::set_vneid,
            commands::procedures::vneid_failures,
            commands::procedures::print_guide,
            commands::procedures::print_receipt,
            commands::scans::newest_scans,
            commands::scans::attach_scan,
            commands::dashboard::dashboard,
            commands::dashboard::ward_dashboard,
            commands::dashboard::figure_applications,
            commands::dashboard::set_target,
            commands::dashboard::write_report,
        ])
        .run(tauri::generate_context!())
        .expect("the app window can start");
}
