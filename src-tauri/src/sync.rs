//! The app's sync loop: a thread that drives the sync engine over its own connection to
//! the signed-in ward register, every two seconds or when asked, and tells the window.
//!
//! The engine decides when a cycle is due (at once after an edit, every minute, later
//! after failures); the loop only asks it. The connection is dropped whenever the
//! register is locked, closed or switched, so a locked app reads nothing.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use motcua_core::store::{RegisterKind, Store};
use motcua_sync::client::{Client, Ended, drive};
use motcua_sync::engine::{Config, Engine, Event};
use tauri::{AppHandle, Emitter, Manager};

use crate::ipc::{SyncInfo, SyncPhase};
use crate::state::AppState;

pub struct Syncer {
    /// Rung by "Đồng bộ ngay" (`true`: a cycle whatever the engine waits for) or an edit.
    bell: Mutex<Option<bool>>,
    wake: Condvar,
    work: Mutex<Work>,
    /// Read by the window without waiting for a cycle in progress.
    info: Mutex<SyncInfo>,
}

struct Work {
    engine: Engine,
    last_cycle: Option<u64>,
    /// The loop's own connection to the signed-in ward register.
    conn: Option<Store>,
}

const TICK: Duration = Duration::from_secs(2);

impl Syncer {
    pub fn new() -> Syncer {
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
        Syncer {
            bell: Mutex::new(None),
            wake: Condvar::new(),
            work: Mutex::new(Work {
                engine: Engine::new(Config::default(), 0, seed),
                last_cycle: None,
                conn: None,
            }),
            info: Mutex::new(SyncInfo::not_enrolled()),
        }
    }

    pub fn info(&self) -> SyncInfo {
        self.info.lock().map(|i| i.clone()).unwrap_or_else(|_| SyncInfo::not_enrolled())
    }

    /// "Đồng bộ ngay": a cycle now, whatever the engine was waiting for.
    pub fn request(&self) {
        self.ring(true);
    }

    /// An edit was queued: the engine pushes it at the next look.
    pub fn nudge(&self) {
        self.ring(false);
    }

    fn ring(&self, now: bool) {
        if let Ok(mut bell) = self.bell.lock() {
            *bell = Some(now || bell.unwrap_or(false));
        }
        self.wake.notify_one();
    }

    pub fn spawn(app: AppHandle) {
        let started = Instant::now();
        std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                loop {
                    let syncer = app.state::<Syncer>();
                    let requested = {
                        let bell = syncer.bell.lock().expect("sync bell");
                        let (mut bell, _) = syncer
                            .wake
                            .wait_timeout_while(bell, TICK, |rung| rung.is_none())
                            .expect("sync bell");
                        bell.take().unwrap_or(false)
                    };
                    let info = {
                        let mut work = syncer.work.lock().expect("sync work");
                        step(&app, &mut work, requested, started)
                    };
                    if let Ok(mut i) = syncer.info.lock() {
                        *i = info.clone();
                    }
                    // A lost event only delays the window's figures to its next look.
                    let _ = app.emit("sync-status", info);
                }
            })
            .expect("the sync thread starts");
    }
}

/// One look: the connection kept in step with the app's open register, then the engine.
fn step(app: &AppHandle, inner: &mut Work, requested: bool, started: Instant) -> SyncInfo {
    let state = app.state::<AppState>();
    let wanted = state
        .with_open(|s| {
            s.filter(|s| is_enrolled_ward(s))
                .map(|s| (s.path().map(|p| p.to_path_buf()), s.account().cloned()))
        })
        .ok()
        .flatten();
    let Some((path, account)) = wanted else {
        inner.conn = None;
        return SyncInfo::not_enrolled();
    };
    let same = inner
        .conn
        .as_ref()
        .is_some_and(|c| c.path().map(|p| p.to_path_buf()) == path && c.account().cloned() == account);
    if !same {
        inner.conn = state.with_open(|s| s.map(Store::reopen)).ok().flatten().and_then(Result::ok);
    }
    let Some(conn) = inner.conn.as_mut() else { return SyncInfo::not_enrolled() };
    let Ok(Some(endpoint)) = conn.sync_endpoint() else { return SyncInfo::not_enrolled() };
    let url = endpoint.url.clone();
    let client = match Client::new(&endpoint.url, &endpoint.token, endpoint.pin.as_deref()) {
        Ok(c) => c,
        Err(e) => return SyncInfo { last_error: Some(e.to_string()), ..SyncInfo::not_enrolled() },
    };
    let event = if requested { Event::SyncNow } else { Event::Tick };
    let now = move || started.elapsed().as_millis() as u64;
    match drive(conn, &client, &mut inner.engine, event, &now) {
        Ok(Ended::Wipe) => {
            let path = conn.path().map(|p| p.to_path_buf());
            inner.conn = None;
            // The main connection goes too, before the files.
            let _ = state.take();
            if let Some(p) = path {
                let _ = motcua_core::store::remove_register(&p);
            }
            SyncInfo { phase: SyncPhase::Revoked, ..SyncInfo::not_enrolled() }
        }
        Ok(Ended::Waiting(status)) => {
            if status.last_sync.is_some() && status.last_sync != inner.last_cycle {
                inner.last_cycle = status.last_sync;
            }
            let unix = inner.last_cycle.map(|at| unix_ms_at(started, at));
            let conflicts = conn.conflicts().map_or(0, |c| c.len());
            SyncInfo::new(url, &status, conflicts, unix)
        }
        Err(e) => SyncInfo { last_error: Some(e.to_string()), ..SyncInfo::not_enrolled() },
    }
}

fn is_enrolled_ward(s: &Store) -> bool {
    s.register_meta().ok().flatten().is_some_and(|m| m.kind == RegisterKind::Real)
        && s.sync_endpoint().ok().flatten().is_some()
}

/// The wall-clock time (Unix ms) of engine time `at`.
fn unix_ms_at(started: Instant, at: u64) -> u64 {
    let ago = started.elapsed().as_millis() as u64 - at.min(started.elapsed().as_millis() as u64);
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64).saturating_sub(ago)
}
