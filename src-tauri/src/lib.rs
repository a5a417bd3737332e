//! The desktop shell. Commands are one-line adapters from IPC types to motcua-core;
//! nothing here knows the register's rules.

mod commands;
pub mod ipc;
mod state;

use tauri::Manager;

/// Where the register lives: `MOTCUA_DB` if set (tests, trainers with several wards),
/// else the demo ward in the app's data folder.
fn register_path(app: &tauri::App) -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("MOTCUA_DB") {
        return p.into();
    }
    let dir = app.path().app_data_dir().expect("the OS gives the app a data folder");
    std::fs::create_dir_all(&dir).expect("the app's data folder can be created");
    dir.join("demo-ward.sqlite3")
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let path = register_path(app);
            app.manage(state::AppState::new(path));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::open_register,
            commands::search_persons,
            commands::person_detail,
        ])
        .run(tauri::generate_context!())
        .expect("the app window can start");
}
