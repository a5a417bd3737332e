//! `motcua bench dashboard`: the time to compute the progress figures on a demo ward of
//! N residents with M applications (and the review's findings), in process as the app
//! computes them, for a month and for a year.

use std::time::Instant;

use chrono::Days;
use clap::Args;
use motcua_core::store::{DashboardQuery, Store};
use motcua_demo::DemoConfig;

use super::{Latencies, build_kind};

#[derive(Args)]
pub struct DashboardBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    residents: usize,
    #[arg(long, default_value_t = 100_000)]
    applications: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, default_value_t = 20)]
    runs: usize,
}

pub fn run(args: DashboardBenchArgs) -> anyhow::Result<()> {
    println!(
        "residents {}  applications {}  seed {}  ({} build)",
        args.residents,
        args.applications,
        args.seed,
        build_kind()
    );
    let dir = tempfile::tempdir()?;
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };
    let ward = motcua_demo::generate(&config)?;
    let mut store = Store::open(&dir.path().join("ward.sqlite3"), None)?;
    super::write_demo_ward(&mut store, &ward)?;
    let last = chrono::Local::now().date_naive();
    let uploads = motcua_demo::applications::generate(&ward.records, args.applications, args.seed, last, 365);
    store.seed_applications(&uploads)?;
    let t = Instant::now();
    let (run, _) = store.run_review()?;
    println!("setup: review {} findings in {:.1} s", run.findings, t.elapsed().as_secs_f64());
    println!("\n{:<34} {:>6} {:>8} {:>8} {:>8}", "dashboard (ms)", "n", "p50", "p99", "max");
    // The screen lists the 100 longest overdue files (as the app asks); a report lists
    // every one with its reason.
    for (label, days, listed) in [
        ("screen, last 30 days", 29u64, Some(100)),
        ("screen, last 365 days", 364, Some(100)),
        ("report, last 365 days", 364, None),
    ] {
        let q =
            DashboardQuery { overdue_listed: listed, ..DashboardQuery::new(last - Days::new(days), last) };
        let mut times = Latencies::default();
        let (mut filed, mut overdue) = (0, 0);
        for n in 0..=args.runs {
            let t = Instant::now();
            let d = store.dashboard(&q)?;
            if n > 0 {
                times.push(t.elapsed());
            }
            (filed, overdue) = (d.total.filed, d.overdue_count);
        }
        println!("{:<34} {}   ({filed} filed, {overdue} overdue)", label, times.summary());
    }
    Ok(())
}
