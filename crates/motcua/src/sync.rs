//! `motcua serve` (the ward server), `motcua device` (its devices), `motcua enroll` and
//! `motcua sync` (a device's side).

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use motcua_core::access::{Officer, Role};
use motcua_core::store::{Credentials, RegisterKind, RegisterMeta, Store, SyncEndpoint};
use motcua_sync::client::{Client, Ended, drive};
use motcua_sync::engine::{Config, Engine, Event};

use crate::output::{key_for, open_existing};
use crate::staff::RoleArg;

#[derive(Args)]
pub struct ServeArgs {
    /// The ward's register (made by `motcua import`).
    #[arg(long)]
    db: PathBuf,
    /// Address to listen on, e.g. 0.0.0.0:8443; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8443")]
    listen: String,
}

pub fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let store = open_existing(&args.db)?;
    if store.register_meta()?.is_none_or(|m| m.kind != RegisterKind::Real) {
        bail!("{} is not a ward's real register: a demo ward never syncs", args.db.display());
    }
    let identity = motcua_server::Identity::load_or_create(&args.db)
        .context("cannot make or read the server's certificate")?;
    let server = motcua_server::Server::new(store)?;
    let listener = std::net::TcpListener::bind(&args.listen)
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    // Scripts (and tests) read the address from this first line. Whoever started the
    // server may stop reading: a closed stdout must not stop it.
    {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on https://{}", listener.local_addr()?);
        let _ = writeln!(out, "certificate fingerprint {}", identity.fingerprint);
        let _ = out.flush();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        tokio::select! {
            served = motcua_server::serve_tls(listener, server, &identity) => served.context("the server stopped"),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

#[derive(Args)]
pub struct DeviceArgs {
    #[command(subcommand)]
    command: DeviceCommand,
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// Register a device for an officer; prints its one-time enrollment code.
    Add {
        #[arg(long)]
        db: PathBuf,
        /// What the device is, e.g. "Laptop tổ 3".
        #[arg(long)]
        name: String,
        #[arg(long)]
        login: String,
        #[arg(long)]
        full_name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A residential group the device holds (repeat for several), e.g. "Tổ dân phố
        /// số 3": a mobile team's laptop pulls and edits only those. Default: the ward.
        #[arg(long = "group")]
        groups: Vec<String>,
    },
    /// List the devices as JSON lines.
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// Revoke a device: refused from now on, and told to wipe its copy at next contact.
    Revoke {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        device: String,
    },
}

pub fn device(args: DeviceArgs) -> anyhow::Result<()> {
    match args.command {
        DeviceCommand::Add { db, name, login, full_name, role, groups } => {
            let officer = Officer { login, full_name, role: Role::from(role) };
            let scope = (!groups.is_empty()).then_some(groups.as_slice());
            let (id, code) = open_existing(&db)?.add_device(&name, &officer, scope)?;
            let identity = motcua_server::Identity::load_or_create(&db)
                .context("cannot make or read the server's certificate")?;
            // The admin hands both over: the code enrolls, the fingerprint proves the server.
            println!("device {id}\nenrollment code {code}\ncertificate fingerprint {}", identity.fingerprint);
        }
        DeviceCommand::List { db } => {
            for d in open_existing(&db)?.devices()? {
                println!("{}", serde_json::to_string(&d)?);
            }
        }
        DeviceCommand::Revoke { db, device } => {
            open_existing(&db)?.revoke_device(&device)?;
            println!("revoked {device}");
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct EnrollArgs {
    /// The device's register to make (encrypted: MOTCUA_PASSWORD is the officer's).
    #[arg(long)]
    db: PathBuf,
    /// The ward server, e.g. http://10.0.0.2:8443.
    #[arg(long)]
    server: String,
    /// The code the ward admin gave.
    #[arg(long)]
    code: String,
    /// The server certificate's fingerprint the ward admin gave with the code.
    #[arg(long)]
    fingerprint: Option<String>,
}

/// Enrolls this device and makes its register, encrypted, for the officer the device is
/// bound to (with MOTCUA_PASSWORD as their password), then pulls the ward.
pub fn enroll(args: EnrollArgs) -> anyhow::Result<()> {
    if args.db.exists() {
        bail!("{} exists: a device enrolls into a new register", args.db.display());
    }
    let Some(password) = std::env::var_os("MOTCUA_PASSWORD").and_then(|p| p.into_string().ok()) else {
        bail!("set MOTCUA_PASSWORD: the device's register is encrypted with the officer's password");
    };
    let pin = args.fingerprint.as_deref().map(motcua_sync::tls::normalize_fingerprint);
    let enrolled = Client::enroll(&args.server, &args.code, pin.as_deref())?;
    let creds = Credentials::new(enrolled.officer.clone(), password);
    let mut store = Store::open(&args.db, Some(&creds))?;
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: enrolled.ward_code,
        ward: enrolled.ward,
        province: enrolled.province,
    };
    store.init_register(&meta)?;
    // The device's owner is its officer: the account the register was made for holds the
    // officer's role, not the first-admin default.
    let role = Role::from_code(&enrolled.role).context("the server sent an unknown role")?;
    store.set_up_owner(role, &enrolled.full_name)?;
    store.set_sync_endpoint(&SyncEndpoint {
        url: args.server.clone(),
        token: enrolled.token.clone(),
        pin,
    })?;
    drop(store);
    println!("enrolled device {} for {} ({})", enrolled.device_id, enrolled.officer, enrolled.role);
    run_sync(&args.db, Some(creds))
}

#[derive(Args)]
pub struct SyncArgs {
    #[arg(long)]
    db: PathBuf,
}

pub fn sync(args: SyncArgs) -> anyhow::Result<()> {
    let key = key_for(&args.db)?;
    run_sync(&args.db, key)
}

fn run_sync(db: &std::path::Path, key: Option<Credentials>) -> anyhow::Result<()> {
    let mut store = Store::open(db, key.as_ref())?;
    let endpoint =
        store.sync_endpoint()?.context("this register is not enrolled with a ward server (motcua enroll)")?;
    let client = Client::new(&endpoint.url, &endpoint.token, endpoint.pin.as_deref())?;
    let mut engine = Engine::new(Config::default(), 0, std::process::id() as u64);
    let start = std::time::Instant::now();
    let now = move || start.elapsed().as_millis() as u64;
    match drive(&mut store, &client, &mut engine, Event::SyncNow, &now)? {
        Ended::Wipe => {
            drop(store);
            motcua_core::store::remove_register(db)?;
            bail!("the ward admin revoked this device: its register {} has been wiped", db.display());
        }
        Ended::Waiting(status) => {
            let conflicts = Store::open(db, key.as_ref())?.conflicts()?.len();
            println!(
                "{}",
                serde_json::json!({
                    "phase": format!("{:?}", status.phase),
                    "pending": status.pending,
                    "conflicts": conflicts,
                    "error": status.last_error,
                })
            );
            match status.last_error {
                Some(e) => bail!("sync did not finish: {e}"),
                None => Ok(()),
            }
        }
    }
}
