//! `motcua bench sync`: the ward server and one device over loopback (TLS, pinned), both
//! real: the initial pull of the whole ward, then a backlog of offline edits pushed.

use std::time::Instant;

use clap::Args;
use motcua_core::access::{Officer, Role};
use motcua_core::store::{Credentials, FieldEdit, RegisterKind, RegisterMeta, Store};
use motcua_sync::client::{Client, Ended, drive};
use motcua_sync::engine::{Config, Engine, Event};

use super::{build_kind, ms};

#[derive(Args)]
pub struct SyncBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    residents: usize,
    /// Offline edits queued on the device before it reconnects.
    #[arg(long, default_value_t = 10_000)]
    edits: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: SyncBenchArgs) -> anyhow::Result<()> {
    println!("residents {}  edits {}  ({} build)", args.residents, args.edits, build_kind());
    let dir = tempfile::tempdir()?;
    let ward = motcua_demo::generate(&motcua_demo::DemoConfig {
        residents: args.residents,
        seed: args.seed,
        ..Default::default()
    })?;
    let meta = RegisterMeta {
        kind: RegisterKind::Real,
        ward_code: ward.ward_code,
        ward: ward.ward,
        province: ward.province,
    };
    let mut server_store = Store::open(&dir.path().join("server.sqlite3"), None)?;
    server_store.create_register(&meta, &ward.records, &mut |_, _| {})?;
    let officer =
        Officer { login: "lan.nt".into(), full_name: "Nguyễn Thị Lan".into(), role: Role::DeskOfficer };
    let (_, code) = server_store.add_device("bench", &officer, None)?;
    let server = motcua_server::Server::new(server_store)?;

    let identity = motcua_server::Identity::load_or_create(&dir.path().join("server.sqlite3"))?;
    let pin = identity.fingerprint.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("https://{}", listener.local_addr()?);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
        rt.block_on(async move { motcua_server::serve_tls(listener, server, &identity).await })
    });

    let enrolled = Client::enroll(&url, &code, Some(&pin))?;
    let creds = Credentials::new("lan.nt", "mật khẩu của Lan");
    let mut device = Store::open(&dir.path().join("device.sqlite3"), Some(&creds))?;
    device.init_register(&meta)?;
    device.set_up_owner(Role::DeskOfficer, &enrolled.full_name)?;
    let client = Client::new(&url, &enrolled.token, Some(&pin))?;
    let start = Instant::now();
    let now = move || start.elapsed().as_millis() as u64;
    let mut engine = Engine::new(Config::default(), 0, 1);

    let t = Instant::now();
    let ended = drive(&mut device, &client, &mut engine, Event::SyncNow, &now)?;
    let pull = t.elapsed();
    anyhow::ensure!(
        matches!(ended, Ended::Waiting(ref s) if s.last_error.is_none()),
        "the pull failed: {ended:?}"
    );
    let pulled = device.count_persons()?;
    println!(
        "initial pull (encrypted device)  {:>9.1} ms  {pulled} residents, {:.0}/s",
        ms(pull),
        pulled as f64 / pull.as_secs_f64()
    );

    let t = Instant::now();
    for i in 0..args.edits {
        let ma = &ward.records[i % ward.records.len()].ma_ban_ghi;
        let version = device.person_detail(ma)?.version;
        let value = format!("09{:08}", i);
        device.edit_field(&FieldEdit {
            ma_ban_ghi: ma.clone(),
            field: "so_dien_thoai".into(),
            value: Some(value),
            base_version: version,
        })?;
    }
    println!("{} offline edits queued         {:>9.1} ms", args.edits, ms(t.elapsed()));

    let t = Instant::now();
    let ended = drive(&mut device, &client, &mut engine, Event::SyncNow, &now)?;
    let push = t.elapsed();
    let Ended::Waiting(status) = ended else { anyhow::bail!("revoked") };
    anyhow::ensure!(
        status.pending == 0 && status.last_error.is_none(),
        "the push did not finish: {status:?}"
    );
    println!(
        "push {} edits and pull them back {:>9.1} ms  {:.0} ops/s",
        args.edits,
        ms(push),
        args.edits as f64 / push.as_secs_f64()
    );
    Ok(())
}
