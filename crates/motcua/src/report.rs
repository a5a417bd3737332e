//! `motcua report`, `figures` and `target`: the progress report of a date range as the
//! app writes it, the same figures as JSON, and the online-share targets.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use motcua_core::store::{DashboardQuery, ReportFormat};

use crate::output::open_existing;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Xlsx,
    Pdf,
}

/// A register and a range of days, as both commands take them.
#[derive(Args)]
pub struct RangeArgs {
    #[arg(long)]
    db: PathBuf,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    from: String,
    /// Last day (inclusive), YYYY-MM-DD.
    #[arg(long)]
    to: String,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    range: RangeArgs,
    #[arg(long, value_enum)]
    format: Format,
    #[arg(long)]
    out: PathBuf,
}

impl RangeArgs {
    fn query(&self) -> anyhow::Result<DashboardQuery> {
        let day = |s: &str, what: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .with_context(|| format!("--{what} {s}: expected YYYY-MM-DD"))
        };
        Ok(DashboardQuery::new(day(&self.from, "from")?, day(&self.to, "to")?))
    }
}

pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let q = args.range.query()?;
    let (format, ext) = match args.format {
        Format::Xlsx => (ReportFormat::Xlsx, "xlsx"),
        Format::Pdf => (ReportFormat::Pdf, "pdf"),
    };
    if !args.out.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        bail!("--out must end in .{ext} for --format {ext}");
    }
    let store = open_existing(&args.range.db)?;
    let d = store.write_report(&q, format, &args.out)?;
    println!(
        "wrote {}: {} filed, {} online ({}), {} overdue",
        args.out.display(),
        d.total.filed,
        d.total.online,
        d.total.share().map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "—".into()),
        d.overdue_count
    );
    Ok(())
}

#[derive(Args)]
pub struct FiguresArgs {
    #[command(flatten)]
    range: RangeArgs,
}

/// Prints the dashboard's figures of a range as one JSON object (on the ward server's
/// register: the whole ward's).
pub fn figures(args: FiguresArgs) -> anyhow::Result<()> {
    let q = args.range.query()?;
    let d = open_existing(&args.range.db)?.dashboard(&q)?;
    println!("{}", serde_json::to_string(&d)?);
    Ok(())
}

#[derive(Args)]
pub struct TargetArgs {
    #[arg(long)]
    db: PathBuf,
    /// The residential group the target is for; the whole ward when left out.
    #[arg(long)]
    group: Option<String>,
    /// The share of applications to be filed online, in percent (0–100); without it the
    /// targets are listed.
    #[arg(long)]
    percent: Option<f64>,
}

/// Sets an online-share target (a supervisor's), or lists them.
pub fn target(args: TargetArgs) -> anyhow::Result<()> {
    let mut store = open_existing(&args.db)?;
    if let Some(p) = args.percent {
        if !(0.0..=100.0).contains(&p) {
            bail!("--percent {p}: expected a number from 0 to 100");
        }
        store.set_target(args.group.as_deref(), p / 100.0)?;
    }
    let mut targets: Vec<(String, f64)> = store.targets()?.into_iter().collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    for (scope, share) in targets {
        let scope = if scope.is_empty() { "(toàn phường)".to_string() } else { scope };
        println!("{scope}\t{:.1}%", share * 100.0);
    }
    Ok(())
}
