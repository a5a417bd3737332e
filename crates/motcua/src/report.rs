//! `motcua report`: the progress report of a date range, as the app writes it.

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

#[derive(Args)]
pub struct ReportArgs {
    #[arg(long)]
    db: PathBuf,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    from: String,
    /// Last day (inclusive), YYYY-MM-DD.
    #[arg(long)]
    to: String,
    #[arg(long, value_enum)]
    format: Format,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let day = |s: &str, what: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").with_context(|| format!("--{what} {s}: expected YYYY-MM-DD"))
    };
    let q = DashboardQuery { from: day(&args.from, "from")?, to: day(&args.to, "to")? };
    let (format, ext) = match args.format {
        Format::Xlsx => (ReportFormat::Xlsx, "xlsx"),
        Format::Pdf => (ReportFormat::Pdf, "pdf"),
    };
    if !args.out.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        bail!("--out must end in .{ext} for --format {ext}");
    }
    let store = open_existing(&args.db)?;
    let d = store.write_report(&q, format, &args.out)?;
    println!(
        "wrote {}: {} filed, {} online ({}), {} overdue",
        args.out.display(),
        d.total.filed,
        d.total.online,
        d.total.share().map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "—".into()),
        d.overdue_applications.len()
    );
    Ok(())
}
