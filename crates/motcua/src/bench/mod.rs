//! `motcua bench`: the figures behind BENCHMARKS.md, measured on demo wards made for
//! the run. Speed is measured here, never asserted by unit tests.

mod dashboard;
mod fts;
mod import;
mod queries;
mod review;
mod search;
mod search_paired;
mod sync;

use std::time::Duration;

use clap::{Args, Subcommand};
use motcua_core::store::{RegisterKind, RegisterMeta, Store};
use motcua_demo::DemoWard;

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Search latency and recall@10, against a plain SQLite FTS5 baseline on the same register.
    Search(search::SearchBenchArgs),
    /// Import rate and peak memory of `motcua import` on a generated extract.
    Import(import::ImportBenchArgs),
    /// Precision/recall of review findings on a generated ward, and a full review's time and memory.
    Review(review::ReviewBenchArgs),
    /// Progress figures (the dashboard) on a ward of N residents and M applications.
    Dashboard(dashboard::DashboardBenchArgs),
    /// Initial pull and a pushed backlog of edits between the ward server and a device.
    Sync(sync::SyncBenchArgs),
}

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    match args.command {
        BenchCommand::Search(a) => search::run(a),
        BenchCommand::Import(a) => import::run(a),
        BenchCommand::Sync(a) => sync::run(a),
        BenchCommand::Review(a) => review::run(a),
        BenchCommand::Dashboard(a) => dashboard::run(a),
    }
}

/// Latencies of one kind of query.
#[derive(Default)]
struct Latencies(Vec<Duration>);

impl Latencies {
    fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    /// `p50 p99 max` in milliseconds, or dashes when nothing was measured.
    fn summary(&mut self) -> String {
        if self.0.is_empty() {
            return format!("{:>6} {:>8} {:>8} {:>8}", 0, "—", "—", "—");
        }
        self.0.sort();
        let at = |p: f64| ms(self.0[((self.0.len() - 1) as f64 * p).round() as usize]);
        format!("{:>6} {:>8.2} {:>8.2} {:>8.2}", self.0.len(), at(0.5), at(0.99), at(1.0))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// The latency at quantile `q` in milliseconds; 0 when nothing was measured.
    fn percentile(&mut self, q: f64) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.sort();
        ms(self.0[((self.0.len() - 1) as f64 * q).round() as usize])
    }

    fn median(&mut self) -> f64 {
        self.percentile(0.5)
    }

    /// `n median best worst` in milliseconds, for a few repeats of a long step.
    fn spread(&mut self) -> String {
        if self.0.is_empty() {
            return format!("{:>6} {:>8} {:>8} {:>8}", 0, "—", "—", "—");
        }
        self.0.sort();
        let median = ms(self.0[(self.0.len() - 1) / 2]);
        format!(
            "{:>6} {median:>8.1} {:>8.1} {:>8.1}",
            self.0.len(),
            ms(self.0[0]),
            ms(self.0[self.0.len() - 1])
        )
    }
}

/// Writes a generated ward into a new register as a demo ward.
fn write_demo_ward(store: &mut Store, ward: &DemoWard) -> anyhow::Result<()> {
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    store.create_register(&meta, &ward.records, &mut |_, _| {})?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn build_kind() -> &'static str {
    if cfg!(debug_assertions) { "debug" } else { "release" }
}
