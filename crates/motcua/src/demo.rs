//! `motcua demo`: a deterministic synthetic ward for training and tests.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use motcua_core::date::PartialDate;
use motcua_core::store::{RegisterKind, RegisterMeta};
use motcua_demo::DemoConfig;

#[derive(Args)]
pub struct DemoArgs {
    /// Where to create the register (a new file).
    #[arg(long)]
    db: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    residents: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The ward (2025 commune code).
    #[arg(long, default_value = "00004")]
    ward: String,
    /// The day ages are counted on (dd/mm/yyyy); fixed by default so output is repeatable.
    #[arg(long)]
    as_of: Option<String>,
    /// Also write which records are one person and which problems were planted (JSONL).
    #[arg(long)]
    truth: Option<PathBuf>,
    /// Replace an existing file at --db.
    #[arg(long)]
    force: bool,
    /// Also this many made-up applications over the 90 days up to --applications-until
    /// (for dashboards and reports in training).
    #[arg(long, default_value_t = 0)]
    applications: usize,
    /// The last day of those applications (YYYY-MM-DD); today by default.
    #[arg(long)]
    applications_until: Option<String>,
}

pub fn run(args: DemoArgs) -> anyhow::Result<()> {
    if args.db.exists() {
        if !args.force {
            bail!("{} already exists; pass --force to replace it", args.db.display());
        }
        motcua_core::store::remove_register(&args.db)
            .with_context(|| format!("cannot remove {}", args.db.display()))?;
    }
    let mut config =
        DemoConfig { residents: args.residents, seed: args.seed, ward_code: args.ward, ..Default::default() };
    if let Some(d) = &args.as_of {
        config.as_of = PartialDate::parse(d).with_context(|| format!("--as-of {d}"))?;
    }
    let bar = progress_bar(args.residents as u64, "generating");
    let ward = motcua_demo::generate_with_progress(&config, &mut |done, _| bar.set_position(done as u64))?;
    bar.finish_and_clear();

    let mut store = crate::output::open(&args.db)?;
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    let bar = progress_bar(ward.records.len() as u64, "writing");
    let report = store.create_register(&meta, &ward.records, &mut |done, _| bar.set_position(done as u64))?;
    bar.finish_and_clear();

    if args.applications > 0 {
        let last = match &args.applications_until {
            Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .with_context(|| format!("--applications-until {d}: expected YYYY-MM-DD"))?,
            None => chrono::Local::now().date_naive(),
        };
        let uploads =
            motcua_demo::applications::generate(&ward.records, args.applications, args.seed, last, 90);
        store.seed_applications(&uploads)?;
    }
    if let Some(path) = &args.truth {
        let mut out =
            BufWriter::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?);
        for t in &ward.truth {
            serde_json::to_writer(&mut out, t)?;
            writeln!(out)?;
        }
        out.flush()?;
    }
    eprintln!(
        "demo ward {}, {}: {} records in {} households -> {}",
        ward.ward,
        ward.province,
        report.persons,
        report.households,
        args.db.display()
    );
    Ok(())
}

/// Removes a database with its WAL side files, so no stale journal meets a new file.
fn progress_bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}
